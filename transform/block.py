"""The header block above an indicator grid → a goal table's metadata, in whatever arrangement it comes.

Labels are recognised by ``vocabulary.toml`` ``[block]``, ``[money]`` and
``[tasks]`` (folded, scored), never by position: a label's value is the
next cell to its right that is not a label, or, in a row of labels only
(``项目绩效目标 | 项目总目标 | 年度总体目标``), the cell under it. Money comes
in this year's column pair and perhaps the whole project's beside it; a
label that could be either (其他资金) belongs to the pair of its column.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

from core.text import TITLE_NUMBER
from transform.lines import Line
from transform.money import is_amount, stated_money_unit
from transform.records import DepartmentTask
from transform.vocab import fold, match, strip_notes, vocabulary

LABEL_SCORE = 0.9  # a cell is a label at this score or more: the words, or the words with a bracketed note
SCOPES = ("annual", "either", "whole")  # this year's money or goal, could be either, the whole project's
YEAR = re.compile(r"(?<!\d)(20\d{2})(?!\d)")
YEAR_NOTE = re.compile(r"^[（(]\s*20\d{2}\s*年度?\s*[)）]$")  # （2023年度） under a title
# A unit written with its code: 216101天津市…, 308101东湖区教育局, [173]中国科学院, 【173】…
UNIT_CODE = re.compile(r"^\s*(?:[\[【(（]\s*(\d{2,12})\s*[\]】)）]|(\d{3,12})(?![\d年月日.]))\s*(.*)$", re.S)


@dataclass(frozen=True)
class Label:
    """What a label cell names: ``kind`` (project, unit, money …), for money its ``slot``, and its ``scope``."""

    kind: str
    slot: str = ""
    scope: str = "either"


@dataclass(frozen=True)
class HeaderBlock:
    """A goal table's metadata as written (cleaned text), before any conversion."""

    title: str = ""
    unit_code: str | None = None
    unit_name: str | None = None
    project_name: str = ""
    money_unit: str | None = None
    budget_total: str = ""
    budget_fiscal: str = ""
    budget_carryover: str = ""
    budget_other: str = ""
    budget_executed: str = ""
    execution_rate: str = ""
    execution_weight: str = ""  # the points the budget-execution row of a self-evaluation weighs (分值) …
    execution_score: str = ""  # … and scored (得分)
    purpose: str = ""
    goal_text: str = ""
    department: bool = False
    self_evaluation: str | None = None  # the label that shows it is a self-evaluation table
    tasks: tuple[DepartmentTask, ...] = ()
    fiscal_year: int | None = None


@lru_cache(maxsize=65536)
def classify(text: str) -> Label | None:
    """The label a cell is, or None: ``其中：当年财政拨款`` → Label("money", "fiscal", "annual")."""
    folded = fold(text)
    if not folded:
        return None
    v = vocabulary()
    best: tuple[float, Label | None] = (0.0, None)
    candidates: list[tuple[tuple[str, ...], Label]] = [
        (v.block["project"], Label("project")), (v.block["unit"], Label("unit")),
        (v.block["supervisor"], Label("supervisor")), (v.block["purpose"], Label("purpose")),
        (v.block["goal_annual"], Label("goal", scope="annual")), (v.block["goal_either"], Label("goal")),
        (v.block["goal_whole"], Label("goal", scope="whole")),
        (v.block["self_evaluation"], Label("self_evaluation")), (v.tasks["block"], Label("tasks")),
        (v.block["execution_rate"], Label("execution_rate")), (v.block["execution_weight"], Label("execution_weight")),
        (v.block["execution_score"], Label("execution_score")),
        (v.block["other"], Label("other")),
        *(((words, Label("money", slot, scope)) for slot, scopes in v.money.items()
           for scope, words in scopes.items() if words)),
    ]
    for words, label in candidates:
        score = match(folded, words)
        if score > best[0]:
            best = (score, label)
    return best[1] if best[0] >= LABEL_SCORE else None


def is_department_label(text: str) -> bool:
    return match(fold(text), vocabulary().block["department"]) >= LABEL_SCORE


def is_title(text: str) -> bool:
    """True for a goal table's title or a title a goal block stands under (…绩效目标表, …申报表, …自评表)."""
    bare = strip_notes(fold(text))
    words = vocabulary().title
    return bare.endswith("表") and any(w in bare for k in ("goal", "other", "self_evaluation") for w in words[k])


def is_goal_title(text: str) -> bool:
    """True for a goal table's own title (…绩效目标表, …绩效目标填报表): seen over a table, it must give one."""
    bare = strip_notes(fold(text))
    return bare.endswith("表") and any(w in bare for w in vocabulary().title["goal"])


def split_unit(text: str) -> tuple[str | None, str | None]:
    """(code, name) of a unit cell: ``216101天津市蓟州区人民法院`` → ("216101", "天津市蓟州区人民法院"),
    ``[173]中国科学院`` → ("173", "中国科学院"), ``某市教育局`` → (None, "某市教育局")."""
    m = UNIT_CODE.match(text)
    if m is None:
        return None, text or None
    return m.group(1) or m.group(2), m.group(3).strip() or None


@dataclass
class _Money:
    slot: str
    scope: str
    col: int
    value: str


@dataclass
class _Reader:
    """Walks the block's lines once; ``result`` turns what it saw into a HeaderBlock."""

    titles: list[str] = field(default_factory=list)
    units: list[str] = field(default_factory=list)  # money units stated, in order
    unit: str | None = None
    unit_line: str | None = None
    supervisor: str | None = None
    project: str = ""
    purpose: str = ""
    goals: dict[str, str] = field(default_factory=dict)
    money: list[_Money] = field(default_factory=list)
    department: bool = False
    self_evaluation: str | None = None
    execution_rate: str = ""
    points: dict[str, str] = field(default_factory=dict)  # execution_weight / execution_score → as written
    block: Label | None = None  # the label opening the block the current row belongs to
    task_columns: dict[str, tuple[int, int]] | None = None
    tasks: list[DepartmentTask] = field(default_factory=list)

    def take_text(self, text: str, previous: str | None) -> None:
        """A text line (or one-cell row): a title, a year note under it, a unit line, a money unit."""
        unit = stated_money_unit(text)
        if unit:
            self.units.append(unit)
        if is_title(text):
            if not self.titles:
                joined = previous + text if previous and TITLE_NUMBER.match(previous) and not is_title(previous) else text
                self.titles.append(joined)
            return
        if YEAR_NOTE.match(text) and self.titles:
            self.titles.append(text)
            return
        if unit:
            who = re.sub(r"(?:金额)?单位\s*[:：]\s*\S+", "", text).strip()
            if who and self.unit_line is None and classify(who) is None:
                self.unit_line = who

    def take_row(self, line: Line, below: Line | None) -> set[int]:
        """A table row of the block; returns the indices of ``below``'s cells it took as values."""
        labels = [classify(text) if text else None for text in line.cells]
        for text, label in zip(line.cells, labels):
            if label is not None and (unit := stated_money_unit(text)):
                self.units.append(unit)
            if text and is_department_label(text):
                self.department = True
            if label is not None and (label.kind == "self_evaluation" or label.slot == "executed"):
                self.self_evaluation = self.self_evaluation or text
        if any(label is not None and label.kind == "tasks" for label in labels):
            self._start_tasks(line, labels)
            return set()
        first = labels[0] if labels else None
        if self.task_columns is not None and (first is None or first.kind == "tasks"):
            self._take_task(line)
            return set()
        self.task_columns = None
        if first is not None and not line.continued[0]:
            self.block = first
        if all(label is None for label in labels):
            self._take_plain(line)
            return set()
        return self._take_pairs(line, labels, below)

    def _take_plain(self, line: Line) -> None:
        texts = [t for t in line.cells if t]
        if any(stated_money_unit(t) for t in texts):
            for t in texts:
                if (unit := stated_money_unit(t)) is not None:
                    self.units.append(unit)
                elif self.unit_line is None:
                    self.unit_line = t
        elif self.block is not None and self.block.kind == "purpose" and texts and not line.cells[0]:
            self.purpose = self.purpose or "".join(texts)

    def _take_pairs(self, line: Line, labels: list[Label | None], below: Line | None) -> set[int]:
        taken: set[int] = set()
        only_labels = all(label is not None for text, label in zip(line.cells, labels) if text)
        for i, label in enumerate(labels):
            if label is None:
                continue
            value = None
            if i + 1 < len(labels) and labels[i + 1] is None:
                value = line.cells[i + 1]
            elif only_labels and below is not None and label.kind != "other":
                j = _under(line, i, below)
                if j is not None and classify(below.cells[j]) is None:
                    value = below.cells[j]
                    taken.add(j)
            if value is not None:
                self._take_value(label, value, line.cols[i], line)
        return taken

    def _take_value(self, label: Label, value: str, col: int, line: Line) -> None:
        if label.kind == "project":
            self.project = self.project or value
        elif label.kind == "unit" and value:
            self.unit = self.unit or value
        elif label.kind == "supervisor" and value:
            self.supervisor = self.supervisor or value
        elif label.kind == "purpose" and value:
            self.purpose = self.purpose or value
        elif label.kind == "goal" and value:
            self.goals.setdefault(label.scope, value)
        elif label.kind == "execution_rate" and value:
            self.execution_rate = self.execution_rate or value
        elif label.kind in ("execution_weight", "execution_score") and value:
            self.points.setdefault(label.kind, value)
        elif label.kind == "money" and is_amount(value):
            self.money.append(_Money(label.slot, self._scope(label, col, line), col, value))

    def _scope(self, label: Label, col: int, line: Line) -> str:
        """An either-label's scope: that of the money label above it in its column, else left of it in its row."""
        if label.scope != "either":
            return label.scope
        above = [m.scope for m in self.money if m.col == col and m.scope != "either"]
        if above:
            return above[-1]
        left = [classify(t) for t, c in zip(line.cells, line.cols) if c < col and t]
        scoped = [lab.scope for lab in left if lab is not None and lab.kind == "money" and lab.scope != "either"]
        return scoped[-1] if scoped else "either"

    def _start_tasks(self, line: Line, labels: list[Label | None]) -> None:
        self.department = True
        columns: dict[str, tuple[int, int]] = {}
        fields = vocabulary().tasks
        for i, (text, col) in enumerate(zip(line.cells, line.cols)):
            span = line.spans[i] if line.spans else 1
            folded = fold(text)
            for name in ("task", "content", "amount", "goal"):
                if name not in columns and match(folded, fields[name]) >= LABEL_SCORE:
                    columns[name] = (col, col + span)
                    break
        if "task" not in columns:  # the block label heads the task column itself: 年度主要任务 | 主要内容 | 预算金额
            first = next(i for i, label in enumerate(labels) if label is not None and label.kind == "tasks")
            span = line.spans[first] if line.spans else 1
            columns["task"] = (line.cols[first], line.cols[first] + span)
        self.task_columns = columns

    def _take_task(self, line: Line) -> None:
        values: dict[str, str] = {}
        for i, (text, col) in enumerate(zip(line.cells, line.cols)):
            span = line.spans[i] if line.spans else 1
            for name, (start, end) in (self.task_columns or {}).items():
                if text and start < col + span and col < end:
                    values[name] = values.get(name, "") + text
        if values.get("task") or values.get("content"):
            self.tasks.append(DepartmentTask(values.get("task", ""), values.get("content", ""),
                                             values.get("amount", ""), line.ref))

    def result(self) -> HeaderBlock:
        unit_text = self.unit or self.unit_line or self.supervisor
        code, name = split_unit(unit_text) if unit_text else (None, None)
        if code is None and self.supervisor and unit_text != self.supervisor:
            code = split_unit(self.supervisor)[0]
        title = "".join(self.titles)
        year = YEAR.search(title) or YEAR.search(self.project)
        return HeaderBlock(
            title=title, unit_code=code, unit_name=name, project_name=self.project,
            money_unit=self.units[0] if self.units else None,
            **{f"budget_{slot}": self._budget(slot) for slot in ("total", "fiscal", "carryover", "other", "executed")},
            execution_rate=self.execution_rate, execution_weight=self.points.get("execution_weight", ""),
            execution_score=self.points.get("execution_score", ""),
            purpose=self.purpose, goal_text=next((self.goals[s] for s in SCOPES if s in self.goals), ""),
            department=self.department, self_evaluation=self.self_evaluation, tasks=tuple(self.tasks),
            fiscal_year=int(year.group(1)) if year else None,
        )

    def _budget(self, slot: str) -> str:
        """This year's amount for ``slot``: annual labels first, then either; the whole project's only when the
        table prints nothing else."""
        scopes = ("annual", "either") if any(m.scope != "whole" for m in self.money) else ("whole",)
        for scope in scopes:
            values = [m.value for m in self.money if m.slot == slot and m.scope == scope]
            if any(values):
                return next(v for v in values if v)
        return ""


def _under(line: Line, i: int, below: Line) -> int | None:
    """The index of the cell of ``below`` that starts under cell ``i`` of ``line``."""
    start = line.cols[i]
    end = start + (line.spans[i] if line.spans else 1)
    return next((j for j, col in enumerate(below.cols) if start <= col < end and below.cells[j]), None)


def _is_text_row(line: Line) -> bool:
    """A loose text line, or a row with one filled cell that is no label and nothing merged down into it
    (a title row, a unit line; the text under layout A's 预算规模及资金用途 has that label merged beside it)."""
    if not line.in_table:
        return True
    filled = line.nonblank
    return len(filled) == 1 and not any(line.continued) and classify(filled[0]) is None


def read_block(lines: Sequence[Line]) -> HeaderBlock:
    """The metadata in a goal table's header block: ``lines`` from its title (if any) to its indicator header."""
    reader = _Reader()
    previous: str | None = None
    taken: set[int] = set()
    for k, line in enumerate(lines):
        if _is_text_row(line):
            reader.take_text(line.nonblank[0] if line.in_table else line.text, previous)
            previous = line.text
            taken = set()
            continue
        if taken:  # the values a row of labels above took are not read again
            line = _without(line, taken)
        below = lines[k + 1] if k + 1 < len(lines) and lines[k + 1].in_table else None
        taken = reader.take_row(line, below)
        previous = None
    return reader.result()


def _without(line: Line, taken: set[int]) -> Line:
    return replace(line, cells=tuple("" if j in taken else c for j, c in enumerate(line.cells)))
