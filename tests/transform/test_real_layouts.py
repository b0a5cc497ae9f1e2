"""The ``real_*`` layout fixtures read end to end: every field of every goal table and every indicator row, exact.

The files come from ``tests/make_real_layouts.py`` (goal tables shaped like real published ones, see
``shared/real-layouts.md``), the truth is ``tests/layout_cases.py``: ``CASES`` for the files that hold goal tables,
``FAILING`` for those that must be refused (a self-evaluation table) with a message containing a given word.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import extract
from layout_cases import CASES, FAILING, SELF_EVALUATIONS, ExpectedTable
from core.errors import DocumentError
from transform.layout import parse_goal_tables
from transform.records import GoalTable

LAYOUTS = Path(__file__).parents[1] / "data" / "layouts"
REAL = sorted(name for name in CASES if name.startswith("real_"))


def test_every_real_fixture_has_a_truth():
    on_disk = sorted(p.name for p in LAYOUTS.glob("real_*") if p.suffix in {".docx", ".pdf", ".xlsx"})
    assert on_disk == sorted([*REAL, *FAILING, *SELF_EVALUATIONS])


@pytest.fixture(scope="module", params=REAL)
def case(request: pytest.FixtureRequest) -> tuple[str, tuple[GoalTable, ...], tuple[ExpectedTable, ...]]:
    name = request.param
    return name, parse_goal_tables(extract.read_document(LAYOUTS / name)), CASES[name].tables


def _header(t: GoalTable) -> dict[str, object]:
    return {
        "kind": t.kind,
        "title": t.title,
        "unit_code": t.unit_code or "",
        "unit_name": t.unit_name or "",
        "project_name": t.project_name if t.kind == "project" else "",  # a department table has none
        "budget_total": t.budget_total,
        "budget_fiscal": t.budget_fiscal,
        "budget_carryover": t.budget_carryover,
        "budget_other": t.budget_other,
        "money_unit": t.money_unit,
        "goal_text": t.goal_text,
        "purpose": t.purpose,
    }


def _expected_header(e: ExpectedTable) -> dict[str, object]:
    return {
        "kind": e.kind,
        "title": e.title,
        "unit_code": e.unit_code,
        "unit_name": e.unit_name,
        "project_name": e.project_name,
        "budget_total": e.budget_total,
        "budget_fiscal": e.budget_fiscal,
        "budget_carryover": e.budget_carryover,
        "budget_other": e.budget_other,
        "money_unit": e.money_unit,
        "goal_text": e.goal_text,
        "purpose": e.purpose,
    }


def test_every_goal_table_found(case):
    name, got, want = case
    assert [t.kind for t in got] == list(CASES[name].kind_of_each_table)


@pytest.mark.parametrize("field", list(_expected_header(CASES[REAL[0]].tables[0])))
def test_header_field_exact(case, field: str):
    name, got, want = case
    assert [_header(t)[field] for t in got] == [_expected_header(e)[field] for e in want], f"{name}: {field}"


def test_indicator_rows_exact(case):
    name, got, want = case
    assert len(got) == len(want)
    for i, (t, e) in enumerate(zip(got, want)):
        rows = [(r.level1, r.level2, r.level3, r.description, r.target_raw) for r in t.indicators]
        assert rows == list(e.indicators), f"{name} table {i} ({e.title or 'untitled'})"


def test_department_tasks_exact(case):
    name, got, want = case
    assert len(got) == len(want)
    for t, e in zip(got, want):
        assert [(x.task, x.content, x.amount) for x in t.tasks] == list(e.tasks), name


def test_pages_where_read(case):
    name, got, want = case
    assert len(got) == len(want)
    for i, (t, e) in enumerate(zip(got, want)):
        if e.page is None:
            continue
        assert (t.page, tuple(r.source_page for r in t.indicators)) == (e.page, e.indicator_pages), f"{name} table {i}"


def test_sheet_where_read(case):
    name, got, want = case
    assert len(got) == len(want)
    for i, (t, e) in enumerate(zip(got, want)):
        if e.sheet is None:
            continue
        assert t.indicators, f"{name} table {i}: no indicator rows"
        assert all(f"'{e.sheet}'" in r.source_ref for r in t.indicators), (
            f"{name} table {i}: {[r.source_ref for r in t.indicators if f'{e.sheet!r}' not in r.source_ref]}")


@pytest.mark.parametrize("name", sorted(FAILING))
def test_not_a_goal_table_fails_with_a_message(name: str):
    with pytest.raises(DocumentError) as info:
        parse_goal_tables(extract.read_document(LAYOUTS / name))
    assert FAILING[name] in str(info.value)
