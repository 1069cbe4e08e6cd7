"""PolicyGraph: a knowledge graph of Chinese government policy documents.

The code lives in `policygraph.graph` (model, stores), `policygraph.ingest` (documents →
GraphBatch), `policygraph.queries` (named questions) and `policygraph.api` (HTTP and pages).
"""
__version__ = "0.1.0"
