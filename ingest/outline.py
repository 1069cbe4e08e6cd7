"""Outline: numbered headings and items (第X篇/章/节, 一、, (一), 1., (1), ①, 专栏N, 43、) → a tree
of spans. Keeps offsets into the original text; does not decide what a Task is.

Headings are found at line starts in the normalised text (so （一）/(一), 1．/1. and Traditional
text look alike) and read back from the original. Kinds and their usual order:

    pian 第X篇 > zhang 第X章 > jie 第X节 > box 专栏N > cn 一、 > paren_cn (一) > arabic 1. 1、
    > paren_arabic (1) > circled ①

Documents skip levels and sometimes reorder them, so nesting follows the document: kind A is
above kind B when A appears first *and* appears again after B has appeared (A contains B);
when the document does not say, the usual order decides. A numbered run that starts above 1
with nothing above it (a task list continued from another page, 43、44、…) gets kind `list`.

A line is not a heading when it is web furniture (navigation 首页 > 新闻, 责任编辑, 版权所有,
share buttons …), when it is too long to be a heading of its style, or when it continues a
paragraph cut by a PDF page break (the line before does not end a sentence and is long) and
its number does not continue the numbering. A web footer line also closes every open section,
so the page's trailer is not part of the last item.

Titles: a heading line's text (一、指导思想和主要目标 → 指导思想和主要目标); for an item with
inline text, the text up to the first 。 : ; ! ? or responsibility bracket
(1.打好蓝天保卫战。坚持… → 打好蓝天保卫战; (一)指导思想:深入… → 指导思想), continued over a
page-break cut. `depth` counts from 0 at the top level.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cmp_to_key

from .document import ParsedDoc, Section

__all__ = ["parse_outline", "KINDS", "is_furniture", "RESPONSIBILITY_BRACKET"]

KINDS = ("pian", "zhang", "jie", "box", "cn", "paren_cn", "arabic", "list", "paren_arabic", "circled")
_CANON = {k: i for i, k in enumerate(KINDS)}
_CANON["list"] = _CANON["arabic"]

_CN = "一二三四五六七八九十百零〇两"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

# (kind, pattern on a normalised line; group "num" is the number, the match end is where text starts)
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("pian", re.compile(rf"第(?P<num>[{_CN}\d]{{1,4}})篇(?:[ \t]+|$|(?=[^\s,。、]))")),
    ("zhang", re.compile(rf"第(?P<num>[{_CN}\d]{{1,4}})章(?:[ \t]+|$|(?=[^\s,。、]))")),
    ("jie", re.compile(rf"第(?P<num>[{_CN}\d]{{1,4}})节(?:[ \t]+|$|(?=[^\s,。、]))")),
    ("box", re.compile(rf"专栏[ \t]*(?P<num>\d{{1,3}}|[{_CN}]{{1,3}})(?:[ \t:.、]+|$|(?=[^\d]))")),
    ("cn", re.compile(rf"(?P<num>[{_CN}]{{1,3}})[ \t]*[、.][ \t]*")),
    ("paren_cn", re.compile(rf"\([ \t]*(?P<num>[{_CN}]{{1,3}})[ \t]*\)[ \t、.]*")),
    ("arabic", re.compile(r"(?P<num>\d{1,3})[ \t]*(?:[、]|\.(?!\d))[ \t]*")),
    ("paren_arabic", re.compile(r"\([ \t]*(?P<num>\d{1,3})[ \t]*\)[ \t、.]*")),
    ("circled", re.compile(rf"(?P<num>[{_CIRCLED}])[ \t、.]*")),
)
# longest heading line (characters) for the styles whose heading stands alone on its line
_MAX_HEADING_LINE = {"pian": 40, "zhang": 50, "jie": 60, "box": 60}

# web page furniture: navigation, share buttons, footer; a footer line closes open sections
_FURNITURE = re.compile(
    r"首页\s*>|>\s*正文|当前位置|您的位置|现在的位置|责任编辑|编辑[:：]|版权所有|Copyright|©|"
    r"ICP备|网安备|公众号|扫一扫|分享到|打印本页|关闭窗口|上一篇|下一篇|相关新闻|相关阅读|"
    r"浏览次数|点击数|阅读次数|字号|【大】|【中】|【小】|主管[:：]|主办[:：]|承办[:：]|"
    r"联系电话|联系我们|网站地图|法律顾问|<[a-z/][^>]*>"
)
_FOOTER = re.compile(
    r"责任编辑|版权所有|Copyright|©|ICP备|网安备|公众号|扫一扫|分享到|上一篇|下一篇|相关新闻|"
    r"相关阅读|主管[:：]|主办[:：]|网站地图|法律顾问|打印本页|关闭窗口"
)
# a row of share / reaction buttons: "• 微笑", "· 分享"
_BUTTON = re.compile(r"[•·●▪■◆]\s*\S{1,6}$")
_BOX_LINE = 80
_SENTENCE_END = "。!?;:…”’)】》"
# a responsibility bracket: (责任单位:…) (牵头单位:…) — in normalised text
RESPONSIBILITY_BRACKET = re.compile(r"\((?:责任|牵头|主责|负责|共同实施|配合|协办|主办)(?:单位|部门)?[:,]?[^()]*\)")
_TITLE_STOP = re.compile(r"[。:;!?]|\((?:责任|牵头|主责|负责|共同实施|配合|协办|主办)(?:单位|部门)")
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
    if kind == "circled":
        return _CIRCLED.index(num) + 1
    return _cn_value(num)


@dataclass(frozen=True, slots=True)
class _Line:
    start: int       # normalised offsets
    end: int
    text: str
    blank_before: bool
    page_break_before: bool


@dataclass(frozen=True, slots=True)
class _Heading:
    kind: str
    number: str      # as shown in the path: 一 / (一) / 1 / 第一章 / 专栏1
    value: int
    line: int        # index into lines
    start: int       # normalised offset of the number
    text_start: int  # normalised offset where the heading text starts
    title_start: int
    title_end: int   # normalised
    inline: bool     # the item's text goes on after its title on the same line


def _lines(text: str) -> list[_Line]:
    out: list[_Line] = []
    blank, page = False, False
    pos = 0
    for m in re.finditer(r"[^\n\r\f]*(?:\r\n|[\n\r\f]|$)", text):
        if m.start() == len(text) and m.end() == len(text) and pos == len(text) and out:
            break
        raw = m.group()
        body = raw.rstrip("\r\n\f")
        s = m.start() + (len(body) - len(body.lstrip()))
        e = m.start() + len(body.rstrip())
        if e > s:
            out.append(_Line(s, e, text[s:e], blank, page))
            blank, page = False, False
        else:
            blank = True
        if raw.endswith("\f"):
            page = True
        pos = m.end()
        if m.end() >= len(text):
            break
    return out


def _ends_sentence(line: str) -> bool:
    return bool(line) and line[-1] in _SENTENCE_END


def _title_span(lines: list[_Line], i: int, text_start: int) -> tuple[int, int, bool]:
    """(title_start, title_end, inline) in normalised offsets for a heading on line i."""
    line = lines[i]
    rest = line.text[text_start - line.start:]
    m = _TITLE_STOP.search(rest)
    if m:
        end = text_start + m.start()
        return text_start, end, end < line.end
    # no stop on this line: the whole line, unless a page break cut the first sentence
    nxt = lines[i + 1] if i + 1 < len(lines) else None
    if (nxt is not None and len(line.text) >= 40 and not nxt.blank_before
            and not _heading_match(nxt.text) and not _ends_sentence(line.text)):
        m2 = _TITLE_STOP.search(nxt.text)
        if m2 and m2.start() <= 40:
            return text_start, nxt.start + m2.start(), True
    return text_start, line.end, False


def _heading_match(text: str) -> tuple[str, re.Match[str]] | None:
    for kind, pat in _PATTERNS:
        m = pat.match(text)
        if m:
            return kind, m
    return None


def _candidates(lines: list[_Line]) -> Iterator[_Heading]:
    prev_text = ""
    for i, line in enumerate(lines):
        found = _heading_match(line.text)
        cont = (prev_text and not line.blank_before and len(prev_text) >= 60
                and not _ends_sentence(prev_text))
        prev_text = line.text
        if not found or is_furniture(line.text):
            continue
        kind, m = found
        num = m.group("num")
        value = _value(kind, num)
        if value is None or value == 0:
            continue
        text_start = line.start + m.end()
        if text_start >= line.end:
            # number alone on its line (第一章 / 一、): the title is the next line if short
            if kind in _MAX_HEADING_LINE and i + 1 < len(lines) and len(lines[i + 1].text) <= 40 \
                    and not _heading_match(lines[i + 1].text):
                nxt = lines[i + 1]
                yield _Heading(kind, _number(kind, num), value, i, line.start, nxt.start,
                               nxt.start, nxt.end, False)
            continue
        if kind in _MAX_HEADING_LINE:
            if len(line.text) > _MAX_HEADING_LINE[kind] or "。" in line.text:
                continue
            t_start, t_end, inline = text_start, line.end, False
        else:
            t_start, t_end, inline = _title_span(lines, i, text_start)
            if t_end <= t_start:
                continue
        yield _Heading(kind, _number(kind, num), value, -i - 1 if cont else i, line.start,
                       text_start, t_start, t_end, inline)


def _number(kind: str, num: str) -> str:
    if kind in ("pian", "zhang", "jie"):
        return f"第{num}{ {'pian': '篇', 'zhang': '章', 'jie': '节'}[kind] }"
    if kind == "box":
        return f"专栏{num}"
    if kind in ("paren_cn", "paren_arabic"):
        return f"({num})"
    return num


def _rank(heads: list[_Heading]) -> dict[str, int]:
    """Seniority of each kind: A above B when A comes first and comes again after B appeared."""
    first: dict[str, int] = {}
    last: dict[str, int] = {}
    for k, h in enumerate(heads):
        first.setdefault(h.kind, k)
        last[h.kind] = k

    def cmp(a: str, b: str) -> int:
        if a == b:
            return 0
        if first[a] < first[b] < last[a]:
            return -1
        if first[b] < first[a] < last[b]:
            return 1
        return _CANON[a] - _CANON[b]

    kinds = sorted(first, key=cmp_to_key(cmp))
    return {k: i for i, k in enumerate(kinds)}


def _accept(cands: list[_Heading]) -> list[_Heading]:
    """Drop candidates that break their numbering where a page break makes them doubtful."""
    out: list[_Heading] = []
    last_value: dict[str, int] = {}
    for h in cands:
        cont = h.line < 0
        line = -h.line - 1 if cont else h.line
        h2 = _Heading(h.kind, h.number, h.value, line, h.start, h.text_start, h.title_start,
                      h.title_end, h.inline)
        expected = last_value.get(h.kind, 0) + 1
        if cont and h.value != expected:
            continue  # a cut paragraph that happens to start with 一、 / 2.
        out.append(h2)
        last_value[h.kind] = h.value
        # numbering of deeper kinds restarts under a new parent; tracked loosely
    return out


def parse_outline(doc: ParsedDoc) -> list[Section]:
    """The outline of a parsed document, in reading order."""
    norm = doc.norm
    text = norm.text
    lines = _lines(text)
    heads = _accept(list(_candidates(lines)))
    if not heads:
        return []
    rank = _rank(heads)

    # footer lines close every open section
    footer_starts = [ln.start for ln in lines if _FOOTER.search(ln.text) or _BUTTON.match(ln.text)]
    long_starts = [ln.start for ln in lines if len(ln.text) > _BOX_LINE and not _heading_match(ln.text)]

    # nesting: a stack of open sections (index into result), popped by rank
    result: list[dict] = []
    stack: list[int] = []
    list_started: set[str] = set()
    for h in heads:
        r = rank[h.kind]
        while stack and rank[result[stack[-1]]["rank_kind"]] >= r:
            stack.pop()
        kind = h.kind
        if kind == "arabic" and not stack and h.value > 1 and kind not in list_started:
            kind = "list"
        list_started.add(h.kind)
        parent = stack[-1] if stack else None
        path = h.number if parent is None or h.kind == "box" else f"{result[parent]['path']}.{h.number}"
        result.append({"kind": kind, "rank_kind": h.kind, "h": h, "parent": parent,
                       "depth": len(stack), "path": path})
        stack.append(len(result) - 1)

    # extents: up to the next heading at the same or a higher level, or a footer line
    sections: list[Section] = []
    n = len(result)
    text_end = len(text.rstrip())
    for k, item in enumerate(result):
        h: _Heading = item["h"]
        end = text_end
        for j in range(k + 1, n):
            if result[j]["depth"] <= item["depth"]:
                end = result[j]["h"].start
                break
        for f in footer_starts:
            if h.start < f < end:
                end = f
                break
        if h.kind == "box":  # a box holds short lines (its table rows); prose is the section's again
            for f in long_starts:
                if h.start < f < end:
                    end = f
                    break
        # trim trailing whitespace
        while end > h.start and text[end - 1].isspace():
            end -= 1
        start_o, _ = norm.original_span(h.start, h.start)
        o_title_start, o_title_end = norm.original_span(h.title_start, h.title_end)
        _, o_end = norm.original_span(h.start, max(end, h.title_end))
        o_title_start, o_title_end = _strip(doc.text, o_title_start, o_title_end)
        title = doc.text[o_title_start:o_title_end]
        title_end = max(o_title_end, o_title_start)
        sections.append(Section(
            kind=item["kind"], number=item["h"].number, path=item["path"], title=title,
            start=start_o, title_end=title_end, end=max(o_end, title_end), depth=item["depth"],
            parent=item["parent"], title_start=o_title_start,
        ))
    return sections


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim whitespace and a closing stop mark from a title span."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in "。:：;；,，、"):
        end -= 1
    return start, end
