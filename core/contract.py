"""The column contract, written once: every table the frames fill and every view analysts read.

The same columns used to be written three times (polars schemas in
``transform.records``, the DDL and the views' COMMENTs in
``warehouse.schema``) and could drift apart without a test noticing. Here
each table is one ``Table``: its columns in the contract's order, with a
logical type, nullability and the meaning the warehouse writes as a
COMMENT. Every room maps the logical types to its own engine
(``transform.records`` to polars, ``warehouse.schema`` to DuckDB), so this
module imports neither; ``tests/warehouse/test_contract.py`` checks that
what each room builds agrees with this table.

Adding, removing or retyping a column changes every existing file: bump
``SCHEMA_VERSION`` in ``warehouse.schema`` and add a migration (the test
migrates a version-1 file and compares). A changed meaning needs no
migration, since the views and their COMMENTs are made again on every
writable connection; rewrite ``docs/schema.md`` in both cases.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    """A column's logical type; each engine's room chooses the physical type."""

    TEXT = "text"
    INTEGER = "integer"  # 32 bits: counts, years, pages and row numbers
    MONEY = "money"  # exact, four decimals, in 万元
    NUMBER = "number"  # a float: parsed targets are not exact amounts
    BOOLEAN = "boolean"
    TIMESTAMP = "timestamp"  # local time, no zone: a bureau reads its own clock


class Filler(StrEnum):
    """Which room hands the warehouse the frame a table's rows come from."""

    TRANSFORM = "transform"
    EXPECTATIONS = "expectations"
    WAREHOUSE = "warehouse"  # no frame: the loader writes the row itself


@dataclass(frozen=True)
class Column:
    """One column: its logical type, what it means (the view's COMMENT) and how the store table holds it.

    ``made_here`` marks a column of a frame-filled table that the warehouse adds at load (ids, run id);
    ``in_view`` is False for bookkeeping the store keeps but the contract's view does not show.
    """

    name: str
    kind: Kind
    meaning: str
    null: bool = True
    made_here: bool = False
    in_view: bool = True
    default: str | None = None  # a text default, for rows written before the column existed


@dataclass(frozen=True)
class Table:
    """A store table and the view of the same name: the view shows the columns with ``in_view``, in order."""

    name: str
    meaning: str
    filler: Filler
    columns: tuple[Column, ...]
    key: tuple[str, ...] = ()

    @property
    def view_columns(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.in_view)

    @property
    def frame_columns(self) -> tuple[Column, ...]:
        """The columns of the frame its filler hands over: ``seq`` first, then every column not made here.

        A frame knows its goal table only by ``seq`` (its order in the document); the warehouse turns that
        into ``table_id``. Empty for a table the warehouse fills itself.
        """
        if self.filler is Filler.WAREHOUSE:
            return ()
        given = [c for c in self.columns if not c.made_here and c.name != SEQ.name]
        return (SEQ, *given)

    def column(self, name: str) -> Column:
        """The column called ``name``; ValueError when there is none (or, impossibly, two)."""
        (found,) = (c for c in self.columns if c.name == name)
        return found


# Short names, so each column below fits on a line or two.
TEXT, INTEGER, MONEY = Kind.TEXT, Kind.INTEGER, Kind.MONEY
NUMBER, BOOLEAN, TIMESTAMP = Kind.NUMBER, Kind.BOOLEAN, Kind.TIMESTAMP

SEQ = Column("seq", INTEGER, "1-based order of the table in its document.", null=False)

DOCUMENTS = Table("documents", "One row per path seen by perfgoals ingest, with its status and, when it failed, why.",
                  Filler.WAREHOUSE, (
    Column("doc_id", TEXT, "Stable id: first 16 hex digits of the sha1 of the absolute path.", null=False),
    Column("path", TEXT, "Path as given to ingest, made absolute.", null=False),
    Column("sha256", TEXT, "sha256 of the file's bytes at the last ingest.", null=False),
    Column("format", TEXT, "pdf, docx, xlsx, or doc/xls (old Office files, read through LibreOffice).", null=False),
    Column("status", TEXT, "loaded, no_goal_tables, failed, or duplicate (same bytes as another path already"
                           " loaded).", null=False),
    Column("error", TEXT, "Why it failed, in words a finance officer understands; null unless failed."),
    Column("n_tables", INTEGER, "Goal tables in the warehouse from this path (a failed re-ingest keeps those loaded"
                                " before).", null=False),
    Column("ingested_at", TIMESTAMP, "When this path was last recorded (local time).", null=False),
    Column("run_id", TEXT, "Ingest run that last recorded the path.", null=False, in_view=False),
), key=("doc_id",))

GOAL_TABLES = Table("goal_tables", "One row per performance goal table (one project or one whole department);"
                                   " money in 万元.", Filler.TRANSFORM, (
    Column("table_id", TEXT, "Stable id: doc_id, a hyphen, and seq.", null=False, made_here=True),
    Column("doc_id", TEXT, "Source document.", null=False, made_here=True),
    SEQ,
    Column("page", INTEGER, "PDF page (1-based) where the table starts; null for other formats."),
    Column("unit_code", TEXT, "Budget unit code such as 216101; null when the document gives none."),
    Column("unit_name", TEXT, "Budget unit name."),
    Column("fiscal_year", INTEGER, "From the table, the title, the file name or --year."),
    Column("project_name", TEXT, "Project name as written, cleaned."),
    Column("budget_total", MONEY, "This year's budget in 万元 (年度资金总额, not the whole project's); the sum of"
                                  " the parts where only they are printed; null when blank."),
    Column("budget_fiscal", MONEY, "This year's fiscal funds (财政拨款) in 万元; null when blank."),
    Column("budget_other", MONEY, "Other funds in 万元; null when blank."),
    Column("purpose", TEXT, "资金用途 text."),
    Column("goal_text", TEXT, "绩效目标 / 年度绩效目标 text."),
    Column("kind", TEXT, "project (项目支出绩效目标表), department (部门/单位整体支出绩效目标表) or"
                         " self_evaluation (绩效自评表: what a unit achieved against its goals).", null=False,
           default="project"),
    Column("fund_source", TEXT, "Who pays, from the project name's suffix: 中央, 省级, 市级, 区级, 县级 …; null when"
                                " not stated."),
    Column("project_base_name", TEXT, "Project name without its year and fund-source suffix (审判执行综合保障经费-2023"
                                      "市级 → 审判执行综合保障经费); null for department tables."),
    Column("budget_carryover", MONEY, "上年结转资金 in 万元, part of this year's money: budget_total = budget_fiscal"
                                      " + budget_carryover + budget_other; null when blank."),
    Column("money_unit", TEXT, "The money unit the table states (元, 千元, 万元, 亿元), from which amounts were"
                               " converted to 万元; null when it states none (万元 assumed, and review warns"
                               " money_unit_assumed)."),
    Column("budget_executed", MONEY, "A self-evaluation's 全年执行数 (money spent in the year) in 万元; null on goal"
                                     " tables."),
    Column("execution_rate", NUMBER, "A self-evaluation's budget execution rate in %: as the table states it (执行率),"
                                     " else budget_executed / budget_total; null on goal tables."),
    Column("execution_weight", NUMBER, "The points a self-evaluation gives its budget execution (预算执行情况 分值), when"
                                    " it scores it beside the indicators; null otherwise."),
    Column("execution_score", NUMBER, "The points scored for budget execution (预算执行情况 得分); null otherwise."),
), key=("table_id",))

DEPARTMENT_TASKS = Table("department_tasks", "One row per 年度主要任务 of a department-level goal table.",
                         Filler.TRANSFORM, (
    Column("table_id", TEXT, "Goal table (kind department).", null=False, made_here=True),
    Column("row_no", INTEGER, "1-based order within the table.", null=False),
    Column("task", TEXT, "年度主要任务 as written."),
    Column("content", TEXT, "主要内容 as written."),
    Column("amount", MONEY, "预算金额 in 万元; null when blank."),
    Column("source_ref", TEXT, "Where in the file the row was read."),
), key=("table_id", "row_no"))

INDICATORS = Table("indicators", "One row per indicator row of a goal table, its target parsed into operator, value"
                                 " and unit.", Filler.TRANSFORM, (
    Column("table_id", TEXT, "Goal table.", null=False, made_here=True),
    Column("row_no", INTEGER, "1-based order within the table.", null=False),
    Column("level1", TEXT, "一级指标 as written."),
    Column("level2", TEXT, "二级指标 as written; null in a grid of two levels (指标类型 | 指标名称)."),
    Column("level3", TEXT, "三级指标 as written."),
    Column("description", TEXT, "绩效指标描述 / 指标解释; null when the layout has none."),
    Column("target_raw", TEXT, "指标值 as written."),
    Column("target_op", TEXT, ">=, <=, =, > or <; null for a qualitative target."),
    Column("target_value", NUMBER, "Target number."),
    Column("target_value_max", NUMBER, "Upper end of a range target."),
    Column("target_unit", TEXT, "Unit as written."),
    Column("level1_std", TEXT, "Canonical 一级指标."),
    Column("level2_std", TEXT, "Canonical 二级指标."),
    Column("is_quantitative", BOOLEAN, "Whether the target is a number."),
    Column("source_page", INTEGER, "PDF page (1-based) the row was read from; null for other formats."),
    Column("source_ref", TEXT, "Where in the file the row was read."),
    Column("target_value_std", NUMBER, "target_value in the standard unit: money in 万元, durations in days, rates"
                                       " in %, money per item in 元."),
    Column("target_unit_std", TEXT, "The standard unit of target_value_std (万元, 天, %, 元/件 …; other units as"
                                    " written)."),
    Column("indicator_key", TEXT, "The indicator's cleaned name (三级指标, or the 描述 that completes it): its"
                                  " identity across units, grouped into families by indicator_families."),
    Column("target_flags", TEXT, "What the reader noticed about the row (number_glued_to_words, range_reversed,"
                                 " multiple_values, approximate, category_mismatch …), comma-separated; null when"
                                 " none."),
    Column("actual_raw", TEXT, "A self-evaluation's actual result (实际完成值 / 全年完成值) as written; null on goal"
                               " tables."),
    Column("actual_op", TEXT, "The actual's operator, parsed as targets are; null when it states none."),
    Column("actual_value", NUMBER, "The actual's number; null for words (合规, 较有效)."),
    Column("actual_unit", TEXT, "The actual's unit as written; a number written without one takes the target's."),
    Column("actual_value_std", NUMBER, "actual_value in the standard unit of target_unit_std."),
    Column("weight", NUMBER, "The row's weight (分值 / 指标权重) in points; null on goal tables."),
    Column("score", NUMBER, "The row's score (得分) in points; null when not given and on goal tables."),
    Column("deviation_reason", TEXT, "偏差原因分析及改进措施 as written; null when blank and on goal tables."),
), key=("table_id", "row_no"))

DQ_ISSUES = Table("dq_issues", "One row per failed data-quality check of a goal table or indicator.",
                  Filler.EXPECTATIONS, (
    Column("run_id", TEXT, "Ingest run that found it.", null=False, made_here=True),
    Column("table_id", TEXT, "Goal table.", null=False, made_here=True),
    Column("row_no", INTEGER, "Indicator row; null for a table-level check."),
    Column("rule", TEXT, "Short stable rule name.", null=False),
    Column("severity", TEXT, "error or warning.", null=False),
    Column("message", TEXT, "What is wrong, in words.", null=False),
))

INGEST_RUNS = Table("ingest_runs", "One row per ingest run, with counts of documents by outcome.", Filler.WAREHOUSE, (
    Column("run_id", TEXT, "Run id (sorts by start time).", null=False),
    Column("started_at", TIMESTAMP, "Start, local time.", null=False),
    Column("finished_at", TIMESTAMP, "End, local time; null while running or when the run broke off."),
    Column("flow_run_id", TEXT, "Prefect flow run, when the run was one."),
    Column("n_documents", INTEGER, "Documents seen."),
    Column("n_loaded", INTEGER, "Documents loaded."),
    Column("n_unchanged", INTEGER, "Documents skipped because the same path and bytes were loaded before."),
    Column("n_duplicate", INTEGER, "Documents with the same bytes as another loaded path."),
    Column("n_no_goal_tables", INTEGER, "Documents without a goal table."),
    Column("n_failed", INTEGER, "Documents that failed."),
), key=("run_id",))

#: Every table of the contract, in the order its views are created and documented.
TABLES: tuple[Table, ...] = (DOCUMENTS, GOAL_TABLES, DEPARTMENT_TASKS, INDICATORS, DQ_ISSUES, INGEST_RUNS)
BY_NAME: dict[str, Table] = {t.name: t for t in TABLES}
