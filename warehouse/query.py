"""Reading the warehouse: ad-hoc SQL and the cross-unit comparison, on read-only connections."""

from __future__ import annotations

from pathlib import Path

import duckdb
import polars as pl

from perfgoals.errors import UsageError
from warehouse.connect import connect

# The indicator's own name: layout A puts the specific name in 绩效指标描述
# (三级 案件受理数量, 描述 民事案件受理数量), other layouts leave it blank.
NAMED_INDICATORS = """
SELECT coalesce(nullif(i.description, ''), i.level3) AS indicator, g.unit_name, g.project_name, g.fiscal_year,
       i.target_raw, i.target_op, i.target_value, i.target_unit
FROM indicators i JOIN goal_tables g USING (table_id)
"""

COMPARISON = f"""
WITH named AS ({NAMED_INDICATORS}),
chosen AS (
    SELECT indicator FROM named
    WHERE (? IS NULL OR list_contains(?, indicator))
    GROUP BY indicator HAVING count(DISTINCT unit_name) >= ?
    ORDER BY count(DISTINCT unit_name) DESC, indicator LIMIT ?
)
SELECT DISTINCT indicator, unit_name, project_name, fiscal_year, target_raw, target_op, target_value, target_unit
FROM named WHERE indicator IN (SELECT indicator FROM chosen)
ORDER BY indicator, unit_name, project_name, target_raw
"""


def run_query(db_path: str | Path, sql: str) -> tuple[list[str], list[tuple]]:
    """Column names and rows of one query, run on a read-only connection to ``db_path``."""
    con = connect(db_path, read_only=True)
    try:
        cursor = con.execute(sql)
        return [d[0] for d in cursor.description or []], cursor.fetchall()
    except duckdb.Error as exc:
        raise UsageError(f"查询无法执行。 The query failed: {exc}") from None
    finally:
        con.close()


def comparison(db_path: str | Path, indicators: list[str] | None = None, *, top: int = 5) -> pl.DataFrame:
    """Targets of the same indicator across units: the named ones, or the ``top`` found in the most units."""
    con = connect(db_path, read_only=True)
    try:
        min_units, limit = (1, len(indicators)) if indicators else (2, top)
        return con.sql(COMPARISON, params=[indicators, indicators, min_units, limit]).pl()
    finally:
        con.close()
