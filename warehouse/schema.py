"""The warehouse's DDL, in one place: base tables in schema ``store``, the contract's views in ``main``.

The loader writes the ``store`` tables; analysts query the views, whose
columns are exactly the contract's, so a table can gain bookkeeping columns
(run ids) without changing what ``SELECT *`` on a view returns.
"""

from __future__ import annotations

import duckdb

from core.errors import UsageError
from warehouse.derived import DERIVED_VIEWS
from warehouse.txn import transaction

SCHEMA_VERSION = 5

TABLES = """
CREATE SCHEMA IF NOT EXISTS store;
CREATE TABLE IF NOT EXISTS store.schema_version (version INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS store.documents (
    doc_id VARCHAR NOT NULL PRIMARY KEY, path VARCHAR NOT NULL, sha256 VARCHAR NOT NULL, format VARCHAR NOT NULL,
    status VARCHAR NOT NULL, error VARCHAR, n_tables INTEGER NOT NULL, ingested_at TIMESTAMP NOT NULL,
    run_id VARCHAR NOT NULL
);
CREATE TABLE IF NOT EXISTS store.goal_tables (
    table_id VARCHAR NOT NULL PRIMARY KEY, doc_id VARCHAR NOT NULL, seq INTEGER NOT NULL, page INTEGER,
    unit_code VARCHAR, unit_name VARCHAR, fiscal_year INTEGER, project_name VARCHAR,
    budget_total DECIMAL(18,4), budget_fiscal DECIMAL(18,4), budget_other DECIMAL(18,4),
    purpose VARCHAR, goal_text VARCHAR, kind VARCHAR NOT NULL DEFAULT 'project', fund_source VARCHAR,
    project_base_name VARCHAR, budget_carryover DECIMAL(18,4), money_unit VARCHAR
);
CREATE TABLE IF NOT EXISTS store.department_tasks (
    table_id VARCHAR NOT NULL, row_no INTEGER NOT NULL, task VARCHAR, content VARCHAR, amount DECIMAL(18,4),
    source_ref VARCHAR, PRIMARY KEY (table_id, row_no)
);
CREATE TABLE IF NOT EXISTS store.indicators (
    table_id VARCHAR NOT NULL, row_no INTEGER NOT NULL, level1 VARCHAR, level2 VARCHAR, level3 VARCHAR,
    description VARCHAR, target_raw VARCHAR, target_op VARCHAR, target_value DOUBLE, target_value_max DOUBLE,
    target_unit VARCHAR, level1_std VARCHAR, level2_std VARCHAR, is_quantitative BOOLEAN,
    source_page INTEGER, source_ref VARCHAR, target_value_std DOUBLE, target_unit_std VARCHAR,
    indicator_key VARCHAR, target_flags VARCHAR, PRIMARY KEY (table_id, row_no)
);
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
CREATE TABLE IF NOT EXISTS store.dq_issues (
    run_id VARCHAR NOT NULL, table_id VARCHAR NOT NULL, row_no INTEGER, rule VARCHAR NOT NULL,
    severity VARCHAR NOT NULL, message VARCHAR NOT NULL
);
CREATE TABLE IF NOT EXISTS store.ingest_runs (
    run_id VARCHAR NOT NULL PRIMARY KEY, started_at TIMESTAMP NOT NULL, finished_at TIMESTAMP,
    flow_run_id VARCHAR, n_documents INTEGER, n_loaded INTEGER, n_unchanged INTEGER, n_duplicate INTEGER,
    n_no_goal_tables INTEGER, n_failed INTEGER
);
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
}

# The contract's views: (view, what a row is, ((column, meaning), ...)), columns in the contract's order.
VIEWS: tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...] = (
    ("documents", "One row per path seen by perfgoals ingest, with its status and, when it failed, why.", (
        ("doc_id", "Stable id: first 16 hex digits of the sha1 of the absolute path."),
        ("path", "Path as given to ingest, made absolute."),
        ("sha256", "sha256 of the file's bytes at the last ingest."),
        ("format", "pdf, docx, xlsx, or doc/xls (old Office files, read through LibreOffice)."),
        ("status", "loaded, no_goal_tables, failed, or duplicate (same bytes as another path already loaded)."),
        ("error", "Why it failed, in words a finance officer understands; null unless failed."),
        ("n_tables", "Goal tables in the warehouse from this path (a failed re-ingest keeps those loaded before)."),
        ("ingested_at", "When this path was last recorded (local time)."),
    )),
    ("goal_tables", "One row per performance goal table (one project or one whole department); money in 万元.", (
        ("table_id", "Stable id: doc_id, a hyphen, and seq."),
        ("doc_id", "Source document."),
        ("seq", "1-based order of the table in its document."),
        ("page", "PDF page (1-based) where the table starts; null for other formats."),
        ("unit_code", "Budget unit code such as 216101; null when the document gives none."),
        ("unit_name", "Budget unit name."),
        ("fiscal_year", "From the table, the title, the file name or --year."),
        ("project_name", "Project name as written, cleaned."),
        ("budget_total", "This year's budget in 万元 (年度资金总额, not the whole project's); the sum of the parts"
                         " where only they are printed; null when blank."),
        ("budget_fiscal", "This year's fiscal funds (财政拨款) in 万元; null when blank."),
        ("budget_other", "Other funds in 万元; null when blank."),
        ("purpose", "资金用途 text."),
        ("goal_text", "绩效目标 / 年度绩效目标 text."),
        ("kind", "project (项目支出绩效目标表) or department (部门/单位整体支出绩效目标表)."),
        ("fund_source", "Who pays, from the project name's suffix: 中央, 省级, 市级, 区级, 县级 …; null when not stated."),
        ("project_base_name", "Project name without its year and fund-source suffix (审判执行综合保障经费-2023市级 →"
                              " 审判执行综合保障经费); null for department tables."),
        ("budget_carryover", "上年结转资金 in 万元, part of this year's money: budget_total = budget_fiscal +"
                             " budget_carryover + budget_other; null when blank."),
        ("money_unit", "The money unit the table states (元, 千元, 万元, 亿元), from which amounts were converted to"
                       " 万元; null when it states none (万元 assumed, and review warns money_unit_assumed)."),
    )),
    ("department_tasks", "One row per 年度主要任务 of a department-level goal table.", (
        ("table_id", "Goal table (kind department)."),
        ("row_no", "1-based order within the table."),
        ("task", "年度主要任务 as written."),
        ("content", "主要内容 as written."),
        ("amount", "预算金额 in 万元; null when blank."),
        ("source_ref", "Where in the file the row was read."),
    )),
    ("indicators", "One row per indicator row of a goal table, its target parsed into operator, value and unit.", (
        ("table_id", "Goal table."),
        ("row_no", "1-based order within the table."),
        ("level1", "一级指标 as written."),
        ("level2", "二级指标 as written; null in a grid of two levels (指标类型 | 指标名称)."),
        ("level3", "三级指标 as written."),
        ("description", "绩效指标描述 / 指标解释; null when the layout has none."),
        ("target_raw", "指标值 as written."),
        ("target_op", ">=, <=, =, > or <; null for a qualitative target."),
        ("target_value", "Target number."),
        ("target_value_max", "Upper end of a range target."),
        ("target_unit", "Unit as written."),
        ("level1_std", "Canonical 一级指标."),
        ("level2_std", "Canonical 二级指标."),
        ("is_quantitative", "Whether the target is a number."),
        ("source_page", "PDF page (1-based) the row was read from; null for other formats."),
        ("source_ref", "Where in the file the row was read."),
        ("target_value_std", "target_value in the standard unit: money in 万元, durations in days, rates in %,"
                             " money per item in 元."),
        ("target_unit_std", "The standard unit of target_value_std (万元, 天, %, 元/件 …; other units as written)."),
        ("indicator_key", "The indicator's cleaned name (三级指标, or the 描述 that completes it): its identity"
                          " across units, grouped into families by indicator_families."),
        ("target_flags", "What the reader noticed about the row (number_glued_to_words, range_reversed,"
                         " multiple_values, approximate, category_mismatch …), comma-separated; null when none."),
    )),
    ("dq_issues", "One row per failed data-quality check of a goal table or indicator.", (
        ("run_id", "Ingest run that found it."),
        ("table_id", "Goal table."),
        ("row_no", "Indicator row; null for a table-level check."),
        ("rule", "Short stable rule name."),
        ("severity", "error or warning."),
        ("message", "What is wrong, in words."),
    )),
    ("ingest_runs", "One row per ingest run, with counts of documents by outcome.", (
        ("run_id", "Run id (sorts by start time)."),
        ("started_at", "Start, local time."),
        ("finished_at", "End, local time; null while running or when the run broke off."),
        ("flow_run_id", "Prefect flow run, when the run was one."),
        ("n_documents", "Documents seen."),
        ("n_loaded", "Documents loaded."),
        ("n_unchanged", "Documents skipped because the same path and bytes were loaded before."),
        ("n_duplicate", "Documents with the same bytes as another loaded path."),
        ("n_no_goal_tables", "Documents without a goal table."),
        ("n_failed", "Documents that failed."),
    )),
)

VIEW_COLUMNS: dict[str, tuple[str, ...]] = {name: tuple(c for c, _ in cols) for name, _, cols in VIEWS}


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


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
