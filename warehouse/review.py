"""The SQL of review: one unit's issues in a reviewer's order, and the units there are."""

from __future__ import annotations

from typing import TYPE_CHECKING

import duckdb

from warehouse.joins import UNIT_OF
from warehouse.query import frame

if TYPE_CHECKING:
    import polars as pl


def unit_issues(con: duckdb.DuckDBPyConnection, unit: str, rule_order: list[str]) -> pl.DataFrame:
    """Every issue of the unit named (or coded) ``unit``, one row each with its table and indicator.

    Ordered by file and table, a table's own issues before its rows', rows in order, and the issues of one
    row in ``rule_order`` (the order a reviewer reads the rules in).
    """
    return frame(con.sql(f"""
        SELECT g.table_id, g.seq, g.project_name, g.fiscal_year, regexp_extract(d.path, '[^/\\\\]+$') AS file,
               q.row_no, i.level3, i.target_raw, q.rule, q.severity, q.message
        FROM dq_issues q
        JOIN store.goal_tables g USING (table_id)
        JOIN store.documents d USING (doc_id)
        LEFT JOIN store.indicators i ON i.table_id = q.table_id AND i.row_no = q.row_no
        {UNIT_OF}
        WHERE ? IN (u.unit_name, u.unit_code, g.unit_name, g.unit_code) OR list_contains(u.aliases, ?)
        ORDER BY file, g.seq, q.row_no NULLS FIRST, list_position(?, q.rule)""",
        params=[unit, unit, rule_order]))


def known_units(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Every unit's name, for telling someone who misspelt one what there is."""
    return [name for (name,) in con.execute("SELECT unit_name FROM store.units ORDER BY unit_name").fetchall()]
