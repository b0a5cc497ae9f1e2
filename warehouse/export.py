"""Every view out of the warehouse, for other tools: Parquet (partitioned by fiscal_year), CSV, or one XLSX.

Parquet is written by DuckDB's COPY (a view with ``fiscal_year`` and rows as a
folder ``VIEW/fiscal_year=YYYY/``, others as ``VIEW.parquet``); CSV the same
way, one file per view; XLSX with openpyxl, one sheet per view, lists
joined with "、".
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from core.errors import UsageError
from warehouse.derived import DERIVED_VIEWS
from warehouse.schema import VIEWS

FORMATS = ("parquet", "csv", "xlsx")
PARTITION = "fiscal_year"


def view_names() -> list[str]:
    """Every view analysts use, in the order the schema defines them."""
    return [name for name, *_ in VIEWS] + [name for name, *_ in DERIVED_VIEWS]


def _columns(con: duckdb.DuckDBPyConnection, view: str) -> list[str]:
    return [c for (c,) in con.execute("SELECT column_name FROM information_schema.columns WHERE table_schema = 'main'"
                                      " AND table_name = ? ORDER BY ordinal_position", [view]).fetchall()]


def _has_rows(con: duckdb.DuckDBPyConnection, view: str) -> bool:
    """An empty view partitioned would be an empty folder no reader can open: it goes to one file instead."""
    return bool(con.execute(f"SELECT EXISTS (SELECT 1 FROM main.{view})").fetchall()[0][0])


def _quote(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def _xlsx(con: duckdb.DuckDBPyConnection, views: list[str], path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    for view in views:
        sheet = book.create_sheet(view[:31])
        sheet.append(_columns(con, view))
        for row in con.execute(f"SELECT * FROM main.{view}").fetchall():
            sheet.append(["、".join(map(str, v)) if isinstance(v, list) else v for v in row])
    book.save(path)


def export_views(con: duckdb.DuckDBPyConnection, out_dir: str | Path, fmt: str) -> list[Path]:
    """Write every view into ``out_dir`` as ``fmt`` (parquet, csv or xlsx); returns what was written."""
    if fmt not in FORMATS:
        raise UsageError(f"导出格式应为 parquet、csv 或 xlsx。 --format must be parquet, csv or xlsx, not {fmt!r}.")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    views = view_names()
    if fmt == "xlsx":
        _xlsx(con, views, out / "perfgoals.xlsx")
        return [out / "perfgoals.xlsx"]
    written = []
    for view in views:
        if fmt == "parquet" and PARTITION in _columns(con, view) and _has_rows(con, view):
            target = out / view
            con.execute(f"COPY (SELECT * FROM main.{view}) TO {_quote(target)}"
                        f" (FORMAT parquet, PARTITION_BY ({PARTITION}), OVERWRITE_OR_IGNORE)")
        else:
            target = out / f"{view}.{fmt}"
            options = "FORMAT parquet" if fmt == "parquet" else "FORMAT csv, HEADER"
            con.execute(f"COPY (SELECT * FROM main.{view}) TO {_quote(target)} ({options})")
        written.append(target)
    return written


def data_dictionary(con: duckdb.DuckDBPyConnection) -> str:
    """Every view and column with its COMMENT, as Markdown: what ``docs/schema.md`` holds."""
    lines = ["# The perfgoals warehouse: views and columns", "",
             "Written by `perfgoals schema --write docs/schema.md` from the COMMENTs in the database itself.", ""]
    for view in view_names():
        (comment,) = con.execute("SELECT comment FROM duckdb_views() WHERE schema_name = 'main' AND view_name = ?",
                                 [view]).fetchall()[0]
        lines += [f"## `{view}`", "", comment or "", "", "| column | type | meaning |", "| --- | --- | --- |"]
        for column, kind, meaning in con.execute(
                "SELECT column_name, data_type, comment FROM duckdb_columns() WHERE schema_name = 'main'"
                " AND table_name = ? ORDER BY column_index", [view]).fetchall():
            lines.append(f"| `{column}` | {kind} | {(meaning or '').replace('|', '/')} |")
        lines.append("")
    return "\n".join(lines)
