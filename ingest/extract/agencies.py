"""Agencies a document names → MENTIONS plan → agency, and the renames they have been through.

Names are found by `agency_names.find_mentions` on the normalised text, outside web debris
(版权所有, 主管/主办, 来源, 责任编辑, navigation trails); generic words (各部门, 有关单位)
are never agencies. Each name resolves against the jurisdiction of the plan it is read in
(`canonical_agency`), keeps the name as written among its aliases, and gains:

- SUPERSEDES newer → older for each 机构改革 rename of `ingest/data/agency_renames.csv` that
  applies to it, with that table row as evidence;
- SUPERSEDES for a rename the document states itself (原X更名为Y, 组建Y…不再保留X), with the
  document's sentence as evidence.
"""
from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Mapping

from policygraph.graph.model import Agency, EdgeType, Evidence

from ..agency_names import (RENAMES_EVIDENCE_FILE, canonical_agency, find_collectives, find_mentions,
                            is_generic, successors)
from ..document import BatchBuilder, ParsedDoc

__all__ = ["extract", "debris_spans", "jurisdictions_at", "resolve", "add_renames"]

# a line that is page furniture, not the document
_DEBRIS = re.compile(
    r"版权|主管|主办|承办|协办单位:|来源|责任编辑|编辑:|审核:|首页|ICP|备案|网站地图|联系我们|技术支持|"
    r"浏览次数|点击数|打印|关闭窗口|分享到|扫一扫|当前位置|您的位置|免责|copyright|>|\|", re.I)


_LABEL = re.compile(r"(?:责任|牵头|配合|共同实施|参与|协同)(?:单位|部门)")
# the address line of a notice: recipients (各…, 有关…) listed and closed by a colon
_ADDRESSEES = re.compile(r"(?=.*(?:各|有关|所属|直属)).{2,200}:")


def debris_spans(doc: ParsedDoc) -> list[tuple[int, int]]:
    """Normalised [start, end) of the lines that are web-page debris, and of the address line
    of a notice (主送: "各县市区人民政府，市直各单位："), whose names are recipients."""
    out = []
    pos = 0
    for line in doc.norm.text.splitlines(keepends=True):
        body = line.strip()
        if _DEBRIS.search(line) or _ADDRESSEES.fullmatch(body) and not _LABEL.search(body):
            out.append((pos, pos + len(line)))
        pos += len(line)
    return out


def _in(spans: list[tuple[int, int]], i: int) -> bool:
    return any(s <= i < e for s, e in spans)


def _guess_jurisdictions(doc: ParsedDoc) -> dict[str, str]:
    """When no plan says where it governs: the division named most often near the top."""
    try:
        from .. import gazetteer
    except Exception:  # pragma: no cover
        return {}
    skip = debris_spans(doc)
    text = doc.norm.text
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for m in re.finditer(r"[\u4e00-\u9fff]{1,6}?(?:省|市|区|县)", text[:4000]):
        if _in(skip, m.start()):
            continue
        for k in range(len(m.group()), 1, -1):
            name = m.group()[-k:]
            div = gazetteer.lookup(name)
            if div is not None and name == div.name:
                counts[name] += 1
                first.setdefault(name, m.start())
                break
    if not counts:
        return {}
    rank = {"province": 3, "city": 2, "county": 1, "district": 1}
    top = min(first.values())
    titled = [n for n in counts if first[n] - top < 300 and first[n] < 1500]
    if titled:   # a place in the title region names the issuer's level (石峰区…实施方案)
        best = min(titled, key=lambda n: (rank.get(gazetteer.lookup(n).level, 0), first[n]))
    else:        # else the most named, the higher level on a tie
        best = max(counts, key=lambda n: (counts[n], rank.get(gazetteer.lookup(n).level, 0)))
    return gazetteer.jurisdictions(gazetteer.lookup(best))


def jurisdictions_at(doc: ParsedDoc, offset: int) -> Mapping[str, str]:
    """Where the plan holding original `offset` governs (guessed from the text when unknown)."""
    span = doc.plan_at(offset)
    if span is not None and span.jurisdictions:
        return span.jurisdictions
    key = (doc.file, doc.source.sha256, len(doc.text))
    if key not in _GUESSED:
        if len(_GUESSED) > 64:
            _GUESSED.clear()
        _GUESSED[key] = _guess_jurisdictions(doc)
    return _GUESSED[key]


_GUESSED: dict[tuple, dict[str, str]] = {}


def resolve(doc: ParsedDoc, norm_start: int, norm_end: int) -> Agency:
    """The Agency for the name at normalised [start, end), as written in the original."""
    o_start, o_end = doc.norm.original_span(norm_start, norm_end)
    written = doc.text[o_start:o_end]
    return canonical_agency(written, jurisdictions_at(doc, o_start))


def add_renames(out: BatchBuilder, agency: Agency) -> None:
    """SUPERSEDES newer → older for each table rename of `agency`, evidence = the table row."""
    for newer, older, row in successors(agency):
        ev = Evidence(RENAMES_EVIDENCE_FILE, row.start, row.end, row.row_text)
        # the row's source is in the quote; a `source` property would clash with the edge's
        # endpoint key in Edge.to_dict()
        out.link(newer, older, EdgeType.SUPERSEDES, ev, rule="agency_rename_table",
                 category="agencies", year=row.year)


_STATED_RENAME = (
    # 原X更名为Y / 将X更名为Y / X更名为Y
    re.compile(r"(?:原|将)?(?P<old>[^,;。、\s]{2,30}?)(?:更名为|改名为|更名|改称)(?P<new>[^,;。、\s]{2,30}?)(?=[,;。、\s]|$)"),
    # 组建Y…不再保留X
    re.compile(r"组建(?P<new>[^,;。、\s]{2,30}?)[,;，].{0,80}?不再保留(?P<old>[^,;。、\s]{2,30}?)(?=[,;。、\s]|$)"),
)


def _stated_renames(doc: ParsedDoc, out: BatchBuilder, skip: list[tuple[int, int]]) -> None:
    text = doc.norm.text
    for pattern in _STATED_RENAME:
        for m in pattern.finditer(text):
            if _in(skip, m.start()):
                continue
            names = {}
            for role in ("old", "new"):
                found = [x for x in find_mentions(m[role]) if x.start == 0 and x.end == len(m[role])]
                if not found:
                    break
                names[role] = resolve(doc, m.start(role), m.end(role))
            if len(names) != 2 or names["old"].id == names["new"].id:
                continue
            s, e = doc.sentence_around(*doc.norm.original_span(m.start(), m.end()))
            ev = doc.evidence(s, e)
            out.link(names["new"], names["old"], EdgeType.SUPERSEDES, ev, rule="agency_rename_stated",
                     category="agencies")


def extract(doc: ParsedDoc, out: BatchBuilder) -> None:
    text = doc.norm.text
    skip = debris_spans(doc)
    mentions = find_mentions(text)
    # X(Y): a name in brackets right after another is its other name (市水利局(市水务局))
    by_start = {m.start: m for m in mentions}
    other_names: dict[int, list[int]] = {}
    asides: set[int] = set()
    for m in mentions:
        inner = by_start.get(m.end + 1)
        if text[m.end:m.end + 1] == "(" and inner is not None and text[inner.end:inner.end + 1] == ")":
            other_names.setdefault(m.start, []).append(inner.start)
            asides.add(inner.start)
    collectives = find_collectives(text)
    # a collective name holds what reads as a name of its own (各市(县)、区人民政府 ⊃ 区人民政府)
    mentions = [m for m in mentions if not any(c.start <= m.start < c.end for c in collectives)]
    for m in sorted(mentions + collectives, key=lambda x: x.start):
        if m.start in asides or _in(skip, m.start) or is_generic(m.name):
            continue
        o_start, o_end = doc.norm.original_span(m.start, m.end)
        span = doc.plan_at(o_start)
        agency = resolve(doc, m.start, m.end)
        for k in other_names.get(m.start, ()):
            written = doc.text[slice(*doc.norm.original_span(k, by_start[k].end))]
            agency = dataclasses.replace(agency, aliases=tuple(dict.fromkeys(agency.aliases + (written,))))
        if span is not None:
            out.link(span.plan, agency, EdgeType.MENTIONS, doc.evidence(o_start, o_end),
                     rule=f"agency_{m.rule}", category="agencies")
        else:
            out.node(agency)
        add_renames(out, agency)
    _stated_renames(doc, out, skip)
