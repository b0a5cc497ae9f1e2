"""Opening and reading the warehouse: one writer at a time, read-only queries, status counts."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers.frames import BAODI, JIZHOU, NINGHE, frames, goal, indicator

import warehouse
from core.errors import UsageError, WarehouseBusyError

ROOT = Path(__file__).resolve().parents[2]

OPEN = """
import sys
from core.errors import WarehouseBusyError
from warehouse.connect import connect
try:
    con = connect(sys.argv[1], read_only=sys.argv[2] == "ro")
except WarehouseBusyError as exc:
    print(exc)
    sys.exit(3)
print("open", flush=True)
sys.stdin.readline()  # hold the connection until the test says so
"""


def _other_process(db: Path, mode: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", OPEN, str(db), mode], cwd=ROOT, text=True,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _load_units(db: Path) -> None:
    """Three units: 干警满意度 in all (两 targets in 蓟州), 同城邮寄费 (under 三级 邮寄费) in two, one unit-only row."""
    postage = dict(description="同城邮寄费", op="=", unit="元/件")
    docs = {
        JIZHOU: frames([goal(1, unit=JIZHOU), goal(2, unit=JIZHOU)],
                       [indicator(1, 1, "干警满意度", "95%", op="=", value=95.0),
                        indicator(1, 2, "邮寄费", "20元/件", value=20.0, **postage),
                        indicator(2, 1, "干警满意度", "≥90%", value=90.0)]),
        NINGHE: frames([goal(1, unit=NINGHE)],
                       [indicator(1, 1, "干警满意度"), indicator(1, 2, "邮寄费", "18元/件", value=18.0, **postage),
                        indicator(1, 3, "受救助人满意度")]),
        BAODI: frames([goal(1, unit=BAODI, year=2024)], [indicator(1, 1, "干警满意度", "≥90%", value=90.0)]),
    }
    with warehouse.connect(db) as con:
        run_id = warehouse.start_run(con)
        for n, (unit, doc) in enumerate(docs.items()):
            warehouse.record_document(con, run_id=run_id, path=f"/inbox/{n}.docx", sha256=str(n), format="docx",
                                      status="loaded", frames=doc)
        warehouse.record_document(con, run_id=run_id, path="/inbox/bad.pdf", sha256="x", format="pdf",
                                  status="failed", error="损坏")


def test_a_second_process_is_told_which_program_holds_the_file(tmp_path: Path):
    db = tmp_path / "w.duckdb"
    with warehouse.connect(db):
        for mode in ("rw", "ro"):  # a reader cannot open the file while a writer holds it either
            done = subprocess.run([sys.executable, "-c", OPEN, str(db), mode], cwd=ROOT, capture_output=True,
                                  text=True, timeout=60, input="")
            assert done.returncode == 3, done.stderr
            assert f"is in use by another program (PID {os.getpid()}: " in done.stdout and str(db) in done.stdout
    assert WarehouseBusyError.transient


def test_a_query_in_the_writing_process_is_busy_too(tmp_path: Path):
    db = tmp_path / "w.duckdb"
    with warehouse.connect(db), pytest.raises(WarehouseBusyError, match="This program already has the warehouse"):
        warehouse.run_query(db, "SELECT 1")


def test_run_query_is_read_only_and_shares_the_file_with_other_readers(tmp_path: Path):
    db = tmp_path / "w.duckdb"
    _load_units(db)
    reader = _other_process(db, "ro")
    try:
        assert reader.stdout.readline().strip() == "open", reader.stderr.read()
        columns, rows = warehouse.run_query(db, "SELECT unit_name, count(*) AS n FROM goal_tables"
                                                " GROUP BY 1 ORDER BY 1")
        assert columns == ["unit_name", "n"] and rows == [(NINGHE[1], 1), (BAODI[1], 1), (JIZHOU[1], 2)]
        with pytest.raises(UsageError, match="read-only"):
            warehouse.run_query(db, "DELETE FROM store.documents")
    finally:
        reader.communicate("\n", timeout=60)
    assert warehouse.run_query(db, "SELECT count(*) FROM documents")[1] == [(4,)]


def test_run_query_on_a_missing_file_says_to_ingest_first_and_creates_nothing(tmp_path: Path):
    with pytest.raises(UsageError, match="perfgoals ingest"):
        warehouse.run_query(tmp_path / "none.duckdb", "SELECT 1")
    assert not (tmp_path / "none.duckdb").exists()


def test_files_that_cannot_be_a_warehouse_are_usage_errors(tmp_path: Path):
    (tmp_path / "notes.duckdb").write_text("unit,amount\n" * 100)
    with pytest.raises(UsageError, match="not a DuckDB database"):
        warehouse.connect(tmp_path / "notes.duckdb")
    with pytest.raises(UsageError, match="No such folder"):
        warehouse.connect(tmp_path / "missing" / "w.duckdb")


def test_status_counts_on_an_open_connection(tmp_path: Path):
    db = tmp_path / "w.duckdb"
    _load_units(db)
    with warehouse.connect(db, read_only=True) as con:
        assert warehouse.status_counts(con) == {"loaded": 3, "no_goal_tables": 0, "failed": 1, "duplicate": 0}
