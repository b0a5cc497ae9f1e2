"""Records and frame schemas that leave transform/.

A layout parser turns a ``RawDocument`` into ``GoalTable`` records (strings
as written, cleaned); ``normalize`` turns those into two typed polars
frames whose columns are the contract's, keyed by the table's ``seq``
within its document (the warehouse adds document and table ids). The
frames' schemas are not written here but made from ``core.contract``, the
one table of the columns the warehouse's DDL and views are made from too.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

from core.contract import DEPARTMENT_TASKS, GOAL_TABLES, INDICATORS, Filler, Kind, Table

MONEY = pl.Decimal(18, 4)
# The contract's logical types as polars holds them: Int32 and Decimal(18, 4) so a frame's columns go into
# DuckDB's INTEGER and DECIMAL(18,4) without a cast.
POLARS: dict[Kind, pl.DataType] = {
    Kind.TEXT: pl.String(), Kind.INTEGER: pl.Int32(), Kind.MONEY: MONEY, Kind.NUMBER: pl.Float64(),
    Kind.BOOLEAN: pl.Boolean(), Kind.TIMESTAMP: pl.Datetime("us"),
}


@dataclass(frozen=True)
class IndicatorRow:
    """One indicator row as written (cleaned text), with where it was read; ``level2`` is None in a two-level grid.

    A self-evaluation's row also carries what it reports: the actual result, the weight (分值/指标权重), the
    score (得分) and the reason for a deviation, each as written; None on a goal table's row.
    """

    level1: str
    level2: str | None
    level3: str
    description: str | None
    target_raw: str
    source_ref: str
    source_page: int | None = None
    actual_raw: str | None = None
    weight_raw: str | None = None
    score_raw: str | None = None
    deviation: str | None = None
    unit_column: bool = False  # the grid has a 计量单位 column, whose unit is the actual's as much as the target's


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
    budget_executed: str = ""  # a self-evaluation's 全年执行数, as written
    execution_rate: str = ""  # a self-evaluation's 执行率, as written (empty: not stated)
    execution_weight: str = ""  # a self-evaluation's budget-execution 分值 and 得分, as written
    execution_score: str = ""


def frame_schema(table: Table) -> dict[str, pl.DataType]:
    """The polars schema of the frame that fills ``table``: its contract columns the warehouse does not add.

    Raises ValueError for a table no frame fills (the warehouse writes its rows itself).
    """
    if table.filler is Filler.WAREHOUSE:
        raise ValueError(f"no frame fills {table.name}: the warehouse writes its rows itself")
    return {c.name: POLARS[c.kind] for c in table.frame_columns}


GOAL_TABLES_SCHEMA = frame_schema(GOAL_TABLES)
INDICATORS_SCHEMA = frame_schema(INDICATORS)
DEPARTMENT_TASKS_SCHEMA = frame_schema(DEPARTMENT_TASKS)


@dataclass(frozen=True)
class Frames:
    """The normalized content of one document: goal tables and indicators, joined on ``seq``."""

    goal_tables: pl.DataFrame
    indicators: pl.DataFrame
    department_tasks: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(schema=DEPARTMENT_TASKS_SCHEMA))

    @property
    def n_tables(self) -> int:
        return self.goal_tables.height
