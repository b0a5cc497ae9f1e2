"""The one contract table (core/contract.py) against everything made from it.

The DDL and the views as DuckDB reports them from a real file, the polars
schemas transform/ and expectations/ hand over, and docs/schema.md: each
must have the contract's columns, in its order, with its types, so a change
to one of them without the others fails here. Types are checked against
this file's own spelling of each logical type (``DUCKDB``, ``POLARS``), so
a wrong engine mapping in a room fails too, not only a wrong column.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import duckdb
import polars as pl
import pytest

import warehouse
from core import contract
from helpers.schemas import V1_TABLES
from core.contract import TABLES, Filler, Kind, Table
from expectations.validate import DQ_ISSUES_SCHEMA
from transform.records import DEPARTMENT_TASKS_SCHEMA, GOAL_TABLES_SCHEMA, INDICATORS_SCHEMA
from warehouse.load import MADE_HERE
from warehouse.schema import VIEW_COLUMNS, VIEWS

ROOT = Path(__file__).resolve().parents[2]

DUCKDB = {Kind.TEXT: "VARCHAR", Kind.INTEGER: "INTEGER", Kind.MONEY: "DECIMAL(18,4)", Kind.NUMBER: "DOUBLE",
          Kind.BOOLEAN: "BOOLEAN", Kind.TIMESTAMP: "TIMESTAMP"}
POLARS = {Kind.TEXT: pl.String(), Kind.INTEGER: pl.Int32(), Kind.MONEY: pl.Decimal(18, 4), Kind.NUMBER: pl.Float64(),
          Kind.BOOLEAN: pl.Boolean(), Kind.TIMESTAMP: pl.Datetime("us")}

# The frame each room hands over for a table, where the room keeps it.
FRAME_SCHEMAS: dict[str, dict[str, pl.DataType]] = {
    "goal_tables": GOAL_TABLES_SCHEMA, "indicators": INDICATORS_SCHEMA,
    "department_tasks": DEPARTMENT_TASKS_SCHEMA, "dq_issues": DQ_ISSUES_SCHEMA,
}
FRAME_TABLES = [t for t in TABLES if t.filler is not Filler.WAREHOUSE]


def _ids(tables: list[Table] | tuple[Table, ...]) -> list[str]:
    return [t.name for t in tables]


@pytest.fixture(scope="module")
def con(tmp_path_factory: pytest.TempPathFactory):
    """A warehouse file made the way every command makes one, read by DuckDB's own catalog."""
    path = tmp_path_factory.mktemp("contract") / "w.duckdb"
    with warehouse.connect(path) as con:
        yield con


def _columns(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> list[tuple]:
    return con.execute("SELECT column_name, data_type, is_nullable, column_default, comment FROM duckdb_columns()"
                       " WHERE schema_name = ? AND table_name = ? ORDER BY column_index", [schema, table]).fetchall()


def test_the_contract_is_well_formed():
    assert len({t.name for t in TABLES}) == len(TABLES)
    for table in TABLES:
        names = [c.name for c in table.columns]
        assert len(set(names)) == len(names), table.name
        assert all(not table.column(k).null for k in table.key), table.name
        assert all(c.meaning for c in table.view_columns), table.name
        if table.filler is Filler.WAREHOUSE:
            assert not any(c.made_here for c in table.columns), table.name  # made_here only means something for a frame
    made = {c.name for t in FRAME_TABLES for c in t.columns if c.made_here}
    assert made == set(MADE_HERE), "warehouse/load.py adds exactly the columns the contract says it makes"


def test_the_ground_contract_imports_no_engine():
    tree = ast.parse((ROOT / "core" / "contract.py").read_text(encoding="utf-8"))
    imported = {a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    imported |= {n.module.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
    assert imported <= {"__future__", "dataclasses", "enum"}


@pytest.mark.parametrize("table", TABLES, ids=_ids(TABLES))
def test_the_store_table_is_the_contract_ddl(con: duckdb.DuckDBPyConnection, table: Table):
    expected = [(c.name, DUCKDB[c.kind], c.null, None if c.default is None else f"'{c.default}'")
                for c in table.columns]
    assert [row[:4] for row in _columns(con, "store", table.name)] == expected
    keys = con.execute("SELECT constraint_column_names FROM duckdb_constraints() WHERE schema_name = 'store'"
                       " AND table_name = ? AND constraint_type = 'PRIMARY KEY'", [table.name]).fetchall()
    assert [tuple(k) for (k,) in keys] == ([table.key] if table.key else [])


@pytest.mark.parametrize("table", TABLES, ids=_ids(TABLES))
def test_the_view_is_the_contract_with_its_comments(con: duckdb.DuckDBPyConnection, table: Table):
    expected = [(c.name, DUCKDB[c.kind], c.meaning) for c in table.view_columns]
    assert [(name, kind, comment) for name, kind, _, _, comment in _columns(con, "main", table.name)] == expected
    (comment,) = con.execute("SELECT comment FROM duckdb_views() WHERE schema_name = 'main' AND view_name = ?",
                             [table.name]).fetchall()[0]
    assert comment == table.meaning
    assert con.sql(f"SELECT * FROM main.{table.name}").columns == [c.name for c in table.view_columns]


def test_the_views_warehouse_modules_use_are_the_contracts():
    assert [name for name, *_ in VIEWS] == [t.name for t in TABLES]
    assert VIEW_COLUMNS == {t.name: tuple(c.name for c in t.view_columns) for t in TABLES}


def test_a_migrated_version_1_file_has_the_contract_columns(tmp_path: Path):
    """A column added to the contract without a migration is missing from every older file: it fails here."""
    db = tmp_path / "v1.duckdb"
    with duckdb.connect(str(db)) as old:
        old.execute(V1_TABLES)
    with warehouse.connect(db) as con:
        for table in TABLES:
            found = [(name, kind) for name, kind, *_ in _columns(con, "store", table.name)]
            assert found == [(c.name, DUCKDB[c.kind]) for c in table.columns], table.name


@pytest.mark.parametrize("table", FRAME_TABLES, ids=_ids(FRAME_TABLES))
def test_the_polars_schema_is_the_contract(table: Table):
    schema = FRAME_SCHEMAS[table.name]
    assert list(schema) == ["seq", *(c.name for c in table.columns if not c.made_here and c.name != "seq")]
    assert list(schema.items()) == [(c.name, POLARS[c.kind]) for c in table.frame_columns]


@pytest.mark.parametrize("table", FRAME_TABLES, ids=_ids(FRAME_TABLES))
def test_a_frame_goes_into_its_store_table_without_a_cast(con: duckdb.DuckDBPyConnection, table: Table):
    """DuckDB's reading of an empty frame has the store's types: polars and DuckDB mappings agree."""
    frame = pl.DataFrame(schema=FRAME_SCHEMAS[table.name])  # noqa: F841 - read by name in the SQL below (DuckDB replacement scan)
    seen = {row[0]: row[1] for row in con.sql("DESCRIBE SELECT * FROM frame").fetchall()}
    store = {name: kind for name, kind, *_ in _columns(con, "store", table.name)}
    assert {c: seen[c] for c in seen if c in store} == {c: store[c] for c in seen if c in store}
    assert seen["seq"] == "INTEGER"


def _doc_sections(text: str) -> dict[str, tuple[str, list[tuple[str, str, str]]]]:
    """view → (its comment, [(column, type, meaning), ...]) as docs/schema.md writes them."""
    sections = {}
    for block in re.split(r"^## ", text, flags=re.M)[1:]:
        lines = block.splitlines()
        name = lines[0].strip("`")
        rows = [tuple(cell.strip() for cell in line.strip("|").split(" | ")) for line in lines[6:] if line]
        sections[name] = (lines[2], [(c.strip("`"), k, m) for c, k, m in rows])
    return sections


def test_docs_schema_md_is_the_contract():
    sections = _doc_sections((ROOT / "docs" / "schema.md").read_text(encoding="utf-8"))
    assert list(sections)[:len(TABLES)] == [t.name for t in TABLES]  # the contract's views first, in its order
    for table in TABLES:
        assert sections[table.name] == (
            table.meaning, [(c.name, DUCKDB[c.kind], c.meaning.replace("|", "/")) for c in table.view_columns])


def test_the_contract_has_no_view_named_twice_with_the_derived_ones():
    from warehouse.derived import DERIVED_VIEWS

    assert not {t.name for t in TABLES} & {name for name, *_ in DERIVED_VIEWS}


def test_each_room_maps_every_kind_as_the_contract_means_it():
    from transform import records
    from warehouse import schema

    assert set(DUCKDB) == set(POLARS) == set(Kind)
    assert records.POLARS == POLARS and schema.DUCKDB == DUCKDB
    assert contract.SEQ.kind is Kind.INTEGER and not contract.SEQ.null
