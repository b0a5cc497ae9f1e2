"""The SQL of review: a run's loaded rows for its Data Docs, and one unit's issues in a reviewer's order."""

from __future__ import annotations

import duckdb
import polars as pl

from transform.records import GOAL_TABLES_SCHEMA, INDICATORS_SCHEMA
from warehouse.derived import UNIT_OF

# The run's loaded tables, numbered across the run (seq is only unique within a document).
_RUN_TABLES = """
WITH t AS (
    SELECT g.table_id, row_number() OVER (ORDER BY g.table_id)::INTEGER AS run_seq
    FROM store.goal_tables g JOIN store.documents d USING (doc_id)
    WHERE d.run_id = $run_id AND d.status = 'loaded'
)"""


def _run_rows(con: duckdb.DuckDBPyConnection, run_id: str, table: str, schema: dict, order: str) -> pl.DataFrame:
    columns = ", ".join(f"x.{c}" for c in schema if c != "seq")
    frame = con.sql(f"{_RUN_TABLES} SELECT t.run_seq AS seq, {columns} FROM store.{table} x JOIN t USING (table_id)"
                    f" ORDER BY {order}", params={"run_id": run_id}).pl()
    return frame.cast(schema)  # type: ignore[arg-type]


def run_frames(con: duckdb.DuckDBPyConnection, run_id: str) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(goal_tables, indicators) loaded by ``run_id``, in transform's schemas, ``seq`` numbering the run's tables."""
    return (_run_rows(con, run_id, "goal_tables", GOAL_TABLES_SCHEMA, "seq"),
            _run_rows(con, run_id, "indicators", INDICATORS_SCHEMA, "seq, row_no"))


def unit_issues(con: duckdb.DuckDBPyConnection, unit: str, rule_order: list[str]) -> pl.DataFrame:
    """Every issue of the unit named (or coded) ``unit``, one row each with its table and indicator.

    Ordered by file and table, a table's own issues before its rows', rows in order, and the issues of one
    row in ``rule_order`` (the order a reviewer reads the rules in).
    """
    return con.sql(f"""
        SELECT g.table_id, g.seq, g.project_name, g.fiscal_year, regexp_extract(d.path, '[^/\\\\]+$') AS file,
               q.row_no, i.level3, i.target_raw, q.rule, q.severity, q.message
        FROM dq_issues q
        JOIN store.goal_tables g USING (table_id)
        JOIN store.documents d USING (doc_id)
        LEFT JOIN store.indicators i ON i.table_id = q.table_id AND i.row_no = q.row_no
        {UNIT_OF}
        WHERE ? IN (u.unit_name, u.unit_code, g.unit_name, g.unit_code) OR list_contains(u.aliases, ?)
        ORDER BY file, g.seq, q.row_no NULLS FIRST, list_position(?, q.rule)""",
        params=[unit, unit, rule_order]).pl()


def known_units(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Every unit's name, for telling someone who misspelt one what there is."""
    return [name for (name,) in con.execute("SELECT unit_name FROM store.units ORDER BY unit_name").fetchall()]
