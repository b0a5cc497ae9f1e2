"""Every view exported, read back by DuckDB and by polars, equals the view."""

from __future__ import annotations

from pathlib import Path

import duckdb
import openpyxl
import polars as pl
import pytest
from typer.testing import CliRunner

from perfgoals.cli import app
from warehouse.export import view_names

SAMPLES = Path(__file__).parents[2] / "samples"
runner = CliRunner()


@pytest.fixture(scope="module")
def db(samples_db: Path) -> Path:
    return samples_db


def _view(db: Path, view: str) -> pl.DataFrame:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.sql(f"SELECT * FROM {view}").pl()


def _same(a: pl.DataFrame, b: pl.DataFrame) -> bool:
    key = a.columns
    return a.select(key).sort(key).equals(b.select(key).sort(key))


def test_parquet_read_back_by_duckdb_and_polars_equals_every_view(db: Path, tmp_path: Path):
    result = runner.invoke(app, ["export", str(tmp_path), "--format", "parquet", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        v if v in ("goal_tables", "cross_unit") else f"{v}.parquet" for v in view_names())
    assert (tmp_path / "goal_tables" / "fiscal_year=2023").is_dir()
    for view in view_names():
        expected = _view(db, view)
        target = tmp_path / view if (tmp_path / view).is_dir() else tmp_path / f"{view}.parquet"
        pattern = f"{target}/**/*.parquet" if target.is_dir() else str(target)
        by_polars = pl.read_parquet(pattern, hive_partitioning=target.is_dir()).with_columns(
            *(pl.col(c).cast(expected.schema[c]) for c in expected.columns))
        by_duckdb = duckdb.sql(f"SELECT * FROM read_parquet('{pattern}', hive_partitioning = true)").pl().with_columns(
            *(pl.col(c).cast(expected.schema[c]) for c in expected.columns))
        assert _same(expected, by_polars), view
        assert _same(expected, by_duckdb), view


def test_csv_and_xlsx(db: Path, tmp_path: Path):
    assert runner.invoke(app, ["export", str(tmp_path / "csv"), "--format", "csv", "--db", str(db)]).exit_code == 0
    csv = pl.read_csv(tmp_path / "csv" / "documents.csv")
    assert csv.height == 5 and csv.columns == _view(db, "documents").columns
    assert runner.invoke(app, ["export", str(tmp_path / "x"), "--format", "xlsx", "--db", str(db)]).exit_code == 0
    book = openpyxl.load_workbook(tmp_path / "x" / "perfgoals.xlsx", read_only=True)
    assert book.sheetnames == [v[:31] for v in view_names()]
    rows = list(book["indicators"].values)
    assert rows[0] == tuple(_view(db, "indicators").columns) and len(rows) == _view(db, "indicators").height + 1


def test_the_data_dictionary_documents_every_column_and_docs_schema_md_is_current(tmp_path: Path):
    out = tmp_path / "schema.md"
    assert runner.invoke(app, ["schema", "--write", str(out)]).exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert text == (Path(__file__).parents[2] / "docs" / "schema.md").read_text(encoding="utf-8"), \
        "docs/schema.md is out of date: run `perfgoals schema --write docs/schema.md`"
    rows = [line for line in text.splitlines() if line.startswith("| `")]
    assert rows and all(not line.endswith("|  |") for line in rows)
    for view in view_names():
        assert f"## `{view}`" in text
