"""Acceptance: the real published goal tables and budgets, through `perfgoals ingest`, read exactly as transcribed.

The truth is ``tests/real_cases.py`` (transcribed from the documents in
``tests/data/real-goal-tables/``); the five real budget PDFs of
``tests/data/real/`` hold no goal table.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from db_rows import rows as _rows
from helpers.cli import ingest_into
from real_cases import FAILING, FLAGS, PARSED, REAL_BUDGETS, REAL_GOAL_TABLES, SELF_EVALUATIONS, STANDARD, TABLES

@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    return ingest_into(tmp_path_factory.mktemp("real"), REAL_GOAL_TABLES, REAL_BUDGETS)


def _file(column: str = "d.path") -> str:
    return f"regexp_extract({column}, '[^/]+$')"


def test_every_document_has_the_status_its_content_calls_for(warehouse):
    db, result = warehouse
    assert result.exit_code == (1 if FAILING else 0), result.output
    got = dict(_rows(db, f"SELECT {_file('path')}, status || ':' || n_tables FROM documents"))
    want = {name: f"loaded:{len(tables)}" for name, tables in TABLES.items()}
    want |= {name: "loaded:1" for name in SELF_EVALUATIONS}
    want |= {name: "failed:0" for name in FAILING}
    want |= {p.name: "no_goal_tables:0" for p in REAL_BUDGETS.glob("*.pdf")}
    assert got == want


def test_the_self_evaluation_loads_as_one_with_every_row_exact(warehouse):
    db, _ = warehouse
    for name, want in SELF_EVALUATIONS.items():
        got = _rows(db, """
            SELECT g.kind, g.unit_name, g.fiscal_year, g.project_name, g.budget_total, g.budget_executed
            FROM goal_tables g JOIN documents d USING (doc_id) WHERE d.path LIKE ?""", f"%/{name}")
        assert got == [("self_evaluation", want.unit_name, want.fiscal_year, want.project_name, want.budget_total,
                        want.budget_executed)]
        rows = _rows(db, """
            SELECT i.level1, i.level3, i.target_raw, i.actual_raw, i.weight FROM indicators i
            JOIN goal_tables g USING (table_id) JOIN documents d USING (doc_id) WHERE d.path LIKE ?
            ORDER BY i.row_no""", f"%/{name}")
        assert rows == list(want.rows)


def test_goal_table_fields_exact(warehouse):
    db, _ = warehouse
    for name, tables in TABLES.items():
        got = _rows(db, """
            SELECT g.page, g.unit_code, g.unit_name, g.fiscal_year, g.project_name, g.budget_total, g.budget_fiscal,
                   g.budget_carryover, g.budget_other, g.money_unit, g.kind, g.goal_text, g.purpose
            FROM goal_tables g JOIN documents d USING (doc_id) WHERE d.path LIKE ? ORDER BY g.seq""", f"%/{name}")
        want = [(t.page, t.unit_code, t.unit_name, t.fiscal_year, t.project_name, t.budget_total, t.budget_fiscal,
                 t.budget_carryover, t.budget_other, t.money_unit, t.kind, t.goal_text, None) for t in tables]
        assert got == want, name


def test_indicator_rows_exact(warehouse):
    db, _ = warehouse
    for name, tables in TABLES.items():
        for seq, table in enumerate(tables, start=1):
            got = _rows(db, """
                SELECT i.level1, i.level2, i.level3, i.target_raw, i.target_op, i.target_value, i.target_unit,
                       i.level1_std, i.level2_std
                FROM indicators i JOIN goal_tables g USING (table_id) JOIN documents d USING (doc_id)
                WHERE d.path LIKE ? AND g.seq = ? ORDER BY i.row_no""", f"%/{name}", seq)
            want = [(l1, l2, l3, raw, *PARSED.get(raw, (None, None, None)), *STANDARD.get((l1, l2), (l1, l2)))
                    for l1, l2, l3, raw in table.rows]
            assert got == want, f"{name} table {seq}"


def test_flags_the_reading_requires(warehouse):
    db, _ = warehouse
    got = _rows(db, "SELECT target_raw, target_flags FROM indicators WHERE target_flags SIMILAR TO"
                    " '.*(multiple_values|approximate).*' ORDER BY target_raw")
    assert got == sorted(FLAGS.items())


def test_department_tasks_exact(warehouse):
    db, _ = warehouse
    for name, tables in TABLES.items():
        got = _rows(db, """
            SELECT t.task, t.content, t.amount FROM department_tasks t JOIN goal_tables g USING (table_id)
            JOIN documents d USING (doc_id) WHERE d.path LIKE ? ORDER BY g.seq, t.row_no""", f"%/{name}")
        assert got == [task for table in tables for task in table.tasks], name


def test_review_sees_what_a_reviewer_would(warehouse):
    db, _ = warehouse
    got = _rows(db, """
        SELECT regexp_extract(d.path, '[^/]+$'), g.seq, q.rule FROM dq_issues q JOIN goal_tables g USING (table_id)
        JOIN documents d USING (doc_id) WHERE q.rule IN ('money_unit_assumed', 'budget_balance')
        ORDER BY 1, 2, 3""")
    # Wuhan states no money unit; Shanghai's fifth table has 当年财政拨款 above its annual total.
    assert got == [("sh_putuo_wanli_2023_dept_budget.pdf", 5, "budget_balance"),
                   ("wuhan_donghu_hrss_2020_project_apply.xlsx", 1, "money_unit_assumed")]
