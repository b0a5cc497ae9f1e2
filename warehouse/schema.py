"""The warehouse's DDL, in one place: base tables in schema ``store``, the contract's views in ``main``.

The loader writes the ``store`` tables; analysts query the views, whose
columns are exactly the contract's, so a table can gain bookkeeping columns
(run ids) without changing what ``SELECT *`` on a view returns. The
contract's tables, their views and the views' COMMENTs are made from
``core.contract`` (the same table transform/'s polars schemas are made
from), so the DDL cannot drift from the frames; the tables only the
warehouse reads (families, units, state) and the migrations, which record
history, stay written out here.
"""

from __future__ import annotations

import duckdb

from core.contract import (
    DEPARTMENT_TASKS,
    DOCUMENTS,
    DQ_ISSUES,
    GOAL_TABLES,
    INDICATORS,
    INGEST_RUNS,
    Column,
    Kind,
    Table,
)
from core.contract import TABLES as CONTRACT_TABLES
from core.errors import UsageError
from warehouse.derived import DERIVED_VIEWS
from warehouse.txn import transaction

SCHEMA_VERSION = 6

# The contract's logical types as DuckDB stores them.
DUCKDB: dict[Kind, str] = {
    Kind.TEXT: "VARCHAR", Kind.INTEGER: "INTEGER", Kind.MONEY: "DECIMAL(18,4)", Kind.NUMBER: "DOUBLE",
    Kind.BOOLEAN: "BOOLEAN", Kind.TIMESTAMP: "TIMESTAMP",
}


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _column_ddl(column: Column) -> str:
    not_null = "" if column.null else " NOT NULL"
    default = "" if column.default is None else f" DEFAULT {_quote(column.default)}"
    return f"{column.name} {DUCKDB[column.kind]}{not_null}{default}"


def create_table(table: Table) -> str:
    """``CREATE TABLE IF NOT EXISTS store.<table>`` with the contract's columns, in its order, and its key."""
    parts = [_column_ddl(c) for c in table.columns] + ([f"PRIMARY KEY ({', '.join(table.key)})"] if table.key else [])
    return f"CREATE TABLE IF NOT EXISTS store.{table.name} (\n    " + ",\n    ".join(parts) + "\n);"


TABLES = f"""
CREATE SCHEMA IF NOT EXISTS store;
CREATE TABLE IF NOT EXISTS store.schema_version (version INTEGER NOT NULL);
{create_table(DOCUMENTS)}
{create_table(GOAL_TABLES)}
{create_table(DEPARTMENT_TASKS)}
{create_table(INDICATORS)}
CREATE TABLE IF NOT EXISTS store.indicator_families (
    indicator_key VARCHAR NOT NULL PRIMARY KEY, family_id VARCHAR NOT NULL, family_name VARCHAR NOT NULL,
    pinned BOOLEAN NOT NULL
);
CREATE TABLE IF NOT EXISTS store.family_overrides (
    indicator_key VARCHAR NOT NULL PRIMARY KEY, family_name VARCHAR NOT NULL, pinned_at TIMESTAMP NOT NULL
);
CREATE TABLE IF NOT EXISTS store.units (
    unit_id VARCHAR NOT NULL PRIMARY KEY, unit_code VARCHAR, unit_name VARCHAR NOT NULL, aliases VARCHAR[]
);
CREATE TABLE IF NOT EXISTS store.unit_aliases (written_code VARCHAR, written_name VARCHAR, unit_id VARCHAR NOT NULL);
-- true from a load until families and units are recomputed: a run killed between the two recomputes on the next
CREATE TABLE IF NOT EXISTS store.derived_state (stale BOOLEAN NOT NULL);
INSERT INTO store.derived_state SELECT true WHERE NOT EXISTS (SELECT 1 FROM store.derived_state);
{create_table(DQ_ISSUES)}
{create_table(INGEST_RUNS)}
"""

# version reached → statements that bring a file of the version before up to it
MIGRATIONS: dict[int, tuple[str, ...]] = {
    2: (  # version 1 had no keys; its loader kept them unique
        "ALTER TABLE store.documents ADD PRIMARY KEY (doc_id)",
        "ALTER TABLE store.goal_tables ADD PRIMARY KEY (table_id)",
        "ALTER TABLE store.indicators ADD PRIMARY KEY (table_id, row_no)",
        "ALTER TABLE store.ingest_runs ADD PRIMARY KEY (run_id)",
    ),
    3: (  # department-level tables: their kind, and their 年度主要任务 rows (created by TABLES)
        "ALTER TABLE store.goal_tables ADD COLUMN kind VARCHAR DEFAULT 'project'",
    ),
    4: (  # comparable indicators: standard values, keys, fund sources (families and units: created by TABLES)
        "ALTER TABLE store.goal_tables ADD COLUMN fund_source VARCHAR",
        "ALTER TABLE store.goal_tables ADD COLUMN project_base_name VARCHAR",
        "ALTER TABLE store.indicators ADD COLUMN target_value_std DOUBLE",
        "ALTER TABLE store.indicators ADD COLUMN target_unit_std VARCHAR",
        "ALTER TABLE store.indicators ADD COLUMN indicator_key VARCHAR",
        "ALTER TABLE store.indicators ADD COLUMN target_flags VARCHAR",
        # The new columns are computed when a file is read: make every document read again on the next run
        # (a changed sha256 is what tells a run to read a file).
        "UPDATE store.documents SET sha256 = 'reread-for-schema-4:' || sha256",
    ),
    5: (  # real layouts: 上年结转资金, the money unit a table states; read every file again (new reader)
        "ALTER TABLE store.goal_tables ADD COLUMN IF NOT EXISTS budget_carryover DECIMAL(18,4)",
        "ALTER TABLE store.goal_tables ADD COLUMN IF NOT EXISTS money_unit VARCHAR",
        "UPDATE store.documents SET sha256 = 'reread-for-schema-5:' || sha256",
    ),
    6: (  # self-evaluations (绩效自评表): those files failed before, so they are read again without a nudge
        "ALTER TABLE store.goal_tables ADD COLUMN IF NOT EXISTS budget_executed DECIMAL(18,4)",
        "ALTER TABLE store.goal_tables ADD COLUMN IF NOT EXISTS execution_rate DOUBLE",
        "ALTER TABLE store.goal_tables ADD COLUMN IF NOT EXISTS execution_weight DOUBLE",
        "ALTER TABLE store.goal_tables ADD COLUMN IF NOT EXISTS execution_score DOUBLE",
        "ALTER TABLE store.indicators ADD COLUMN IF NOT EXISTS actual_raw VARCHAR",
        "ALTER TABLE store.indicators ADD COLUMN IF NOT EXISTS actual_op VARCHAR",
        "ALTER TABLE store.indicators ADD COLUMN IF NOT EXISTS actual_value DOUBLE",
        "ALTER TABLE store.indicators ADD COLUMN IF NOT EXISTS actual_unit VARCHAR",
        "ALTER TABLE store.indicators ADD COLUMN IF NOT EXISTS actual_value_std DOUBLE",
        "ALTER TABLE store.indicators ADD COLUMN IF NOT EXISTS weight DOUBLE",
        "ALTER TABLE store.indicators ADD COLUMN IF NOT EXISTS score DOUBLE",
        "ALTER TABLE store.indicators ADD COLUMN IF NOT EXISTS deviation_reason VARCHAR",
    ),
}

# The contract's views: (view, what a row is, ((column, meaning), ...)), columns in the contract's order.
VIEWS: tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...] = tuple(
    (t.name, t.meaning, tuple((c.name, c.meaning) for c in t.view_columns)) for t in CONTRACT_TABLES)

VIEW_COLUMNS: dict[str, tuple[str, ...]] = {name: tuple(c for c, _ in cols) for name, _, cols in VIEWS}


def stored_version(con: duckdb.DuckDBPyConnection) -> int | None:
    """The schema version recorded in the file, or None for a file perfgoals has not set up."""
    exists = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'store' AND table_name = 'schema_version'"
    ).fetchall()[0][0]
    if not exists:
        return None
    return con.execute("SELECT max(version) FROM store.schema_version").fetchall()[0][0]


def _apply(con: duckdb.DuckDBPyConnection) -> None:
    version = stored_version(con)
    if version is not None and version > SCHEMA_VERSION:
        raise UsageError(f"该数据库由更新版本的 perfgoals 创建（版本 {version}），请升级 perfgoals。"
                         f" This warehouse has schema version {version}, newer than this perfgoals"
                         f" ({SCHEMA_VERSION}); upgrade perfgoals.")
    con.execute(TABLES)
    for target in range(version + 1 if version else SCHEMA_VERSION + 1, SCHEMA_VERSION + 1):
        for statement in MIGRATIONS.get(target, ()):
            con.execute(statement)
    if version != SCHEMA_VERSION:
        con.execute("DELETE FROM store.schema_version")
        con.execute("INSERT INTO store.schema_version VALUES (?)", [SCHEMA_VERSION])
    views = [(name, comment, columns, f"SELECT {', '.join(c for c, _ in columns)} FROM store.{name}")
             for name, comment, columns in VIEWS]
    for name, comment, columns, select in [*views, *DERIVED_VIEWS]:
        con.execute(f"CREATE OR REPLACE VIEW main.{name} AS {select}")
        con.execute(f"COMMENT ON VIEW main.{name} IS {_quote(comment)}")
        for column, meaning in columns:
            con.execute(f"COMMENT ON COLUMN main.{name}.{column} IS {_quote(meaning)}")


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create what is missing, migrate an older file, and (re)create the views, in one transaction.

    Safe to run on every writable connection; raises UsageError for a file
    written by a newer perfgoals.
    """
    with transaction(con):
        _apply(con)
