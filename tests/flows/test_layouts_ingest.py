"""Acceptance: every layout fixture and the two real budget PDFs through `perfgoals ingest` into DuckDB.

Each fixture loads with the goal tables, kinds, indicator rows and department tasks that
``tests/layout_cases.py`` says it holds; the real budget PDFs (many tables, no goal table)
are recorded as ``no_goal_tables``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from layout_cases import CASES, FAILING
from perfgoals.cli import app
from db_rows import rows as _rows

DATA = Path(__file__).parents[1] / "data"
REAL = sorted((DATA / "real").glob("*.pdf"))


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("layouts")
    db = tmp / "w.duckdb"
    with pytest.MonkeyPatch.context() as mp:
        mp.delenv("PREFECT_API_URL", raising=False)
        mp.setenv("PREFECT_HOME", str(tmp / "prefect-home"))
        files = [str(DATA / "layouts" / name) for name in sorted(CASES)] + [str(p) for p in REAL]
        result = CliRunner().invoke(app, ["ingest", *files, "--db", str(db)])
    assert result.exit_code == 0, result.output
    return db


def test_real_budget_pdfs_hold_no_goal_table(warehouse: Path):
    assert len(REAL) == 5
    rows = _rows(warehouse, "SELECT regexp_extract(path, '[^/]+$'), status, n_tables FROM documents"
                            " WHERE path LIKE '%/real/%' ORDER BY 1")
    assert rows == [(p.name, "no_goal_tables", 0) for p in REAL]


def test_every_fixture_loads_its_tables_kinds_rows_and_tasks(warehouse: Path):
    got = {
        name: (kinds, rows, tasks)
        for name, kinds, rows, tasks in _rows(warehouse, """
            SELECT regexp_extract(d.path, '[^/]+$'),
                   list(g.kind ORDER BY g.seq),
                   list((SELECT count(*) FROM indicators i WHERE i.table_id = g.table_id) ORDER BY g.seq),
                   list((SELECT count(*) FROM department_tasks t WHERE t.table_id = g.table_id) ORDER BY g.seq)
            FROM documents d JOIN goal_tables g USING (doc_id)
            WHERE d.path LIKE '%/layouts/%' GROUP BY 1""")
    }
    want = {
        name: (list(case.kind_of_each_table), [len(t.indicators) for t in case.tables], [len(t.tasks) for t in case.tables])
        for name, case in CASES.items()
    }
    assert got == want


def test_layout_b_targets_are_parsed(warehouse: Path):
    rows = _rows(warehouse, """
        SELECT i.target_raw, i.target_op, i.target_value, i.target_unit, i.is_quantitative
        FROM indicators i JOIN goal_tables g USING (table_id) JOIN documents d USING (doc_id)
        WHERE d.path LIKE '%layout_b_project.docx' AND i.level3 IN ('维修改造面积', '校舍安全隐患', '单位面积改造成本')
        ORDER BY i.row_no""")
    assert rows == [
        ("≥3200平方米", ">=", 3200.0, "平方米", True),
        ("≤580元/平方米", "<=", 580.0, "元/平方米", True),
        ("有效消除", None, None, None, False),
    ]


def test_files_that_cannot_be_read_fail_naming_the_place_and_the_run_goes_on(tmp_path: Path):
    """A self-evaluation and a grid without a value column are `failed`, never `no_goal_tables`; the rest loads."""
    db = tmp_path / "w.duckdb"
    good = DATA / "layouts" / "layout_b_project.docx"
    with pytest.MonkeyPatch.context() as mp:
        mp.delenv("PREFECT_API_URL", raising=False)
        mp.setenv("PREFECT_HOME", str(tmp_path / "prefect-home"))
        result = CliRunner().invoke(app, ["ingest", str(good), *(str(DATA / "layouts" / n) for n in FAILING),
                                          "--db", str(db)])
    assert result.exit_code == 1, result.output
    got = dict(_rows(db, "SELECT regexp_extract(path, '[^/]+$'), status || ':' || coalesce(error, '') FROM documents"))
    assert got.pop(good.name) == "loaded:"
    assert sorted(got) == sorted(FAILING)
    for name, words in FAILING.items():
        assert got[name].startswith(f"failed:{name}, ") and words in got[name], got[name]
