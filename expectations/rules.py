"""The reviewer's rules as data: name, severity, level, the facts to compute, the checks GX runs, the words.

A ``Rule`` computes one polars frame from a document's goal tables and
indicators (``expectations.facts``: one row per goal table for a table
rule, one per indicator row for a row rule) and lists the ``Check``s
great-expectations runs on its columns. Every row a check finds
unexpected becomes one ``dq_issues`` row, its message filled in from that
row of the frame. Adding a rule is adding a ``Rule`` to ``RULES``; nothing
here imports great_expectations.

Messages are for the unit's finance officer: Chinese, then English; they
name the goal table (its number and project name), the indicator
(三级指标) and the value that is wrong.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

import polars as pl

from expectations.facts import (
    MONEY_TOLERANCE,
    RATE_MAX,
    RATE_MIN,
    REQUIRED_CATEGORIES,
    budget_frame,
    categories_frame,
    rate_frame,
    taxonomy_frame,
)

Severity = Literal["error", "warning"]
Level = Literal["table", "row"]
Message = Callable[[Mapping[str, Any]], str]
Facts = Callable[[pl.DataFrame, pl.DataFrame], pl.DataFrame]


@dataclass(frozen=True)
class Check:
    """One GX expectation (a class name in ``great_expectations.expectations``) on one fact column.

    ``kwargs`` are the expectation's arguments besides ``column``, as pairs
    so that a check stays hashable.
    """

    column: str
    expectation: str
    kwargs: tuple[tuple[str, Any], ...]
    message: Message


@dataclass(frozen=True)
class Rule:
    """A data-quality rule: ``dq_issues.rule`` and ``severity``, its facts and the checks on them."""

    name: str
    severity: Severity
    level: Level
    facts: Facts
    checks: tuple[Check, ...]
    description: str = field(default="", compare=False)


# --- wording ----------------------------------------------------------------------------------------

def _money(value: object) -> str:
    return f"{Decimal(0) if value is None else Decimal(str(value)):.2f}"


def _number(value: float | None) -> str:
    if value is None:
        return "空"
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _table(row: Mapping[str, Any]) -> tuple[str, str]:
    """How a message names the goal table, in Chinese and in English."""
    seq, name = row["seq"], (row.get("project_name") or "").strip()
    if not name:
        return f"第{seq}张目标表（未填项目名称）", f"Goal table {seq} (no project name)"
    return f"第{seq}张目标表《{name}》", f"Goal table {seq} ({name})"


def _indicator(row: Mapping[str, Any]) -> tuple[str, str]:
    """How a message names the indicator row, in Chinese and in English."""
    zh, en = _table(row)
    level3 = (row.get("level3") or "").strip() or "（未填三级指标）"
    return f"{zh}第{row['row_no']}行指标“{level3}”", f"{en}, row {row['row_no']} “{level3}”"


def budget_message(row: Mapping[str, Any]) -> str:
    zh, en = _table(row)
    total, fiscal, other = (_money(row[c]) for c in ("budget_total", "budget_fiscal", "budget_other"))
    return (f"{zh}：预算数 {total} 万元不等于财政资金 {fiscal} 万元与其他资金 {other} 万元之和。"
            f" {en}: budget total {total} does not equal fiscal {fiscal} + other {other} (万元).")


def category_message(category: str, english: str) -> Message:
    def message(row: Mapping[str, Any]) -> str:
        zh, en = _table(row)
        return (f"{zh}缺少{category}，项目绩效目标表应包含产出、效益和满意度指标，请补充。"
                f" {en} has no {category} ({english}); every project goal table needs output,"
                f" outcome and satisfaction indicators.")

    return message


def rate_message(row: Mapping[str, Any]) -> str:
    zh, en = _indicator(row)
    raw, value = (row.get("target_raw") or "").strip(), _number(row["rate_value"])
    return (f"{zh}的目标值“{raw}”（{value}）超出 0–100 的范围，比率和满意度应在 0 到 100 之间。"
            f" {en}: target “{raw}” ({value}) is outside 0–100; a rate or satisfaction level lies"
            f" between 0 and 100.")


def taxonomy_message(row: Mapping[str, Any]) -> str:
    zh, en = _indicator(row)
    label = f"{row.get('level1') or ''}/{row.get('level2') or ''}"
    return (f"{zh}的指标类别“{label}”不在标准指标体系中（产出、成本、效益、满意度及其二级指标），已按原文保留，请核对。"
            f" {en}: category “{label}” is not in the standard taxonomy; it is kept as written, please check it.")


# --- the rules --------------------------------------------------------------------------------------

RULES: tuple[Rule, ...] = (
    Rule(
        name="budget_balance", severity="error", level="table", facts=budget_frame,
        checks=(Check("budget_diff", "ExpectColumnValuesToBeBetween",
                      (("min_value", -MONEY_TOLERANCE), ("max_value", MONEY_TOLERANCE)), budget_message),),
        description="预算数 = 财政资金 + 其他资金 (blanks as 0, within 0.005 万元)",
    ),
    Rule(
        name="required_categories", severity="error", level="table", facts=categories_frame,
        checks=tuple(Check(column, "ExpectColumnValuesToBeInSet", (("value_set", (True,)),),
                           category_message(category, english))
                     for column, category, english in REQUIRED_CATEGORIES),
        description="every goal table has 产出指标, 效益指标 and 满意度指标 (one issue per missing one)",
    ),
    Rule(
        name="rate_range", severity="error", level="row", facts=rate_frame,
        checks=(Check("rate_value", "ExpectColumnValuesToBeBetween",
                      (("min_value", RATE_MIN), ("max_value", RATE_MAX)), rate_message),),
        description="a rate target (%, or 率/满意度 with a number) lies in 0–100, both ends of a range",
    ),
    Rule(
        name="unmapped_category", severity="warning", level="row", facts=taxonomy_frame,
        checks=(Check("in_taxonomy", "ExpectColumnValuesToBeInSet", (("value_set", (True,)),), taxonomy_message),),
        description="一级/二级指标 map to the canonical taxonomy (a label that maps to nothing is kept and flagged)",
    ),
)
