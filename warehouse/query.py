"""Reading the warehouse: ad-hoc SQL, status counts and a unit's review, on read-only connections."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import duckdb
import polars as pl

from perfgoals.errors import UsageError
from warehouse.connect import connect
from warehouse.load import STATUSES

Source = str | Path | duckdb.DuckDBPyConnection


@contextmanager
def reading(source: Source) -> Iterator[duckdb.DuckDBPyConnection]:
    """The given connection, or a read-only one to the given file, closed afterwards."""
    if isinstance(source, duckdb.DuckDBPyConnection):
        yield source
        return
    con = connect(source, read_only=True)
    try:
        yield con
    finally:
        con.close()


def run_query(db_path: str | Path, sql: str) -> tuple[list[str], list[tuple]]:
    """Column names and rows of one query, run on a read-only connection to ``db_path``.

    Raises UsageError when the file does not exist or the query fails (a write fails: the connection is read-only).
    """
    with reading(db_path) as con:
        try:
            cursor = con.execute(sql)
            return [d[0] for d in cursor.description or []], cursor.fetchall()
        except duckdb.Error as exc:
            raise UsageError(f"查询无法执行。 The query failed: {exc}") from None


def status_counts(source: Source) -> dict[str, int]:
    """How many documents have each status (every status, zero when none)."""
    with reading(source) as con:
        rows = con.execute("SELECT status, count(*) FROM documents GROUP BY status").fetchall()
    return {status: 0 for status in STATUSES} | dict(rows)


def review_of(source: Source, unit: str, rule_order: Sequence[str] = ()) -> tuple[pl.DataFrame | None, list[str]]:
    """(the issues of ``unit`` in review order, or None when no unit has that name or code; every unit's name)."""
    from warehouse.review import known_units, unit_issues

    with reading(source) as con:
        units = known_units(con)
        issues = unit_issues(con, unit, list(rule_order))
        exists = issues.height > 0 or con.execute(
            "SELECT count(*) FROM goal_tables WHERE ? IN (unit_name, unit_code)", [unit]).fetchall()[0][0] > 0
        exists = exists or unit in units
    return (issues if exists else None), units
