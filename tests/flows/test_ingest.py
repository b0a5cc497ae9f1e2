"""`perfgoals ingest` end to end on real files: statuses, idempotency, duplicates, bad input, exit codes."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from db_rows import rows as _rows
from helpers.cli import runner
from helpers.paths import DATA, SAMPLES
from perfgoals.cli import app


pytestmark = pytest.mark.usefixtures("no_prefect_server")


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    folder = tmp_path / "inbox"
    shutil.copytree(SAMPLES, folder, ignore=shutil.ignore_patterns("*.md"))
    return folder


def _ingest(*args: str):
    return runner.invoke(app, ["ingest", *args])


def _snapshot(db: Path) -> dict[str, list[tuple]]:
    return {
        "documents": _rows(db, "SELECT doc_id, path, sha256, format, status, error, n_tables FROM documents ORDER BY 1"),
        "goal_tables": _rows(db, "SELECT * FROM goal_tables ORDER BY table_id"),
        "indicators": _rows(db, "SELECT * FROM indicators ORDER BY table_id, row_no"),
        "dq_issues": _rows(db, "SELECT table_id, row_no, rule, message FROM dq_issues ORDER BY ALL"),
    }


def test_samples_load_and_a_second_run_changes_nothing(inbox: Path, tmp_path: Path):
    db = tmp_path / "w.duckdb"
    first = _ingest(str(inbox), "--db", str(db))
    assert first.exit_code == 0, first.output
    assert first.output.count("loaded") >= 5
    before = _snapshot(db)
    assert {r[4] for r in before["documents"]} == {"loaded"}
    second = _ingest(str(inbox), "--db", str(db))
    assert second.exit_code == 0 and "5 unchanged" in second.output
    assert _snapshot(db) == before


@pytest.mark.parametrize("name", ["jizhou_court_2023.docx", "jizhou_court_2023.pdf"])
def test_the_seed_in_the_warehouse(inbox: Path, tmp_path: Path, name: str):
    db = tmp_path / "w.duckdb"
    assert _ingest(str(inbox / name), "--db", str(db)).exit_code == 0
    tables = _rows(db, "SELECT seq, page, unit_code, unit_name, fiscal_year, budget_total FROM goal_tables ORDER BY seq")
    pages = [1, 2, 3, 4] if name.endswith(".pdf") else [None] * 4
    assert tables == [(i, p, "216101", "天津市蓟州区人民法院", 2023, Decimal(b))
                      for i, p, b in zip([1, 2, 3, 4], pages, ["398", "46", "28", "17"])]
    assert _rows(db, "SELECT count(*) FROM indicators") == [(40,)]
    assert _rows(db, "SELECT target_op, target_value, target_unit FROM indicators WHERE target_raw = '≥242人/件'") == [
        (">=", 242.0, "人/件")]


def test_a_copy_under_another_name_is_a_duplicate(inbox: Path, tmp_path: Path):
    db = tmp_path / "w.duckdb"
    shutil.copy(inbox / "ninghe_court_2023.docx", inbox / "ninghe_copy.docx")
    result = _ingest(str(inbox), "--db", str(db))
    assert result.exit_code == 0
    pair = _rows(db, "SELECT regexp_extract(path, '[^/]+$'), status, n_tables FROM documents"
                     " WHERE path LIKE '%ninghe%' ORDER BY path")
    # the first path in sorted order loads; the other repeats its bytes
    assert pair == [("ninghe_copy.docx", "loaded", 3), ("ninghe_court_2023.docx", "duplicate", 0)]
    assert _rows(db, "SELECT count(DISTINCT unit_name) FROM goal_tables") == [(4,)]
    again = _ingest(str(inbox), "--db", str(db))
    assert "6 unchanged" in again.output


def test_broken_files_fail_clearly_and_the_rest_loads(inbox: Path, tmp_path: Path):
    db = tmp_path / "w.duckdb"
    pdf = (inbox / "wuqing_court_2023.pdf").read_bytes()
    (inbox / "truncated.pdf").write_bytes(pdf[: len(pdf) // 2])
    (inbox / "empty.docx").write_bytes(b"")
    result = _ingest(str(inbox), "--db", str(db))
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    statuses = dict(_rows(db, "SELECT regexp_extract(path, '[^/]+$'), status FROM documents"))
    assert statuses.pop("truncated.pdf") == statuses.pop("empty.docx") == "failed"
    assert set(statuses.values()) == {"loaded"} and len(statuses) == 5
    errors = dict(_rows(db, "SELECT regexp_extract(path, '[^/]+$'), error FROM documents WHERE status = 'failed'"))
    assert "文件为空" in errors["empty.docx"] and "empty.docx" in errors["empty.docx"]
    assert "truncated.pdf" in errors["truncated.pdf"] and "PDF" in errors["truncated.pdf"]


def test_a_file_that_breaks_keeps_what_it_loaded_before(inbox: Path, tmp_path: Path):
    db = tmp_path / "w.duckdb"
    target = inbox / "wuqing_court_2023.pdf"
    assert _ingest(str(target), "--db", str(db)).exit_code == 0
    before = _snapshot(db)
    target.write_bytes(target.read_bytes()[:2000])
    assert _ingest(str(target), "--db", str(db)).exit_code == 1
    after = _snapshot(db)
    assert after["goal_tables"] == before["goal_tables"] and after["indicators"] == before["indicators"]
    assert _rows(db, "SELECT status, n_tables FROM documents") == [("failed", 3)]


def test_sql_reads_the_warehouse(inbox: Path, tmp_path: Path):
    db = tmp_path / "w.duckdb"
    _ingest(str(inbox), "--db", str(db))
    result = runner.invoke(app, ["sql", "select unit_name, count(*) as n from goal_tables group by 1 order by 1",
                                 "--db", str(db), "--format", "csv"])
    assert result.exit_code == 0
    assert result.output.splitlines()[0] == "unit_name,n"
    assert "天津市蓟州区人民法院,8" in result.output
    write = runner.invoke(app, ["sql", "create table x (a int)", "--db", str(db)])
    assert write.exit_code == 2 and "read-only" in write.output


def test_real_budget_pdfs_hold_no_goal_table(tmp_path: Path):
    real = DATA / "real"
    db = tmp_path / "w.duckdb"
    result = _ingest(str(real), "--db", str(db))
    assert result.exit_code == 0, result.output
    assert _rows(db, "SELECT status, n_tables, count(*) FROM documents GROUP BY ALL") == [("no_goal_tables", 0, 5)]
    assert _rows(db, "SELECT count(*) FROM goal_tables") == [(0,)]


def test_prune_removes_what_a_gone_file_loaded_and_only_under_the_folders_given(inbox: Path, tmp_path: Path):
    db = tmp_path / "w.duckdb"
    other = tmp_path / "other"
    other.mkdir()
    shutil.copy(inbox / "baodi_court_2023.docx", other / "elsewhere.docx")
    assert _ingest(str(inbox), str(other), "--db", str(db)).exit_code == 0
    (inbox / "ninghe_court_2023.docx").unlink()
    (other / "elsewhere.docx").unlink()
    kept = _ingest(str(inbox), "--db", str(db))  # without --prune nothing is removed
    assert kept.exit_code == 0 and _rows(db, "SELECT count(*) FROM documents") == [(6,)]
    result = _ingest(str(inbox), "--db", str(db), "--prune")
    assert result.exit_code == 0 and "pruned" in result.output and "ninghe_court_2023.docx" in result.output
    names = {r[0] for r in _rows(db, "SELECT regexp_extract(path, '[^/]+$') FROM documents")}
    assert "ninghe_court_2023.docx" not in names and "elsewhere.docx" in names  # not under the folder given
    assert _rows(db, "SELECT count(*) FROM goal_tables WHERE unit_name LIKE '%宁河%'") == [(0,)]
    assert _rows(db, "SELECT count(*) FROM units WHERE unit_name LIKE '%宁河%'") == [(0,)]
