"""The README's scripts do what the README says: scripts/demo.sh ingests the examples and serves."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# A stand-in `policygraph` that logs its arguments; its --help names `serve` early and goes on
# writing, as the real help does, so a reader that stops at the first match breaks its pipe.
FAKE_CLI = """#!/bin/sh
echo "$*" >> "$(dirname "$0")/calls.log"
if [ "$1" = "--help" ]; then echo "serve"; sleep 0.3; i=0; while [ $i -lt 2000 ]; do echo "help line $i"; i=$((i+1)); done; fi
exit 0
"""


def test_demo_script_ingests_the_examples_then_serves(tmp_path: Path) -> None:
    (tmp_path / "scripts").mkdir()
    shutil.copy(ROOT / "scripts" / "demo.sh", tmp_path / "scripts" / "demo.sh")
    (tmp_path / "scripts" / "setup.sh").write_text("#!/bin/sh\nexit 0\n")
    (tmp_path / "scripts" / "setup.sh").chmod(0o755)
    (tmp_path / ".venv" / "bin").mkdir(parents=True)
    fake = tmp_path / ".venv" / "bin" / "policygraph"
    fake.write_text(FAKE_CLI)
    fake.chmod(0o755)
    env = {"PATH": "/usr/bin:/bin", "PORT": "8123", "POLICYGRAPH_STORE": str(tmp_path / "data")}
    proc = subprocess.run(["bash", str(tmp_path / "scripts" / "demo.sh")], env=env, capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    calls = (tmp_path / ".venv" / "bin" / "calls.log").read_text().splitlines()
    assert calls[0] == f"ingest examples/ --store {tmp_path / 'data'}"
    assert calls[-1] == f"serve --store {tmp_path / 'data'} --host 127.0.0.1 --port 8123"
