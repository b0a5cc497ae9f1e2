"""Self-evaluations end to end (issue 15): the generated pairs of tests/data/selfeval/ (tests/make_selfevals.py)
ingested, every row exact, ``achievement`` matching each row with its goal row, the planted inconsistencies
flagged and nothing flagged on the clean pairs."""

from __future__ import annotations

from decimal import Decimal

import pytest

from db_rows import rows as _rows
from helpers.cli import ingest_into
from selfeval_cases import PAIRS, TRUTH
from transform.results import rate

SELFEVAL = __import__("pathlib").Path(__file__).parents[1] / "data" / "selfeval"
# the fixtures' names for what they plant → the review rule that must flag it
RULE_OF = {"weights_total": "weights_total", "score_above_weight": "score_within_weight",
           "full_score_on_miss": "full_score_on_miss", "missing_deviation_reason": "deviation_reason_given",
           "executed_above_budget": "executed_within_budget", "actual_without_unit": "actual_unit_given"}
SELF_RULES = set(RULE_OF.values()) | {"execution_rate_consistent"}
SELF_FILES = sorted(f for f, t in TRUTH.items() if t.kind == "self_evaluation")


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory):
    db, result = ingest_into(tmp_path_factory.mktemp("selfeval"), SELFEVAL)
    assert result.exit_code == 0, result.output
    return db


def _doc(name: str) -> str:
    return f"%/{name}"


def test_every_file_loads_as_its_kind(warehouse):
    got = dict(_rows(warehouse, "SELECT regexp_extract(d.path, '[^/]+$'), string_agg(g.kind, ',') FROM documents d"
                                " JOIN goal_tables g USING (doc_id) GROUP BY 1"))
    assert got == {name: truth.kind for name, truth in TRUTH.items()}


@pytest.mark.parametrize("name", sorted(TRUTH))
def test_header_fields_exact(warehouse, name):
    truth = TRUTH[name]
    [(unit, year, project, total, executed, stated_rate)] = _rows(warehouse, """
        SELECT g.unit_name, g.fiscal_year, g.project_name, g.budget_total, g.budget_executed, g.execution_rate
        FROM goal_tables g JOIN documents d USING (doc_id) WHERE d.path LIKE ?""", _doc(name))
    assert (unit, year, project, total) == (truth.unit_name, truth.fiscal_year, truth.project_name,
                                            Decimal(truth.budget_total))
    assert executed == (Decimal(truth.budget_executed) if truth.budget_executed else None)
    if truth.execution_rate is not None:
        assert stated_rate == pytest.approx(rate(truth.execution_rate))


@pytest.mark.parametrize("name", sorted(TRUTH))
def test_indicator_rows_exact(warehouse, name):
    got = _rows(warehouse, """
        SELECT i.level1, i.level2, i.level3, i.target_raw, i.actual_raw, i.weight, i.score, i.deviation_reason
        FROM indicators i JOIN goal_tables g USING (table_id) JOIN documents d USING (doc_id)
        WHERE d.path LIKE ? ORDER BY i.row_no""", _doc(name))
    want = [(r.level1, r.level2, r.level3, r.target_raw, r.actual_raw,
             float(r.weight) if r.weight is not None else None, float(r.score) if r.score is not None else None,
             r.deviation_reason) for r in TRUTH[name].indicators]
    assert got == want


@pytest.mark.parametrize("name", SELF_FILES)
def test_achievement_matches_each_row_with_its_goal_row(warehouse, name):
    pair = next(p for p in PAIRS if name in p.selfeval_files)
    got = _rows(warehouse, """
        SELECT a.level3, a.achieved, regexp_extract(gd.path, '[^/]+$'), gi.level3 = a.level3
        FROM achievement a JOIN goal_tables s ON s.table_id = a.self_table_id JOIN documents d ON d.doc_id = s.doc_id
        LEFT JOIN goal_tables gg ON gg.table_id = a.goal_table_id LEFT JOIN documents gd ON gd.doc_id = gg.doc_id
        LEFT JOIN indicators gi ON gi.table_id = a.goal_table_id AND gi.row_no = a.goal_row_no
        WHERE d.path LIKE ? ORDER BY a.row_no""", _doc(name))
    assert [(level3, achieved) for level3, achieved, _, _ in got] == [
        (r.level3, r.achieved) for r in TRUTH[name].indicators]
    if pair.goal_files:
        assert all(goal in pair.goal_files and same for _, _, goal, same in got), got
    else:
        assert all(goal is None for _, _, goal, _ in got)


@pytest.mark.parametrize("name", SELF_FILES)
def test_planted_inconsistencies_are_flagged_and_nothing_else(warehouse, name):
    pair = next(p for p in PAIRS if name in p.selfeval_files)
    got = {rule for (rule,) in _rows(warehouse, """
        SELECT q.rule FROM dq_issues q JOIN goal_tables g USING (table_id) JOIN documents d USING (doc_id)
        WHERE d.path LIKE ?""", _doc(name)) if rule in SELF_RULES}
    assert got == {RULE_OF[p] for p in pair.planted}


def test_compare_prints_the_actual_beside_the_target(warehouse):
    from helpers.cli import invoke, said

    out = said(invoke("compare", "培训合格率", "发放创业担保贷款笔数", "--db", warehouse), 0)
    trained = next(line for line in out.splitlines() if "职业技能提升培训补贴" in line)
    assert "90-95%" in trained and "93% ✓" in trained
    loans = next(line for line in out.splitlines() if "创业担保贷款贴息" in line)
    assert "≥400笔" in loans and "436笔 ✓" in loans
    assert "actual: what the unit's self-evaluation (绩效自评表) reports" in out
    as_csv = said(invoke("compare", "培训合格率", "--db", warehouse, "--format", "csv"), 0)
    header, *lines = as_csv.strip().splitlines()
    assert header.endswith(",actual_raw,achieved") and lines[0].endswith(",93%,True")


def test_the_report_counts_each_units_targets_reached_once_and_lists_the_scores_to_question(warehouse):
    from warehouse.report import report_data

    data = report_data(warehouse)
    want: dict[str, list[int]] = {}
    for name in SELF_FILES:
        if name.endswith(".xlsx"):  # one format each: the report counts a self-evaluation once
            judged = [r.achieved for r in TRUTH[name].indicators if r.achieved is not None]
            counts = want.setdefault(TRUTH[name].unit_name, [0, 0])
            counts[0] += len(judged)
            counts[1] += sum(judged)
    assert {u: [n, r] for u, n, r, _ in data.achieved.rows()} == want
    assert data.score_mismatches.select("project_name", "level3", "target_raw", "actual_raw", "score").rows() == [
        ("创业担保贷款贴息", "贴息资金拨付准确率", "≥95%", "90%", 10.0)]
