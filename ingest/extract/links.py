"""Plan links: which plans a document carries out (IMPLEMENTS), cites (REFERENCES) or replaces
(SUPERSEDES), each with the clause that says so.

A citation is a 《title》 (with its 文号 when one follows), a bare 文号 (根据湘发〔2009〕25号文件精神),
a plan named without book marks after a verb (全面落实土壤污染防治行动计划), or a 精神 / 决策部署
that a preamble says it carries out (党的十八大和十八届三中全会精神 → two items). The verb in
front decides the edge: 根据 / 贯彻落实 / 按照 / 对接 / 执行 → IMPLEMENTS; 编制 / 出台 / 颁布 or
none → REFERENCES; the verb governs its clause across a line break inside the sentence (依据《A》⏎和
《B》), not words inside another title, and 落实到 / 贯彻到 + a destination (将任务落实到年度工作计划) cites
nothing. Cited plans get their id from `meta.plan_id`, so they meet the document that
carries the title or number. SUPERSEDES joins two citations of one series that differ in
ordinal or period (第二个 / 第三个 三年行动计划), and a plan to its predecessor: a cited plan of the
previous period that is our title, or of our place, kind and subject and said to be completed or
repealed; a 十N五 plan to the 十(N-1)五 plan of its title it reports on. The document's own 文号
is never a citation.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from policygraph.graph.model import EdgeType, Plan, match_key

from ..document import BatchBuilder, ParsedDoc, widen
from .meta import DOCNUM, KIND_WORDS, TITLE_KINDS, cites_before, docnum_key, match_view, normalise_docnum, plan_id, plan_kind, plan_period, title_key
from .meta import _cn_int as cn_int  # small numerals (十四, 三), read the same way as metadata does

__all__ = ["extract", "Citation", "find_citations", "expand_spirit", "supersessions"]

IMPLEMENTS, REFERENCES, REPLACES = "implements", "references", "supersedes"
_REPEAL = re.compile(r"^[^，,。；;]*?(同时废止|予以废止|废止|停止执行|不再执行|同时失效|自行失效|代替)")

_KIND = "|".join(KIND_WORDS + ("法",))
# documents that set rules rather than goals: plans too when named (制定X应急预案, 编制X技术指南)
_RULE_KINDS = ("应急预案", "预案", "技术指南", "指南", "技术导则", "导则", "技术标准", "标准", "技术规范")
_BOOK_KIND = "|".join(TITLE_KINDS + _RULE_KINDS + ("法",))   # with book marks a 《…若干措施》 is a document too
_PERIOD = r"(?:\s*[(（]\s*\d{4}\s*[—\-–－~～至到]+\s*\d{4}\s*年?\s*[)）])"
_DRAFT = r"(?:\s*[(（](?:试行|暂行|修订|修订稿|草案|征求意见稿)[)）])"
_CLAUSE_STOP = "，,。；;：:！？!?\n"
_CLAUSE_STOP_RE = re.compile("[" + re.escape(_CLAUSE_STOP) + "]")

# verbs in front of a citation, strongest reading first
_IMPL_CUES = ("贯彻落实", "落实好", "落实", "贯彻", "执行", "对接", "衔接", "按照", "根据", "依据", "遵照",
              "遵循", "完成", "实施")
_REF_CUES = ("研究出台", "出台", "编制", "制定", "修订", "修编", "颁布", "启动", "建立", "争取", "报批", "引进")
_CUE_RE = re.compile("|".join(sorted(_IMPL_CUES + _REF_CUES + ("推进",), key=len, reverse=True)))
_WEAK_CUES = ("实施", "推进", "建立", "完成")


@dataclass(frozen=True, slots=True)
class Citation:
    """A plan cited in the text (offsets in the view = doc.norm.text)."""

    title: str
    doc_number: str | None
    relation: str          # implements / references
    start: int             # the cited name
    end: int
    clause: tuple[int, int]
    rule: str


def _clause(view: str, start: int, end: int) -> tuple[int, int]:
    """The clause (cut at commas, colons and sentence ends) around [start, end). A line break
    inside a sentence (a hard wrap: 依据《A》(X发〔2016〕31号)⏎和《B》, or a page break there)
    does not cut it."""
    s, e = widen(view, start, end, _CLAUSE_STOP)
    while s > 0 and view[s - 1] == "\n":
        k = _line_before(view, s - 1)
        if k is None or not _wrapped(view[view.rfind("\n", 0, k) + 1:k], _line_at(view, s)):
            break
        s = widen(view, k, k, _CLAUSE_STOP)[0]
    while e < len(view) and view[e] == "\n":
        k = _line_after(view, e)
        if k is None or not _wrapped(_line_at(view, view.rfind("\n", 0, e) + 1), _line_at(view, k)):
            break
        e = widen(view, k, k, _CLAUSE_STOP)[1]
    return s, e


def _line_at(view: str, i: int) -> str:
    """The line that starts at `i`."""
    j = view.find("\n", i)
    return view[i:j if j >= 0 else len(view)]


def _line_before(view: str, i: int) -> int | None:
    """End of the text line before the line break at `i`, across blank lines of a page break
    (\f); None at a blank line (a paragraph break) or the start of the text."""
    k = i
    while k > 0:
        ls = view.rfind("\n", 0, k) + 1
        if view[ls:k].strip():
            return k
        if "\f" not in view[ls:k] or ls == 0:
            return None
        k = ls - 1
    return None


def _line_after(view: str, i: int) -> int | None:
    """Start of the text line after the line break at `i`, across blank lines of a page break."""
    k = i + 1
    while k < len(view):
        line = _line_at(view, k)
        if line.strip():
            return k
        if "\f" not in line:
            return None
        k += len(line) + 1
    return None


_LINE_END = set("。！？；：!?;:…，,")   # the line before ends a clause of its own
_HEADING = re.compile(r"\s*(?:第[一二三四五六七八九十百零〇\d]+[篇章节条]|[一二三四五六七八九十]+[、.．]"
                      r"|[(（][一二三四五六七八九十\d]+[)）]|\d+[、.．](?!\d)|[①-⑳]|专栏|附件)")
_CONTINUES = re.compile(r"\s*(?:和|及|以及|与|并|或|、)")
_GOES_ON = re.compile("(?:和|及|以及|与|并|或|、|" + "|".join(_IMPL_CUES + _REF_CUES) + ")$")


def _wrapped(before: str, after: str) -> bool:
    """Whether a line break between two lines only wraps a sentence: the line before does not
    end one and is no heading, the line after is no heading, and the list or the verb goes on
    across it (a line starting 和《B》, a line ending 和 or 依据, or an open bracket)."""
    before = before.strip()
    if not before or not after.strip() or before[-1] in _LINE_END:
        return False
    if _HEADING.match(after) or (_HEADING.match(before) and len(before) <= 30):
        return False
    return bool(_CONTINUES.match(after) or _GOES_ON.search(before)) \
        or before.count("《") > before.count("》") or before.count("(") > before.count(")")


_DRAFTED_DONE = re.compile(r"(编制|修编|修订|制定)(?:并)?完成")
# a cited plan being drafted or revised (完成《X》修编, 《X》编制工作) is mentioned, not carried out
_BEING_DRAFTED = re.compile(r"^”?\s*(?:的)?(?:编制|修编|修订)")


def _relation(prefix: str) -> str | None:
    """implements / references from the last cue verb in the clause before a citation."""
    prefix = _DRAFTED_DONE.sub(r"\1", prefix)   # 编制完成《X》: a plan drafted, not one carried out
    best, where = None, -1
    for cue in _IMPL_CUES:
        i = prefix.rfind(cue)
        if i > where or (i == where and i >= 0 and best == REFERENCES):
            best, where = IMPLEMENTS, i
    for cue in _REF_CUES:
        i = prefix.rfind(cue)
        if i >= 0 and i + len(cue) > where + 1 and i >= where:
            best, where = REFERENCES, i
    return best if where >= 0 else None


def _clean_name(name: str) -> str:
    name = re.sub(r"\s+", "", name)
    cues = "|".join(sorted(_IMPL_CUES + _REF_CUES + ("推进", "实施", "好", "了", "的", "一批", "一系列", "若干",
                                                     "完善", "并", "印发", "发布"),
                           key=len, reverse=True))
    prev = None
    while prev != name:
        prev = name
        name = re.sub(rf"^(?:{cues})", "", name)
        # a bare 国家 / 省 / 县 shares a stem (国家、湖南省X计划); 县域 / 市级 / 县城 are words of the name
        name = re.sub(r"^(国家|中央|省|市|区|县)(?=[\u4e00-\u9fff“\"])(?![域级城])", "", name)
    return name.strip("、和及与")


# ---------------------------------------------------------------------------- 《title》

_BOOK = re.compile(r"《(?P<t>[^《》\n]{2,120}?)》\s*(?:[(（](?P<n>[^()（）\n]{4,30}?)[)）])?")


# the words inside another title of the clause are no cue (根据《关于编制X的通知》和《Y》)
_BOOK_INSIDE = re.compile(r"《[^《》\n]*》")


def _book_citations(view: str) -> Iterator[Citation]:
    kind_end = re.compile(rf"(?:{_BOOK_KIND}){_PERIOD}?{_DRAFT}?$|{_PERIOD}$")
    for m in _BOOK.finditer(view):
        title = re.sub(r"\s+", "", m["t"])
        if len(title) <= 3 or not kind_end.search(title):
            continue
        after = view[m.end():m.end() + 6]
        if re.match(r"\s*[(（]\s*以下简称", view[m.end("t") + 1:m.end("t") + 12]) and not cites_before(view, m.start()):
            continue   # the document naming itself: 《X》(以下简称《规划》)是…
        ls, le = view.rfind("\n", 0, m.start()) + 1, view.find("\n", m.end())
        line = re.sub(r"\s+", "", view[ls:le if le >= 0 else len(view)])
        if re.fullmatch(r"[^，,。；;]{0,30}?(关于)?(印发|转发)《[^《》]+》的(通知|函|决定)[\d\-./年月日()（）\[\]]*", line):
            continue   # a notice's title on its own line: a header or a list of related notices, not a citation
        num = None
        if m["n"] and DOCNUM.search(match_view(m["n"])):
            num = normalise_docnum(m["n"])
        cs, ce = _clause(view, m.start(), m.end())
        rel = _relation(_BOOK_INSIDE.sub("《》", view[cs:m.start()]))
        if rel is None and re.match(r"的?(实施|要求|精神|部署)", after):
            rel = IMPLEMENTS
        if rel == IMPLEMENTS and _BEING_DRAFTED.match(view[m.end():m.end() + 6]) \
                and re.search(r"(?:完成|实施|推进|加快|做好)[^，,。；;]{0,4}$", view[cs:m.start()]):
            rel = REFERENCES   # 完成《X》修编 (根据《X》编制 still carries X out)
        if _REPEAL.match(view[m.end():m.end() + 40]):
            rel = REPLACES   # 原《X》同时废止: this document replaces X
        yield Citation(title, num, rel or REFERENCES, m.start(), m.end(), (cs, ce), "《title》")


# ---------------------------------------------------------------------------- bare 文号

_OWN_NUMBER_LABEL = re.compile(r"(?:文\s*号|发文字号|索引号|编\s*号)\s*[:：]\s*$")


# What follows the issuer in a 文号 (〔2014〕7号): DOCNUM from the bracket on.
_DOCNUM_TAIL = re.compile(r"[〔\[［(（【]\s*(?:19|20)\d\d\s*[〕\]］)）】]\s*第?\d{1,4}\s*号")


def _docnums(view: str) -> Iterator[re.Match]:
    """The matches of `DOCNUM.finditer(view)`, found faster: DOCNUM tries an issuer of up to 12
    characters at every position of the text; here it is tried only in the few characters
    before a bracketed year that ends in 号 (the issuer is CJK, then spaces, then the bracket)."""
    pos = anchor_from = 0
    while (tail := _DOCNUM_TAIL.search(view, anchor_from)) is not None:
        bracket = tail.start()
        while bracket > pos and view[bracket - 1].isspace():
            bracket -= 1
        m = DOCNUM.search(view, max(pos, bracket - 12), tail.end())
        if m is None:
            anchor_from = tail.start() + 1
            continue
        yield m
        pos = anchor_from = m.end()


def _docnum_citations(view: str, skip: list[tuple[int, int]]) -> Iterator[Citation]:
    for m in _docnums(view):
        if any(a <= m.start() < b for a, b in skip):
            continue
        if view[max(0, m.start() - 1):m.start()] in ("(", "（") and view[max(0, m.start() - 3):m.start()].find("》") >= 0:
            continue
        org = re.sub(r"^(?:根据|依据|按照|遵照|参照|贯彻落实|贯彻|落实|执行|印发|转发|经|和|及|、)+", "", m["org"])
        if not org:
            continue
        start = m.end("org") - len(org)
        ls = view.rfind("\n", 0, start) + 1
        le = view.find("\n", m.end())
        line = re.sub(r"\s+", "", view[ls:le if le >= 0 else len(view)])
        if len(line) <= len(org) + 14:   # the document's own number, alone on its line
            continue
        if _OWN_NUMBER_LABEL.search(view[max(0, start - 12):start]):
            continue   # 文号：X in a web page's metadata table is the document's own number
        cs, ce = _clause(view, start, m.end())
        num = f"{org}〔{m['year']}〕{m['num']}号"
        rel = _relation(_BOOK_INSIDE.sub("《》", view[cs:start])) or REFERENCES
        yield Citation(num + "文件", num, rel, start, m.end(), (cs, ce), "bare 文号")


# ---------------------------------------------------------------------------- named plans

_NAME_END = re.compile(rf"(?:{_KIND})”?{_PERIOD}?")
# after a drafting verb (编制 / 制定 / 修订 …) a 预案 / 指南 / 导则 / 标准 is named too
_DRAFTED_END = re.compile(rf"(?:{_KIND}|{'|'.join(_RULE_KINDS)})”?{_PERIOD}?")
_TECHNICAL = re.compile(r"(?:技术指南|技术导则|导则|技术标准|技术规范)$")
_RULE_END = re.compile(rf"(?:{'|'.join(_RULE_KINDS)})$")
_GENERIC_RULE = re.compile(r"^(?:地方|行业|国家|团体|企业|相关|有关|应急|工作|操作|专项|配套|技术|管理|服务)*"
                           rf"(?:{'|'.join(_RULE_KINDS)})$")
_FOLLOW_OK = re.compile(r"(?:[,，。;；、)）:：\n]|[(（](?!\s*\d{4})|$|各项|的|编制|修编|中|要求|目标|任务|人才|标准|和|等|精神|，"
                        r"|确定|提出|明确|部署|规定|有关|相关|实施(?=[，,。；;、\n]|$)|落地|工作要求)")
_BARE_FIVE_YEAR = re.compile(r"[“\"]?十[一二三四五六七八九]五[”\"]?(?:规划|计划)")
_PLACE_ONLY = re.compile(r"^(国家|中央|省|市|区|县|[\u4e00-\u9fff]{2,6}(省|市|区|县|自治区))$")
_SPECIFIC = re.compile(rf"[“”\"]|{_PERIOD}|三年|五年|行动计划|工作计划|行动方案|条例|办法|规划纲要|细则|[省市县区]")
_GENERIC = re.compile(r"^(本|该|各|相关|有关|年度|专项|上级|各类|各级|配套|发展|总体规划|城市总规|国土空间|这一|此|政府|以下|上述|或|具体|详细|相应|专门|工作|分年度|各地|本地|本级|配套|实施|一批)")


def _named_citations(view: str, skip: list[tuple[int, int]]) -> Iterator[Citation]:
    for m in _CUE_RE.finditer(view):
        if any(a <= m.start() < b for a, b in skip):
            continue
        cue = m.group(0)
        if cue in _IMPL_CUES and re.search(rf"(?:{_DRAFTED_DONE.pattern})$", view[max(0, m.start() - 3):m.end()]):
            continue   # 编制完成X规划: the 编制 before decides
        pos = m.end()
        if view.startswith(("到", "至", "于", "在"), pos):
            continue   # 落实到年度工作计划, 贯彻到本部门计划中: a destination, not a document carried out
        end = _CLAUSE_STOP_RE.search(view, pos, pos + 90)      # the clause, at most 90 characters
        stop = end.start() if end else min(len(view), pos + 90)
        tail = view[pos:stop]
        if tail.startswith(("《", "“十")) and tail.startswith("《"):
            continue
        items: list[tuple[str, int, int]] = []
        pending: list[tuple[str, int]] = []
        i = 0
        while i < len(tail):
            j = tail.find("、", i)
            piece_end = j if j >= 0 else len(tail)
            piece = tail[i:piece_end]
            nm = None
            for k in (_DRAFTED_END if cue in _REF_CUES else _NAME_END).finditer(piece):
                rest = piece[k.end():]
                if _FOLLOW_OK.match(rest) or not rest:
                    nm = k
                    break
            if nm is not None:
                name = _clean_name(piece[:nm.end()])
                for place, pstart in pending:
                    stem = re.sub(r"^(国家|中央|省|市|区|县|[\u4e00-\u9fff]{2,6}(省|市|区|县))", "", name)
                    items.append((stem if place in ("国家", "中央") else place + stem, pos + pstart, pos + i + nm.end()))
                pending = []
                items.append((name, pos + i, pos + i + nm.end()))
                if piece[nm.end():] and not piece[nm.end():].startswith(("”",)):
                    # anything after the name ends the list (编制工作, 各项任务…)
                    tail_after = piece[nm.end():]
                    if j >= 0 and not re.fullmatch(r"”?", tail_after):
                        break
            elif _PLACE_ONLY.match(piece.strip()):
                pending.append((piece.strip(), i))
            else:
                break
            if j < 0:
                break
            i = j + 1
        if not items:
            continue
        weak = cue in _WEAK_CUES
        for name, s, e in items:
            core = re.sub(r"[“”\"]", "", name)
            if len(core) < 4 or _GENERIC.match(name) or re.fullmatch(rf"(?:{_KIND})", core):
                continue
            if re.search(r"[，,。《》]", name) or len(name) > 40:
                continue   # a book mark: the 《title》 rule reads it whole (衔接落实《X规划和…纲要》)
            revised = bool(re.match(r"”?\s*修编", view[e:e + 4]))
            if weak and not _SPECIFIC.search(name) and not revised:
                continue   # 完成X专项规划修编: a plan being revised is a document even when its name is plain
            if _RULE_END.search(name) and (_GENERIC_RULE.match(_place_free(core)) or re.search(r"的|为|以上|以下", name)
                                           or not (_TECHNICAL.search(name) or _place_free(core) != core
                                                   or re.search(_PERIOD, name))):
                continue   # 制定应急预案 / 编制全域旅游指南 / 制定X的标准: the document's own, unnamed
            if cue == "推进" and not re.search(rf"{_PERIOD}|[三五十]年", name):
                continue   # 推进 mostly governs work, not plans: only a dated plan counts
            if re.search(r"(政策|规定)$", name) and not re.search(r"”(政策|规定)$", name):
                continue   # 政策 / 规定 are plans only when named: “人才30条”政策
            if re.search(rf"和(?:年度|专项|配套|实施|工作|行动|三年|五年)?(?:{_KIND})$", name) or re.search(r"相关|有关|以下|上述|重大|[一二三四五六七八九十\d]大", name):
                continue
            bare = bool(_BARE_FIVE_YEAR.fullmatch(name))
            after = view[e:e + 6]
            rel = IMPLEMENTS if cue in _IMPL_CUES or cue == "推进" else REFERENCES
            if re.match(r"”?\s*(编制|修编)", after) or (bare and cue in _WEAK_CUES):
                rel = REFERENCES   # 实施“十四五”规划的关键一年: the period's plan as setting, a mention
            cs, ce = _clause(view, m.start(), e)
            yield Citation(name, None, rel, s, e, (cs, ce), "bare five-year plan" if bare else f"{cue} + named plan")


def _place_free(name: str) -> str:
    """A name without the place it starts with (湖南省地方标准 → 地方标准)."""
    return re.sub(r"^(?:国家|中央|[\u4e00-\u9fff]{2,6}?(?:省|自治区|市|州|区|县))", "", name)


def _quoted_plan_names(view: str, skip: list[tuple[int, int]]) -> Iterator[Citation]:
    """“芙蓉人才计划”, “国家千人计划”: a quoted name ending in a kind word."""
    for m in re.finditer(r"“(?P<t>[^“”\n]{2,20}?(?:计划|规划))”", view):
        if any(a <= m.start() < b for a, b in skip) or re.match(r"十[一二三四五六七八九]五", m["t"]):
            continue
        if re.fullmatch(r"(三年|五年)?(行动|工作)?(计划|规划)", m["t"]) or re.search(r"[一二三四五六七八九十\d]大", m["t"]) \
                or view[max(0, m.start() - 1):m.start()] == "等":
            continue   # a numbered set the document sums up (等“七大计划”) is its own programme
        cs, ce = _clause(view, m.start(), m.end())
        rel = _relation(view[cs:m.start()])
        if rel is None:
            continue
        yield Citation(m["t"], None, rel, m.start(), m.end(), (cs, ce), "quoted plan name")


# ---------------------------------------------------------------------------- 精神 / 决策部署

_INSTRUCTIONS = r"重要(?:讲话|指示|批示)(?:和?(?:讲话|指示|批示))*要求"   # 总书记…系列重要指示要求
_SPIRIT = re.compile(r"(?P<cue>学习贯彻|贯彻落实|贯彻|落实|按照)(?P<body>[^，,。；;：:\n]{2,160}"
                    rf"(?:精神|决策部署|工作部署|战略部署|{_INSTRUCTIONS}|(?:会议|大会|全会|党代会)(?:的)?(?:重要|重大)?部署))")
_PERSON = re.compile(r"^(?P<p>[\u4e00-\u9fff]{2,4}(?:总书记|主席|总理|同志))")
_ORD = r"[一二三四五六七八九十\d]+(?:次|中)"
_ORGAN = r"(?:党中央|中央|国务院|省委|省政府|市委|市政府|区委|区政府|县委|县政府)"


def expand_spirit(body: str) -> list[str]:
    """党的十八大和十八届三中全会精神 → [党的十八大精神, 十八届三中全会精神];
    市委十一届五次、六次全会精神 → two; 省委“四化两型”、“三量齐升”的决策部署 → two."""
    body = re.sub(r"\s+", "", body)
    body = re.sub(r"^(认真|深入|全面|坚决|切实|好)+", "", body)
    m = re.fullmatch(r"(?P<org>[\u4e00-\u9fff]{0,8}?)(?P<list>“[^”]+”(?:[、和]“[^”]+”)*)的?(?P<tail>决策部署|战略部署|重大部署|工作部署)", body)
    if m:
        return [m["org"] + q + m["tail"] for q in re.findall(r"“[^”]+”", m["list"])]
    m = re.fullmatch(rf"(?P<org>{_DECIDER}(?:[、和]{_DECIDER})*)关于[^关]{{2,40}}的(?:决策部署|重大部署|战略部署|部署)", body)
    if m:   # 党的二十大关于实施城市更新行动的决策部署: a decision named by its subject
        return [body]
    m = re.fullmatch(r"(?P<head>.+?精神)(?:和|及|以及|、)(?P<rest>[^精]+部署)", body)
    if m:   # 2022年中央一号文件精神和省委农村工作会议部署: a 精神 list, then a named meeting's 部署
        return expand_spirit(m["head"]) + expand_spirit(m["rest"])
    m = re.fullmatch(r"(?P<list>[\u4e00-\u9fff“”、]{2,60}?(?:会议|大会|全会|党代会))的?(?P<tail>(?:重要|重大)?部署)", body)
    if m:   # 全国生态环境保护大会部署, 中央经济工作会议和全省生态环境保护大会部署: named meetings
        parts = [x for x in re.split(r"[、和及]|以及", m["list"]) if x]
        if all(re.search(r"(会议|大会|全会|党代会)$", x) for x in parts):
            return [x + "部署" for x in parts if len(x) >= 4]
        return [m["list"] + "部署"]
    if body.endswith("部署"):
        return []   # 党的路线方针和决策部署: no named decision
    segments = [s for s in re.findall(rf".*?(?:精神|决策部署|{_INSTRUCTIONS})", body)]
    out: list[str] = []
    person = None
    for seg in segments:
        seg = re.sub(r"^(和|以及|及|、|与)", "", seg)
        # a thought is guidance, not a citation: 习近平生态文明思想和全国生态环境保护大会精神
        seg = re.sub(r"^[^和、]*?思想(?:和|以及|及|、)", "", seg)
        pm = _PERSON.match(seg)
        if pm:
            person = pm["p"]
        elif person and seg.startswith(("在", "关于", "对")):
            seg = person + seg
        out.extend(_split_coordination(seg))
    # 2022年中央一号文件精神: the spirit of a document is that document (with its year);
    # 中央一号文件和省委一号文件精神 → both
    docs = []
    for s in out:
        m = re.fullmatch(rf"(?P<list>{_DOCUMENT}(?:(?:和|及|、){_DOCUMENT})*)精神", s)
        docs.extend(re.findall(_DOCUMENT, m["list"]) if m else [s])
    out = docs
    return [s for s in out if len(s) >= 5]


_MEETING_END = re.compile(r"(?:大|全会|会议|党代会|大会)$")
# who takes a 关于…的决策部署: a congress or plenum, or a party / government organ
_DECIDER = (r"(?:党的[一二三四五六七八九十]+大|[一二三四五六七八九十]+届[一二三四五六七八九十]+中全会|党中央|中共中央|国务院"
            r"|中央|省委|省政府|市委|市政府|区委|县委|[\u4e00-\u9fff]{2,10}(?:会议|全会|大会|党代会))")
_DOCUMENT = r"(?:(?:19|20)\d\d年)?(?:中央|省委|市委|区委|县委)?[一二三四五六七八九十\d]+号文件"


def _meeting_parts(seg: str) -> list[str]:
    """党的十九大和十九届二中、三中全会精神 → [党的十九大, 十九届二中、三中全会]: split at 和 / 及 /
    以及 / 、 only where the part before names a whole meeting; [] unless every part does."""
    if not seg.endswith("精神"):
        return []
    tokens = re.split(r"(以及|和|及|、)", seg[:-2])
    parts, cur = [], ""
    for tok in tokens:
        if tok in ("以及", "和", "及", "、"):
            if _MEETING_END.search(cur) and len(cur) >= 3:
                parts.append(cur)
                cur = ""
            else:
                cur += tok
        else:
            cur += tok
    parts.append(cur)
    return parts if all(_MEETING_END.search(p) and len(p) >= 3 for p in parts) else []


def _split_coordination(seg: str) -> list[str]:
    m = re.fullmatch(r"(?P<pre>.*?)在(?P<list>[^在]+?)上的(?P<tail>重要讲话精神|讲话精神|重要指示精神|重要讲话指示精神)", seg)
    if m and re.search(r"[、和]", m["list"]):
        return [f"{m['pre']}在{x}上的{m['tail']}" for x in re.split(r"[、和]", m["list"]) if x]
    m = re.fullmatch(r"(?P<a>.+?(?:重要讲话|重要指示|重要批示))(?:和|及|以及|、)(?P<b>.{2,30}?精神)", seg)
    if m and not m["b"].startswith(("重要", "讲话", "指示", "批示")):
        # 总书记“4·13”重要讲话和中央12号文件精神: a speech's spirit and a document's spirit
        return [m["a"] + "精神", *_split_coordination(m["b"])]
    parts = _meeting_parts(seg)
    if len(parts) > 1:   # 省委十二届五次、六次全会和市委十届七次全会精神: each meeting on its own
        return [x for p in parts for x in _split_coordination(p + "精神")]
    # 中央和省委经济工作会议精神: organs sharing one meeting
    m = re.fullmatch(rf"(?P<orgs>{_ORGAN}(?:[和、及]{_ORGAN})+)(?P<meeting>[\u4e00-\u9fff]{{2,12}}(?:会议|大会)精神)", seg)
    if m:
        return [o + m["meeting"] for o in re.split(r"[和、及]", m["orgs"])]
    # 十九届二中、三中、四中、五中全会: a shared 届 and a list of 中 / 次 sessions
    m = re.fullmatch(rf"(?P<pre>.*?)(?P<ords>{_ORD}(?:(?:、|和|及)(?:第)?{_ORD})+)(?P<suf>全会精神|全体会议精神|会议精神)", seg)
    if m:
        return [m["pre"] + re.sub(r"^第", "", o) + m["suf"] for o in re.split(r"、|和|及", m["ords"]) if o]
    return [seg]


def _spirit_citations(view: str) -> Iterator[Citation]:
    for m in _SPIRIT.finditer(view):
        body = m["body"]
        if view[max(0, m.start() - 2):m.start()] in ("省委", "市委", "中央", "区委", "县委", "务院", "政府"):
            continue   # another organ carries it out (省委贯彻…作出的决策), not this plan
        # a clause may start with other aims (深入贯彻X思想和…): keep from the last 和/,
        for item in expand_spirit(body):
            if not re.search(rf"(精神|部署|号文件|{_INSTRUCTIONS})$", item) or re.search(r"[《》]", item):
                continue
            yield Citation(item, None, IMPLEMENTS, m.start("body"), m.end("body"),
                           _clause(view, m.start(), m.end()), "精神 / 决策部署")


# ---------------------------------------------------------------------------- all citations

def find_citations(view: str, skip: list[tuple[int, int]] | None = None) -> list[Citation]:
    """Every citation in the text, outside the `skip` ranges (the documents' own headers)."""
    skip = list(skip or [])
    cites = [c for c in _book_citations(view) if not any(a <= c.start < b for a, b in skip)]
    inside = skip + [(c.start, c.end) for c in cites]
    cites += list(_docnum_citations(view, inside))
    inside = skip + [(c.start, c.end) for c in cites]
    named = list(_named_citations(view, inside))
    cites += named
    inside += [(c.start, c.end) for c in named]
    cites += list(_quoted_plan_names(view, inside))
    cites += list(_spirit_citations(view))
    return cites


_ORDINAL = re.compile(r"第([一二三四五六七八九十\d]+)个")


def _series_key(title: str) -> str:
    t = re.sub(_PERIOD, "", title)
    t = _ORDINAL.sub("", t)
    return title_key(t)


def _order(title: str) -> tuple:
    start, end = plan_period(title)
    m = _ORDINAL.search(title)
    return (cn_int(m[1]) if m else 0, start or 0, end or 0)


def supersessions(cites: list[Citation]) -> list[tuple[Citation, Citation]]:
    """(newer, older) for cited plans of one series told apart by ordinal or period."""
    groups: dict[str, list[Citation]] = {}
    for c in cites:
        if _ORDINAL.search(c.title) or re.search(_PERIOD, c.title):
            groups.setdefault(_series_key(c.title), []).append(c)
    out = []
    for members in groups.values():
        distinct = {}
        for c in members:
            distinct.setdefault(title_key(c.title), c)
        ordered = sorted(distinct.values(), key=lambda c: _order(c.title))
        for older, newer in zip(ordered, ordered[1:]):
            if _order(older.title) < _order(newer.title):
                out.append((newer, older))
    return out


def _previous_five_year(title: str) -> str | None:
    """株洲市…第十四个五年规划和二〇三五年远景目标纲要 → 株洲市…第十三个五年规划纲要."""
    m = re.search(r"第([一二三四五六七八九十]{1,3})个五年", title)
    if not m:   # X“十四五”Y规划 → X“十三五”Y规划
        m = re.search(r"(?<=[“\"])(十[一二三四五六七八九])五(?=[”\"])", title)
        n = cn_int(m[1]) if m else None
        if not n or n < 11:
            return None
        return title[:m.start()] + f"{_num_cn(n - 1)}五" + title[m.end():]
    n = cn_int(m[1])
    if not n or n < 2:
        return None
    prev = _num_cn(n - 1)
    t = title[:m.start()] + f"第{prev}个五年" + title[m.end():]
    t = re.sub(r"和(?:二\s*〇|20)[\s〇一二三四五六七八九\d]{2,5}年远景目标", "", t)
    return t


def _num_cn(n: int) -> str:
    digits = "〇一二三四五六七八九"
    if n < 10:
        return digits[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")


# ---------------------------------------------------------------------------- extractor

def extract(doc: ParsedDoc, out: BatchBuilder) -> None:
    """Add IMPLEMENTS / REFERENCES / SUPERSEDES edges from each plan of `doc` to the plans it cites."""
    if not doc.plans:
        return
    view = match_view(doc.norm.text)
    own = {sp.plan.id for sp in doc.plans}
    own_keys = {title_key(sp.plan.name) for sp in doc.plans}
    own_numbers = {docnum_key(sp.plan.doc_number) for sp in doc.plans if sp.plan.doc_number}
    openings = [(doc.norm.normalised_index(sp.start),
                 _opening_end(view, doc.norm.normalised_index(sp.start), doc.norm.normalised_index(sp.end),
                              aims=not _is_outline(sp.plan.name)))
                for sp in doc.plans]
    cites = [c for c in find_citations(view)
             if c.rule != "精神 / 决策部署" or any(a <= c.start < b for a, b in openings)]

    # each citation with the plan citing it and the id of the plan cited, worked out once
    placed = []
    for c in cites:
        span = doc.plan_at(doc.norm.original_span(c.start, c.start + 1)[0])
        if span is not None:
            placed.append((c, span, plan_id(c.title, c.doc_number, span.plan.jurisdiction)))

    chosen: dict[tuple[str, str], tuple[Citation, str]] = {}
    for c, span, target_id in placed:
        key_c = title_key(c.title)
        if target_id in own or (c.doc_number and docnum_key(c.doc_number) in own_numbers) \
                or (not c.doc_number and any(key_c and key_c in k for k in own_keys)):
            continue   # the document naming itself (its 印发 notice, 以下简称, its own 文号 anywhere);
            # a title inside ours with another 文号 is the higher plan ours is named after
        if c.rule == "bare five-year plan" and not _mentioned_period(span.plan, c.title):
            continue   # its own period (本“十四五”规划) or its predecessor (see _five_year_supersedes)
        if c.relation != REPLACES and _predecessor(span.plan, c, view):
            c = replace(c, relation=REPLACES, rule="predecessor plan")
        key = (span.plan.id, target_id)
        prev = chosen.get(key)
        if prev is None or _RANK[c.relation] > _RANK[prev[0].relation]:
            chosen[key] = (c, target_id)
    for (source_id, _tid), (c, _) in chosen.items():
        source = out.get(source_id)
        target = _cited_plan(c, source.jurisdiction)
        typ = _EDGE[c.relation]
        out.link(source, target, typ, doc.norm_evidence(*c.clause), rule=c.rule, category="references")
    # evidence for the same target from other places
    for c, span, target_id in placed:
        if (span.plan.id, target_id) not in chosen:
            continue
        kept = chosen[(span.plan.id, target_id)][0]
        if kept is not c and kept.relation == c.relation and kept.clause != c.clause:
            typ = _EDGE[c.relation]
            out.link(out.get(span.plan.id), _cited_plan(c, span.plan.jurisdiction), typ,
                     doc.norm_evidence(*c.clause), rule=c.rule)

    scope = doc.plans[0].plan.jurisdiction
    for newer, older in supersessions([c for c in cites if plan_id(c.title, c.doc_number, scope) not in own]):
        a = min(newer.clause[0], older.clause[0])
        b = max(newer.clause[1], older.clause[1])
        if b - a > 400:
            a, b = newer.clause
        out.link(_cited_plan(newer, scope), _cited_plan(older, scope), EdgeType.SUPERSEDES, doc.norm_evidence(a, b),
                 rule="series: later ordinal or period")
    replaced = {src for (src, _), (c, _) in chosen.items() if c.relation == REPLACES}
    for sp in doc.plans:
        if sp.plan.id not in replaced:
            _five_year_supersedes(doc, view, sp, out)


def _five_year_supersedes(doc: ParsedDoc, view: str, sp, out: BatchBuilder) -> None:
    """A 十四五 plan that mentions the “十三五”规划 bare supersedes its own title with the previous
    period: an outline on any mention, another plan when the text says that plan was completed."""
    prev_title = _previous_five_year(match_view(sp.plan.name))
    if not prev_title:
        return
    start, _ = plan_period(prev_title)
    n = (start - 1966) // 5 + 3 if start else None
    if not n:
        return
    cn = _num_cn(n)
    short = re.compile(rf"[“\"]?(?:{cn}|{n})五[”\"]?\s*(?:规划|计划)|第{cn}个五年(?:规划|计划)")
    a = doc.norm.normalised_index(sp.start)
    b = doc.norm.normalised_index(sp.end)
    outline = _is_outline(sp.plan.name)
    for hit in short.finditer(view, a, b):
        if view.rfind("《", a, hit.start()) > view.rfind("》", a, hit.start()):
            continue   # inside a cited title: the citation decides (_predecessor)
        cs, _ = _clause(view, hit.start(), hit.end())
        if outline or _COMPLETED.search(view[hit.end():hit.end() + 60]) or _COMPLETING.search(view[cs:hit.start()]):
            break
    else:
        return
    older = Plan(id=plan_id(prev_title, None), name=prev_title, kind=plan_kind(prev_title),
                 period_start=plan_period(prev_title)[0], period_end=plan_period(prev_title)[1],
                 level=sp.plan.level, jurisdiction=sp.plan.jurisdiction)
    out.link(sp.plan, older, EdgeType.SUPERSEDES, doc.norm_evidence(*_clause(view, hit.start(), hit.end())),
             rule="十N五 outline supersedes 十(N-1)五")


# ---------------------------------------------------------------------------- predecessors

_COMPLETED = re.compile(r"^[^。；;，,！!]{0,30}?(?:完成|收官|到期|期满)"
                        r"|^[^，,。；;]{0,20}?(?:同时废止|予以废止|废止|停止执行|不再执行|同时失效|自行失效)")
_COMPLETING = re.compile(r"(?:全面|圆满|顺利|基本|如期|胜利|超额)?完成(?:了)?$")
_FIVE_YEAR = re.compile(r"[“\"]?十([一二三四五六七八九])五[”\"]?|第([一二三四五六七八九十]{1,3})个五年")
# 行动方案 and 行动计划 are written for one another; a 纲要 is a 规划
_KIND_FAMILY = {"纲要": "规划", "规划": "规划", "要点": "要点", "计划": "方案", "方案": "方案", "意见": "意见"}
# our plan carries the cited one on: 巩固《X》成果, 在《X》基础上, 接续《X》
_CARRIES_ON_BEFORE = re.compile(r"(?:巩固|巩固拓展|巩固提升|巩固深化|接续|延续|深化拓展)[^，,。；;《]{0,6}$|在$")
_CARRIES_ON_AFTER = re.compile(r"^[^，,。；;]{0,10}?(?:成果|成效|基础上)")
# characters too common in plan subjects to tie two of them together
_GENERIC_CHARS = set("发展建设工作行动三年攻坚实施计划方案专项管理保护治理提升推进体系质量全面综合整治重点领域")


def _series(title: str) -> str:
    """A title without its period: 十三五 / 第十三个五年 / (2016—2018年) / 2023年 / 第二个 gone."""
    t = match_view(re.sub(r"\s+", "", title))
    t = _FIVE_YEAR.sub("", t)
    t = re.sub(_PERIOD, "", t)
    t = re.sub(r"(?:19|20)\d\d年度?", "", t)
    t = _ORDINAL.sub("", t)
    t = re.sub(r"和(?:二〇|20)\S{2}年远景目标", "", t)
    return title_key(t)


def _period_of(title: str) -> tuple[int | None, int | None]:
    return plan_period(title)


def _family(title: str) -> str | None:
    kind = plan_kind(title) or ""
    for word, fam in _KIND_FAMILY.items():
        if kind.endswith(word):
            return fam
    return kind or None


def _precedes(older: str, newer: str, newer_period: tuple[int | None, int | None]) -> bool:
    """`older` is the previous period's or ordinal's plan: 十三五 before 十四五, 2016—2018 before
    2019—2021, 2023年 before 2024年, 第二个 before 第三个."""
    o_start, o_end = _period_of(older)
    n_start = newer_period[0]
    if o_end and n_start and 0 <= n_start - o_end <= 1 and (o_start or o_end) < n_start:
        return True
    mo, mn = _ORDINAL.search(match_view(older)), _ORDINAL.search(match_view(newer))
    if mo and mn:
        a, b = cn_int(mo[1]), cn_int(mn[1])
        return bool(a and b and b == a + 1)
    return False


def _predecessor(plan: Plan, c: Citation, view: str) -> bool:
    """The citing plan replaces the cited one: the cited title is ours with the previous period
    (惠州市X“十三五”规划 for 惠州市X“十四五”规划), or a previous-period plan of our place and kind that
    the text says was completed or repealed (《X“十三五”规划》确定的主要目标任务全面完成)."""
    own = plan.name or ""
    period = (plan.period_start, plan.period_end) if plan.period_start else _period_of(own)
    if not period[0] and plan.date and plan.date[:4].isdigit():
        period = (int(plan.date[:4]), None)   # no period in the title: the year it was issued
    if not period[0] or not _precedes(c.title, own, period):
        return False
    if _series(c.title) and _series(c.title) == _series(own):
        return True
    if _family(c.title) != _family(own):
        return False
    place = _title_place(c.title)
    if place and plan.jurisdiction and place != plan.jurisdiction:
        return False   # a province's 十三五 plan is not a city plan's predecessor
    before, after = view[c.clause[0]:c.start], view[c.end:c.end + 60]
    completed = bool(_COMPLETED.search(after) or _COMPLETING.search(before))
    carried_on = bool(_CARRIES_ON_BEFORE.search(before) or _CARRIES_ON_AFTER.search(after))
    if not (completed or carried_on):
        return False
    if _same_subject(c.title, own):
        return True
    # our own place's plan of the period just before, said done or carried on, in our domain
    # (水污染防治 → 水生态环境保护): the predecessor even when the subject was renamed
    return bool(place) and place == plan.jurisdiction and _related_subject(c.title, own)


def _subject(title: str) -> set[str]:
    t = _series(title)
    place = _title_place(title)
    if place:
        t = t.replace(match_key(place), "", 1)
    t = re.sub(rf"(?:{_KIND})+$", "", t)
    return set(re.sub(r"关于|印发|的|和|与|及|“|”", "", t))


def _same_subject(a: str, b: str) -> bool:
    """Most characters of the shorter subject are in the longer (环境保护和生态建设 ~ 生态环境保护)."""
    sa, sb = _subject(a), _subject(b)
    if not sa or not sb:
        return False
    return len(sa & sb) / min(len(sa), len(sb)) >= 0.6


def _related_subject(a: str, b: str) -> bool:
    """The subjects share a domain character (水, 污, 生态, 垃圾 …) beyond the generic ones."""
    return bool((_subject(a) & _subject(b)) - _GENERIC_CHARS)


def _title_place(title: str) -> str | None:
    from .meta import _place_of   # the place a plan's title starts with, read as metadata reads it
    got = _place_of(title)
    return got[0] if got and got[1] != "national" else None


def _mentioned_period(plan: Plan, title: str) -> bool:
    """A bare 十N五规划 in a plan is a mention unless it is the plan's own period or earlier."""
    start, end = _period_of(title)
    if not start or not plan.period_start:
        return True
    if end < plan.period_start:
        return False
    return (start, end) != (plan.period_start, plan.period_end)


_EDGE = {IMPLEMENTS: EdgeType.IMPLEMENTS, REFERENCES: EdgeType.REFERENCES, REPLACES: EdgeType.SUPERSEDES}
_RANK = {REFERENCES: 0, IMPLEMENTS: 1, REPLACES: 2}


_TOP_HEAD = re.compile(r"^\s*(第[一二三四五六七八九十]+篇|第[一二三四五六七八九十]+部分|第[一二三四五六七八九十]+章"
                       r"|[一二三四五六七八九十]+、)", re.M)
_AIMS_HEAD = re.compile(r"^\s*(?:第[一二三四五六七八九十]+[章篇节]|[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）])?"
                        r"\s*(?:指导思想|总体要求|总体思路|指导方针)", re.M)


def _is_outline(title: str) -> bool:
    """A 国民经济和社会发展 five-year outline: it carries out its party committee's 建议, and the
    精神 its 指导思想 restates are the 建议's, not citations of its own."""
    return "国民经济和社会发展" in match_view(title or "")


def _opening_end(view: str, a: int, b: int, aims: bool = True) -> int:
    """End of a plan's opening: its preamble, its first top-level part, and (with `aims`) the
    top-level part where 指导思想 / 总体要求 sits (a 专项规划 often opens with 发展基础 and states its
    aims in the second chapter), i.e. the next top-level heading of the same style after those;
    else the plan's end."""
    first = _TOP_HEAD.search(view, a, b)
    if not first:
        return b
    style = _head_style(first.group(1))
    upto = first.end()
    found = _AIMS_HEAD.search(view, a, b) if aims else None
    if found and found.start() > upto:
        upto = found.end()
    for m in _TOP_HEAD.finditer(view, upto, b):
        if _head_style(m.group(1)) == style:
            return m.start()
    return b


def _head_style(head: str) -> str:
    for style in ("篇", "部分", "章"):
        if head.endswith(style):
            return style
    return "、"


def _cited_plan(c: Citation, scope: str | None = None) -> Plan:
    start, end = plan_period(c.title)
    return Plan(id=plan_id(c.title, c.doc_number, scope), name=c.title, doc_number=c.doc_number,
                kind=plan_kind(c.title), period_start=start, period_end=end)
