"""Every layout fixture of ``tests/data/layouts/`` read end to end: each goal table, field by field, exact.

The truth is ``tests/layout_cases.py``; the files come from ``tests/make_layouts.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import extract
from layout_cases import CASES, ExpectedTable
from transform.layout import parse_goal_tables
from transform.records import GoalTable

LAYOUTS = Path(__file__).parents[1] / "data" / "layouts"


@pytest.fixture(scope="module", params=sorted(CASES))
def case(request: pytest.FixtureRequest) -> tuple[str, tuple[GoalTable, ...]]:
    return request.param, parse_goal_tables(extract.read_document(LAYOUTS / request.param))


def _header(t: GoalTable) -> dict[str, object]:
    return {
        "kind": t.kind, "title": t.title, "unit_code": t.unit_code or "", "unit_name": t.unit_name or "",
        "project_name": t.project_name if t.kind == "project" else "",
        "budget": (t.budget_total, t.budget_fiscal, t.budget_other),
        "goal_text": t.goal_text, "money_unit": t.money_unit, "purpose": t.purpose,
    }


def _expected_header(e: ExpectedTable) -> dict[str, object]:
    return {
        "kind": e.kind, "title": e.title, "unit_code": e.unit_code, "unit_name": e.unit_name,
        "project_name": e.project_name, "budget": (e.budget_total, e.budget_fiscal, e.budget_other),
        "goal_text": e.goal_text, "money_unit": e.money_unit, "purpose": e.purpose,
    }


def test_every_goal_table_found(case):
    name, tables = case
    assert [t.kind for t in tables] == list(CASES[name].kind_of_each_table)


def test_header_fields_exact(case):
    name, tables = case
    assert [_header(t) for t in tables] == [_expected_header(e) for e in CASES[name].tables]


def test_indicator_rows_exact(case):
    name, tables = case
    for got, want in zip(tables, CASES[name].tables, strict=True):
        rows = [(r.level1, r.level2, r.level3, r.description, r.target_raw) for r in got.indicators]
        assert rows == list(want.indicators), got.title


def test_department_tasks_exact(case):
    name, tables = case
    for got, want in zip(tables, CASES[name].tables, strict=True):
        assert [(t.task, t.content, t.amount) for t in got.tasks] == list(want.tasks), got.title


def test_pages_where_read(case):
    name, tables = case
    for got, want in zip(tables, CASES[name].tables, strict=True):
        if want.page is None:
            continue
        assert got.page == want.page
        assert tuple(r.source_page for r in got.indicators) == want.indicator_pages
