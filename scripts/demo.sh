#!/usr/bin/env bash
# The main job: set up, ingest the bundled examples into the embedded store, serve the UI.
#   ./scripts/demo.sh            → http://127.0.0.1:8000
#   PORT=8080 ./scripts/demo.sh
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
STORE=${POLICYGRAPH_STORE:-policygraph-data}
.venv/bin/policygraph ingest examples/ --store "$STORE"
if .venv/bin/policygraph --help | grep -q serve; then
  exec .venv/bin/policygraph serve --store "$STORE" --host "${HOST:-127.0.0.1}" --port "${PORT:-8000}"
else
  .venv/bin/policygraph stats --store "$STORE"
fi
