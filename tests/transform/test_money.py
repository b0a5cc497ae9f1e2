"""parse_money / stated_money_unit: amounts as written → Decimal 万元 with four places."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from transform.money import parse_money, stated_money_unit


@pytest.mark.parametrize(
    ("text", "unit", "amount"),
    [
        ("398.00", "万元", "398.0000"),
        ("46.00", "万元", "46.0000"),
        ("1,234.5", "万元", "1234.5000"),
        ("1,234,567", "万元", "1234567.0000"),
        ("３９８．００", "万元", "398.0000"),
        ("１，２３４．５", "万元", "1234.5000"),
        (" 398.00 ", "万元", "398.0000"),
        ("\t398.00\n", "万元", "398.0000"),
        ("0", "万元", "0.0000"),
        ("0.00", "万元", "0.0000"),
        ("12.34567", "万元", "12.3457"),
        ("300000.00", "元", "30.0000"),
        ("300,000.00", "元", "30.0000"),
        ("1", "元", "0.0001"),
        ("12345", "元", "1.2345"),
        ("5000", "千元", "500.0000"),
        ("1.5", "亿元", "15000.0000"),
        ("300000元", "万元", "30.0000"),
        ("398万元", "元", "398.0000"),
        ("12万", "元", "12.0000"),
        ("¥398.00", "万元", "398.0000"),
        ("￥300000", "元", "30.0000"),
        ("-5.5", "万元", "-5.5000"),
        ("398.", "万元", "398.0000"),
        (".5", "万元", "0.5000"),
    ],
)
def test_parse_money(text, unit, amount):
    assert parse_money(text, unit) == Decimal(amount)


def test_parse_money_keeps_four_places():
    assert parse_money("398.00").as_tuple().exponent == -4


@pytest.mark.parametrize("blank", [None, "", " ", "\t\n", "\u3000", "-", "—", "/", "无"])
def test_blank_is_none(blank):
    assert parse_money(blank) is None


@pytest.mark.parametrize("text", ["abc", "三百九十八", "398.00.00", "1,23", "约398", "398万人", "12%"])
def test_not_an_amount_raises(text):
    with pytest.raises(ValueError, match="not an amount"):
        parse_money(text)


def test_unknown_money_unit_raises():
    with pytest.raises(ValueError, match="unknown money unit"):
        parse_money("1", "美元")


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("单位：万元", "万元"),
        ("单位:元", "元"),
        ("金额单位：万元", "万元"),
        ("金额单位: 元", "元"),
        ("216101天津市蓟州区人民法院 单位：万元", "万元"),
        ("单位 ： 元", "元"),
        ("单位：亿元", "亿元"),
        ("项目资金（元）", "元"),
        ("项目资金(万元)", "万元"),
        ("单位：千元", "千元"),
        ("（单位：人民币元）", "元"),
        ("预算金额（万元）", "万元"),
        ("拟投入的资金（千元）", "千元"),
        ("天津市蓟州区人民法院", None),
        ("", None),
        (None, None),
    ],
)
def test_stated_money_unit(text, unit):
    assert stated_money_unit(text) == unit


@given(st.decimals(min_value=0, max_value=10**12, places=2, allow_nan=False, allow_infinity=False),
       st.booleans(), st.sampled_from(["万元", "元"]))
def test_written_amount_parses_back(amount, separators, unit):
    text = format(amount, ",f" if separators else "f")
    factor = Decimal(1) if unit == "万元" else Decimal("0.0001")
    assert parse_money(text, unit) == (amount * factor).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)
