"""Goal tables found in a document's line stream: titles, header block, indicator rows.

One parser serves DOCX and PDF (and the layouts' spellings) because it keys
on labels, not on positions: a title ending in 绩效目标表 opens a goal
table, label cells (项目名称, 预算数, 绩效目标 …) fill its header, and the
row naming 一级指标/二级指标/三级指标 fixes which grid column holds which
field for the indicator rows below it, across page breaks and repeated
header rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extract.records import RawDocument
from transform.lines import Line, document_lines
from transform.records import GoalTable, IndicatorRow

TITLE = re.compile(r"^(?:(\d+)\s*[.．、]\s*)?(.*?)(?:项目支出|部门整体支出|单位整体支出)?绩效目标(?:申报)?表$")
TITLE_ENDINGS = ("绩效目标表", "绩效目标申报表")
TITLE_START = re.compile(r"^\d+\s*[.．、]")
MONEY_UNIT = re.compile(r"(?:金额)?单位[:：]\s*(万元|元)")
UNIT_CODE = re.compile(r"^(\d{6})\s*(.*)$")
YEAR = re.compile(r"(?<!\d)(20\d{2})(?!\d)")

PROJECT_LABELS = {"项目名称"}
BUDGET_BLOCK_LABELS = {"预算规模及资金用途", "项目资金（万元）", "项目资金(万元)", "资金情况"}
TOTAL_LABELS = {"预算数", "年度资金总额", "资金总额", "预算资金"}
FISCAL_LABELS = {"其中：财政资金", "财政资金", "其中：财政拨款", "财政拨款", "其中:财政资金"}
OTHER_LABELS = {"其他资金"}
PURPOSE_LABELS = {"资金用途"}
GOAL_LABELS = {"绩效目标", "年度绩效目标", "年度目标"}

HEADER_FIELDS = {
    "一级指标": "level1",
    "二级指标": "level2",
    "三级指标": "level3",
    "绩效指标描述": "description",
    "指标解释": "description",
    "指标内容": "description",
    "指标值": "target",
    "目标值": "target",
    "指标性质": "op",
    "度量单位": "unit",
    "计量单位": "unit",
}
REQUIRED_HEADER = {"level1", "level2", "level3", "target"}


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
    header: dict[int, str] | None = None
    header_cells: tuple[str, ...] = ()
    rows: list[IndicatorRow] = field(default_factory=list)

    def take_unit_line(self, text: str) -> bool:
        """Read `216101天津市蓟州区人民法院 单位：万元` (code, name, money unit); False when it is not one."""
        m = MONEY_UNIT.search(text)
        if not m:
            return False
        self.money_unit = m.group(1)
        who = (text[: m.start()] + text[m.end() :]).strip()
        if who:
            code = UNIT_CODE.match(who)
            self.unit_code, self.unit_name = (code.group(1), code.group(2) or None) if code else (None, who)
        return True

    def take_row(self, line: Line) -> None:
        if self.header is not None:
            self._take_indicator(line)
        elif _header_map(line) is not None:
            self.header, self.header_cells = _header_map(line), line.cells
        elif not self.take_unit_line(line.text):
            self._take_label_row(line)

    def _take_label_row(self, line: Line) -> None:
        cells = line.cells
        first = cells[0] if cells else ""
        rest = [c for c in cells[1:] if c]
        if first in PROJECT_LABELS:
            self.project_name = "".join(rest)
        elif first in GOAL_LABELS:
            self.goal_text = "".join(rest)
        elif first in PURPOSE_LABELS or (not first and self.last_label in BUDGET_BLOCK_LABELS):
            self.purpose = "".join(c for c in rest if c not in TOTAL_LABELS)
            return
        self._take_money_pairs(cells)
        if first:
            self.last_label = first

    def _take_money_pairs(self, cells: tuple[str, ...]) -> None:
        for label, value in zip(cells, cells[1:]):
            for key, labels in (("total", TOTAL_LABELS), ("fiscal", FISCAL_LABELS), ("other", OTHER_LABELS)):
                if label in labels and key not in self.budget:
                    self.budget[key] = value

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
        target = (op if op != "定性" else "") + values.get("target", "") + values.get("unit", "")
        self.rows.append(
            IndicatorRow(
                level1=level1,
                level2=level2,
                level3=values.get("level3", ""),
                description=values.get("description") if "description" in (self.header or {}).values() else None,
                target_raw=target,
                source_ref=line.ref,
                source_page=line.page,
            )
        )

    def build(self, seq: int) -> GoalTable:
        year = YEAR.search(self.title) or YEAR.search(self.project_name)
        return GoalTable(
            seq=seq,
            title=self.title,
            unit_code=self.unit_code,
            unit_name=self.unit_name,
            money_unit=self.money_unit,
            project_name=self.project_name or _project_from_title(self.title),
            budget_total=self.budget.get("total", ""),
            budget_fiscal=self.budget.get("fiscal", ""),
            budget_other=self.budget.get("other", ""),
            purpose=self.purpose,
            goal_text=self.goal_text,
            indicators=tuple(self.rows),
            page=self.page,
            fiscal_year=int(year.group(1)) if year else None,
        )


def _header_map(line: Line) -> dict[int, str] | None:
    """Grid column → field for an indicator header row; None when the row is not one."""
    mapping = {col: HEADER_FIELDS[c] for c, col in zip(line.cells, line.cols) if c in HEADER_FIELDS}
    return mapping if REQUIRED_HEADER <= set(mapping.values()) else None


def _fields(line: Line, header: dict[int, str]) -> dict[str, str]:
    """The row's cells by field, matched on grid column, or on position when the grids differ."""
    by_col = all(col in header for col in line.cols)
    keys = list(header.values())
    out: dict[str, str] = {}
    for i, (text, col) in enumerate(zip(line.cells, line.cols)):
        name = header.get(col) if by_col else (keys[i] if i < len(keys) else None)
        if name and text:
            out[name] = out.get(name, "") + text
    return out


def _project_from_title(title: str) -> str:
    m = TITLE.match(title)
    return m.group(2) if m else title


def _title_of(pending: list[Line]) -> str | None:
    """The title that the loose text lines just read end with, joined across wrapped lines."""
    if not pending or not pending[-1].text.endswith(TITLE_ENDINGS):
        return None
    start = len(pending) - 1
    while start > 0 and not TITLE_START.match(pending[start].text) and len(pending) - start < 3:
        start -= 1
    if not TITLE_START.match(pending[start].text):
        start = len(pending) - 1
    return "".join(line.text for line in pending[start:])


def parse_goal_tables(doc: RawDocument) -> tuple[GoalTable, ...]:
    """Every goal table in ``doc`` that has an indicator header, in document order.

    A title with no indicator rows after it (a table of contents entry, a
    heading in prose) is not a goal table and is dropped.
    """
    builders: list[_Builder] = []
    pending: list[Line] = []
    for line in document_lines(doc):
        if line.in_table:
            pending.clear()
            current = builders[-1] if builders else None
            if current is None or (current.header is not None and _header_map(line) is not None
                                   and line.cells != current.header_cells):
                current = _Builder(title="", page=line.page)
                builders.append(current)
            current.take_row(line)
            continue
        pending.append(line)
        title = _title_of(pending)
        if title is not None:
            builders.append(_Builder(title=title, page=pending[-1].page))
            pending.clear()
        elif builders and builders[-1].header is None:
            builders[-1].take_unit_line(line.text)
    found = [b for b in builders if b.header is not None and b.rows]
    return tuple(b.build(seq) for seq, b in enumerate(found, start=1))
