"""A real Neo4j Community server for the tests, fetched from Maven Central and started here.

No Docker engine runs on the test machines, so the tests get Neo4j the way Java projects do:
`mvn dependency:copy-dependencies` fetches the embedded DBMS (`org.neo4j:neo4j` + Bolt, version
in pom.xml), `javac` compiles Launcher.java beside this file, and `java` runs it with Bolt on
127.0.0.1 and a free port, no auth, data in a temporary folder. Maven's downloads are cached
(~/.m2 and $POLICYGRAPH_NEO4J_CACHE, default ~/.cache/policygraph/neo4j).

    python -m tests.neo4j_server.server --provision   # fetch + compile only (used by .ci/run)
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
CACHE = Path(os.environ.get("POLICYGRAPH_NEO4J_CACHE", Path.home() / ".cache" / "policygraph" / "neo4j"))
START_TIMEOUT = float(os.environ.get("POLICYGRAPH_NEO4J_START_TIMEOUT", "120"))


class ServerUnavailable(RuntimeError):
    """Neo4j could not be provisioned or started here; the message says why."""


def _version() -> str:
    text = (HERE / "pom.xml").read_text(encoding="utf-8")
    return text.split("<neo4j.version>", 1)[1].split("<", 1)[0]


def provision() -> tuple[Path, Path]:
    """Fetch the jars and compile the launcher (cached); returns (lib dir, classes dir)."""
    for tool in ("mvn", "javac", "java"):
        if shutil.which(tool) is None:
            raise ServerUnavailable(f"{tool} not found: Neo4j tests need Java 17+ and Maven")
    root = CACHE / _version()
    lib, classes = root / "lib", root / "classes"
    if not (root / ".jars-ok").exists():
        lib.mkdir(parents=True, exist_ok=True)
        proc = subprocess.run(
            ["mvn", "-q", "-B", "-f", str(HERE / "pom.xml"), "dependency:copy-dependencies",
             f"-DoutputDirectory={lib}"],
            capture_output=True, text=True, timeout=1200)
        if proc.returncode != 0:
            raise ServerUnavailable(f"mvn could not fetch Neo4j {_version()}: {(proc.stdout + proc.stderr)[-800:]}")
        (root / ".jars-ok").touch()
    launcher = HERE / "Launcher.java"
    stamp = classes / f".built-{int(launcher.stat().st_mtime)}"
    if not stamp.exists():
        shutil.rmtree(classes, ignore_errors=True)
        classes.mkdir(parents=True)
        proc = subprocess.run(["javac", "-d", str(classes), "-cp", f"{lib}/*", str(launcher)],
                              capture_output=True, text=True, timeout=300)
        if proc.returncode != 0:
            raise ServerUnavailable(f"javac failed on Launcher.java: {proc.stderr[-800:]}")
        stamp.touch()
    return lib, classes


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Neo4jServer:
    uri: str
    process: subprocess.Popen
    data_dir: Path

    def stop(self) -> None:
        if self.process.poll() is None:
            try:
                self.process.stdin.close()  # the launcher shuts down when stdin closes
                self.process.wait(timeout=30)
            except Exception:
                self.process.kill()
                self.process.wait(timeout=10)
        shutil.rmtree(self.data_dir, ignore_errors=True)


def start() -> Neo4jServer:
    """Provision and start a server; returns once it accepts Bolt connections."""
    lib, classes = provision()
    port = _free_port()
    data = Path(tempfile.mkdtemp(prefix="policygraph-neo4j-"))
    heap = os.environ.get("POLICYGRAPH_NEO4J_HEAP", "1g")
    proc = subprocess.Popen(
        ["java", f"-Xmx{heap}", "-cp", f"{classes}:{lib}/*", "Launcher", str(data), str(port)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines: list[str] = []
    ready = threading.Event()

    def pump() -> None:
        for line in proc.stdout:
            lines.append(line)
            if line.startswith("READY"):
                ready.set()

    threading.Thread(target=pump, daemon=True).start()
    deadline = time.monotonic() + START_TIMEOUT
    while not ready.is_set():
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            shutil.rmtree(data, ignore_errors=True)
            raise ServerUnavailable("Neo4j did not start: " + "".join(lines[-20:])[-1500:])
        ready.wait(0.2)
    return Neo4jServer(f"bolt://127.0.0.1:{port}", proc, data)


if __name__ == "__main__":
    if "--provision" in sys.argv:
        lib, classes = provision()
        print(f"Neo4j {_version()} ready to start: {lib}")
    else:
        server = start()
        print(server.uri)
        try:
            input("press Enter to stop\n")
        finally:
            server.stop()
