"""The reviewer's rules as data: a name, a severity, the checked column and what to say when it fails.

Each rule names a column that ``facts.py`` computes in polars and the
great-expectations expectation that judges it. Adding a rule means adding
a fact column and a row here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

Level = Literal["table", "indicator"]

RATE_MIN, RATE_MAX = 0.0, 100.0
BUDGET_TOLERANCE = 0.005  # 万元: amounts are written to two decimals


@dataclass(frozen=True)
class Rule:
    """One check: GX ``expectation`` with ``kwargs`` on fact ``column`` of the table- or indicator-level frame."""

    name: str
    severity: Literal["error", "warning"]
    level: Level
    column: str
    expectation: str
    kwargs: dict[str, Any] = field(default_factory=dict)
    message: Callable[[dict[str, Any]], str] = lambda row: ""


def _budget_message(r: dict[str, Any]) -> str:
    return (f"《{r['project_name']}》预算数 {r['budget_total']} 万元不等于财政资金 {r['budget_fiscal'] or 0} 万元"
            f"与其他资金 {r['budget_other'] or 0} 万元之和。 Budget total {r['budget_total']} does not equal"
            f" fiscal {r['budget_fiscal'] or 0} + other {r['budget_other'] or 0} (万元).")


def _category_message(category: str) -> Callable[[dict[str, Any]], str]:
    def message(r: dict[str, Any]) -> str:
        return (f"《{r['project_name']}》缺少{category}，项目绩效目标表应包含产出、效益和满意度指标。"
                f" Project '{r['project_name']}' has no {category} indicator.")
    return message


def _rate_message(r: dict[str, Any]) -> str:
    return (f"《{r['project_name']}》的“{r['level3']}”目标值 {r['target_raw']} 超出 0–100% 的范围。"
            f" Rate target {r['target_raw']} of '{r['level3']}' is outside 0–100%.")


RULES: tuple[Rule, ...] = (
    Rule("budget_balance", "error", "table", "budget_gap", "ExpectColumnValuesToBeBetween",
         {"min_value": -BUDGET_TOLERANCE, "max_value": BUDGET_TOLERANCE}, _budget_message),
    *(Rule("required_categories", "error", "table", f"has_{c}", "ExpectColumnValuesToBeInSet",
           {"value_set": [True]}, _category_message(c)) for c in ("产出指标", "效益指标", "满意度指标")),
    Rule("rate_range", "error", "indicator", "rate_low", "ExpectColumnValuesToBeBetween",
         {"min_value": RATE_MIN, "max_value": RATE_MAX}, _rate_message),
    Rule("rate_range", "error", "indicator", "rate_high", "ExpectColumnValuesToBeBetween",
         {"min_value": RATE_MIN, "max_value": RATE_MAX}, _rate_message),
)
