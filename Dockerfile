# PolicyGraph API image: `docker compose up` runs it beside Neo4j (see docker-compose.yml).
FROM python:3.11-slim
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PYTHONUNBUFFERED=1
WORKDIR /app
COPY pyproject.toml README.md ./
COPY policygraph ./policygraph
COPY graph ./graph
COPY ingest ./ingest
COPY queries ./queries
COPY api ./api
COPY examples ./examples
RUN pip install --no-cache-dir .
EXPOSE 8000
# Ingest the bundled examples into the store named by POLICYGRAPH_STORE (idempotent: a restart
# replaces the same facts), then serve, even when some example was skipped.
CMD ["sh", "-c", "policygraph ingest examples/ --store \"$POLICYGRAPH_STORE\" -q || echo 'ingest reported errors (see above)'; exec policygraph serve --store \"$POLICYGRAPH_STORE\" --host 0.0.0.0 --port 8000"]
