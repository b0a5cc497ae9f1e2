"""The warehouse's DDL, in one place: base tables in schema ``store``, the contract's views in ``main``.

Analysts query the views; the loader writes the tables. Keeping the two
apart lets a table gain bookkeeping columns (run ids) without changing
what ``SELECT *`` on a view returns. No primary-key constraints: DuckDB
checks them eagerly, which breaks delete-then-insert of the same key in one
transaction; ``load.py`` keeps keys unique instead.
"""

from __future__ import annotations

import duckdb

SCHEMA_VERSION = 1

TABLES = """
CREATE SCHEMA IF NOT EXISTS store;
CREATE TABLE IF NOT EXISTS store.schema_version (version INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS store.documents (
    doc_id VARCHAR NOT NULL, path VARCHAR NOT NULL, sha256 VARCHAR NOT NULL, format VARCHAR NOT NULL,
    status VARCHAR NOT NULL, error VARCHAR, n_tables INTEGER NOT NULL, ingested_at TIMESTAMP NOT NULL,
    run_id VARCHAR NOT NULL
);
CREATE TABLE IF NOT EXISTS store.goal_tables (
    table_id VARCHAR NOT NULL, doc_id VARCHAR NOT NULL, seq INTEGER NOT NULL, page INTEGER,
    unit_code VARCHAR, unit_name VARCHAR, fiscal_year INTEGER, project_name VARCHAR,
    budget_total DECIMAL(18,4), budget_fiscal DECIMAL(18,4), budget_other DECIMAL(18,4),
    purpose VARCHAR, goal_text VARCHAR
);
CREATE TABLE IF NOT EXISTS store.indicators (
    table_id VARCHAR NOT NULL, row_no INTEGER NOT NULL, level1 VARCHAR, level2 VARCHAR, level3 VARCHAR,
    description VARCHAR, target_raw VARCHAR, target_op VARCHAR, target_value DOUBLE, target_value_max DOUBLE,
    target_unit VARCHAR, level1_std VARCHAR, level2_std VARCHAR, is_quantitative BOOLEAN,
    source_page INTEGER, source_ref VARCHAR
);
CREATE TABLE IF NOT EXISTS store.dq_issues (
    run_id VARCHAR NOT NULL, table_id VARCHAR NOT NULL, row_no INTEGER, rule VARCHAR NOT NULL,
    severity VARCHAR NOT NULL, message VARCHAR NOT NULL
);
CREATE TABLE IF NOT EXISTS store.ingest_runs (
    run_id VARCHAR NOT NULL, started_at TIMESTAMP NOT NULL, finished_at TIMESTAMP, flow_run_id VARCHAR,
    n_documents INTEGER, n_loaded INTEGER, n_unchanged INTEGER, n_duplicate INTEGER,
    n_no_goal_tables INTEGER, n_failed INTEGER
);
"""

VIEWS = {
    "documents": "SELECT doc_id, path, sha256, format, status, error, n_tables, ingested_at FROM store.documents",
    "goal_tables": (
        "SELECT table_id, doc_id, seq, page, unit_code, unit_name, fiscal_year, project_name, budget_total,"
        " budget_fiscal, budget_other, purpose, goal_text FROM store.goal_tables"
    ),
    "indicators": (
        "SELECT table_id, row_no, level1, level2, level3, description, target_raw, target_op, target_value,"
        " target_value_max, target_unit, level1_std, level2_std, is_quantitative, source_page, source_ref"
        " FROM store.indicators"
    ),
    "dq_issues": "SELECT run_id, table_id, row_no, rule, severity, message FROM store.dq_issues",
    "ingest_runs": "SELECT * FROM store.ingest_runs",
}

COMMENTS = {
    "documents": "One row per path seen by perfgoals ingest, with its status and, when it failed, why.",
    "goal_tables": "One row per performance goal table (one project or one whole department); money in 万元.",
    "indicators": "One row per indicator row of a goal table, target parsed into operator, value and unit.",
    "dq_issues": "One row per failed data-quality check of a goal table or indicator.",
    "ingest_runs": "One row per ingest run, with counts of documents by outcome.",
}


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create the tables and views that are missing; safe to run on every connection."""
    con.execute(TABLES)
    for name, select in VIEWS.items():
        con.execute(f"CREATE OR REPLACE VIEW main.{name} AS {select}")
        con.execute(f"COMMENT ON VIEW main.{name} IS '{COMMENTS[name]}'")
    if not con.execute("SELECT count(*) FROM store.schema_version").fetchall()[0][0]:
        con.execute("INSERT INTO store.schema_version VALUES (?)", [SCHEMA_VERSION])
