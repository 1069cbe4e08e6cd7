"""Readers: a file's bytes → SourceText (placeholder: UTF-8 text only; replaced by the readers work)."""
from __future__ import annotations

import hashlib
from pathlib import Path

from policygraph.graph.errors import UnreadableFile

from .document import SourceText

SUPPORTED_SUFFIXES = frozenset({".txt", ".md", ".html", ".htm", ".pdf", ".docx"})


def read_document(path: Path, name: str) -> SourceText:
    data = path.read_bytes()
    if not data.strip():
        raise UnreadableFile(name, "the file is empty")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnreadableFile(name, f"not UTF-8: {exc}") from exc
    return SourceText(name, path, text, "utf-8", path.suffix.lstrip(".").lower(), hashlib.sha256(data).hexdigest())
