"""Administrative divisions (name, level, code, parent) from a packaged gazetteer.

(placeholder API; replaced by the places work)
"""
from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Division", "lookup", "chain", "jurisdictions"]


@dataclass(frozen=True, slots=True)
class Division:
    name: str            # 株洲市
    code: str            # 430200
    level: str           # province / city / county / district
    parent_code: str | None = None


def lookup(name: str, *, within: str | None = None) -> Division | None:
    """The division called `name` (full or short form: 株洲市 / 株洲), preferring one inside
    the division named `within` when several share the name."""
    return None


def chain(division: Division) -> list[Division]:
    """The division and its ancestors up to the province."""
    return [division]


def jurisdictions(division: Division) -> dict[str, str]:
    """{"province": …, "city": …, "district"/"county": …} for the division and its ancestors."""
    return {d.level: d.name for d in chain(division)}
