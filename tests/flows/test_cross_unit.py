"""Acceptance of issue 4 on real files: families, units and standard values in the warehouse, pins, migration."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest

from db_rows import rows as _rows
from helpers.cli import ingest_into, runner
from helpers.paths import SAMPLES
from perfgoals.cli import app
from score_families import run as score_corpus
from warehouse.schema import SCHEMA_VERSION


pytestmark = pytest.mark.usefixtures("no_prefect_server")


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path, result = ingest_into(tmp_path, SAMPLES)
    assert result.exit_code == 0, result.output
    return path


def test_satisfaction_families_of_the_samples(db: Path):
    """Acceptance 3: one row per real 满意度 family, with the units that state it."""
    result = runner.invoke(app, ["sql", "select family_name, n_units from family_stats"
                                        " where family_name like '%满意度%' order by 1", "--db", str(db), "--format", "csv"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "family_name,n_units"
    assert sorted(lines[1:]) == sorted(["受救助人满意度,2", "当事人满意度,1", "干警满意度,4", "车辆使用者满意度,1"])
    assert _rows(db, "SELECT min_value, median_value, max_value, target_unit_std FROM family_stats"
                     " WHERE family_name = '干警满意度'") == [(90.0, 95.0, 98.0, "%")]


def test_every_sample_target_parses_or_is_flagged(db: Path):
    """Acceptance 1: a target that starts like a number is a number, or carries the flag that says why not."""
    rows = _rows(db, "SELECT target_raw, is_quantitative, target_flags FROM indicators")
    assert len(rows) > 100
    numeric_start = re.compile(r"^[≥≤<>=＝]?\s*\d")
    unexplained = [raw for raw, quantitative, flags in rows if numeric_start.match(raw) and not quantitative and not flags]
    assert unexplained == []
    assert ("100有限促进", False, "number_glued_to_words") in rows


def test_standard_values_fund_sources_and_units(db: Path):
    assert _rows(db, "SELECT DISTINCT target_raw, target_value_std, target_unit_std FROM indicators"
                     " WHERE target_raw IN ('300000元', '1年', '≥95%') ORDER BY 1") == [
        ("1年", 365.0, "天"), ("300000元", 30.0, "万元"), ("≥95%", 95.0, "%")]
    assert _rows(db, "SELECT DISTINCT project_name, fund_source, project_base_name FROM goal_tables"
                     " WHERE project_name LIKE '司法救助%' OR project_name LIKE '宝坻%' ORDER BY 1") == [
        ("司法救助-2023中央", "中央", "司法救助"), ("司法救助-2023市级", "市级", "司法救助"),
        ("宝坻法院邮寄送达费", None, "宝坻法院邮寄送达费")]
    assert _rows(db, "SELECT count(*), count(DISTINCT unit_code) FROM units") == [(4, 4)]
    # the seed's 邮寄费 rows are told apart by their descriptions
    assert _rows(db, "SELECT DISTINCT indicator_key FROM indicators WHERE level3 = '邮寄费' ORDER BY 1") == [
        ("同城邮寄费",), ("异地邮寄费",)]


def test_a_pin_survives_the_next_ingest(db: Path):
    pin = runner.invoke(app, ["family", "pin", "当事人满意度", "干警满意度", "--db", str(db)])
    assert pin.exit_code == 0 and "当事人满意度 → 干警满意度" in pin.output
    assert runner.invoke(app, ["ingest", str(SAMPLES), "--db", str(db)]).exit_code == 0
    assert _rows(db, "SELECT n_units, n_keys FROM family_stats WHERE family_name = '干警满意度'") == [(4, 2)]
    assert _rows(db, "SELECT pinned FROM indicator_families WHERE indicator_key = '当事人满意度'") == [(True,)]
    unpin = runner.invoke(app, ["family", "unpin", "当事人满意度", "--db", str(db)])
    assert unpin.exit_code == 0 and "pin removed" in unpin.output
    assert _rows(db, "SELECT family_name FROM indicator_families WHERE indicator_key = '当事人满意度'") == [
        ("当事人满意度",)]
    again = runner.invoke(app, ["family", "unpin", "当事人满意度", "--db", str(db)])
    assert again.exit_code == 0 and "was not pinned" in again.output


def test_a_version_3_warehouse_reads_its_files_again(db: Path, tmp_path: Path):
    """Schema 4's columns are computed when a file is read: migrating makes the next run read every file."""
    with duckdb.connect(str(db)) as con:
        for table, column in (("goal_tables", "fund_source"), ("goal_tables", "project_base_name"),
                              ("indicators", "target_value_std"), ("indicators", "target_unit_std"),
                              ("indicators", "indicator_key"), ("indicators", "target_flags")):
            con.execute(f"DROP VIEW IF EXISTS main.{table}")
            con.execute(f"ALTER TABLE store.{table} DROP COLUMN {column}")
        con.execute("UPDATE store.schema_version SET version = 3")
    result = runner.invoke(app, ["ingest", str(SAMPLES), "--db", str(db)])
    assert result.exit_code == 0 and "5 loaded" in result.output, result.output
    assert _rows(db, "SELECT count(*) FROM indicators WHERE indicator_key IS NULL") == [(0,)]
    assert "5 unchanged" in runner.invoke(app, ["ingest", str(SAMPLES), "--db", str(db)]).output


def test_a_version_4_warehouse_gains_the_money_columns_and_reads_its_files_again(db: Path):
    """Schema 5 adds 上年结转资金 and the stated money unit, and the new reader reads every file again."""
    with duckdb.connect(str(db)) as con:
        con.execute("DROP VIEW IF EXISTS main.goal_tables")
        for column in ("budget_carryover", "money_unit"):
            con.execute(f"ALTER TABLE store.goal_tables DROP COLUMN {column}")
        con.execute("UPDATE store.schema_version SET version = 4")
    result = runner.invoke(app, ["ingest", str(SAMPLES), "--db", str(db)])
    assert result.exit_code == 0 and "5 loaded" in result.output, result.output
    assert _rows(db, "SELECT DISTINCT money_unit FROM goal_tables ORDER BY 1") == [("万元",), ("元",)]
    assert _rows(db, "SELECT max(version) FROM store.schema_version") == [(SCHEMA_VERSION,)]  # migrated to the current version


def test_family_assignment_on_the_generated_corpus():
    """Acceptance 2: precision and recall of families over pairs of rows, 30 generated courts."""
    score = score_corpus(n_units=30, seed=0)
    assert score.n_rows > 800
    assert score.precision >= 0.95 and score.recall >= 0.95, (score.precision, score.recall, score.wrongly_apart)
