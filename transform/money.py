"""Budget amounts as written (``398.00``, ``1,234.5``, ``３００``) → Decimal 万元.

The warehouse keeps money in 万元 with four decimals (DECIMAL(18,4)); a
document that states ``单位：元`` has its amounts divided by 10,000.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from core.text import ascii_width, drop_white_space
from transform.clean import clean_text

DEFAULT_MONEY_UNIT = "万元"
FOUR_PLACES = Decimal("0.0001")

# The one table of money units: how many 万元 one of each is. Every reader of a money unit (an amount, a stated
# 单位, a target's 万元 or 元/件, transform.standard's conversion) takes its units and factors from here.
WAN_PER_UNIT: dict[str, Decimal] = {
    "元": Decimal("0.0001"),
    "千元": Decimal("0.1"),
    "万元": Decimal("1"),
    "百万元": Decimal("100"),
    "亿元": Decimal("10000"),
}
YUAN_PER_WAN = Decimal(10_000)
# 万 and 亿 written alone after a number are money (domain.md: in a cost row 398万 means 398 万元).
BARE_MONEY_UNITS: dict[str, str] = {"万": "万元", "亿": "亿元"}
# The regex alternation of every money unit, longest first so that 百万元 is not read as its tail 万元.
MONEY_UNITS = "|".join(sorted(WAN_PER_UNIT, key=len, reverse=True))
_WRITTEN_UNITS = "|".join(sorted([*WAN_PER_UNIT, *BARE_MONEY_UNITS], key=len, reverse=True))

# Cells that mean "nothing here" as surely as a blank cell does.
PLACEHOLDERS = frozenset({"-", "--", "—", "——", "/", "无"})

AMOUNT = re.compile(
    r"[¥]?(?P<num>[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|[-+]?\.\d+)"
    rf"(?P<unit>{_WRITTEN_UNITS})?"
)

# The one rule for the money unit a table states: `单位：万元`, `金额单位:元`, `（单位：人民币千元）`, and a label's
# brackets `项目资金（元）`, `预算金额（万元）`.
UNIT_LABEL = re.compile(rf"单位\s*[:：]\s*(?:人民币)?\s*({MONEY_UNITS})")
UNIT_IN_PARENS = re.compile(rf"[（(]\s*(?:人民币)?\s*({MONEY_UNITS})\s*[)）]")


def stated_money_unit(text: str | None) -> str | None:
    """The money unit a line or label states (``单位：元`` → ``元``, ``项目资金（千元）`` → ``千元``); None when none.

    A table that states no unit anywhere is read as 万元 (``DEFAULT_MONEY_UNIT``), and review says so.
    """
    cleaned = clean_text(text)
    m = UNIT_LABEL.search(cleaned) or UNIT_IN_PARENS.search(cleaned)
    return m.group(1) if m else None


def is_amount(text: str | None) -> bool:
    """True when ``text`` is blank or an amount of money (``4,100,000.00``, ``６７３０``, ``-``)."""
    try:
        parse_money(text)
    except ValueError:
        return False
    return True


def parse_money(text: str | None, money_unit: str = DEFAULT_MONEY_UNIT) -> Decimal | None:
    """The amount in 万元 quantized to 4 places; None for a blank cell (or ``-``, ``/``, ``无``).

    ``parse_money("398.00")`` → ``Decimal("398.0000")``; ``parse_money("300000.00", "元")``
    → ``Decimal("30.0000")``. A unit written in the cell (``300000元``, ``12万``) wins over
    ``money_unit``; a bare 万 or 亿 is 万元 or 亿元 (``BARE_MONEY_UNITS``). Raises ValueError
    for text that is not an amount.
    """
    if money_unit not in WAN_PER_UNIT:
        raise ValueError(f"unknown money unit {money_unit!r}; expected one of {sorted(WAN_PER_UNIT)}")
    cleaned = drop_white_space(ascii_width(clean_text(text)))  # full-width digits and signs read as ASCII
    if not cleaned or cleaned in PLACEHOLDERS:
        return None
    m = AMOUNT.fullmatch(cleaned)
    if m is None:
        raise ValueError(f"not an amount of money: {clean_text(text)!r}")
    amount = Decimal(m.group("num").replace(",", ""))
    written_unit = m.group("unit")
    unit = BARE_MONEY_UNITS.get(written_unit, written_unit) or money_unit
    return (amount * WAN_PER_UNIT[unit]).quantize(FOUR_PLACES, rounding=ROUND_HALF_UP)
