"""The DuckDB schema: the contract's views column for column, idempotent set-up, migration of a version-1 file."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

import warehouse
from core.contract import BY_NAME
from core.errors import UsageError
from helpers.schemas import V1_TABLES
from warehouse.schema import SCHEMA_VERSION, ensure_schema

# Copied from /work/shared/contract.md, in its order, then the columns later issues added at the end
# (kind: issue 3; fund_source … target_flags: issue 4; budget_executed, execution_rate, actual_raw … deviation_reason:
# issue 15, contract.md's "Added since the first version"); the views must return exactly these.
CONTRACT = {
    "documents": ["doc_id", "path", "sha256", "format", "status", "error", "n_tables", "ingested_at"],
    "goal_tables": ["table_id", "doc_id", "seq", "page", "unit_code", "unit_name", "fiscal_year", "project_name",
                    "budget_total", "budget_fiscal", "budget_other", "purpose", "goal_text", "kind",
                    "fund_source", "project_base_name", "budget_carryover", "money_unit", "budget_executed",
                    "execution_rate", "execution_weight", "execution_score"],
    "indicators": ["table_id", "row_no", "level1", "level2", "level3", "description", "target_raw", "target_op",
                   "target_value", "target_value_max", "target_unit", "level1_std", "level2_std",
                   "is_quantitative", "source_page", "source_ref",
                   "target_value_std", "target_unit_std", "indicator_key", "target_flags", "actual_raw", "actual_op",
                   "actual_value", "actual_unit", "actual_value_std", "weight", "score", "deviation_reason"],
    "dq_issues": ["run_id", "table_id", "row_no", "rule", "severity", "message"],
}


def _columns(con: duckdb.DuckDBPyConnection, view: str) -> list[tuple[str, str]]:
    return con.execute("SELECT column_name, data_type FROM information_schema.columns"
                       " WHERE table_schema = 'main' AND table_name = ? ORDER BY ordinal_position", [view]).fetchall()


def _keys(con: duckdb.DuckDBPyConnection) -> dict[str, list[str]]:
    rows = con.execute("SELECT table_name, constraint_column_names FROM duckdb_constraints()"
                       " WHERE schema_name = 'store' AND constraint_type = 'PRIMARY KEY'").fetchall()
    return dict(rows)


@pytest.mark.parametrize("view", sorted(CONTRACT))
def test_the_contract_table_in_code_is_the_shared_contract(view: str):
    """core/contract.py makes the DDL and the frames; this hand copy pins it to the shared contract."""
    assert [c.name for c in BY_NAME[view].view_columns] == CONTRACT[view]


@pytest.mark.parametrize("view", sorted(CONTRACT))
def test_views_return_the_contract_columns_in_order(tmp_path: Path, view: str):
    with warehouse.connect(tmp_path / "w.duckdb") as con:
        assert [c for c, _ in _columns(con, view)] == CONTRACT[view]
        assert con.sql(f"SELECT * FROM {view}").columns == CONTRACT[view]


def test_money_is_decimal_18_4_and_ids_are_text(tmp_path: Path):
    with warehouse.connect(tmp_path / "w.duckdb") as con:
        types = dict(_columns(con, "goal_tables"))
    assert {types[c] for c in ("budget_total", "budget_fiscal", "budget_other")} == {"DECIMAL(18,4)"}
    assert types["table_id"] == types["doc_id"] == "VARCHAR"


def test_ensure_schema_is_idempotent_and_keyed(tmp_path: Path):
    db = tmp_path / "w.duckdb"
    for _ in range(2):
        warehouse.connect(db).close()
    with warehouse.connect(db) as con:
        ensure_schema(con)
        assert con.execute("SELECT * FROM store.schema_version").fetchall() == [(SCHEMA_VERSION,)]
        assert _keys(con) == {"documents": ["doc_id"], "goal_tables": ["table_id"],
                              "indicators": ["table_id", "row_no"], "ingest_runs": ["run_id"],
                              "department_tasks": ["table_id", "row_no"], "indicator_families": ["indicator_key"],
                              "family_overrides": ["indicator_key"], "units": ["unit_id"]}
        comments = con.execute("SELECT column_name, comment FROM duckdb_columns()"
                               " WHERE schema_name = 'main' AND table_name = 'goal_tables'").fetchall()
        view_comment = con.execute("SELECT comment FROM duckdb_views() WHERE view_name = 'indicators'").fetchall()
    assert all(comment for _, comment in comments) and "万元" in dict(comments)["budget_total"]
    assert "indicator" in view_comment[0][0]


def test_a_version_1_file_is_migrated_and_keeps_its_rows(tmp_path: Path):
    db = tmp_path / "v1.duckdb"
    with duckdb.connect(str(db)) as con:
        con.execute(V1_TABLES)
        con.execute("INSERT INTO store.documents VALUES (?, '/in/a.docx', 'aa', 'docx', 'loaded', NULL, 0,"
                    " TIMESTAMP '2025-01-01 00:00:00', 'r1')", [warehouse.doc_id_of("/in/a.docx")])
    with warehouse.connect(db) as con:
        assert con.execute("SELECT * FROM store.schema_version").fetchall() == [(SCHEMA_VERSION,)]
        assert "documents" in _keys(con)
        assert warehouse.known_documents(con)["/in/a.docx"].status == "loaded"
        run_id = warehouse.start_run(con)
        warehouse.record_document(con, run_id=run_id, path="/in/a.docx", sha256="bb", format="docx",
                                  status="no_goal_tables")
        assert con.execute("SELECT doc_id, sha256, status FROM documents").fetchall() == [
            (warehouse.doc_id_of("/in/a.docx"), "bb", "no_goal_tables")]


def test_a_file_from_a_newer_perfgoals_is_refused(tmp_path: Path):
    db = tmp_path / "w.duckdb"
    with warehouse.connect(db) as con:
        con.execute("UPDATE store.schema_version SET version = ?", [SCHEMA_VERSION + 1])
    with pytest.raises(UsageError, match="newer"):
        warehouse.connect(db)
