"""Readers: a file's bytes → `SourceText`, whatever the format or encoding, or a clear
`UnreadableFile` that names the file and says why.

    .txt .md     bytes → text: a byte-order mark decides (UTF-8/16/32); then strict UTF-8;
                 then charset-normalizer limited to the Chinese encodings (GB18030 ⊃ GBK ⊃
                 GB2312, Big5/CP950/Big5-HKSCS), so short texts are not misread as cp1252;
                 only then any encoding, with a warning.
    .html .htm   charset from the BOM, then <meta>, then detection as above; main text only:
                 script, style, noscript, nav, aside, form, iframe, hidden or navigation-role
                 elements, and the page's header/footer (not an article's) are dropped; block
                 elements become line breaks, a table row is one line with its cells joined by
                 "\t", entities are decoded, lines are trimmed and blank lines dropped.
    .pdf         the text layer (pypdfium2). Pages are joined with "\\f\\n", so page N is the
                 N-th "\\f\\n"-separated part and the outline can rejoin paragraphs cut at page
                 breaks. No OCR: a PDF without a text layer is unreadable (OCR it first).
    .docx        paragraphs and tables in body order (python-docx); a table row is one line,
                 its cells joined by "\\t". Headers, footers, text boxes and Word's automatic
                 list numbers are not text (the last is reported as a warning).

Line endings are normalised (\\r\\n and \\r → \\n); evidence offsets index this decoded text.
`SourceText.sha256` is the hash of the raw bytes. A reader never returns an empty text.
"""
from __future__ import annotations

import codecs
import hashlib
import io
import os
import re
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
        codec = codecs.lookup(match.encoding).name
        for narrow in _FAMILIES.get(codec, (codec,)):
            try:
                text = data.decode(narrow)
            except (UnicodeDecodeError, LookupError):
                continue
            if narrow == codec or text == data.decode(codec):
                return text, narrow
    return None


def _looks_like_text(text: str) -> bool:
    if "\x00" in text:
        return False
    bad = sum(1 for ch in text if (unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn")
                                   and ch not in _ALLOWED_CONTROLS) or ch == "\ufffd")
    return bad <= max(2, len(text) // 50)


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
         "[role=contentinfo]", "[role=search]", "[role=complementary]")
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
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return decode_bytes(data, name)
    head = data[:4096]
    m = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    if m:
        label = m.group(1).decode("ascii").strip().lower()
        codec_name = _CHARSET_ALIASES.get(label, label)
        try:
            codec = codecs.lookup(codec_name).name
        except LookupError:
            codec = None
        if codec is not None and "utf-16" not in codec and "utf-32" not in codec:
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                pass
            else:
                if codec in _FAMILIES:
                    for narrow in _FAMILIES[codec]:
                        try:
                            if data.decode(narrow) == text:
                                codec = narrow
                                break
                        except UnicodeDecodeError:
                            continue
                return text, codec, []
        text, found, notes = decode_bytes(data, name)
        why = "is unknown" if codec is None else "does not decode the file"
        return text, found, [f"declared charset {label!r} {why}; decoded as {found}", *notes]
    return decode_bytes(data, name)


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
    # depth-first walk with an explicit stack of (closing, node, in_pre, in_cell)
    stack: list[tuple[bool, object, bool, bool]] = [(False, root, False, False)]
    while stack:
        closing, node, in_pre, in_cell = stack.pop()
        tag = node.tag
        if closing:
            if tag in _BLOCKS and tag not in ("td", "th"):
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
        if tag in ("td", "th") and not in_cell:
            parts.append("\t")
        elif tag in _BLOCKS:
            parts.append(" " if in_cell else "\n")
        stack.append((True, node, in_pre, in_cell))
        child_state = (in_pre or tag in _PRE, in_cell or tag in ("td", "th"))
        for child in reversed(list(node.iter(include_text=True))):
            stack.append((False, child, *child_state))
    return _tidy_lines("".join(parts))


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

def _read_pdf(data: bytes, name: str) -> Decoded:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise UnreadableFile(name, f"broken or protected PDF: {exc}") from exc
    pages: list[str] = []
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            try:
                textpage = page.get_textpage()
                try:
                    pages.append(textpage.get_text_range())
                finally:
                    textpage.close()
            finally:
                page.close()
    except pdfium.PdfiumError as exc:
        raise UnreadableFile(name, f"broken PDF (page {len(pages) + 1}): {exc}") from exc
    finally:
        pdf.close()
    if not pages:
        raise UnreadableFile(name, "the PDF has no pages")
    pages = [_clean_pdf_text(_newlines(p)) for p in pages]
    empty = [i + 1 for i, p in enumerate(pages) if not p.strip()]
    if len(empty) == len(pages):
        raise UnreadableFile(name, "no text layer (scanned?) — OCR it first")
    notes = []
    if empty:
        shown = ", ".join(map(str, empty[:10])) + (" …" if len(empty) > 10 else "")
        notes.append(f"{len(empty)} of {len(pages)} PDF pages have no text layer "
                     f"(scanned? OCR them first): {shown}")
    return "\f\n".join(pages), "pdf-text", notes


def _clean_pdf_text(text: str) -> str:
    # PDFium marks unmapped glyphs and soft hyphens with control or non-characters
    return "".join(ch for ch in text
                   if ch in "\t\n" or (unicodedata.category(ch) != "Cc" and ch not in "\ufffe\uffff"))


# ---------------------------------------------------------------------------------------------
# DOCX

def _read_docx(data: bytes, name: str) -> Decoded:
    import docx
    from docx.opc.exceptions import OpcError
    from docx.table import Table
    from lxml.etree import LxmlError

    if not zipfile.is_zipfile(io.BytesIO(data)):
        hint = ("an old Word .doc file; save it as .docx"
                if data.startswith(b"\xd0\xcf\x11\xe0") else "not a zip archive")
        raise UnreadableFile(name, f"not a .docx file: {hint}")
    try:
        document = docx.Document(io.BytesIO(data))
        lines: list[str] = []
        numbered = 0
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                lines.extend(_table_lines(block))
            else:
                p_pr = block._p.pPr
                if p_pr is not None and p_pr.numPr is not None and block.text.strip():
                    numbered += 1
                lines.append(block.text)
    except (zipfile.BadZipFile, KeyError, ValueError, OpcError, LxmlError) as exc:
        raise UnreadableFile(name, f"not a readable .docx: {exc}") from exc
    notes = []
    if numbered:
        notes.append(f"{numbered} paragraphs use Word automatic numbering; their numbers "
                     "(一、 (一) 1. …) are not in the text")
    return "\n".join(lines), "docx", notes


def _table_lines(table) -> list[str]:
    """One line per row, cells joined by a tab; a cell spanning columns counts once, a cell
    spanning rows repeats on each row it covers; text of nested tables is flattened."""
    lines = []
    for row in table.rows:
        cells, seen = [], None
        for cell in row.cells:
            if cell._tc is seen:
                continue
            seen = cell._tc
            cells.append(_cell_text(cell))
        lines.append("\t".join(cells))
    return lines


def _cell_text(cell) -> str:
    from docx.table import Table

    parts = []
    for block in cell.iter_inner_content():
        if isinstance(block, Table):
            parts.extend(" ".join(line.split("\t")) for line in _table_lines(block))
        else:
            parts.append(block.text)
    return " ".join(p.replace("\n", " ").replace("\t", " ").strip() for p in parts if p.strip())


_READERS: dict[str, Callable[[bytes, str], Decoded]] = {
    ".txt": _read_text, ".md": _read_text,
    ".html": _read_html, ".htm": _read_html,
    ".pdf": _read_pdf, ".docx": _read_docx,
}
