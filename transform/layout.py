"""Goal tables found in a document's line stream: titles, header block, indicator rows.

One parser serves DOCX, XLSX and PDF, layout A and layout B, project and
department tables, because it keys on labels (``transform/labels.py``),
not on positions: a title ending in 绩效目标表 opens a goal table, label
cells (项目名称, 实施单位, 预算数, 绩效目标 …) fill its header, and the row
naming 一级指标/二级指标/三级指标 fixes which grid column holds which field
for the indicator rows below it, across page breaks and repeated header rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from extract.records import RawDocument
from transform import labels as L
from transform.lines import Line, document_lines
from transform.records import DepartmentTask, GoalTable, IndicatorRow

QUALITATIVE_OP = "定性"


@dataclass
class _Builder:
    """The goal table being read; becomes a frozen ``GoalTable`` when the next one starts."""

    title: str
    page: int | None
    unit_code: str | None = None
    unit_name: str | None = None
    money_unit: str = "万元"
    project_name: str = ""
    budget: dict[str, str] = field(default_factory=dict)
    purpose: str = ""
    goal_text: str = ""
    last_label: str = ""
    department: bool = False
    task_header: dict[int, str] | None = None
    tasks: list[DepartmentTask] = field(default_factory=list)
    header: dict[int, str] | None = None
    header_cells: tuple[str, ...] = ()
    rows: list[IndicatorRow] = field(default_factory=list)
    last_table: int | None = None
    last_page: int | None = None
    closed: bool = False

    def take_unit_line(self, text: str) -> bool:
        """Read `216101天津市蓟州区人民法院 单位：万元` (code, name, money unit); False when it is not one."""
        m = L.MONEY_UNIT.search(text)
        if not m:
            return False
        self.money_unit = m.group(1)
        who = (text[: m.start()] + text[m.end() :]).strip()
        if who and not self.unit_name:
            self._set_unit(who)
        return True

    def _set_unit(self, text: str) -> None:
        code = L.UNIT_CODE.match(text)
        self.unit_code, self.unit_name = (code.group(1), code.group(2) or None) if code else (None, text)

    def take_row(self, line: Line) -> None:
        if self.header is not None:
            self._take_indicator(line)
        elif (mapping := _header_map(line)) is not None:
            self.header, self.header_cells, self.task_header = mapping, line.cells, None
        elif self.task_header is not None and not _is_label_row(line):
            self._take_task(line)
        elif not self.take_unit_line(line.text):
            self._take_label_row(line)

    def _take_label_row(self, line: Line) -> None:
        cells = line.cells
        first = cells[0] if cells else ""
        rest = [c for c in cells[1:] if c]
        if first in L.TASKS or (first in L.BUDGET_BLOCK and any(c in L.TASKS for c in rest)):
            self._start_tasks(line)
            return
        if first in L.PROJECT:
            self.project_name = "".join(rest)
        elif first in L.GOAL:
            self.goal_text = _first_value(cells[1:], L.GOAL | {"总体目标", "中期目标"})
        elif first in L.PURPOSE or (not first and self.last_label in L.BUDGET_BLOCK and not _has_money_label(cells)):
            self.purpose = "".join(c for c in rest if c not in L.TOTAL)
            return
        self._take_pairs(cells)
        if first:
            self.last_label = first

    def _take_pairs(self, cells: tuple[str, ...]) -> None:
        """Label-value pairs anywhere in a row: 预算数 | 398.00 | 其中：财政资金 | 398.00, 实施单位 | X."""
        for label, value in zip(cells, cells[1:]):
            for key, names in (("total", L.TOTAL), ("fiscal", L.FISCAL), ("other", L.OTHER)):
                if label in names and key not in self.budget:
                    self.budget[key] = value
            if label in L.UNIT and value and value not in L.UNIT | L.SUPERVISOR:
                self._set_unit(value)
                self.department = self.department or label != "实施单位"

    def _start_tasks(self, line: Line) -> None:
        mapping = {col: f for c, col in zip(line.cells, line.cols) if (f := L.task_field(c))}
        self.task_header, self.department = mapping, True

    def _take_task(self, line: Line) -> None:
        values = _fields(line, self.task_header or {})
        if values.get("task") or values.get("content"):
            self.tasks.append(DepartmentTask(values.get("task", ""), values.get("content", ""),
                                             values.get("amount", ""), line.ref))

    def _take_indicator(self, line: Line) -> None:
        if line.cells == self.header_cells:  # header repeated on a new page
            return
        values = _fields(line, self.header or {})
        if not any(values.get(k) for k in ("level3", "target")):
            return
        prev = self.rows[-1] if self.rows else None
        level1 = values.get("level1") or (prev.level1 if prev else "")
        level2 = values.get("level2") or (prev.level2 if prev and not values.get("level1") else "")
        op = values.get("op", "")
        self.rows.append(
            IndicatorRow(
                level1=level1,
                level2=level2,
                level3=values.get("level3", ""),
                description=values.get("description") if "description" in (self.header or {}).values() else None,
                target_raw=(op if op != QUALITATIVE_OP else "") + values.get("target", "") + values.get("unit", ""),
                source_ref=line.ref,
                source_page=line.page,
            )
        )

    def build(self, seq: int) -> GoalTable:
        year = L.YEAR.search(self.title) or L.YEAR.search(self.project_name)
        department = self.department or bool(L.DEPARTMENT_TITLE.search(self.title))
        return GoalTable(
            seq=seq,
            title=self.title,
            unit_code=self.unit_code,
            unit_name=self.unit_name,
            money_unit=self.money_unit,
            project_name=self.project_name or _name_from_title(self.title),
            budget_total=self.budget.get("total", ""),
            budget_fiscal=self.budget.get("fiscal", ""),
            budget_other=self.budget.get("other", ""),
            purpose=self.purpose,
            goal_text=self.goal_text,
            indicators=tuple(self.rows),
            page=self.page,
            fiscal_year=int(year.group(1)) if year else None,
            kind="department" if department else "project",
            tasks=tuple(self.tasks),
        )


def _first_value(cells: tuple[str, ...], labels: set[str]) -> str:
    """The first cell after a label that is not itself a label (年度绩效目标 | 总体目标 | text …)."""
    return next((c for c in cells if c and c not in labels), "")


def _has_money_label(cells: tuple[str, ...]) -> bool:
    """True for a row of the money block (其中：财政拨款 | 180), false for the 资金用途 text under it."""
    return any(c in L.TOTAL | L.FISCAL | L.OTHER for c in cells)


def _is_label_row(line: Line) -> bool:
    first = line.cells[0] if line.cells else ""
    return first in L.GOAL | L.PROJECT | L.UNIT or _header_map(line) is not None


def _header_map(line: Line) -> dict[int, str] | None:
    """Grid column → field for an indicator header row; None when the row is not one."""
    mapping = {col: L.HEADER_FIELDS[c] for c, col in zip(line.cells, line.cols) if c in L.HEADER_FIELDS}
    return mapping if L.REQUIRED_HEADER <= set(mapping.values()) else None


def _fields(line: Line, header: dict[int, str]) -> dict[str, str]:
    """The row's cells by field, matched on grid column, or on position when the grids differ.

    A cell merged across several header columns (三级指标 and 绩效指标描述
    written once) gives its text to each field it covers.
    """
    by_col = all(col in header for col in line.cols)
    keys = list(header.values())
    spans = line.spans or (1,) * len(line.cells)
    out: dict[str, str] = {}
    for i, (text, col, span) in enumerate(zip(line.cells, line.cols, spans)):
        if by_col:
            names = [header[c] for c in range(col, col + span) if c in header]
        else:
            names = [keys[i]] if i < len(keys) else []
        for name in names:
            if text:
                out[name] = out.get(name, "") + text
    return out


def _continues(b: _Builder, line: Line, gap: list[Line]) -> bool:
    """Whether a new table carries on goal table ``b``'s indicator rows rather than starting something else.

    It does across a page break when nothing titled comes between and its rows
    have the indicator grid's number of cells; on the same page (or in a Word
    file) only when no text at all comes between.
    """
    if any(L.OTHER_TABLE_TITLE.search(g.text) for g in gap):
        return False
    if line.page is not None and b.last_page is not None and line.page > b.last_page:
        return len(line.cells) == len(b.header_cells)
    return not gap


def _name_from_title(title: str) -> str:
    """The project (or department) named in a title: `1.司法救助-2023中央绩效目标表` → `司法救助-2023中央`."""
    return L.TITLE_KIND.sub("", L.TITLE_NUMBER.sub("", title)) or title


def _title_of(pending: list[Line]) -> str | None:
    """The title that the loose text lines just read end with, joined across wrapped lines."""
    if not pending or not L.TITLE_END.search(pending[-1].text):
        return None
    start = len(pending) - 1
    while start > 0 and not L.TITLE_START.match(pending[start].text) and len(pending) - start < 3:
        start -= 1
    if not L.TITLE_START.match(pending[start].text):
        start = len(pending) - 1
    return "".join(line.text for line in pending[start:])


def parse_goal_tables(doc: RawDocument) -> tuple[GoalTable, ...]:
    """Every goal table in ``doc`` that has an indicator header, in document order.

    A title with no indicator rows after it (a table of contents entry, a
    heading in prose) is not a goal table and is dropped.
    """
    builders: list[_Builder] = []
    pending: list[Line] = []
    gap: list[Line] = []
    for line in document_lines(doc):
        if not line.in_table or (len(line.nonblank) == 1 and L.TITLE_END.search(line.text)):
            pending.append(line)
            gap.append(line)
            if (title := _title_of(pending)) is not None:
                builders.append(_Builder(title=title, page=pending[-1].page))
                pending.clear()
            elif builders and builders[-1].header is None:
                builders[-1].take_unit_line(line.text)
            continue
        pending.clear()
        current = builders[-1] if builders else None
        new_header = _header_map(line) is not None
        if current is not None and current.rows and line.table != current.last_table and not new_header:
            current.closed = current.closed or not _continues(current, line, gap)
        gap = []
        if current is None or (current.header is not None and new_header and line.cells != current.header_cells):
            current = _Builder(title="", page=line.page)
            builders.append(current)
        if current.closed:
            continue
        current.take_row(line)
        current.last_table, current.last_page = line.table, line.page
    found = [b for b in builders if b.header is not None and b.rows]
    return tuple(b.build(seq) for seq, b in enumerate(found, start=1))
