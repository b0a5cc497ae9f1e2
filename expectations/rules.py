"""The reviewer's rules: which fact each checks, with which GX expectation, and what it says.

A rule's severity and thresholds are data (``expectations/rules.toml``,
``expectations.catalog``); here each rule names its level (``table``: one
fact row per goal table; ``row``: one per indicator row), its checks (a GX
expectation class and its arguments, made from the rule's setting) and its
message. Adding a rule is a section in rules.toml, a fact column in
``expectations.facts`` and an entry here. Nothing here imports
great_expectations.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

from expectations import messages as M
from expectations.catalog import Catalog, Setting
from expectations.facts import OUTPUT_SUBCATEGORIES, REQUIRED_CATEGORIES

Level = Literal["table", "row"]
IS_TRUE = "ExpectColumnValuesToBeInSet"
BETWEEN = "ExpectColumnValuesToBeBetween"


@dataclass(frozen=True)
class Check:
    """One GX expectation on one fact column; ``kwargs`` as pairs so that a check stays hashable."""

    column: str
    expectation: str
    kwargs: tuple[tuple[str, Any], ...]
    message: M.Message


@dataclass(frozen=True)
class Rule:
    """A rule as it runs: ``dq_issues.rule`` and ``severity``, its level, its checks, its place in review order."""

    name: str
    severity: str
    level: Level
    checks: tuple[Check, ...]
    order: int = 0


def _true(column: str, message: M.Message) -> Check:
    return Check(column, IS_TRUE, (("value_set", (True,)),), message)


def _between(column: str, message: M.Message, low: float | None = None, high: float | None = None) -> Check:
    return Check(column, BETWEEN, (("min_value", low), ("max_value", high)), message)


ENGLISH = {"has_output": "output indicators", "has_outcome": "outcome indicators",
           "has_satisfaction": "satisfaction indicators", "has_quantity": "quantity", "has_quality": "quality",
           "has_timeliness": "timeliness"}


def _categories(columns: tuple[tuple[str, str], ...], why_zh: str, why_en: str) -> tuple[Check, ...]:
    """One check per (fact column, category label) of ``columns``: the table has that category."""
    return tuple(_true(c, M.missing_category(label, ENGLISH[c], why_zh, why_en)) for c, label in columns)


# rule name → (level, the checks made from its setting)
CHECKS: dict[str, tuple[Level, Callable[[Setting], tuple[Check, ...]]]] = {
    "unit_name_present": ("table", lambda s: (_true("unit_named", M.unit_name_present),)),
    "project_name_present": ("table", lambda s: (_true("project_named", M.project_name_present),)),
    "money_unit_assumed": ("table", lambda s: (_true("money_unit_stated", M.money_unit_assumed),)),
    "budget_balance": ("table", lambda s: (_between("budget_diff", M.budget_balance, -s["tolerance"],
                                                    s["tolerance"]),)),
    "required_categories": ("table", lambda s: _categories(
        REQUIRED_CATEGORIES, "项目绩效目标表应包含产出、效益和满意度指标",
        "every project goal table needs output, outcome and satisfaction indicators")),
    "cost_category": ("table", lambda s: (_true("has_cost", M.missing_category(
        "成本指标", "cost indicators", "项目应说明成本", "a project states what it costs")),)),
    "output_subcategories": ("table", lambda s: _categories(
        OUTPUT_SUBCATEGORIES, "产出指标应包含数量、质量和时效指标", "output indicators cover quantity, quality and time")),
    "cost_within_budget": ("table", lambda s: (_between("cost_over_budget", M.cost_within_budget,
                                                        high=s["tolerance"]),)),
    "cost_total": ("table", lambda s: (_between("cost_total_diff", M.cost_total, -s["tolerance"], s["tolerance"]),)),
    "components_within_total": ("table", lambda s: (_between("components_excess", M.components_within_total,
                                                             high=0.0),)),
    "quantitative_share": ("table", lambda s: (_between("quantitative_share", M.quantitative_share,
                                                        low=s["min_share"]),)),
    "target_present": ("row", lambda s: (_true("target_present", M.target_present),)),
    "number_glued_to_words": ("row", lambda s: (_true("not_glued", M.number_glued_to_words),)),
    "target_defect": ("row", lambda s: (_true("no_target_defect", M.target_defect),)),
    "name_cut_off": ("row", lambda s: (_true("name_whole", M.name_cut_off),)),
    "duplicate_indicator": ("row", lambda s: (_true("name_once", M.duplicate_indicator),)),
    "unit_missing": ("row", lambda s: (_true("unit_present", M.unit_missing),)),
    "rate_range": ("row", lambda s: (_between("rate_value", M.rate_range, s["min"], s["max"]),)),
    "per_capita_unit": ("row", lambda s: (_true("per_person", M.per_capita_unit),)),
    "satisfaction_floor": ("row", lambda s: (_between("satisfaction_value", M.satisfaction_floor(s["min"]),
                                                      low=s["min"]),)),
    "unmapped_category": ("row", lambda s: (_true("in_taxonomy", M.unmapped_category),)),
    "category_mismatch": ("row", lambda s: (_true("category_fits", M.category_mismatch),)),
    "multiple_values": ("row", lambda s: (_true("one_value", M.multiple_values),)),
    "approximate_target": ("row", lambda s: (_true("definite", M.approximate_target),)),
    "weights_total": ("table", lambda s: (_between("weights_total", M.weights_total(s["total"]),
                                                   s["total"] - s["tolerance"], s["total"] + s["tolerance"]),)),
    "executed_within_budget": ("table", lambda s: (_between("executed_over", M.executed_within_budget,
                                                            high=s["tolerance"]),)),
    "execution_rate_consistent": ("table", lambda s: (_between("rate_diff", M.execution_rate_consistent,
                                                               -s["tolerance"], s["tolerance"]),)),
    "score_within_weight": ("row", lambda s: (_between("score_over", M.score_within_weight, high=0.0),)),
    "full_score_on_miss": ("row", lambda s: (_true("not_full_on_miss", M.full_score_on_miss),)),
    "deviation_reason_given": ("row", lambda s: (_true("reason_given", M.deviation_reason_given),)),
    "actual_unit_given": ("row", lambda s: (_true("actual_unit_given", M.actual_unit_given),)),
}


@cache  # one set of Rule objects per catalog, so the suites built from them are cached too
def rules_of(catalog: Catalog) -> tuple[Rule, ...]:
    """The rules that are on in ``catalog``, in review order, with their checks made from its settings."""
    missing = [s.name for s in catalog.settings if s.name not in CHECKS]
    if missing:  # rules.toml and this table must name the same rules
        raise RuntimeError(f"rules in the catalog without checks: {missing}")
    return tuple(Rule(s.name, s.severity, CHECKS[s.name][0], CHECKS[s.name][1](s), order)
                 for order, s in enumerate(catalog.settings) if s.on)
