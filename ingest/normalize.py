"""Normalisation for matching (placeholder: identity; replaced by the normalisation work)."""
from __future__ import annotations

from array import array

from .document import Normalised


def normalise(text: str) -> Normalised:
    return Normalised(text, text, array("l", range(len(text) + 1)))
