"""FastAPI: JSON endpoints and HTML pages over the named queries."""
