"""Reading the warehouse: ad-hoc SQL, the cross-unit comparison and status counts, on read-only connections."""

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

# An indicator's own name: layout A writes the specific name in 绩效指标描述 (三级 邮寄费, 描述 同城邮寄费);
# a long description is an explanation (指标解释), not a name, and then 三级指标 names the row.
NAME_MAX_CHARS = 20

COMPARISON = f"""
WITH named AS (
    SELECT CASE WHEN length(i.description) BETWEEN 1 AND {NAME_MAX_CHARS} THEN i.description ELSE i.level3 END
               AS indicator,
           i.level3, g.unit_name, g.project_name, i.target_raw, i.target_value, i.target_unit
    FROM indicators i JOIN goal_tables g USING (table_id)
    WHERE g.unit_name IS NOT NULL AND ($year IS NULL OR g.fiscal_year = $year)
),
chosen AS (
    SELECT indicator FROM named
    WHERE $names IS NULL OR list_contains($names, indicator) OR list_contains($names, level3)
    GROUP BY indicator HAVING count(DISTINCT unit_name) >= $min_units
    ORDER BY count(DISTINCT unit_name) DESC, indicator LIMIT $top
)
SELECT indicator, unit_name,
       string_agg(DISTINCT project_name, '；' ORDER BY project_name) AS project_name,
       string_agg(DISTINCT target_raw, ' / ' ORDER BY target_raw) AS target_raw,
       CASE WHEN count(DISTINCT target_value) = 1 AND count(target_value) = count(*) THEN any_value(target_value)
       END AS target_value,
       CASE WHEN count(DISTINCT target_unit) = 1 THEN any_value(target_unit) END AS target_unit
FROM named JOIN chosen USING (indicator)
GROUP BY indicator, unit_name
ORDER BY indicator, unit_name
"""


@contextmanager
def _reading(source: Source) -> Iterator[duckdb.DuckDBPyConnection]:
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
    with _reading(db_path) as con:
        try:
            cursor = con.execute(sql)
            return [d[0] for d in cursor.description or []], cursor.fetchall()
        except duckdb.Error as exc:
            raise UsageError(f"查询无法执行。 The query failed: {exc}") from None


def comparison(source: Source, indicators: Sequence[str] | None = None, *, top: int | None = 5,
               year: int | None = None) -> pl.DataFrame:
    """The same indicator's target across units: one row per (indicator, unit), ordered by indicator then unit.

    ``indicators`` match an indicator's name or its 三级指标; without them, the ``top`` indicators found in
    the most units (at least two; None for all). A unit's several targets are joined in ``target_raw``, and
    ``target_value``/``target_unit`` are null unless they agree.
    """
    names = list(indicators) if indicators else None
    params = {"names": names, "min_units": 1 if names else 2, "top": None if names else top, "year": year}
    with _reading(source) as con:
        return con.sql(COMPARISON, params=params).pl()


def status_counts(source: Source) -> dict[str, int]:
    """How many documents have each status (every status, zero when none)."""
    with _reading(source) as con:
        rows = con.execute("SELECT status, count(*) FROM documents GROUP BY status").fetchall()
    return {status: 0 for status in STATUSES} | dict(rows)


def review_of(source: Source, unit: str, rule_order: Sequence[str] = ()) -> tuple[pl.DataFrame | None, list[str]]:
    """(the issues of ``unit`` in review order, or None when no unit has that name or code; every unit's name)."""
    from warehouse.review import known_units, unit_issues

    with _reading(source) as con:
        units = known_units(con)
        issues = unit_issues(con, unit, list(rule_order))
        exists = issues.height > 0 or con.execute(
            "SELECT count(*) FROM goal_tables WHERE ? IN (unit_name, unit_code)", [unit]).fetchall()[0][0] > 0
        exists = exists or unit in units
    return (issues if exists else None), units
