"""Agencies a document names → MENTIONS plan → agency, and the renames they have been through.

Names are found by `agency_names.find_mentions` on the normalised text, outside web debris
(版权所有, 主管/主办, 来源, 责任编辑, navigation trails); generic words (各部门, 有关单位)
are never agencies, and a company (国网X供电公司) is one only where it owns work (a list of
units, a clause it opens with 牵头/负责/配合). Each name resolves against the jurisdiction of the plan it is read in
(`canonical_agency`), keeps the name as written among its aliases, and gains:

- SUPERSEDES newer → older for each 机构改革 rename of `ingest/data/agency_renames.csv` that
  applies to it, with that table row as evidence;
- SUPERSEDES for a rename the document states itself (原X更名为Y, 组建Y…不再保留X), with the
  document's sentence as evidence.
"""
from __future__ import annotations

import dataclasses
import re
from functools import lru_cache
from dataclasses import dataclass
from collections import Counter
from collections.abc import Mapping

from policygraph.graph.model import Agency, EdgeType, Evidence

from ..agency_names import (RENAMES_EVIDENCE_FILE, canonical_agency, find_collectives, find_mentions,
                            is_generic, shared_tail_members, successors)
from ..document import BatchBuilder, ParsedDoc

__all__ = ["extract", "debris_spans", "jurisdictions_at", "resolve", "add_renames", "StatedRename",
           "stated_renames"]

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
    return list(_debris_spans_of(doc.norm.text))


# Cached because responsibility and agencies both ask for them, per document.
@lru_cache(maxsize=4)
def _debris_spans_of(text: str) -> tuple[tuple[int, int], ...]:
    out = []
    pos = 0
    after_label = False
    for line in text.splitlines(keepends=True):
        body = line.strip()
        # an address line lists recipients: no sentence (。), no "…通知如下:"
        if _is_debris(line, after_label) or (_ADDRESSEES.fullmatch(body) and not _LABEL.search(body)
                                             and "。" not in body and not body.endswith("如下:")):
            out.append((pos, pos + len(line)))
        if body:
            after_label = bool(_OWNER_LINE.match(body))
        pos += len(line)
    return tuple(out)


# 主办 / 承办 / 协办单位: a web footer's, unless the line is a responsibility note: after a
# sentence or inside a bracket ("…。(主办单位:市商务局;协办单位:市贸促会)"), beside another role
# label, or a line of its own under a 牵头单位/责任单位 line
_FOOTER_ROLE = re.compile(r"主办|承办|协办单位:")
_NOTE_CONTEXT = re.compile(r"[。(;]\s*(?:主办|承办|协办)|(?:责任|牵头|配合|协助|参与|协同)(?:单位|部门)")
_OWNER_LINE = re.compile(r"(?:责任|牵头|主办|主责|负责|配合|协助|协办|参与)(?:单位|部门)\s*:")


def _is_debris(line: str, after_label: bool) -> bool:
    hits = [m.group() for m in _DEBRIS.finditer(line)]
    if not hits:
        return False
    if all(_FOOTER_ROLE.fullmatch(h) for h in hits) and (
            _NOTE_CONTEXT.search(line) or (after_label and _OWNER_LINE.match(line.strip()))):
        return False
    return True


# a 文号 prefix: the issuer's abbreviation + a kind of paper (发 / 函 / 字 …) + the year in
# brackets (市政办发〔2022〕11号, 县政发[2021]3号, 区办函(2023)5号) names a paper, not an agency
_DOC_NUMBER_AFTER = re.compile(r"[\u4e00-\u9fff]{0,3}?\s*[〔\[【(（]\s*(?:19|20)\d\d\s*[〕\]】)）]")
# 区管委 / 县管委会 alone: "the zone's board", a generic reference (a named zone's 管委会 is an agency)
_BARE_BOARD = re.compile(r"[省市州县区镇]管委会?")


def _not_an_agency(text: str, start: int, end: int) -> bool:
    """Whether the name at text[start:end] is a 文号 prefix or a bare 区管委."""
    written = text[start:end]
    if _BARE_BOARD.fullmatch(written):
        return True
    return _DOC_NUMBER_AFTER.match(text, end) is not None


# A company (a state utility, `agency_names._companies`) is an agency of the document only where
# it owns work: in a labelled list of units (配合单位:国网X供电公司), or opening a clause whose
# role verb follows (…,县邮政分公司、各乡镇人民政府配合; 国网X供电公司负责…). Named in passing
# (与国网X供电公司签订协议) it is not.
_ROLE_WORD = re.compile(r"牵头|负责|配合|参与|协助|协同|共同实施|承担")
# a collective owner (各有关部门, 县直有关部门) owns work where a role word follows it at once
# (…配合 / 负责 / 落实 / 按职责分工负责), not where it is exhorted (市直部门要加强配合)
# (also as the first of a list: 各乡镇、县直有关部门负责)
_OWNER_ROLE_WORD = re.compile(r"^(?:[、和及与][^,;。:\n]{1,30}?)?(?:等(?:部门|单位)?)?[要应须]?(?:按照?职责分?工?|按职能)?,?"
                              r"(?:牵头|负责|配合|参与|协助|协同|共同实施|承担|落实|组织实施|抓好落实)")
_UNITS_LABEL = re.compile(r"(?:单位|部门)\s*:")


def _owns_work(text: str, start: int, end: int, role: re.Pattern = _ROLE_WORD) -> bool:
    clause_start = max(text.rfind(c, 0, start) for c in "。;\n") + 1
    before = text[clause_start:start]
    if _UNITS_LABEL.search(before):
        return True
    head = before.rstrip()
    if head and head[-1] not in ",(:、" and not head.endswith(("由", "请")):
        return False
    stop = re.compile(r"[。;\n)]").search(text, end)
    after = text[end:stop.start() if stop else len(text)]
    return text[end:end + 1] != "的" and role.search(after[:40] if role is _ROLE_WORD else after) is not None


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
    for m in re.finditer(r"[\u4e00-\u9fff]{1,10}?(?:省|市|区|县|旗|盟)", text[:4000]):
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


# ---------------------------------------------------------------------------- stated renames
#
# A reorganisation notice or a 机构改革方案 says itself what became of an organ. Each trigger
# below is read around the agency names the text already holds (`find_mentions`), so an old or
# new side is a whole name, never a guess at where a name starts:
#   X更名为Y / 原X更名为Y / 将X更名为Y / X改为Y / X改称Y      (rename)
#   将X(、X…)并入Y / X整体并入Y                              (merged into a body that goes on)
#   组建Y,…不再保留X(、X…)                                   (new body replacing old ones)
#   撤销X(、X…),设立/组建/成立Y
#   (原)X的职责整合划入(新组建的)Y / 将X、X的职责整合,组建Y   (all duties → the body is gone)
#   Y(原X)                                                     (the old name beside the new)
# A transfer of SOME duties (将X的城乡规划管理职责划入Y: 的 + a qualifier + 职责) leaves X in
# place: it is no rename and gives no SUPERSEDES.
_SENTENCE_STOPS = "。!?\n"
_SENTENCE_END = re.compile(r"[。!?\n]")
_NEW_FILLER = re.compile(r"(?:新组建的|新设立的|新成立的|重新组建的|组建的|新的|原)?")
_OLD_FILLER = ("原", "将", "把")
_RENAME_VERB = re.compile(r"更名为|改名为|改称为|更名|改称|改为|整体并入|并入")
_NOT_KEPT = re.compile(r"不再保留|不再设立|不再单设")
_NEW_BODY = re.compile(r"(?:重新)?(?:组建|设立|成立|新设)")
_ABOLISH = re.compile(r"撤销|撤并")
# X的[qualifier]职责[整合](划入|并入|纳入|划转至|划归)…; an empty qualifier (or 全部) = all duties
_DUTIES_INTO = re.compile(r"的(?P<q>[^,;:。的\n]{0,16}?)职责(?:和编制)?(?:整合)?(?:划入|并入|纳入|划转至|划转到|划归|调整至)")
# 将X的职责,Z的…职责…整合,组建Y: each 的…职责 of the sentence, and the body formed at its end
_DUTIES_OF = re.compile(r"的(?P<q>[^,;:。的\n]{0,16}?)职责")
_MERGED = re.compile(r"整合[,]?(?:重新)?(?:组建|设立)")
_ALL_DUTIES = {"", "全部", "所有", "各项"}


@dataclass(frozen=True, slots=True)
class StatedRename:
    """A rename the document states: normalised spans of the old and new names, the trigger."""

    old: tuple[int, int]
    new: tuple[int, int]
    rule: str


class _Names:
    """Agency mentions of a normalised text, looked up by where they start and end."""

    def __init__(self, text: str, mentions: list) -> None:
        self.text = text
        self.by_end: dict[int, tuple[int, int]] = {}
        self.by_start: dict[int, tuple[int, int]] = {}
        for m in mentions:
            # the longest name ending / starting at a place
            if m.end not in self.by_end or m.start < self.by_end[m.end][0]:
                self.by_end[m.end] = (m.start, m.end)
            if m.start not in self.by_start or m.end > self.by_start[m.start][1]:
                self.by_start[m.start] = (m.start, m.end)

    def ending_at(self, end: int) -> list[tuple[int, int]]:
        """The name ending at `end` and those listed before it with 、 (原X、原Y): left to right."""
        out = []
        while end in self.by_end:
            span = self.by_end[end]
            out.append(span)
            i = span[0]
            if self.text[i - 1:i] in _OLD_FILLER:
                i -= 1
            if self.text[i - 1:i] != "、":
                break
            end = i - 1
        return out[::-1]

    def starting_at(self, start: int) -> list[tuple[int, int]]:
        """The name starting at `start` (after 新组建的 …) and those listed after it with 、."""
        out = []
        while True:
            start = _NEW_FILLER.match(self.text, start).end()
            span = self.by_start.get(start)
            if span is None:
                break
            out.append(span)
            if self.text[span[1]:span[1] + 1] != "、":
                break
            start = span[1] + 1
        return out


def stated_renames(text: str, mentions: list) -> list[StatedRename]:
    """The renames a normalised text states about the agency `mentions` found in it."""
    names = _Names(text, mentions)
    out: list[StatedRename] = []

    def add(olds, news, rule):
        if len(news) == 1:   # a rename has one successor; X并入A、B is a split, not read
            out.extend(StatedRename(o, news[0], rule) for o in olds if text[o[0]:o[1]] != text[news[0][0]:news[0][1]])

    def sentence(i: int) -> tuple[int, int]:
        stop = _SENTENCE_END.search(text, i)
        return max(text.rfind(c, 0, i) for c in _SENTENCE_STOPS) + 1, stop.start() if stop else len(text)

    for m in _RENAME_VERB.finditer(text):
        olds = names.ending_at(m.start())
        if olds and m.group() == "改为" and text[olds[0][0] - 1:olds[0][0]] == "由":
            continue   # 牵头单位由X改为Y: a task changes hands, X is not renamed
        add(olds, names.starting_at(m.end()), "agency_rename_stated")
    for m in re.finditer(r"\(原", text):   # 市生态环境局(原市环保局): the old name in brackets
        olds = names.starting_at(m.end())
        if olds and text[olds[-1][1]:olds[-1][1] + 1] == ")":
            add(olds, names.ending_at(m.start())[-1:], "agency_rename_stated_formerly")
    for m in _NOT_KEPT.finditer(text):
        s, _ = sentence(m.start())
        bodies = list(_NEW_BODY.finditer(text, s, m.start()))
        news = names.starting_at(bodies[-1].end()) if bodies else []
        add(names.starting_at(m.end()), news, "agency_rename_stated_not_kept")
    for m in _ABOLISH.finditer(text):
        _, e = sentence(m.start())
        olds = names.starting_at(m.end())
        if not olds:
            continue
        body = _NEW_BODY.search(text, olds[-1][1], e)
        add(olds, names.starting_at(body.end()) if body else [], "agency_rename_stated_abolished")
    for m in _DUTIES_INTO.finditer(text):
        if m["q"].strip() in _ALL_DUTIES:   # else some duties move: the old body stays
            add(names.ending_at(m.start()), names.starting_at(m.end()), "agency_rename_stated_duties")
    for m in _DUTIES_OF.finditer(text):
        if m["q"].strip() not in _ALL_DUTIES or _DUTIES_INTO.match(text, m.start()):
            continue
        _, e = sentence(m.start())
        body = _MERGED.search(text, m.end(), e)
        if body is not None:
            add(names.ending_at(m.start()), names.starting_at(body.end()), "agency_rename_stated_duties")
    return sorted(set(out), key=lambda r: (r.old, r.new))


def _stated_renames(doc: ParsedDoc, out: BatchBuilder, mentions: list,
                    skip: list[tuple[int, int]]) -> set[str]:
    """SUPERSEDES new → old for each rename the document states; the ids of the old agencies."""
    olds: set[str] = set()
    for r in stated_renames(doc.norm.text, mentions):
        if _in(skip, r.old[0]):
            continue
        old, new = resolve(doc, *r.old), resolve(doc, *r.new)
        if old.id == new.id or old.collective or new.collective:
            continue
        lo, hi = min(r.old[0], r.new[0]), max(r.old[1], r.new[1])
        o_lo, o_hi = doc.norm.original_span(lo, hi)
        s, e = doc.sentence_around(o_lo, o_lo + 1)[0], doc.sentence_around(o_hi - 1, o_hi)[1]
        out.link(new, old, EdgeType.SUPERSEDES, doc.evidence(s, e), rule=r.rule, category="agencies")
        olds.add(old.id)
    return olds


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
    # a successor the document states replaces the table's for that agency in this document
    stated_olds = _stated_renames(doc, out, mentions, skip)
    collectives = find_collectives(text)
    # a collective name holds what reads as a name of its own (各市(县)、区人民政府 ⊃ 区人民政府)
    mentions = [m for m in mentions if not any(c.start <= m.start < c.end for c in collectives)]
    for m in sorted(mentions + collectives, key=lambda x: x.start):
        if m.start in asides or _in(skip, m.start) or is_generic(m.name) or _not_an_agency(text, m.start, m.end):
            continue
        if m.rule == "company" and not _owns_work(text, m.start, m.end):
            continue
        if m.rule == "collective_owner" and not _owns_work(text, m.start, m.end, _OWNER_ROLE_WORD):
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
        if agency.id not in stated_olds:
            add_renames(out, agency)
    # 鞍山、本溪、营口市政府: the places before the last share its organ (鞍山市政府 …)
    for member in shared_tail_members(text, mentions):
        if _in(skip, member.start):
            continue
        o_start, o_end = doc.norm.original_span(member.start, member.end)
        agency = canonical_agency(member.name, jurisdictions_at(doc, o_start))
        span = doc.plan_at(o_start)
        if span is not None:
            out.link(span.plan, agency, EdgeType.MENTIONS, doc.evidence(o_start, o_end),
                     rule="agency_shared_tail", category="agencies")
        else:
            out.node(agency)
