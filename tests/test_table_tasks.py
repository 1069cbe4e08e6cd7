"""Rows of a 分工 table (序号 / 重点任务 / 牵头单位 / 配合单位) are tasks of their own: the row is what
the document assigns, so its task cell names the task and its owners own that task — whether
the table stands in an annex or under a heading of the text."""
from __future__ import annotations

from pathlib import Path

from policygraph.graph.model import EdgeType, Task
from policygraph.ingest.document import SourceText
from policygraph.ingest.pipeline import extract, parse

BODY = """宁远县2020年农村人居环境整治工作方案
一、工作目标
到2020年底，全县农村卫生厕所普及率达到85%以上。
二、重点任务
（一）推进厕所革命。按照群众接受、经济适用的要求推进户厕改造。
（二）治理生活污水。优先治理集镇和中心村生活污水。
三、保障措施
（一）加强组织领导。县整治办定期调度工作进展。
"""
ANNEX = """附件
重点任务分工表
序号\t工作任务\t牵头单位\t配合单位\t完成时限
1\t完成户厕改造3000户\t县农业农村局\t县卫生健康局、各乡镇人民政府\t2020年11月底前
2\t建设集镇污水处理设施。新建管网12公里\t县住房城乡建设局\t县生态环境局\t2020年12月底前
3\t开展村庄清洁行动\t县农业农村局\t各乡镇人民政府\t长期坚持
"""


def _batch(text: str):
    src = SourceText(file="t.txt", path=Path("t.txt"), text=text, encoding="utf-8", format="txt", sha256="0")
    return extract(parse(src)).build()


def _tasks(batch) -> dict[str, Task]:
    return {n.name: n for n in batch.nodes if isinstance(n, Task)}


def test_annexed_table_rows_are_the_tasks_and_unowned_headings_are_not():
    batch = _batch(BODY + ANNEX)
    tasks = _tasks(batch)
    assert set(tasks) == {"完成户厕改造3000户", "建设集镇污水处理设施", "开展村庄清洁行动"}
    assert [tasks[n].number for n in ("完成户厕改造3000户", "开展村庄清洁行动")] == ["附件.1", "附件.3"]
    owners = {(e.source, tasks_by_id(batch)[e.target].name, dict(e.props)["role"])
              for e in batch.edges if e.type is EdgeType.RESPONSIBLE_FOR}
    assert len([o for o in owners if o[1] == "完成户厕改造3000户"]) == 3
    assert any(o[1:] == ("建设集镇污水处理设施", "lead") for o in owners)


def tasks_by_id(batch) -> dict[str, Task]:
    return {n.id: n for n in batch.nodes if isinstance(n, Task)}


def test_a_row_naming_an_item_of_the_text_word_for_word_assigns_that_item():
    body = BODY.replace("（一）推进厕所革命。", "（一）完成户厕改造3000户。")
    tasks = _tasks(_batch(body + ANNEX))
    assert tasks["完成户厕改造3000户"].number == "二.(一)"      # the item of the text, not a second node
    assert "开展村庄清洁行动" in tasks


def test_a_table_under_a_heading_numbers_its_rows_under_that_heading():
    text = BODY.replace("三、保障措施", "三、任务分工\n" + ANNEX.split("重点任务分工表\n")[1] + "四、保障措施")
    tasks = _tasks(_batch(text))
    assert tasks["开展村庄清洁行动"].number == "三.3"
