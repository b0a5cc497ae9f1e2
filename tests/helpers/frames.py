"""Small polars frames in the exact schemas of ``transform/records.py``, for the warehouse tests.

``goal(seq, ...)``, ``indicator(seq, row_no, ...)`` and ``issue(seq, ...)``
build one row each as a dict with every column a layout parser decides
(sensible defaults, override by keyword); ``frames(goals, indicators)`` and
``issues(rows)`` turn lists of them into typed frames.

The rows are what ``transform.normalize.normalize`` makes of the same table
(tests/warehouse/test_load.py checks it): a unit is its code and name
together, the description defaults to the 三级指标 (layout A), and each row's
``source_ref`` names its own table and row. The columns normalize derives on
top (fund_source, project_base_name, money_unit, target_value_std,
target_unit_std, indicator_key, target_flags) stay null unless given by
keyword, so a test sees only what it set.
"""

from __future__ import annotations

from decimal import Decimal

import polars as pl

from expectations.validate import DQ_ISSUES_SCHEMA
from transform.records import GOAL_TABLES_SCHEMA, INDICATORS_SCHEMA, Frames

# (unit_code, unit_name) as the sample documents state them
JIZHOU = ("216101", "天津市蓟州区人民法院")
NINGHE = ("216102", "天津市宁河区人民法院")
WUQING = ("216103", "天津市武清区人民法院")
BAODI = ("216104", "天津市宝坻区人民法院")


def goal(seq: int, *, unit: tuple[str | None, str | None] = JIZHOU, project: str = "审判业务经费", year: int = 2023,
         total: Decimal | None = Decimal("398.0000"), fiscal: Decimal | None = Decimal("398.0000"),
         other: Decimal | None = None, page: int | None = None, purpose: str = "保障审判工作正常运转",
         goal_text: str = "完成年度审判任务", **derived: object) -> dict:
    """One goal_tables row (keyed by ``seq``); ``derived`` sets columns normalize derives, such as fund_source."""
    return {"seq": seq, "page": page, "unit_code": unit[0], "unit_name": unit[1], "fiscal_year": year,
            "project_name": project, "budget_total": total, "budget_fiscal": fiscal, "budget_other": other,
            "purpose": purpose, "goal_text": goal_text, "kind": "project", **derived}


def indicator(seq: int, row_no: int, name: str = "干警满意度", target: str = "≥95%", *,
              op: str | None = ">=", value: float | None = 95.0, unit: str | None = "%",
              description: str | None = None, level1: str = "满意度指标", level2: str = "服务对象满意度指标",
              page: int | None = None, **derived: object) -> dict:
    """One indicators row: ``name`` is the 三级指标, ``description`` defaults to the same name (layout A);
    ``derived`` sets columns normalize derives, such as indicator_key."""
    return {"seq": seq, "row_no": row_no, "level1": level1, "level2": level2, "level3": name,
            "description": name if description is None else description, "target_raw": target,
            "target_op": op, "target_value": value, "target_value_max": None, "target_unit": unit,
            "level1_std": level1, "level2_std": level2, "is_quantitative": value is not None,
            "source_page": page, "source_ref": f"table {seq} row {row_no}", **derived}


def issue(seq: int, row_no: int | None, rule: str, severity: str = "warning", message: str = "检查未通过") -> dict:
    """One dq issue row (``row_no`` None for a table-level check)."""
    return {"seq": seq, "row_no": row_no, "rule": rule, "severity": severity, "message": message}


def frames(goals: list[dict], indicators: list[dict]) -> Frames:
    return Frames(goal_tables=pl.DataFrame(goals, schema=GOAL_TABLES_SCHEMA),
                  indicators=pl.DataFrame(indicators, schema=INDICATORS_SCHEMA))


def issues(rows: list[dict]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema=DQ_ISSUES_SCHEMA)
