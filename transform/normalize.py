"""Goal tables as written → the typed polars frames the warehouse loads."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

import polars as pl

from core.errors import LayoutError
from transform.keys import indicator_key
from transform.money import DEFAULT_MONEY_UNIT, parse_money
from transform.projects import split_project_name
from transform.records import DEPARTMENT_TASKS_SCHEMA, GOAL_TABLES_SCHEMA, INDICATORS_SCHEMA, Frames, GoalTable
from transform.results import execution_rate, points, result_fields
from transform.standard import standardize_target
from transform.targets import parse_target, unit_in_name
from transform.taxonomy import standardize

FILE_YEAR = re.compile(r"(?<!\d)(20\d{2})(?!\d)")


def resolve_year(tables: Sequence[GoalTable], path: str, year: int | None) -> int | None:
    """The document's fiscal year for tables that state none: the year most tables state, else the file name's, else ``year``."""
    stated = Counter(t.fiscal_year for t in tables if t.fiscal_year)
    if stated:
        return stated.most_common(1)[0][0]
    m = FILE_YEAR.search(Path(path).name)
    return int(m.group(1)) if m else year


FLAG_CATEGORY_MISMATCH = "category_mismatch"


def _money(table: GoalTable, label: str, text: str, path: str) -> Decimal | None:
    try:
        return parse_money(text, table.money_unit or DEFAULT_MONEY_UNIT)
    except ValueError:
        raise LayoutError(
            f"第{table.seq}张目标表《{table.project_name}》的{label}“{text}”不是金额，请填写数字。"
            f" The {label} of goal table {table.seq} is not an amount; write a number.",
            path=path,
        ) from None


def _budget(t: GoalTable, path: str) -> dict[str, Decimal | None]:
    """This year's money in 万元; where the table prints only the parts, the total is their sum."""
    parts = {"budget_fiscal": _money(t, "财政资金", t.budget_fiscal, path),
             "budget_carryover": _money(t, "上年结转资金", t.budget_carryover, path),
             "budget_other": _money(t, "其他资金", t.budget_other, path)}
    total = _money(t, "预算数", t.budget_total, path)
    if total is None and any(v is not None for v in parts.values()):
        total = sum((v for v in parts.values() if v is not None), Decimal(0))
    return {"budget_total": total, **parts, "budget_executed": _money(t, "全年执行数", t.budget_executed, path)}


def _goal_row(t: GoalTable, year: int | None, path: str) -> dict[str, object]:
    name = split_project_name(t.project_name) if t.kind in ("project", "self_evaluation") else None
    budget = _budget(t, path)
    return {
        "seq": t.seq,
        "page": t.page,
        "unit_code": t.unit_code,
        "unit_name": t.unit_name,
        "fiscal_year": t.fiscal_year or year,
        "project_name": t.project_name,
        "budget_total": budget["budget_total"],
        "budget_fiscal": budget["budget_fiscal"],
        "budget_other": budget["budget_other"],
        "purpose": t.purpose or None,
        "goal_text": t.goal_text or None,
        "kind": t.kind,
        "fund_source": name.fund_source if name else None,
        "project_base_name": name.base if name else None,
        "budget_carryover": budget["budget_carryover"],
        "money_unit": t.money_unit,
        "budget_executed": budget["budget_executed"],
        "execution_rate": execution_rate(t, budget["budget_total"], budget["budget_executed"]),
        "execution_weight": points(t.execution_weight),
        "execution_score": points(t.execution_score),
    }


def _indicator_rows(t: GoalTable) -> list[dict[str, object]]:
    rows = []
    level3_count = Counter(ind.level3 for ind in t.indicators)
    for row_no, ind in enumerate(t.indicators, start=1):
        target = parse_target(ind.target_raw, name_unit=unit_in_name(ind.level3))
        taxon = standardize(ind.level1, ind.level2)
        std = standardize_target(target.value, target.unit)
        results = result_fields(ind, target)
        flags = (*target.flags, *((FLAG_CATEGORY_MISMATCH,) if taxon.mismatch else ()), *results.pop("result_flags"))
        rows.append(
            {
                "seq": t.seq,
                "row_no": row_no,
                "level1": ind.level1,
                "level2": ind.level2,
                "level3": ind.level3,
                "description": ind.description,
                "target_raw": ind.target_raw,
                "target_op": target.op,
                "target_value": target.value,
                "target_value_max": target.value_max,
                "target_unit": target.unit,
                "level1_std": taxon.level1_std,
                "level2_std": taxon.level2_std,
                "is_quantitative": target.is_quantitative,
                "source_page": ind.source_page,
                "source_ref": ind.source_ref,
                "target_value_std": std.value,
                "target_unit_std": std.unit,
                "indicator_key": indicator_key(ind.level3, ind.description, shared=level3_count[ind.level3] > 1),
                "target_flags": ",".join(flags) or None,
                **results,
            }
        )
    return rows


def _task_rows(t: GoalTable, path: str) -> list[dict[str, object]]:
    return [{"seq": t.seq, "row_no": row_no, "task": task.task, "content": task.content,
             "amount": _money(t, "预算金额", task.amount, path), "source_ref": task.source_ref}
            for row_no, task in enumerate(t.tasks, start=1)]


def normalize(tables: Sequence[GoalTable], *, path: str, year: int | None = None) -> Frames:
    """Typed frames for ``tables``: money in 万元, targets parsed, labels mapped to the taxonomy.

    ``year`` (the ``--year`` option) is used only when neither the tables
    nor the file name say which fiscal year they are for.
    """
    doc_year = resolve_year(tables, path, year)
    goal_rows = [_goal_row(t, doc_year, path) for t in tables]
    indicator_rows = [r for t in tables for r in _indicator_rows(t)]
    return Frames(
        goal_tables=pl.DataFrame(goal_rows, schema=GOAL_TABLES_SCHEMA),
        indicators=pl.DataFrame(indicator_rows, schema=INDICATORS_SCHEMA),
        department_tasks=pl.DataFrame([r for t in tables for r in _task_rows(t, path)],
                                      schema=DEPARTMENT_TASKS_SCHEMA),
    )
