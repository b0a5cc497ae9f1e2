"""warehouse.schema / connect / load on real DuckDB files: the contract's views, and recording documents."""

from __future__ import annotations

import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import duckdb
import polars as pl
import pytest
from warehouse_frames import NINGHE, frames, goal, indicator, issue, issues

from transform.records import Frames
from warehouse import (SCHEMA_VERSION, KnownDoc, connect, doc_id_of, finish_run, known_documents, loaded_shas,
                       record_document, start_run)

ROOT = Path(__file__).resolve().parents[2]
PATH = "/data/2023/jizhou_court_2023.docx"
OTHER = "/data/2023/ninghe_court_2023.docx"
SHA, SHA2 = "a" * 64, "b" * 64

from test_warehouse_schema import CONTRACT as CONTRACT_COLUMNS  # noqa: E402 - one copy of the contract


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "warehouse.duckdb"


@pytest.fixture
def con(db: Path):
    con = connect(db)
    yield con
    con.close()


@pytest.fixture
def run_id(con) -> str:
    return start_run(con)


def two_tables() -> Frames:
    """A document with two goal tables: three indicator rows in all."""
    return frames(
        [goal(1, page=1), goal(2, project="信息化运维经费", total=Decimal("0.0001"), fiscal=None,
                               other=Decimal("0.0001"), page=3)],
        [indicator(1, 1), indicator(1, 2, "同城邮寄费", "≤20元/件", op="<=", value=20.0, unit="元/件", page=2),
         indicator(2, 1, "系统运行情况", "正常", op=None, value=None, unit=None, page=3)],
    )


def two_issues() -> pl.DataFrame:
    return issues([issue(1, None, "budget_sum", "error", "预算数不等于财政资金与其他资金之和"),
                   issue(2, 1, "qualitative_target")])


def record(con, run_id: str, path: str = PATH, sha: str = SHA, status: str = "loaded", **kw) -> int:
    return record_document(con, run_id=run_id, path=path, sha256=sha, format="docx", status=status, **kw)


def record_loaded(con, run_id: str, path: str = PATH) -> int:
    return record(con, run_id, path, frames=two_tables(), issues=two_issues())


def rows(con, sql: str, *params) -> list[tuple]:
    return con.execute(sql, list(params)).fetchall()


def document(con, path: str = PATH) -> tuple:
    """(status, error, n_tables, sha256) of the documents row of ``path``."""
    [row] = rows(con, "SELECT status, error, n_tables, sha256 FROM documents WHERE path = ?", path)
    return row


def count(con, view: str) -> int:
    return rows(con, f"SELECT count(*) FROM {view}")[0][0]


def snapshot(con) -> dict[str, list[tuple]]:
    """Every contract view's rows, sorted, without the columns that change per run (ingested_at, run_id)."""
    keep = {view: [c for c in cols if c not in ("ingested_at", "run_id")] for view, cols in CONTRACT_COLUMNS.items()}
    return {view: sorted(rows(con, f"SELECT {', '.join(cols)} FROM {view}"), key=repr) for view, cols in keep.items()}


# --- schema -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("view", CONTRACT_COLUMNS)
def test_view_has_exactly_the_contract_columns_in_order(con, view):
    got = rows(con, "SELECT column_name FROM information_schema.columns WHERE table_schema = 'main'"
                    " AND table_name = ? ORDER BY ordinal_position", view)
    assert [c for (c,) in got] == CONTRACT_COLUMNS[view]
    assert rows(con, "SELECT table_type FROM information_schema.tables WHERE table_schema = 'main'"
                     " AND table_name = ?", view) == [("VIEW",)]


def test_money_columns_are_decimal_18_4(con):
    got = rows(con, "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'main'"
                    " AND table_name = 'goal_tables' AND column_name LIKE 'budget_%' ORDER BY ordinal_position")
    assert got == [("budget_total", "DECIMAL(18,4)"), ("budget_fiscal", "DECIMAL(18,4)"),
                   ("budget_other", "DECIMAL(18,4)"), ("budget_carryover", "DECIMAL(18,4)")]


def test_money_round_trips_exactly(con, run_id):
    record_loaded(con, run_id)
    got = rows(con, "SELECT seq, budget_total, budget_fiscal, budget_other FROM goal_tables ORDER BY seq")
    assert got == [(1, Decimal("398.0000"), Decimal("398.0000"), None),
                   (2, Decimal("0.0001"), None, Decimal("0.0001"))]
    assert [str(v) for (v,) in rows(con, "SELECT budget_total FROM goal_tables ORDER BY seq")] == ["398.0000", "0.0001"]


def test_connecting_again_keeps_schema_and_data(db, con, run_id):
    record_loaded(con, run_id)
    con.close()
    again = connect(db)
    try:
        assert count(again, "goal_tables") == 2
        assert rows(again, "SELECT version FROM store.schema_version") == [(SCHEMA_VERSION,)]
    finally:
        again.close()


# --- record_document: a loaded document -----------------------------------------------------------------------


def test_doc_id_is_stable_per_path():
    assert doc_id_of(PATH) == doc_id_of(PATH)
    assert len(doc_id_of(PATH)) == 16 and int(doc_id_of(PATH), 16) >= 0
    assert doc_id_of(PATH) != doc_id_of(OTHER)


def test_loaded_document_row(con, run_id):
    assert record_loaded(con, run_id) == 2
    got = rows(con, "SELECT doc_id, path, sha256, format, status, error, n_tables FROM documents")
    assert got == [(doc_id_of(PATH), PATH, SHA, "docx", "loaded", None, 2)]
    assert rows(con, "SELECT run_id FROM store.documents") == [(run_id,)]


def test_loaded_goal_tables_rows(con, run_id):
    record_loaded(con, run_id)
    d = doc_id_of(PATH)
    got = rows(con, "SELECT table_id, doc_id, seq, page, unit_code, unit_name, fiscal_year, project_name,"
                    " purpose, goal_text FROM goal_tables ORDER BY seq")
    assert got == [
        (f"{d}-1", d, 1, 1, "216101", "天津市蓟州区人民法院", 2023, "审判业务经费", "保障审判工作正常运转", "完成年度审判任务"),
        (f"{d}-2", d, 2, 3, "216101", "天津市蓟州区人民法院", 2023, "信息化运维经费", "保障审判工作正常运转", "完成年度审判任务"),
    ]


def test_loaded_indicators_rows(con, run_id):
    record_loaded(con, run_id)
    d = doc_id_of(PATH)
    got = rows(con, "SELECT * FROM indicators ORDER BY table_id, row_no")
    assert got == [
        (f"{d}-1", 1, "满意度指标", "服务对象满意度指标", "干警满意度", "干警满意度", "≥95%", ">=", 95.0, None, "%",
         "满意度指标", "服务对象满意度指标", True, None, "table 1 row 1", None, None, None, None),
        (f"{d}-1", 2, "满意度指标", "服务对象满意度指标", "同城邮寄费", "同城邮寄费", "≤20元/件", "<=", 20.0, None, "元/件",
         "满意度指标", "服务对象满意度指标", True, 2, "table 1 row 2", None, None, None, None),
        (f"{d}-2", 1, "满意度指标", "服务对象满意度指标", "系统运行情况", "系统运行情况", "正常", None, None, None, None,
         "满意度指标", "服务对象满意度指标", False, 3, "table 2 row 1", None, None, None, None),
    ]


def test_loaded_dq_issues_rows(con, run_id):
    record_loaded(con, run_id)
    d = doc_id_of(PATH)
    assert rows(con, "SELECT * FROM dq_issues ORDER BY table_id") == [
        (run_id, f"{d}-1", None, "budget_sum", "error", "预算数不等于财政资金与其他资金之和"),
        (run_id, f"{d}-2", 1, "qualitative_target", "warning", "检查未通过"),
    ]


def test_loaded_document_without_issues_frame(con, run_id):
    assert record(con, run_id, frames=two_tables()) == 2
    assert (count(con, "goal_tables"), count(con, "indicators"), count(con, "dq_issues")) == (2, 3, 0)


def test_no_goal_tables_document(con, run_id):
    assert record(con, run_id, status="no_goal_tables", frames=frames([], [])) == 0
    assert document(con) == ("no_goal_tables", None, 0, SHA)
    assert count(con, "goal_tables") == 0


# --- re-recording -------------------------------------------------------------------------------------------


def test_recording_the_same_document_twice_is_idempotent(con, run_id):
    record_loaded(con, run_id)
    record_loaded(con, start_run(con), OTHER)
    first = snapshot(con)
    assert record_loaded(con, start_run(con)) == 2
    assert snapshot(con) == first
    assert count(con, "documents") == 2


def test_changed_document_replaces_its_rows_completely(con, run_id):
    record_loaded(con, run_id)
    changed = frames([goal(1, unit=NINGHE, project="诉讼服务经费", total=Decimal("12.5000"))],
                     [indicator(1, 1, "结案率", "≥90%", value=90.0)])
    assert record(con, start_run(con), sha=SHA2, frames=changed) == 1
    d = doc_id_of(PATH)
    assert rows(con, "SELECT table_id, unit_name, project_name, budget_total FROM goal_tables") == [
        (f"{d}-1", "天津市宁河区人民法院", "诉讼服务经费", Decimal("12.5000"))]
    assert rows(con, "SELECT table_id, row_no, level3, target_raw FROM indicators") == [(f"{d}-1", 1, "结案率", "≥90%")]
    assert count(con, "dq_issues") == 0
    assert document(con) == ("loaded", None, 1, SHA2)


def test_changed_document_leaves_other_documents_alone(con, run_id):
    record_loaded(con, run_id)
    record_loaded(con, run_id, OTHER)
    record(con, run_id, sha=SHA2, frames=frames([goal(1)], [indicator(1, 1)]))
    other = doc_id_of(OTHER)
    assert rows(con, "SELECT count(*) FROM goal_tables WHERE doc_id = ?", other) == [(2,)]
    assert rows(con, "SELECT count(*) FROM indicators WHERE table_id LIKE ?", f"{other}-%") == [(3,)]
    assert rows(con, "SELECT count(*) FROM dq_issues WHERE table_id LIKE ?", f"{other}-%") == [(2,)]


# --- failed and duplicate documents ---------------------------------------------------------------------------


def test_failed_record_keeps_the_rows_loaded_before(con, run_id):
    record_loaded(con, run_id)
    before = {view: snap for view, snap in snapshot(con).items() if view != "documents"}
    n = record(con, start_run(con), sha=SHA2, status="failed", error="文件已损坏")
    assert n == 2
    assert document(con) == ("failed", "文件已损坏", 2, SHA2)
    after = {view: snap for view, snap in snapshot(con).items() if view != "documents"}
    assert after == before


def test_failed_record_for_a_new_path(con, run_id):
    assert record(con, run_id, status="failed", error="文件有密码保护") == 0
    assert document(con) == ("failed", "文件有密码保护", 0, SHA)
    assert count(con, "goal_tables") == 0


def test_duplicate_record_has_no_rows(con, run_id):
    record_loaded(con, run_id)
    assert record(con, run_id, OTHER, status="duplicate") == 0
    assert document(con, OTHER) == ("duplicate", None, 0, SHA)
    assert rows(con, "SELECT count(*) FROM goal_tables WHERE doc_id = ?", doc_id_of(OTHER)) == [(0,)]
    assert count(con, "goal_tables") == 2


def test_duplicate_record_for_a_loaded_path_removes_its_rows(con, run_id):
    record_loaded(con, run_id)
    assert record(con, run_id, sha=SHA2, status="duplicate") == 0
    assert document(con) == ("duplicate", None, 0, SHA2)
    assert (count(con, "goal_tables"), count(con, "indicators"), count(con, "dq_issues")) == (0, 0, 0)


def test_planner_lookups(con, run_id):
    record_loaded(con, run_id)
    record(con, run_id, OTHER, status="duplicate")
    record(con, run_id, "/data/empty.docx", sha=SHA2, status="no_goal_tables")
    record(con, run_id, "/data/broken.pdf", sha="c" * 64, status="failed", error="文件已损坏")
    assert loaded_shas(con) == {SHA: PATH, SHA2: "/data/empty.docx"}
    assert known_documents(con) == {
        PATH: KnownDoc(SHA, "loaded", doc_id_of(PATH)),
        OTHER: KnownDoc(SHA, "duplicate", doc_id_of(OTHER)),
        "/data/empty.docx": KnownDoc(SHA2, "no_goal_tables", doc_id_of("/data/empty.docx")),
        "/data/broken.pdf": KnownDoc("c" * 64, "failed", doc_id_of("/data/broken.pdf")),
    }


def test_planner_lookups_on_an_empty_warehouse(con):
    assert loaded_shas(con) == {}
    assert known_documents(con) == {}


# --- transactions ------------------------------------------------------------------------------------------


def bad_frames() -> Frames:
    """Frames whose fiscal_year is text that DuckDB cannot cast to INTEGER: the goal_tables INSERT fails."""
    good = two_tables()
    return Frames(goal_tables=good.goal_tables.with_columns(pl.lit("二〇二三年").alias("fiscal_year")),
                  indicators=good.indicators)


def test_failed_insert_rolls_back_and_keeps_previous_rows(con, run_id):
    record_loaded(con, run_id)
    before = snapshot(con)
    with pytest.raises(duckdb.Error):
        record(con, start_run(con), sha=SHA2, frames=bad_frames())
    assert snapshot(con) == before
    assert document(con) == ("loaded", None, 2, SHA)


def test_failed_insert_raises_the_insert_error_itself(con, run_id):
    """Regression: unregistering the staged frame inside the aborted transaction used to raise
    "Current transaction is aborted" and hide the ConversionException."""
    with pytest.raises(duckdb.ConversionException, match="二〇二三年"):
        record(con, run_id, frames=bad_frames())


def test_connection_is_usable_after_a_rolled_back_document(con, run_id):
    with pytest.raises(duckdb.Error):
        record(con, run_id, frames=bad_frames())
    assert count(con, "documents") == 0
    assert record_loaded(con, run_id) == 2


# --- ingest runs -------------------------------------------------------------------------------------------


def test_start_and_finish_run(con):
    run_id = start_run(con, flow_run_id="flow-1")
    assert rows(con, "SELECT flow_run_id, finished_at, n_documents FROM ingest_runs WHERE run_id = ?", run_id) == [
        ("flow-1", None, None)]
    finish_run(con, run_id, {"loaded": 3, "unchanged": 2, "duplicate": 1, "failed": 1})
    got = rows(con, "SELECT n_documents, n_loaded, n_unchanged, n_duplicate, n_no_goal_tables, n_failed,"
                    " finished_at >= started_at FROM store.ingest_runs WHERE run_id = ?", run_id)
    assert got == [(7, 3, 2, 1, 0, 1, True)]
    assert rows(con, "SELECT * FROM ingest_runs") == rows(con, "SELECT * FROM store.ingest_runs")


def test_runs_get_distinct_ids(con):
    first, second = start_run(con), start_run(con)
    assert first != second
    assert count(con, "ingest_runs") == 2


# --- one writer at a time ----------------------------------------------------------------------------------

OPEN_FOR_WRITING = """
import sys
from core.errors import WarehouseBusyError
from warehouse.connect import connect
try:
    connect(sys.argv[1]).close()
except WarehouseBusyError as exc:
    print(exc)
    sys.exit(3)
"""


def test_second_process_writing_is_told_which_program_holds_the_file(db, con):
    done = subprocess.run([sys.executable, "-c", OPEN_FOR_WRITING, str(db)], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 3, done.stderr
    assert done.stdout.startswith("warehouse.duckdb: ")
    # this test's own process holds it, not an ingest: the message says so instead of blaming an ingest
    assert "Another perfgoals ingest" not in done.stdout and str(db) in done.stdout
    assert f"is in use by another program (PID {os.getpid()}: " in done.stdout
    assert "wait for it to finish (or close it) and try again" in done.stdout
