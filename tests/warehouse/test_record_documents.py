"""warehouse.record_documents on real DuckDB files: many documents in one transaction, as if one by one.

The run loads each checked batch in one call (issue 16: a transaction per document cost 50 ms of the loading
loop); a batch must leave the warehouse exactly as recording its documents one at a time does, and a bad
record must leave nothing of its batch behind.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import duckdb
import polars as pl
import pytest
from helpers.frames import NINGHE, frames, goal, indicator, issue, issues

from transform.records import Frames
from warehouse import connect, record_document, start_run
from warehouse.load import Record, record_documents

A, B, C, D = (f"/inbox/{name}.docx" for name in "abcd")


def doc(n_tables: int, *, unit: tuple[str, str] | None = None) -> Frames:
    """``n_tables`` goal tables of two indicator rows each."""
    kw = {"unit": unit} if unit else {}
    return frames([goal(s, total=Decimal(s), fiscal=Decimal(s), **kw) for s in range(1, n_tables + 1)],
                  [indicator(s, r, f"指标{s}-{r}") for s in range(1, n_tables + 1) for r in (1, 2)])


def loaded(path: str, n_tables: int, sha: str = "1") -> Record:
    return Record(path, sha * 64, "docx", "loaded", frames=doc(n_tables),
                  issues=issues([issue(1, 1, "target_unit")]))


def snapshot(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple]]:
    """Every stored row that a recording decides, sorted (times and run ids left out)."""
    queries = {
        "documents": "SELECT doc_id, path, sha256, format, status, error, n_tables FROM store.documents",
        "goal_tables": "SELECT table_id, doc_id, seq, budget_total FROM store.goal_tables",
        "indicators": "SELECT table_id, row_no, level3 FROM store.indicators",
        "dq_issues": "SELECT table_id, row_no, rule FROM store.dq_issues",
    }
    return {name: sorted(con.execute(sql).fetchall(), key=repr) for name, sql in queries.items()}


@pytest.fixture
def con(tmp_path: Path):
    con = connect(tmp_path / "w.duckdb")
    yield con
    con.close()


# Loaded first, then the batch: A replaced by fewer tables, B failing (keeps its 3), C new, D with no goal table.
BEFORE = [loaded(A, 2), loaded(B, 3)]
BATCH = [loaded(A, 1, sha="2"), Record(B, "3" * 64, "docx", "failed", error="文件已损坏"), loaded(C, 2),
         Record(D, "4" * 64, "pdf", "no_goal_tables")]


def one_by_one(con: duckdb.DuckDBPyConnection, records: list[Record]) -> list[int]:
    run_id = start_run(con)
    return [record_document(con, run_id=run_id, path=r.path, sha256=r.sha256, format=r.format, status=r.status,
                            error=r.error, frames=r.frames, issues=r.issues) for r in records]


def test_a_batch_leaves_what_recording_one_by_one_leaves(con, tmp_path):
    record_documents(con, start_run(con), BEFORE)
    got = record_documents(con, start_run(con), BATCH)
    with connect(tmp_path / "one.duckdb") as other:
        one_by_one(other, BEFORE)
        assert got == one_by_one(other, BATCH) == [1, 3, 2, 0]
        assert snapshot(con) == snapshot(other)
    assert con.execute("SELECT count(*) FROM store.goal_tables WHERE doc_id = (SELECT doc_id FROM store.documents"
                       " WHERE path = ?)", [B]).fetchall() == [(3,)]  # the failed document kept its rows


def test_a_bad_record_leaves_nothing_of_its_batch(con):
    record_documents(con, start_run(con), BEFORE)
    before = snapshot(con)
    good = doc(1)
    bad = Frames(good.goal_tables, good.indicators.with_columns(pl.lit("九十五").alias("target_value")))
    with pytest.raises(duckdb.ConversionException):
        record_documents(con, start_run(con), [loaded(C, 2), Record(D, "5" * 64, "docx", "loaded", frames=bad)])
    assert snapshot(con) == before


def test_the_same_path_twice_in_one_call_is_refused_before_writing(con):
    with pytest.raises(ValueError, match="once per call"):
        record_documents(con, start_run(con), [loaded(A, 1), loaded(A, 2, sha="2")])
    assert snapshot(con)["documents"] == []


def test_an_indicator_must_name_a_table_of_its_own_document(con):
    """Documents' seqs overlap in a batch: an indicator on table 2 of C, which has one table, is refused even
    though A has a table 2."""
    one = doc(1)
    stray = Frames(one.goal_tables, pl.concat([one.indicators, doc(2).indicators.filter(pl.col("seq") == 2)]))
    with pytest.raises(ValueError, match="indicators.seq"):
        record_documents(con, start_run(con), [loaded(A, 2), Record(C, "3" * 64, "docx", "loaded", frames=stray)])


def test_indicator_rows_are_unique_per_document_not_across_the_batch(con):
    """Two documents may both have row 1 of table 1; one document may not have it twice."""
    assert record_documents(con, start_run(con), [loaded(A, 1), loaded(B, 1, sha="2")]) == [1, 1]
    one = doc(1)
    twice = Frames(one.goal_tables, pl.concat([one.indicators, one.indicators]))
    with pytest.raises(ValueError, match="unique"):
        record_documents(con, start_run(con), [Record(C, "3" * 64, "docx", "loaded", frames=twice)])


def test_deleting_a_batch_touches_only_its_own_documents(con):
    record_documents(con, start_run(con), [loaded(A, 2), Record(B, "2" * 64, "docx", "loaded",
                                                                   frames=doc(2, unit=NINGHE))])
    record_documents(con, start_run(con), [Record(A, "9" * 64, "docx", "no_goal_tables")])
    got = snapshot(con)
    assert {t for t, *_ in got["indicators"]} == {t for t, _, _, _ in got["goal_tables"]}
    assert sorted((path, n) for _, path, *_, n in got["documents"]) == [(A, 0), (B, 2)]
    assert len(got["goal_tables"]) == 2


def test_nothing_to_record_writes_nothing(con):
    assert record_documents(con, start_run(con), []) == []
    assert snapshot(con)["documents"] == []
