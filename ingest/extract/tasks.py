"""Tasks: one Task node per outline item, PART_OF its parent item (or its plan at the top).

Reads `doc.sections` (ingest/outline.py) and `doc.plans` (set by the metadata step, which runs
first). A Task's `name` is the item's title, `number` its outline path (二.(一).1), `text`,
`start`, `end` its own span in the original text: the heading and the body up to its first
sub-item (sub-items are Tasks of their own), cut at the end of its plan.

Two genre rules (docs/decisions/0007-outline-and-tasks.md):
- A task-assignment list. When a file has at least three items that carry their own
  responsibility note — a bracket in any style, (责任单位:…) 〔牵头单位:…〕 【责任单位:…】
  (市发改委牵头,市财政局配合), or a label after the item's text or on its own line
  (…。责任单位:市发改委 / 牵头单位:X⏎配合单位:Y), or a sentence that does nothing but name
  owners (…。X牵头,Y、Z配合,各乡镇负责组织实施。 / 由X负责。 / X负责。 / 各市政府落实。 /
  此项工作由X会同Y组织实施。, as county documents write them without a bracket; it does not
  split an item) — the file is read as a 任务分工
  list: the tasks are the items that name an owner, by such a note or in prose (区环保局负责…, 由X牵头…,
  县财政局要…, read by ingest/extract/responsibility.py); the other headings stay outline only,
  and a task is PART_OF the nearest enclosing task, or of its plan. Prose alone never makes a
  file a task list (ordinary plans name an owner now and then).
- One item, several owners. An item whose own text holds two or more sentences each closed by
  a responsibility note (…(责任单位:省水利厅;…)。出台…条例(责任单位:…)。) is split into
  tasks 45a, 45b, … one per note.
- A 分工 table's rows are tasks. A table whose header names a task column and role columns
  (序号 / 重点任务 / 牵头单位 / 配合单位), in an annex or under a heading, assigns each row's task:
  the row is a Task of its own (its title cell up to the first 。, number 附件.N or the heading's
  path .N), unless its task cell repeats an item of the text word for word, which then is the
  task. Rows count as owned items, so a document whose owners live only in such a table keeps
  the rows and drops its unowned headings (three blind annotators did so; docs/evaluation.md).
- A box is an aside. The numbered items inside a 专栏 (its projects, its figures) are the box's
  content, not tasks, unless one carries its own responsibility note; the box itself is a task.
- Owner lines after the last sub-item (5.整治…⏎(1)…⏎(2)…⏎(3)…⏎牵头单位:X⏎配合单位:Y, or an owner
  sentence X牵头,Y配合。 that opens with a lead) belong to the item, not to (3): the item's span then runs to the end of those lines, its sub-items stay
  without a note (and so are no tasks in a task list) — read so only when the item has text of
  its own, no other sub-item carries a note, and the lines are nothing but notes.
Responsibility edges are not made here (ingest/extract/responsibility.py reads the notes in
each Task's span).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from policygraph.graph.model import EdgeType, Label, Node, Task, match_key, node_id

from ..document import BatchBuilder, ParsedDoc, Section
from ..outline import RESPONSIBILITY_BRACKET, TITLE_STOP
from .agencies import debris_spans
from .responsibility import ANNEX, OWNER_CLAUSE, find_assignments, owner_sentences, table_rows

__all__ = ["extract", "task_items", "TaskItem", "MIN_ASSIGNED_ITEMS"]

MIN_ASSIGNED_ITEMS = 3
# a responsibility note written as a label, on its own line or after the item's last sentence:
# 责任单位:市发改委 / …提标改造。牵头单位:市水利局;配合单位:市财政局 (the lead label opens it)


def _spaced(*words: str) -> str:
    """Alternation of words that tolerates a line wrap between their characters (PDF text)."""
    return "(?:" + "|".join(r"\s*".join(w) for w in words) + ")"


_RESP_LABEL = re.compile(r"(?:^|(?<=[。;!?\s]))[ \t]*" + _spaced("责任", "牵头", "主责", "主办", "负责") + r"\s*"
                         + _spaced("单位", "部门", "主体", "处室") + r"[ \t]*:", re.M)
_NOTE_END = re.compile(r"[。\n]")
_BETWEEN_NOTES = " \t\n;,。"
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_MAX_NAME = 80


@dataclass(frozen=True, slots=True)
class TaskItem:
    """A task read from the outline: what becomes one Task node (offsets in the original)."""

    section: int          # index into doc.sections
    number: str           # outline path, 45a for a split item
    title: str
    start: int
    title_end: int
    end: int
    parent_section: int | None   # the enclosing section that is itself a task, if any
    row: bool = False            # a row of a 分工 table naming a task of its own


def _own_span(doc: ParsedDoc, k: int, children: dict[int, list[int]]) -> tuple[int, int]:
    """The section's heading and body up to its first sub-item (original offsets)."""
    s = doc.sections[k]
    end = s.end
    kids = children.get(k)
    if kids:
        end = min(end, doc.sections[kids[0]].start)
    plan = doc.plan_at(s.start)
    if plan is not None and plan.start <= s.start < plan.end:
        end = min(end, plan.end)
    text = doc.text
    while end > s.start and text[end - 1].isspace():
        end -= 1
    return s.start, max(end, s.title_end)


def _owner_notes(doc: ParsedDoc, start: int, end: int) -> list[tuple[int, int]]:
    """Normalised spans of the responsibility notes in original [start, end): brackets in any
    style ((…) 〔…〕 【…】 […]) and lead labels, each to the end of its line or sentence
    (牵头单位:X⏎配合单位:Y is one note: a support label never opens one)."""
    ns, ne = doc.norm.normalised_index(start), doc.norm.normalised_index(end)
    text = doc.norm.text
    notes = [(ns + m.start(), ns + m.end()) for m in RESPONSIBILITY_BRACKET.finditer(text[ns:ne])]
    for m in _RESP_LABEL.finditer(text, ns, ne):
        at = m.end() - len(m.group().lstrip())
        if any(s <= at < e for s, e in notes):
            continue  # a label inside a bracket
        stop = _NOTE_END.search(text, m.end(), ne)
        notes.append((at, stop.start() if stop else ne))
    merged: list[tuple[int, int]] = []
    for s, e in sorted(notes):
        if merged and not text[merged[-1][1]:s].strip(_BETWEEN_NOTES):
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))  # (牵头单位:A)(配合单位:B): one note
        else:
            merged.append((s, e))
    return merged


def _rstrip(doc: ParsedDoc, start: int, end: int) -> int:
    while end > start and doc.text[end - 1].isspace():
        end -= 1
    return end


def _trailing_notes(doc: ParsedDoc, children: dict[int, list[int]],
                    spans: list[tuple[int, int]]) -> dict[int, tuple[int, int]]:
    """Owner lines written after an item's last sub-item belong to the item:
    5.整治…⏎(1)…⏎(2)…⏎(3)…⏎牵头单位:X⏎配合单位:Y — X and Y own 5, not (3). Read so when the
    last sub-item has no sub-items of its own, the note stands on lines of its own at the end of
    that sub-item's span, and no other sub-item carries a note (sub-items each with their own
    note are tasks of their own). Original (start, end) of the note, by parent section."""
    def subtree(k: int) -> list[int]:
        return [k] + [d for c in children.get(k, []) for d in subtree(c)]

    out: dict[int, tuple[int, int]] = {}
    for parent, kids in children.items():
        last = kids[-1]
        p_start, p_end = spans[parent]
        if len(kids) < 2 or children.get(last) or not doc.text[doc.sections[parent].title_end:p_end].strip():
            continue            # a heading line alone (一、重点任务) is no item the note could close
        if _assigned(doc, p_start, p_end) or \
                any(_assigned(doc, *spans[d]) for k in kids[:-1] for d in subtree(k)):
            continue
        start, end = spans[last]
        ns, ne = doc.norm.normalised_index(start), doc.norm.normalised_index(end)
        text = doc.norm.text
        # the first line (after the sub-item's own first line) from which only note lines follow
        lines, pos = [], ns
        for ln in text[ns:ne].split("\n"):
            lines.append((pos, ln))
            pos += len(ln) + 1
        at = None
        for k in range(len(lines) - 1, 0, -1):
            body = lines[k][1].strip()
            if not body:
                continue
            if not (_NOTE_LINE.match(body) or _owner_line(text, lines[k][0], lines[k][0] + len(lines[k][1]))):
                break
            at = lines[k][0] + len(lines[k][1]) - len(lines[k][1].lstrip())
        if at is None or not (_LEAD_IN.match(text, at, ne) or _owner_line(text, at, ne, lead=True)):
            continue            # a note opens with its lead label (a support label never does)
        o_at, _ = doc.norm.original_span(at, at)
        out[parent] = (o_at, end)
    return out


# a line of a responsibility note, lead or support (牵头单位: / 配合单位: / 协助单位: …), bare or
# in a bracket ((牵头单位:X;配合单位:Y))
_ANY_LABEL = re.compile(_spaced("责任", "牵头", "主责", "主办", "负责", "配合", "协助", "协办", "参与", "协同", "共同实施")
                        + r"\s*" + _spaced("单位", "部门", "主体", "处室") + r"\s*:")
_NOTE_LINE = re.compile(r"[(〔【\[]?\s*" + _ANY_LABEL.pattern)
_LEAD_IN = re.compile(r"[(〔【\[]?\s*" + _spaced("责任", "牵头", "主责", "主办", "负责"))


def _owner_line(text: str, start: int, end: int, lead: bool = False) -> bool:
    """text[start:end] (a line, or lines from `start`) holds nothing but owner sentences
    (县A局牵头,县B局配合。); with `lead`, the first of them opens with a lead (牵头/负责), not 配合."""
    found = owner_sentences(text, start, end)
    if not found or text[start:found[0][0]].strip(" \t\n。;"):
        return False
    if any(text[a[1]:b[0]].strip(" \t\n。;") for a, b in zip(found, found[1:])) or \
            text[found[-1][1]:end].strip(" \t\n。;"):
        return False
    if lead:
        first = text[found[0][0]:found[0][1]].split(",")[0]
        m = OWNER_CLAUSE.fullmatch(first)
        return bool(m) and not re.search(r"配合|协助|参与", m["verb"])
    return True


def _assigned(doc: ParsedDoc, start: int, end: int) -> bool:
    """The item carries its own responsibility note: a bracket, a label, or a sentence that
    only names owners (…。X牵头,Y配合。 / 由X负责。)."""
    if _owner_notes(doc, start, end):
        return True
    ns, ne = doc.norm.normalised_index(start), doc.norm.normalised_index(end)
    return bool(owner_sentences(doc.norm.text, ns, ne))


def _owned_in_prose(doc: ParsedDoc, start: int, end: int) -> bool:
    """The item's own text names an owner in prose — 区环保局负责统筹协调…, 由市发改委牵头…,
    县财政局要将…纳入预算 — as the responsibility extractor reads it (table rows aside)."""
    ns, ne = doc.norm.normalised_index(start), doc.norm.normalised_index(end)
    return any(not a.task_title and not a.rule.startswith("table")
               for a in find_assignments(doc.norm.text[ns:ne]))


def _title_at(doc: ParsedDoc, ns: int, ne: int) -> tuple[int, int]:
    """Original span of the first clause in normalised [ns, ne), skipping leading punctuation."""
    text = doc.norm.text
    while ns < ne and (text[ns].isspace() or text[ns] in "。,;:、"):
        ns += 1
    m = TITLE_STOP.search(text, ns, ne)
    te = m.start() if m else ne
    return doc.norm.original_span(ns, max(te, ns))


def _split(doc: ParsedDoc, s: Section, start: int, end: int, parent: int | None, k: int) -> list[TaskItem]:
    """One item per responsibility note when the item holds two or more of them."""
    brackets = _owner_notes(doc, start, end)
    if not 2 <= len(brackets) <= len(_LETTERS):
        return [TaskItem(k, s.path, s.title, start, s.title_end, end, parent)]
    items = []
    ntext = doc.norm.text
    seg_start = doc.norm.normalised_index(start)
    for i, (bs, be) in enumerate(brackets):
        seg_end = be + 1 if be < len(ntext) and ntext[be] == "。" else be
        if i == len(brackets) - 1:
            seg_end = doc.norm.normalised_index(end)
        o_start, o_end = doc.norm.original_span(seg_start, seg_end)
        if i == 0:
            title, t_end = s.title, s.title_end
            o_start = start
        else:
            t_start, t_end = _title_at(doc, seg_start, bs)
            title = doc.text[t_start:t_end].strip()
            o_start = t_start
        if title:
            items.append(TaskItem(k, f"{s.path}{_LETTERS[i % 26]}", title, o_start, max(t_end, o_start),
                                  max(o_end, t_end), parent))
        seg_start = seg_end
    return items


def task_items(doc: ParsedDoc) -> list[TaskItem]:
    """The tasks of a document, in reading order (see the module docstring for the rules)."""
    sections = doc.sections
    children: dict[int, list[int]] = {}
    for k, s in enumerate(sections):
        if s.parent is not None:
            children.setdefault(s.parent, []).append(k)
    spans = [_own_span(doc, k, children) for k in range(len(sections))]
    for parent, note in _trailing_notes(doc, children, spans).items():
        last = children[parent][-1]
        spans[last] = (spans[last][0], _rstrip(doc, spans[last][0], note[0]))
        spans[parent] = (spans[parent][0], note[1])
    rows = _table_tasks(doc)
    assigned = [_assigned(doc, *spans[k]) for k in range(len(sections))]
    own_rows: list[_Row] = []
    for r in rows:   # a row repeating an item of the text by title assigns that item
        k = _section_titled(sections, r.title)
        if k is not None:
            assigned[k] = True
        else:
            own_rows.append(r)
    only_assigned = sum(assigned) + len(own_rows) >= MIN_ASSIGNED_ITEMS
    if only_assigned:
        # in a task list an item whose owner is named in prose is assigned too (市医保局负责…)
        assigned = [a or _owned_in_prose(doc, *spans[k]) for k, a in enumerate(assigned)]

    in_box = [_inside_box(sections, k) for k in range(len(sections))]
    is_task = [(not only_assigned or assigned[k]) and bool(sections[k].title.strip())
               and (not in_box[k] or assigned[k])
               for k in range(len(sections))]
    items: list[TaskItem] = []
    for k, s in enumerate(sections):
        if not is_task[k]:
            continue
        parent = s.parent
        while parent is not None and not is_task[parent]:
            parent = sections[parent].parent
        items.extend(_split(doc, s, *spans[k], parent, k))
    for r in own_rows:
        k = _section_at(doc, r.start)
        parent = k
        while parent is not None and not is_task[parent]:
            parent = sections[parent].parent
        number = f"{_row_prefix(doc, k, r.start)}.{r.number}" if r.number else _row_prefix(doc, k, r.start)
        items.append(TaskItem(-1 if k is None else k, number, r.title, r.start, r.title_end, r.end, parent,
                              row=True))
    items.sort(key=lambda i: i.start)
    return items


@dataclass(frozen=True, slots=True)
class _Row:
    """A row of a 分工 table that names a task (original offsets)."""

    start: int
    end: int
    title_end: int
    number: str    # the row's 序号, if it has one
    title: str


_ROW_NUMBER = re.compile(r"\s*(\d{1,3})[\s.、]")


def _table_tasks(doc: ParsedDoc) -> list[_Row]:
    """The rows of the document's 分工 tables (序号 / 重点任务 / 牵头单位 / 配合单位 …) that name a task:
    the task is the title cell up to its first 。 (重污染天气应急应对。修订应急预案… → 重污染天气应急应对)."""
    text = doc.norm.text
    out: list[_Row] = []
    for (ns, ne), title, (ts, te) in table_rows(text, debris_spans(doc)):
        m = TITLE_STOP.search(text, ts, te)
        name_end = m.start() if m else te
        if not title or name_end <= ts:
            continue
        start, end = doc.norm.original_span(ns, ne)
        t_start, t_end = doc.norm.original_span(ts, name_end)
        num = _ROW_NUMBER.match(text, ns)
        out.append(_Row(start, end, t_end, num[1] if num and num.end() <= ts + 1 else "",
                        doc.text[t_start:t_end].strip()))
    if any(r.number for r in out):   # in a numbered table a row without its 序号 is a wrapped cell
        out = [r for r in out if r.number]
    return out


def _section_titled(sections: list[Section], title: str) -> int | None:
    """The outline item whose title is the row's task, word for word (a row that only restates
    an item is a task of its own: annotators take the row's wording)."""
    key = match_key(title)
    if len(key) < 2:
        return None
    for k, s in enumerate(sections):
        if match_key(s.title) == key:
            return k
    return None


def _section_at(doc: ParsedDoc, offset: int) -> int | None:
    """The deepest outline item whose range holds the original offset."""
    best = None
    for k, s in enumerate(doc.sections):
        if s.start <= offset < s.end and (best is None or s.depth >= doc.sections[best].depth):
            best = k
    return best




def _row_prefix(doc: ParsedDoc, k: int | None, offset: int) -> str:
    """Where a row stands, as the start of its number: the annex (附件) when an annex heading
    comes between its outline item and the row, else that item's path."""
    since = doc.sections[k].start if k is not None else 0
    if any(since <= m.start() < offset for m in ANNEX.finditer(doc.text, since, offset)):
        return "附件"
    return doc.sections[k].path if k is not None else "表"


def _inside_box(sections: list[Section], k: int) -> bool:
    """Whether item k is numbered inside a box (专栏N): the projects or figures a box lists are
    the box's content, not items of the plan's outline."""
    parent = sections[k].parent
    while parent is not None:
        if sections[parent].kind == "box":
            return True
        parent = sections[parent].parent
    return False


_CJK_GAP = re.compile(r"(?<=[^\x00-\x7f])\s+(?=[^\x00-\x7f])|(?<=[^\x00-\x7f])\s+(?=\w)|(?<=\w)\s+(?=[^\x00-\x7f])")


def _name(title: str) -> str:
    """The title as a name: PDF spaces between Chinese characters and page breaks removed
    (“ 十四五 ” 规划目标 → “十四五”规划目标), other runs of spaces made one, long ones cut."""
    name = " ".join(_CJK_GAP.sub("", title).split())
    if len(name) > _MAX_NAME:
        cut = max(name.rfind(c, 0, _MAX_NAME) for c in ",，、")
        name = name[:cut] if cut > 10 else name[:_MAX_NAME]
    return name


def extract(doc: ParsedDoc, out: BatchBuilder) -> None:
    """Add a Task per outline item and its PART_OF edge (to the parent task or the plan)."""
    by_section: dict[int, Node] = {}
    for item in task_items(doc):
        span = doc.plan_at(item.start)
        plan_id = span.plan.id if span is not None else None
        name = _name(item.title)
        task = Task(
            id=node_id(Label.TASK, plan_id, item.number, name),
            name=name,
            number=item.number,
            text=doc.text[item.start:item.end],
            plan_id=plan_id,
            source_file=doc.file,
            start=item.start,
            end=item.end,
        )
        parent: Node | None = by_section.get(item.parent_section) if item.parent_section is not None else None
        if parent is None and span is not None:
            parent = out.get(span.plan.id) or span.plan
        task = out.node(task)
        if not item.row and item.section not in by_section:
            by_section[item.section] = task
        if parent is None:
            continue
        heading_end = item.title_end if item.title_end > item.start else item.end
        rule = "table_row" if item.row else f"outline:{doc.sections[item.section].kind}"
        out.link(task, parent, EdgeType.PART_OF, doc.evidence(item.start, heading_end), rule=rule, category="tasks")
