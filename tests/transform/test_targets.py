"""parse_target: the 指标值 grammar of domain.md and real-layouts.md ("Values"), case by case and as properties."""

from __future__ import annotations

import math
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from transform.targets import (
    FLAG_APPROXIMATE,
    FLAG_CONFLICTING_OPS,
    FLAG_EMPTY,
    FLAG_GLUED,
    FLAG_MULTIPLE_VALUES,
    FLAG_OP_WITHOUT_NUMBER,
    FLAG_RANGE_REVERSED,
    FLAG_RANGE_UNITS_DIFFER,
    UNITS,
    Target,
    chinese_number,
    is_unit,
    parse_target,
    unit_in_name,
)
from transform.standard import standardize_target

ALL_FLAGS = {
    FLAG_EMPTY, FLAG_GLUED, FLAG_OP_WITHOUT_NUMBER, FLAG_CONFLICTING_OPS, FLAG_RANGE_REVERSED, FLAG_RANGE_UNITS_DIFFER,
    FLAG_MULTIPLE_VALUES, FLAG_APPROXIMATE,
}
Q = None  # the op/value/unit of a qualitative target

# (text, op, value, value_max, unit, flags); is_quantitative is `value is not None`.
CASES: list[tuple[str, str | None, float | None, float | None, str | None, tuple[str, ...]]] = [
    # the seed, exactly as written
    ("≥18000件", ">=", 18000, None, "件", ()),
    ("≥13716件", ">=", 13716, None, "件", ()),
    ("≥707件", ">=", 707, None, "件", ()),
    ("≥6653件", ">=", 6653, None, "件", ()),
    ("≥242人/件", ">=", 242, None, "人/件", ()),
    ("100%", "=", 100, None, "%", ()),
    ("≥90%", ">=", 90, None, "%", ()),
    ("1年", "=", 1, None, "年", ()),
    ("398万", "=", 398, None, "万元", ()),
    ("100有限促进", Q, Q, None, Q, (FLAG_GLUED,)),
    ("≥17.5%", ">=", 17.5, None, "%", ()),
    ("≥21.9%", ">=", 21.9, None, "%", ()),
    ("95%", "=", 95, None, "%", ()),
    ("≥20000件", ">=", 20000, None, "件", ()),
    ("≥6000件", ">=", 6000, None, "件", ()),
    ("≥95%", ">=", 95, None, "%", ()),
    ("≥80%", ">=", 80, None, "%", ()),
    ("46万", "=", 46, None, "万元", ()),
    ("20元/件", "=", 20, None, "元/件", ()),
    ("40元/件", "=", 40, None, "元/件", ()),
    ("≥10人", ">=", 10, None, "人", ()),
    ("28万", "=", 28, None, "万元", ()),
    ("≥1年", ">=", 1, None, "年", ()),
    ("1辆", "=", 1, None, "辆", ()),
    ("17万", "=", 17, None, "万元", ()),
    ("≥8年", ">=", 8, None, "年", ()),
    # the sample units
    ("≥236件/人", ">=", 236, None, "件/人", ()),
    ("≥15000人次", ">=", 15000, None, "人次", ()),
    ("≥9000次", ">=", 9000, None, "次", ()),
    ("≤1天", "<=", 1, None, "天", ()),
    ("42.5万", "=", 42.5, None, "万元", ()),
    ("300000元", "=", 300000, None, "元", ()),
    ("有效保障", Q, Q, None, Q, ()),
    ("明显改善", Q, Q, None, Q, ()),
    # operator symbols and their variants
    (">5件", ">", 5, None, "件", ()),
    ("<5件", "<", 5, None, "件", ()),
    ("=5件", "=", 5, None, "件", ()),
    ("≤5件", "<=", 5, None, "件", ()),
    ("＞5件", ">", 5, None, "件", ()),
    ("＜5件", "<", 5, None, "件", ()),
    ("＝5件", "=", 5, None, "件", ()),
    ("≧5件", ">=", 5, None, "件", ()),
    ("≧95%", ">=", 95, None, "%", ()),
    ("≦5%", "<=", 5, None, "%", ()),
    ("≦5件", "<=", 5, None, "件", ()),
    ("⩾5件", ">=", 5, None, "件", ()),
    ("⩽5件", "<=", 5, None, "件", ()),
    (">=5件", ">=", 5, None, "件", ()),
    ("<=5件", "<=", 5, None, "件", ()),
    ("＞＝5件", ">=", 5, None, "件", ()),
    ("＜＝5件", "<=", 5, None, "件", ()),
    ("≮5件", ">=", 5, None, "件", ()),
    ("≯5件", "<=", 5, None, "件", ()),
    ("＝100%", "=", 100, None, "%", ()),
    # operator words
    ("不低于90%", ">=", 90, None, "%", ()),
    ("不少于3次", ">=", 3, None, "次", ()),
    ("大于等于95%", ">=", 95, None, "%", ()),
    ("大于或等于95%", ">=", 95, None, "%", ()),
    ("至少2场", ">=", 2, None, "场", ()),
    ("达到100%", ">=", 100, None, "%", ()),
    ("不小于10户", ">=", 10, None, "户", ()),
    ("不高于5%", "<=", 5, None, "%", ()),
    ("不超过398万元", "<=", 398, None, "万元", ()),
    ("不多于2次", "<=", 2, None, "次", ()),
    ("小于等于3天", "<=", 3, None, "天", ()),
    ("不大于3天", "<=", 3, None, "天", ()),
    ("控制在398万元以内", "<=", 398, None, "万元", ()),
    ("控制在50万以内", "<=", 50, None, "万元", ()),
    ("控制在5%", "<=", 5, None, "%", ()),
    ("大于90%", ">", 90, None, "%", ()),
    ("高于90%", ">", 90, None, "%", ()),
    ("超过100人", ">", 100, None, "人", ()),
    ("小于1%", "<", 1, None, "%", ()),
    ("低于1%", "<", 1, None, "%", ()),
    ("少于3起", "<", 3, None, "起", ()),
    ("等于100%", "=", 100, None, "%", ()),
    # operator words after the number
    ("90%以上", ">=", 90, None, "%", ()),
    ("90%及以上", ">=", 90, None, "%", ()),
    ("5%以下", "<=", 5, None, "%", ()),
    ("5%及以下", "<=", 5, None, "%", ()),
    ("3天以内", "<=", 3, None, "天", ()),
    ("3个工作日内", "<=", 3, None, "个工作日", ()),
    ("10个工作日之内", "<=", 10, None, "个工作日", ()),
    ("100以上", ">=", 100, None, None, ()),
    ("100人左右", "=", 100, None, "人", (FLAG_APPROXIMATE,)),  # 左右 is "about" (real-layouts.md), not an operator
    ("不少于90%以上", ">=", 90, None, "%", ()),
    ("≥10天以内", ">=", 10, None, "天", (FLAG_CONFLICTING_OPS,)),
    # numbers
    ("18000", "=", 18000, None, None, ()),
    ("18,000件", "=", 18000, None, "件", ()),
    ("1,234,567.5元", "=", 1234567.5, None, "元", ()),
    ("398.00万元", "=", 398, None, "万元", ()),
    ("0.5天", "=", 0.5, None, "天", ()),
    ("１８０００件", "=", 18000, None, "件", ()),
    ("１８，０００件", "=", 18000, None, "件", ()),
    ("≥１７．５％", ">=", 17.5, None, "%", ()),
    ("９５％", "=", 95, None, "%", ()),
    ("≤-5%", "<=", -5, None, "%", ()),
    ("+5%", "=", 5, None, "%", ()),
    ("≥95%。", ">=", 95, None, "%", ()),
    ("0", "=", 0, None, None, ()),
    ("0起", "=", 0, None, "起", ()),
    # Chinese numerals
    ("一年", "=", 1, None, "年", ()),
    ("两次", "=", 2, None, "次", ()),
    ("三个月", "=", 3, None, "个月", ()),
    ("十天", "=", 10, None, "天", ()),
    ("十二个月", "=", 12, None, "个月", ()),
    ("二十人", "=", 20, None, "人", ()),
    ("一百二十人", "=", 120, None, "人", ()),
    ("三千五百件", "=", 3500, None, "件", ()),
    ("不少于两次", ">=", 2, None, "次", ()),
    ("至少一次", ">=", 1, None, "次", ()),
    ("半年", "=", 0.5, None, "年", ()),
    ("百分之九十五", "=", 95, None, "%", ()),
    ("百分之百", "=", 100, None, "%", ()),
    ("百分之95", "=", 95, None, "%", ()),
    ("百分之九十以上", ">=", 90, None, "%", ()),
    ("千分之五", "=", 5, None, "‰", ()),
    ("五万", "=", 5, None, "万元", ()),
    ("五万元", "=", 5, None, "万元", ()),
    ("三万人次", "=", 3, None, "万人次", ()),  # was 30000 人次: 万 now stays in the unit as written
    ("两百万元", "=", 200, None, "万元", ()),
    ("一亿二千万元", "=", 120_000_000, None, "元", ()),
    # multipliers: 万 and 亿 stay in the unit as written (real-layouts.md, "Values"; these were multiplied
    # out before, 3万人次 → 30000 人次); transform.standard gives 30000 人次. 千 still multiplies.
    ("3万人次", "=", 3, None, "万人次", ()),
    ("≥1.5万人", ">=", 1.5, None, "万人", ()),
    ("398万元", "=", 398, None, "万元", ()),
    ("1.2亿", "=", 1.2, None, "亿元", ()),
    ("1.2亿元", "=", 1.2, None, "亿元", ()),
    ("2亿人次", "=", 2, None, "亿人次", ()),  # was 200,000,000 人次
    ("10万平方米", "=", 10, None, "万平方米", ()),  # was 100,000 平方米
    ("0.5万元/件", "=", 0.5, None, "万元/件", ()),
    ("1万人/年", "=", 1, None, "万人/年", ()),  # was 10000 人/年
    ("5千人", "=", 5000, None, "人", ()),
    ("5千", "=", 5000, None, None, ()),
    ("5千克", "=", 5, None, "千克", ()),
    ("5千米", "=", 5, None, "千米", ()),
    ("5千元", "=", 5, None, "千元", ()),
    ("≥210万平方米", ">=", 210, None, "万平方米", ()),
    ("7万张", "=", 7, None, "万张", ()),
    ("≥3.2万人", ">=", 3.2, None, "万人", ()),
    ("1万-3万元", ">=", 1, 3, "万元", ()),
    ("5000万元", "=", 5000, None, "万元", ()),
    ("1千-3千人", ">=", 1000, 3000, "人", ()),
    ("5人/万人", "=", 5, None, "人/万人", ()),
    # a unit in brackets after the number (real-layouts.md): a known unit, or a short word as written
    ("≥13459.00(平方米)", ">=", 13459, None, "平方米", ()),
    ("≥13459.00（平方米）", ">=", 13459, None, "平方米", ()),
    ("=100.00(%)", "=", 100, None, "%", ()),
    ("=100.00（％）", "=", 100, None, "%", ()),
    (">6.00(次)", ">", 6, None, "次", ()),
    ("≥100.00(人数)", ">=", 100, None, "人数", ()),
    ("=5.00(万人次)", "=", 5, None, "万人次", ()),
    ("90.00(度)", "=", 90, None, "度", ()),
    ("3(套)", "=", 3, None, "套", ()),
    ("≥20(元/人)", ">=", 20, None, "元/人", ()),
    ("90(%)以上", ">=", 90, None, "%", ()),
    ("90-95(%)", ">=", 90, 95, "%", ()),
    ("5(万)", "=", 5, None, "万元", ()),
    ("100（含）", Q, Q, None, Q, (FLAG_GLUED,)),  # 含 says "inclusive": a qualifier, not a unit
    ("90(以上)", Q, Q, None, Q, (FLAG_GLUED,)),
    ("100(一期)", Q, Q, None, Q, (FLAG_GLUED,)),  # a numeral in the word: not a unit
    ("100(2024年)", Q, Q, None, Q, (FLAG_GLUED,)),
    ("100(平方米)(含)", Q, Q, None, Q, (FLAG_GLUED,)),
    # rates joined by 每 or a dot, kept as written (transform.standard joins them with /)
    ("≥200元每人每月", ">=", 200, None, "元每人每月", ()),
    ("不低于60户/人.月", ">=", 60, None, "户/人.月", ()),
    ("10元/每人", "=", 10, None, "元/每人", ()),
    ("2次每年", "=", 2, None, "次每年", ()),
    ("200每人", Q, Q, None, Q, (FLAG_GLUED,)),
    # units
    ("3台（套）", "=", 3, None, "台（套）", ()),
    ("3台(套)", "=", 3, None, "台（套）", ()),
    ("5个", "=", 5, None, "个", ()),
    ("≥6月", ">=", 6, None, "月", ()),
    ("30日", "=", 30, None, "日", ()),
    ("5‰", "=", 5, None, "‰", ()),
    ("20户", "=", 20, None, "户", ()),
    ("3家", "=", 3, None, "家", ()),
    ("12项", "=", 12, None, "项", ()),
    ("4份", "=", 4, None, "份", ()),
    ("1000册", "=", 1000, None, "册", ()),
    ("2篇", "=", 2, None, "篇", ()),
    ("500平方米", "=", 500, None, "平方米", ()),
    ("12.5公里", "=", 12.5, None, "公里", ()),
    ("≥90分", ">=", 90, None, "分", ()),
    ("2个百分点", "=", 2, None, "个百分点", ()),
    ("18元/人", "=", 18, None, "元/人", ()),
    ("≤200元/人·天", "<=", 200, None, "元/人·天", ()),
    ("1次/年", "=", 1, None, "次/年", ()),
    ("100万元/年", "=", 100, None, "万元/年", ()),
    ("3m²", "=", 3, None, "m²", ()),
    ("10ｋｍ", "=", 10, None, "km", ()),
    # ranges: op >= with the lower end, value_max the upper
    ("90%-95%", ">=", 90, 95, "%", ()),
    ("90-95%", ">=", 90, 95, "%", ()),
    ("8～10天", ">=", 8, 10, "天", ()),
    ("8~10天", ">=", 8, 10, "天", ()),
    ("8〜10天", ">=", 8, 10, "天", ()),
    ("8至10天", ">=", 8, 10, "天", ()),
    ("8到10天", ">=", 8, 10, "天", ()),
    ("8-10天", ">=", 8, 10, "天", ()),
    ("8—10天", ">=", 8, 10, "天", ()),
    ("8——10天", ">=", 8, 10, "天", ()),
    ("8－10天", ">=", 8, 10, "天", ()),
    ("8天-10天", ">=", 8, 10, "天", ()),
    ("1-3万人次", ">=", 1, 3, "万人次", ()),  # was 10000..30000 人次: the unit is as written
    ("1万-3万人次", ">=", 1, 3, "万人次", ()),
    ("1-3万", ">=", 1, 3, "万元", ()),
    ("18,000-20,000件", ">=", 18000, 20000, "件", ()),
    ("1.5-2.5小时", ">=", 1.5, 2.5, "小时", ()),
    ("90% - 95%", ">=", 90, 95, "%", ()),
    ("10-8天", ">=", 8, 10, "天", (FLAG_RANGE_REVERSED,)),
    ("≤8-10天", ">=", 8, 10, "天", (FLAG_CONFLICTING_OPS,)),
    ("8天-10人", Q, Q, None, Q, (FLAG_RANGE_UNITS_DIFFER,)),
    # whitespace and stray characters
    ("≥ 90 %", ">=", 90, None, "%", ()),
    ("≥\t18000\n件", ">=", 18000, None, "件", ()),
    ("\u3000≥95%\u00a0", ">=", 95, None, "%", ()),
    ("18 000件", "=", 18000, None, "件", ()),
    ("定量≥90%", ">=", 90, None, "%", ()),
    # approximate: the number stands, flagged
    ("约5.5万人次", "=", 5.5, None, "万人次", (FLAG_APPROXIMATE,)),
    ("大约300人", "=", 300, None, "人", (FLAG_APPROXIMATE,)),
    ("300人左右", "=", 300, None, "人", (FLAG_APPROXIMATE,)),
    ("约为95%", "=", 95, None, "%", (FLAG_APPROXIMATE,)),
    ("约300人以上", ">=", 300, None, "人", (FLAG_APPROXIMATE,)),
    ("不少于300人左右", ">=", 300, None, "人", (FLAG_APPROXIMATE,)),
    ("约8-10天", ">=", 8, 10, "天", (FLAG_APPROXIMATE,)),
    ("8-10天左右", ">=", 8, 10, "天", (FLAG_APPROXIMATE,)),
    ("约", Q, Q, None, Q, ()),
    ("约定俗成", Q, Q, None, Q, ()),
    # several values are not one target
    ("1600人、200人", Q, Q, None, Q, (FLAG_MULTIPLE_VALUES,)),
    ("1000人、3000人", Q, Q, None, Q, (FLAG_MULTIPLE_VALUES,)),
    ("900人、1500人", Q, Q, None, Q, (FLAG_MULTIPLE_VALUES,)),
    ("900人，1500人", Q, Q, None, Q, (FLAG_MULTIPLE_VALUES,)),
    ("900人,1500人", Q, Q, None, Q, (FLAG_MULTIPLE_VALUES,)),
    ("900人；1500人", Q, Q, None, Q, (FLAG_MULTIPLE_VALUES,)),
    ("900人和1500人", Q, Q, None, Q, (FLAG_MULTIPLE_VALUES,)),
    ("900人及1500人", Q, Q, None, Q, (FLAG_MULTIPLE_VALUES,)),
    ("≥100人、≥200人", Q, Q, None, Q, (FLAG_MULTIPLE_VALUES,)),
    ("不少于100人，不少于20000份", Q, Q, None, Q, (FLAG_MULTIPLE_VALUES,)),
    ("1,000人,2,000人", Q, Q, None, Q, (FLAG_MULTIPLE_VALUES,)),
    ("100人及以上、200人", Q, Q, None, Q, (FLAG_MULTIPLE_VALUES,)),
    ("8-10天、12-15天", Q, Q, None, Q, (FLAG_MULTIPLE_VALUES,)),
    ("1600人、200人。", Q, Q, None, Q, (FLAG_MULTIPLE_VALUES,)),
    ("1,000", "=", 1000, None, None, ()),  # a thousands separator, not two values
    ("慰问人数不少于100人,宣传用品不少于20000份", Q, Q, None, Q, ()),
    ("在规定时间结案率为95%", Q, Q, None, Q, ()),
    ("开展至少1次团体心理治疗", Q, Q, None, Q, ()),
    ("可控性100%", Q, Q, None, Q, ()),
    ("1、完成培训", Q, Q, None, Q, (FLAG_GLUED,)),
    # qualitative
    ("显著提升", Q, Q, None, Q, ()),
    ("达标", Q, Q, None, Q, ()),
    ("合格", Q, Q, None, Q, ()),
    ("优良", Q, Q, None, Q, ()),
    ("是", Q, Q, None, Q, ()),
    ("否", Q, Q, None, Q, ()),
    ("好", Q, Q, None, Q, ()),
    ("较好", Q, Q, None, Q, ()),
    ("持续提升", Q, Q, None, Q, ()),
    ("逐步提高", Q, Q, None, Q, ()),
    ("达到预期", Q, Q, None, Q, ()),
    ("不低于上年", Q, Q, None, Q, ()),
    ("一流", Q, Q, None, Q, ()),
    ("十分满意", Q, Q, None, Q, ()),
    ("万无一失", Q, Q, None, Q, ()),
    ("两学一做", Q, Q, None, Q, ()),
    ("一次性通过", Q, Q, None, Q, ()),
    ("定性达标", Q, Q, None, Q, ()),
    ("按时完成", Q, Q, None, Q, ()),
    ("全年无安全事故", Q, Q, None, Q, ()),
    ("2023年12月", Q, Q, None, Q, ()),
    ("12月底前", Q, Q, None, Q, ()),
    ("2023年12月31日前完成", Q, Q, None, Q, ()),
    ("6月30日前", Q, Q, None, Q, ()),
    ("根据下达任务目标要求确定", Q, Q, None, Q, ()),
    ("不低于上年度水平", Q, Q, None, Q, ()),  # an operator word with words after it: no flag
    ("合规", Q, Q, None, Q, ()),
    ("保持稳定", Q, Q, None, Q, ()),
    ("及时率", Q, Q, None, Q, ()),
    ("满意度", Q, Q, None, Q, ()),
    # defects that must be flagged, never read as a number
    ("100%完成", Q, Q, None, Q, (FLAG_GLUED,)),
    ("90%有效", Q, Q, None, Q, (FLAG_GLUED,)),
    ("≥95%（含）", Q, Q, None, Q, (FLAG_GLUED,)),
    ("3件事", Q, Q, None, Q, (FLAG_GLUED,)),
    ("100提升", Q, Q, None, Q, (FLAG_GLUED,)),
    ("2023-12-31", Q, Q, None, Q, (FLAG_GLUED,)),
    ("5万无一失", Q, Q, None, Q, (FLAG_GLUED,)),
    ("1.2.3", Q, Q, None, Q, (FLAG_GLUED,)),
    ("≥良好", Q, Q, None, Q, (FLAG_OP_WITHOUT_NUMBER,)),
    ("≥", Q, Q, None, Q, (FLAG_OP_WITHOUT_NUMBER,)),
    ("", Q, Q, None, Q, (FLAG_EMPTY,)),
    ("   ", Q, Q, None, Q, (FLAG_EMPTY,)),
    ("\t\n", Q, Q, None, Q, (FLAG_EMPTY,)),
    ("定性", Q, Q, None, Q, (FLAG_EMPTY,)),
]


@pytest.mark.parametrize(("text", "op", "value", "value_max", "unit", "flags"), CASES, ids=[c[0] for c in CASES])
def test_parse_target(text, op, value, value_max, unit, flags):
    t = parse_target(text)
    assert (t.op, t.unit, t.flags) == (op, unit, flags)
    assert t.value == pytest.approx(value)
    assert t.value_max == pytest.approx(value_max)
    assert t.is_quantitative is (value is not None)
    assert t.raw == text


def test_case_table_is_large_and_unique():
    texts = [c[0] for c in CASES]
    assert len(texts) >= 150
    assert len(set(texts)) == len(texts)


def test_seed_expectations_as_whole_records():
    assert parse_target("≥18000件") == Target("≥18000件", ">=", 18000.0, None, "件", True, ())
    assert parse_target("398万") == Target("398万", "=", 398.0, None, "万元", True, ())
    assert parse_target("100有限促进") == Target("100有限促进", None, None, None, None, False, (FLAG_GLUED,))


def test_none_is_empty():
    assert parse_target(None).flags == (FLAG_EMPTY,)


@pytest.mark.parametrize(("text", "name_unit", "value", "value_max", "unit"), [
    ("50000", "人", 50000, None, "人"),
    ("≥95", "%", 95, None, "%"),
    ("5", "万人", 5, None, "万人"),
    ("90-95", "%", 90, 95, "%"),
    ("5千", "人", 5000, None, "人"),
    ("50000人次", "人", 50000, None, "人次"),  # a unit written in the cell wins
    ("398万", "人", 398, None, "万元"),
    ("50000", None, 50000, None, None),
])
def test_a_number_without_unit_takes_the_name_unit(text, name_unit, value, value_max, unit):
    t = parse_target(text, name_unit=name_unit)
    assert (t.value, t.value_max, t.unit, t.flags) == (value, value_max, unit, ())


@pytest.mark.parametrize("text", ["显著提升", "100有限促进", "1600人、200人", "", "定性"])
def test_the_name_unit_never_makes_words_a_number(text):
    assert parse_target(text, name_unit="人") == parse_target(text)


@pytest.mark.parametrize(("name", "unit"), [
    ("城镇新增就业人数（人）", "人"),
    ("城镇新增就业人数（万人）", "万人"),
    ("城镇新增就业人数(人)", "人"),
    ("审限内结案率（%）", "%"),
    ("审限内结案率（％）", "%"),
    ("人均 结案数(件/人)", "件/人"),
    ("结案率（单位：%）", "%"),
    ("补助标准（元每人每月）", "元每人每月"),
    ("城镇新增就业人数（人）。", "人"),
    ("扶持创业企业（项目）数", None),  # the brackets are not trailing
    ("智慧医院信息化建设（2024-2026年）", None),
    ("老旧小区改造（区级）", None),
    ("培训人数（含线上）", None),
    ("城镇新增就业人数", None),
    ("（人）", None),  # a unit and no name
    ("", None),
    (None, None),
])
def test_unit_in_name(name, unit):
    assert unit_in_name(name) == unit


@pytest.mark.parametrize(("text", "unit"), [
    ("件", True), ("万人次", True), ("亿元", True), ("元/人·天", True), ("户/人.月", True), ("元每人每月", True),
    ("台（套）", True), ("人数", False), ("万", False), ("/人", False), ("有限", False),
])
def test_is_unit(text, unit):
    assert is_unit(text) is unit


@pytest.mark.parametrize(
    ("text", "value"),
    [("一", 1), ("两", 2), ("十", 10), ("十五", 15), ("二十", 20), ("一百零五", 105), ("三千五百", 3500),
     ("一万二千", 12000), ("一亿二千万", 120_000_000), ("二〇二三", 2023), ("半", 0.5), ("零", 0)],
)
def test_chinese_number(text, value):
    assert chinese_number(text) == Decimal(str(value))


# ---- properties -------------------------------------------------------------------------------

PREFIX_FORMS = {
    ">=": ["≥", "≧", "⩾", ">=", "＞＝", "不低于", "不少于", "大于等于", "至少", "达到", "不小于"],
    "<=": ["≤", "≦", "⩽", "<=", "＜＝", "不高于", "不超过", "不多于", "小于等于", "控制在"],
    ">": [">", "＞", "大于", "高于", "超过"],
    "<": ["<", "＜", "小于", "低于"],
    "=": ["", "=", "＝"],
}
SUFFIX_FORMS = {">=": ["", "以上", "及以上"], "<=": ["", "以内", "以下"], ">": [""], "<": [""], "=": [""]}
PLAIN_UNITS = ["", "件", "人", "人次", "次", "个", "辆", "台（套）", "年", "月", "天", "日", "元", "万元", "%", "‰",
               "户", "家", "项", "场", "份", "册", "篇", "平方米", "公里", "元/件", "元/人", "人/件", "千克", "个月"]
MULTIPLIER_VALUES = {"": 1, "万": 10_000, "亿": 100_000_000, "千": 1_000}
FULL_WIDTH_DIGITS = str.maketrans("0123456789.,", "０１２３４５６７８９．，")

numbers = st.one_of(
    st.integers(min_value=0, max_value=10**9).map(Decimal),
    st.decimals(min_value=0, max_value=10**7, places=2, allow_nan=False, allow_infinity=False),
    st.decimals(min_value=0, max_value=1000, places=3, allow_nan=False, allow_infinity=False),
)


@st.composite
def written_numbers(draw) -> tuple[Decimal, str]:
    value = draw(numbers)
    text = format(value, ",f") if draw(st.booleans()) else format(value, "f")
    if draw(st.booleans()):
        text = text.translate(FULL_WIDTH_DIGITS)
    return value, text


def expected_quantity(value: Decimal, mult: str, unit: str) -> tuple[Decimal, str | None]:
    """The grammar's reading of number + multiplier + unit (see targets._quantity)."""
    if not mult:
        return value, unit or None
    if mult in ("万", "亿"):  # part of the unit as written: 万人次, 万元/件; alone it is money
        return value, mult + (unit or "元")
    if all(part in UNITS for part in (mult + unit).split("/")):  # 千克, 千元, 千元/件: part of the unit
        return value, mult + unit
    return value * MULTIPLIER_VALUES[mult], unit or None


def spaced(parts: list[str], gaps: list[str]) -> str:
    return "".join(p + g for p, g in zip(parts, gaps))


@given(
    number=written_numbers(),
    op=st.sampled_from(sorted(PREFIX_FORMS)),
    data=st.data(),
    mult=st.sampled_from(sorted(MULTIPLIER_VALUES)),
    unit=st.sampled_from(PLAIN_UNITS),
)
def test_written_target_parses_back(number, op, data, mult, unit):
    value, text = number
    prefix = data.draw(st.sampled_from(PREFIX_FORMS[op]))
    suffix = data.draw(st.sampled_from(SUFFIX_FORMS[op])) if not prefix else ""
    gaps = data.draw(st.lists(st.sampled_from(["", "", " ", "\u3000", "\t"]), min_size=5, max_size=5))
    written = spaced([prefix, text, mult, unit, suffix], gaps)
    t = parse_target(written)
    want_value, want_unit = expected_quantity(value, mult, unit)
    assert t.is_quantitative, written
    assert t.op == op, written
    assert t.unit == want_unit, written
    assert math.isclose(t.value, float(want_value), rel_tol=1e-12, abs_tol=1e-12), written
    assert t.value_max is None and t.flags == ()


@given(
    low=st.integers(min_value=0, max_value=10**6),
    width=st.integers(min_value=0, max_value=10**6),
    sep=st.sampled_from(["-", "~", "～", "至", "到", "—", "－"]),
    unit=st.sampled_from([u for u in PLAIN_UNITS if u]),
    both=st.booleans(),
)
def test_written_range_parses_back(low, width, sep, unit, both):
    high = low + width
    t = parse_target(f"{low}{unit if both else ''}{sep}{high}{unit}")
    assert (t.op, t.value, t.value_max, t.unit, t.flags) == (">=", low, high, unit, ())


GLUE_WORDS = st.text(alphabet="有限促进提高显著效果明显改善保障良好较完成稳定水平", min_size=1, max_size=6)


@given(number=written_numbers(), op=st.sampled_from(["", "≥", "不低于", "≤"]), words=GLUE_WORDS)
def test_number_glued_to_words_is_never_a_number(number, op, words):
    t = parse_target(f"{op}{number[1]}{words}")
    assert not t.is_quantitative and t.value is None and t.op is None
    assert FLAG_GLUED in t.flags


@given(st.text(max_size=30))
def test_never_raises_and_stays_consistent(text):
    t = parse_target(text)
    assert t.is_quantitative is (t.value is not None) is (t.op is not None)
    assert t.op in {None, ">=", "<=", "=", ">", "<"}
    assert t.value_max is None or (t.value is not None and t.value <= t.value_max)
    assert set(t.flags) <= ALL_FLAGS
    assert t.raw == text


BRACKETS = [("(", ")"), ("（", "）")]
BRACKETABLE_UNITS = [u for u in PLAIN_UNITS if u and "（" not in u] + ["万人次", "万平方米", "亿元"]
UNIT_WORD_CHARS = "人数户栋座名项宗册处"  # no multiplier, no numeral: a word of them is a unit as written


@given(number=written_numbers(), op=st.sampled_from(["", "≥", "=", ">", "不低于"]), brackets=st.sampled_from(BRACKETS),
       unit=st.one_of(st.sampled_from(BRACKETABLE_UNITS), st.text(alphabet=UNIT_WORD_CHARS, min_size=1, max_size=4)))
def test_bracketed_unit_is_the_unit(number, op, brackets, unit):
    value, text = number
    t = parse_target(f"{op}{text}{brackets[0]}{unit}{brackets[1]}")
    assert (t.unit, t.flags) == (unit, ())
    assert math.isclose(t.value, float(value), rel_tol=1e-12, abs_tol=1e-12)


SCALED = {"万": 10_000, "亿": 100_000_000}
COUNTED_UNITS = ["人", "人次", "件", "户", "张", "平方米", "亩", "册", "户次", "吨"]


@given(number=written_numbers(), prefix=st.sampled_from(["", "≥", "约", "不少于"]), scale=st.sampled_from(sorted(SCALED)),
       unit=st.sampled_from(COUNTED_UNITS))
def test_scaled_unit_keeps_the_value_and_the_standard_multiplies(number, prefix, scale, unit):
    value, text = number
    t = parse_target(f"{prefix}{text}{scale}{unit}")
    assert t.unit == scale + unit
    assert math.isclose(t.value, float(value), rel_tol=1e-12, abs_tol=1e-12)
    std = standardize_target(t.value, t.unit)
    assert std.unit == unit
    assert math.isclose(std.value, float(value) * SCALED[scale], rel_tol=1e-9)


@st.composite
def single_targets(draw) -> str:
    """One quantity as a table writes it, always with a unit so that ``100,200`` (a thousands separator) cannot arise."""
    op = draw(st.sampled_from(sorted(PREFIX_FORMS)))
    prefix = draw(st.sampled_from(PREFIX_FORMS[op]))
    suffix = draw(st.sampled_from(SUFFIX_FORMS[op])) if not prefix else ""
    return prefix + draw(written_numbers())[1] + draw(st.sampled_from([u for u in PLAIN_UNITS if u])) + suffix


@given(parts=st.lists(single_targets(), min_size=2, max_size=4),
       sep=st.sampled_from(["、", "，", ",", "；", ";", "和", "及"]))
def test_several_values_are_not_one_target(parts, sep):
    text = sep.join(parts)
    assert parse_target(text) == Target(text, None, None, None, None, False, (FLAG_MULTIPLE_VALUES,))


@given(target=single_targets(), words=GLUE_WORDS, sep=st.sampled_from(["、", "，", "和"]))
def test_a_value_beside_words_is_not_several_values(target, words, sep):
    assert FLAG_MULTIPLE_VALUES not in parse_target(f"{target}{sep}{words}").flags


@given(number=written_numbers(), unit=st.sampled_from(PLAIN_UNITS),
       about=st.sampled_from([("约", ""), ("大约", ""), ("", "左右"), ("约", "左右")]))
def test_approximate_keeps_the_number(number, unit, about):
    value, text = number
    t = parse_target(f"{about[0]}{text}{unit}{about[1]}")
    assert (t.op, t.unit, t.flags) == ("=", unit or None, (FLAG_APPROXIMATE,))
    assert math.isclose(t.value, float(value), rel_tol=1e-12, abs_tol=1e-12)
