"""Ingest: documents in, GraphBatch out. Knows nothing of stores."""
