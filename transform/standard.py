"""A parsed target's value and unit in the standard units that make units comparable.

Money is in 万元, durations in days, rates in %; a per-item rate whose
numerator is money is in 元 per item (``0.002万元/件`` reads worse than
``20元/件``, and that is how tables write them). Other units keep their
name, with spelling variants folded (``㎡`` → ``平方米``, ``台/套`` →
``台（套）``). A unit that is not known is kept as written.
"""

from __future__ import annotations

from dataclasses import dataclass

DAYS_PER_MONTH = 30
DAYS_PER_YEAR = 365
DAYS_PER_WORKING_DAY = 7 / 5  # five working days make a week

# unit as parsed → (standard unit, factor to multiply the value by)
SCALE: dict[str, tuple[str, float]] = {
    "元": ("万元", 1e-4), "千元": ("万元", 0.1), "万元": ("万元", 1.0), "百万元": ("万元", 100.0),
    "亿元": ("万元", 1e4),
    "%": ("%", 1.0), "‰": ("%", 0.1),
    "天": ("天", 1.0), "日": ("天", 1.0), "工作日": ("天", DAYS_PER_WORKING_DAY),
    "个工作日": ("天", DAYS_PER_WORKING_DAY), "周": ("天", 7.0), "月": ("天", DAYS_PER_MONTH),
    "个月": ("天", DAYS_PER_MONTH), "季度": ("天", 91.0), "个季度": ("天", 91.0), "年": ("天", DAYS_PER_YEAR),
    "小时": ("天", 1 / 24), "分钟": ("天", 1 / 1440),
}
# Money as the numerator of a rate (元/件, 万元/人) → 元.
PER_ITEM_MONEY: dict[str, float] = {"元": 1.0, "千元": 1e3, "万元": 1e4, "亿元": 1e8}
SPELLING: dict[str, str] = {
    "㎡": "平方米", "m²": "平方米", "m2": "平方米", "㎥": "立方米", "m³": "立方米", "m3": "立方米",
    "公斤": "千克", "kg": "千克", "km": "公里", "千米": "公里", "t": "吨", "台/套": "台（套）",
    "人天": "人日", "百分点": "个百分点",
}


@dataclass(frozen=True)
class Standard:
    """A value in its standard unit; both None for a qualitative target."""

    value: float | None
    unit: str | None


def standardize_target(value: float | None, unit: str | None) -> Standard:
    """The value and unit of a parsed target in standard units.

    ``(3, "年")`` → ``(1095, "天")``; ``(300000, "元")`` → ``(30, "万元")``;
    ``(0.002, "万元/件")`` → ``(20, "元/件")``; ``(95, "%")`` → ``(95, "%")``;
    ``(18000, "件")`` → ``(18000, "件")``; ``(None, None)`` stays.
    """
    if unit is None:
        return Standard(value, None)
    unit = SPELLING.get(unit, unit)
    if unit in SCALE:
        std, factor = SCALE[unit]
        return Standard(None if value is None else _round(value * factor), std)
    if "/" in unit:
        head, _, tail = unit.partition("/")
        tail = SPELLING.get(tail, tail)
        if head in PER_ITEM_MONEY:
            return Standard(None if value is None else _round(value * PER_ITEM_MONEY[head]), f"元/{tail}")
        return Standard(value, f"{SPELLING.get(head, head)}/{tail}")
    return Standard(value, SPELLING.get(unit, unit))


def _round(value: float) -> float:
    """Round away float noise (0.1 * 3 = 0.30000000000000004) without touching real precision: 12 significant digits."""
    return float(f"{value:.12g}")
