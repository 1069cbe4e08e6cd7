"""Normalisation for matching: Simplified, half-width, Arabic numerals — with a map back.

The normalised text is only for matching; quotes and evidence always come from the original
(`Normalised.original_span`). Four steps, each keeping an offset map:

1. Half-width. Every full-width form U+FF01–U+FF5E becomes its ASCII twin, U+3000 and NBSP
   become a plain space. So, after normalisation, write regexes with ASCII:
   （）→ ()   ：→ :   ；→ ;   ，→ ,   ！→ !   ？→ ?   ．→ .   ％→ %   ～→ ~   １２→ 12
   Punctuation with no ASCII twin stays: 、 。 “ ” ‘ ’ 《 》 〔 〕 【 】 — … · and the
   circled numbers ①②… (full NFKC would turn ① into 1; we do not apply it).
2. Traditional → Simplified with OpenCC `t2s` (the C++ binding). The conversion is run on the
   whole text and aligned line by line; a line whose length changed is aligned with difflib.
3. Chinese numerals → Arabic, only where they are clearly quantities:
   - year-like runs of four digits (二〇三五, 二○一四 with a white circle, 二 〇 二一年 with the
     spaces PDFs insert, 一九九八年):
     digit by digit, spaces inside and before 年 dropped → 2035, 2021年;
   - 百分之十五 → 15% (and 百分之三点五 → 3.5%);
   - a number followed by a unit (年 月 日 个 项 家 张 头 万 亿 元 % 倍 吨 亩 公里 …): 三十万吨 → 30万吨,
     二十九日 → 29日, 五个百分点 → 5个百分点. A lone 一 converts only before a measuring unit
     (一万 → 1万, 一年 → 1年, but 一个/一批/一体化 stay); a one-character number right after an
     opening quote is a slogan and stays (“四个全面”, “三个一”, “破零倍增”); neighbouring digits
     are an estimate and stay (三四个, 七八十家); a division's name that opens with a numeral
     stays (三台县, 七台河市, 三元区, 五家渠市: the gazetteer's names).
   Kept as written: outline numbering (第一章, 第二个, 一、 (一)), 十四五/十三五-style plan
   periods, N年 before 规划/计划/行动/攻坚 (三年行动计划, 五年规划), slogans (一带一路, 四化两型,
   三量齐升, 两型) and every 一 that is not a quantity (统一, 进一步, 唯一 …).
4. Hard wraps (applied between steps 2 and 3): in a PDF-like text whose long lines share one printed
   width, a newline inside a sentence is dropped (not before an outline number, 专栏, 附件 or a
   bullet; not after 。!?;:”」』》)】); in any text, a newline inside 《》 ( ) 〔〕 【】 closed early
   on the next line is dropped. The original keeps its breaks, so quotes show them.
"""
from __future__ import annotations

import re
from array import array
from difflib import SequenceMatcher
from functools import lru_cache
from unicodedata import east_asian_width

from .document import Normalised

__all__ = ["normalise", "to_halfwidth", "to_simplified"]

# ---------------------------------------------------------------------------- step 1: width

_HALF = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_HALF[0x3000] = 0x20
_HALF[0x00A0] = 0x20


def to_halfwidth(text: str) -> str:
    """Full-width ASCII forms → ASCII; ideographic space and NBSP → space (same length)."""
    return text.translate(_HALF)


# ---------------------------------------------------------------------------- step 2: t2s

@lru_cache(maxsize=1)
def _t2s():
    import opencc  # C++ OpenCC binding (package `opencc`), see docs/decisions/0002

    return opencc.OpenCC("t2s").convert


def to_simplified(text: str) -> str:
    """t2s, run to its fixed point: OpenCC's phrase table is not idempotent (於單 → 於单 → 于单),
    and normalising normalised text must change nothing."""
    t2s = _t2s()
    conv = t2s(text)
    again = t2s(conv)
    return conv if again == conv else t2s(again)


def _align(src: str, dst: str, base: int, out: list[int]) -> None:
    """Append, for each char of dst, an index into src (offset by base), monotone."""
    if len(src) == len(dst):
        out.extend(range(base, base + len(dst)))
        return
    sm = SequenceMatcher(None, src, dst, autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            out.extend(range(base + i1, base + i2))
        elif j2 > j1:
            n, m = i2 - i1, j2 - j1
            out.extend(base + i1 + min((k * n) // m, max(n - 1, 0)) for k in range(m))


def _simplify(text: str) -> tuple[str, list[int]]:
    """t2s of text, with offsets[i] = index in text of converted char i."""
    conv = to_simplified(text)
    if len(conv) == len(text):
        return conv, list(range(len(text)))
    src_lines = text.split("\n")
    dst_lines = conv.split("\n")
    offs: list[int] = []
    if len(src_lines) != len(dst_lines):  # never seen; convert line by line instead
        dst_lines = [to_simplified(line) for line in src_lines]
        conv = "\n".join(dst_lines)
    base = 0
    for k, (s, d) in enumerate(zip(src_lines, dst_lines)):
        _align(s, d, base, offs)
        base += len(s)
        if k < len(src_lines) - 1:
            offs.append(base)  # the newline
            base += 1
    return conv, offs


# ---------------------------------------------------------------------------- step 3: numerals

_DIG = "〇零一二三四五六七八九"
_DIGIT_VALUE = {c: str(i) for i, c in enumerate("零一二三四五六七八九")} | {"〇": "0", "○": "0"}
_YEAR_DIG = _DIG + "○"  # a white circle stands for 〇 in many typeset years (二○一四年)
_NUMCH = _DIG + "十百千万亿两"

# four digits, maybe spaced (PDF), not part of a longer run
_YEAR = re.compile(
    rf"(?<![{_NUMCH}\d第○])([{_DIG}](?:[ \t]*[{_YEAR_DIG}]){{3}})(?![ \t]*[{_NUMCH}\d○])([ \t]*(?=年))?"
)
_NUM = rf"(?:[{_DIG}十]|两(?=[十百千万亿]))[{_NUMCH}]*(?:点[{_DIG}]+)?"
_PERCENT = re.compile(rf"百分之({_NUM})")
_UNITS = (
    "个百分点|百分点|平方公里|平方米|公顷|公里|千米|千瓦|千克|立方米|小时|分钟|"
    "[%年月日个项家条所座名人户元倍吨亩米台辆套处岁天周栋种张间件头只万亿]"
)
_STRONG_UNITS = ("个百分点", "百分点", "平方公里", "平方米", "公顷", "公里", "千米", "千瓦", "千克",
                 "立方米", "小时", "%", "年", "月", "日", "万", "亿", "元", "倍", "吨", "亩", "米")
_QUANTITY = re.compile(rf"(?<![{_NUMCH}\d第.])({_NUM})(?=(?:{_UNITS}))")
_QUOTES = "“‘\"'《「『"
_KEEP_AFTER_YEAR = re.compile(r"年(?:规划|计划|行动|攻坚|发展规划|工作)")
_PERIOD = re.compile(r"十[一二三四五六七八九]五$")




@lru_cache(maxsize=1)
def _numeral_places() -> tuple[tuple[str, ...], frozenset[str]]:
    """Division names that open with a one-character numeral and so look like a quantity
    (三台县 "three units", 七台河市, 三元区, 五家渠市): the full names and short forms of three
    characters or more (七台河); and the two-character short forms (三台, 五台), which name the
    place only before a place word (五台山, not 三台锅炉)."""
    from .gazetteer import all_divisions

    names, pairs = set(), set()
    for d in all_divisions():
        for n in (d.name, d.short or ""):
            if n[:1] in _DIG[1:]:
                (names if len(n) >= 3 else pairs).add(n)
    return tuple(sorted(names, key=len, reverse=True)), frozenset(pairs)


def _numeral_place_at(text: str, a: int) -> bool:
    names, pairs = _numeral_places()
    return text.startswith(names, a) or (text[a:a + 2] in pairs and text[a + 2:a + 3] in "县区市旗山")

_APPROXIMATE = re.compile(r"[一二三四五六七八九两][一二三四五六七八九〇零]")


def _digits(run: str) -> str:
    return "".join(_DIGIT_VALUE[c] for c in run if c in _DIGIT_VALUE)


_SMALL_DIGIT = {c: i for i, c in enumerate("零一二三四五六七八九")}
_SMALL_UNIT = {"十": 10, "百": 100, "千": 1000}


def _small_text(n: int) -> str:
    """How 1…9999 is written in the usual form (十五, 一百零五, 一千零一十, 三千二百): what
    `cn2an.an2cn` writes; tests/test_normalize.py checks every value against it."""
    digits = "零一二三四五六七八九"
    out = []
    zero = False
    for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = n // unit % 10
        if d == 0:
            zero = bool(out)
            continue
        if zero:
            out.append("零")
            zero = False
        if not (unit == 10 and n < 20):
            out.append(digits[d])
        out.append(name)
    return "".join(out)


def _small_number(num: str) -> int | None:
    """The value of a whole number 1…9999 written in the usual form, without importing cn2an
    (its import compiles large patterns, ~0.1 s); None for any other way of writing a number."""
    if len(num) > 7:
        return None
    total, cur = 0, None
    for c in num:
        if c in _SMALL_DIGIT:
            cur = _SMALL_DIGIT[c]
        elif c in _SMALL_UNIT:
            total += (1 if cur is None else cur) * _SMALL_UNIT[c]
            cur = None
        else:
            return None
    total += cur or 0
    return total if 0 < total < 10000 and _small_text(total) == num else None


def _number(num: str) -> str | None:
    """Arabic form of a Chinese number, keeping a trailing 万/亿 as written (三十万 → 30万)."""
    tail = ""
    if len(num) > 1 and num[-1] in "万亿" and num[-2] not in "万亿":
        num, tail = num[:-1], num[-1]
    if _APPROXIMATE.search(num):
        return None  # 三四个, 七八十家: "three or four", not 34
    if not any(c in "十百千万亿" for c in num) and "点" not in num:
        if num.startswith("两") or len(num) > 1:
            return None
        return _digits(num) + tail
    small = _small_number(num)
    if small is not None:
        return f"{small}{tail}"
    try:
        import cn2an

        value = cn2an.cn2an(num, "smart")
    except (ValueError, KeyError, IndexError, TypeError):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value}{tail}"


def _numeral_edits(text: str) -> list[tuple[int, int, str]]:
    """(start, end, replacement) for every numeral to convert, sorted, non-overlapping."""
    edits: list[tuple[int, int, str]] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    for m in _YEAR.finditer(text):
        run = m.group(1)
        if not (m.group(2) is not None or any(z in run for z in "〇○零") or text.startswith("年", m.end())):
            continue
        edits.append((m.start(), m.end(), _digits(run)))
        taken.append((m.start(), m.end()))
    for m in _PERCENT.finditer(text):
        value = _number(m.group(1))
        if value is not None and free(m.start(), m.end()):
            edits.append((m.start(), m.end(), value + "%"))
            taken.append((m.start(), m.end()))
    for m in _QUANTITY.finditer(text):
        num, a, b = m.group(1), m.start(), m.end()
        after = text[b:b + 6]
        if not free(a, b) or _PERIOD.search(num):
            continue
        if _KEEP_AFTER_YEAR.match(after):
            continue
        if num in ("一", "两", "零", "〇"):
            if num != "一" or not after.startswith(_STRONG_UNITS):
                continue
        if len(num) == 1 and a > 0 and text[a - 1] in _QUOTES:  # slogans: “四个全面” “三个一”
            continue
        if text[b - 1] in "万亿" and len(num) == 1:
            continue
        if len(num) == 1 and _numeral_place_at(text, a):   # 三台县 七台河 三元区 五家渠 五台山
            continue
        value = _number(num)
        if value is None:
            continue
        edits.append((a, b, value))
        taken.append((a, b))
    edits.sort()
    return edits


# ---------------------------------------------------------------------------- step 4: hard wraps

# A line that opens something of its own: an outline number, a box, an annex, a bullet, a page
# number. A wrap never runs into such a line.
_OPENS = re.compile(
    r"\s*(?:第[一二三四五六七八九十百\d]+[篇章节条]|[一二三四五六七八九十]+[、.]|\([一二三四五六七八九十]+\)"
    r"|\d{1,2}(?:\.\d{1,2})*[、.](?!\d)|\(\d{1,2}\)|\d{1,2}\)|[\u2460-\u2473\u2776-\u277f]|【?专栏|附件|附表|——|—|-|·|•|●|■|◆|注[:：])"
)
_ENDS = "。!?;:”」』》)】"   # a line ending so may end a paragraph: never joined
_MIN_WIDTH = 20             # shorter lines are headings, titles, signatures — not a wrapped page


def _width(line: str) -> int:
    """Printed width: a CJK or full-width character takes two columns, others one."""
    return len(line) + sum(1 for c in line if c >= "\u2e80" and east_asian_width(c) in "WF")


def _wrap_width(widths: list[int]) -> int | None:
    """The printed width at which a text was hard-wrapped (PDF text, a fixed-width page), or
    None when its lines are paragraphs: in a wrapped text most long lines share one width."""
    long = [w for w in widths if w >= 2 * _MIN_WIDTH]
    if len(long) < 8:
        return None
    counts: dict[int, int] = {}
    for w in long:
        counts[w] = counts.get(w, 0) + 1
    width = max(counts, key=lambda w: (sum(counts.get(w - d, 0) for d in range(4)), w))
    near = sum(1 for w in long if width - 4 <= w <= width + 1)
    return width if near >= max(6, len(long) // 3) else None


_PAIRS = (("《", "》"), ("(", ")"), ("〔", "〕"), ("【", "】"))


def _closes_next(line: str, nxt: str) -> bool:
    """A title or bracket left open at the end of the line and closed early on the next one
    (《…规⏎划》, (责任单位:市财⏎政局)): a wrap inside it, whatever the text's width."""
    for o, c in _PAIRS:
        if line.rfind(o) > line.rfind(c):
            close = nxt.find(c)
            return 0 <= close <= 40 and o not in nxt[:close]
    return False


def _wrap_breaks(text: str) -> list[int]:
    """Indices of the newlines (with the spaces around them) that a hard wrap put inside a
    sentence: after a full-width line that does not end a sentence, or inside a title or bracket
    closed on the next line, and never before a line that opens an item of its own."""
    lines = text.split("\n")
    widths = [_width(ln.strip()) for ln in lines]
    width = _wrap_width(widths)
    drop: list[int] = []
    pos = 0
    for k, line in enumerate(lines[:-1]):
        nxt = lines[k + 1]
        end = pos + len(line)
        body = line.rstrip()
        if nxt.strip() and not _OPENS.match(nxt) and body and body[-1] not in _ENDS and (
                (width is not None and widths[k] >= width - 6) or _closes_next(body, nxt)):
            lead = len(nxt) - len(nxt.lstrip(" \t"))
            drop.extend(range(pos + len(body), end + 1 + lead))   # trailing spaces, newline, indent
        pos = end + 1
    return drop


def _unwrap(text: str, offs: list[int]) -> tuple[str, list[int]]:
    """Text without its hard-wrap newlines, with the offsets of the characters kept."""
    drop = _wrap_breaks(text)
    if not drop:
        return text, offs
    gone = set(drop)
    keep = [i for i in range(len(text)) if i not in gone]
    return "".join(text[i] for i in keep), [offs[i] for i in keep]


# ---------------------------------------------------------------------------- normalise

def normalise(text: str) -> Normalised:
    """Normalised text for matching and the map from each of its characters to the original."""
    half = to_halfwidth(text)
    simp, offs = _simplify(half)
    simp, offs = _unwrap(simp, offs)
    edits = _numeral_edits(simp)
    if not edits:
        offs.append(len(text))
        return Normalised(simp, text, array("l", offs))
    parts: list[str] = []
    new_offs: list[int] = []
    pos = 0
    for a, b, rep in edits:
        parts.append(simp[pos:a])
        new_offs.extend(offs[pos:a])
        parts.append(rep)
        n, m = b - a, len(rep)
        # spread the replacement over the original run it came from (monotone)
        new_offs.extend(offs[a + min((k * n) // m, n - 1)] for k in range(m))
        pos = b
    parts.append(simp[pos:])
    new_offs.extend(offs[pos:])
    new_offs.append(len(text))
    return Normalised("".join(parts), text, array("l", new_offs))
