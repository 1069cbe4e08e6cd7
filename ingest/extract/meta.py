"""Plan metadata: which documents a file holds, and each one's title, 文号, issuers, date,
level, jurisdiction, period and kind.

Runs first: it sets `doc.plans` (one `PlanSpan` per document, with the text range it covers)
and adds the Plan nodes and their ISSUED_BY edges. Rules read the genre, not particular files:
a 印发《X》的通知 header or a 《X》(以下简称…) names the document; a 文号 alone on its line near
the top is the document's own number (cited numbers sit inside sentences); the issuers are the
organ lines just above the signature date (or above the 关于印发 header); a second 印发 header
after a body of text starts a second document. `plan_id` gives cited and carried plans the same
id, so lineage connects across documents (docs/decisions/0008-plans-and-links.md).
"""
from __future__ import annotations

import re
import threading
import unicodedata
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache

from policygraph.graph.model import EdgeType, Label, Plan, match_key, node_id

from .. import agency_names, gazetteer
from ..document import BatchBuilder, ParsedDoc, PlanSpan

__all__ = [
    "extract",
    "plan_id",
    "is_generic_title",
    "title_key",
    "docnum_key",
    "normalise_docnum",
    "DOCNUM",
    "KIND_WORDS",
    "TITLE_KINDS",
    "match_view",
    "plan_kind",
    "plan_period",
    "parse_date",
    "find_plans",
    "PlanMeta",
    "cites_before",
]

# ---------------------------------------------------------------------------- shared patterns

# A 文号: issuer abbreviation, year in any bracket, number, 号 (株发〔2014〕7号, 株政办函[2014]24号).
DOCNUM = re.compile(
    r"(?P<org>[\u4e00-\u9fff]{1,12}?)\s*[〔\[［(（【]\s*(?P<year>(?:19|20)\d\d)\s*[〕\]］)）】]"
    r"\s*(?P<num>第?\d{1,4})\s*号"
)
# Kinds of plan, longest first so 行动计划 wins over 计划.
KIND_WORDS = (
    "实施纲要", "规划纲要", "纲要", "总体规划", "专项规划", "规划", "实施方案", "工作方案", "行动方案",
    "方案", "行动计划", "工作计划", "计划", "工作要点", "要点", "实施意见", "指导意见", "意见",
    "实施细则", "细则", "管理办法", "办法", "条例", "规定", "决议", "决定", "建议", "通知", "政策",
)
_KIND_RE = "|".join(KIND_WORDS)
# Kinds a document's own title may end in besides those (若干措施, 指引): safe for titles and
# book-marked citations, too loose for plan names found after a verb (落实保障措施).
TITLE_KINDS = ("若干措施", "任务清单", "措施", "指引", "指南") + KIND_WORDS
_TKIND_RE = "|".join(TITLE_KINDS)
_PERIOD_TAIL = r"(?:\s*[(（]\s*\d{4}\s*[—\-–－~～至到]+\s*\d{4}\s*年?\s*[)）])?"
_CN_DIGITS = {"〇": 0, "○": 0, "零": 0, "O": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}
_FURNITURE = re.compile(r"首页|首頁|>|＞|<|QQ|截图|责任编辑|来源[:：]|发布时间|字号|打印|关闭|浏览|点击|分享|网站|公众号")


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s").convert


def _char_fold(c: str) -> str:
    n = unicodedata.normalize("NFKC", c)
    return n if len(n) == 1 else c


# Characters that `_char_fold` keeps as they are: ASCII and the CJK ideographs (no decomposition),
# and the others met so far that proved so; `_FOLDS` holds those met that it changes. A text made
# only of known characters is folded by one regex pass, with no per-character Python call.
_STABLE_RANGES = "\x00-\x7f\u3400-\u4dbf\u4e00-\u9fff"
_STABLE: set[str] = set()
_FOLDS: dict[str, str] = {}
# (characters not known yet, characters that fold): replaced together in one assignment, so a
# caller on another thread never sees one updated without the other; updates take the lock
_PATTERNS = (re.compile(f"[^{_STABLE_RANGES}]"), re.compile("(?!)"))
_LEARN = threading.Lock()


def fold_chars(text: str) -> str:
    """`text` with `_char_fold` applied to each character (same length and offsets)."""
    global _PATTERNS
    unknown_re, folds_re = _PATTERNS
    unknown = set(unknown_re.findall(text))
    if unknown:
        with _LEARN:
            for c in unknown:
                folded = _char_fold(c)
                if folded == c:
                    _STABLE.add(c)
                else:
                    _FOLDS[c] = folded
            known = "".join(re.escape(c) for c in sorted(_STABLE | _FOLDS.keys()))
            folds = "[" + "".join(re.escape(c) for c in sorted(_FOLDS)) + "]" if _FOLDS else "(?!)"
            _PATTERNS = unknown_re, folds_re = re.compile(f"[^{_STABLE_RANGES}{known}]"), re.compile(folds)
    return folds_re.sub(lambda m: _FOLDS[m.group()], text)


def match_view(text: str) -> str:
    """`text` in Simplified, half-width characters, with the same length and offsets.

    Extractors match on `doc.norm.text`; this view makes them work whether or not the
    normaliser already converted (it is idempotent on Simplified, half-width text)."""
    # Cached because the same texts come back: the whole document (plans, then links), and
    # titles keyed again at each citation; a few whole documents, many short strings.
    return _match_view_long(text) if len(text) > 2000 else _match_view_short(text)


@lru_cache(maxsize=4)
def _match_view_long(text: str) -> str:
    return _match_view(text)


@lru_cache(maxsize=4096)
def _match_view_short(text: str) -> str:
    return _match_view(text)


def _match_view(text: str) -> str:
    folded = fold_chars(text)
    conv = _t2s()(folded)
    if len(conv) == len(folded):
        return conv
    return "".join(c2 if len(c2 := _t2s()(c)) == 1 else c for c in folded)


def normalise_docnum(text: str) -> str:
    """株政办函[2014]24号 → 株政办函〔2014〕24号 (brackets unified, spaces gone)."""
    m = DOCNUM.search(match_view(re.sub(r"\s+", "", text)))
    if not m:
        return re.sub(r"\s+", "", text)
    return f"{m['org']}〔{m['year']}〕{m['num']}号"


def docnum_key(doc_number: str) -> str:
    return match_key(normalise_docnum(doc_number))


_TITLE_NOISE = re.compile(r"^(关于)?印发|^关于|的(通知|函)$|[《》\"“”‘’'「」『』\s]")


# Cached because a plan's title is keyed again at each citation and each id.
@lru_cache(maxsize=4096)
def title_key(title: str) -> str:
    """Canonical title for ids: no 关于印发 / 的通知, quotes, book marks, spaces; Simplified and
    numerals as the normaliser writes them (二〇三五 = 2035); a period written (2014—2017) or
    (2014-2017年) reads alike."""
    from ..normalize import normalise

    t = match_view(normalise(re.sub(r"\s+", "", title or "")).text)
    t = re.sub(r"^.*?关于印发《?(.+?)》?的(通知|函)$", r"\1", t)
    t = _TITLE_NOISE.sub("", t)
    t = re.sub(r"[(（]\s*(\d{4})\s*[—\-–－~～至到]+\s*(\d{4})\s*年?\s*[)）]", r"\1-\2", t)
    return match_key(t)


def plan_id(title: str | None, doc_number: str | None = None, scope: str | None = None) -> str:
    """The id of a plan, the same wherever it is read or cited.

    From the canonical title when there is one, else from the normalised 文号. Titles win
    because a copy of a document often lacks its number (news sites, outlines) while its
    citations carry both; the 文号 is kept as a property and fills in when nodes merge.
    A generic short title (总体方案, “十二五”规划) means the plan of the citing place, so it is
    keyed with `scope` (the citing plan's jurisdiction) when one is given."""
    tk = title_key(title) if title else ""
    if tk and not (doc_number and re.fullmatch(r"\w{0,12}〔?\d{4}〕?\d+号?(文件)?", tk)):
        if scope and is_generic_title(tk):
            return node_id(Label.PLAN, "title", tk, "scope", scope)
        return node_id(Label.PLAN, "title", tk)
    if doc_number:
        return node_id(Label.PLAN, "docnum", docnum_key(doc_number))
    return node_id(Label.PLAN, "title", title or "")


def is_generic_title(key: str) -> bool:
    """A title too short to name one plan anywhere (区域规划, 总体方案, 十二五规划)."""
    return len(key) <= 6 and not re.search(r"精神|部署|\d{4}", key)


def plan_kind(title: str) -> str | None:
    """The last kind word in a title (纲要, 实施方案, 行动计划…)."""
    t = re.sub(_PERIOD_TAIL + r"$", "", match_view(title))
    best = None
    for m in re.finditer(_TKIND_RE, t):
        best = m.group(0)
    if best and best.startswith(("实施", "规划", "总体", "专项", "工作", "指导", "管理")) and len(best) == 4:
        return best
    return best


def _five_year(n: int) -> tuple[int, int]:
    start = 1953 + 5 * (n - 1) if n <= 2 else 1966 + 5 * (n - 3)
    return start, start + 4


def _cn_int(s: str) -> int | None:
    """Small Chinese or Arabic numeral (十四, 二十九, 14) → int."""
    s = s.strip()
    if s.isdigit():
        return int(s)
    if not s or any(c not in _CN_DIGITS and c != "十" for c in s):
        return None
    if "十" in s:
        a, _, b = s.partition("十")
        if len(a) > 1 or len(b) > 1 or "十" in b:   # 十一四 is no numeral (a typo or a run of words)
            return None
        return (_CN_DIGITS[a] if a else 1) * 10 + (_CN_DIGITS[b] if b else 0)
    return int("".join(str(_CN_DIGITS[c]) for c in s))


def plan_period(title: str, text: str = "") -> tuple[int | None, int | None]:
    """(start, end) years from a title: (2018—2020年), 十四五 / 第十四个五年, 2010年工作要点,
    else 到2017年 in the opening text."""
    t = match_view(re.sub(r"\s+", "", title))
    m = re.search(r"(\d{4})\s*[—\-–－~～至到]+\s*(\d{4})", t)
    if m:
        return int(m[1]), int(m[2])
    m = re.search(r"第?([一二三四五六七八九十\d]{1,3})(?:个)?五(?:年)?(?:规划|计划)|“?([一二三四五六七八九十\d]{1,3})五”?(?:规划|时期)"
                  r"|[“\"](十[一二三四五六七八九]?)五[”\"](?=.*(?:规划|计划|纲要|方案))", t)
    if m:   # 十四五规划, 第十四个五年规划, and “十四五”X规划 with the subject in between
        n = _cn_int(m[1] or m[2] or m[3])
        if n:
            return _five_year(n)
    m = re.search(r"(\d{4})年(?:度)?(?:工作要点|工作计划|要点|计划)", t) \
        or re.search(r"(?<![到至])(\d{4})年度?(?![前底末以])[^\d，。;；]{0,30}?"
                     r"(?:工作要点|要点|工作计划|实施计划|行动计划|计划|工作方案|实施方案|行动方案|方案)$", t)
    if m:   # 2010年工作要点; an annual plan with its year before the subject: 无锡市2024年X工作要点,
        # 2023年X实施计划 (a year ahead of a 2030年前 target is not the plan's year)
        return int(m[1]), int(m[1])
    m = re.search(r"到(\d{4})年", match_view(text[:3000]))
    if m:
        return None, int(m[1])
    return None, None


_DATE_YMD = re.compile(
    r"^(?P<y>(?:19|20)\d\d|[一二三四五六七八九〇○零O]{4})年(?P<m>\d{1,2}|[一二三四五六七八九十]{1,2})月"
    r"(?:(?P<d>\d{1,2}|[一二三四五六七八九十]{1,3})日)?"
)


def parse_date(s: str) -> tuple[str | None, int]:
    """ISO date (2018-06-29, or 2021-07 without a day) at the start of `s` (spaces ignored),
    and how many characters of the space-free string it took; (None, 0) when none."""
    m = _DATE_YMD.match(s)
    if not m:
        return None, 0
    y = m["y"]
    year = int(y) if y.isdigit() else int("".join(str(_CN_DIGITS[c]) for c in y))
    month = _cn_int(m["m"])
    if not month or not 1 <= month <= 12:
        return None, 0
    if m["d"]:
        day = _cn_int(m["d"])
        if day and 1 <= day <= 31:
            return f"{year:04d}-{month:02d}-{day:02d}", m.end()
    return f"{year:04d}-{month:02d}", m.end("m") + 1


# ---------------------------------------------------------------------------- lines

@dataclass(frozen=True, slots=True)
class _Line:
    start: int      # offsets in the view (= doc.norm.text)
    end: int
    text: str       # stripped view text
    squeezed: str   # without any whitespace


def _lines(view: str, start: int = 0, end: int | None = None) -> list[_Line]:
    end = len(view) if end is None else end
    out = []
    for m in re.finditer(r"[^\n]+", view[start:end]):
        raw = m.group(0)
        s = raw.strip()
        if not s:
            continue
        lead = len(raw) - len(raw.lstrip())
        a = start + m.start() + lead
        out.append(_Line(a, a + len(s), s, re.sub(r"\s+", "", s)))
    return out


def _is_body(line: _Line) -> bool:
    return len(line.squeezed) >= 40 and bool(re.search(r"[。；;]", line.squeezed))


def _is_furniture(line: _Line) -> bool:
    s = line.squeezed
    return bool(_FURNITURE.search(s)) or s.endswith("网") and len(s) <= 8 or not re.search(r"[\u4e00-\u9fff]", s) \
        or bool(re.fullmatch(r"[•·\-\s]*[\u4e00-\u9fff]{2}", s))


_AGENCY_LINE = re.compile(
    r"^(中共[\u4e00-\u9fff]{2,20}?委(员会)?|[\u4e00-\u9fff]{2,24}?(人民政府|政府|委员会|办公厅|办公室|领导小组|指挥部|厅|局|办|委|部|院|署))"
    r"(办公厅|办公室)?$"
)
_OUTLINE_HEAD = re.compile(r"^(第[一二三四五六七八九十]+[章篇节]|[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）]|\d+[、.．])")


# ---------------------------------------------------------------------------- finding documents

@dataclass(frozen=True, slots=True)
class PlanMeta:
    """What was read about one document of a file (offsets in the view = doc.norm.text)."""

    start: int
    end: int
    title: str
    title_span: tuple[int, int] | None
    title_rule: str
    doc_number: str | None
    doc_number_span: tuple[int, int] | None
    date: str | None
    date_span: tuple[int, int] | None
    issuers: tuple[tuple[str, int, int, str], ...]   # (mention, start, end, rule)
    level: str | None
    jurisdiction: str | None
    jurisdictions: dict
    period: tuple[int | None, int | None]
    kind: str | None


_HEADER_INFA = re.compile(r"(关于)?印发\s*《(?P<t>[^《》]{2,160}?)》\s*的\s*(通知|函|决定|意见)"
                          rf"|关于印发(?P<u>[^《》，。\n]{{2,120}}?(?:{_TKIND_RE}){_PERIOD_TAIL})的(通知|函)")


def _segments(view: str) -> list[tuple[int, int]]:
    """Split a file into documents: a 印发《…》的通知/函 header line that follows a body of text
    starts a new document (with the organ line just above it)."""
    lines = _lines(view)
    cuts = [0]
    body_chars = 0
    for i, ln in enumerate(lines):
        if _is_body(ln):
            body_chars += len(ln.squeezed)
        if body_chars >= 300 and re.match(r"^(关于)?印发\s*《", ln.squeezed) and _opens_document(lines, i):
            # header may span lines; take the organ line(s) just above it with it
            j = i
            while j > 0 and _AGENCY_LINE.match(lines[j - 1].squeezed):
                j -= 1
            cuts.append(lines[j].start)
            body_chars = 0
    cuts.append(len(view))
    return [(a, b) for a, b in zip(cuts, cuts[1:]) if b > a]


def _opens_document(lines: list[_Line], i: int) -> bool:
    """A 印发 header line starts a document when a 文号, an address (各…：) or body text follows
    within a few lines; a list of related notices at the foot of a web page has none."""
    for ln in lines[i + 1:i + 5]:
        sq = ln.squeezed
        if re.match(r"^(关于)?印发", sq):
            return False
        if DOCNUM.fullmatch(sq.strip("()（）")) or re.search(r"[:：]$", sq) or _is_body(ln):
            return True
    return False


def _header_lines(lines: list[_Line]) -> list[_Line]:
    """The opening lines of a document: up to the first outline heading or 30 lines, not
    counting a web page's navigation menu (a run of short link lines)."""
    out = []
    nav = _nav_lines(lines[:300])
    counted = 0
    for ln in lines:
        if out and _OUTLINE_HEAD.match(ln.squeezed) and not re.match(r"^第[一二三四五六七八九十]+[章篇]", ln.squeezed[:5]) :
            break
        if ln.start in nav:
            continue
        out.append(ln)
        counted += 1
        if counted >= 30:
            break
    return out


def _nav_lines(lines: list[_Line]) -> set[int]:
    """Starts of lines in a navigation menu: five or more short lines in a row (首页 / 政务公开 /
    政策文件…) with no punctuation. A title split over lines has at most four pieces."""
    out: set[int] = set()
    run: list[_Line] = []
    for ln in lines + [None]:
        if ln is not None and len(ln.squeezed) <= 6 and not re.search(r"[。，,；;:：《》“”()（）〔〕]", ln.squeezed):
            run.append(ln)
            continue
        if len(run) >= 5:
            out.update(r.start for r in run)
        run = []
    return out


def _inside_title(view: str, i: int) -> bool:
    """Whether offset i lies inside a 《…》 opened earlier on its line."""
    line_start = view.rfind("\n", 0, i) + 1
    return view.rfind("《", line_start, i) > view.rfind("》", line_start, i)


def _squeeze_span(view: str, start: int, end: int) -> str:
    return re.sub(r"\s+", "", view[start:end])


def _find_title(view: str, lines: list[_Line], head: list[_Line], seg: tuple[int, int]
                ) -> tuple[str, tuple[int, int] | None, str, str | None]:
    """(title, span in view, rule, who-published text from a headline)."""
    a, b = seg
    head_end = head[-1].end if head else a
    # 1. 印发《X》的通知 in the opening lines — not one cited inside 《…》 (为落实《国务院办公厅关于
    #    印发X的通知》, a notice of someone else)
    m = next((m for m in _HEADER_INFA.finditer(view, a, min(b, head_end + 1)) if not _inside_title(view, m.start())),
             None)
    if m:
        g = "t" if m["t"] else "u"
        return _squeeze_span(view, *m.span(g)), m.span(g), "印发《X》的通知", None
    # 1b. 现将《X》印发给你们 / 现印发《X》 in the notice, when the header line is missing
    m = re.compile(r"现将\s*《(?P<t>[^《》]{2,160}?)》\s*印发|现印发\s*《(?P<u>[^《》]{2,160}?)》").search(
        view, a, min(b, head_end + 1))
    if m:
        g = "t" if m["t"] else "u"
        return _squeeze_span(view, *m.span(g)), m.span(g), "现将《X》印发", None
    # 2. 《X》(以下简称…) near the top: the document naming itself
    for m in re.compile(r"《(?P<t>[^《》]{4,160}?)》\s*[(（]\s*以下简称").finditer(view, a, min(b, a + 4000)):
        if not cites_before(view, m.start()):   # 为贯彻落实《X》(以下简称《意见》): X is cited, not ours
            return _squeeze_span(view, *m.span("t")), m.span("t"), "《X》(以下简称)", None
    content = [ln for ln in head if not _is_furniture(ln)]
    # 3. a news headline: 市委市政府发布X
    for ln in content[:6]:
        m = re.match(rf"^(?P<who>[\u4e00-\u9fff]{{2,16}}?)(联合)?(发布|印发|出台)了?《?(?P<t>[^《》]{{4,80}}?(?:{_TKIND_RE}){_PERIOD_TAIL})》?$",
                     ln.squeezed)
        if m and not _is_body(ln) and "关于" not in m["who"] and not re.search(r"的(通知|函)$", m["t"]):
            off = ln.text.find(m["t"][:2])
            s = ln.start + max(off, 0)
            return m["t"], (s, ln.end), "headline 发布X", m["who"]
    # 4. a heading of one to four short lines ending in a kind word (and a period)
    ends_kind = re.compile(rf"(?:{_TKIND_RE}){_PERIOD_TAIL}$")
    for i, ln in enumerate(content[:8]):
        if _is_body(ln) or re.search(r"[。，,；;:：]", ln.squeezed):
            continue
        joined, last = "", None
        for k in range(i, min(i + 4, len(content))):
            piece = content[k]
            if _is_body(piece) or re.search(r"[。，,；;:：]", piece.squeezed) or len(piece.squeezed) > 60:
                break
            joined += piece.squeezed
            if ends_kind.search(joined.removesuffix("》")) and not re.search(r"[(（][^)）]*更新[)）]", joined):
                last = piece
                break
        if last is not None and 4 <= len(joined) <= 120:
            s0, e0 = ln.start, last.end
            if joined.startswith("《") and joined.endswith("》") and joined.count("《") == 1:
                # a cover writes the title in book marks: 《X规划》
                joined, s0, e0 = joined[1:-1], view.index("《", s0) + 1, view.rindex("》", s0, e0)
            elif joined.endswith("》"):
                continue
            return joined, (s0, e0), "heading line", None
    # 5. a chapter heading at the top (a chapter of a book): 第四章 X
    for ln in content[:3]:
        m = re.match(r"^(正文)?\s*(?P<t>第[一二三四五六七八九十百\d]+[章篇节][^\n]*?)\s*([(（]\s*\d+\s*/\s*\d+\s*[)）])?$", ln.text)
        if m:
            s = ln.start + m.start("t")
            return m["t"].strip(), (s, ln.start + m.end("t")), "chapter heading", None
    # 6. no heading: "打好全区X,特制定本实施方案" → X + kind (the place is added by the caller)
    m = re.compile(rf"(?:打好|推进|加快|做好|实施|开展|抓好|推动)(?:全[区县市省])?(?P<x>[\u4e00-\u9fff“”]{{2,20}}?)[,，]\s*"
                   rf"(?:特)?制定本(?P<k>{_KIND_RE})").search(view, a, min(b, a + 1500))
    if m:
        return m["x"] + m["k"], m.span(), "特制定本X", "§place"
    return "", None, "", None


_CITING_VERB = re.compile(r"贯彻|落实|根据|依据|按照|遵照|参照|执行|对接|衔接|转发|学习|对照")


def cites_before(view: str, pos: int) -> bool:
    """A citing verb (贯彻落实, 根据, 按照…) in the sentence before `pos`: a 《X》 there is another
    document, however it is introduced (以下简称 included)."""
    s = max(view.rfind(c, 0, pos) for c in "。；;！？\n") + 1
    return bool(_CITING_VERB.search(view, s, pos))


def _own_docnum(head: list[_Line]) -> tuple[str, tuple[int, int]] | None:
    """A 文号 standing alone on an opening line (a cited number sits inside a sentence)."""
    for ln in head:
        s = ln.squeezed.strip("()（）")
        first = ln.text.split()[0].strip("()（）") if len(ln.text.split()) > 1 else s
        m = DOCNUM.fullmatch(s) or DOCNUM.fullmatch(first)   # 株政发〔2019〕3号　签发人：…
        if m and len(m.group(0)) <= 24:
            return f"{m['org']}〔{m['year']}〕{m['num']}号", (ln.start, ln.end)
    for ln in head:   # a web page's metadata table: 文　号：青政办字〔2023〕15号　发布日期：…
        m = _LABELLED_DOCNUM.search(ln.text)
        if m:
            d = DOCNUM.match(ln.text, m.start("n"))
            if d and len(d.group(0)) <= 24:
                return f"{d['org']}〔{d['year']}〕{d['num']}号", (ln.start, ln.end)
    return None


# The document's own number given with a label (metadata table of a government web page).
_LABELLED_DOCNUM = re.compile(r"(?:发文字号|发文文号|文\s*号)\s*[:：]\s*(?P<n>[\u4e00-\u9fff]{1,12}\s*[〔\[［(（【]\s*(?:19|20)\d\d)")


def _date_lines(lines: list[_Line], head: list[_Line]) -> Iterator[_Line]:
    yield from head
    content = [ln for ln in lines if not _is_furniture(ln) or parse_date(ln.squeezed)[0]]
    yield from (ln for ln in content[-15:] if ln not in head)


def _organs_on_line(ln: _Line) -> list[tuple[str, int, int]]:
    """Organs a signature line names: one per line, or several side by side
    (中共株洲市委　株洲市人民政府); [] when the line is not organ names."""
    parts = [(m.group(0), ln.start + m.start()) for m in re.finditer(r"\S+", ln.text)]
    if len(parts) > 1 and all(_AGENCY_LINE.match(p) for p, _ in parts):
        return [(p, s0, s0 + len(p)) for p, s0 in parts]
    m = re.fullmatch(r"(中共[\u4e00-\u9fff]{2,10}?委)([\u4e00-\u9fff]{2,16}?人民政府)", ln.squeezed)
    if m and ln.text == ln.squeezed:
        return [(m[1], ln.start, ln.start + len(m[1])), (m[2], ln.start + len(m[1]), ln.end)]
    if _AGENCY_LINE.match(ln.squeezed):
        return [(ln.squeezed, ln.start, ln.end)]
    return []


def _own_date(lines: list[_Line], head: list[_Line]) -> tuple[str, _Line] | None:
    """The signature date (an organ line above it) when there is one, else the first date
    standing alone on an opening or closing line, else a web page's 成文日期."""
    first = None
    for ln in _date_lines(lines, head):
        sq = ln.squeezed
        if sq[:1] in "(（" and re.search(r"(通过|印发|发布|会议)[)）]$", sq):
            sq = sq[1:-1]   # (2019年5月10日市人民政府第3次常务会议通过)
            date, used = parse_date(sq)
            if date:
                return date, ln
            continue
        date, used = parse_date(sq)
        if not date:
            continue
        rest = sq[used:]
        full_day = len(date) == 10
        if not rest or re.fullmatch(r"[(（][^()（）]{0,20}[)）]|印发|发布|通过", rest) \
                or (full_day and re.search(r"[:：]$", rest)):
            i = lines.index(ln)
            if i > 0 and _organs_on_line(lines[i - 1]):
                return date, ln   # a signature: the organ above its date
            first = first or (date, ln)
    if first:
        return first   # a bare date (a cover's 二〇二一年七月, a page's date under its headline)
    for ln in head:   # a web page's metadata table: 成文日期：2022-06-15
        m = re.search(r"成文日期\s*[:：]\s*((?:19|20)\d\d)\s*[-年./]\s*(\d{1,2})\s*[-月./]\s*(\d{1,2})", ln.text)
        if m and 1 <= int(m[2]) <= 12 and 1 <= int(m[3]) <= 31:
            return f"{int(m[1]):04d}-{int(m[2]):02d}-{int(m[3]):02d}", ln
    return None


def _place_of(name: str) -> tuple[str, str] | None:
    """(place, level) at the start of an organ or plan name: 中共株洲市委 → (株洲市, city)."""
    n = re.sub(r"^中共", "", match_view(name))
    if n.startswith(("中共中央", "中央", "国务院", "国家", "全国", "党中央")) or name.startswith(("中共中央", "中央")):
        return "中华人民共和国", "national"
    for m in re.finditer(r"[\u4e00-\u9fff]{1,7}?(?:自治区|省|市|自治州|州|盟|区|县|旗)", n[:12]):
        cand = m.group(0)
        if m.start() > 0:
            break
        div = _lookup(cand)
        if div is not None:
            div = _lower_divisions(n, len(div.name) if n.startswith(div.name) else m.end(), div)
            return div.name, div.level
        # no gazetteer answer: take the name as written when it looks like a place
        lvl = _suffix_level(cand)
        if lvl and len(cand) >= 3 and not re.search(r"[全本各城辖园片景社新示验]", cand[:-1]):
            return cand, lvl
    m = re.match(r"^([\u4e00-\u9fff]{2,3})(市委|市政府|省委|省政府|区委|区政府|县委|县政府)", n)
    if m:
        suf = m[2][0]
        return m[1] + suf, _suffix_level(suf) or ""
    return None


_DIV_PART = re.compile(r"[\u4e00-\u9fff]{1,7}?(?:自治州|自治县|自治旗|新区|市|州|盟|区|县|旗)")


def _lower_divisions(name: str, pos: int, div):
    """The issuer's own division when its name goes on down the chain: 成都市郫都区人民政府 →
    郫都区 (district), 河北省石家庄市正定县 → 正定县 (county), 江苏省宜兴市 → 宜兴市 (a county-level
    city is a county). Each further part must be a division inside the one before."""
    while True:
        m = _DIV_PART.match(name, pos)
        if not m:
            return div
        low = _lookup(m.group(0), within=div)
        if low is None or low.code == div.code or div.code not in {d.code for d in _chain(low)[1:]}:
            return div
        div, pos = low, m.end()


def _chain(div) -> list:
    try:
        return list(gazetteer.chain(div))
    except Exception:
        return [div]


def _suffix_level(name: str) -> str | None:
    if name.endswith(("省", "自治区")):
        return "province"
    if name.endswith(("市", "自治州", "州", "盟")):
        return "city"
    if name.endswith("区"):
        return "district"
    if name.endswith(("县", "旗")):
        return "county"
    return None


def _lookup(name: str, within: str | None = None):
    try:
        return gazetteer.lookup(name, within=within)
    except Exception:  # a gazetteer bug must not stop metadata
        return None


def _jurisdictions(place: str | None, level: str | None) -> dict:
    if not place or level == "national":
        return {}
    div = _lookup(place)
    if div is not None:
        try:
            return dict(gazetteer.jurisdictions(div))
        except Exception:
            pass
    return {level: place} if level else {}


_SHORT_ORGANS = {"市委": ("中共{b}市委", "city"), "市政府": ("{b}市人民政府", "city"),
                 "省委": ("中共{b}省委", "province"), "省政府": ("{b}省人民政府", "province"),
                 "区委": ("中共{b}区委", "district"), "区政府": ("{b}区人民政府", "district"),
                 "县委": ("中共{b}县委", "county"), "县政府": ("{b}县人民政府", "county")}


def _expand_short_organs(who: str, place: str | None) -> list[str]:
    """市委市政府 with place 株洲市 → [中共株洲市委, 株洲市人民政府]."""
    out = []
    rest = who
    base = re.sub(r"(省|市|区|县)$", "", place or "")
    while rest:
        for short, (pattern, _lvl) in _SHORT_ORGANS.items():
            if rest.startswith(short):
                out.append(pattern.format(b=base) if base else short)
                rest = rest[len(short):]
                break
        else:
            m = re.match(r"(中共[\u4e00-\u9fff]{2,10}?委|[\u4e00-\u9fff]{2,10}?人民政府)", rest)
            if not m:
                break
            out.append(m.group(0))
            rest = rest[m.end():]
        rest = rest.lstrip("、和及与")
    return out


def _majority_level(view: str, a: int, b: int) -> tuple[str | None, str | None]:
    """Level from how the text names its organs and area: 省X厅 / 全省 vs 市X局 / 全市 vs 区X局 / 全区.
    Returns (level, most named place of that level or None)."""
    t = view[a:b]
    counts = Counter()
    for m in re.finditer(r"(?:^|[:：、;；(（\n,，]|全)\s*(省|市|区|县)(?=[\u4e00-\u9fff]{1,10}?(?:厅|局|委|办|院|部|政府))", t):
        counts[m[1]] += 1
    for m in re.finditer(r"全(省|市|区|县)", t):
        counts[m[1]] += 2
    if not counts:
        return None, None
    top = counts.most_common(1)[0][0]
    level = {"省": "province", "市": "city", "区": "district", "县": "county"}[top]
    names = Counter()
    for m in re.finditer(top, t):
        for n in (2, 3):
            cand = t[max(0, m.start() - n):m.end()]
            if len(cand) == n + 1 and re.fullmatch(r"[\u4e00-\u9fff]+", cand) \
                    and not re.search(r"[全本各城辖园片景社新示验该地市区县省和在为与的把将对个]", cand[:-1]):
                names[cand] += 1
    checked = [(n, c) for n, c in names.most_common(10) if _lookup(n) is not None]
    if checked:
        return level, checked[0][0]
    best = names.most_common(1)
    return level, (best[0][0] if best and best[0][1] >= 3 else None)


def _read_plan(view: str, seg: tuple[int, int]) -> PlanMeta:
    a, b = seg
    lines = _lines(view, a, b)
    head = _header_lines(lines)
    title, tspan, trule, who = _find_title(view, lines, head, seg)
    own = _own_docnum(head)
    dated = _own_date(lines, head)
    issuers: list[tuple[str, int, int, str]] = []
    # signature: organ lines just above the date line
    if dated:
        idx = lines.index(dated[1])
        j = idx - 1
        block = []
        while j >= 0 and _organs_on_line(lines[j]) and len(block) < 4:
            block.append(lines[j])
            j -= 1
        for ln in reversed(block):
            for name, s0, e0 in _organs_on_line(ln):
                issuers.append((name, s0, e0, "signature block"))
    # an organ line just above a 关于印发 header
    for i, ln in enumerate(head):
        if re.match(r"^(关于|印发)", ln.squeezed) and i > 0 and _AGENCY_LINE.match(head[i - 1].squeezed):
            j = i   # one organ line or a joint header of several (中共X县委办公室 / X县人民政府办公室)
            while j > 0 and i - j < 3 and _AGENCY_LINE.match(head[j - 1].squeezed):
                j -= 1
            for p in head[j:i]:
                if not any(s == p.start or n == p.squeezed for n, s, _, _ in issuers):
                    issuers.append((p.squeezed, p.start, p.end, "organ above 印发 header"))
            break
    # organs written in front of 关于 on the header line: 株洲市人民政府关于印发《…》的通知
    for ln in head[:12]:
        m = re.match(r"^(?P<w>(?:(?:中共[\u4e00-\u9fff]{2,10}?委|[\u4e00-\u9fff]{2,16}?(?:人民政府|委员会)"
                     r"(?:办公室|办公厅)?|[\u4e00-\u9fff]{2,12}?(?:厅|局|委|办))\s*)+)关于", ln.text)
        if m:
            for name in re.findall(r"中共[\u4e00-\u9fff]{2,10}?委|[\u4e00-\u9fff]{2,16}?(?:人民政府|委员会)(?:办公室|办公厅)?"
                                   r"|[\u4e00-\u9fff]{2,12}?(?:厅|局|委|办)", m["w"]):
                if not any(n == name for n, *_ in issuers):
                    s0 = ln.start + ln.text.find(name)
                    issuers.append((name, s0, s0 + len(name), "organ before 关于"))
            break
    # 中共X委 X人民政府印发 in a sentence
    for m in re.finditer(r"(?P<w>(?:中共[\u4e00-\u9fff]{2,10}?委|[\u4e00-\u9fff]{2,12}?人民政府)"
                         r"(?:[、\s]*(?:中共[\u4e00-\u9fff]{2,10}?委|[\u4e00-\u9fff]{2,12}?人民政府))*)\s*(?:联合)?印发",
                         view[a:min(b, a + 3000)]):
        for name in re.split(r"[、\s]+|(?<=委)(?=[\u4e00-\u9fff])|(?<=政府)(?=[\u4e00-\u9fff])", m["w"]):
            if name and not any(n == name for n, *_ in issuers):
                issuers.append((name, a + m.start("w"), a + m.end("w"), "X印发 sentence"))
    if not issuers:   # no signature: a red-head 「X文件」 line, or a web page's 发布机构：X
        for ln in head:
            m = re.match(r"^(?P<o>\S+?)文件$", ln.squeezed)
            if m and _AGENCY_LINE.match(m["o"]):
                issuers.append((m["o"], ln.start, ln.start + len(m["o"]), "red-head 文件 line"))
                break
            m = re.search(r"(?:发布机构|发文机关|发文单位)\s*[:：]\s*(?P<o>[\u4e00-\u9fff]{4,30})", ln.text)
            if m and _AGENCY_LINE.match(m["o"]):
                s0 = ln.start + m.start("o")
                issuers.append((m["o"], s0, s0 + len(m["o"]), "metadata table 发布机构"))
                break
    # place and level: from the issuer, else the title, else how the text names its organs
    place = level = None
    for name, *_ in issuers:
        got = _place_of(name)
        if got:
            place, level = got
            break
    if place is None and title and who != "§place":
        got = _place_of(title)
        if got:
            place, level = got
    if who and who != "§place":
        expanded = _expand_short_organs(who, place)
        line_start = view.rfind("\n", 0, tspan[0]) + 1 if tspan else a
        for name in expanded:   # evidence: the whole headline, 市委市政府发布X
            issuers.append((name, max(line_start, a), tspan[1] if tspan else a + 1, "headline 发布"))
        if place is None and expanded:
            got = _place_of(expanded[0])
            if got:
                place, level = got
    if level is None:
        level, name = _majority_level(view, a, b)
        if name and place is None:
            place = name
            div = _lookup(name)
            if div is not None and div.name == name:
                level = div.level   # 全市 in a county-level city's plan (宜兴市) is still a county
    if who == "§place" and place and not title.startswith(place):
        title = place + title
    # five-year outline of a place with no organ found: its people's government issues it
    if not issuers and title and place and "国民经济和社会发展" in title and level != "national":
        issuers.append((place + "人民政府", tspan[0] if tspan else a, tspan[1] if tspan else a + 1, "outline of a place"))
    if not title:
        title = ""
    period = plan_period(title, view[a:b])
    if period == (None, None) or period[0] is None:
        year = int(dated[0][:4]) if dated else (int(own[0].split("〔")[1][:4]) if own else None)
        if period[1] is not None and year and year <= period[1]:
            period = (year, period[1])
    return PlanMeta(
        start=a, end=b, title=title, title_span=tspan, title_rule=trule,
        doc_number=own[0] if own else None, doc_number_span=own[1] if own else None,
        date=dated[0] if dated else None, date_span=(dated[1].start, dated[1].end) if dated else None,
        issuers=tuple(issuers), level=level, jurisdiction=place,
        jurisdictions=_jurisdictions(place, level), period=period,
        kind=plan_kind(title) if title else None,
    )


def find_plans(view: str) -> list[PlanMeta]:
    """The documents in a file's normalised text, in order."""
    return [_read_plan(view, seg) for seg in _segments(view)]


# ---------------------------------------------------------------------------- extractor

def extract(doc: ParsedDoc, out: BatchBuilder) -> None:
    """Add the file's Plan nodes and ISSUED_BY edges; set `doc.plans`."""
    view = match_view(doc.norm.text)
    spans: list[PlanSpan] = []
    for meta in find_plans(view):
        o_start, _ = doc.norm.original_span(meta.start, meta.start)
        o_end = doc.norm.original_span(meta.end, meta.end)[0] if meta.end < len(view) else len(doc.text)
        title = _original_title(doc, meta) or doc.file
        plan = Plan(
            id=plan_id(title, meta.doc_number), name=title, doc_number=meta.doc_number,
            date=meta.date, level=meta.level, jurisdiction=meta.jurisdiction,
            period_start=meta.period[0], period_end=meta.period[1], kind=meta.kind,
            source_file=doc.file,
        )
        plan = out.node(plan)
        spans.append(PlanSpan(plan, o_start, o_end, dict(meta.jurisdictions)))
        for mention, s, e, rule in meta.issuers:
            agency = _agency(mention, meta.jurisdictions)
            if agency is None or e <= s:
                continue
            ev = doc.norm_evidence(s, e)
            out.link(plan, agency, EdgeType.ISSUED_BY, ev, rule=rule, category="plan_meta")
    doc.plans = spans


def _agency(mention: str, jurisdictions: Mapping[str, str]):
    try:
        return agency_names.canonical_agency(mention, jurisdictions)
    except Exception:  # an unresolvable name is not an issuer
        return None


def _original_title(doc: ParsedDoc, meta: PlanMeta) -> str:
    """The title in the document's own characters (spaces dropped) when it was read from one
    span of text, else the assembled title."""
    if meta.title_span and meta.title_rule not in ("特制定本X", "headline 发布X"):
        s, e = doc.norm.original_span(*meta.title_span)
        raw = re.sub(r"\s+", "", doc.text[s:e])
        if meta.title_rule == "chapter heading":
            raw = re.sub(r"^正文", "", raw)
        if match_key(raw) == match_key(meta.title) or meta.title_rule != "heading line":
            return _spaced_chapter(raw, meta)
    return meta.title


def _spaced_chapter(raw: str, meta: PlanMeta) -> str:
    return raw if meta.title_rule != "chapter heading" else re.sub(r"^(第[^章篇节]+[章篇节])", r"\1 ", raw)
