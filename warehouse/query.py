"""Reading the warehouse: ad-hoc SQL, status counts and a unit's review, on read-only connections.

Nothing here imports polars at module level: `perfgoals sql` comes through
this module and must answer with DuckDB alone (issue 16).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from core.errors import UsageError
from core.status import STORED
from warehouse.connect import connect

if TYPE_CHECKING:
    import polars as pl

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


def frame(relation: duckdb.DuckDBPyRelation) -> pl.DataFrame:
    """The rows of ``relation`` as a polars frame, the frame ``relation.pl()`` gives.

    Read through the Arrow PyCapsule stream, which polars takes without pyarrow: ``.pl()`` goes through pyarrow,
    and importing it (about 100 ms) costs more than the queries of `compare` or `review` themselves.
    """
    import polars as pl

    return pl.DataFrame(relation)


# What `perfgoals sql` runs: queries; with --allow-files also the statements that write other files.
QUERIES = frozenset({duckdb.StatementType.SELECT, duckdb.StatementType.EXPLAIN, duckdb.StatementType.PRAGMA,
                     duckdb.StatementType.CALL, duckdb.StatementType.MULTI})
FILE_WRITES = frozenset({duckdb.StatementType.COPY, duckdb.StatementType.EXPORT})
EXAMPLE = 'perfgoals sql "select unit_name, project_name from goal_tables limit 5"'


def _one_query(con: duckdb.DuckDBPyConnection, sql: str, allow_files: bool) -> None:
    """Raise UsageError unless ``sql`` is exactly one statement that reads (or, with ``allow_files``, exports)."""
    try:
        statements = con.extract_statements(sql)
    except duckdb.Error as exc:
        raise UsageError(f"查询有语法错误。 The query failed: {exc}") from None
    if not statements:
        raise UsageError(f"没有给出查询。 No query given: pass one SQL query, such as {EXAMPLE}")
    if len(statements) > 1:
        raise UsageError(f"一次只能执行一条查询（这里有 {len(statements)} 条）。"
                         f" Give one query at a time ({len(statements)} statements were given).")
    kind = statements[0].type
    if kind in QUERIES or (allow_files and kind in FILE_WRITES):
        return
    if kind in FILE_WRITES:
        raise UsageError(f"perfgoals sql 默认只读取数据仓库本身，{kind.name} 会写出其他文件；如确需导出，请加 --allow-files。"
                         f" perfgoals sql reads only the warehouse, and {kind.name} writes another file; add"
                         " --allow-files to let it (or use perfgoals export).")
    raise UsageError(f"perfgoals sql 是只读的，不能执行 {kind.name} 语句。数据只通过 perfgoals ingest 和 perfgoals family"
                     f" 修改。 perfgoals sql is read-only: a {kind.name} statement cannot run here. The warehouse changes"
                     " only through perfgoals ingest and perfgoals family.")


def run_query(db_path: str | Path, sql: str, *, allow_files: bool = False) -> tuple[list[str], list[tuple]]:
    """Column names and rows of one query, on a read-only connection to ``db_path`` that, unless ``allow_files``,
    reaches nothing outside the warehouse (no other file, no network, no extension).

    Raises UsageError when the file does not exist, for anything but one query, and when the query fails.
    """
    with connect(db_path, read_only=True, allow_files=allow_files) as con:
        _one_query(con, sql, allow_files)
        try:
            cursor = con.execute(sql)
            return [d[0] for d in cursor.description or []], cursor.fetchall()
        except duckdb.PermissionException:
            raise UsageError("perfgoals sql 默认只读取数据仓库本身，不能访问其他文件、网络或扩展；如确需读取文件，请加"
                             " --allow-files。 perfgoals sql reads only the warehouse: the query reaches files, the"
                             " network or extensions outside it. Add --allow-files to let it.") from None
        except duckdb.Error as exc:
            raise UsageError(f"查询无法执行。 The query failed: {exc}") from None


def status_counts(source: Source) -> dict[str, int]:
    """How many documents have each status (every status, zero when none)."""
    with reading(source) as con:
        rows = con.execute("SELECT status, count(*) FROM documents GROUP BY status").fetchall()
    return {status: 0 for status in STORED} | dict(rows)


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
