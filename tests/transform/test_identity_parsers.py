"""Keys, standard units, project names and units: the pure parsers behind cross-unit comparison."""

from __future__ import annotations

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from transform.keys import indicator_key
from transform.projects import split_project_name
from transform.standard import standardize_target
from transform.units import identify_units


@pytest.mark.parametrize(("level3", "description", "shared", "key"), [
    ("审限内结案率（%）", None, False, "审限内结案率"),
    ("“一站式”服务办理率", None, False, "一站式服务办理率"),
    ("人均 结案数(件/人)", None, False, "人均结案数"),
    ("干警满意度。", "干警满意度", False, "干警满意度"),
    ("邮寄费", "同城邮寄费", True, "同城邮寄费"),  # layout A: the 描述 names the row when 三级 is shared
    ("邮寄费", "同城邮寄费", False, "同城邮寄费"),
    ("案件受理数量", "民事案件受理数量", True, "民事案件受理数量"),
    ("车辆集中停放、统一管理、统一调", "车辆集中停放、统一管理、统一调度", False, "车辆集中停放、统一管理、统一调度"),
    ("年度建设成本", "本年度软硬件采购及实施服务费用", False, "年度建设成本"),
    ("陪审员培训人次", "全年组织人民陪审员培训人次", False, "陪审员培训人次"),
    ("审判效率", "缩短办案周期，提高审判效率", True, "审判效率"),  # a sentence explains, it does not name
    ("", "干警满意度", False, "干警满意度"),
])
def test_indicator_key(level3, description, shared, key):
    assert indicator_key(level3, description, shared=shared) == key


@pytest.mark.parametrize(("value", "unit", "std_value", "std_unit"), [
    (398.0, "万元", 398.0, "万元"),
    (300000.0, "元", 30.0, "万元"),
    (1.2, "亿元", 12000.0, "万元"),
    (95.0, "%", 95.0, "%"),
    (5.0, "‰", 0.5, "%"),
    (1.0, "年", 365.0, "天"),
    (6.0, "个月", 180.0, "天"),
    (5.0, "个工作日", 7.0, "天"),
    (2.0, "小时", 2 / 24, "天"),
    (20.0, "元/件", 20.0, "元/件"),
    (0.002, "万元/件", 20.0, "元/件"),
    (242.0, "人/件", 242.0, "人/件"),
    (3200.0, "㎡", 3200.0, "平方米"),
    (3.0, "台/套", 3.0, "台（套）"),
    (18000.0, "件", 18000.0, "件"),
    (None, None, None, None),
])
def test_standard_units(value, unit, std_value, std_unit):
    got = standardize_target(value, unit)
    assert got.unit == std_unit
    assert got.value == pytest.approx(std_value) if std_value is not None else got.value is None


@given(st.floats(min_value=0.001, max_value=1e9, allow_nan=False), st.sampled_from(["元", "千元", "万元", "亿元"]))
def test_money_in_any_unit_is_the_same_amount_in_wan_yuan(value, unit):
    factor = {"元": 1e-4, "千元": 0.1, "万元": 1.0, "亿元": 1e4}[unit]
    assert standardize_target(value, unit).value == pytest.approx(value * factor)


@pytest.mark.parametrize(("name", "base", "source"), [
    ("审判执行综合保障经费-2023市级", "审判执行综合保障经费", "市级"),
    ("司法救助-2023中央", "司法救助", "中央"),
    ("司法救助（2023年中央补助）", "司法救助", "中央"),
    ("老旧小区改造（区级）", "老旧小区改造", "区级"),
    ("办案经费_2024年度省级资金", "办案经费", "省级"),
    ("信息化建设—2023年市级资金", "信息化建设", "市级"),
    ("政法转移支付2023中央", "政法转移支付", "中央"),
    ("智慧医院信息化建设（2024-2026年）", "智慧医院信息化建设", None),
    ("校舍维修改造工程", "校舍维修改造工程", None),
    ("道路改造-一期", "道路改造-一期", None),
    ("智慧城市", "智慧城市", None),
])
def test_project_names(name, base, source):
    got = split_project_name(name)
    assert (got.base, got.fund_source) == (base, source)


def test_units_written_with_and_without_code_are_one():
    written = pl.DataFrame({
        "unit_code": ["216101", "216101", None, None, "216102", None, None],
        "unit_name": ["天津市蓟州区人民法院", "天津市蓟州区人民法院 ", "蓟州区人民法院", "天津市蓟州区人民法院",
                      "天津市宁河区人民法院", "某市第一中学", "第一中学"],
        "n_tables": [4, 1, 2, 1, 3, 2, 1],
    })
    got = identify_units(written)
    units = {r["unit_name"]: (r["unit_code"], sorted(r["aliases"])) for r in got.units.iter_rows(named=True)}
    assert units == {
        "天津市蓟州区人民法院": ("216101", ["天津市蓟州区人民法院 ", "蓟州区人民法院"]),
        "天津市宁河区人民法院": ("216102", []),
        "某市第一中学": (None, []),
        "第一中学": (None, []),  # 4 characters: too short to be sure it is 某市第一中学
    }
    assert got.aliases.height == written.height
