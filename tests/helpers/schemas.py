"""Warehouses as earlier versions of perfgoals wrote them, to check the migrations."""

# The DDL of schema version 1 (warehouse/schema.py before keys were added), to check the migration.
V1_TABLES = """
CREATE SCHEMA store;
CREATE TABLE store.schema_version (version INTEGER NOT NULL);
INSERT INTO store.schema_version VALUES (1);
CREATE TABLE store.documents (doc_id VARCHAR NOT NULL, path VARCHAR NOT NULL, sha256 VARCHAR NOT NULL,
    format VARCHAR NOT NULL, status VARCHAR NOT NULL, error VARCHAR, n_tables INTEGER NOT NULL,
    ingested_at TIMESTAMP NOT NULL, run_id VARCHAR NOT NULL);
CREATE TABLE store.goal_tables (table_id VARCHAR NOT NULL, doc_id VARCHAR NOT NULL, seq INTEGER NOT NULL,
    page INTEGER, unit_code VARCHAR, unit_name VARCHAR, fiscal_year INTEGER, project_name VARCHAR,
    budget_total DECIMAL(18,4), budget_fiscal DECIMAL(18,4), budget_other DECIMAL(18,4), purpose VARCHAR,
    goal_text VARCHAR);
CREATE TABLE store.indicators (table_id VARCHAR NOT NULL, row_no INTEGER NOT NULL, level1 VARCHAR, level2 VARCHAR,
    level3 VARCHAR, description VARCHAR, target_raw VARCHAR, target_op VARCHAR, target_value DOUBLE,
    target_value_max DOUBLE, target_unit VARCHAR, level1_std VARCHAR, level2_std VARCHAR, is_quantitative BOOLEAN,
    source_page INTEGER, source_ref VARCHAR);
CREATE TABLE store.dq_issues (run_id VARCHAR NOT NULL, table_id VARCHAR NOT NULL, row_no INTEGER,
    rule VARCHAR NOT NULL, severity VARCHAR NOT NULL, message VARCHAR NOT NULL);
CREATE TABLE store.ingest_runs (run_id VARCHAR NOT NULL, started_at TIMESTAMP NOT NULL, finished_at TIMESTAMP,
    flow_run_id VARCHAR, n_documents INTEGER, n_loaded INTEGER, n_unchanged INTEGER, n_duplicate INTEGER,
    n_no_goal_tables INTEGER, n_failed INTEGER);
"""
