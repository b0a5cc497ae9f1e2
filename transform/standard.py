"""A parsed target's value and unit in the standard units that make units comparable.

Money is in 万元, durations in days, rates in %; a per-item rate whose
numerator is money is in 元 per item (``0.002万元/件`` reads worse than
``20元/件``, and that is how tables write them). A unit counted in 万 or 亿
is multiplied out (``3万人次`` → 30000 人次). A rate's parts are joined
by ``/`` however written (``元每人每月`` → ``元/人/月``). Other units keep
their name, with spelling variants folded (``㎡`` → ``平方米``, ``台/套`` →
``台（套）``). A unit that is not known is kept as written.
"""

from __future__ import annotations

from dataclasses import dataclass

from transform.money import WAN_PER_UNIT, YUAN_PER_WAN
from transform.targets import UNIT_JOINERS, UNITS

DAYS_PER_MONTH = 30
DAYS_PER_YEAR = 365
DAYS_PER_WORKING_DAY = 7 / 5  # five working days make a week

# unit as parsed → (standard unit, factor to multiply the value by); money by transform.money's one table.
SCALE: dict[str, tuple[str, float]] = {
    **{unit: ("万元", float(wan)) for unit, wan in WAN_PER_UNIT.items()},
    "%": ("%", 1.0), "‰": ("%", 0.1),
    "天": ("天", 1.0), "日": ("天", 1.0), "工作日": ("天", DAYS_PER_WORKING_DAY),
    "个工作日": ("天", DAYS_PER_WORKING_DAY), "周": ("天", 7.0), "月": ("天", DAYS_PER_MONTH),
    "个月": ("天", DAYS_PER_MONTH), "季度": ("天", 91.0), "个季度": ("天", 91.0), "年": ("天", DAYS_PER_YEAR),
    "小时": ("天", 1 / 24), "分钟": ("天", 1 / 1440),
}
# A unit counted in 万 or 亿 (万人次, 万平方米, 亿人次) → its unit, times this; money stays in SCALE's 万元.
SCALED_UNITS: dict[str, float] = {"万": 1e4, "亿": 1e8}
# Money as the numerator of a rate (元/件, 万元/人) → 元, by the same table.
PER_ITEM_MONEY: dict[str, float] = {unit: float(wan * YUAN_PER_WAN) for unit, wan in WAN_PER_UNIT.items()}
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
    ``(0.002, "万元/件")`` → ``(20, "元/件")``; ``(210, "万平方米")`` → ``(2100000, "平方米")``;
    ``(200, "元每人每月")`` → ``(200, "元/人/月")``; ``(18000, "件")`` → ``(18000, "件")``;
    ``(None, None)`` stays.
    """
    if unit is None:
        return Standard(value, None)
    unit = SPELLING.get(unit, unit)
    head, *per = UNIT_JOINERS.split(unit)
    if not per:
        return _single(value, unit)
    per_std = "/".join(SPELLING.get(p, p) for p in per)
    if head in PER_ITEM_MONEY:
        return Standard(_times(value, PER_ITEM_MONEY[head]), f"元/{per_std}")
    # Only the numerator is multiplied out: 万人/年 is 10000 人/年, but 人/万人 is a rate per 10,000.
    head_value, head = _unscaled(value, SPELLING.get(head, head))
    return Standard(head_value, f"{SPELLING.get(head, head)}/{per_std}")


def _single(value: float | None, unit: str) -> Standard:
    """A unit that is not a rate: money, durations and % scaled, 万X as X, others by their spelling."""
    unit = SPELLING.get(unit, unit)
    if unit in SCALE:
        std, factor = SCALE[unit]
        return Standard(_times(value, factor), std)
    scaled_value, base = _unscaled(value, unit)
    return _single(scaled_value, base) if base != unit else Standard(value, unit)


def _unscaled(value: float | None, unit: str) -> tuple[float | None, str]:
    """``(5.5, "万人次")`` → ``(55000, "人次")``: a 万 or 亿 in front of a known unit multiplied out; else as is."""
    factor, base = SCALED_UNITS.get(unit[:1]), unit[1:]
    if factor is None or base not in UNITS:
        return value, unit
    return _times(value, factor), base


def _times(value: float | None, factor: float) -> float | None:
    return None if value is None else _round(value * factor)


def _round(value: float) -> float:
    """Round away float noise (0.1 * 3 = 0.30000000000000004) without touching real precision: 12 significant digits."""
    return float(f"{value:.12g}")
