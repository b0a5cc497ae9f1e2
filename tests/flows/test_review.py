"""Acceptance of issue 5 end to end: review a unit, unit_quality, Data Docs per run, a bureau's rules file."""

from __future__ import annotations

from pathlib import Path

import pytest

from db_rows import rows as _rows
from helpers.cli import ingest_into, runner
from helpers.paths import SAMPLES
from perfgoals.cli import app


pytestmark = pytest.mark.usefixtures("no_prefect_server")


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    db, result = ingest_into(tmp_path_factory.mktemp("review"), SAMPLES)
    assert result.exit_code == 0, result.output
    return db, result.output


def test_review_of_the_seed_unit(loaded):
    db, _ = loaded
    result = runner.invoke(app, ["review", "天津市蓟州区人民法院", "--db", str(db)])
    assert result.exit_code == 1  # error-level issues: tables to send back
    out = result.output
    assert out.startswith("天津市蓟州区人民法院: 6 errors, 0 warnings")
    docx = out[out.index("jizhou_court_2023.docx · 第1张"):out.index("jizhou_court_2023.pdf")]
    assert docx.index("per_capita_unit") < docx.index("number_glued_to_words") < docx.index("第4张") < docx.index(
        "name_cut_off")
    for text in ("≥242人/件", "100有限促进", "车辆集中停放、统一管理、统一调"):
        assert text in out


def test_review_by_unit_code_and_of_a_clean_unit(loaded):
    db, _ = loaded
    assert runner.invoke(app, ["review", "216101", "--db", str(db)]).exit_code == 1
    clean = runner.invoke(app, ["review", "天津市宁河区人民法院", "--db", str(db)])
    assert clean.exit_code == 0 and "no issues" in clean.output


def test_review_of_an_unknown_unit_lists_the_units(loaded):
    db, _ = loaded
    result = runner.invoke(app, ["review", "某某法院", "--db", str(db)])
    assert result.exit_code == 2
    assert "No unit named 某某法院" in result.output and "天津市宁河区人民法院" in result.output


def test_unit_quality(loaded):
    db, _ = loaded
    assert _rows(db, "SELECT * FROM unit_quality ORDER BY unit_name") == [
        ("天津市宁河区人民法院", 3, 29, 0, 0, 0.931, 1.0),
        ("天津市宝坻区人民法院", 2, 16, 0, 0, 0.9375, 1.0),
        ("天津市武清区人民法院", 3, 31, 0, 0, 0.9355, 1.0),
        ("天津市蓟州区人民法院", 8, 80, 6, 0, 0.975, 0.5),
    ]


def test_each_run_writes_data_docs_where_the_summary_says(loaded):
    db, output = loaded
    index = db.with_name("w-docs") / "index.html"
    assert f"Data Docs (checks of this run): {index}" in output.replace("\n", "")
    assert index.is_file()
    pages = {p.parent.parent.parent.name for p in (index.parent / "validations").rglob("*.html")}
    assert pages == {"goal_tables", "indicators"}
    html = (index.parent / "expectations" / "indicators.html").read_text(encoding="utf-8")
    assert "per_capita_unit" in html or "per_person" in html


def test_a_bureau_rules_file_changes_what_is_recorded(tmp_path: Path):
    rules = tmp_path / "rules.toml"
    rules.write_text('[per_capita_unit]\nseverity = "warning"\n[name_cut_off]\nseverity = "off"\n', encoding="utf-8")
    db = tmp_path / "w.duckdb"
    result = runner.invoke(app, ["ingest", str(SAMPLES / "jizhou_court_2023.docx"), "--db", str(db),
                                 "--rules", str(rules), "--docs", str(tmp_path / "docs")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "docs" / "index.html").is_file()
    assert _rows(db, "SELECT rule, severity FROM dq_issues ORDER BY rule") == [
        ("number_glued_to_words", "error"), ("per_capita_unit", "warning")]


def test_a_bad_rules_file_stops_the_run_before_it_starts(tmp_path: Path):
    rules = tmp_path / "rules.toml"
    rules.write_text('[rate_range]\nseverity = "fatal"\n', encoding="utf-8")
    db = tmp_path / "w.duckdb"
    result = runner.invoke(app, ["ingest", str(SAMPLES), "--db", str(db), "--rules", str(rules)])
    assert result.exit_code == 2 and "must be error, warning or off" in result.output
    assert not db.exists()


def test_errors_only_leaves_out_warnings(tmp_path: Path):
    rules = tmp_path / "rules.toml"
    rules.write_text('[per_capita_unit]\nseverity = "warning"\n', encoding="utf-8")
    db = tmp_path / "w.duckdb"
    assert runner.invoke(app, ["ingest", str(SAMPLES / "jizhou_court_2023.docx"), "--db", str(db),
                               "--rules", str(rules)]).exit_code == 0
    full = runner.invoke(app, ["review", "216101", "--db", str(db)])
    errors = runner.invoke(app, ["review", "216101", "--db", str(db), "--errors-only"])
    assert "per_capita_unit" in full.output and "2 errors, 1 warnings" in full.output
    assert "per_capita_unit" not in errors.output and "2 errors, 0 warnings" in errors.output
