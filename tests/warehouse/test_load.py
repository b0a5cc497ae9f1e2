"""warehouse.schema / connect / load on real DuckDB files: the contract's views, and recording documents.

record_document is idempotent, replaces a changed document, keeps rows on failure and refuses the calls the
contract does not allow; the frames come from tests/helpers/frames.py, checked here against normalize.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import duckdb
import polars as pl
import pytest
from helpers.frames import NINGHE, frames, goal, indicator, issue, issues

from core.contract import BY_NAME
from expectations.validate import DQ_ISSUES_SCHEMA
from transform.normalize import normalize
from transform.records import GOAL_TABLES_SCHEMA, INDICATORS_SCHEMA, Frames, GoalTable, IndicatorRow
from warehouse import (SCHEMA_VERSION, KnownDoc, connect, doc_id_of, finish_run, known_documents, loaded_path_for_sha,
                       loaded_shas, record_document, start_run, table_id_of)

ROOT = Path(__file__).resolve().parents[2]
PATH = "/data/2023/jizhou_court_2023.docx"
OTHER = "/data/2023/ninghe_court_2023.docx"
SHA, SHA2 = "a" * 64, "b" * 64

# The views' columns as core/contract.py makes them (tests/warehouse/test_schema.py pins those to the
# shared contract, column for column).
CONTRACT_COLUMNS = {view: [c.name for c in BY_NAME[view].view_columns]
                    for view in ("documents", "goal_tables", "indicators", "dq_issues")}


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


def record_new_run(con, status: str = "loaded", *, path: str = PATH, sha: str = SHA, **kw) -> int:
    """Record one document in a run of its own."""
    return record(con, start_run(con), path, sha, status, **kw)


def postage_doc() -> tuple[Frames, pl.DataFrame]:
    """Two goal tables, 邮寄费 told apart by its description, and an issue on each table."""
    doc = frames([goal(1), goal(2, total=Decimal("17.5"), fiscal=Decimal("17.5"), page=4)],
                 [indicator(1, 1), indicator(1, 2, "邮寄费", "20元/件", description="同城邮寄费", op="=", value=20.0,
                                             unit="元/件"),
                  indicator(2, 1)])
    return doc, issues([issue(1, None, "budget_sum", message="budget_sum failed"),
                        issue(2, 1, "target_unit", message="target_unit failed")])


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
                   ("budget_other", "DECIMAL(18,4)"), ("budget_carryover", "DECIMAL(18,4)"),
                   ("budget_executed", "DECIMAL(18,4)")]


def test_money_round_trips_exactly(con, run_id):
    record_loaded(con, run_id)
    got = rows(con, "SELECT seq, budget_total, budget_fiscal, budget_other FROM goal_tables ORDER BY seq")
    assert got == [(1, Decimal("398.0000"), Decimal("398.0000"), None),
                   (2, Decimal("0.0001"), None, Decimal("0.0001"))]
    assert [str(v) for (v,) in rows(con, "SELECT budget_total FROM goal_tables ORDER BY seq")] == ["398.0000", "0.0001"]


def test_money_round_trips_exactly_at_the_limits_of_decimal_18_4(con):
    amounts = ["0.0001", "99999999999999.9999", "398", None, "-12.3456"]
    money = [None if a is None else Decimal(a) for a in amounts]
    record_new_run(con, frames=frames([goal(n, total=m, fiscal=m) for n, m in enumerate(money, 1)],
                                      [indicator(n, 1) for n in range(1, len(money) + 1)]))
    got = con.execute("SELECT budget_total, budget_fiscal, typeof(budget_total) FROM goal_tables ORDER BY seq")
    assert [(t, f) for t, f, _ in got.fetchall()] == [(Decimal(a), Decimal(a)) if a else (None, None) for a in amounts]
    back = con.sql("SELECT budget_total FROM goal_tables ORDER BY seq").pl()
    assert back.schema["budget_total"] == pl.Decimal(18, 4)


def test_connecting_again_keeps_schema_and_data(db, con, run_id):
    record_loaded(con, run_id)
    con.close()
    again = connect(db)
    try:
        assert count(again, "goal_tables") == 2
        assert rows(again, "SELECT version FROM store.schema_version") == [(SCHEMA_VERSION,)]
    finally:
        again.close()


# --- the frames the tests load ----------------------------------------------------------------------------


def test_the_builders_give_the_schemas_of_transform():
    doc = frames([goal(1), goal(2)], [indicator(1, 1), indicator(2, 1, "a"), indicator(2, 2, "b")])
    assert doc.goal_tables.schema == pl.Schema(GOAL_TABLES_SCHEMA)
    assert doc.indicators.schema == pl.Schema(INDICATORS_SCHEMA)
    assert issues([issue(1, None, "r")]).schema == pl.Schema(DQ_ISSUES_SCHEMA)
    assert doc.n_tables == 2 and doc.indicators.height == 3


def test_the_builders_give_what_normalize_gives_for_the_same_table():
    """Every column the builders set is what transform/ makes of the table as written; the rest are derived."""
    written = GoalTable(seq=1, title="项目支出绩效目标表", unit_code="216101", unit_name="天津市蓟州区人民法院",
                        money_unit="万元", project_name="审判业务经费", budget_total="398", budget_fiscal="398",
                        budget_other="", purpose="保障审判工作正常运转", goal_text="完成年度审判任务", fiscal_year=2023,
                        indicators=(IndicatorRow("满意度指标", "服务对象满意度指标", "干警满意度", "干警满意度", "≥95%",
                                                 "table 1 row 1"),
                                    IndicatorRow("满意度指标", "服务对象满意度指标", "同城邮寄费", "同城邮寄费", "≤20元/件",
                                                 "table 1 row 2", 2)))
    real = normalize([written], path="/data/2023/jizhou_court_2023.docx")
    built = frames([goal(1)], [indicator(1, 1), indicator(1, 2, "同城邮寄费", "≤20元/件", op="<=", value=20.0,
                                                       unit="元/件", page=2)])
    derived = {"fund_source", "project_base_name", "budget_carryover", "money_unit", "target_value_std",
               "target_unit_std", "indicator_key", "target_flags"}
    for table in ("goal_tables", "indicators"):
        mine, theirs = getattr(built, table), getattr(real, table)
        assert mine.schema == theirs.schema
        kept = [c for c in mine.columns if c not in derived]
        assert mine.select(kept).to_dicts() == theirs.select(kept).to_dicts(), table
        assert all(mine.get_column(c).is_null().all() for c in mine.columns if c in derived), table


# --- record_document: a loaded document -----------------------------------------------------------------------


def test_doc_id_is_stable_per_path():
    assert doc_id_of(PATH) == doc_id_of(PATH)
    assert len(doc_id_of(PATH)) == 16 and int(doc_id_of(PATH), 16) >= 0
    assert doc_id_of(PATH) != doc_id_of(OTHER)


def test_ids_are_stable_and_derived_from_the_path_and_seq(con):
    doc, found = postage_doc()
    assert record_new_run(con, frames=doc, issues=found) == 2
    doc_id = hashlib.sha1(PATH.encode()).hexdigest()[:16]
    assert doc_id_of(PATH) == doc_id
    assert rows(con, "SELECT table_id, doc_id, seq FROM goal_tables ORDER BY seq") == [
        (f"{doc_id}-1", doc_id, 1), (f"{doc_id}-2", doc_id, 2)]
    assert table_id_of(doc_id, 2) == f"{doc_id}-2"
    assert rows(con, "SELECT DISTINCT table_id FROM indicators ORDER BY 1") == [(f"{doc_id}-1",), (f"{doc_id}-2",)]


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


NO_RESULTS = (None,) * 8  # a goal table's row: no actual, weight, score or deviation reason (issue 15's columns)


def test_loaded_indicators_rows(con, run_id):
    record_loaded(con, run_id)
    d = doc_id_of(PATH)
    got = rows(con, "SELECT * FROM indicators ORDER BY table_id, row_no")
    assert got == [
        (f"{d}-1", 1, "满意度指标", "服务对象满意度指标", "干警满意度", "干警满意度", "≥95%", ">=", 95.0, None, "%",
         "满意度指标", "服务对象满意度指标", True, None, "table 1 row 1", None, None, None, None, *NO_RESULTS),
        (f"{d}-1", 2, "满意度指标", "服务对象满意度指标", "同城邮寄费", "同城邮寄费", "≤20元/件", "<=", 20.0, None, "元/件",
         "满意度指标", "服务对象满意度指标", True, 2, "table 1 row 2", None, None, None, None, *NO_RESULTS),
        (f"{d}-2", 1, "满意度指标", "服务对象满意度指标", "系统运行情况", "系统运行情况", "正常", None, None, None, None,
         "满意度指标", "服务对象满意度指标", False, 3, "table 2 row 1", None, None, None, None, *NO_RESULTS),
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
    assert [len(v) for v in first.values()] == [2, 4, 6, 4]


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


def test_a_changed_document_replaces_all_its_old_rows_and_no_other_documents(con):
    doc, found = postage_doc()
    record_new_run(con, frames=doc, issues=found)
    record_new_run(con, path=OTHER, sha=SHA2, frames=doc, issues=found)
    others = {k: [r for r in v if doc_id_of(OTHER) in str(r)] for k, v in snapshot(con).items()}
    changed = frames([goal(1, unit=NINGHE)], [indicator(1, 1, "结案率", "≥90%", value=90.0)])
    assert record_new_run(con, sha="3" * 64, frames=changed) == 1
    doc_id = doc_id_of(PATH)
    assert rows(con, "SELECT table_id, unit_name FROM goal_tables WHERE doc_id = ?", doc_id) == [
        (f"{doc_id}-1", NINGHE[1])]
    assert rows(con, "SELECT row_no, level3 FROM indicators WHERE table_id LIKE ?", f"{doc_id}-%") == [(1, "结案率")]
    assert rows(con, "SELECT count(*) FROM dq_issues WHERE table_id LIKE ?", f"{doc_id}-%") == [(0,)]
    assert document(con) == ("loaded", None, 1, "3" * 64)
    assert {k: [r for r in v if doc_id_of(OTHER) in str(r)] for k, v in snapshot(con).items()} == others


# --- failed and duplicate documents ---------------------------------------------------------------------------


def test_failed_record_keeps_the_rows_loaded_before(con, run_id):
    record_loaded(con, run_id)
    before = {view: snap for view, snap in snapshot(con).items() if view != "documents"}
    n = record(con, start_run(con), sha=SHA2, status="failed", error="文件已损坏")
    assert n == 2
    assert document(con) == ("failed", "文件已损坏", 2, SHA2)
    after = {view: snap for view, snap in snapshot(con).items() if view != "documents"}
    assert after == before
    assert record(con, start_run(con), sha=SHA2, frames=two_tables(), issues=two_issues()) == 2  # fixed: loads again
    assert document(con) == ("loaded", None, 2, SHA2)  # and the error is cleared


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


@pytest.mark.parametrize("status", ["duplicate", "no_goal_tables"])
def test_duplicate_and_no_goal_tables_for_a_loaded_path_remove_its_rows(con, run_id, status):
    record_loaded(con, run_id)
    assert record(con, run_id, sha=SHA2, status=status) == 0
    assert document(con) == (status, None, 0, SHA2)
    assert (count(con, "goal_tables"), count(con, "indicators"), count(con, "dq_issues")) == (0, 0, 0)
    assert [len(v) for v in snapshot(con).values()] == [1, 0, 0, 0]


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


def test_loaded_path_for_sha_knows_only_loaded_bytes(con):
    doc, _ = postage_doc()
    record_new_run(con, frames=doc)
    record_new_run(con, "duplicate", path=OTHER)
    record_new_run(con, "failed", path="/data/broken.pdf", sha=SHA2, error="损坏")
    known = known_documents(con)
    assert known[PATH] == KnownDoc(SHA, "loaded", doc_id_of(PATH))
    assert (known[OTHER].status, known["/data/broken.pdf"].status) == ("duplicate", "failed")
    assert loaded_path_for_sha(con, SHA) == PATH
    assert loaded_path_for_sha(con, SHA, exclude=PATH) is None
    assert loaded_path_for_sha(con, SHA2) is None  # failed bytes are not in the warehouse
    assert loaded_shas(con) == {SHA: PATH}


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


def test_an_error_in_the_indicators_rolls_back_the_goal_tables_too(con):
    doc, found = postage_doc()
    record_new_run(con, frames=doc, issues=found)
    before = snapshot(con)
    bad = frames([goal(1)], [indicator(1, 1)])
    bad = Frames(bad.goal_tables, bad.indicators.with_columns(pl.lit("九十五").alias("target_value")))
    with pytest.raises(duckdb.ConversionException):  # goal_tables already inserted when indicators fail
        record_new_run(con, sha=SHA2, frames=bad)
    assert snapshot(con) == before
    assert record_new_run(con, sha=SHA2, frames=doc) == 2  # the connection is still usable


# --- calls the contract does not allow -------------------------------------------------------------------


@pytest.mark.parametrize(("kw", "message"), [
    ({"path": "inbox/a.docx"}, "absolute"),
    ({"status": "unchanged"}, "status"),
    ({"status": "failed"}, "error"),
    ({"status": "loaded", "frames": None}, "goal tables"),
    ({"status": "duplicate"}, "goal tables"),
    ({"frames": frames([goal(1), goal(1)], [indicator(1, 1), indicator(1, 1)])}, "unique"),
    ({"issues": issues([issue(9, None, "r")])}, "seq"),
    ({"frames": Frames(postage_doc()[0].goal_tables,
                       postage_doc()[0].indicators.with_columns(pl.lit(None, pl.Int32).alias("seq")))}, "seq"),
])
def test_calls_the_contract_does_not_allow_write_nothing(con, kw, message):
    args = {"status": "loaded", "frames": postage_doc()[0]} | kw
    with pytest.raises(ValueError, match=message):
        record_new_run(con, **args)
    assert rows(con, "SELECT count(*) FROM store.documents") == [(0,)]


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


def test_a_run_records_its_counts(con):
    run_id = start_run(con, flow_run_id="f-1")
    assert run_id < start_run(con) or run_id[:15] == start_run(con)[:15]
    finish_run(con, run_id, {"loaded": 3, "unchanged": 2, "failed": 1})
    assert rows(con, "SELECT flow_run_id, n_documents, n_loaded, n_unchanged, n_duplicate, n_no_goal_tables,"
                     " n_failed, finished_at >= started_at FROM ingest_runs WHERE run_id = ?", run_id) == [
        ("f-1", 6, 3, 2, 0, 0, 1, True)]
    with pytest.raises(ValueError, match="unknown"):
        finish_run(con, run_id, {"skipped": 1})
    with pytest.raises(ValueError, match="no ingest run"):
        finish_run(con, "nope", {})


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
