#!/usr/bin/env bash
# The main job: set up, ingest the bundled examples into the embedded store, serve the UI.
#   ./scripts/demo.sh            → http://127.0.0.1:8000
#   PORT=8080 ./scripts/demo.sh
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
STORE=${POLICYGRAPH_STORE:-policygraph-data}
# ingest exits 1 when a file was skipped (each named above); the good ones are stored, so serve them
.venv/bin/policygraph ingest examples/ --store "$STORE" || echo "ingest reported errors (see above); serving what was stored"
exec .venv/bin/policygraph serve --store "$STORE" --host "${HOST:-127.0.0.1}" --port "${PORT:-8000}"
