"""One table of money units (transform.money.WAN_PER_UNIT) drives every reader of a money unit."""

from __future__ import annotations

from decimal import Decimal

import pytest

from transform.money import BARE_MONEY_UNITS, WAN_PER_UNIT, parse_money, stated_money_unit
from transform.standard import standardize_target
from transform.targets import is_unit, parse_target


@pytest.mark.parametrize("unit", sorted(WAN_PER_UNIT))
def test_each_unit_of_the_table_is_read_alike_everywhere(unit: str) -> None:
    wan = WAN_PER_UNIT[unit]
    assert stated_money_unit(f"单位：{unit}") == stated_money_unit(f"项目资金（{unit}）") == unit
    assert parse_money(f"2{unit}") == parse_money("2", unit) == (2 * wan).quantize(Decimal("0.0001"))
    assert is_unit(unit) and parse_target(f"≥2{unit}").unit == unit
    assert standardize_target(2.0, unit).value == pytest.approx(float(2 * wan))
    assert standardize_target(2.0, f"{unit}/件").value == pytest.approx(float(2 * wan * 10_000))


@pytest.mark.parametrize("bare", sorted(BARE_MONEY_UNITS))
def test_a_bare_multiplier_is_money_in_an_amount_as_in_a_target(bare: str) -> None:
    unit = BARE_MONEY_UNITS[bare]
    assert parse_target(f"398{bare}").unit == unit
    assert parse_money(f"398{bare}") == parse_money("398", unit)


def test_a_full_width_slash_is_a_placeholder_like_the_slash() -> None:
    assert parse_money("／") is parse_money("/") is None
