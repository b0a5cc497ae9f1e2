"""Every reviewer rule, run through real great-expectations, on a goal table that breaks it and one that passes.

Tables are written as a unit would write them (``GoalTable`` records of
strings) and go through ``transform.normalize``, so the rules see what the
pipeline gives them. GX builds one ephemeral context per process: the
first test pays the 6-9 s import.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import polars as pl
import pytest

import extract
from expectations import load_catalog, validate
from expectations.validate import DQ_ISSUES_SCHEMA
from helpers.goal_tables import BASE, Rows
from helpers.goal_tables import SELF_BASE, self_evaluation, set_self_row
from helpers.goal_tables import set_row as _set
from helpers.goal_tables import table as _table
from transform.layout import parse_goal_tables
from transform.normalize import normalize
from transform.records import GoalTable

SAMPLES = Path(__file__).parents[2] / "samples"


def _issues(table: GoalTable, catalog=None) -> pl.DataFrame:
    frames = normalize([table], path="/in/t.docx")
    return validate(frames.goal_tables, frames.indicators, catalog)


def _without(rows: Rows, level1: str = "", level2: str = "") -> Rows:
    return [r for r in rows if r[0] != level1 and r[1] != level2]


CUT = "车辆集中停放、统一管理、统一调"
COST = ("成本指标", "经济成本指标", "印制费", None, "4万")
CIVIL, CRIMINAL = ("产出指标", "数量指标", "民事案件受理数量", None), ("产出指标", "数量指标", "刑事案件受理数量", None)
# rule → (a table that breaks it, a table close to it that passes)
CASES: dict[str, tuple[Callable[[], GoalTable], Callable[[], GoalTable]]] = {
    "unit_name_present": (lambda: _table(unit_name=None), lambda: _table()),
    "money_unit_assumed": (lambda: replace(_table(), money_unit=None), lambda: _table()),
    "project_name_present": (lambda: _table(project_name=""), lambda: _table(project_name="审判执行经费")),
    "budget_balance": (lambda: _table(budget_fiscal="6", budget_other="3"),
                       lambda: _table(budget_fiscal="6", budget_carryover="1", budget_other="3")),
    "required_categories": (lambda: _table(_without(BASE, level1="满意度指标")), lambda: _table()),
    "cost_category": (lambda: _table(_without(BASE, level1="成本指标")), lambda: _table()),
    "output_subcategories": (lambda: _table(_without(BASE, level2="时效指标")), lambda: _table()),
    "cost_within_budget": (lambda: _table(_set(BASE, "项目服务费用", target="12万元")),
                           lambda: _table(_set(BASE, "项目服务费用", target="100000元"))),
    "cost_total": (lambda: _table([*_set(BASE, "项目服务费用", target="4万"), COST]),
                   lambda: _table([*_set(BASE, "项目服务费用", target="6万"), COST])),
    "components_within_total": (
        lambda: _table([*_set(BASE, "案件受理数量", target="100件"), (*CIVIL, "70件"), (*CRIMINAL, "40件")]),
        lambda: _table([*_set(BASE, "案件受理数量", target="100件"), (*CIVIL, "60件"), (*CRIMINAL, "40件")])),
    "quantitative_share": (
        lambda: _table([(l1, l2, l3, d, "显著提升" if l1 != "成本指标" else t) for l1, l2, l3, d, t in BASE]),
        lambda: _table([(l1, l2, l3, d, "显著提升" if l1 == "效益指标" else t) for l1, l2, l3, d, t in BASE])),
    "target_present": (lambda: _table(_set(BASE, "保障期限", target="")), lambda: _table()),
    "number_glued_to_words": (lambda: _table(_set(BASE, "民事案件调解率", level3="为审判提供保障", target="100有限促进")),
                              lambda: _table(_set(BASE, "民事案件调解率", level3="为审判提供保障", target="有效促进"))),
    "target_defect": (lambda: _table(_set(BASE, "服务验收合格率", target="98%-95%")),
                      lambda: _table(_set(BASE, "服务验收合格率", target="95%-98%"))),
    "name_cut_off": (lambda: _table(_set(BASE, "保障期限", level3=CUT, description=CUT + "度、保障使用", target="100%")),
                     lambda: _table(_set(BASE, "保障期限", level3=CUT + "度", description=CUT + "度", target="100%"))),
    "duplicate_indicator": (lambda: _table([*BASE, ("产出指标", "数量指标", "案件受理数量", None, "≥18000件")]),
                            lambda: _table([*BASE, ("产出指标", "数量指标", "结案数量", None, "≥17000件")])),
    "unit_missing": (lambda: _table(_set(BASE, "案件受理数量", target="≥18000")), lambda: _table()),
    "rate_range": (lambda: _table(_set(BASE, "服务验收合格率", target="120%")), lambda: _table()),
    "per_capita_unit": (lambda: _table([*BASE, ("产出指标", "数量指标", "法官人均结案数", None, "≥242人/件")]),
                        lambda: _table([*BASE, ("产出指标", "数量指标", "法官人均结案数", None, "≥242件/人")])),
    "satisfaction_floor": (lambda: _table(_set(BASE, "干警满意度", target="≥60%")), lambda: _table()),
    "unmapped_category": (lambda: _table([*BASE, ("产出指标", "办案指标", "结案数", None, "≥10件")]),
                          lambda: _table([*BASE, ("产出指标", "数量指标", "结案数", None, "≥10件")])),
    "category_mismatch": (lambda: _table([*BASE, ("效益指标", "质量指标", "结案质量达标率", None, "≥95%")]),
                          lambda: _table([*BASE, ("产出指标", "质量指标", "结案质量达标率", None, "≥95%")])),
    "multiple_values": (lambda: _table(_set(BASE, "案件受理数量", target="16000件、2000件")),
                        lambda: _table(_set(BASE, "案件受理数量", target="≥16000件"))),
    "approximate_target": (lambda: _table(_set(BASE, "案件受理数量", target="约18000件")), lambda: _table()),
    # a self-evaluation's (SELF_BASE: every target met, scored in full, weights 30+30+20+20)
    "weights_total": (lambda: self_evaluation(set_self_row(SELF_BASE, "学员满意度", weight="15", score="15")),
                      lambda: self_evaluation(set_self_row(SELF_BASE, "学员满意度", weight="10", score="10"),
                                              execution_weight="10", execution_score="9")),
    "executed_within_budget": (lambda: self_evaluation(budget_executed="130"),
                               lambda: self_evaluation(budget_executed="120")),
    "execution_rate_consistent": (lambda: self_evaluation(execution_rate="80%"),
                                  lambda: self_evaluation(execution_rate="90%")),
    "score_within_weight": (lambda: self_evaluation(set_self_row(SELF_BASE, "培训人次", score="35")),
                            lambda: self_evaluation(set_self_row(SELF_BASE, "培训人次", score="30"))),
    "full_score_on_miss": (lambda: self_evaluation(set_self_row(SELF_BASE, "培训合格率", actual="85%",
                                                                deviation="师资不足")),
                           lambda: self_evaluation(set_self_row(SELF_BASE, "培训合格率", actual="85%", score="25",
                                                                deviation="师资不足"))),
    "deviation_reason_given": (lambda: self_evaluation(set_self_row(SELF_BASE, "培训合格率", actual="85%",
                                                                    score="25")),
                               lambda: self_evaluation(set_self_row(SELF_BASE, "培训合格率", actual="85%",
                                                                    score="25", deviation="师资不足"))),
    "actual_unit_given": (lambda: self_evaluation(set_self_row(SELF_BASE, "培训人次", actual="3200")),
                          lambda: self_evaluation()),
}
SELF_EVALUATION_RULES = ("weights_total", "executed_within_budget", "execution_rate_consistent",
                         "score_within_weight", "full_score_on_miss", "deviation_reason_given", "actual_unit_given")


def test_every_rule_of_the_catalog_has_a_case():
    assert set(CASES) == {s.name for s in load_catalog().settings}


def test_the_base_table_passes_every_rule():
    issues = _issues(_table())
    assert issues.schema == pl.Schema(DQ_ISSUES_SCHEMA)
    assert issues.is_empty(), issues.get_column("message").to_list()


@pytest.mark.parametrize("rule", sorted(CASES))
def test_a_table_that_breaks_the_rule_is_flagged(rule):
    issues = _issues(CASES[rule][0]())
    found = issues.filter(pl.col("rule") == rule)
    assert found.height >= 1, issues.get_column("rule").to_list()
    assert set(found.get_column("severity")) == {load_catalog()[rule].severity}
    message = found.get_column("message")[0]
    zh, en = ("第1张自评表", "Self-evaluation 1") if rule in SELF_EVALUATION_RULES else ("第1张目标表", "Goal table 1")
    assert zh in message and en in message, message


@pytest.mark.parametrize("rule", sorted(CASES))
def test_a_table_close_to_it_that_passes(rule):
    issues = _issues(CASES[rule][1]())
    assert rule not in issues.get_column("rule").to_list(), issues.get_column("message").to_list()


def test_the_base_self_evaluation_passes_every_rule():
    issues = _issues(self_evaluation())
    assert issues.is_empty(), issues.get_column("message").to_list()


def test_department_tables_need_no_project_categories_or_name():
    department = replace(_table(_without(BASE, level1="满意度指标"), project_name=""), kind="department")
    assert _issues(department).is_empty()


def test_issues_come_ordered_by_row_table_level_first_then_review_order():
    table = _table(_set(BASE, "服务验收合格率", target="120%"), budget_fiscal="6", project_name="")
    rules = _issues(table).select("row_no", "rule").rows()
    assert rules == [(None, "project_name_present"), (None, "budget_balance"), (2, "rate_range")]


def test_the_seed_raises_exactly_its_three_known_defects():
    """Acceptance 1: the cut-off name, the glued number and the inverted per-capita unit; nothing else is an error."""
    for name in ("jizhou_court_2023.docx", "jizhou_court_2023.pdf"):
        doc = extract.read_document(SAMPLES / name)
        frames = normalize(parse_goal_tables(doc), path=doc.path)
        issues = validate(frames.goal_tables, frames.indicators)
        errors = issues.filter(pl.col("severity") == "error").select("seq", "row_no", "rule").rows()
        assert errors == [(1, 5, "per_capita_unit"), (1, 11, "number_glued_to_words"), (4, 5, "name_cut_off")]
        messages = " ".join(issues.get_column("message"))
        for text in ("≥242人/件", "100有限促进", "车辆集中停放、统一管理、统一调"):
            assert text in messages


def test_importing_expectations_does_not_import_great_expectations():
    code = "import sys, expectations; assert 'great_expectations' not in sys.modules"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True).returncode == 0


def test_validating_documents_together_gives_each_its_own_issues():
    from expectations import validate_many

    tables = [CASES["rate_range"][0](), _table(), CASES["budget_balance"][0](), CASES["per_capita_unit"][0]()]
    frames = [normalize([t], path=f"/in/{i}.docx") for i, t in enumerate(tables)]
    together = validate_many([(f.goal_tables, f.indicators) for f in frames])
    alone = [validate(f.goal_tables, f.indicators) for f in frames]
    assert [t.rows() for t in together] == [a.rows() for a in alone]
    assert [t.get_column("rule").to_list() for t in together] == [
        ["rate_range"], [], ["budget_balance"], ["per_capita_unit"]]


def test_documents_checked_together_do_not_see_each_others_tables():
    """Each document's tables are numbered from 1: two copies of one document, checked in one batch, must not
    make its names repeat (name_once) or its table sums double; the same document alone gives the same."""
    from expectations import validate_many

    frames = normalize([CASES["rate_range"][0](), _table()], path="/in/a.docx")
    alone = validate(frames.goal_tables, frames.indicators)
    together = validate_many([(frames.goal_tables, frames.indicators)] * 3)
    assert [t.rows() for t in together] == [alone.rows()] * 3
    assert "name_once" not in alone.get_column("rule").to_list()
