"""record_document on a real DuckDB file: idempotent, replaces a changed document, keeps rows on failure."""

from __future__ import annotations

import hashlib
from decimal import Decimal
from pathlib import Path

import duckdb
import polars as pl
import pytest
from test_warehouse_frames import NINGHE, goal_table, indicator, make_frames, make_issues

import warehouse
from transform.records import Frames

PATH, COPY = "/inbox/jizhou_court_2023.docx", "/inbox/jizhou_copy.docx"
SHA, SHA2 = "1" * 64, "2" * 64


@pytest.fixture
def con(tmp_path: Path):
    with warehouse.connect(tmp_path / "w.duckdb") as con:
        yield con


def _record(con: duckdb.DuckDBPyConnection, status: str = "loaded", *, path: str = PATH, sha: str = SHA,
            **kw: object) -> int:
    return warehouse.record_document(con, run_id=warehouse.start_run(con), path=path, sha256=sha, format="docx",
                                     status=status, **kw)


def _doc() -> tuple[Frames, pl.DataFrame]:
    frames = make_frames(goal_table(1, indicator("干警满意度"), indicator("邮寄费", "20元/件", description="同城邮寄费",
                                                                       op="=", value=20.0, unit="元/件")),
                         goal_table(2, budget_total="17.5", page=4))
    return frames, make_issues((1, None, "budget_sum"), (2, 1, "target_unit"))


def _snapshot(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple]]:
    """Every view's rows, sorted, without ingested_at and run_id (which differ by run)."""
    return {
        "documents": con.execute("SELECT * EXCLUDE (ingested_at) FROM documents ORDER BY path").fetchall(),
        "goal_tables": con.execute("SELECT * FROM goal_tables ORDER BY table_id").fetchall(),
        "indicators": con.execute("SELECT * FROM indicators ORDER BY table_id, row_no").fetchall(),
        "dq_issues": con.execute("SELECT * EXCLUDE (run_id) FROM dq_issues ORDER BY ALL").fetchall(),
    }


def _document(con: duckdb.DuckDBPyConnection, path: str = PATH) -> tuple:
    return con.execute("SELECT status, error, n_tables, sha256 FROM documents WHERE path = ?", [path]).fetchall()[0]


def test_ids_are_stable_and_derived_from_the_path_and_seq(con):
    frames, issues = _doc()
    assert _record(con, frames=frames, issues=issues) == 2
    doc_id = hashlib.sha1(PATH.encode()).hexdigest()[:16]
    assert warehouse.doc_id_of(PATH) == doc_id
    assert con.execute("SELECT table_id, doc_id, seq FROM goal_tables ORDER BY seq").fetchall() == [
        (f"{doc_id}-1", doc_id, 1), (f"{doc_id}-2", doc_id, 2)]
    assert warehouse.table_id_of(doc_id, 2) == f"{doc_id}-2"
    assert con.execute("SELECT DISTINCT table_id FROM indicators ORDER BY 1").fetchall() == [
        (f"{doc_id}-1",), (f"{doc_id}-2",)]


def test_recording_the_same_document_twice_changes_nothing(con):
    frames, issues = _doc()
    _record(con, frames=frames, issues=issues)
    _record(con, path=COPY, sha=SHA2, frames=frames, issues=issues)
    before = _snapshot(con)
    assert _record(con, frames=frames, issues=issues) == 2
    assert _snapshot(con) == before
    assert [len(v) for v in before.values()] == [2, 4, 6, 4]


def test_a_changed_document_replaces_all_its_old_rows(con):
    frames, issues = _doc()
    _record(con, frames=frames, issues=issues)
    _record(con, path=COPY, sha=SHA2, frames=frames, issues=issues)
    others = {k: [r for r in v if warehouse.doc_id_of(COPY) in str(r)] for k, v in _snapshot(con).items()}
    changed = make_frames(goal_table(1, indicator("结案率", "≥90%", value=90.0), unit_name=NINGHE))
    assert _record(con, sha="3" * 64, frames=changed) == 1
    doc_id = warehouse.doc_id_of(PATH)
    assert con.execute("SELECT table_id, unit_name FROM goal_tables WHERE doc_id = ?", [doc_id]).fetchall() == [
        (f"{doc_id}-1", NINGHE)]
    assert con.execute("SELECT row_no, level3 FROM indicators WHERE table_id LIKE ?", [f"{doc_id}-%"]).fetchall() == [
        (1, "结案率")]
    assert con.execute("SELECT count(*) FROM dq_issues WHERE table_id LIKE ?", [f"{doc_id}-%"]).fetchall() == [(0,)]
    assert _document(con) == ("loaded", None, 1, "3" * 64)
    assert {k: [r for r in v if warehouse.doc_id_of(COPY) in str(r)] for k, v in _snapshot(con).items()} == others


def test_a_failed_record_keeps_what_the_path_loaded_before(con):
    frames, issues = _doc()
    _record(con, frames=frames, issues=issues)
    before = _snapshot(con)
    assert _record(con, "failed", sha=SHA2, error="文件已损坏。 The file is damaged.") == 2
    after = _snapshot(con)
    assert {k: after[k] for k in ("goal_tables", "indicators", "dq_issues")} == {
        k: before[k] for k in ("goal_tables", "indicators", "dq_issues")}
    assert _document(con) == ("failed", "文件已损坏。 The file is damaged.", 2, SHA2)
    assert _record(con, sha=SHA2, frames=frames, issues=issues) == 2  # fixed: loads again, error cleared
    assert _document(con) == ("loaded", None, 2, SHA2)


def test_a_new_path_that_fails_has_no_rows(con):
    assert _record(con, "failed", error="文件为空") == 0
    assert _document(con) == ("failed", "文件为空", 0, SHA)


@pytest.mark.parametrize("status", ["duplicate", "no_goal_tables"])
def test_duplicate_and_no_goal_tables_record_no_rows_and_replace_old_ones(con, status):
    frames, issues = _doc()
    _record(con, frames=frames, issues=issues)
    assert _record(con, status, sha=SHA2) == 0
    assert _document(con) == (status, None, 0, SHA2)
    assert [len(v) for v in _snapshot(con).values()] == [1, 0, 0, 0]


def test_planner_lookups(con):
    frames, _ = _doc()
    _record(con, frames=frames)
    _record(con, "duplicate", path=COPY)
    _record(con, "failed", path="/inbox/broken.pdf", sha=SHA2, error="损坏")
    known = warehouse.known_documents(con)
    assert known[PATH] == warehouse.KnownDoc(SHA, "loaded", warehouse.doc_id_of(PATH))
    assert (known[COPY].status, known["/inbox/broken.pdf"].status) == ("duplicate", "failed")
    assert warehouse.loaded_path_for_sha(con, SHA) == PATH
    assert warehouse.loaded_path_for_sha(con, SHA, exclude=PATH) is None
    assert warehouse.loaded_path_for_sha(con, SHA2) is None  # failed bytes are not in the warehouse
    assert warehouse.loaded_shas(con) == {SHA: PATH}


def test_money_round_trips_exactly(con):
    amounts = ["0.0001", "99999999999999.9999", "398", None, "-12.3456"]
    tables = [goal_table(n, budget_total=a) for n, a in enumerate(amounts, 1)]
    _record(con, frames=make_frames(*tables))
    got = con.execute("SELECT budget_total, budget_fiscal, typeof(budget_total) FROM goal_tables ORDER BY seq")
    assert [(t, f) for t, f, _ in got.fetchall()] == [(Decimal(a), Decimal(a)) if a else (None, None) for a in amounts]
    back = con.sql("SELECT budget_total FROM goal_tables ORDER BY seq").pl()
    assert back.schema["budget_total"] == pl.Decimal(18, 4)


def test_an_error_inside_the_transaction_rolls_everything_back(con):
    frames, issues = _doc()
    _record(con, frames=frames, issues=issues)
    before = _snapshot(con)
    bad = make_frames(goal_table(1))
    bad = Frames(bad.goal_tables, bad.indicators.with_columns(pl.lit("九十五").alias("target_value")))
    with pytest.raises(duckdb.ConversionException):  # goal_tables already inserted when indicators fail
        _record(con, sha=SHA2, frames=bad)
    assert _snapshot(con) == before
    assert _record(con, sha=SHA2, frames=frames) == 2  # the connection is still usable


@pytest.mark.parametrize(("kw", "message"), [
    ({"path": "inbox/a.docx"}, "absolute"),
    ({"status": "unchanged"}, "status"),
    ({"status": "failed"}, "error"),
    ({"status": "loaded", "frames": None}, "goal tables"),
    ({"status": "duplicate"}, "goal tables"),
    ({"frames": make_frames(goal_table(1), goal_table(1))}, "unique"),
    ({"issues": make_issues((9, None, "r"))}, "seq"),
    ({"frames": Frames(_doc()[0].goal_tables, _doc()[0].indicators.with_columns(pl.lit(None, pl.Int32).alias("seq")))},
     "seq"),
])
def test_calls_the_contract_does_not_allow_write_nothing(con, kw, message):
    args = {"status": "loaded", "frames": _doc()[0]} | kw
    with pytest.raises(ValueError, match=message):
        _record(con, **args)
    assert con.execute("SELECT count(*) FROM store.documents").fetchall() == [(0,)]


def test_a_run_records_its_counts(con):
    run_id = warehouse.start_run(con, flow_run_id="f-1")
    assert run_id < warehouse.start_run(con) or run_id[:15] == warehouse.start_run(con)[:15]
    warehouse.finish_run(con, run_id, {"loaded": 3, "unchanged": 2, "failed": 1})
    assert con.execute("SELECT flow_run_id, n_documents, n_loaded, n_unchanged, n_duplicate, n_no_goal_tables,"
                       " n_failed, finished_at >= started_at FROM ingest_runs WHERE run_id = ?",
                       [run_id]).fetchall() == [("f-1", 6, 3, 2, 0, 0, 1, True)]
    with pytest.raises(ValueError, match="unknown"):
        warehouse.finish_run(con, run_id, {"skipped": 1})
    with pytest.raises(ValueError, match="no ingest run"):
        warehouse.finish_run(con, "nope", {})
