"""The data-quality rules, as data: what each checks, how bad a failure is, what it tells the unit.

A ``Rule`` computes one polars frame from the goal tables and indicators
(one row per goal table for a table-level rule, one per indicator row for
a row-level rule) and names the ``Check``s great_expectations runs on its
columns. Every row a check finds unexpected becomes one ``dq_issues`` row,
with the check's message filled in from that row of the rule's frame.

Adding a rule is adding a ``Rule`` to ``RULES``: its frame function, the
expectation class name and keyword arguments, and its message. Nothing
here imports great_expectations; ``expectations.gx`` builds the suites.

Messages are written for the unit's finance officer, Chinese first, then
English, and name the goal table (its ``seq`` and project name), the
indicator (三级指标) and the value that is wrong.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

import polars as pl

Severity = Literal["error", "warning"]
Level = Literal["table", "row"]
Message = Callable[[Mapping[str, Any]], str]
FrameFn = Callable[[pl.DataFrame, pl.DataFrame], pl.DataFrame]

MONEY_TOLERANCE = 0.005  # 万元: half a cent of a 万元 amount written with two decimals
RATE_MIN, RATE_MAX = 0.0, 100.0


@dataclass(frozen=True)
class Check:
    """One great_expectations expectation on one column of the rule's frame.

    ``expectation`` is a class name in ``great_expectations.expectations``
    and ``kwargs`` its arguments other than ``column`` (pairs, so the check
    stays hashable). ``message`` turns a failing row of the frame into words.
    """

    column: str
    expectation: str
    kwargs: tuple[tuple[str, Any], ...]
    message: Message


@dataclass(frozen=True)
class Rule:
    """A named data-quality rule: its severity, level, computed frame and checks."""

    name: str
    severity: Severity
    level: Level
    frame: FrameFn
    checks: tuple[Check, ...]
    description: str = field(default="", compare=False)

    @property
    def keys(self) -> tuple[str, ...]:
        return ("seq",) if self.level == "table" else ("seq", "row_no")


# --- wording helpers ------------------------------------------------------------------------------

def _money(value: object) -> str:
    return f"{Decimal(0) if value is None else Decimal(str(value)):.2f}"


def _number(value: float | None) -> str:
    if value is None:
        return "空"
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _project(row: Mapping[str, Any]) -> tuple[str, str]:
    """How a message names the goal table: (Chinese, English)."""
    name = (row.get("project_name") or "").strip()
    seq = row["seq"]
    if not name:
        return f"第{seq}张目标表（未填项目名称）", f"Goal table {seq} (no project name)"
    return f"第{seq}张目标表《{name}》", f"Goal table {seq} ({name})"


def _indicator(row: Mapping[str, Any]) -> tuple[str, str]:
    """How a message names the indicator row: (Chinese, English)."""
    zh, en = _project(row)
    level3 = (row.get("level3") or "").strip() or "（未填三级指标）"
    return f"{zh}第{row['row_no']}行指标“{level3}”", f"{en}, row {row['row_no']} “{level3}”"


def _with_project(goal_tables: pl.DataFrame, frame: pl.DataFrame) -> pl.DataFrame:
    return frame.join(goal_tables.select("seq", "project_name"), on="seq", how="left")


# --- budget_balance ---------------------------------------------------------------------------------

def budget_frame(goal_tables: pl.DataFrame, indicators: pl.DataFrame) -> pl.DataFrame:
    """Per goal table: 预算数 − (财政资金 + 其他资金), blanks counted as 0, exact in decimal."""
    zero = [pl.col(c).fill_null(0) for c in ("budget_total", "budget_fiscal", "budget_other")]
    return goal_tables.select(
        "seq",
        "project_name",
        "budget_total",
        "budget_fiscal",
        "budget_other",
        budget_diff=(zero[0] - zero[1] - zero[2]).cast(pl.Float64),
    )


def budget_message(row: Mapping[str, Any]) -> str:
    zh, en = _project(row)
    total, fiscal, other = (_money(row[c]) for c in ("budget_total", "budget_fiscal", "budget_other"))
    return (
        f"{zh}：预算数 {total} 万元不等于财政资金 {fiscal} 万元与其他资金 {other} 万元之和。"
        f" {en}: budget total {total} does not equal fiscal {fiscal} + other {other} (万元)."
    )


# --- required_categories ----------------------------------------------------------------------------

# (frame column, level1_std, English name): a category is one more entry here.
REQUIRED_CATEGORIES: tuple[tuple[str, str, str], ...] = (
    ("has_output", "产出指标", "output indicators"),
    ("has_outcome", "效益指标", "outcome indicators"),
    ("has_satisfaction", "满意度指标", "satisfaction indicators"),
)


def categories_frame(goal_tables: pl.DataFrame, indicators: pl.DataFrame) -> pl.DataFrame:
    """Per goal table: whether any of its indicators has each required level1_std (none at all: all false)."""
    present = indicators.group_by("seq").agg(
        (pl.col("level1_std") == category).any().alias(column) for column, category, _ in REQUIRED_CATEGORIES
    )
    columns = [column for column, _, _ in REQUIRED_CATEGORIES]
    return (
        goal_tables.select("seq", "project_name")
        .join(present, on="seq", how="left")
        .with_columns(pl.col(columns).fill_null(False))
    )


def _category_message(category: str, english: str) -> Message:
    def message(row: Mapping[str, Any]) -> str:
        zh, en = _project(row)
        return (
            f"{zh}没有{category}，每张项目目标表都应设{category}，请补充。"
            f" {en} has no {category} ({english}); every project goal table needs at least one."
        )

    return message


# --- rate_range -------------------------------------------------------------------------------------

RATE_WORDS = "率|满意度"


def rate_frame(goal_tables: pl.DataFrame, indicators: pl.DataFrame) -> pl.DataFrame:
    """Indicator rows with a rate target, and ``rate_value``: the bound outside 0–100 if one is, else the target.

    A rate target has unit ``%``, or a 三级指标 containing 率 or 满意度 and a
    quantitative value. For a range (``90%-95%``) both ends are checked; the
    first one out of range is the one GX sees.
    """
    value, value_max = pl.col("target_value"), pl.col("target_value_max")

    def out(x: pl.Expr) -> pl.Expr:
        return ((x < RATE_MIN) | (x > RATE_MAX)).fill_null(False)

    is_rate = (pl.col("target_unit") == "%").fill_null(False) | (
        pl.col("level3").str.contains(RATE_WORDS).fill_null(False)
        & pl.col("is_quantitative").fill_null(False)
    )
    rates = indicators.filter(is_rate).select(
        "seq",
        "row_no",
        "level3",
        "target_raw",
        "target_value",
        "target_value_max",
        rate_value=pl.when(out(value)).then(value).when(out(value_max)).then(value_max)
        .otherwise(pl.coalesce(value, value_max)),
    )
    return _with_project(goal_tables, rates)


def rate_message(row: Mapping[str, Any]) -> str:
    zh, en = _indicator(row)
    value = _number(row["rate_value"])
    raw = (row.get("target_raw") or "").strip()
    return (
        f"{zh}的目标值“{raw}”（{value}）超出 0–100 的范围，比率或满意度应在 0 到 100 之间。"
        f" {en}: the target “{raw}” ({value}) is outside 0–100; a rate or satisfaction level lies between 0 and 100."
    )


# --- the rules --------------------------------------------------------------------------------------

RULES: tuple[Rule, ...] = (
    Rule(
        name="budget_balance",
        severity="error",
        level="table",
        frame=budget_frame,
        checks=(
            Check(
                column="budget_diff",
                expectation="ExpectColumnValuesToBeBetween",
                kwargs=(("min_value", -MONEY_TOLERANCE), ("max_value", MONEY_TOLERANCE)),
                message=budget_message,
            ),
        ),
        description="预算数 = 财政资金 + 其他资金 (blanks as 0, tolerance 0.005 万元)",
    ),
    Rule(
        name="required_categories",
        severity="error",
        level="table",
        frame=categories_frame,
        checks=tuple(
            Check(
                column=column,
                expectation="ExpectColumnValuesToBeInSet",
                kwargs=(("value_set", (True,)),),
                message=_category_message(category, english),
            )
            for column, category, english in REQUIRED_CATEGORIES
        ),
        description="every goal table has 产出指标, 效益指标 and 满意度指标",
    ),
    Rule(
        name="rate_range",
        severity="error",
        level="row",
        frame=rate_frame,
        checks=(
            Check(
                column="rate_value",
                expectation="ExpectColumnValuesToBeBetween",
                kwargs=(("min_value", RATE_MIN), ("max_value", RATE_MAX)),
                message=rate_message,
            ),
        ),
        description="rate targets (%, 率, 满意度) lie in 0–100, both ends of a range",
    ),
)
