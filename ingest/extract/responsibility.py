"""Responsibility: which agencies own a task, as lead or support → RESPONSIBLE_FOR agency → task.

Read on the normalised text (Simplified, half-width), quoted from the original:

- a labelled list in brackets — (责任单位:市发改委、市财政局等), （牵头单位：X；配合单位：Y）,
  （牵头：X；参与：Y）, 〔…〕, 【…】 — evidence: the whole bracket;
- a labelled list after a colon, to the end of the sentence or paragraph (or on the next line) —
  责任单位：市发改委、市财政局;
- table columns named for roles (序号 任务 牵头单位 配合单位, tab-joined rows) — evidence: the row;
- an unlabelled bracket of roles — (市发改委牵头,市财政局配合), (市发改委、市财政局负责) — evidence:
  the bracket; beside a 牵头 clause, units that 按职责分工负责 support it;
- a clause that starts with agencies and a role verb — 由市发改委负责…, 市发改委牵头,市财政局配合…,
  各县市区人民政府按职责分工负责…, 市审计局:负责…, X等部门按照职责分工配合 (support), 各市政府落实
  (the units that carry the item out lead it, also beside a 牵头 unit);
- a lead named with its partners — (此项工作)由X会同Y、Z(组织)实施/负责/推进 — X lead, Y and Z support;
- agencies that are the subject told to act — 市两型办要充分发挥…, 市财政设立… — and a sentence
  that opens with an agency doing something — 区两型办突出研究… (lead).

Labels: 责任/牵头/负责/主要责任/主办 (单位|部门) → lead; 配合/共同实施/参与/协同/协办/协助 → support.
A list splits on 、，,;； and spaces; a trailing 等/等部门 is dropped; every unit after 责任单位
leads, also beside one marked (牵头) (the convener); another field of the bracket (完成时限:…)
ends the list; generic words (相关部门, 有关单位) and items that do not end like an organ are
skipped, collective names (各县市区人民政府, “3+5”城市群八市人民政府, 省直相关部门) are kept
as one collective Agency. Places before the government written after the last of them share it
(东城区、西城区人民政府; short city names take its level too: 四平、白山市政府 → 四平市政府). Right
after a unit, 和/及/与/会同/联合 join it to the next (县水利局和县林业局, …会同县财政局), never
start a county's name (和县, 会同县). A lead that works with others later in its sentence (X要牵头建立…,
会同Y、Z…) has them support it. The task is the deepest Task whose [start, end) holds the clause.
"""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from policygraph.graph.model import EdgeType, Role, Task, match_key

from ..agency_names import COLLECTIVE_NAME, canonical_agency, place_name_at, clean_name, find_mentions, is_agency_name, is_generic
from ..document import BatchBuilder, ParsedDoc
from .agencies import add_renames, debris_spans, jurisdictions_at, resolve

__all__ = ["ANNEX", "table_rows", "Assignment", "OWNER_CLAUSE", "extract", "find_assignments", "owner_sentences"]

_SUPPORT = ("共同实施", "配合", "参与", "协同", "协办", "协助", "参加")
_LABEL = re.compile(r"(?P<word>主要责任|责任|牵头|负责|主办|主责|共同实施|配合|参与|协同|协办|协助|参加)"
                    r"(?:单位|部门)\s*[:：]")
_SPLIT = re.compile(r"[、,，;；\s]+")
_ROLE_VERB = re.compile(r"按照?(?:各自)?职责(?:分工)?(?:负责|落实|抓好落实|抓好|做好|(?:密切|积极|协同)?配合|协助|参与)|分工负责|"
                        r"牵头负责|牵头|负责|共同实施|(?:密切|积极|主动|全力|协同)配合|配合|参与|协助|协同|"
                        r"(?:抓好|组织|切实|认真)落实|落实")
# a modal between the units and a supporting verb: X、Y等部门要按照职责分工配合 / 各市政府要抓好落实
_MODAL_END = re.compile(r"(?:要|应当|应|须|必须)$")
_SUBJECT_VERB = re.compile(r"要|应当|应|须|必须|会同|设立|负责")


_BY_DUTY = re.compile(r"按照?(?:各自)?职责(?:分工)?|分工")


_ADVERB = re.compile(r"密切|积极|主动|全力")


def _role(word: str) -> Role:
    """配合 / 参与 … support, also after 按职责分工 or an adverb (按照职责分工配合, 密切配合); the
    other words lead."""
    bare = _BY_DUTY.sub("", word, count=1) if _BY_DUTY.match(word) else word
    bare = _ADVERB.sub("", bare, count=1) if _ADVERB.match(bare) else bare
    return Role.SUPPORT if bare.startswith(_SUPPORT) else Role.LEAD


_JOINER = re.compile(r"会同|联合|和|及|与")


def _mentions(text: str) -> list:
    """Agency mentions of `text`, with a joiner read as one: right after a unit, 和县财政局 is
    和 + 县财政局 (县水利局和县财政局), not the county 和县's bureau, and 会同县财政局 is 会同 +
    县财政局, not 会同县's."""
    out: list = []
    for m in find_mentions(text):
        joiner = _JOINER.match(text, m.start, m.end) if out and m.start == out[-1].end else None
        if joiner:
            rest = find_mentions(text[joiner.end():m.end])
            if rest and rest[0].start == 0 and rest[0].end == m.end - joiner.end():
                out.append(dataclasses.replace(rest[0], start=joiner.end(), end=m.end))
                continue
        out.append(m)
    return out


@dataclass(frozen=True, slots=True)
class Assignment:
    """One agency named for a role in a clause; offsets index the normalised text."""

    start: int          # the agency name
    end: int
    role: Role
    clause_start: int   # the evidence: bracket, labelled list or clause
    clause_end: int
    rule: str
    verb: str = ""      # the role verb of a role clause (牵头, 按职责分工负责 …)
    name: str = ""      # the name meant, when the text leaves part of it to a neighbour
                        # (滨湖区、新吴区、宜兴市人民政府 → 滨湖区人民政府)
    task_title: str = ""  # the task a table row names, wherever the row stands
    title_span: tuple[int, int] = (0, 0)   # where that title cell is
    marked: bool = False  # marked (牵头) inside its list


_ETC = re.compile(r"等(?:有关|相关|其他)?(?:部门|单位|机构)?$")
_ETC_BEFORE_ALL = re.compile(r"等(?=各|有关各)")          # 唐昌镇、德源镇等各镇(街道)
_ITEM_ROLE = re.compile(r"(?:按照?(?:各自)?职责(?:分工)?(?:负责|落实|协同配合|配合|协助|参与)|分工负责|牵头负责|牵头|负责|"
                        r"配合|参与|协助|协同|共同实施|组织落实|抓好落实|落实)$")
# 市生态环境局配合, 各区人民政府按职责分工负责, 市财政局按职责分工配合, 各县区政府落实
_ITEM_ASIDE = re.compile(r"\(([^()]{2,12})\)$")                      # 市水利局(市水务局)
_MARK = re.compile(r"\((?:牵头|牵头单位|主责|负责)\)$")


# 各区、县(市)政府, 各县(市、区)人民政府: one collective name, though it holds 、 and brackets
_COLLECTIVE_SPAN = re.compile(r"各?(?:区|县|市|乡镇|乡|镇)(?:[、,]?(?:区|县|市))*(?:\((?:市|区|县)(?:、(?:市|区|县))?\))?"
                              r"(?:党委和|党委、)?(?:人民政府|政府)")


# how the name of an organ (or of a group of organs) ends: 局 委 办 厅 政府 中心 支队 集团 部门 …
_ORGAN_END = re.compile(r"(?:局|委|委员会|办|办公室|厅|府|部|中心|队|会|院|室|所|站|行|司|团|组|处|署|关|联|协|社|"
                        r"部门|单位|机构|财政|集团|公司|协会|银行|镇|乡|街道|\((?:街道|市|区|县)\))$")
# another field of the bracket ends a list: (责任单位:市发改委;完成时限:2020年底)
_OTHER_FIELD = re.compile(r"[;,]?\s*[\u4e00-\u9fff]{2,6}\s*:")


def _items(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The list items of text[start:end]: split on 、，,;； and spaces, trailing 等 dropped."""
    protected = [(m.start(), m.end()) for m in _COLLECTIVE_SPAN.finditer(text, start, end)]
    protected += [(m.start(), m.end()) for m in COLLECTIVE_NAME.finditer(text, start, end)]
    cuts = [m for m in _SPLIT.finditer(text, start, end)
            if not any(a <= m.start() < b for a, b in protected)]
    cuts = sorted(cuts + list(_ETC_BEFORE_ALL.finditer(text, start, end)), key=lambda m: m.start())
    pos = start
    for m in cuts + [None]:
        stop = m.start() if m else end
        s, e = pos, stop
        piece = text[s:e]
        tail = _ETC.search(piece)
        if tail and tail.start() >= 2:
            piece = piece[:tail.start()]
        piece = piece.rstrip("。.")
        e = s + len(piece)
        if len(piece.strip()) >= 2:
            yield s, e
        if m is None:
            break
        pos = m.end()


def _split_conjoined(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """市发改委和市财政局 → two items when both halves read as agencies (住房和城乡建设厅 stays)."""
    found = _mentions(text[s:e])
    if len(found) >= 2 and found[0].start == 0 and found[-1].end == e - s:
        gaps = [text[s + a.end:s + b.start] for a, b in zip(found, found[1:])]
        if all(g in ("和", "及", "与", "以及") for g in gaps):
            return [(s + f.start, s + f.end) for f in found]
    return [(s, e)]


def _list(text: str, start: int, end: int, role: Role, clause: tuple[int, int], rule: str) -> list[Assignment]:
    """The agencies of one labelled list, each in the label's role: every unit listed after
    责任单位 leads, also beside one marked (牵头) (that mark only says who convenes:
    责任单位:市发改委(牵头)、市财政局 → two leads); an item that names its own role keeps it
    (责任单位:市交通运输局,市生态环境局配合); places that share the organ written after the last
    of them each get it (滨湖区、新吴区、宜兴市人民政府)."""
    items = []
    # a role word closing a segment (up to ，;) is the role of every item in it:
    # 责任单位:区A局牵头,区B局、各街道配合 → A lead; B and the streets support
    segment_role: dict[int, str] = {}
    seg = start
    for cut in [m.start() for m in re.finditer(r"[,;]", text[start:end])] + [end - start]:
        stop = start + cut
        verb = _ITEM_ROLE.search(text, seg, stop) if text[seg:stop].strip() else None
        if verb and verb.start() - seg >= 2 and not text[verb.end():stop].strip():
            segment_role[seg] = verb.group()
        seg = stop + 1
    seg_starts = sorted(segment_role)
    for s, e in _items(text, start, end):
        mark = _MARK.search(text, s, e)
        if mark:
            e = mark.start()
        own = _ITEM_ROLE.search(text, s, e)
        if own and own.start() - s >= 2:
            e = own.start()
        elif not mark:
            seg_at = max((k for k in seg_starts if k <= s), default=None)
            if seg_at is not None and s < _segment_end(text, seg_at, end):
                own = _SegmentRole(segment_role[seg_at])
        aside = _ITEM_ASIDE.search(text, s, e)
        if aside and is_agency_name(aside.group(1)) and aside.start() > s:
            e = aside.start()                   # the other name of the same organ
        for a, b in _split_conjoined(text, s, e):
            name = text[a:b]
            if is_generic(name) or len(clean_name(name)) > 40:
                continue
            items.append([a, b, bool(mark), own.group() if own else "", ""])
    # shared organ: bare places before "<place>人民政府", joined to it by 、 only
    for k, item in enumerate(items):
        place = clean_name(text[item[0]:item[1]])
        if not _is_place(place) and not _short_place(place):
            continue
        prev_end = item[1]
        for later in items[k + 1:]:
            if text[prev_end:later[0]].strip() != "、":
                break
            written = clean_name(text[later[0]:later[1]])
            if _place_tail(written):
                item[4] = _shared_name(place, written)
                break
            if not _is_place(written) and not _short_place(written):
                break
            prev_end = later[1]
    led = any(str(it[3]).startswith("牵头") for it in items)
    out = []
    for a, b, m, own, name in items:
        if not name and not _ORGAN_END.search(clean_name(text[a:b])):
            continue
        r = _role(own) if own else role
        if led and ("职责" in str(own) or str(own) == "分工负责"):
            r = Role.SUPPORT            # beside a 牵头 unit, those sharing the work by duty support it
        out.append(Assignment(a, b, r, clause[0], clause[1], rule, own, name, marked=m))
    return out


class _SegmentRole(str):
    """The role word of an item's segment, standing in for the item's own (see `_list`)."""

    def group(self) -> str:
        return str(self)


def _segment_end(text: str, seg: int, end: int) -> int:
    m = re.compile(r"[,;]").search(text, seg, end)
    return m.start() if m else end


# a place named by its level, gazetteer or not: 东岭镇, 城关镇, 新城区, 青山县, 河西街道
_BARE_PLACE = re.compile(r"[\u4e00-\u9fff]{1,8}?(?:镇|乡|区|县|市|街道|旗)")
_NOT_PLACE_START = re.compile(r"[省市区县各全本该]|.*(?:局|委|办|厅|部|政府|中心|单位)")


def _is_place(name: str) -> bool:
    hit = place_name_at(name)
    if hit and hit[1] and hit[0] == len(name):
        return True
    return bool(_BARE_PLACE.fullmatch(name)) and not _NOT_PLACE_START.match(name) and len(name) >= 2


def _place_tail(name: str) -> str:
    """人民政府 of 宜兴市人民政府 (or of 东岭镇人民政府): what follows a place name, when it is a
    government."""
    hit = place_name_at(name)
    if hit and hit[1] and name[hit[0]:] in ("人民政府", "政府"):
        return name[hit[0]:]
    m = re.fullmatch(r"(.{2,10}?)(人民政府|政府|办事处)", name)
    if m and _is_place(m.group(1)) and m.group(1).endswith("街道") == (m.group(2) == "办事处"):
        return m.group(2)
    return ""


def _short_place(name: str) -> bool:
    """A gazetteer place written without its level (鞍山 for 鞍山市, 平遥 for 平遥县)."""
    hit = place_name_at(name)
    return bool(hit) and hit[0] == len(name) and not hit[1] and len(name) >= 2


_LEVEL_END = re.compile(r"(?:市|县|区|旗|州|盟)$")


def _shared_name(place: str, last: str) -> str:
    """The name a bare place takes from the government written after the last of its list:
    东城区 + 西城区人民政府 → 东城区人民政府; a short place takes the level too, when the
    gazetteer knows it at that level (鞍山 + 丹东市政府 → 鞍山市政府); else ""."""
    tail = _place_tail(last)
    if not tail or not _shares(place, tail):
        return ""
    if _is_place(place):
        return place + tail
    level = _LEVEL_END.search(last[:len(last) - len(tail)])
    if level and _short_place(place):
        hit = place_name_at(place + level.group())
        if hit and hit[1] and hit[0] == len(place) + len(level.group()):
            return place + level.group() + tail
    return ""


def _shares(place: str, tail: str) -> bool:
    """A street has an 办事处, a town or district a 人民政府: 甲街道、乙镇人民政府 shares nothing."""
    return place.endswith("街道") == (tail == "办事处")


# a bracket may name its roles by the bare role word: (牵头:县市场监管局;参与:县农业农村局、县公安局)
_BARE_LABEL = re.compile(r"(?<![^;,\s(〔【\[])(?P<word>主要责任|责任|牵头|负责|主办|主责|共同实施|配合|参与|协同|协办|协助|"
                         r"参加)(?:单位|部门)?\s*:")


def _labelled(text: str, start: int, end: int, clause: tuple[int, int], rule: str,
              label: re.Pattern = _LABEL) -> list[Assignment]:
    """Each label's list inside text[start:end] (a bracket's content or a colon clause)."""
    labels = list(label.finditer(text, start, end))
    out = []
    for k, m in enumerate(labels):
        stop = labels[k + 1].start() if k + 1 < len(labels) else end
        other = _OTHER_FIELD.search(text, m.end(), stop)
        if other:
            stop = other.start()
        out += _list(text, m.end(), stop, _role(m["word"]), clause, rule)
    return out


_ONE_LINE_BRACKET = re.compile(r"[(〔【\[]((?:[^()〔〕【】\[\]\n]|\([^()\n]{1,6}\)){2,400})[)〕】\]]")
# a labelled bracket may be cut by a line break (PDF text layers wrap inside it)
_LABEL_BRACKET = re.compile(r"[(〔【\[]\s*(?=" + _LABEL.pattern + r")((?:[^()〔〕【】\[\]]|\([^()\n]{1,6}\)){2,400}?)[)〕】\]]")


def _brackets(text: str) -> Iterator[tuple[int, int]]:
    """[open, close] of each bracket pair: on one line, or led by a label over a line break."""
    seen = set()
    for m in _ONE_LINE_BRACKET.finditer(text):
        seen.add(m.start())
        yield m.start(), m.end()
    for m in _LABEL_BRACKET.finditer(text):
        if m.start() not in seen and "\n" in m.group() and m.group().count("\n") <= 2:
            yield m.start(), m.end()


_CLAUSE_HEAD = re.compile(r"(?:^|[。;:!?\n,(〔【])\s*(?:[(]?[一二三四五六七八九十0-9]{1,3}[)、.]\s*)?"
                          r"(?:(?:此项|该项|这项|本项|以上|上述|各项)(?:工作|任务|措施))?(?:由|请)?\s*$")


def _clause_head(text: str, i: int) -> bool:
    """Does a clause start at text[i] (after 。;:,, a line break, an item number, (此项工作)由)?"""
    return i == 0 or bool(_CLAUSE_HEAD.search(text, max(0, i - 12), i))


_GENERIC_UNITS = re.compile(r"(?:[省市区县]级|[省市区县]直)?(?:其他|各有关|各相关|有关|相关|各)(?:部门|单位)(?:\(单位\))?")


# towns and streets named together without an organ (各乡(镇), 各街道, 各镇(街道), 各苏木乡镇) in a
# role clause
_BARE_COLLECTIVE = re.compile(r"(?:各|有关各?)(?:苏木)?(?:乡镇|镇|乡|街道)(?:\((?:镇|乡|街道|社区|苏木)\))?")


def _agency_run(text: str, start: int, end: int) -> list[tuple[int, int, str]] | None:
    """text[start:end] as agency names (or collective ones: 各县市区人民政府) joined by 、和及与
    and nothing else — a trailing 等 / 等部门 allowed — or None. Each item is (start, end, name
    meant): bare places before "<place>人民政府" share it (东城区、西城区人民政府), else ""."""
    etc = _ETC.search(text, start, end)
    if etc and etc.start() > start:
        end = etc.start()
    out: list[tuple[int, int, str]] = []
    places: list[tuple[int, int]] = []          # bare places waiting for the government after them
    pos = start
    while pos < end:
        col = COLLECTIVE_NAME.match(text, pos, end) or _BARE_COLLECTIVE.match(text, pos, end)
        generic = _GENERIC_UNITS.match(text, pos, end)
        place = None
        if col:
            nxt = col.end()
        elif generic:                   # 市级各有关部门: named, but no agency; skipped
            nxt = generic.end()
        else:
            found = _mentions(text[pos:end])
            sep_at = re.compile(r"、|$").search(text, pos, end)
            whole = text[pos:sep_at.start()]
            if found and found[0].start == 0:
                nxt = pos + found[0].end
            elif _place_tail(whole):            # 南城区人民政府: a place outside the gazetteer
                nxt = sep_at.start()
            elif sep_at.group() and (_is_place(whole) or _short_place(whole)):
                place = nxt = sep_at.start()
            else:
                return None
        if place is not None:
            places.append((pos, nxt))
        else:
            tail = _place_tail(clean_name(text[pos:nxt]))
            whole = find_mentions(text[pos:nxt])
            whole_found = bool(whole) and whole[0].start == 0 and whole[0].end == nxt - pos
            meant = text[pos:nxt] if tail and not whole_found else ""
            if places:
                if not tail:
                    return None
                written = clean_name(text[pos:nxt])
                out += [(a, b, _shared_name(clean_name(text[a:b]), written)) for a, b in places]
                places = []
            if not generic or col:
                out.append((pos, nxt, meant))
        sep = re.compile(r"、|和|及|与|以及").match(text, nxt, end)
        if nxt == end:
            break
        if not sep:
            return None
        pos = sep.end()
    if places:
        return None
    return out or None


_SHORT_ASIDE = re.compile(r"\([^()\n]{1,6}\)")


def _clause_start(text: str, end: int) -> int:
    """Where the clause that ends at `end` begins: after 。;:!?, a line break, a comma or an
    opening bracket — not the bracket of a short aside inside it (各县(市、区)人民政府)."""
    limit = end
    while True:
        cut = max(text.rfind(c, 0, limit) for c in "。;:!?\n,(〔【")
        if cut < 0:
            return 0
        aside = _SHORT_ASIDE.match(text, cut) if text[cut] == "(" else None
        if aside and aside.end() <= end:
            limit = cut
            continue
        if text[cut] in ",、" and text.rfind("(", 0, cut) > text.rfind(")", 0, cut) and \
                _SHORT_ASIDE.match(text, text.rfind("(", 0, cut)):
            limit = cut             # the 、 of (市、区)
            continue
        return cut + 1


def _clauses_with_roles(text: str, skip: list[tuple[int, int]]) -> list[Assignment]:
    """由X负责 / X牵头,Y配合 / X按职责分工负责 in running text and in unlabelled brackets."""
    out = []
    for m in _ROLE_VERB.finditer(text):
        if text[m.end():m.end() + 1] in ("人", "同", "的") or text[m.end():m.end() + 2] in ("单位", "部门"):
            continue                            # 负责人, 负责同志, 负责的, 牵头单位 (a label, read above)
        if any(s <= m.start() < e for s, e in skip):
            continue
        # the agency run ending at the verb (or at a colon before it): start from the clause head
        run_end = m.start() - 1 if text[m.start() - 1:m.start()] == ":" else m.start()
        line_start = _clause_start(text, run_end)
        modal = _MODAL_END.search(text, line_start, run_end)
        if modal and (_role(m.group()) is Role.SUPPORT or m.group().endswith("落实")):
            run_end = modal.start()
        run = None
        for head in range(line_start, run_end):
            if not _clause_head(text, head):
                continue
            run = _agency_run(text, head, run_end)
            if run:
                break
        if not run:
            continue
        clause_end = m.end()
        out += [Assignment(a, b, _role(m.group()), run[0][0], clause_end, "role_verb", m.group(), name)
                for a, b, name in run]
    return _others_support_a_lead(text, out)


# a clause that only names owners: (由)X牵头 / Y、Z配合 / 各乡镇负责组织实施 / X按职责分工负责 /
# Y按照职责分工配合 / 各市政府落实
OWNER_CLAUSE = re.compile(r"(?:(?:此项|该项|这项|本项|以上|上述|各项)(?:工作|任务|措施))?(?:由|请)?(?P<run>.+?)(?P<verb>按照?(?:各自)?职责(?:分工)?(?:负责|配合|协助|参与)|分工负责|"
                           r"牵头负责|牵头|负责|配合|协助|参与|组织落实|抓好落实|落实)"
                           r"(?:组织实施|具体实施|抓好落实|组织落实|实施|落实)?")


def owner_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Spans of the sentences in text[start:end] that do nothing but name owners — …。X牵头,Y、Z
    配合,各市政府落实。 / 由X负责。 / X负责。 / 此项工作由X会同Y组织实施。 — an owner note written
    without a bracket (a sentence where the owner also acts, 由X牵头研究…, X负责制定…, is none)."""
    end = len(text) if end is None else end
    out = []
    pos = start
    for stop in [m.start() for m in _SENTENCE_END.finditer(text, start, end)] + [end]:
        s, e = pos, stop
        pos = stop + 1
        while s < e and text[s] in " \t\f":
            s += 1
        while e > s and text[e - 1] in " \t\f":
            e -= 1
        if s >= e:
            continue
        together = _LED_TOGETHER.fullmatch(text, s, e)
        if together and _led_runs(text, together):
            out.append((s, e))
            continue
        ok, cs = True, s
        for cut in [m.start() for m in re.finditer(",", text[s:e])] + [e - s]:
            m = OWNER_CLAUSE.fullmatch(text, cs, s + cut)
            if not m or not _agency_run(text, m.start("run"), m.end("run")):
                ok = False
                break
            cs = s + cut + 1
        if ok:
            out.append((s, e))
    return out


# 此项工作由X会同Y、Z组织实施 / 由X会同Y负责 / 由X联合Y推进: X leads, Y and Z support
_LED_TOGETHER = re.compile(r"(?:(?:此项|该项|这项|本项|以上|上述|各项|相关)(?:工作|任务|措施)\s*)?由"
                           r"(?P<lead>[^,。;:!?\n()]{2,80}?)(?:会同|联合)(?P<with>[^,。;:!?\n()]{2,200}?)"
                           r"(?:共同|一起)?(?P<verb>组织实施|负责实施|具体实施|负责落实|组织落实|抓好落实|组织推进|"
                           r"负责推进|推进落实|负责|推进|实施|落实)")


def _led_runs(text: str, m: re.Match) -> tuple[list, list] | None:
    """The lead and partner runs of a _LED_TOGETHER match, or None when either is no run of
    agencies (partners may be only generic: 由X会同有关部门组织实施 — X still leads)."""
    lead = _agency_run(text, *m.span("lead"))
    partners = _agency_run(text, *m.span("with"))
    if partners is None and _GENERIC_UNITS.fullmatch(text, *m.span("with")):
        partners = []
    return (lead, partners) if lead and partners is not None else None


def _led_together(text: str, skip: list[tuple[int, int]]) -> list[Assignment]:
    """A clause that assigns an item to a lead working with partners — (此项工作)由X会同Y
    (组织)实施/负责/推进 — when both are runs of agencies: X lead, Y support; evidence: the
    clause."""
    out: list[Assignment] = []
    for m in _LED_TOGETHER.finditer(text):
        if any(s <= m.start() < e for s, e in skip) or not _clause_head(text, m.start()):
            continue
        runs = _led_runs(text, m)
        if runs is None:
            continue
        lead, partners = runs
        end = _clause_end(text, m.end())
        out += [Assignment(a, b, Role.LEAD, m.start(), end, "led_together", m["verb"], name) for a, b, name in lead]
        out += [Assignment(a, b, Role.SUPPORT, m.start(), end, "led_together", m["verb"], name)
                for a, b, name in partners]
    return out


def _others_support_a_lead(text: str, found: list[Assignment]) -> list[Assignment]:
    """In one sentence with a 牵头 clause, the others that 负责 / 按职责分工负责 support it:
    (省发展改革委牵头,省财政厅、省自然资源厅等按职责分工负责)."""
    def sentence(a: Assignment) -> int:
        return max(text.rfind(c, 0, a.clause_start) for c in "。;\n")

    leads = {sentence(a) for a in found if a.verb.startswith("牵头")}
    return [dataclasses.replace(a, role=Role.SUPPORT)
            if ("职责" in a.verb or a.verb == "分工负责") and _role(a.verb) is Role.LEAD and sentence(a) in leads else a
            for a in found]


_ROLE_BRACKET = re.compile(rf"[^,;]+?(?:{_ROLE_VERB.pattern})(?:[,;][^,;]+?(?:{_ROLE_VERB.pattern}))*")


def _whole_brackets(text: str, found: list[Assignment]) -> list[Assignment]:
    """Role clauses that fill a bracket — (市发改委牵头,市财政局配合) — take the whole bracket
    as their evidence."""
    out = []
    for a in found:
        o = a.clause_start - 1
        while o >= 0 and text[o] not in "(〔【\n":
            o -= 1
        c = text.find({"(": ")", "〔": "〕", "【": "】"}.get(text[o:o + 1], "\n"), a.clause_end) if o >= 0 else -1
        if o >= 0 and text[o] != "\n" and c > 0 and "\n" not in text[o:c] \
                and _ROLE_BRACKET.fullmatch(text, o + 1, c):
            a = dataclasses.replace(a, clause_start=o, clause_end=c + 1, rule="bracket_roles")
        out.append(a)
    return out


_ITEM_NUMBER = re.compile(r"(?:^|\s)[(]?[一二三四五六七八九十0-9]{1,3}[)、.]\s*$")
# after an agency at the head of a sentence, these start no action of its own (市委十一届全会,
# 市政府工作报告, 市委书记, 党中央高度重视 …)
_NOT_ACTION = re.compile(r"[一二三四五六七八九十0-9、和及与的等在对,;:。]|工作|常委|全会|文件|决定|会议|"
                         r"领导|书记|主要|印发|发布|关于|同意|批准|高度|坚强|批复|部署|精神|号召|提出|$")


# a sentence that opens with an agency and goes on with when or how often it oversees the
# work (市住建局每月调度…, 市…办公室将定期调度…, 市…领导小组统筹推进…) reports how the plan is
# run, not who owns the item: no owner (only explicit assignment counts for a bare subject)
_OVERSIGHT = re.compile(r"每[年月季周日天旬]|每半年|定期|不定期|将|适时|按[年月季周]|统筹|调度|督促|督导|督查|"
                        r"考核|推进|指导|协调|牵总|总揽|研究部署|听取")


def _sentence_head(text: str, i: int) -> bool:
    """Does a sentence start at text[i]: after 。;!?, an item number, or a line that follows a
    finished one (a PDF line cut mid-sentence is no head)?"""
    window = text[max(0, i - 10):i]
    number = _ITEM_NUMBER.search(window)
    j = i - (len(window) - number.start()) if number else i
    while j > 0 and text[j - 1] in " \t":
        j -= 1
    if j == 0 or number:
        return True
    if text[j - 1] in "。;!?":
        return True
    if text[j - 1] == "\n":
        k = j - 1
        while k > 0 and text[k - 1] in "\n \t\f":
            k -= 1
        return k == 0 or text[k - 1] in "。;:!?"
    return False


def _clause_end(text: str, i: int) -> int:
    stops = [p for p in (text.find(c, i) for c in ",;。\n") if p >= 0]
    return min(stops) if stops else len(text)


_TOGETHER = re.compile(r"(?:要|应当|应|须|将)?(?:会同|联合|协调|组织)")


def _together_with(text: str, pos: int, by_start: dict, clause_start: int, clause_end: int) -> list[Assignment]:
    """X要会同Y、Z…: the agencies X works with support it."""
    m = _TOGETHER.match(text, pos)
    if not m or m.end() not in by_start:
        return []
    run = [by_start[m.end()]]
    while text[run[-1].end:run[-1].end + 1] in ("、", "和", "及", "与") and run[-1].end + 1 in by_start:
        run.append(by_start[run[-1].end + 1])
    return [Assignment(x.start, x.end, Role.SUPPORT, clause_start, clause_end, "together_with") for x in run]


def _subjects(text: str, skip: list[tuple[int, int]]) -> list[Assignment]:
    """A clause whose subject is an agency told to act: 市两型办要…, 市财政设立…, and a
    sentence that opens with an agency doing something (区两型办突出研究…)."""
    out = []
    mentions = _mentions(text)
    starts = {m.start for m in mentions}
    by_start = {m.start: m for m in mentions}
    joined: set[int] = set()
    for mention in mentions:
        if mention.start in joined or any(s <= mention.start < e for s, e in skip):
            continue
        # a run of agencies (市统计局、市调查队要…) acts together
        run = [mention]
        while text[run[-1].end:run[-1].end + 1] in ("、", "和", "及", "与") and run[-1].end + 1 in by_start:
            run.append(by_start[run[-1].end + 1])
        if len(run) > 1:
            modal = _SUBJECT_VERB.match(text, run[-1].end)
            if modal and _clause_head(text, mention.start):
                end = _clause_end(text, run[-1].end)
                out += [Assignment(m.start, m.end, Role.LEAD, mention.start, end, "subject") for m in run]
                out += _together_with(text, run[-1].end, by_start, mention.start, end)
            joined.update(m.start for m in run)
            continue
        after = text[mention.end:mention.end + 3]
        if after.startswith(("负责人", "负责同志", "办公室")) or mention.end in starts:
            continue                # 市X委员会办公室将…: the subject is the office, not the body
        modal = _SUBJECT_VERB.match(after)
        if modal and _clause_head(text, mention.start):
            rule = "subject"
        elif not modal and _sentence_head(text, mention.start) and "\u4e00" <= after[:1] <= "\u9fff" \
                and not _NOT_ACTION.match(text, mention.end) and not _OVERSIGHT.match(text, mention.end):
            rule = "subject_action"
        else:
            continue
        end = _clause_end(text, mention.end)
        out.append(Assignment(mention.start, mention.end, Role.LEAD, mention.start, end, rule))
        out += _together_with(text, mention.end, by_start, mention.start, end)
    # a bare organ + 财政/… as subject (市财政设立…): level prefix + core without a suffix
    for m in re.finditer(r"(?:^|[。;\n])\s*([省市区县]财政)(?=设立|要)", text):
        if not any(s <= m.start(1) < e for s, e in skip):
            out.append(Assignment(m.start(1), m.end(1), Role.LEAD, m.start(1), _clause_end(text, m.end(1)), "subject"))
    return out


# a later clause of the owner's sentence, without a subject of its own, that works with others:
# X要牵头建立…机制,会同Y、Z等部门分解落实… / 由X牵头,会同Y… / X负责…,并会同Y…
_LATER_TOGETHER = re.compile(r",\s*(?:并|同时|还|要|并要|还要)?(?:会同|联合)")
_SENTENCE_END = re.compile(r"[。;!?\n]")


def _partners_later(text: str, found: list[Assignment], skip: list[tuple[int, int]]) -> list[Assignment]:
    """The units a lead works with (会同) in a later clause of its sentence support it — when no
    other owner is named between the lead's clause and the 会同."""
    out: list[Assignment] = []
    leads = sorted((a for a in found if a.role is Role.LEAD and not a.task_title and not a.rule.startswith("table")),
                   key=lambda a: a.clause_end)
    done: set[int] = set()
    for a in leads:
        stop = _SENTENCE_END.search(text, a.clause_end)
        stop_at = stop.start() if stop else len(text)
        m = _LATER_TOGETHER.search(text, a.clause_end, stop_at)
        if not m or m.end() in done:
            continue
        if any(a.clause_end <= b.start < m.start() for b in found):
            continue                            # another owner between: the 会同 is its own
        if any(b.clause_start <= a.start < b.clause_end for b in found if b.clause_end > a.clause_end):
            continue                            # a lead inside a longer clause (a bracket) acts there
        run = _partner_run(text, m.end(), stop_at)
        if not run or any(s <= run[0][0] < e for s, e in skip):
            continue
        done.add(m.end())
        end = _clause_end(text, run[-1][1])
        out += [Assignment(x, y, Role.SUPPORT, a.clause_start, end, "together_later") for x, y in run]
    return out


def _partner_run(text: str, pos: int, stop: int) -> list[tuple[int, int]]:
    """The agencies named one after another from text[pos] (joined by 、和及与), else []."""
    by_start = {m.start: m for m in _mentions(text[pos:stop])}
    run: list[tuple[int, int]] = []
    at = 0
    while at in by_start:
        m = by_start[at]
        run.append((pos + m.start, pos + m.end))
        if text[pos + m.end:pos + m.end + 1] not in ("、", "和", "及", "与"):
            break
        at = m.end + 1
    return run


_HEADER_CELL = re.compile(r"(?P<word>主要责任|责任|牵头|负责|主办|主责|共同实施|配合|参与|协同|协办|协助|参加)"
                          r"(?:单位|部门)(?:\(.{0,10}\))?")


_TITLE_CELL = re.compile(r"(?:重点|主要|工作|具体|改革)?(?:任务|工作|事项|措施)(?:名称|内容|事项)?")


def _cells(line: str, start: int) -> list[tuple[int, int]] | None:
    """Cell spans of a table row: tab-joined (docx/html readers), else cells set apart by
    spaces (a plain-text table typed with full-width spaces); None for a line of prose."""
    sep = re.compile(r"\t" if "\t" in line else r"\s+")
    body = line.strip()
    if not body or (sep.pattern != r"\t" and len(sep.split(body)) < 3):
        return None
    out, pos = [], 0
    lead = len(line) - len(line.lstrip()) if sep.pattern != r"\t" else 0
    for m in list(sep.finditer(line, lead)) + [None]:
        stop = m.start() if m else len(line.rstrip()) if sep.pattern != r"\t" else len(line)
        out.append((start + (pos or lead), start + stop))
        if m is None:
            break
        pos = m.end()
    return out


def table_rows(text: str, skip: list[tuple[int, int]] = ()) -> list[tuple[tuple[int, int], str, tuple[int, int]]]:
    """(row span, task title, title cell span) of each row of a role-column table (normalised
    offsets), in order: the rows that name a task (ingest/extract/tasks.py makes them tasks)."""
    seen: dict[tuple[int, int], tuple[tuple[int, int], str, tuple[int, int]]] = {}
    for a in _table_rows(text, tuple(skip)):
        if a.task_title and (a.clause_start, a.clause_end) not in seen:
            seen[(a.clause_start, a.clause_end)] = ((a.clause_start, a.clause_end), a.task_title, a.title_span)
    return list(seen.values())


@lru_cache(maxsize=4)   # the task step and the responsibility step both read a document's tables
def _table_rows(text: str, skip: tuple[tuple[int, int], ...]) -> tuple[Assignment, ...]:
    """A table whose header names role columns (序号 重点任务 牵头单位 配合单位): each row's
    cells under those columns, evidence = the row. A task column, when there is one, names the
    task the row is about (分工表 in an annex repeat the tasks of the text by title). A cell that
    wraps (a table flattened from a web page) goes on on the next line: that line belongs to the
    row above, its first piece to the row's last open cell (see `_continues`)."""
    rows: list[tuple[list, tuple[dict[int, Role], int | None, int]]] = []
    header: tuple[dict[int, Role], int | None, int] | None = None
    open_row: list | None = None        # [start, end, cells] of a tab-joined row short of cells
    pos = 0
    for line in text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        cells = _cells(line, start)
        if open_row is not None and header is not None and _continues(text, open_row, cells, line, header[2]):
            if "\t" in line:
                pieces = cells
            else:
                lead = len(line) - len(line.lstrip())
                pieces = [(start + lead, start + len(line.rstrip()))]
            open_row[2][-1] = (open_row[2][-1][0], pieces[0][1])
            open_row[2].extend(pieces[1:])
            open_row[1] = start + len(line.rstrip())
            if len(open_row[2]) >= header[2]:
                open_row = None
            continue
        open_row = None
        if cells is None:
            if line.strip():
                header = None
            continue
        words = [text[a:b].strip() for a, b in cells]
        roles = {i: _role(m["word"]) for i, w in enumerate(words) if (m := _HEADER_CELL.fullmatch(w))}
        if roles:
            title = next((i for i, w in enumerate(words) if _TITLE_CELL.fullmatch(w) and i not in roles), None)
            header = (roles, title, len(cells))
            continue
        if header is None or any(s <= start < e for s, e in skip):
            continue
        if "\t" not in line and len(cells) != header[2]:
            continue                        # spaces inside a cell: the columns cannot be told apart
        row = [start, start + len(line.rstrip()), list(cells)]
        rows.append((row, header))
        if "\t" in line and len(cells) < header[2]:
            open_row = row
    out: list[Assignment] = []
    for (row_start, row_end, cells), (roles, title, _) in rows:
        task_title = text[slice(*cells[title])].strip() if title is not None and title < len(cells) else ""
        title_span = cells[title] if task_title else (0, 0)
        for i, role in roles.items():
            if i < len(cells):
                a, b = cells[i]
                out += [dataclasses.replace(x, task_title=task_title, title_span=title_span)
                        for x in _list(text, a, b, role, (row_start, row_end), "table_column")]
    return tuple(out)


_ROW_NUMBER = re.compile(r"[(]?\d{1,3}[)、.]?")
_OPEN_CELL_END = ("、", ",", ";", "和", "及", "与")


def _continues(text: str, row: list, cells: list[tuple[int, int]] | None, line: str, width: int) -> bool:
    """Does `line` go on with `row`, a tab-joined row with fewer cells than its header? A line of
    cells does when it does not open a row of its own (no row number first, no header cell) and
    brings no more cells than the row lacks; a line without cells only when the row's last cell
    is left open (ends in 、 , ; 和 …) — a heading after a short row is no part of it."""
    if not line.strip():
        return False
    if "\t" in line and cells:
        words = [text[a:b].strip() for a, b in cells]
        if _ROW_NUMBER.fullmatch(words[0]) or any(_HEADER_CELL.fullmatch(w) for w in words):
            return False
        return len(row[2]) + len(cells) - 1 <= width
    return text[slice(*row[2][-1])].rstrip().endswith(_OPEN_CELL_END)


def find_assignments(text: str, skip: list[tuple[int, int]] = ()) -> list[Assignment]:
    """Every (agency span, role, clause) in normalised `text`, outside the `skip` spans."""
    skip = list(skip)
    out: list[Assignment] = []
    taken: list[tuple[int, int]] = []
    for o, c in _brackets(text):
        if any(s <= o < e for s, e in skip):
            continue
        inner = text[o + 1:c - 1].strip()
        if _LABEL.match(inner):
            out += _labelled(text, o + 1, c - 1, (o, c), "bracket_label")
            taken.append((o, c))
        elif _BARE_LABEL.match(inner):
            out += _labelled(text, o + 1, c - 1, (o, c), "bracket_label", _BARE_LABEL)
            taken.append((o, c))
    rows = list(_table_rows(text, tuple(skip)))
    out += rows
    taken += [(a.clause_start, a.clause_end) for a in rows]
    for m in _LABEL.finditer(text):
        if any(s <= m.start() < e for s, e in skip + taken):
            continue
        # to the end of the sentence, paragraph, or an enclosing bracket; a label that ends
        # its line takes the next line (责任单位:\n市发改委、市财政局)
        body = m.end()
        while body < len(text) and text[body] in " \t":
            body += 1
        if text[body:body + 1] == "\n":
            body += 1
        end = body
        while end < len(text):
            ch = text[end]
            if ch in "。\n〕】":
                break
            if ch == "(":                 # a short aside inside the list: (牵头), 县(市)
                aside = re.compile(r"\([^()\n]{1,6}\)").match(text, end)
                if aside:
                    end = aside.end()
                    continue
            if ch == ")":
                break
            end += 1
        out += _labelled(text, m.start(), end, (m.start(), end), "colon_label")
        taken.append((m.start(), end))
    led = _led_together(text, skip + taken)
    out += led
    taken += [(a.clause_start, a.clause_end) for a in led]
    roles = _whole_brackets(text, _clauses_with_roles(text, skip + taken))
    out += roles
    taken += [(a.clause_start, a.clause_end) for a in roles]
    out += _subjects(text, skip + taken)
    out += _partners_later(text, out, skip)
    if _FIRST_LEADS.search(text):
        out = _first_listed_leads(text, out)
    return out


# a document's note that the first unit of each 责任单位 list leads (注:排在第一位的为牵头单位)
_FIRST_LEADS = re.compile(r"(?:排|列|位)(?:在|于|列)?(?:第一位|首位|第一个|最前)的?(?:单位|部门|者)?(?:为|是)牵头"
                          r"|(?:第一个|首个|首位|第一)(?:单位|部门)(?:为|是)牵头")


def _first_listed_leads(text: str, found: list[Assignment]) -> list[Assignment]:
    """Under such a note, a list labelled only 责任单位 has its first unit lead and the rest
    support (the unit marked (牵头), when one is); lists that name their roles (牵头单位,
    配合单位, X配合) keep them."""
    groups: dict[tuple[int, int], list[Assignment]] = {}
    for a in found:
        if a.rule in ("bracket_label", "colon_label"):
            groups.setdefault((a.clause_start, a.clause_end), []).append(a)
    changed: dict[int, Assignment] = {}
    for (s, e), items in groups.items():
        labels = [m["word"] for m in _LABEL.finditer(text, s, e)]
        if labels not in (["责任"], ["主要责任"], ["负责"]) or len(items) < 2:
            continue
        if any(a.verb or a.role is not Role.LEAD for a in items):
            continue
        leads = [a for a in items if a.marked]
        if not leads:
            if "牵头" in text[s:e]:
                continue
            leads = [min(items, key=lambda a: a.start)]
        for a in items:
            if all(a is not x for x in leads):
                changed[id(a)] = dataclasses.replace(a, role=Role.SUPPORT)
    return [changed.get(id(a), a) for a in found]


# the heading of an annex (附件 / 附件2:重点任务分工表 / 附表1) on a line of its own
ANNEX = re.compile(r"^[ \t\u3000]*附[ \t]*[件表][ \t]*[0-9一二三四五六七八九十]*[ \t]*(?:[:：].*)?$", re.M)


def _task_at(tasks: list[Task], offset: int) -> Task | None:
    best = None
    for t in tasks:
        if t.start is not None and t.end is not None and t.start <= offset < t.end:
            if best is None or (t.start, -(t.end - t.start)) > (best.start, -(best.end - best.start)):
                best = t
    return best


def _task_titled(tasks: list[Task], title: str) -> Task | None:
    """The task whose name is `title` (or holds it, or is held by it), the first in the text."""
    key = match_key(title)
    if len(key) < 2:
        return None
    ordered = sorted(tasks, key=lambda t: t.start if t.start is not None else -1)
    for same in (lambda k: k == key, lambda k: len(k) >= 4 and (k in key or key in k)):
        for t in ordered:
            if same(match_key(t.name)):
                return t
    return None


def extract(doc: ParsedDoc, out: BatchBuilder) -> None:
    tasks = [t for t in out.nodes_of(Task) if t.source_file in (None, doc.file)]
    if not tasks:
        return
    text = doc.norm.text
    for a in find_assignments(text, debris_spans(doc)):
        o_clause, _ = doc.norm.original_span(a.clause_start, a.clause_end)
        task = _task_titled(tasks, a.task_title) if a.task_title else None
        if task is None:
            task = _task_at(tasks, o_clause)
            if task is not None and a.task_title and ANNEX.search(doc.text, task.start or 0, o_clause):
                continue            # a row of an annexed table that names no task of the text
        if task is None:
            continue
        if a.name:
            agency = canonical_agency(a.name, jurisdictions_at(doc, o_clause))
        else:
            agency = resolve(doc, a.start, a.end)
        evidence = doc.norm_evidence(a.clause_start, a.clause_end)
        out.link(agency, task, EdgeType.RESPONSIBLE_FOR, evidence, role=a.role.value,
                 rule=f"responsibility_{a.rule}", category="responsibility")
        span = doc.plan_at(o_clause)
        if span is not None:
            out.link(span.plan, agency, EdgeType.MENTIONS, doc.norm_evidence(a.start, a.end),
                     rule="agency_in_responsibility", category="agencies")
        add_renames(out, agency)
