"""Self-evaluations (绩效自评表) read as such: each row's target, actual, weight, score and deviation reason exact,
the actual's unit taken from the target where it has none, the execution rate as stated or computed."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import extract
from layout_cases import SELF_EVALUATIONS
from transform.layout import parse_goal_tables
from transform.normalize import normalize
from transform.records import GoalTable, IndicatorRow
from transform.results import execution_rate, points, rate, result_fields
from transform.targets import parse_target

ROOT = Path(__file__).parents[2]
LAYOUTS = ROOT / "tests" / "data" / "layouts"
CHONGQING = ROOT / "tests" / "data" / "real-goal-tables" / "chongqing_yuzhong_2021_selfeval_jiuye.xlsx"

# tests/make_real_layouts.py's real_self_evaluation: (level1, level3, target_raw, actual_raw, weight, score, deviation)
SOCIAL_CARE = [
    ("数量指标", "居家养老服务老人数", "≥1800人", "1932", 20.0, 20.0, None),
    ("产出类指标", "服务补贴发放准确率", "≥95%", "100", 15.0, 15.0, None),
    ("产出类指标", "服务补贴发放及时率", "≥95%", "98", 15.0, 15.0, None),
    ("效益类指标", "失能老人照护覆盖率", "≥80%", "76", 20.0, 19.0, "部分失能老人入住机构，下一步加强需求摸排"),
    ("满意度类指标", "服务对象满意度", "≥90%", "93", 20.0, 20.0, None),
    ("管理类指标", "预算执行率", "≥90%", "94%", 10.0, 10.0, None),
]

# The Chongqing truth file (../shared/samples/real-goal-tables/…truth.md): (level3, target_raw, actual_raw, weight,
# actual_value, actual_unit); 指标类型 as printed (数量指标, then 产出类指标 merged over five rows …).
CHONGQING_ROWS = [
    ("新增区级创业孵化基地数量", "≥1个", "3", 15.0, 3.0, "个"),
    ("社会保险补贴发放准确率", "≥95%", "100", 5.0, 100.0, "%"),
    ("就业见习补贴发放准确率", "≥95%", "100", 5.0, 100.0, "%"),
    ("公益性岗位补贴发放准确率", "≥95%", "100", 5.0, 100.0, "%"),
    ("就业见习补贴发放及时率", "≥95%", "100", 5.0, 100.0, "%"),
    ("低保就业补贴发放及时率", "≥95%", "100", 5.0, 100.0, "%"),
    ("城镇新增就业人数", "≥39500人", "49358", 5.0, 49358.0, "人"),
    ("零就业家庭帮扶率", "=100%", "100", 5.0, 100.0, "%"),
    ("年末应届离校未就业高效毕业生就业率", "≥90%", "92", 5.0, 92.0, "%"),
    ("公共就业服务满意度", "≥90%", "90", 15.0, 90.0, "%"),
    ("预算执行率", "≥90%", "88%", 8.0, 88.0, "%"),
    ("资金使用合规性", "合规", "合规", 10.0, None, None),
    ("财务监控有效性", "有效", "较有效", 2.0, None, None),
    ("绩效目标明确性", "明确", "明确", 6.0, None, None),
    ("政府采购程序性", "合规", "合规", 2.0, None, None),
    ("管理制度健全性", "健全", "较健全", 2.0, None, None),
]


@pytest.mark.parametrize("name", SELF_EVALUATIONS)
def test_a_self_evaluation_reads_the_same_in_every_format(name: str):
    path = LAYOUTS / name
    (table,) = parse_goal_tables(extract.read_document(path))
    assert (table.kind, table.project_name, table.unit_name) == ("self_evaluation", "社区养老服务补贴资金",
                                                                 "某区养老服务指导中心")
    frames = normalize([table], path=str(path))
    goal = frames.goal_tables.row(0, named=True)
    assert (goal["budget_total"], goal["budget_executed"], goal["execution_rate"]) == (
        Decimal("1260"), Decimal("1187.4"), 94.24)
    got = frames.indicators.select("level1", "level3", "target_raw", "actual_raw", "weight", "score",
                                   "deviation_reason").rows()
    assert got == SOCIAL_CARE


def test_the_real_chongqing_self_evaluation_exact():
    frames = normalize(parse_goal_tables(extract.read_document(CHONGQING)), path=str(CHONGQING))
    (goal,) = frames.goal_tables.rows(named=True)
    assert (goal["kind"], goal["fiscal_year"], goal["project_name"], goal["unit_name"]) == (
        "self_evaluation", 2021, "就业补助资金", "渝中区就业和人才中心")
    assert (goal["budget_total"], goal["budget_executed"], goal["execution_rate"]) == (
        Decimal("7574"), Decimal("6643"), 87.71)
    got = frames.indicators.select("level3", "target_raw", "actual_raw", "weight", "actual_value",
                                   "actual_unit").rows()
    assert got == CHONGQING_ROWS
    assert sum(frames.indicators["weight"]) == 100
    assert frames.indicators["level1"].to_list()[:3] == ["数量指标", "产出类指标", "产出类指标"]


def test_goal_tables_carry_no_results():
    frames = normalize(parse_goal_tables(extract.read_document(ROOT / "samples" / "baodi_court_2023.docx")),
                       path="baodi_court_2023.docx")
    columns = ["actual_raw", "actual_op", "actual_value", "actual_unit", "weight", "score", "deviation_reason"]
    assert frames.indicators.select(columns).null_count().row(0) == (frames.indicators.height,) * len(columns)
    assert frames.goal_tables.select("budget_executed", "execution_rate").null_count().row(0) == (2, 2)


def _row(actual: str, target: str = "≥95%") -> dict[str, object]:
    row = IndicatorRow("产出指标", "质量指标", "发放准确率", None, target, "row 1", actual_raw=actual)
    return result_fields(row, parse_target(target))


def test_an_actual_without_a_unit_takes_the_targets():
    assert (_row("100")["actual_value"], _row("100")["actual_unit"]) == (100.0, "%")
    assert (_row("3个", "≥1个")["actual_unit"], _row("30万元", "≤50万元")["actual_value_std"]) == ("个", 30.0)
    assert _row("300000元", "≤50万元")["actual_value_std"] == 30.0  # the target's standard unit: 万元
    words = _row("较有效", "有效")
    assert (words["actual_value"], words["actual_unit"]) == (None, None)


@pytest.mark.parametrize(("text", "value"), [("15", 15.0), ("7.5", 7.5), ("10分", 10.0), (" 5 ", 5.0),
                                              ("", None), ("—", None), ("满分", None)])
def test_points(text: str, value: float | None):
    assert points(text) == value


@given(st.integers(min_value=0, max_value=1000), st.sampled_from(["", "分", " 分"]))
def test_points_read_any_whole_number_with_or_without_its_unit(n: int, suffix: str):
    assert points(f"{n}{suffix}") == float(n)


@pytest.mark.parametrize(("text", "value"), [("90%", 90.0), ("90", 90.0), ("0.9", 90.0), ("87.7％", 87.7),
                                              ("约90%", None)])
def test_rate(text: str, value: float | None):
    assert rate(text) == pytest.approx(value) if value is not None else rate(text) is None


def test_a_stated_execution_rate_wins_over_the_computed_one():
    table = GoalTable(1, "", None, None, "万元", "p", "100", "", "", "", "", (), kind="self_evaluation",
                      budget_executed="90", execution_rate="91%")
    assert execution_rate(table, Decimal(100), Decimal(90)) == 91.0
    assert execution_rate(GoalTable(1, "", None, None, "万元", "p", "100", "", "", "", "", (),
                                    kind="self_evaluation"), Decimal(100), Decimal(90)) == 90.0
    assert execution_rate(GoalTable(1, "", None, None, "万元", "p", "100", "", "", "", "", ()),
                          Decimal(100), None) is None


def test_loans_are_counted_in_bi():
    """Found on the generated self-evaluations: ≥400笔 (创业担保贷款笔数) read as words, so never judged."""
    assert (parse_target("≥400笔").op, parse_target("≥400笔").value, parse_target("436笔").unit) == (">=", 400.0, "笔")
