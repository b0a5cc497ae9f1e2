"""Each reviewer rule, run through great-expectations, on a table that breaks it and one that passes."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import polars as pl
import pytest

import extract
from expectations import validate
from transform.layout import parse_goal_tables
from transform.normalize import normalize
from transform.records import GOAL_TABLES_SCHEMA, INDICATORS_SCHEMA

SAMPLES = Path(__file__).parents[2] / "samples"
COMPLETE = [("产出指标", "数量指标", "件", 10.0), ("效益指标", "社会效益指标", "%", 90.0),
            ("满意度指标", "服务对象满意度指标", "%", 95.0)]


def _tables(total: str = "10", fiscal: str = "10", other: str | None = None) -> pl.DataFrame:
    money = {k: (Decimal(v) if v is not None else None) for k, v in
             (("budget_total", total), ("budget_fiscal", fiscal), ("budget_other", other))}
    return pl.DataFrame([{"seq": 1, "project_name": "办案业务费", "fiscal_year": 2023, **money}],
                        schema=GOAL_TABLES_SCHEMA)


def _indicators(rows=COMPLETE, value_max: float | None = None) -> pl.DataFrame:
    return pl.DataFrame(
        [{"seq": 1, "row_no": i, "level1": l1, "level2": l2, "level3": f"指标{i}", "target_raw": f"{v}{unit}",
          "target_op": "=", "target_value": v, "target_value_max": value_max if unit == "%" else None,
          "target_unit": unit, "level1_std": l1, "level2_std": l2, "is_quantitative": True}
         for i, (l1, l2, unit, v) in enumerate(rows, start=1)],
        schema=INDICATORS_SCHEMA,
    )


def _found(issues: pl.DataFrame) -> list[tuple]:
    return sorted(issues.select("rule", "severity", "seq", "row_no").rows(), key=str)


def test_a_complete_balanced_table_passes():
    issues = validate(_tables("10", "8", "2"), _indicators())
    assert issues.is_empty()
    assert issues.columns == ["seq", "row_no", "rule", "severity", "message"]


def test_budget_that_does_not_add_up():
    issues = validate(_tables("398", "300", "0"), _indicators())
    assert _found(issues) == [("budget_balance", "error", 1, None)]
    assert "预算数 398.0000 万元不等于财政资金 300.0000 万元" in issues["message"][0]


def test_blank_other_funds_count_as_zero():
    assert validate(_tables("46", "46", None), _indicators()).is_empty()


@pytest.mark.parametrize("missing", ["产出指标", "效益指标", "满意度指标"])
def test_missing_category(missing: str):
    issues = validate(_tables(), _indicators([r for r in COMPLETE if r[0] != missing]))
    assert _found(issues) == [("required_categories", "error", 1, None)]
    assert f"缺少{missing}" in issues["message"][0]


def test_table_without_indicators_misses_every_category():
    issues = validate(_tables(), _indicators([]))
    assert len(issues) == 3 and set(issues["rule"]) == {"required_categories"}


def test_rate_above_100_percent():
    rows = [*COMPLETE[:2], ("满意度指标", "服务对象满意度指标", "%", 950.0)]
    assert _found(validate(_tables(), _indicators(rows))) == [("rate_range", "error", 1, 3)]


def test_rate_range_upper_end_checked():
    issues = validate(_tables(), _indicators(value_max=120.0))
    assert {r for r in _found(issues)} == {("rate_range", "error", 1, 2), ("rate_range", "error", 1, 3)}


def test_counts_above_100_are_not_rates():
    rows = [("产出指标", "数量指标", "件", 18000.0), *COMPLETE[1:]]
    assert validate(_tables(), _indicators(rows)).is_empty()


@pytest.mark.parametrize("name", ["jizhou_court_2023.docx", "jizhou_court_2023.pdf"])
def test_the_seed_raises_no_error(name: str):
    path = SAMPLES / name
    frames = normalize(parse_goal_tables(extract.read_document(path)), path=str(path))
    assert validate(frames.goal_tables, frames.indicators).is_empty()
