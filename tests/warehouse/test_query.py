"""warehouse.query on real DuckDB files: ad-hoc SQL on read-only connections, and status counts."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from helpers.frames import JIZHOU, NINGHE, WUQING, frames, goal, indicator

from core.errors import UsageError, WarehouseBusyError
from warehouse import connect, record_document, run_query, start_run, status_counts

ROOT = Path(__file__).resolve().parents[2]
LONG_EXPLANATION = "已结案件数占受理案件数的比例，反映审判工作的效率和质量水平"

# The units' documents: (path, goal tables, indicator rows).
DOCUMENTS = [
    ("/data/jizhou.docx",
     [goal(1, unit=JIZHOU, project="审判业务经费"), goal(2, unit=JIZHOU, project="信息化运维经费")],
     [indicator(1, 1),
      indicator(1, 2, "邮寄费", "≤20元/件", op="<=", value=20.0, unit="元/件", description="同城邮寄费"),
      indicator(1, 3, "案件受理数量", "≥3000件", value=3000.0, unit="件", description="民事案件受理数量"),
      indicator(2, 1)]),
    ("/data/ninghe.docx",
     [goal(1, unit=NINGHE, project="审判业务经费", total=Decimal("60.0000"))],
     [indicator(1, 1),
      indicator(1, 2, "邮寄费", "≤18元/件", op="<=", value=18.0, unit="元/件", description="同城邮寄费")]),
    ("/data/wuqing.pdf",
     [goal(1, unit=WUQING, project="诉讼服务经费", page=1)],
     [indicator(1, 1, target="98%", op="=", value=98.0),
      indicator(1, 2),
      indicator(1, 3, "结案率", "≥90%", value=90.0, description=LONG_EXPLANATION)]),
    ("/data/no_unit.docx",  # a table without a unit name is never compared
     [goal(1, unit=(None, None))],
     [indicator(1, 1), indicator(1, 2, "邮寄费", "≤5元/件", op="<=", value=5.0, unit="元/件", description="同城邮寄费")]),
]

def build(db: Path, documents=DOCUMENTS) -> Path:
    con = connect(db)
    try:
        run_id = start_run(con)
        for n, (path, goals, rows) in enumerate(documents):
            record_document(con, run_id=run_id, path=path, sha256=f"{n:064d}", format=Path(path).suffix[1:],
                            status="loaded", frames=frames(goals, rows))
    finally:
        con.close()
    return db


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A closed warehouse file with the four documents (tests only read it)."""
    return build(tmp_path_factory.mktemp("query") / "warehouse.duckdb")


@pytest.fixture
def small_db(tmp_path: Path) -> Path:
    """A warehouse file of its own, for the tests that open it for writing."""
    return build(tmp_path / "warehouse.duckdb", DOCUMENTS[:1])


# --- run_query ---------------------------------------------------------------------------------------------


def test_run_query_returns_columns_and_rows(db):
    columns, rows = run_query(db, "SELECT unit_code, count(*) AS n FROM goal_tables GROUP BY 1 ORDER BY 1")
    assert columns == ["unit_code", "n"]
    assert rows == [("216101", 2), ("216102", 1), ("216103", 1), (None, 1)]


def test_run_query_returns_exact_decimals(db):
    _, rows = run_query(db, "SELECT budget_total FROM goal_tables WHERE unit_code = '216102'")
    assert rows == [(Decimal("60.0000"),)]


def test_run_query_with_no_rows_still_has_columns(db):
    assert run_query(db, "SELECT path, status FROM documents WHERE false") == (["path", "status"], [])


def test_run_query_on_a_missing_file_names_it(tmp_path):
    missing = tmp_path / "nowhere.duckdb"
    with pytest.raises(UsageError, match="No warehouse at") as caught:
        run_query(missing, "SELECT 1")
    assert str(missing) in str(caught.value)
    assert not missing.exists()


def test_run_query_on_a_file_that_is_not_a_warehouse(tmp_path):
    junk = tmp_path / "notes.duckdb"
    junk.write_text("not a database\n" * 100)
    with pytest.raises(UsageError, match="is not a DuckDB database"):
        run_query(junk, "SELECT 1")
    assert junk.read_text() == "not a database\n" * 100


def test_run_query_with_bad_sql_is_a_usage_error(db):
    with pytest.raises(UsageError, match="The query failed"):
        run_query(db, "SELEC * FROM goal_tables")
    with pytest.raises(UsageError, match="no_such_table"):
        run_query(db, "SELECT * FROM no_such_table")


def test_run_query_cannot_write(db):
    with pytest.raises(UsageError, match="read-only"):
        run_query(db, "CREATE TABLE x (a INT)")
    with pytest.raises(UsageError, match="read-only"):
        run_query(db, "DELETE FROM store.documents")
    assert run_query(db, "SELECT count(*) FROM documents")[1] == [(4,)]
    assert run_query(db, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'x'")[1] == [(0,)]


def test_run_query_alongside_another_reader(db):
    reader = connect(db, read_only=True)
    try:
        assert run_query(db, "SELECT count(*) FROM indicators")[1] == [(11,)]
        assert reader.execute("SELECT count(*) FROM goal_tables").fetchall() == [(5,)]
    finally:
        reader.close()


def test_run_query_while_this_process_writes_is_busy(small_db):
    writer = connect(small_db)
    try:
        with pytest.raises(WarehouseBusyError):
            run_query(small_db, "SELECT 1")
    finally:
        writer.close()
    assert run_query(small_db, "SELECT count(*) FROM goal_tables")[1] == [(2,)]


HOLD_FOR_WRITING = """
import sys
from warehouse.connect import connect
con = connect(sys.argv[1])
print("ready", flush=True)
sys.stdin.read()
con.close()
"""


def test_run_query_while_another_process_writes_is_busy(small_db):
    writer = subprocess.Popen([sys.executable, "-c", HOLD_FOR_WRITING, str(small_db)], cwd=ROOT, text=True,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        assert writer.stdout.readline() == "ready\n"
        with pytest.raises(WarehouseBusyError, match=rf"is in use by another program \(PID {writer.pid}: "):
            run_query(small_db, "SELECT 1")  # a program, not an ingest: the message does not say "ingest"
    finally:
        writer.communicate("", timeout=30)
    assert writer.returncode == 0
    assert run_query(small_db, "SELECT count(*) FROM goal_tables")[1] == [(2,)]


def test_status_counts(db):
    assert status_counts(db) == {"loaded": 4, "no_goal_tables": 0, "failed": 0, "duplicate": 0}
