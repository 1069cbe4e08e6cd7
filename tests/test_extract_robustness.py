"""No document text makes extraction crash: genre fragments, shuffled and damaged, go through
every extractor without an exception.

Real documents arrive cut short, with unbalanced brackets, stray numerals and half-converted
characters; an exception in one extractor would lose the whole document. Hypothesis builds
documents from same-genre lines written for this test (no corpus text) and damages them.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policygraph.graph.model import Task
from policygraph.ingest.document import SourceText
from policygraph.ingest.pipeline import extract, parse

LINES = (
    "关于印发《临川市大气污染防治攻坚行动方案（2019—2021年）》的通知",
    "临政办发〔2019〕12号",
    "各县（区）人民政府，市直有关单位：",
    "为贯彻落实《省大气污染防治条例》和市委十一届五次全会精神，结合我市实际，制定本方案。",
    "一、总体要求",
    "（一）指导思想",
    "第三章 推动绿色低碳发展",
    "第二节 强化能源消费总量和强度双控",
    "专栏3 重点工程",
    "1.加快淘汰落后产能。（责任单位：市发展改革委、市工信局；配合单位：各县（区）人民政府）",
    "（2）推进燃煤锅炉整治（市生态环境局牵头，市市场监管局配合）",
    "牵头单位：市住建局",
    "配合单位：市城管局、市交通运输局等",
    "【责任单位：市农业农村局（牵头）、市水利局】",
    "市财政局要会同市发展改革委做好资金保障。",
    "到2021年，全市PM2.5平均浓度下降到38微克/立方米以下，优良天数比例达到85%以上。",
    "“十四五”期末，森林覆盖率分别达到62%、63%和64.5%。",
    "单位地区生产总值能耗比2020年下降13.5%，非化石能源占一次能源消费比重提高到20%左右。",
    "全面完成“十三五”规划确定的各项目标任务，编制“十四五”生态环境保护规划。",
    "原市环境保护局更名为市生态环境局。",
    "宁乡县撤县设市，湘江新区、金霞经开区和霞凝港区加快建设。",
    "主要指标 2020年 2025年 属性 森林覆盖率（%） 61.2 ≥62 约束性",
    "临川市人民政府办公室",
    "二〇一九年三月五日",
    "2019年3月5日",
    "首页 > 政务公开 > 文件 分享到： 责任编辑：王某 版权所有",
    "“十一四五”规划",
    "（一）（二）（三）",
    "（（责任单位：",
    "〔〔〔】】》》",
    "十四五”“十三五",
    "到20",
    "比年下降%",
    "",
)

_DAMAGE = list("（）()〔〕【】《》“”、，；：。\n 0123456789%一二三四五十〇年月日第章节条牵头配合责任单位负责")


@st.composite
def documents(draw) -> str:
    lines = draw(st.lists(st.sampled_from(LINES), min_size=1, max_size=30))
    out = []
    for line in lines:
        chars = list(line)
        for _ in range(draw(st.integers(0, 3))):
            i = draw(st.integers(0, len(chars)))
            op = draw(st.sampled_from(("insert", "delete", "replace")))
            if op == "insert":
                chars.insert(i, draw(st.sampled_from(_DAMAGE)))
            elif chars:
                j = min(i, len(chars) - 1)
                if op == "delete":
                    del chars[j]
                else:
                    chars[j] = draw(st.sampled_from(_DAMAGE))
        out.append("".join(chars))
    text = "\n".join(out)
    return text[: draw(st.integers(0, len(text)))] if draw(st.booleans()) else text


def _source(text: str) -> SourceText:
    return SourceText(file="fuzz.txt", path=Path("fuzz.txt"), text=text, encoding="utf-8", format="txt",
                      sha256=hashlib.sha256(text.encode()).hexdigest())


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_damaged_genre_text_never_crashes_an_extractor(text):
    batch = extract(parse(_source(text))).build()
    for edge in batch.edges:
        for ev in edge.evidence:
            if ev.file == "fuzz.txt":   # others cite a bundled table row
                assert text[ev.start:ev.end] == ev.quote


def test_a_five_year_ordinal_that_is_not_a_number_gives_no_period():
    """“十一四五”规划 is a typo, not a period: the plan is read, its period left empty."""
    batch = extract(parse(_source("临川市“十一四五”规划纲要\n一、总体要求\n"))).build()
    assert batch.nodes


def _broken_step(doc, out):
    out.node(Task(id="task:half-written", name="写了一半"))
    raise IndexError("list index out of range")


def test_a_failing_step_loses_only_its_own_facts_and_says_so(monkeypatch):
    from policygraph.ingest import pipeline

    monkeypatch.setenv("POLICYGRAPH_STRICT", "0")
    steps = list(pipeline.EXTRACTORS)
    steps.insert(2, ("targets", _broken_step))
    monkeypatch.setattr(pipeline, "EXTRACTORS", tuple(steps))
    text = "临川市节能工作方案\n一、重点任务\n(一)推进节能改造(责任单位:市发展改革委)\n"
    batch = extract(parse(_source(text))).build()
    assert "task:half-written" not in {n.id for n in batch.nodes}
    assert any(isinstance(n, Task) and n.name == "推进节能改造" for n in batch.nodes)
    (note,) = [w for w in batch.warnings if "failed" in w]
    assert note.startswith("the targets step failed (IndexError")


def test_in_strict_mode_a_failing_step_raises(monkeypatch):
    from policygraph.ingest import pipeline

    monkeypatch.setenv("POLICYGRAPH_STRICT", "1")
    monkeypatch.setattr(pipeline, "EXTRACTORS", (("targets", _broken_step),))
    with pytest.raises(IndexError):
        extract(parse(_source("一、重点任务\n")))
