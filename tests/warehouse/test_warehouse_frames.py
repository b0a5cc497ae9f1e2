"""Frames as transform/ hands them to the warehouse, built in the exact schemas of transform/records.py.

The builders here are shared by the other warehouse tests (``from test_warehouse_frames import ...``).
"""

from __future__ import annotations

from decimal import Decimal

import polars as pl

from expectations.validate import DQ_ISSUES_SCHEMA
from transform.records import GOAL_TABLES_SCHEMA, INDICATORS_SCHEMA, Frames

JIZHOU = "天津市蓟州区人民法院"
NINGHE = "天津市宁河区人民法院"
BAODI = "天津市宝坻区人民法院"


def indicator(level3: str, target_raw: str = "≥95%", *, description: str | None = None, op: str | None = ">=",
              value: float | None = 95.0, unit: str | None = "%") -> dict:
    """One indicator row (without seq and row_no, which ``goal_table`` adds)."""
    return {"level1": "满意度指标", "level2": "服务对象满意度指标", "level3": level3, "description": description,
            "target_raw": target_raw, "target_op": op, "target_value": value, "target_value_max": None,
            "target_unit": unit, "level1_std": "满意度指标", "level2_std": "服务对象满意度指标",
            "is_quantitative": value is not None, "source_page": None, "source_ref": "table 1 row 1"}


def goal_table(seq: int, *indicators: dict, unit_name: str = JIZHOU, project_name: str | None = None,
               budget_total: str | None = "398", page: int | None = None,
               fiscal_year: int = 2023) -> tuple[dict, list[dict]]:
    """One goal table row and its indicator rows, numbered 1..n."""
    table = {"seq": seq, "page": page, "unit_code": "216101", "unit_name": unit_name, "fiscal_year": fiscal_year,
             "project_name": project_name or f"项目{seq}",
             "budget_total": None if budget_total is None else Decimal(budget_total),
             "budget_fiscal": None if budget_total is None else Decimal(budget_total), "budget_other": None,
             "purpose": "保障法院审判工作", "goal_text": "提升审判质效", "kind": "project"}
    rows = [{"seq": seq, "row_no": n, **ind} for n, ind in enumerate(indicators or (indicator("干警满意度"),), 1)]
    return table, rows


def make_frames(*tables: tuple[dict, list[dict]]) -> Frames:
    """Frames in transform/records.py's schemas from ``goal_table`` results."""
    return Frames(
        goal_tables=pl.DataFrame([t for t, _ in tables], schema=GOAL_TABLES_SCHEMA),
        indicators=pl.DataFrame([r for _, rows in tables for r in rows], schema=INDICATORS_SCHEMA),
    )


def make_issues(*issues: tuple[int, int | None, str]) -> pl.DataFrame:
    """dq issues from (seq, row_no, rule) triples."""
    return pl.DataFrame([{"seq": s, "row_no": r, "rule": rule, "severity": "warning", "message": f"{rule} failed"}
                         for s, r, rule in issues], schema=DQ_ISSUES_SCHEMA)


def test_the_builders_give_the_schemas_of_transform():
    frames = make_frames(goal_table(1), goal_table(2, indicator("a"), indicator("b")))
    assert frames.goal_tables.schema == pl.Schema(GOAL_TABLES_SCHEMA)
    assert frames.indicators.schema == pl.Schema(INDICATORS_SCHEMA)
    assert make_issues((1, None, "r")).schema == pl.Schema(DQ_ISSUES_SCHEMA)
    assert frames.n_tables == 2 and frames.indicators.height == 3
