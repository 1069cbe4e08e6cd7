r"""Readers: a file's bytes → `SourceText`, whatever the format or encoding, or a clear
`UnreadableFile` that names the file and says why.

    .txt .md     bytes → text: a byte-order mark decides (UTF-8/16/32); then strict UTF-8;
                 then charset-normalizer limited to the Chinese encodings (GB18030 ⊃ GBK ⊃
                 GB2312, Big5/CP950/Big5-HKSCS), so short texts are not misread as cp1252;
                 only then any encoding, with a warning.
    .html .htm   charset from the BOM, then <meta>, then detection as above; main text only:
                 script, style, noscript, nav, aside, form, iframe, hidden or navigation-role
                 elements, and the page's header/footer (not an article's) are dropped; block
                 elements become line breaks, a data table's row is one line with its cells
                 joined by "\t" (a table that lays out the page is read as blocks), entities
                 are decoded, lines are trimmed and blank lines dropped.
    .pdf         the text layer (pypdfium2). Pages are joined with "\f\n", so page N is the
                 N-th "\f\n"-separated part and the outline can rejoin paragraphs cut at page
                 breaks. Within a page, lines the layout wrapped at the right margin are
                 joined (character boxes: full line, no sentence end, next line not indented);
                 printed page numbers (— 3 —) that follow the page order and running
                 headers/footers (the same short line on most pages) are removed.
                 No OCR: a PDF without a text layer is unreadable (OCR it first).
    .docx        paragraphs and tables in body order (python-docx); a table row is one line,
                 its cells joined by "\t". Word's automatic list numbers (一、 (一) 1.) are
                 rendered before their paragraphs; headers, footers and text boxes are not read.

Line endings are normalised (\r\n and \r → \n); evidence offsets index this decoded text.
`SourceText.sha256` is the hash of the raw bytes. A reader never returns an empty text.
"""
from __future__ import annotations

import codecs
import hashlib
import io
import os
import re
import threading
import unicodedata
import warnings as _warnings
import zipfile
from collections.abc import Callable
from pathlib import Path

from policygraph.graph.errors import UnreadableFile

from .document import SourceText

__all__ = ["SUPPORTED_SUFFIXES", "MAX_BYTES", "read_document", "decode_bytes", "html_to_text"]

SUPPORTED_SUFFIXES = frozenset({".txt", ".md", ".html", ".htm", ".pdf", ".docx"})

_DEFAULT_MAX_BYTES = 50 * 1024 * 1024


def _limit_from_env() -> int:
    raw = os.environ.get("POLICYGRAPH_MAX_BYTES", "").strip()
    if not raw:
        return _DEFAULT_MAX_BYTES
    try:
        value = int(raw)
        if value <= 0:
            raise ValueError
    except ValueError:
        _warnings.warn(f"POLICYGRAPH_MAX_BYTES={raw!r} is not a positive whole number of bytes; "
                       f"using {_DEFAULT_MAX_BYTES}", stacklevel=2)
        return _DEFAULT_MAX_BYTES
    return value


MAX_BYTES: int = _limit_from_env()
"""Largest file read, in bytes (default 50 MB; the environment variable POLICYGRAPH_MAX_BYTES,
read when this module is imported, overrides it)."""

# Candidate encodings for text that is neither marked nor UTF-8: what Chinese documents use.
_CHINESE_ENCODINGS = ("gb18030", "big5", "cp950", "big5hkscs")
# Report the narrowest member of a family that decodes the bytes to the same text.
_FAMILIES = {"gb18030": ("gbk", "gb18030"), "cp950": ("big5", "cp950"),
             "big5hkscs": ("big5", "big5hkscs"), "big5": ("big5",)}
_BOMS = (  # longest first: the UTF-32 LE mark starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
_MAGIC = (  # formats that are not text, whatever the file is called
    (b"%PDF-", "a PDF file; give it the .pdf suffix"),
    (b"PK\x03\x04", "a zip archive (a .docx?); give it the right suffix"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office (.doc/.xls) file; save it as .docx"),
    (b"{\\rtf", "an RTF file; save it as .docx or .txt"),
)
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")


# ---------------------------------------------------------------------------------------------
# entry point

def read_document(path: Path, name: str) -> SourceText:
    """Read one file into a `SourceText`; `name` is what evidence and errors call it.

    Raises `UnreadableFile(name, reason)` for an unsupported suffix, an unreadable path, a file
    larger than `MAX_BYTES`, an empty or binary file, undecodable text, a broken PDF or one
    without a text layer, a .docx that is not a Word zip, or a document with no text at all."""
    path = Path(path)
    suffix = path.suffix.lower()
    reader = _READERS.get(suffix)
    if reader is None:
        if not path.is_file():
            _read_bytes(path, name)  # a missing path or a folder: says so ("cannot read …")
        known = " ".join(sorted(SUPPORTED_SUFFIXES))
        raise UnreadableFile(name, f"unsupported file type {suffix or '(no suffix)'!r}; "
                                   f"PolicyGraph reads {known}")
    data = _read_bytes(path, name)
    text, encoding, notes = reader(data, name)
    text = _newlines(text)
    if not text.strip():
        raise UnreadableFile(name, f"no text in this {suffix[1:]} file")
    return SourceText(file=name, path=path, text=text, encoding=encoding, format=suffix[1:],
                      sha256=hashlib.sha256(data).hexdigest(), warnings=tuple(notes))


def _read_bytes(path: Path, name: str) -> bytes:
    limit = MAX_BYTES
    try:
        size = path.stat().st_size
        if size > limit:
            raise UnreadableFile(name, f"file is {size:,} bytes, over the {limit:,}-byte limit "
                                       "(raise POLICYGRAPH_MAX_BYTES to read it)")
        data = path.read_bytes()
    except OSError as exc:
        reason = exc.strerror or exc.__class__.__name__
        raise UnreadableFile(name, f"cannot read the file: {reason}") from exc
    if len(data) > limit:  # grew while we looked
        raise UnreadableFile(name, f"file is over the {limit:,}-byte limit "
                                   "(raise POLICYGRAPH_MAX_BYTES to read it)")
    if not data.strip():
        raise UnreadableFile(name, "the file is empty" if not data else
                                   "the file holds only whitespace")
    return data


def _newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


# ---------------------------------------------------------------------------------------------
# plain text

Decoded = tuple[str, str, list[str]]  # text, encoding, warnings


def _read_text(data: bytes, name: str) -> Decoded:
    text, encoding, notes = decode_bytes(data, name)
    if not text.strip():  # e.g. only a BOM, or only whitespace in UTF-16
        raise UnreadableFile(name, "the file holds only whitespace")
    return text, encoding, notes


def decode_bytes(data: bytes, name: str) -> Decoded:
    """Decode text bytes: (text, encoding as a Python codec name, warnings).

    Order: byte-order mark; a sniff for PDF/zip/Office files and binary data; strict UTF-8;
    charset-normalizer over the Chinese encodings only; then over all encodings (warned)."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as exc:
                raise UnreadableFile(name, f"starts with a {codec} byte-order mark but does not "
                                           f"decode as {codec}: {exc.reason} at byte {exc.start}") from exc
            _check_text(text, name)
            return text, codec, []
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise UnreadableFile(name, f"not a text file: this is {what}")
    if b"\x00" in data:
        found = _utf16_without_bom(data)
        if found is None:
            raise UnreadableFile(name, "a binary file (it contains NUL bytes), not text")
        return found[0], found[1], []
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        _check_text(text, name)
        return text, "utf-8", []
    found = _detect(data, _CHINESE_ENCODINGS)
    if found is not None:
        _check_text(found[0], name)
        return found[0], found[1], []
    found = _detect(data, None)
    if found is not None and _looks_like_text(found[0]):
        return found[0], found[1], [f"decoded as {found[1]} by detection: not UTF-8, GB18030 "
                                    "or Big5; check the text"]
    raise UnreadableFile(name, "cannot decode the text: it is not UTF-8, UTF-16, GB18030/GBK or "
                               "Big5 (a binary file? convert it to UTF-8)")


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """Unmarked UTF-16: NUL bytes mostly on one side of each pair, and text once decoded."""
    if len(data) % 2:
        return None
    even, odd = data[0::2].count(0), data[1::2].count(0)
    for codec, zeros, other in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if zeros > other * 4:
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                continue
            if _looks_like_text(text):
                return text, codec
    return None


def _detect(data: bytes, candidates: tuple[str, ...] | None) -> tuple[str, str] | None:
    from charset_normalizer import from_bytes

    results = from_bytes(data, cp_isolation=list(candidates) if candidates else None)
    for match in results:  # best first
        try:
            codec = codecs.lookup(match.encoding).name
            full = data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
        for narrow in _FAMILIES.get(codec, ()):
            try:
                if data.decode(narrow) == full:
                    return full, narrow
            except UnicodeDecodeError:
                continue
        return full, codec
    return None


_NOT_TEXT = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffd\ufffe\uffff]")


def _looks_like_text(text: str) -> bool:
    """No NUL, and at most 2 % control characters, surrogates or replacement characters."""
    if "\x00" in text:
        return False
    limit = max(2, len(text) // 50)
    bad = 0
    for _ in _NOT_TEXT.finditer(text):
        bad += 1
        if bad > limit:
            return False
    return True


def _check_text(text: str, name: str) -> None:
    if not _looks_like_text(text):
        raise UnreadableFile(name, "a binary file (mostly control characters), not text")


# ---------------------------------------------------------------------------------------------
# HTML

_META_CHARSET = re.compile(
    rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""")
_CHARSET_ALIASES = {  # what browsers do (WHATWG Encoding): these labels all mean the superset
    "gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030",
    "chinese": "gb18030", "csgb2312": "gb18030", "iso-ir-58": "gb18030",
    "big5": "cp950", "big5-hkscs": "big5hkscs", "x-x-big5": "cp950", "cn-big5": "cp950",
    "iso-8859-1": "cp1252", "latin1": "cp1252", "us-ascii": "cp1252", "ascii": "cp1252",
}
_DROP = ("script", "style", "noscript", "nav", "aside", "form", "iframe",
         "template", "svg", "object", "embed", "canvas", "select", "button", "dialog",
         "[hidden]", "[aria-hidden=true]", "[role=navigation]", "[role=banner]",
         "[role=contentinfo]", "[role=search]", "[role=complementary]",
         # page furniture that government sites mark only by class or id: related links
         # (相关链接 / xgwz / xglj), recommendations, share bars, breadcrumbs, the site footer
         "[class*=related]", "[id*=related]", "[class*=xgwz]", "[id*=xgwz]", "[class*=xglj]",
         "[id*=xglj]", "[class*=recommend]", "[class*=share]", "[class*=breadcrumb]",
         "[class*=crumb]", "[class*=footer]", "[id*=footer]")
_BLOCKS = frozenset("""address article blockquote body caption center dd details dir div dl dt
    fieldset figcaption figure h1 h2 h3 h4 h5 h6 hgroup hr html legend li listing main menu ol p
    plaintext pre section summary table tbody td tfoot th thead title tr ul xmp""".split())
_PRE = frozenset({"pre", "listing", "xmp", "plaintext"})
_ASCII_SPACE = re.compile(r"[ \t\n\r\f]+")
_CJK = "\u2e80-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
_CJK_BREAK = re.compile(rf"(?<=[{_CJK}])[ \t\r\f]*\n[ \t\n\r\f]*(?=[{_CJK}])")
_LINE_STRIP = " \t\u00a0\u3000\u2002\u2003\u2009\u200b\ufeff"


def _read_html(data: bytes, name: str) -> Decoded:
    text, encoding, notes = _decode_html(data, name)
    return html_to_text(text), encoding, notes


def _decode_html(data: bytes, name: str) -> Decoded:
    """BOM; strict UTF-8 (a page moved to UTF-8 often keeps its old <meta charset=gb2312>);
    the declared Chinese charset; for any other declared charset, a Chinese encoding if
    detection finds one, else the declared one; with no usable declaration, detection."""
    for bom, _codec in _BOMS:
        if data.startswith(bom):
            return decode_bytes(data, name)
    m = _META_CHARSET.search(data[:4096]) or _XML_ENCODING.search(data[:4096])
    label = m.group(1).decode("ascii").strip().lower() if m else None
    declared = None
    if label:
        try:
            declared = codecs.lookup(_CHARSET_ALIASES.get(label, label)).name
        except LookupError:
            declared = None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        _check_text(text, name)
        stale = label is not None and declared != "utf-8" and not text.isascii()
        return text, "utf-8", [f"declared charset {label!r}, but the page is UTF-8"] if stale else []
    if declared is None or declared.startswith(("utf-16", "utf-32", "utf-8")):
        text, found, notes = decode_bytes(data, name)
        if label is not None:
            notes = [f"declared charset {label!r} does not fit; decoded as {found}", *notes]
        return text, found, notes
    if declared not in _FAMILIES:
        found = _detect(data, _CHINESE_ENCODINGS)
        if found is not None:
            return found[0], found[1], [f"declared charset {label!r}, but the page is {found[1]}"]
    try:
        text = data.decode(declared)
    except UnicodeDecodeError:
        text, found, notes = decode_bytes(data, name)
        return text, found, [f"declared charset {label!r} does not decode the page; "
                             f"decoded as {found}", *notes]
    for narrow in _FAMILIES.get(declared, ()):
        try:
            if data.decode(narrow) == text:
                return text, narrow, []
        except UnicodeDecodeError:
            continue
    return text, declared, []


def html_to_text(markup: str) -> str:
    """The readable text of an HTML page: no scripts, styles, navigation or page furniture;
    one line per block element, a table row on one line with its cells joined by tabs,
    entities decoded. A <header>/<footer> inside <article>, <main> or <section> is the
    article's own heading and is kept; one elsewhere is the site's banner and is dropped."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(markup)
    root = tree.body or tree.root
    if root is None:
        return ""
    for selector in _DROP:
        for node in root.css(selector):
            node.decompose()
    for node in root.css("header, footer"):
        if not _inside(node, ("article", "main", "section")):
            node.decompose()
    parts: list[str] = []
    # depth-first walk with an explicit stack of (closing, node, state); state is
    # (in_pre, in_cell: inside a data-table cell, data_table: the nearest table holds data)
    stack: list[tuple[bool, object, tuple[bool, bool, bool]]] = [(False, root, (False, False, False))]
    while stack:
        closing, node, (in_pre, in_cell, data_table) = stack.pop()
        tag = node.tag
        cell = tag in ("td", "th") and data_table and not in_cell
        if closing:
            if tag in _BLOCKS and not cell:
                parts.append(" " if in_cell else "\n")
            continue
        if tag == "-text":
            chunk = node.text_content or ""
            if not in_pre or in_cell:
                chunk = _CJK_BREAK.sub("", chunk)
                chunk = _ASCII_SPACE.sub(" ", chunk)
            parts.append(chunk)
            continue
        if tag is None or tag.startswith("-"):  # comments, doctype
            continue
        if tag == "br":
            parts.append(" " if in_cell else "\n")
            continue
        if cell:
            parts.append("\t")
        elif tag in _BLOCKS:
            parts.append(" " if in_cell else "\n")
        stack.append((True, node, (in_pre, in_cell, data_table)))
        if tag == "table" and not in_cell:
            data_table = not _is_layout_table(node)
        state = (in_pre or tag in _PRE, in_cell or cell, data_table)
        for child in reversed(list(node.iter(include_text=True))):
            stack.append((False, child, state))
    return _tidy_lines("".join(parts))


def _is_layout_table(table) -> bool:
    """A table used to lay out the page (old government sites put the whole article in one):
    it holds another table or a heading, or has no row with two cells, or a cell with a long
    text.
    Its cells are read as blocks; only a data table's rows become tab-joined lines."""
    if len(table.css("table")) > 1:  # lexbor's css() includes the node itself
        return True
    if table.css_first("h1, h2, h3, h4, h5, h6") is not None:
        return True
    rows = table.css("tr")
    widths = [sum(1 for c in row.iter() if c.tag in ("td", "th")) for row in rows]
    if not widths or max(widths) < 2:
        return True
    return any(len(c.text(deep=True)) > _LONG_CELL for row in rows for c in row.iter()
               if c.tag in ("td", "th"))


_LONG_CELL = 600  # characters: more than a task description in a task table


def _inside(node, tags: tuple[str, ...]) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.tag in tags:
            return True
        parent = parent.parent
    return False


def _tidy_lines(text: str) -> str:
    lines = []
    for line in _newlines(text).split("\n"):
        line = line.strip(_LINE_STRIP)
        line = line.strip("\t ").replace("\t ", "\t").replace(" \t", "\t")
        line = re.sub(r"\t{2,}", "\t", re.sub(r" {2,}", " ", line))
        if line.strip(_LINE_STRIP + "\t"):
            lines.append(line)
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# PDF

_PDFIUM = threading.Lock()  # PDFium is not thread-safe: one document at a time per process


def _read_pdf(data: bytes, name: str) -> Decoded:
    with _PDFIUM:
        read = _pdf_pages(data, name)
    if not read:
        raise UnreadableFile(name, "the PDF has no pages")
    pages = [_clean_pdf_text(_newlines(text)) for text, _joined in read]
    joined = sum(j for _text, j in read)
    empty = [i + 1 for i, p in enumerate(pages) if not p.strip()]
    if len(empty) == len(pages):
        raise UnreadableFile(name, "no text layer (scanned?) — OCR it first")
    notes = []
    if empty:
        shown = ", ".join(map(str, empty[:10])) + (" …" if len(empty) > 10 else "")
        notes.append(f"{len(empty)} of {len(pages)} PDF pages have no text layer "
                     f"(scanned? OCR them first): {shown}")
    pages, dropped = _drop_page_numbers(pages)
    if dropped:
        notes.append(f"removed the printed page number of {dropped} PDF pages")
    pages, dropped = _drop_running_lines(pages)
    if dropped:
        notes.append(f"removed a running header or footer from {dropped} PDF pages")
    if joined:
        notes.append(f"joined {joined} PDF lines wrapped at the right margin into their paragraphs")
    return "\f\n".join(pages), "pdf-text", notes


_SENTENCE_END = frozenset("。！？；：!?;:…”」』")
_HEADING_START = re.compile(
    r"[ \u3000]*(?:第[一二三四五六七八九十百零〇\d]+[篇章节条]|[一二三四五六七八九十]+[、.．]"
    r"|[（(][一二三四五六七八九十\d]+[)）]|\d+[、.．](?!\d)|[①-⑳]|专栏|附件)")


def _unwrap(textpage) -> tuple[str, int]:
    """A page's text with lines that the layout wrapped joined again: a line that reaches the
    right margin without ending a sentence continues on the next line unless that one is
    indented (a new paragraph) or starts with an outline number. Uses PDFium's character
    boxes; a page whose text does not line up with them is returned as it is."""
    text = textpage.get_text_range()
    if "\r\n" not in text or len(text) != textpage.count_chars():
        return text, 0
    lines: list[tuple[int, int]] = []  # [start, end) of each line in text
    start = 0
    for m in re.finditer("\r\n", text):
        lines.append((start, m.start()))
        start = m.end()
    lines.append((start, len(text)))
    boxes: dict[int, tuple[float, float, float]] = {}  # line → (left, right, char width)
    for k, (a, b) in enumerate(lines):
        first, last = a, b - 1
        while first <= last and text[first].isspace():
            first += 1
        while last >= first and text[last].isspace():
            last -= 1
        if first > last:
            continue
        left, _, first_right, _ = textpage.get_charbox(first, loose=True)
        _, _, right, _ = textpage.get_charbox(last, loose=True)
        boxes[k] = (left, right, first_right - left)
    if len(boxes) < 3:
        return text, 0
    widths = sorted(w for _, _, w in boxes.values() if w > 0)
    em = widths[len(widths) // 2] if widths else 0
    if em <= 0:
        return text, 0
    rights = sorted((r for _, r, _ in boxes.values()), reverse=True)
    margin_right = rights[2] if len(rights) >= 20 else rights[0]  # a long page may have outliers
    if sum(1 for r in rights if r >= margin_right - 1.5 * em) < 2:
        return text, 0  # no two lines end at one margin: nothing here was wrapped
    margin_left = min(left for left, _, _ in boxes.values())
    out: list[str] = []
    joined = 0
    for k, (a, b) in enumerate(lines):
        out.append(text[a:b])
        if k + 1 == len(lines):
            break
        this, nxt = boxes.get(k), boxes.get(k + 1)
        line, following = text[a:b].rstrip(), text[lines[k + 1][0]:lines[k + 1][1]]
        if (this is not None and nxt is not None
                and this[1] >= margin_right - 1.5 * em          # reaches the right margin
                and nxt[0] < margin_left + 0.8 * em             # next line not indented
                and line[-1] not in _SENTENCE_END
                and not _HEADING_START.match(following)):
            if line[-1].isascii() and line[-1].isalnum() and following[:1].isascii() \
                    and following[:1].isalnum():
                out[-1] = line + " "
            else:
                out[-1] = line
            joined += 1
        else:
            out.append("\n")
    return "".join(out), joined


def _pdf_pages(data: bytes, name: str) -> list[tuple[str, int]]:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise UnreadableFile(name, f"broken or protected PDF: {exc}") from exc
    pages: list[tuple[str, int]] = []  # (text, wrapped lines joined)
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            try:
                textpage = page.get_textpage()
                try:
                    pages.append(_unwrap(textpage))
                finally:
                    textpage.close()
            finally:
                page.close()
    except pdfium.PdfiumError as exc:
        raise UnreadableFile(name, f"broken PDF (page {len(pages) + 1}): {exc}") from exc
    finally:
        pdf.close()
    return pages


_PAGE_NUMBER = re.compile(
    r"^[\s\-—–－~～·•]*(?:第\s*)?(\d{1,4})(?:\s*页)?"
    r"(?:\s*[/／]\s*\d{1,4}|\s*共\s*\d{1,4}\s*页)?[\s\-—–－~～·•]*$")


def _drop_page_numbers(pages: list[str]) -> tuple[list[str], int]:
    """Remove printed page numbers (— 3 —, - 3 -, 第3页, 3/20) from the first or last line of
    each page, so a paragraph cut at a page break is only split by "\f\n". A line counts only
    when the numbers follow the page order on at least two pages and half the pages with text
    (page number = page index + a constant), so a table ending in a number is left alone."""
    found: list[tuple[int, int, int]] = []  # (page, line index, printed number - page index)
    for p, page in enumerate(pages):
        lines = page.split("\n")
        filled = [i for i, line in enumerate(lines) if line.strip()]
        if not filled:
            continue
        for i in dict.fromkeys((filled[-1], filled[0])):
            m = _PAGE_NUMBER.match(lines[i])
            if m:
                found.append((p, i, int(m.group(1)) - p))
    if not found:
        return pages, 0
    offsets: dict[int, set[int]] = {}
    for p, _i, off in found:
        offsets.setdefault(off, set()).add(p)
    offset, on_pages = max(offsets.items(), key=lambda kv: len(kv[1]))
    with_text = sum(1 for page in pages if page.strip())
    if len(on_pages) < 2 or len(on_pages) * 2 < with_text:
        return pages, 0
    out = list(pages)
    done: set[int] = set()
    for p, i, off in found:
        if off == offset and p not in done:
            lines = out[p].split("\n")
            del lines[i]
            out[p] = "\n".join(lines).strip("\n")
            done.add(p)
    return out, len(done)


def _clean_pdf_text(text: str) -> str:
    # PDFium marks unmapped glyphs and soft hyphens with control or non-characters
    return "".join(ch for ch in text
                   if ch in "\t\n" or (unicodedata.category(ch) != "Cc" and ch not in "\ufffe\uffff"))


_RUNNING_MAX = 40  # characters: a running header is a short line


def _drop_running_lines(pages: list[str]) -> tuple[list[str], int]:
    """Remove a running header or footer: the same short first (or last) line, digits aside
    (株洲市人民政府公报 2021年第3期), on at least three pages and 60 % of the pages with text."""
    with_text = sum(1 for page in pages if page.strip())
    if with_text < 3:
        return pages, 0
    out = list(pages)
    dropped: set[int] = set()
    for end in (0, -1):
        places: dict[str, list[tuple[int, int]]] = {}
        for p, page in enumerate(out):
            lines = page.split("\n")
            filled = [i for i, line in enumerate(lines) if line.strip()]
            if len(filled) < 2:
                continue
            i = filled[end]
            line = lines[i].strip()
            if len(line) <= _RUNNING_MAX and "\t" not in line:
                places.setdefault(re.sub(r"\d+", "#", line), []).append((p, i))
        for found in places.values():
            if len(found) >= 3 and len(found) * 5 >= with_text * 3:
                for p, i in found:
                    lines = out[p].split("\n")
                    del lines[i]
                    out[p] = "\n".join(lines).strip("\n")
                    dropped.add(p)
    return out, len(dropped)


# ---------------------------------------------------------------------------------------------
# DOCX

def _read_docx(data: bytes, name: str) -> Decoded:
    import docx
    from docx.opc.exceptions import OpcError
    from lxml.etree import LxmlError

    if not zipfile.is_zipfile(io.BytesIO(data)):
        hint = ("an old Word .doc file; save it as .docx"
                if data.startswith(b"\xd0\xcf\x11\xe0") else "not a zip archive")
        raise UnreadableFile(name, f"not a .docx file: {hint}")
    try:
        document = docx.Document(io.BytesIO(data))
        numbers = _ListNumbers(document)
        lines = _blocks_lines(document, numbers)
    except (zipfile.BadZipFile, KeyError, ValueError, OpcError, LxmlError) as exc:
        raise UnreadableFile(name, f"not a readable .docx: {exc}") from exc
    notes = []
    if numbers.rendered:
        notes.append(f"{numbers.rendered} paragraph numbers rendered from Word's automatic "
                     "list numbering")
    return "\n".join(lines), "docx", notes


def _blocks_lines(container, numbers: _ListNumbers) -> list[str]:
    from docx.table import Table

    lines: list[str] = []
    for block in container.iter_inner_content():
        if isinstance(block, Table):
            lines.extend(_table_lines(block, numbers))
        else:
            lines.append(numbers.text(block))
    return lines


def _table_lines(table, numbers: _ListNumbers) -> list[str]:
    """One line per row, cells joined by a tab; a cell spanning columns counts once, a cell
    spanning rows repeats on each row it covers; text of nested tables is flattened."""
    lines = []
    for row in table.rows:
        cells, seen = [], None
        for cell in row.cells:
            if cell._tc is seen:
                continue
            seen = cell._tc
            parts = _blocks_lines(cell, numbers)
            cells.append(" ".join(" ".join(p.replace("\t", " ").split()) for p in parts if p.strip()))
        lines.append("\t".join(cells))
    return lines


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_CJK_COUNTING = frozenset({"chineseCounting", "chineseCountingThousand", "japaneseCounting",
                           "taiwaneseCounting", "taiwaneseCountingThousand", "koreanCounting"})
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_HEAVENLY = "甲乙丙丁戊己庚辛壬癸"
_EARTHLY = "子丑寅卯辰巳午未申酉戌亥"


def _format_number(n: int, fmt: str) -> str:
    """A list counter written in a Word number format (w:numFmt)."""
    import cn2an

    if fmt in _CJK_COUNTING:
        return cn2an.an2cn(n)
    if fmt in ("chineseLegalSimplified", "ideographLegalTraditional"):
        return cn2an.an2cn(n, "up")
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return "".join("〇一二三四五六七八九"[int(d)] for d in str(n))
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= 20:
        return _CIRCLED[n - 1]
    if fmt == "decimalEnclosedParen" and 1 <= n <= 20:
        return chr(0x2474 + n - 1)
    if fmt == "decimalEnclosedFullstop" and 1 <= n <= 20:
        return chr(0x2488 + n - 1)
    if fmt in ("ideographTraditional", "ideographEnclosedCircle") and 1 <= n <= 10:
        return _HEAVENLY[n - 1]
    if fmt == "ideographZodiac" and 1 <= n <= 12:
        return _EARTHLY[n - 1]
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return "".join(chr(ord(d) + 0xFEE0) for d in str(n))
    if fmt in ("lowerLetter", "upperLetter") and n >= 1:
        letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman") and 1 <= n < 4000:
        roman = ""
        for value, numeral in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"),
                               (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"),
                               (4, "iv"), (1, "i")):
            while n >= value:
                roman, n = roman + numeral, n - value
        return roman.upper() if fmt == "upperRoman" else roman
    if fmt == "decimalZero" and n < 10:
        return f"0{n}"
    return str(n)


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


class _ListNumbers:
    """Word's automatic list numbers (numbering.xml), rendered in reading order as Word shows
    them: a paragraph's label (一、 (一) 1. ①) is put before its text. Counters are kept per
    abstract list, so lists sharing a definition continue; a w:startOverride restarts one."""

    def __init__(self, document) -> None:
        self.rendered = 0
        self._abstract: dict[str, dict[int, dict]] = {}
        self._nums: dict[str, tuple[str, dict[int, int]]] = {}
        self._styles: dict[str, tuple[str | None, int | None]] = {}
        self._counters: dict[str, dict[int, int]] = {}
        self._started: set[str] = set()
        self._cache: dict = {}
        from docx.opc.constants import RELATIONSHIP_TYPE

        try:
            numbering = document.part.part_related_by(RELATIONSHIP_TYPE.NUMBERING).element
        except KeyError:  # no numbering part: no list numbers
            return
        links: dict[str, str] = {}
        for abstract in numbering.iterchildren(f"{_W}abstractNum"):
            aid = abstract.get(f"{_W}abstractNumId")
            self._abstract[aid] = {_int(lvl.get(f"{_W}ilvl"), 0): self._level(lvl)
                                   for lvl in abstract.iterchildren(f"{_W}lvl")}
            link = abstract.find(f"{_W}numStyleLink")
            if link is not None:
                links[aid] = link.get(f"{_W}val")
        for num in numbering.iterchildren(f"{_W}num"):
            ref = num.find(f"{_W}abstractNumId")
            if ref is None:
                continue
            starts = {}
            for override in num.iterchildren(f"{_W}lvlOverride"):
                start = override.find(f"{_W}startOverride")
                if start is not None:
                    starts[_int(override.get(f"{_W}ilvl"), 0)] = _int(start.get(f"{_W}val"), 1)
            self._nums[num.get(f"{_W}numId")] = (ref.get(f"{_W}val"), starts)
        styles = document.styles.element
        for style in styles.iterchildren(f"{_W}style"):
            num_pr = style.find(f"{_W}pPr/{_W}numPr")
            based = style.find(f"{_W}basedOn")
            self._styles[style.get(f"{_W}styleId")] = (
                based.get(f"{_W}val") if based is not None else None,
                None if num_pr is None else num_pr)
        for aid, style_id in links.items():  # a list defined by a numbering style
            num_pr = self._style_num_pr(style_id)
            num_id = num_pr[0] if num_pr else None
            if num_id in self._nums and self._nums[num_id][0] != aid:
                self._abstract[aid] = self._abstract.get(self._nums[num_id][0], {})

    @staticmethod
    def _level(lvl) -> dict:
        def val(tag: str, default: str | None) -> str | None:
            el = lvl.find(f"{_W}{tag}")
            return default if el is None else el.get(f"{_W}val", default)
        style = val("pStyle", None)
        return {"start": _int(val("start", "1"), 1), "fmt": val("numFmt", "decimal"),
                "text": val("lvlText", ""), "suff": val("suff", "tab"),
                "legal": lvl.find(f"{_W}isLgl") is not None, "style": style}

    def _style_num_pr(self, style_id: str | None) -> tuple[str, int | None] | None:
        seen = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            based, num_pr = self._styles.get(style_id, (None, None))
            if num_pr is not None:
                num_id = num_pr.find(f"{_W}numId")
                ilvl = num_pr.find(f"{_W}ilvl")
                if num_id is None:
                    return None
                return num_id.get(f"{_W}val"), (None if ilvl is None else _int(ilvl.get(f"{_W}val"), 0))
            style_id = based
        return None

    def text(self, paragraph) -> str:
        """The paragraph's text with its list label, if it has one (each paragraph once)."""
        p = paragraph._p
        if p in self._cache:
            return self._cache[p]
        text = paragraph.text
        label = self._label(p) if text.strip() else ""
        if label:
            self.rendered += 1
            text = label + text
        self._cache[p] = text
        return text

    def _label(self, p) -> str:
        num_id, ilvl = None, None
        num_pr = p.find(f"{_W}pPr/{_W}numPr")
        if num_pr is not None:
            el_id, el_lvl = num_pr.find(f"{_W}numId"), num_pr.find(f"{_W}ilvl")
            num_id = None if el_id is None else el_id.get(f"{_W}val")
            ilvl = None if el_lvl is None else _int(el_lvl.get(f"{_W}val"), 0)
        style_id = None
        style_el = p.find(f"{_W}pPr/{_W}pStyle")
        if style_el is not None:
            style_id = style_el.get(f"{_W}val")
        if num_id is None:
            found = self._style_num_pr(style_id)
            if found is None:
                return ""
            num_id, ilvl = found[0], ilvl if ilvl is not None else found[1]
        if num_id in (None, "0") or num_id not in self._nums:
            return ""
        aid, starts = self._nums[num_id]
        levels = self._abstract.get(aid, {})
        if ilvl is None:  # a style-linked level: the one naming this style, else the first
            ilvl = next((i for i, lv in levels.items() if style_id and lv["style"] == style_id), 0)
        level = levels.get(ilvl)
        if level is None or level["fmt"] in ("bullet", "none") or not level["text"]:
            return ""
        counters = self._counters.setdefault(aid, {})
        if num_id not in self._started:
            self._started.add(num_id)
            for i, start in starts.items():
                counters[i] = start - 1
                for deeper in [k for k in counters if k > i]:
                    del counters[deeper]
        counters[ilvl] = counters.get(ilvl, level["start"] - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]

        def number(match: re.Match) -> str:
            k = int(match.group(1)) - 1
            lv = levels.get(k, level)
            value = counters.get(k, lv["start"])
            return str(value) if level["legal"] and k < ilvl else _format_number(value, lv["fmt"])

        label = re.sub(r"%([1-9])", number, level["text"])
        if level["suff"] != "nothing" and label and not re.search(rf"[{_CJK}]$", label):
            label += " "
        return label


_READERS: dict[str, Callable[[bytes, str], Decoded]] = {
    ".txt": _read_text, ".md": _read_text,
    ".html": _read_html, ".htm": _read_html,
    ".pdf": _read_pdf, ".docx": _read_docx,
}
