"""The graph model and the stores behind one interface."""
