"""standardize_target: units counted in 万 and 亿, and rates however joined, in the standard units."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from transform.standard import standardize_target
from transform.targets import parse_target

# (value, unit as parsed, standard value, standard unit)
CASES = [
    (210.0, "万平方米", 2_100_000.0, "平方米"),
    (5.5, "万人次", 55_000.0, "人次"),
    (3.2, "万人", 32_000.0, "人"),
    (7.0, "万张", 70_000.0, "张"),
    (2.0, "亿人次", 200_000_000.0, "人次"),
    (1.0, "万㎡", 10_000.0, "平方米"),  # the unit after 万 is spelled the standard way too
    (2.0, "万公斤", 20_000.0, "千克"),
    (1.0, "万小时", 10_000 / 24, "天"),  # and converted like the unit alone
    (3.0, "万千瓦", 30_000.0, "千瓦"),
    (5.0, "万人数", 5.0, "万人数"),  # 人数 is no known unit: kept as written
    # money keeps its standard, 万元
    (5000.0, "万元", 5000.0, "万元"),
    (398.0, "万元", 398.0, "万元"),
    (1.2, "亿元", 12_000.0, "万元"),
    (5.0, "千元", 0.5, "万元"),
    # rates: parts joined by /, a money numerator in 元, a 万 numerator multiplied out
    (200.0, "元每人每月", 200.0, "元/人/月"),
    (60.0, "户/人.月", 60.0, "户/人/月"),
    (200.0, "元/人·天", 200.0, "元/人/天"),
    (10.0, "元/每人", 10.0, "元/人"),
    (2.0, "次每年", 2.0, "次/年"),
    (0.5, "万元/件", 5000.0, "元/件"),
    (1.0, "万元每人", 10_000.0, "元/人"),
    (1.0, "万人/年", 10_000.0, "人/年"),
    (5.0, "人/万人", 5.0, "人/万人"),  # per 10,000 people: the denominator is a unit, not a count
    (3.0, "㎡/人", 3.0, "平方米/人"),
    (3.0, "台/套", 3.0, "台（套）"),  # a spelling, not a rate
    (None, "万人次", None, "人次"),
]


@pytest.mark.parametrize(("value", "unit", "std_value", "std_unit"), CASES, ids=[c[1] + str(c[0]) for c in CASES])
def test_standard_units(value, unit, std_value, std_unit):
    got = standardize_target(value, unit)
    assert got.unit == std_unit
    assert got.value == pytest.approx(std_value) if std_value is not None else got.value is None


@pytest.mark.parametrize(("text", "std_value", "std_unit"), [
    ("≥210万平方米", 2_100_000.0, "平方米"), ("约5.5万人次", 55_000.0, "人次"), ("=5.00(万人次)", 50_000.0, "人次"),
    ("三万人次", 30_000.0, "人次"), ("1-3万人次", 10_000.0, "人次"), ("≥13459.00(平方米)", 13459.0, "平方米"),
    ("5000万元", 5000.0, "万元"), ("398万", 398.0, "万元"), ("≥200元每人每月", 200.0, "元/人/月"),
    ("不低于60户/人.月", 60.0, "户/人/月"), ("5千人", 5000.0, "人"),
])
def test_a_parsed_target_in_standard_units(text, std_value, std_unit):
    t = parse_target(text)
    got = standardize_target(t.value, t.unit)
    assert (got.value, got.unit) == (pytest.approx(std_value), std_unit)


UNITS_TO_SCALE = ["人", "人次", "件", "户", "张", "平方米", "㎡", "亩", "吨", "公斤", "千瓦", "册", "小时", "天", "个月"]
SCALES = {"万": 1e4, "亿": 1e8}


@given(value=st.floats(min_value=0, max_value=1e6, allow_nan=False), unit=st.sampled_from(UNITS_TO_SCALE),
       scale=st.sampled_from(sorted(SCALES)))
def test_a_scaled_unit_is_its_unit_times_the_scale(value, unit, scale):
    scaled, plain = standardize_target(value, scale + unit), standardize_target(value * SCALES[scale], unit)
    assert scaled.unit == plain.unit
    assert scaled.value == pytest.approx(plain.value, rel=1e-9)


@given(head=st.sampled_from(["元", "人", "户", "次", "件", "万人"]), tails=st.lists(
    st.sampled_from(["人", "月", "年", "天", "户", "件"]), min_size=1, max_size=2),
    joiners=st.lists(st.sampled_from(["/", "每", ".", "·", "/每"]), min_size=2, max_size=2))
def test_a_rate_is_joined_by_slashes_however_written(head, tails, joiners):
    unit = head + "".join(j + t for j, t in zip(joiners, tails))
    std_head = "人" if head == "万人" else head
    assert standardize_target(1.0, unit).unit == "/".join([std_head, *tails])
