"""Named queries analysts ask, answered alike by every store."""
