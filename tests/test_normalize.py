"""Normalisation: Simplified, half-width, Arabic numerals where they are quantities, offset map."""
from __future__ import annotations

import time

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from policygraph.ingest.normalize import normalise


@pytest.mark.parametrize(
    "text, expected",
    [
        # years, also with the spaces PDFs insert
        ("二〇三五年远景目标", "2035年远景目标"),
        ("二 〇 二一年七月", "2021年7月"),
        ("二〇一八年六月二十九日", "2018年6月29日"),
        ("一九九八年", "1998年"),
        ("二○一四年三月", "2014年3月"),
        ("锚定二 〇 三五远景目标", "锚定2035远景目标"),
        # quantities with units, percentages
        ("百分之十五", "15%"),
        ("百分之三点五", "3.5%"),
        ("三十万吨", "30万吨"),
        ("三万五千亩", "35000亩"),
        ("下降五个百分点", "下降5个百分点"),
        ("增长一倍", "增长1倍"),
        ("蓝天三百天", "蓝天300天"),
        ("一百零五家", "105家"),
        ("三万零五百亩", "30500亩"),
        # counted things: beds, rooms, cases, livestock
        ("新增养老床位三千张", "新增养老床位3000张"),
        ("改造教室一百二十间", "改造教室120间"),
        ("办结信访件二百件", "办结信访件200件"),
        ("出栏生猪八十万头", "出栏生猪80万头"),
    ],
)
def test_numbers_that_are_quantities_become_arabic(text, expected):
    assert normalise(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "“十四五”时期", "十三五期间", "十二五规划",
        "第一章 发展基础", "第十四个五年规划", "第二个“三年行动计划”", "三年行动计划",
        "一、指导思想", "(一)主要目标", "一带一路", "四化两型", "三量齐升", "两型社会",
        "统一、进一步、唯一、一批、一体化、一个中心", "十一届五次全会",
        "增强“四个意识”", "“三个一”", "“破零倍增”", "三四个", "七八十家", "两三年",
        "一张蓝图绘到底", "一件事一次办", "两头", "第十二条",
    ],
)
def test_fixed_terms_and_outline_numbers_stay_as_written(text):
    assert normalise(text).text == text


@pytest.mark.parametrize(
    "text, expected",
    [
        ("（一）主要目标：到２０２０年，", "(一)主要目标:到2020年,"),
        ("责任单位；共同实施单位！？％", "责任单位;共同实施单位!?%"),
        ("1．加快　建设", "1.加快 建设"),
        ("①②、。“”《》〔〕【】", "①②、。“”《》〔〕【】"),
    ],
)
def test_fullwidth_forms_become_ascii_but_chinese_punctuation_stays(text, expected):
    assert normalise(text).text == expected


@pytest.mark.parametrize(
    "traditional, simplified",
    [
        ("關於堅持生態優先綠色發展的三年行動計劃", "关于坚持生态优先绿色发展的三年行动计划"),
        ("（責任單位：省水利廳；共同實施單位：省環保廳）", "(责任单位:省水利厅;共同实施单位:省环保厅)"),
        ("長株潭兩型社會建設綜合配套改革試驗區", "长株潭两型社会建设综合配套改革试验区"),
        ("到二〇二〇年，森林覆蓋率達到百分之六十二", "到2020年,森林覆盖率达到62%"),
    ],
)
def test_traditional_and_simplified_normalise_alike(traditional, simplified):
    assert normalise(traditional).text == normalise(simplified).text == simplified


def test_offsets_point_back_to_the_original_numeral_run():
    text = "规划和二 〇 三五年远景"
    n = normalise(text)
    i = n.text.index("2035")
    s, e = n.original_span(i, i + 4)
    assert text[s:e] == "二 〇 三五"
    s, e = n.original_span(i, i + 5)
    assert text[s:e] == "二 〇 三五年"


_ALPHABET = st.sampled_from(
    list("一二三四五六七八九十百千万亿两〇○零第年月日个项%倍吨亩点之分 \n\t")
    + list("（）：；，。、“”《》①②ＡＢ１２３")
    + list("關於發展綠色環境長株潭兩型社會實施單位責任")
    + list("规划计划行动的和在是为")
)
_TEXT = st.lists(_ALPHABET, max_size=60).map("".join)


@settings(max_examples=300, deadline=None)
@given(_TEXT)
@example("於單")   # OpenCC: 於單 → 於单 → 于单
def test_normalising_twice_changes_nothing(text):
    once = normalise(text).text
    assert normalise(once).text == once


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_offsets_are_monotone_and_complete(text):
    n = normalise(text)
    offs = list(n.offsets)
    assert len(offs) == len(n.text) + 1
    assert offs[-1] == len(text)
    assert all(a <= b for a, b in zip(offs, offs[1:]))
    assert all(0 <= o <= len(text) for o in offs)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_any_text_gets_a_complete_monotone_map(text):
    n = normalise(text)
    offs = list(n.offsets)
    assert len(offs) == len(n.text) + 1 and offs[-1] == len(text)
    assert all(a <= b for a, b in zip(offs, offs[1:]))


@settings(max_examples=300, deadline=None)
@given(_TEXT, st.data())
def test_original_span_lies_within_the_original(text, data):
    n = normalise(text)
    start = data.draw(st.integers(0, len(n.text)))
    end = data.draw(st.integers(start, len(n.text)))
    s, e = n.original_span(start, end)
    assert 0 <= s <= e <= len(text)
    if end > start:
        assert e > s


def test_whole_corpus_normalises_fast(corpus_dir):
    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus_dir.glob("*.txt"))]
    normalise("预热")  # import cn2an / OpenCC once
    t0 = time.perf_counter()
    for t in texts:
        normalise(t)
    assert time.perf_counter() - t0 < 1.0


def test_a_conversion_that_changes_length_is_aligned_around_the_change():
    from policygraph.ingest.normalize import _align

    offs: list[int] = []
    _align("甲乙丙丁戊", "甲乙XYZ丁戊", 10, offs)  # 丙 → XYZ, text starting at original offset 10
    assert offs == [10, 11, 12, 12, 12, 13, 14]


def test_small_numbers_are_read_as_cn2an_reads_them():
    """The fast path for 1…9999 writes and reads numbers exactly as cn2an does; other forms
    (一十五, 两百, 五千五) are left to cn2an."""
    import cn2an

    from policygraph.ingest.normalize import _small_number, _small_text

    for n in range(1, 10000):
        text = _small_text(n)
        assert text == cn2an.an2cn(n)
        assert _small_number(text) == cn2an.cn2an(text, "smart") == n
    for other in ("一十五", "两百", "二十零", "十十", "百", "一千零零一", "五千五", "十一万三"):
        assert _small_number(other) is None


# ---------------------------------------------------------------------------- hard wraps

_PARA = ("为持续改善全市生态环境质量，统筹推进污染防治、生态保护和应对气候变化，根据上级部署，"
         "结合本市实际，编制本规划，规划期为五年，基准年为上一规划的末年。")


def _wrapped(paragraph: str, width: int = 26) -> str:
    """A paragraph laid out the way PDF text comes out: a line break every `width` characters."""
    return "\n".join(paragraph[i:i + width] for i in range(0, len(paragraph), width))


def test_hard_wrapped_lines_are_joined_inside_sentences_only():
    text = "\n".join([
        "第一章 总体要求",
        _wrapped(_PARA * 3),
        "（一）主要目标",
        _wrapped("到2025年，细颗粒物浓度下降到每立方米三十微克以下，优良天数比例达到百分之九十以上，" * 3),
        "第二章 重点任务",
    ])
    n = normalise(text)
    lines = n.text.split("\n")
    assert lines[0] == "第一章 总体要求" and lines[2] == "(一)主要目标" and lines[-1] == "第二章 重点任务"
    assert len(lines) == 5                       # the paragraphs are one line each again
    assert "\n" not in lines[1] and lines[1].endswith("。")
    start = n.text.index("编制本规划")
    quote = text[slice(*n.original_span(start, start + 5))]   # evidence keeps the original break
    assert quote.replace("\n", "") == "编制本规划" and "\n" in quote


def test_a_wrap_inside_a_title_or_bracket_is_joined_in_any_text():
    text = ("根据《某某省国民经济和社会发展第十四个五年规\n划纲要》，制定本方案。\n"
            "（一）推进节水改造。（责任单位：市水利局、市财\n政局）\n")
    n = normalise(text)
    assert "《某某省国民经济和社会发展第十四个五年规划纲要》" in n.text
    assert "(责任单位:市水利局、市财政局)" in n.text
    assert n.text.count("\n") == 2


def test_text_written_one_paragraph_per_line_keeps_its_lines():
    text = "\n".join(["一、指导思想", _PARA, "二、主要任务", _PARA[:40] + "，", _PARA, "三、保障措施"] * 3)
    assert normalise(text).text.count("\n") == text.count("\n")


@pytest.mark.parametrize("name", ["三台县", "五台山", "七台河市", "九台区", "三元区", "五家渠市"])
def test_place_names_that_open_with_a_numeral_and_a_unit_stay_as_written(name):
    assert normalise(f"{name}生态环境局要加强监管").text.startswith(name)


@pytest.mark.parametrize("text, expected", [("新增三台锅炉", "新增3台锅炉"), ("培育三家企业", "培育3家企业"),
                                            ("建设三个县级中心", "建设3个县级中心"),
                                            ("培育五家市级龙头企业", "培育5家市级龙头企业"),
                                            ("新建三家乡镇卫生院", "新建3家乡镇卫生院")])
def test_the_same_units_still_count_things(text, expected):
    assert normalise(text).text == expected


def test_no_division_of_the_gazetteer_is_read_as_a_quantity():
    from policygraph.ingest.gazetteer import all_divisions

    names = [d.name for d in all_divisions() if d.name[:1] in "一二三四五六七八九"]
    assert len(names) > 20
    for name in names:
        assert normalise(f"{name}新增三台锅炉").text == f"{name}新增3台锅炉", name
