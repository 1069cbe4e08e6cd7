"""A static chart of an indicator's targets: value by year, one series per level, as numbers
for an inline SVG the template draws (no JavaScript, no chart library).

Only absolute targets with a numeric value and a year are drawn, in the unit most of them
use; `left_out` says how many rows were not (relative changes, other units, no year).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from policygraph.queries.models import TargetRow

__all__ = ["Point", "Series", "Chart", "target_chart", "LEVEL_COLOURS"]

LEVEL_COLOURS = {"national": "#76448a", "province": "#4e79a7", "city": "#f28e2b", "county": "#59a14f",
                 "district": "#e15759", None: "#9c9c9c"}
W, H = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 56, 120, 28, 36


@dataclass(frozen=True, slots=True)
class Point:
    x: float
    y: float
    title: str


@dataclass(frozen=True, slots=True)
class Series:
    level: str
    colour: str
    points: tuple[Point, ...]
    path: str          # SVG path data joining the points by year


@dataclass(frozen=True, slots=True)
class Chart:
    width: int
    height: int
    unit: str
    x_ticks: tuple[tuple[float, str], ...]
    y_ticks: tuple[tuple[float, str], ...]
    series: tuple[Series, ...]
    left_out: int
    plot: tuple[float, float, float, float]   # left, top, right, bottom of the plot area


def _nice(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else f"{v:.2f}".rstrip("0").rstrip(".")


def target_chart(rows: tuple[TargetRow, ...] | list[TargetRow]) -> Chart | None:
    """The chart of `rows`, or None when no row can be drawn."""
    usable = [r for r in rows if isinstance(r.value, (int, float)) and not isinstance(r.value, bool)
              and isinstance(r.year, int) and r.comparator not in ("decrease_by", "increase_by")]
    if not usable:
        return None
    unit = Counter(r.unit or "" for r in usable).most_common(1)[0][0]
    usable = [r for r in usable if (r.unit or "") == unit]
    years = sorted({r.year for r in usable})
    values = [float(r.value) for r in usable]  # type: ignore[arg-type]
    lo, hi = min(values), max(values)
    if lo == hi:
        lo, hi = lo - 1, hi + 1
    pad = (hi - lo) * 0.1
    lo, hi = lo - pad, hi + pad
    y0, y1 = min(years), max(years)
    if y0 == y1:
        y0, y1 = y0 - 1, y1 + 1
    left, top, right, bottom = LEFT, TOP, W - RIGHT, H - BOTTOM

    def sx(year: int) -> float:
        return round(left + (year - y0) / (y1 - y0) * (right - left), 1)

    def sy(value: float) -> float:
        return round(bottom - (value - lo) / (hi - lo) * (bottom - top), 1)

    by_level: dict[str | None, list[TargetRow]] = {}
    for r in usable:
        by_level.setdefault(r.level, []).append(r)
    order = list(LEVEL_COLOURS)
    series = []
    for level in sorted(by_level, key=lambda lv: order.index(lv) if lv in order else 99):
        pts = sorted(by_level[level], key=lambda r: (r.year, float(r.value)))  # type: ignore[arg-type]
        points = tuple(Point(sx(r.year), sy(float(r.value)),  # type: ignore[arg-type]
                             f"{r.year}: {_nice(float(r.value))}{unit} — {r.plan.name if r.plan else '?'}")
                       for r in pts)
        path = " ".join(("M" if i == 0 else "L") + f"{p.x} {p.y}" for i, p in enumerate(points))
        series.append(Series(level or "unknown", LEVEL_COLOURS.get(level, "#9c9c9c"), points, path))
    step = (hi - lo) / 4
    y_ticks = tuple((sy(lo + i * step), _nice(round(lo + i * step, 2))) for i in range(5))
    x_ticks = tuple((sx(y), str(y)) for y in years)
    return Chart(W, H, unit, x_ticks, y_ticks, tuple(series), len(rows) - len(usable),
                 (left, top, right, bottom))
