"""`policygraph explain`: per category, what was extracted, with the quote and the rule."""
from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from policygraph.cli import app
from policygraph.ingest.explain import CATEGORIES, explain_file

DOC = """关于印发《甲市河湖保护三年行动方案（2021—2023年）》的通知
甲政办发〔2021〕8号
为贯彻落实《乙省河湖保护条例》，制定本方案。
一、主要目标
到2023年，全市森林覆盖率达到60%以上。
二、重点任务
1.推进河道清淤。（责任单位：市水利局；配合单位：市财政局）
2.整治排污口。（责任单位：市生态环境局）
3.建设生态缓冲带。（责任单位：市林业局）
"""


def _doc(tmp_path: Path) -> Path:
    path = tmp_path / "plan.txt"
    path.write_text(DOC, encoding="utf-8")
    return path


def test_findings_come_in_category_order_with_quotes_that_are_in_the_text(tmp_path: Path):
    findings = explain_file(_doc(tmp_path))
    order = [CATEGORIES.index(f.category) for f in findings]
    assert order == sorted(order)
    cats = {f.category for f in findings}
    assert {"plan_meta", "tasks", "responsibility", "indicators"} <= cats
    assert all(f.quote in DOC for f in findings if f.quote)
    resp = [f for f in findings if f.category == "responsibility"]
    assert any("市水利局" in f.what and "role=lead" in f.what for f in resp)
    assert any("role=support" in f.what for f in resp)
    assert all(f.rule for f in resp)


def test_explain_command_prints_sections_and_rules(tmp_path: Path):
    result = CliRunner().invoke(app, ["explain", str(_doc(tmp_path)), "-c", "indicators"])
    assert result.exit_code == 0, result.output
    assert "indicators" in result.output and "森林覆盖率" in result.output and "rule:" in result.output
    assert "responsibility" not in result.output


def test_explain_names_an_unreadable_file(tmp_path: Path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = CliRunner().invoke(app, ["explain", str(empty)])
    assert result.exit_code == 1
    assert "empty.txt" in result.output
