"""Normalized frames of the seed and the samples: years, money in 万元, parsed targets, taxonomy."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import polars as pl
import pytest

import extract
from core.errors import LayoutError
from transform.layout import parse_goal_tables
from transform.normalize import normalize, resolve_year
from transform.records import GOAL_TABLES_SCHEMA, INDICATORS_SCHEMA, GoalTable, IndicatorRow

SAMPLES = Path(__file__).parents[2] / "samples"


def _frames(name: str, year: int | None = None):
    path = SAMPLES / name
    return normalize(parse_goal_tables(extract.read_document(path)), path=str(path), year=year)


@pytest.fixture(scope="module", params=["jizhou_court_2023.docx", "jizhou_court_2023.pdf"])
def seed(request: pytest.FixtureRequest):
    return _frames(request.param)


def test_frames_have_the_contract_schema(seed):
    assert dict(seed.goal_tables.schema) == GOAL_TABLES_SCHEMA
    assert dict(seed.indicators.schema) == INDICATORS_SCHEMA


def test_seed_tables(seed):
    g = seed.goal_tables
    assert g["fiscal_year"].to_list() == [2023] * 4  # table 2's title states no year: the others' year holds
    assert g["budget_total"].to_list() == [Decimal(v) for v in ("398", "46", "28", "17")]
    assert g["budget_fiscal"].to_list() == g["budget_total"].to_list()
    assert g["budget_other"].to_list() == [None] * 4  # 其他资金 is blank in the seed
    assert set(g["unit_code"]) == {"216101"} and set(g["unit_name"]) == {"天津市蓟州区人民法院"}


@pytest.mark.parametrize(
    ("raw", "op", "value", "unit"),
    [("≥18000件", ">=", 18000.0, "件"), ("95%", "=", 95.0, "%"), ("398万", "=", 398.0, "万元"),
     ("≥242人/件", ">=", 242.0, "人/件"), ("20元/件", "=", 20.0, "元/件"), ("1年", "=", 1.0, "年")],
)
def test_seed_targets(seed, raw, op, value, unit):
    row = seed.indicators.filter(pl.col("target_raw") == raw).row(0, named=True)
    assert (row["target_op"], row["target_value"], row["target_unit"], row["is_quantitative"]) == (op, value, unit, True)


def test_number_glued_to_words_is_not_a_number(seed):
    row = seed.indicators.filter(pl.col("target_raw") == "100有限促进").row(0, named=True)
    assert (row["target_op"], row["target_value"], row["is_quantitative"]) == (None, None, False)


def test_layout_a_cost_is_mapped_to_the_taxonomy(seed):
    cost = seed.indicators.filter(pl.col("level2") == "成本指标")
    assert cost.height == 6
    assert set(zip(cost["level1"], cost["level1_std"], cost["level2_std"])) == {("产出指标", "成本指标", "经济成本指标")}
    assert seed.indicators["level1_std"].null_count() == 0


def test_money_stated_in_yuan_is_converted():
    g = _frames("baodi_court_2023.docx").goal_tables
    assert g["budget_total"][0] == Decimal("30")  # 300000.00 元


def test_year_falls_back_to_file_name_then_option():
    table = GoalTable(seq=1, title="", unit_code=None, unit_name=None, money_unit="万元", project_name="x",
                      budget_total="", budget_fiscal="", budget_other="", purpose="", goal_text="", indicators=())
    assert resolve_year([table], "/in/unit_2024.docx", 2020) == 2024
    assert resolve_year([table], "/in/unit.docx", 2020) == 2020


def test_budget_that_is_not_a_number_names_the_table():
    table = GoalTable(seq=3, title="", unit_code=None, unit_name=None, money_unit="万元", project_name="司法救助",
                      budget_total="二十八", budget_fiscal="", budget_other="", purpose="", goal_text="",
                      indicators=())
    with pytest.raises(LayoutError, match="第3张目标表《司法救助》的预算数"):
        normalize([table], path="/in/x.docx")


def test_a_number_without_unit_takes_the_unit_in_the_names_brackets():
    rows = (IndicatorRow("产出指标", "数量指标", "城镇新增就业人数（人）", None, "50000", "row 1"),
            IndicatorRow("产出指标", "数量指标", "扶持创业企业（项目）数", None, "650", "row 2"))
    table = GoalTable(seq=1, title="", unit_code=None, unit_name=None, money_unit="万元", project_name="x",
                      budget_total="", budget_fiscal="", budget_other="", purpose="", goal_text="", indicators=rows)
    got = normalize([table], path="/in/x.docx").indicators.select("target_value", "target_unit").rows()
    assert got == [(50000.0, "人"), (650.0, None)]  # only trailing brackets name a unit
