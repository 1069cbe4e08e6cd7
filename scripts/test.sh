#!/usr/bin/env bash
# Set up with the test extras and run the test suite. Extra arguments go to pytest.
# Browser tests run when POLICYGRAPH_BROWSER=1 and /usr/bin/chromium exists (.ci/run does both);
# Neo4j tests run when a Neo4j server can be started (see tests/neo4j_server).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh test
exec .venv/bin/python -m pytest -q "$@"
