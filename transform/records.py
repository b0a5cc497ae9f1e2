"""Records and frame schemas that leave transform/.

A layout parser turns a ``RawDocument`` into ``GoalTable`` records (strings
as written, cleaned); ``normalize`` turns those into two typed polars
frames whose columns are the contract's, keyed by the table's ``seq``
within its document (the warehouse adds document and table ids).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

MONEY = pl.Decimal(18, 4)


@dataclass(frozen=True)
class IndicatorRow:
    """One indicator row as written (cleaned text), with where it was read; ``level2`` is None in a two-level grid."""

    level1: str
    level2: str | None
    level3: str
    description: str | None
    target_raw: str
    source_ref: str
    source_page: int | None = None


@dataclass(frozen=True)
class DepartmentTask:
    """One row of a department table's 年度主要任务 block, as written."""

    task: str
    content: str
    amount: str
    source_ref: str


@dataclass(frozen=True)
class GoalTable:
    """One goal table as written: one project, or one whole department.

    Budget amounts are the strings as written, this year's (年度资金总额, not
    the whole project's); ``money_unit`` is the unit the table states (元,
    千元, 万元, 亿元), None when it states none.
    """

    seq: int
    title: str
    unit_code: str | None
    unit_name: str | None
    money_unit: str | None
    project_name: str
    budget_total: str
    budget_fiscal: str
    budget_other: str
    purpose: str
    goal_text: str
    indicators: tuple[IndicatorRow, ...]
    page: int | None = None
    fiscal_year: int | None = None
    kind: str = "project"
    tasks: tuple[DepartmentTask, ...] = ()
    budget_carryover: str = ""


GOAL_TABLES_SCHEMA: dict[str, pl.DataType] = {
    "seq": pl.Int32(),
    "page": pl.Int32(),
    "unit_code": pl.String(),
    "unit_name": pl.String(),
    "fiscal_year": pl.Int32(),
    "project_name": pl.String(),
    "budget_total": MONEY,
    "budget_fiscal": MONEY,
    "budget_other": MONEY,
    "purpose": pl.String(),
    "goal_text": pl.String(),
    "kind": pl.String(),
    "fund_source": pl.String(),
    "project_base_name": pl.String(),
    "budget_carryover": MONEY,
    "money_unit": pl.String(),
}

INDICATORS_SCHEMA: dict[str, pl.DataType] = {
    "seq": pl.Int32(),
    "row_no": pl.Int32(),
    "level1": pl.String(),
    "level2": pl.String(),
    "level3": pl.String(),
    "description": pl.String(),
    "target_raw": pl.String(),
    "target_op": pl.String(),
    "target_value": pl.Float64(),
    "target_value_max": pl.Float64(),
    "target_unit": pl.String(),
    "level1_std": pl.String(),
    "level2_std": pl.String(),
    "is_quantitative": pl.Boolean(),
    "source_page": pl.Int32(),
    "source_ref": pl.String(),
    "target_value_std": pl.Float64(),
    "target_unit_std": pl.String(),
    "indicator_key": pl.String(),
    "target_flags": pl.String(),
}

DEPARTMENT_TASKS_SCHEMA: dict[str, pl.DataType] = {
    "seq": pl.Int32(),
    "row_no": pl.Int32(),
    "task": pl.String(),
    "content": pl.String(),
    "amount": MONEY,
    "source_ref": pl.String(),
}

DQ_ISSUES_SCHEMA: dict[str, pl.DataType] = {
    "seq": pl.Int32(),
    "row_no": pl.Int32(),
    "rule": pl.String(),
    "severity": pl.String(),
    "message": pl.String(),
}


@dataclass(frozen=True)
class Frames:
    """The normalized content of one document: goal tables and indicators, joined on ``seq``."""

    goal_tables: pl.DataFrame
    indicators: pl.DataFrame
    department_tasks: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(schema=DEPARTMENT_TASKS_SCHEMA))

    @property
    def n_tables(self) -> int:
        return self.goal_tables.height
