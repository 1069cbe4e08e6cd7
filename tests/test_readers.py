"""Readers: every format and encoding decodes exactly, reports its encoding, and bad input is
an UnreadableFile that names the file. Fixtures are written here, in tmp_path."""
from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from policygraph.graph.errors import UnreadableFile
from policygraph.ingest import readers
from policygraph.ingest.readers import SUPPORTED_SUFFIXES, read_document

# A short scheme of the genre (written for these tests).
SCHEME = """\
江口县推进美丽乡村建设实施方案
为贯彻落实《省美丽乡村建设行动计划》，结合我县实际，制定本方案。
一、总体要求
到2025年，全县森林覆盖率达到65%以上，农村生活污水治理率达到80%。
二、主要任务
（一）改善农村人居环境。推进厕所革命和垃圾分类。（责任单位：县农业农村局，配合单位：各乡镇人民政府）
（二）发展特色产业。培育茶叶、油茶等主导产业。（责任单位：县林业局）
三、保障措施
（一）加强组织领导。成立工作领导小组，定期调度。（责任单位：县委办、县政府办）
江口县人民政府办公室　2023年3月1日
"""

SCHEME_TRADITIONAL = """\
江口縣推進美麗鄉村建設實施方案
一、總體要求
到2025年，全縣森林覆蓋率達到65%以上。
二、主要任務
（一）改善農村人居環境。（責任單位：縣農業農村局）
（二）發展特色產業。（責任單位：縣林業局）
"""


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def read(path: Path):
    return read_document(path, path.name)


# --- plain text in every encoding ------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "data", "encoding"),
    [
        pytest.param(SCHEME, SCHEME.encode("utf-8"), "utf-8", id="utf-8"),
        pytest.param(SCHEME, b"\xef\xbb\xbf" + SCHEME.encode("utf-8"), "utf-8-sig", id="utf-8-bom"),
        pytest.param(SCHEME, SCHEME.encode("gbk"), "gbk", id="gbk"),
        pytest.param(SCHEME, SCHEME.encode("gb2312"), "gbk", id="gb2312-is-gbk"),
        # 㙟 (CJK extension A) and 𠀀 (extension B) exist in GB18030 only, not in GBK
        pytest.param(SCHEME + "㙟村、𠀀镇\n", (SCHEME + "㙟村、𠀀镇\n").encode("gb18030"), "gb18030", id="gb18030"),
        pytest.param(SCHEME_TRADITIONAL, SCHEME_TRADITIONAL.encode("big5"), "big5", id="big5"),
        pytest.param(SCHEME_TRADITIONAL, SCHEME_TRADITIONAL.encode("gbk"), "gbk", id="traditional-in-gbk"),
        pytest.param(SCHEME, SCHEME.encode("utf-16"), "utf-16", id="utf-16-bom"),
        pytest.param(SCHEME, b"\xfe\xff" + SCHEME.encode("utf-16-be"), "utf-16", id="utf-16-be-bom"),
        pytest.param(SCHEME, SCHEME.encode("utf-16-le"), "utf-16-le", id="utf-16-le-no-bom"),
    ],
)
def test_text_in_each_encoding_decodes_exactly_and_reports_it(tmp_path, text, data, encoding):
    src = read(write(tmp_path, "方案.txt", data))
    assert src.text == text
    assert src.encoding == encoding
    assert src.format == "txt"
    assert src.file == "方案.txt"


@pytest.mark.parametrize("line", ["責任單位：市發改委\n", "一、總體要求\n", "工作要點\n"])
def test_short_big5_line_is_not_misread_as_gb18030(tmp_path, line):
    src = read(write(tmp_path, "short.txt", line.encode("big5")))
    assert (src.text, src.encoding) == (line, "big5")


@pytest.mark.parametrize("line", ["责任单位：市发改委\n", "一、总体要求\n", "工作要点\n"])
def test_short_gbk_line_is_not_misread_as_a_western_codepage(tmp_path, line):
    src = read(write(tmp_path, "short.txt", line.encode("gbk")))
    assert (src.text, src.encoding) == (line, "gbk")


def test_sha256_is_of_the_raw_bytes(tmp_path):
    import hashlib

    data = SCHEME.encode("gbk")
    src = read(write(tmp_path, "a.txt", data))
    assert src.sha256 == hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_line_endings_become_newlines(tmp_path, newline):
    src = read(write(tmp_path, "a.md", SCHEME.replace("\n", newline).encode("gbk")))
    assert src.text == SCHEME
    assert src.format == "md"


# --- HTML -------------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html><head><meta charset="{charset}"><title>江口县人民政府网</title>
<style>.nav {{ color: red }} p::before {{ content: "样式文字" }}</style>
<script>alert(1); var 脚本 = "脚本文字";</script></head>
<body>
<header>网站首页横幅</header>
<nav><a href="/">首页</a> | <a href="/zwgk">政务公开</a></nav>
<div class="content">
<h1>江口县推进美丽乡村建设实施方案</h1>
<p>&nbsp;&nbsp;一、总体要求</p>
<p>到2025年，森林覆盖率&gt;65%&lt;目标&gt;，&#x4E2D;&#22269;特色。</p>
<table><tr><th>任务</th><th>责任单位</th></tr>
<tr><td><p>改善人居环境</p></td><td>县农业农村局</td></tr></table>
<noscript>请启用脚本</noscript>
<form><input name="q"><button>搜索</button>搜索表单</form>
</div>
<aside>相关链接</aside>
<footer>版权所有 江口县人民政府</footer>
<script>alert(2)</script>
</body></html>
"""


def test_html_keeps_the_main_text_and_drops_page_furniture(tmp_path):
    src = read(write(tmp_path, "page.html", PAGE.format(charset="utf-8").encode("utf-8")))
    for gone in ("alert", "脚本", "样式文字", "color", "首页", "政务公开", "网站首页横幅",
                 "请启用脚本", "搜索", "相关链接", "版权所有", "江口县人民政府网"):
        assert gone not in src.text, gone
    assert src.text.splitlines() == [
        "江口县推进美丽乡村建设实施方案",
        "一、总体要求",
        "到2025年，森林覆盖率>65%<目标>，中国特色。",
        "任务\t责任单位",
        "改善人居环境\t县农业农村局",
    ]
    assert (src.format, src.encoding) == ("html", "utf-8")


def test_html_entities_are_decoded(tmp_path):
    body = "<p>甲&nbsp;乙 &lt;丙&gt; &#x4E2D; &#22269; &amp;</p>"
    src = read(write(tmp_path, "e.htm", body.encode()))
    assert src.text == "甲\u00a0乙 <丙> 中 国 &"
    assert src.format == "htm"


@pytest.mark.parametrize("meta", [
    '<meta charset="gb2312">',
    '<meta http-equiv="Content-Type" content="text/html; charset=GBK" />',
])
def test_html_charset_comes_from_meta(tmp_path, meta):
    page = PAGE.replace('<meta charset="{charset}">', meta).format()
    src = read(write(tmp_path, "gbk.html", page.encode("gbk")))
    assert (src.encoding, src.warnings) == ("gbk", ())
    assert "江口县推进美丽乡村建设实施方案" in src.text.splitlines()


def test_html_without_charset_is_detected(tmp_path):
    opencc = pytest.importorskip("opencc")
    page = opencc.OpenCC("s2tw").convert(PAGE.replace('<meta charset="{charset}">', "").format())
    src = read(write(tmp_path, "big5.html", page.encode("big5")))
    assert src.encoding == "big5"
    assert "江口縣推進美麗鄉村建設實施方案" in src.text.splitlines()


@pytest.mark.parametrize(("declared", "codec", "found"), [
    ("gb2312", "utf-8", "utf-8"),        # a site moved to UTF-8 and kept its old template
    ("iso-8859-1", "gbk", "gbk"),        # a Chinese page labelled as Western
    ("utf-8", "gbk", "gbk"),
])
def test_html_with_a_stale_charset_is_detected_with_a_warning(tmp_path, declared, codec, found):
    src = read(write(tmp_path, "stale.html", PAGE.format(charset=declared).encode(codec)))
    assert src.encoding == found
    assert "江口县推进美丽乡村建设实施方案" in src.text.splitlines()
    assert any(declared in w for w in src.warnings)


def test_html_line_broken_between_chinese_characters_is_rejoined(tmp_path):
    src = read(write(tmp_path, "b.html", "<p>江口县推进\n    美丽乡村建设 2025 年</p>".encode()))
    assert src.text == "江口县推进美丽乡村建设 2025 年"


def test_article_header_is_kept_but_site_header_dropped(tmp_path):
    page = ("<body><header>站点横幅</header><article><header><h1>关于印发实施方案的通知</h1>"
            "</header><p>正文</p></article></body>")
    src = read(write(tmp_path, "a.html", page.encode()))
    assert src.text == "关于印发实施方案的通知\n正文"


def test_layout_table_cells_are_blocks_and_data_table_rows_are_lines(tmp_path):
    page = """<body><table><tr><td>
      <h1>江口县推进美丽乡村建设实施方案</h1><p>一、总体要求</p><p>到2025年，森林覆盖率达到65%。</p>
      <table><tr><th>任务</th><th>责任单位</th></tr>
             <tr><td><p>推进厕所革命</p><p>推进垃圾分类</p></td><td>县农业农村局</td></tr></table>
      <p>二、保障措施</p></td></tr></table>
      <table><tr><td><p>三、附则</p><p>本方案自印发之日起施行。</p></td></tr></table></body>"""
    src = read(write(tmp_path, "layout.html", page.encode()))
    assert src.text.splitlines() == [
        "江口县推进美丽乡村建设实施方案", "一、总体要求", "到2025年，森林覆盖率达到65%。",
        "任务\t责任单位", "推进厕所革命 推进垃圾分类\t县农业农村局",
        "二、保障措施", "三、附则", "本方案自印发之日起施行。",
    ]


def test_table_cell_with_a_heading_is_layout(tmp_path):
    page = ("<body><table><tr><td>栏目导航</td><td><h2>关于印发实施方案的通知</h2>"
            "<p>一、总体要求</p><p>二、主要任务</p></td></tr></table></body>")
    src = read(write(tmp_path, "side.html", page.encode()))
    assert src.text.splitlines() == ["栏目导航", "关于印发实施方案的通知", "一、总体要求", "二、主要任务"]


def test_table_cell_with_a_whole_article_is_layout(tmp_path):
    paragraphs = "".join(f"<p>（{n}）加强组织领导，定期调度工作进展，确保各项任务落到实处。</p>" * 10
                         for n in "一二三")
    page = f"<body><table><tr><td>栏目</td><td>{paragraphs}</td></tr></table></body>"
    src = read(write(tmp_path, "wide.html", page.encode()))
    assert len(src.text.splitlines()) == 31


def test_html_with_only_scripts_is_unreadable(tmp_path):
    path = write(tmp_path, "空页面.html", b"<html><body><script>alert(1)</script></body></html>")
    with pytest.raises(UnreadableFile, match="空页面.html"):
        read(path)


# --- PDF --------------------------------------------------------------------------------------

def _cjk_canvas(path: Path):
    canvas = pytest.importorskip("reportlab.pdfgen.canvas")
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    return canvas.Canvas(str(path))


def test_pdf_text_layer_is_read_with_page_breaks(tmp_path):
    path = tmp_path / "方案.pdf"
    c = _cjk_canvas(path)
    lines = SCHEME.splitlines()
    for page in (lines[:5], lines[5:]):
        c.setFont("STSong-Light", 10)
        for i, line in enumerate(page):
            c.drawString(40, 800 - 16 * i, line)
        c.showPage()
    c.save()
    src = read(path)
    assert (src.format, src.encoding) == ("pdf", "pdf-text")
    first, second = src.text.split("\f\n")
    assert first.splitlines() == lines[:5]
    assert second.splitlines() == lines[5:]
    assert "\r" not in src.text


def _draw_wrapped(c, paragraphs: list[str], *, width: float = 300, size: float = 10) -> None:
    """Typeset like an official document: each paragraph's first line indented two characters,
    lines filled to the right margin, headings (一、) on their own indented line."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    c.setFont("STSong-Light", size)
    y = 800
    for para in paragraphs:
        indent, line = 2 * size, ""
        for ch in para:
            if stringWidth(line + ch, "STSong-Light", size) > width - indent:
                c.drawString(50 + indent, y, line)
                y, indent, line = y - 1.6 * size, 0, ""
            line += ch
        c.drawString(50 + indent, y, line)
        y -= 1.6 * size
    c.showPage()


WRAPPED = [
    "一、总体要求",
    "到2025年，全县森林覆盖率达到65%以上，农村生活污水治理率达到80%，农村人居环境明显改善，"
    "乡村特色产业体系基本形成（责任单位：县农业农村局、县林业局）",
    "二、主要任务",
    "（一）改善农村人居环境。推进厕所革命和垃圾分类，建立长效管护机制，加快补齐农村基础设施短板，"
    "完成农村公路提质改造100公里",
    "（二）发展特色产业。",
]


def test_pdf_lines_wrapped_at_the_margin_are_rejoined_into_paragraphs(tmp_path):
    path = tmp_path / "wrapped.pdf"
    c = _cjk_canvas(path)
    _draw_wrapped(c, WRAPPED)
    c.save()
    src = read(path)
    assert src.text.splitlines() == WRAPPED
    assert any("joined" in w for w in src.warnings)


def test_pdf_short_lines_are_not_joined(tmp_path):
    path = tmp_path / "list.pdf"
    c = _cjk_canvas(path)
    c.setFont("STSong-Light", 10)
    rows = ["序号 任务 责任单位", "1 推进厕所革命 县农业农村局", "2 推进垃圾分类 县住建局", "3 发展茶叶产业 县林业局"]
    for i, row in enumerate(rows):
        c.drawString(50, 800 - 16 * i, row)
    c.showPage()
    c.save()
    assert read(path).text.splitlines() == rows


def test_pdf_without_text_layer_says_ocr_it(tmp_path):
    path = tmp_path / "扫描件.pdf"
    c = _cjk_canvas(path)
    c.rect(100, 100, 200, 300, fill=1)
    c.showPage()
    c.save()
    with pytest.raises(UnreadableFile, match=r"扫描件\.pdf.*no text layer.*OCR"):
        read(path)


def test_pdf_with_some_pages_scanned_warns(tmp_path):
    path = tmp_path / "mixed.pdf"
    c = _cjk_canvas(path)
    c.setFont("STSong-Light", 10)
    c.drawString(40, 800, "一、总体要求")
    c.showPage()
    c.rect(100, 100, 200, 300, fill=1)
    c.showPage()
    c.save()
    src = read(path)
    assert src.text.split("\f\n") == ["一、总体要求", ""]
    assert any("no text layer" in w and "2" in w for w in src.warnings)


def test_pdf_printed_page_numbers_are_dropped_so_pages_rejoin(tmp_path):
    path = tmp_path / "numbers.pdf"
    c = _cjk_canvas(path)
    pages = [["一、总体要求", "到2025年，全县森林覆盖率达到65%以上，农村生活"],
             ["污水治理率达到80%。", "二、主要任务"],
             ["（一）改善农村人居环境。", "表1 指标", "62"]]
    for number, lines in enumerate(pages, start=3):
        c.setFont("STSong-Light", 10)
        for i, line in enumerate(lines):
            c.drawString(40, 800 - 16 * i, line)
        c.drawString(280, 30, f"— {number} —")
        c.showPage()
    c.save()
    src = read(path)
    assert src.text.split("\f\n") == ["\n".join(lines) for lines in pages]
    assert any("page number" in w for w in src.warnings)


def test_pdf_running_header_is_dropped(tmp_path):
    path = tmp_path / "gazette.pdf"
    c = _cjk_canvas(path)
    pages = [["一、总体要求"], ["二、主要任务", "（一）改善环境"], ["（二）发展产业"], ["三、保障措施"]]
    for number, lines in enumerate(pages, start=1):
        c.setFont("STSong-Light", 10)
        c.drawString(40, 820, f"江口县人民政府公报 2023年第{number}期")
        for i, line in enumerate(lines):
            c.drawString(40, 790 - 16 * i, line)
        c.showPage()
    c.save()
    src = read(path)
    assert src.text.split("\f\n") == ["\n".join(lines) for lines in pages]
    assert any("running header" in w for w in src.warnings)


def test_pdf_line_repeated_on_too_few_pages_is_kept():
    pages = ["附表\n甲", "附表\n乙", "一、总则\n丙", "二、分则\n丁", "三、附则\n戊"]
    assert readers._drop_running_lines(pages) == (pages, 0)


def test_pdf_number_lines_out_of_page_order_are_kept():
    pages = ["甲\n62", "乙\n7", "丙\n80"]
    assert readers._drop_page_numbers(pages) == (pages, 0)


@pytest.mark.parametrize("data", [b"%PDF-1.4\n1 0 obj << /Type /Catalog", b"garbage" * 50],
                         ids=["truncated", "garbage"])
def test_broken_pdf_is_unreadable_with_the_reason(tmp_path, data):
    with pytest.raises(UnreadableFile, match=r"坏文件\.pdf: broken.*PDF") as info:
        read(write(tmp_path, "坏文件.pdf", data))
    assert info.value.__cause__ is not None


def test_password_protected_pdf_is_unreadable(tmp_path):
    pytest.importorskip("reportlab")
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path / "加密.pdf"
    c = Canvas(str(path), encrypt="secret")
    c.drawString(40, 800, "Plan")
    c.showPage()
    c.save()
    with pytest.raises(UnreadableFile, match=r"加密\.pdf: broken or protected PDF.*password"):
        read(path)


def test_pdf_cut_short_is_unreadable(tmp_path):
    path = tmp_path / "whole.pdf"
    c = _cjk_canvas(path)
    c.setFont("STSong-Light", 10)
    c.drawString(40, 800, "一、总体要求")
    c.showPage()
    c.save()
    data = path.read_bytes()
    with pytest.raises(UnreadableFile, match=r"cut\.pdf: broken"):
        read(write(tmp_path, "cut.pdf", data[: len(data) // 3]))


# --- DOCX -------------------------------------------------------------------------------------

def _docx(path: Path) -> Path:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("江口县推进美丽乡村建设实施方案")
    document.add_paragraph("一、主要任务")
    table = document.add_table(rows=3, cols=3)
    rows = [("序号", "任务", "责任单位"),
            ("1", "改善农村人居环境", "县农业农村局"),
            ("2", "发展特色产业", "县林业局")]
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    document.add_paragraph("二、保障措施")
    document.save(str(path))
    return path


def test_docx_paragraphs_and_table_rows_in_body_order(tmp_path):
    src = read(_docx(tmp_path / "方案.docx"))
    assert src.text.splitlines() == [
        "江口县推进美丽乡村建设实施方案",
        "一、主要任务",
        "序号\t任务\t责任单位",
        "1\t改善农村人居环境\t县农业农村局",
        "2\t发展特色产业\t县林业局",
        "二、保障措施",
    ]
    assert (src.format, src.encoding) == ("docx", "docx")


def test_docx_merged_cells_count_once_across_and_repeat_down(tmp_path):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    table = document.add_table(rows=3, cols=3)
    table.cell(0, 0).merge(table.cell(0, 2)).text = "主要任务分工表"
    table.cell(1, 0).text = "推进厕所革命"
    table.cell(2, 0).text = "推进垃圾分类"
    table.cell(1, 1).merge(table.cell(2, 1)).text = "县农业农村局"
    table.cell(1, 2).text = "2024年"
    table.cell(2, 2).text = "2025年"
    path = tmp_path / "merged.docx"
    document.save(str(path))
    assert read(path).text.splitlines() == [
        "主要任务分工表",
        "推进厕所革命\t县农业农村局\t2024年",
        "推进垃圾分类\t县农业农村局\t2025年",
    ]


_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
OUTLINE_LIST = f"""<w:abstractNum {_W} w:abstractNumId="90">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>
    <w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>
    <w:lvlText w:val="（%2）"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
  <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="decimalEnclosedCircle"/>
    <w:lvlText w:val="%4"/><w:suff w:val="nothing"/></w:lvl>
</w:abstractNum>"""


def _numbered(paragraph, level: int, num_id: str = "90") -> None:
    from docx.oxml import parse_xml

    paragraph._p.get_or_add_pPr().append(parse_xml(
        f'<w:numPr {_W}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'))


def test_docx_automatic_list_numbers_are_rendered(tmp_path):
    docx = pytest.importorskip("docx")
    from docx.oxml import parse_xml

    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(OUTLINE_LIST))
    numbering.append(parse_xml(f'<w:num {_W} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    document.add_paragraph("江口县推进美丽乡村建设实施方案")
    for level, text in [(0, "总体要求"), (1, "指导思想"), (1, "主要目标"), (2, "森林覆盖率达到65%。"),
                        (2, "污水治理率达到80%。"), (3, "厕所革命"), (0, "主要任务"), (1, "改善人居环境")]:
        _numbered(document.add_paragraph(text), level)
    table = document.add_table(rows=2, cols=2)
    for r, task in enumerate(["推进垃圾分类", "发展特色产业"]):
        table.cell(r, 0).paragraphs[0].style = document.styles["List Number"]
        table.cell(r, 0).paragraphs[0].add_run(task)
        table.cell(r, 1).text = "县农业农村局"
    document.add_paragraph("不编号的要点", style="List Bullet")
    path = tmp_path / "numbered.docx"
    document.save(str(path))
    src = read(path)
    assert src.text.splitlines() == [
        "江口县推进美丽乡村建设实施方案",
        "一、总体要求",
        "（一）指导思想",
        "（二）主要目标",
        "1. 森林覆盖率达到65%。",
        "2. 污水治理率达到80%。",
        "①厕所革命",
        "二、主要任务",
        "（一）改善人居环境",
        "1. 推进垃圾分类\t县农业农村局",
        "2. 发展特色产业\t县农业农村局",
        "不编号的要点",
    ]
    assert any("automatic list numbering" in w for w in src.warnings)


@pytest.mark.parametrize(("n", "fmt", "written"), [
    (1, "chineseCounting", "一"), (10, "chineseCounting", "十"), (12, "chineseCountingThousand", "十二"),
    (21, "chineseCounting", "二十一"), (3, "decimalEnclosedCircle", "③"), (2, "ideographTraditional", "乙"),
    (4, "upperRoman", "IV"), (28, "lowerLetter", "bb"), (7, "decimalZero", "07"),
    (5, "decimalFullWidth", "５"), (3, "chineseLegalSimplified", "叁"), (9, "someNewFormat", "9"),
])
def test_word_number_formats(n, fmt, written):
    assert readers._format_number(n, fmt) == written


@pytest.mark.parametrize(("data", "reason"), [
    (b"PK-not-really-a-zip " * 20, "not a zip"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "old Word .doc"),
], ids=["not-zip", "old-doc"])
def test_docx_that_is_not_a_zip_is_unreadable(tmp_path, data, reason):
    with pytest.raises(UnreadableFile, match=rf"旧文件\.docx: .*{reason}"):
        read(write(tmp_path, "旧文件.docx", data))


def test_zip_that_is_not_a_word_document_is_unreadable(tmp_path):
    path = tmp_path / "other.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("hello.txt", "hi")
    with pytest.raises(UnreadableFile, match="other.docx: not a readable .docx") as info:
        read(path)
    assert info.value.__cause__ is not None


def test_empty_docx_is_unreadable(tmp_path):
    docx = pytest.importorskip("docx")
    path = tmp_path / "blank.docx"
    docx.Document().save(str(path))
    with pytest.raises(UnreadableFile, match="blank.docx: no text"):
        read(path)


# --- bad input --------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "data", "reason"), [
    ("empty.txt", b"", "empty"),
    ("blank.txt", b"  \n\r\n\t \n", "whitespace"),
    ("blank16.txt", "  \n  ".encode("utf-16"), "whitespace"),
    ("binary.txt", bytes(range(256)) * 8, "binary"),
    ("controls.txt", bytes(range(1, 9)) * 100, "binary"),
    ("image.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
    ("misnamed.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF"),
    ("empty.pdf", b"", "empty"),
    ("empty.docx", b"", "empty"),
])
def test_bad_input_is_unreadable_and_names_the_file(tmp_path, name, data, reason):
    with pytest.raises(UnreadableFile, match=reason) as info:
        read(write(tmp_path, name, data))
    assert name in str(info.value)
    assert info.value.file == name


def test_oversize_file_is_unreadable(tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "MAX_BYTES", 100)
    with pytest.raises(UnreadableFile, match=r"大文件\.txt: .*over the 100-byte limit"):
        read(write(tmp_path, "大文件.txt", SCHEME.encode()))


def test_file_at_the_size_limit_is_read(tmp_path, monkeypatch):
    data = SCHEME.encode()
    monkeypatch.setattr(readers, "MAX_BYTES", len(data))
    assert read(write(tmp_path, "ok.txt", data)).text == SCHEME


def test_size_limit_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("POLICYGRAPH_MAX_BYTES", "1234")
    assert readers._limit_from_env() == 1234
    monkeypatch.setenv("POLICYGRAPH_MAX_BYTES", "lots")
    with pytest.warns(UserWarning, match="POLICYGRAPH_MAX_BYTES"):
        assert readers._limit_from_env() == 50 * 1024 * 1024


def test_unsupported_suffix_is_unreadable(tmp_path):
    with pytest.raises(UnreadableFile, match=r"表格\.xlsx: unsupported file type '\.xlsx'"):
        read(write(tmp_path, "表格.xlsx", b"PK\x03\x04"))


def test_missing_file_is_unreadable_with_the_os_error_as_cause(tmp_path):
    with pytest.raises(UnreadableFile, match="gone.txt: cannot read") as info:
        read_document(tmp_path / "gone.txt", "gone.txt")
    assert isinstance(info.value.__cause__, FileNotFoundError)


def test_directory_is_unreadable(tmp_path):
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    with pytest.raises(UnreadableFile, match="folder.txt: cannot read"):
        read(folder)


def test_suffix_match_ignores_case(tmp_path):
    src = read(write(tmp_path, "A.TXT", SCHEME.encode("gbk")))
    assert src.format == "txt" and src.text == SCHEME


def test_supported_suffixes_each_have_a_reader():
    assert set(readers._READERS) == set(SUPPORTED_SUFFIXES)


# --- properties -------------------------------------------------------------------------------

def test_any_text_round_trips_through_utf8_and_utf16(tmp_path):
    hypothesis = pytest.importorskip("hypothesis")
    from hypothesis import strategies as st

    alphabet = st.characters(blacklist_categories=("Cs", "Cc", "Co", "Cn"), blacklist_characters="\ufeff")

    @hypothesis.settings(max_examples=60, deadline=None)
    @hypothesis.given(st.text(alphabet=alphabet, min_size=1).filter(str.strip))
    def check(text):
        for codec, data in (("utf-8", text.encode()), ("utf-16", text.encode("utf-16"))):
            src = read(write(tmp_path, "h.txt", data))
            assert src.text == text, codec
            assert src.encoding == codec

    check()


# --- the corpus -------------------------------------------------------------------------------

@pytest.mark.corpus
def test_every_corpus_file_reads_and_reports_an_encoding(corpus_dir):
    files = sorted(p for p in corpus_dir.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES)
    assert files
    for path in files:
        src = read_document(path, path.name)
        assert src.text.strip(), path.name
        assert src.encoding, path.name
        assert "\r" not in src.text, path.name


def test_html_related_links_share_bar_and_class_footer_are_page_furniture(tmp_path):
    page = """<html><body>
<div class="crumbs">首页 &gt; 政务公开 &gt; 正文</div>
<div class="article"><h1>甲县农村公路养护工作方案</h1>
<p>一、工作目标。到2025年，县道优良路率达到85%以上。（责任单位：县交通运输局）</p></div>
<div class="share-bar">分享到：微信 微博</div>
<div class="xgwz"><h3>相关链接</h3><ul><li>乙县召开农村公路现场会</li></ul></div>
<div id="related-news"><a href="/1">丙县交通运输局开展安全检查</a></div>
<div class="site-footer">主办：甲县人民政府办公室 版权所有</div>
</body></html>"""
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    text = read_document(path, "page.html").text
    assert "县道优良路率达到85%以上" in text and "甲县农村公路养护工作方案" in text
    for furniture in ("分享到", "乙县", "丙县", "版权所有", "首页"):
        assert furniture not in text


def test_a_missing_file_is_named_as_missing_not_as_an_unsupported_type(tmp_path):
    with pytest.raises(UnreadableFile, match="nothing: cannot read"):
        read_document(tmp_path / "nothing", "nothing")
