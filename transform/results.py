"""What a self-evaluation (绩效自评表) reports beside each target: the actual result, its weight and score.

The actual is read by the target grammar (``transform.targets``); a number
written without a unit is in the target's unit (``100`` under ``≥95%``
is 100%). Weights and scores are points (``15``, ``7.5``, ``10分``).
"""

from __future__ import annotations

import re
from decimal import Decimal

from transform.records import GoalTable, IndicatorRow
from transform.standard import standardize_target
from transform.targets import Target, parse_target, unit_in_name

FLAG_ACTUAL_WITHOUT_UNIT = "actual_without_unit"
EXPLICIT_EQUALS = re.compile(r"[=＝]|等于")  # a number parses as "=" also when no operator is written
COST_CATEGORY = "成本指标"
EQUAL_WITHIN = 1e-9
POINTS = re.compile(r"^\s*([+-]?\d+(?:\.\d+)?)\s*分?\s*$")
RATE = re.compile(r"^\s*([+-]?\d+(?:\.\d+)?)\s*(%|％)?\s*$")
FRACTION_AT_MOST = 1.5  # a rate written without % at most this is a fraction (0.9 → 90%), more a percent (90)


def points(text: str | None) -> float | None:
    """A weight or score as written, in points; None when blank or not a number.

    >>> points("10分"), points(" 7.5 "), points("—")
    (10.0, 7.5, None)
    """
    m = POINTS.match(text or "")
    return float(m.group(1)) if m else None


def rate(text: str) -> float | None:
    """A rate as written, in %: ``90%`` and ``90`` → 90.0, ``0.9`` → 90.0; None when not a number."""
    m = RATE.match(text or "")
    if m is None:
        return None
    value = float(m.group(1))
    return value if m.group(2) or value > FRACTION_AT_MOST else value * 100


def execution_rate(table: GoalTable, total: Decimal | None, executed: Decimal | None) -> float | None:
    """The table's budget execution rate in %: as it states it, else ``executed / total``; None for a goal table."""
    stated = rate(table.execution_rate) if table.execution_rate else None
    if stated is not None or table.kind != "self_evaluation":
        return stated
    if total is None or executed is None or total <= 0:
        return None
    return round(float(executed / total * 100), 2)


def achieved(op: str | None, target_raw: str, target: float | None, target_max: float | None,
             actual: float | None, level1_std: str | None) -> bool | None:
    """Whether ``actual`` reaches the target, all in one standard unit; None for words or a missing number.

    ``>=``, ``>``, ``<=``, ``<`` as written; a range when inside it; ``=`` when equal, except that a 成本指标
    target written without an operator (``50万元``) is a cap. The view ``achievement`` judges the same way in SQL.

    >>> achieved("=", "50万元", 50, None, 48, "成本指标"), achieved("=", "=100%", 100, None, 98, "效益指标")
    (True, False)
    """
    if actual is None or target is None:
        return None
    if target_max is not None:
        return target <= actual <= target_max
    if op == "=" and level1_std == COST_CATEGORY and not EXPLICIT_EQUALS.search(target_raw or ""):
        return actual <= target
    compare = {">=": actual >= target, ">": actual > target, "<=": actual <= target, "<": actual < target,
               "=": abs(actual - target) <= EQUAL_WITHIN}
    return compare.get(op or "")


def result_fields(row: IndicatorRow, target: Target) -> dict[str, object]:
    """The indicator frame's self-evaluation columns for ``row`` (all None on a goal table's row), and under
    ``result_flags`` what the reader noticed: an actual number without the unit its target is written with."""
    actual = parse_target(row.actual_raw, name_unit=unit_in_name(row.level3)) if row.actual_raw else None
    unit = None
    if actual is not None:
        unit = actual.unit or (target.unit if actual.value is not None else None)
    std = standardize_target(actual.value if actual else None, unit)
    bare = (actual is not None and actual.value is not None and actual.unit is None and target.unit is not None
            and not row.unit_column)
    return {
        "result_flags": (FLAG_ACTUAL_WITHOUT_UNIT,) if bare else (),
        "actual_raw": row.actual_raw,
        "actual_op": actual.op if actual else None,
        "actual_value": actual.value if actual else None,
        "actual_unit": unit,
        "actual_value_std": std.value,
        "weight": points(row.weight_raw),
        "score": points(row.score_raw),
        "deviation_reason": row.deviation or None,
    }
