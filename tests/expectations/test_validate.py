"""Each reviewer rule, run through real great-expectations, on frames that break it and frames that pass.

The frames have exactly the schemas of ``transform.records``. GX builds one
ephemeral context per process, so the whole module shares one (the first
test pays the 6-9 s import).
"""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import polars as pl
import pytest

import extract
from expectations import RULES, Check, Rule, validate
from transform.layout import parse_goal_tables
from transform.normalize import normalize
from transform.records import DQ_ISSUES_SCHEMA, GOAL_TABLES_SCHEMA, INDICATORS_SCHEMA

SAMPLES = Path(__file__).parents[2] / "samples"

# (level1_std, level2_std, level3, target_raw, value, value_max, unit, is_quantitative)
Row = tuple[str, str, str, str, float | None, float | None, str | None, bool]
COMPLETE: tuple[Row, ...] = (
    ("产出指标", "数量指标", "案件受理数量", "≥18000件", 18000.0, None, "件", True),
    ("产出指标", "质量指标", "服务验收合格率", "100%", 100.0, None, "%", True),
    ("效益指标", "社会效益指标", "民事案件调解率", "≥17.5%", 17.5, None, "%", True),
    ("满意度指标", "服务对象满意度指标", "干警满意度", "≥90%", 90.0, None, "%", True),
)


def _money(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


def _tables(*budgets: tuple[str | None, str | None, str | None], names: tuple[str, ...] = ()) -> pl.DataFrame:
    """One goal table per (total, fiscal, other) budget, seq 1, 2, ..."""
    budgets = budgets or (("10", "10", None),)
    return pl.DataFrame(
        [{"seq": seq, "page": None, "unit_code": "216101", "unit_name": "天津市蓟州区人民法院", "fiscal_year": 2023,
          "project_name": names[seq - 1] if names else f"项目{seq}",
          "budget_total": _money(total), "budget_fiscal": _money(fiscal), "budget_other": _money(other),
          "purpose": None, "goal_text": None}
         for seq, (total, fiscal, other) in enumerate(budgets, start=1)],
        schema=GOAL_TABLES_SCHEMA,
    )


def _indicators(*tables: tuple[Row, ...]) -> pl.DataFrame:
    """The indicator rows of goal table 1, 2, ...; row_no counts from 1 in each."""
    tables = tables or (COMPLETE,)
    return pl.DataFrame(
        [{"seq": seq, "row_no": row_no, "level1": l1, "level2": l2, "level3": l3, "description": None,
          "target_raw": raw, "target_op": "=" if quantitative else None, "target_value": value,
          "target_value_max": value_max, "target_unit": unit, "level1_std": l1, "level2_std": l2,
          "is_quantitative": quantitative, "source_page": None, "source_ref": f"t{seq}r{row_no}"}
         for seq, rows in enumerate(tables, start=1)
         for row_no, (l1, l2, l3, raw, value, value_max, unit, quantitative) in enumerate(rows, start=1)],
        schema=INDICATORS_SCHEMA,
    )


def _found(issues: pl.DataFrame) -> list[tuple[Any, ...]]:
    return issues.select("rule", "severity", "seq", "row_no").rows()


def _with(row: Row, **changes: Any) -> Row:
    fields = ("l1", "l2", "l3", "raw", "value", "value_max", "unit", "quantitative")
    values = dict(zip(fields, row, strict=True)) | changes
    return tuple(values[f] for f in fields)  # type: ignore[return-value]


# --- shape --------------------------------------------------------------------------------------------

def test_a_complete_balanced_table_passes_with_the_dq_issues_schema():
    issues = validate(_tables(("10", "8", "2")), _indicators())
    assert issues.is_empty()
    assert dict(issues.schema) == DQ_ISSUES_SCHEMA


def test_no_tables_no_issues():
    assert validate(_tables().clear(), _indicators().clear()).is_empty()


def test_rules_are_data_with_unique_names_and_known_severities():
    assert [r.name for r in RULES] == ["budget_balance", "required_categories", "rate_range",
                                       "unmapped_category"]
    assert all(r.severity in ("error", "warning") and r.level in ("table", "row") for r in RULES)


# --- budget_balance -------------------------------------------------------------------------------------

def test_budget_that_does_not_add_up():
    issues = validate(_tables(("398", "300", "0"), names=("法院办案业务费",)), _indicators())
    assert _found(issues) == [("budget_balance", "error", 1, None)]
    message = issues["message"][0]
    assert "《法院办案业务费》" in message
    assert "预算数 398.00 万元不等于财政资金 300.00 万元与其他资金 0.00 万元之和" in message
    assert "Budget total 398.00 does not equal fiscal 300.00 + other 0.00 (万元)" in message.replace("budget", "Budget")


@pytest.mark.parametrize(("total", "fiscal", "other"), [
    ("10", "8", "2"),
    ("46", "46", None),        # blank 其他资金 counts as 0
    (None, None, None),        # nothing filled in adds up to 0
    ("10.004", "10", None),    # within 0.005 万元
    ("9.995", "10", None),
])
def test_budget_that_adds_up(total, fiscal, other):
    assert validate(_tables((total, fiscal, other)), _indicators()).is_empty()


@pytest.mark.parametrize(("total", "fiscal", "other"), [
    ("10.006", "10", None),    # beyond the tolerance
    (None, "10", None),        # blank 预算数 counts as 0
    ("10", "10", "2"),
])
def test_budget_off_by_more_than_the_tolerance(total, fiscal, other):
    assert _found(validate(_tables((total, fiscal, other)), _indicators())) == [("budget_balance", "error", 1, None)]


def test_only_the_unbalanced_table_is_named():
    issues = validate(_tables(("10", "10", None), ("20", "10", "5"), ("30", "30", None)),
                      _indicators(COMPLETE, COMPLETE, COMPLETE))
    assert _found(issues) == [("budget_balance", "error", 2, None)]
    assert "20.00" in issues["message"][0] and "第2张目标表《项目2》" in issues["message"][0]


# --- required_categories ---------------------------------------------------------------------------------

@pytest.mark.parametrize("missing", ["产出指标", "效益指标", "满意度指标"])
def test_missing_category(missing: str):
    issues = validate(_tables(), _indicators(tuple(r for r in COMPLETE if r[0] != missing)))
    assert _found(issues) == [("required_categories", "error", 1, None)]
    assert f"缺少{missing}" in issues["message"][0] and "《项目1》" in issues["message"][0]


def test_table_without_indicators_misses_every_category_one_issue_each():
    issues = validate(_tables(("10", "10", None), ("5", "5", None)), _indicators(COMPLETE))
    assert _found(issues) == [("required_categories", "error", 2, None)] * 3
    assert [c for m in issues["message"] for c in ("产出指标", "效益指标", "满意度指标") if f"缺少{c}，" in m] \
        == ["产出指标", "效益指标", "满意度指标"]


def test_a_label_outside_the_taxonomy_is_kept_and_flagged():
    odd: Row = ("其他指标", "工作推进指标", "推进会议次数", "≥4次", 4.0, None, "次", True)
    issues = validate(_tables(), _indicators((*COMPLETE, odd)))
    assert _found(issues) == [("unmapped_category", "warning", 1, 5)]
    assert "其他指标/工作推进指标" in issues["message"][0]


def test_department_tables_need_not_have_the_project_categories():
    tables = _tables(("10", "10", None), ("5", "5", None)).with_columns(
        kind=pl.Series(["project", "department"]))
    assert validate(tables, _indicators(COMPLETE)).is_empty()


def test_cost_indicators_are_not_required_yet():
    assert validate(_tables(), _indicators(COMPLETE)).is_empty()


# --- rate_range -----------------------------------------------------------------------------------------

def test_percentage_above_100():
    rows = (*COMPLETE[:3], _with(COMPLETE[3], raw="950%", value=950.0))
    issues = validate(_tables(), _indicators(rows))
    assert _found(issues) == [("rate_range", "error", 1, 4)]
    assert "第4行指标“干警满意度”" in issues["message"][0] and "950" in issues["message"][0]


def test_negative_percentage():
    rows = (*COMPLETE[:2], _with(COMPLETE[2], raw="-5%", value=-5.0), COMPLETE[3])
    assert _found(validate(_tables(), _indicators(rows))) == [("rate_range", "error", 1, 3)]


def test_upper_end_of_a_range_is_checked_once():
    rows = (COMPLETE[0], _with(COMPLETE[1], raw="90%-120%", value=90.0, value_max=120.0), *COMPLETE[2:])
    issues = validate(_tables(), _indicators(rows))
    assert _found(issues) == [("rate_range", "error", 1, 2)]
    assert "（120）" in issues["message"][0]


def test_rate_named_in_level3_without_a_percent_sign():
    rows = (*COMPLETE[:3], _with(COMPLETE[3], raw="≥150", value=150.0, unit=None))
    assert _found(validate(_tables(), _indicators(rows))) == [("rate_range", "error", 1, 4)]


@pytest.mark.parametrize("row", [
    _with(COMPLETE[1], raw="90%-95%", value=90.0, value_max=95.0),      # a range inside 0-100
    _with(COMPLETE[1], raw="0%", value=0.0),                             # the bounds themselves
    _with(COMPLETE[3], raw="显著提升", value=None, unit=None, quantitative=False),  # qualitative 满意度
    _with(COMPLETE[0], raw="≥18000件", value=18000.0),                 # a count above 100 is no rate
    _with(COMPLETE[0], l3="邮寄费", raw="120元/件", value=120.0, unit="元/件"),
])
def test_not_a_rate_problem(row: Row):
    assert validate(_tables(), _indicators((*COMPLETE, row))).is_empty()


# --- together -------------------------------------------------------------------------------------------

def test_issues_come_ordered_by_table_then_row_table_level_first():
    broken = (*COMPLETE[:3], _with(COMPLETE[3], raw="150%", value=150.0))
    no_outcome = tuple(r for r in COMPLETE if r[0] != "效益指标")
    issues = validate(_tables(("10", "10", None), ("9", "10", None)),
                      _indicators(no_outcome, broken))
    assert _found(issues) == [
        ("required_categories", "error", 1, None),
        ("budget_balance", "error", 2, None),
        ("rate_range", "error", 2, 4),
    ]


def test_a_rule_is_added_as_data():
    def qualitative(goal_tables: pl.DataFrame, indicators: pl.DataFrame) -> pl.DataFrame:
        return indicators.select("seq", "row_no", "is_quantitative")

    rule = Rule("quantitative_target", "warning", "row", qualitative,
                (Check("is_quantitative", "ExpectColumnValuesToBeInSet", (("value_set", (True,)),),
                       lambda row: f"第{row['row_no']}行是定性指标"),))
    rows = (*COMPLETE, _with(COMPLETE[3], raw="显著提升", value=None, unit=None, quantitative=False))
    issues = validate(_tables(), _indicators(rows), rules=(rule,))
    assert _found(issues) == [("quantitative_target", "warning", 1, 5)]
    assert issues["message"].to_list() == ["第5行是定性指标"]


def test_a_check_gx_cannot_run_is_an_error_not_a_pass():
    def facts(goal_tables: pl.DataFrame, indicators: pl.DataFrame) -> pl.DataFrame:
        return indicators.select("seq", "row_no", "level3")

    # GX reports its own failure (text compared with numbers) in exception_info, with success False
    # and no unexpected rows: that must not read as "no issues".
    rule = Rule("broken_check", "error", "row", facts,
                (Check("level3", "ExpectColumnValuesToBeBetween", (("min_value", 0), ("max_value", 1)),
                       lambda row: ""),))
    with pytest.raises(RuntimeError, match="broken_check"):
        validate(_tables(), _indicators(), rules=(rule,))


def test_the_seed_raises_no_error():
    path = SAMPLES / "jizhou_court_2023.docx"
    frames = normalize(parse_goal_tables(extract.read_document(path)), path=str(path))
    assert frames.indicators.height == 40
    assert validate(frames.goal_tables, frames.indicators).is_empty()


def test_importing_expectations_does_not_import_great_expectations():
    code = "import sys, expectations; assert 'great_expectations' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)
