"""Outline: numbered headings and items (第X篇/章/节/条, 一、, (一), 1., 1.1, (1), 1), ①, 专栏N, 43、)
→ a tree of spans. Keeps offsets into the original text; does not decide what a Task is.

Headings are found at line starts in the normalised text (so （一）/(一), 1．/1. and Traditional
text look alike) and read back from the original. Kinds and their usual order:

    part 第X部分 = pian 第X篇 > zhang 第X章 > jie 第X节 > tiao 第X条 (a regulation's article)
    > cn 一、 > paren_cn (一) > arabic 1. 1、 > dec2 1.1 > dec3 1.1.1 > paren_arabic (1)
    > half_paren 1) > circled ①        and box 专栏N / 【专栏N】 beside them

Enumerations inside a paragraph (一是…二是…, …:1.…;2.…) are prose, not items.

Documents skip levels and sometimes reorder them, so nesting follows the document: kind A is
above kind B when A appears first *and* appears again after B has appeared (A contains B);
when the document does not say, the usual order decides. A box (专栏) is an aside, not a
level: it opens under the current item and holds only its short lines and its own numbered
items. A numbered run that starts above 1 with nothing above it (a task list continued from
another page, 43、44、…) gets kind `list`.

A table of contents (a run of heading lines that all come again later) is dropped; so are
enumerations at a line start (一、二季度, 一、二、三产业). A line is not a heading when it is
web furniture (navigation 首页 > 新闻, 责任编辑, 版权所有, share buttons …), when it is too long
to be a heading of its style, when the line before stops mid-clause (…第一、 / 二、三产业), or
when it continues a paragraph cut by a PDF page break or hard wrap (the line before does not
end a sentence and is as long as the text's lines get) and its number neither continues its
numbering nor opens it under the heading line before. A web footer line also closes every open section, so the page's trailer is not part
of the last item.

Titles: a heading line's text (一、指导思想和主要目标 → 指导思想和主要目标); for an item with
inline text, the text up to the first 。 : ; ! ? or responsibility bracket
(1.打好蓝天保卫战。坚持… → 打好蓝天保卫战; (一)指导思想:深入… → 指导思想), continued over a
page-break cut. `depth` counts from 0 at the top level.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cmp_to_key

from .document import ParsedDoc, Section

__all__ = ["parse_outline", "KINDS", "is_furniture", "RESPONSIBILITY_BRACKET", "TITLE_STOP"]

KINDS = ("part", "pian", "zhang", "jie", "tiao", "box", "cn", "paren_cn", "arabic", "list", "dec2", "dec3",
         "paren_arabic", "half_paren", "circled")
_CANON = {k: i for i, k in enumerate(KINDS)}
_CANON["list"] = _CANON["arabic"]
_CANON["part"] = _CANON["pian"]

_CN = "一二三四五六七八九十百零〇两"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

# (kind, pattern on a normalised line; group "num" is the number, the match end is where text starts)
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("part", re.compile(rf"第(?P<num>[{_CN}\d]{{1,4}})部分(?:[ \t]+|$|(?=[^\s,。、]))")),
    ("pian", re.compile(rf"第(?P<num>[{_CN}\d]{{1,4}})篇(?:[ \t]+|$|(?=[^\s,。、]))")),
    ("zhang", re.compile(rf"第(?P<num>[{_CN}\d]{{1,4}})章(?:[ \t]+|$|(?=[^\s,。、]))")),
    ("jie", re.compile(rf"第(?P<num>[{_CN}\d]{{1,4}})节(?:[ \t]+|$|(?=[^\s,。、]))")),
    # an article of a regulation (条例, 办法, 规定): 第三条 followed by a space, never 第三条规定的…
    ("tiao", re.compile(rf"第(?P<num>[{_CN}\d]{{1,4}})条(?:[ \t]+|$|(?=【[^】\n]{{1,20}}】))")),
    ("box", re.compile(rf"【?专栏[ \t]*(?P<num>\d{{1,3}}|[{_CN}]{{1,3}})】?(?:[ \t:.、]+|$|(?=[^\d]))")),
    ("cn", re.compile(rf"(?P<num>[{_CN}]{{1,3}})[ \t]*[、.][ \t]*")),
    ("paren_cn", re.compile(rf"\([ \t]*(?P<num>[{_CN}]{{1,3}})[ \t]*\)[ \t、.]*")),
    ("arabic", re.compile(r"(?P<num>\d{1,3})[ \t]*(?:[、]|\.(?!\d))[ \t]*")),
    # decimal numbering of technical plans (1.2 / 2.3.1), a title next: not 2.5万亩 or 1.5倍
    ("dec3", re.compile(r"(?P<num>\d{1,2}\.\d{1,2}\.\d{1,2})(?:[ \t]+|(?=[^\d.%万亿倍个千百公米平立吨亩元年月日天小\s]))")),
    ("dec2", re.compile(r"(?P<num>\d{1,2}\.\d{1,2})(?:[ \t]+|(?=[^\d.%万亿倍个千百公米平立吨亩元年月日天小\s]))")),
    ("paren_arabic", re.compile(r"\([ \t]*(?P<num>\d{1,3})[ \t]*\)[ \t、.]*")),
    ("half_paren", re.compile(r"(?P<num>\d{1,3})\)[ \t、.]*")),   # 1) — 1） folded
    ("circled", re.compile(rf"(?P<num>[{_CIRCLED}])[ \t、.]*")),
)
# longest heading line (characters) for the styles whose heading stands alone on its line
_MAX_HEADING_LINE = {"part": 40, "pian": 40, "zhang": 50, "jie": 60, "box": 60}

# web page furniture: navigation, share buttons, footer; a footer line closes open sections
# words a plan also uses in its body (法律顾问制度, 政务公众号, 中华老字号, 联系电话 of a hotline)
# count only in their footer form: a label with a colon, or the end of the line
_FURNITURE_WORDS = r"法律顾问[:：]|公众号[:：]|公众号\s*$|字号[:：]|字号\s*[【\[]?[大中小]|联系电话[:：]"
_FURNITURE = re.compile(
    r"首页\s*>|>\s*正文|当前位置|您的位置|现在的位置|责任编辑|编辑[:：]|版权所有|Copyright|©|"
    r"ICP备|网安备|(?<![“\"])扫一扫(?![”\"])|分享到|打印本页|关闭窗口|上一篇|下一篇|相关新闻|相关阅读|"
    r"浏览次数|点击数|阅读次数|【大】|【中】|【小】|主管[:：]|主办[:：]|承办[:：]|"
    r"联系我们|网站地图|<[a-z/][^>]*>|" + _FURNITURE_WORDS
)
_FOOTER = re.compile(
    r"责任编辑|版权所有|Copyright|©|ICP备|网安备|(?<![“\"])扫一扫(?![”\"])|分享到|上一篇|下一篇|相关新闻|"
    r"相关阅读|主管[:：]|主办[:：]|网站地图|打印本页|关闭窗口|法律顾问[:：]|公众号[:：]|公众号\s*$"
)
# a row of share / reaction buttons: "• 微笑", "· 分享"
_BUTTON = re.compile(r"[•·●▪■◆]\s*(?:微笑|流泪|流汗|愤怒|难过|惊讶|点赞|赞|踩|顶|分享|收藏|打印|关闭|微信|微博|QQ|"
                     r"QQ空间|今日头条)\s*$")
_BOX_LINE = 80
_SHORT_LINE = 12   # shorter lines before a page break are titles, signatures, dates
_DECIMAL = frozenset({"dec2", "dec3"})
_BOX_ITEMS = frozenset({"arabic", "dec2", "dec3", "paren_arabic", "half_paren", "circled"})
# 一、二季度, 一、二、三产业, 一、二级: numbers enumerated, not a heading
_ENUMERATION = re.compile(rf"[{_CN}]{{1,3}}(?:[、,]|季度|产业|级|类|等|批|期|轮)")
# a table of contents line: a heading with dot leaders or a page number at its end
_TOC_LINE = re.compile(r"(?:\.{2,}|…+|·{2,}|-{2,}|[ \t])[ \t]*\d{1,3}$")
_MID_SENTENCE = "、,(“‘《第"
_SENTENCE_END = "。!?;:…”’)】》"


def _spaced(*words: str) -> str:
    """Alternation of words that tolerates whitespace (a line wrap) between their characters."""
    return "(?:" + "|".join(r"\s*".join(w) for w in words) + ")"


_OWNER_WORD = _spaced("责任", "牵头", "主责", "负责", "共同实施", "配合", "协办", "主办")
_OWNER = _OWNER_WORD + r"\s*" + _spaced("单位", "部门")
# the brackets a responsibility note is written in: (…) — full-width folded — 〔…〕 【…】 [… ] (［］ folded)
_BRACKET_PAIRS = (("(", ")"), ("〔", "〕"), ("【", "】"), ("[", "]"))
_ANY_BRACKET = re.escape("".join(o + c for o, c in _BRACKET_PAIRS))


def _inner() -> str:
    """Inside a bracket: any character but a bracket, or one short nested round bracket
    (各县(市、区)人民政府, 市水利局(市水务局))."""
    return rf"(?:[^{_ANY_BRACKET}]|\([^{_ANY_BRACKET}]{{0,20}}\))"


def _labelled(open_: str, close: str) -> str:
    """(责任单位:…) (牵头单位:…) (责任主体:…) (牵头:…) in one bracket style; not 【责任编辑:…】."""
    label = _OWNER_WORD + r"\s*(?:" + _spaced("单位", "部门", "主体", "处室") + r"\s*[:,]?|[:,])"
    return re.escape(open_) + r"\s*" + label + _inner() + "*" + re.escape(close)


def _organ_first(open_: str, close: str) -> str:
    """(市发改委牵头,市财政局配合) (各区政府负责) in one bracket style."""
    inner = _inner()
    return (re.escape(open_) + inner + r"{0,80}?(?:局|委|办|厅|府|部|院|会|中心|公司)" + inner + r"{0,40}?"
            r"(?:牵头|负责|配合|参与)" + inner + r"{0,60}" + re.escape(close))


_ORGAN_FIRST = "|".join(f"(?:{_organ_first(o, c)})" for o, c in _BRACKET_PAIRS)
# a responsibility bracket: a bracket that assigns owners — (责任单位:…) 〔牵头单位:…〕 【责任单位:…】
# [责任单位:…] (市发改委牵头) — in normalised text (full-width and Traditional folded), wraps allowed
RESPONSIBILITY_BRACKET = re.compile("|".join(f"(?:{_labelled(o, c)})|(?:{_organ_first(o, c)})"
                                             for o, c in _BRACKET_PAIRS))
_OPENERS = re.escape("".join(o for o, _ in _BRACKET_PAIRS))
TITLE_STOP = re.compile(r"[。:;!?]|[" + _OPENERS + r"]\s*" + _OWNER + "|" + _ORGAN_FIRST)
_CN_DIGIT = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}


def is_furniture(line: str) -> bool:
    """Web page furniture (navigation, share buttons, footer) in a normalised line."""
    return bool(_FURNITURE.search(line))


def _cn_value(num: str) -> int | None:
    """Value of a small Chinese number (一 … 九十九 … 一百二十)."""
    if num.isdigit():
        return int(num)
    total, cur = 0, 0
    for c in num:
        if c in _CN_DIGIT:
            cur = _CN_DIGIT[c]
        elif c == "十":
            total += (cur or 1) * 10
            cur = 0
        elif c == "百":
            total += (cur or 1) * 100
            cur = 0
        else:
            return None
    return total + cur


def _value(kind: str, num: str) -> int | None:
    if kind in ("dec2", "dec3"):
        return int(num.rsplit(".", 1)[1])
    if kind == "circled":
        return _CIRCLED.index(num) + 1
    return _cn_value(num)


@dataclass(frozen=True, slots=True)
class _Line:
    start: int                # normalised offsets, whitespace trimmed
    end: int
    text: str
    blank_before: bool        # an empty line separates it from the line before
    page_break_before: bool   # a form feed (PDF page break) came before it


@dataclass(frozen=True, slots=True)
class _Heading:
    kind: str
    number: str      # as shown in the path: 一 / (一) / 1 / 第一章 / 专栏1
    value: int
    line: int        # index into the lines
    start: int       # normalised offset of the number
    title_start: int
    title_end: int   # normalised
    doubtful: bool   # it follows a line cut mid-sentence (a page break or a hard wrap)


_EOL = re.compile(r"\r\n|[\n\r\f]")
# a page number printed on its own line: — 12 —, - 3 -, 第 3 页, 第3页 共20页, 12
_PAGE_NUMBER = re.compile(r"[-—–\s]*\d{1,4}[-—–\s]*$|(?:第\s*\d{1,4}\s*页\s*)?(?:[,/]?\s*共\s*\d{1,4}\s*页)?$")


def _lines(text: str) -> list[_Line]:
    """The non-empty lines of the text, with whether a blank line or a page break precedes.
    Page number lines are not lines: they mark a page break."""
    out: list[_Line] = []
    blank = page = False
    pos = 0
    while True:
        m = _EOL.search(text, pos)
        stop = m.start() if m else len(text)
        seg = text[pos:stop]
        stripped = seg.strip()
        if stripped and _PAGE_NUMBER.match(stripped):
            page = True  # a page number line: the page breaks here
        elif stripped:
            s = pos + (len(seg) - len(seg.lstrip()))
            out.append(_Line(s, s + len(stripped), stripped, blank, page))
            blank = page = False
        elif out:
            blank = True
        if m is None:
            return out
        if m.group() == "\f":
            page = True
        pos = m.end()


def _ends_sentence(line: str) -> bool:
    return bool(line) and line[-1] in _SENTENCE_END


def _full_line(lines: list[_Line]) -> int:
    """Length from which a line not ending a sentence counts as cut (a wrap or page break).

    Hard-wrapped text (PDF lines) has one line length far more common than the others: the
    width, give or take a few half-width characters. Text with a paragraph per line has no such
    width; there, most of the length of its long lines."""
    lengths = sorted(len(ln.text) for ln in lines if len(ln.text) >= 10)
    if not lengths:
        return 10**9
    width, count = Counter(lengths).most_common(1)[0]
    near = sum(1 for n in lengths if abs(n - width) <= 2)
    if count >= 5 and near >= 0.3 * len(lengths):
        return max(10, width - 3)
    return max(16, int(0.6 * lengths[(3 * len(lengths)) // 4]))


def _cut_before(lines: list[_Line], i: int, full: int) -> bool:
    """Line i continues a paragraph cut at the end of line i-1."""
    if i == 0:
        return False
    prev, line = lines[i - 1], lines[i]
    found = _heading_match(prev.text)
    if found and found[0] in _MAX_HEADING_LINE and len(prev.text) <= _MAX_HEADING_LINE[found[0]]:
        return False  # the line before is a chapter or box heading line
    if _ends_sentence(prev.text):
        return False
    if line.page_break_before and not found and len(prev.text) >= _SHORT_LINE:
        return True  # a page ends inside a sentence, however short the line
    return len(prev.text) >= full


def _heading_match(text: str) -> tuple[str, re.Match[str]] | None:
    for kind, pat in _PATTERNS:
        m = pat.match(text)
        if m:
            return kind, m
    return None


def _title_span(lines: list[_Line], i: int, text_start: int, full: int) -> tuple[int, int]:
    """(title_start, title_end), normalised, for an item whose text starts at text_start."""
    line = lines[i]
    m = TITLE_STOP.search(line.text, text_start - line.start)
    if m:
        return text_start, line.start + m.start()
    # no stop on this line: the whole line, unless a cut split the first sentence
    if i + 1 < len(lines) and _cut_before(lines, i + 1, full) and not _heading_match(lines[i + 1].text):
        nxt = lines[i + 1]
        m2 = TITLE_STOP.search(nxt.text)
        if m2 and m2.start() <= 40:
            return text_start, nxt.start + m2.start()
    return text_start, line.end


def _candidates(lines: list[_Line]) -> Iterator[_Heading]:
    full = _full_line(lines)
    for i, line in enumerate(lines):
        found = _heading_match(line.text)
        if not found or is_furniture(line.text):
            continue
        kind, m = found
        num = m.group("num")
        value = _value(kind, num)
        if not value:
            continue
        if i and lines[i - 1].text[-1] in _MID_SENTENCE:
            continue  # the line before stops mid-clause (第一、\n二、三产业): a continuation
        doubtful = kind not in _MAX_HEADING_LINE and _cut_before(lines, i, full)
        text_start = line.start + m.end()
        if text_start >= line.end:
            # a number alone on its line (第一章 / 专栏1 / a PDF list number 一、 or 1.): the title
            # is the next line — if short, for a chapter; its first clause, for an item
            nxt = lines[i + 1] if i + 1 < len(lines) else None
            if nxt is None or _heading_match(nxt.text) or is_furniture(nxt.text):
                continue
            if kind in _MAX_HEADING_LINE:
                if len(nxt.text) <= 40 and not _ends_sentence(nxt.text):
                    yield _Heading(kind, _number(kind, num), value, i, line.start, nxt.start, nxt.end, doubtful)
            elif not (kind == "cn" and _ENUMERATION.match(nxt.text)):
                t_start, t_end = _title_span(lines, i + 1, nxt.start, full)
                if t_end > t_start:
                    yield _Heading(kind, _number(kind, num), value, i, line.start, t_start, t_end, doubtful)
            continue
        if kind == "cn" and _ENUMERATION.match(line.text, m.end()):
            continue  # 一、二季度 / 一、二、三产业: an enumeration, not a heading
        if kind in _MAX_HEADING_LINE:
            if len(line.text) > _MAX_HEADING_LINE[kind] or "。" in line.text or _TOC_LINE.search(line.text):
                continue
            t_start, t_end = text_start, line.end
        elif kind == "tiao" and (caption := _ARTICLE_CAPTION.match(line.text, text_start - line.start)):
            # 第一条【立法目的】为了…: the caption is the title
            t_start, t_end = line.start + caption.start(1), line.start + caption.end(1)
        else:
            t_start, t_end = _title_span(lines, i, text_start, full)
            if t_end <= t_start:
                continue
        yield _Heading(kind, _number(kind, num), value, i, line.start, t_start, t_end, doubtful)


def _number(kind: str, num: str) -> str:
    if kind in _CHAPTER_WORD:
        return f"第{num}{_CHAPTER_WORD[kind]}"
    if kind == "box":
        return f"专栏{num}"
    if kind in ("paren_cn", "paren_arabic"):
        return f"({num})"
    if kind == "half_paren":
        return f"{num})"
    return num


_ARTICLE_CAPTION = re.compile(r"[ \t]*【([^】\n]{1,20})】")


_CHAPTER_WORD = {"part": "部分", "pian": "篇", "zhang": "章", "jie": "节", "tiao": "条"}


def _accept(cands: list[_Heading], lines: list[_Line]) -> list[_Heading]:
    """Keep the candidates that are headings.

    Doubtful ones (after a cut line) only when they continue their numbering or open the
    numbering under the heading on the line before; after a web
    footer line only those that continue a numbering (so a 相关新闻 list 1. 2. 3. is dropped)."""
    footer_lines = [k for k, ln in enumerate(lines) if _FOOTER.search(ln.text)]
    out: list[_Heading] = []
    last_value: dict[str, int] = {}
    for h in cands:
        continues = h.value == last_value.get(h.kind, 0) + 1 and h.kind in last_value
        first_child = h.value == 1 and (not out or (out[-1].line == h.line - 1 and out[-1].kind != h.kind))
        if h.doubtful and not (continues or first_child):
            continue  # a cut paragraph that happens to start with 一、 / 2.
        after_footer = out and any(out[-1].line < k < h.line for k in footer_lines)
        if after_footer and not continues:
            continue
        out.append(h)
        last_value[h.kind] = h.value
    return out


def _drop_contents(heads: list[_Heading], text: str) -> list[_Heading]:
    """A table of contents (目录) repeats the headings before the body: drop a run of three or
    more headings on consecutive lines that all come again later."""
    keys = [(h.kind, h.number, "".join(text[h.title_start:h.title_end].split())) for h in heads]
    remaining = Counter(keys)
    again = []
    for key in keys:
        remaining[key] -= 1
        again.append(remaining[key] > 0)
    drop: set[int] = set()
    k = 0
    while k < len(heads):
        j = k
        while again[k] and j + 1 < len(heads) and again[j + 1] and heads[j + 1].line == heads[j].line + 1:
            j += 1
        if again[k] and j - k >= 2:
            drop.update(range(k, j + 1))
        k = j + 1
    return [h for k, h in enumerate(heads) if k not in drop]


def _rank(heads: list[_Heading]) -> dict[str, int]:
    """Seniority of each kind: A above B when A comes first and comes again after B appeared;
    otherwise the usual order (KINDS)."""
    first: dict[str, int] = {}
    last: dict[str, int] = {}
    for k, h in enumerate(heads):
        if h.kind == "box":
            continue  # boxes are asides, placed by position (see parse_outline)
        first.setdefault(h.kind, k)
        last[h.kind] = k

    def cmp(a: str, b: str) -> int:
        if first[a] < first[b] < last[a]:
            return -1
        if first[b] < first[a] < last[b]:
            return 1
        return _CANON[a] - _CANON[b]

    kinds = sorted(first, key=cmp_to_key(cmp))
    return {k: i for i, k in enumerate(kinds)} | {"box": -1}


def parse_outline(doc: ParsedDoc) -> list[Section]:
    """The outline of a parsed document, in reading order."""
    norm = doc.norm
    text = norm.text
    lines = _lines(text)
    heads = _accept(_drop_contents(list(_candidates(lines)), text), lines)
    if not heads:
        return []
    rank = _rank(heads)

    prose = [ln.start for ln in lines if len(ln.text) > _BOX_LINE and not _heading_match(ln.text)]

    # nesting: a stack of open items, popped by rank. A box (专栏) is an aside: it opens under
    # the current item and holds, up to its first prose line, numbered items (1. (1) ①) of kinds
    # the outline outside it has not used; it is never a container of the outline around it.
    items: list[tuple[_Heading, str, int | None, int, str]] = []   # heading, kind, parent, depth, path
    stack: list[int] = []
    box_until: dict[int, tuple[int, frozenset[str]]] = {}   # box → (its limit, kinds used before it)
    used: set[str] = set()
    in_list, run_value = False, None   # a top-level arabic run: is it a list from elsewhere?
    for h in heads:
        while stack:
            top = stack[-1]
            if top in box_until:
                limit, before = box_until[top]
                if h.kind in _BOX_ITEMS and h.start < limit and h.kind not in before:
                    break
            elif h.kind == "box" or rank[items[top][0].kind] < rank[h.kind]:
                break
            stack.pop()
        if not any(k in box_until for k in stack):
            used.add(h.kind)
        kind = h.kind
        if kind == "arabic" and not stack:
            if run_value is None or h.value != run_value + 1:
                in_list = h.value > 1  # a run that starts above 1 continues a list (43、44、…)
            run_value = h.value
            kind = "list" if in_list else kind
        elif not stack:
            run_value = None
        parent = stack[-1] if stack else None
        path = h.number if parent is None or h.kind == "box" else f"{items[parent][4]}.{h.number}"
        if parent is not None and h.kind in _DECIMAL and items[parent][0].kind in _DECIMAL:
            # 2.1.1 under 2.1 already says where it is: 第二章.2.1.1, not 第二章.2.1.2.1.1
            up = items[parent][4]
            path = up[:len(up) - len(items[parent][0].number)] + h.number
        items.append((h, kind, parent, len(stack), path))
        stack.append(len(items) - 1)
        if h.kind == "box":
            box_until[len(items) - 1] = (_first_between(prose, h.start, len(text)), frozenset(used))

    # extents: to the next item at the same or a higher level, a footer line, or (for a box)
    # the first prose line
    closers = [ln.start for ln in lines if _FOOTER.search(ln.text) or _BUTTON.match(ln.text)]
    text_end = len(text.rstrip())
    ends = [text_end] * len(items)
    open_items: list[int] = []
    for k, item in enumerate(items):
        while open_items and items[open_items[-1]][3] >= item[3]:
            ends[open_items.pop()] = item[0].start
        open_items.append(k)
    sections: list[Section] = []
    for k, (h, kind, parent, depth, path) in enumerate(items):
        end = _first_between(closers, h.start, ends[k])
        if h.kind == "box":
            end = _first_between(prose, h.start, end)
        while end > h.start and text[end - 1].isspace():
            end -= 1
        start_o = norm.original_span(h.start, h.start)[0]
        t_start, t_end = _strip(doc.text, *norm.original_span(h.title_start, h.title_end))
        end_o = norm.original_span(h.start, max(end, h.title_end))[1]
        sections.append(Section(
            kind=kind, number=h.number, path=path, title=doc.text[t_start:t_end],
            start=start_o, title_end=t_end, end=max(end_o, t_end), depth=depth,
            parent=parent, title_start=t_start,
        ))
    return sections


def _first_between(points: list[int], after: int, end: int) -> int:
    """The first of the sorted points in (after, end), else end."""
    i = bisect_right(points, after)
    return points[i] if i < len(points) and points[i] < end else end


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim whitespace and a closing stop mark from a title span."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in "。:：;；,，、"):
        end -= 1
    return start, end
