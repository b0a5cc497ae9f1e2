"""Cross-column facts computed in polars, for great-expectations to judge: one frame per goal table, one per row.

GX 1.x checks pandas columns one at a time and knows nothing of polars:
sums across columns and groupings of indicators by table are computed
here, and GX checks the resulting columns. A fact is null where its rule
does not apply (a department table has no required categories, a count
is not a rate), and GX's column checks skip nulls. Besides the facts, each
frame carries what a message names: the table's number and project, the
row's 三级指标 and target.
"""

from __future__ import annotations

from collections import defaultdict

import polars as pl

from transform.results import FLAG_ACTUAL_WITHOUT_UNIT, achieved
from transform.taxonomy import PARENT

RATE_WORDS = "率|满意度"
SATISFACTION_WORDS = "满意"
PER_CAPITA = "人均"
PER_PERSON_UNIT = r"/人"
MONEY_UNIT = "万元"
COST_CATEGORY = "成本指标"

# (fact column, level1_std) of the categories every project table needs, and 产出's three second-level ones.
REQUIRED_CATEGORIES: tuple[tuple[str, str], ...] = (
    ("has_output", "产出指标"), ("has_outcome", "效益指标"), ("has_satisfaction", "满意度指标"))
OUTPUT_SUBCATEGORIES: tuple[tuple[str, str], ...] = (
    ("has_quantity", "数量指标"), ("has_quality", "质量指标"), ("has_timeliness", "时效指标"))
DEFECT_FLAGS = ("range_reversed", "range_units_differ", "conflicting_operators", "operator_without_number")


def _is_project() -> pl.Expr:
    return pl.col("kind").fill_null("project") == "project"


def _only_projects(expr: pl.Expr) -> pl.Expr:
    return pl.when(_is_project()).then(expr)


def _only_self_evaluations(expr: pl.Expr) -> pl.Expr:
    return pl.when(pl.col("kind") == "self_evaluation").then(expr)


def _only_goal_tables(expr: pl.Expr) -> pl.Expr:
    return pl.when(pl.col("kind").fill_null("project") != "self_evaluation").then(expr)


def _achieved(indicators: pl.DataFrame) -> pl.Series:
    """Each row's ``transform.results.achieved`` on its own target (a self-evaluation is judged against the
    target it restates; the view ``achievement`` judges against the goal table's)."""
    factor = pl.col("target_value_std") / pl.col("target_value")
    frame = indicators.select("target_op", "target_raw", "target_value_std", "actual_value_std", "level1_std",
                              target_max_std=pl.when(pl.col("target_value") != 0)
                              .then(pl.col("target_value_max") * factor))
    return pl.Series("achieved", [achieved(r["target_op"], r["target_raw"], r["target_value_std"],
                                           r["target_max_std"], r["actual_value_std"], r["level1_std"])
                                  for r in frame.iter_rows(named=True)], dtype=pl.Boolean)


def _per_table(indicators: pl.DataFrame) -> pl.DataFrame:
    """Per table: which categories it has, its money costs, and its share of quantitative rows."""
    money_cost = pl.col("target_value_std").filter(
        (pl.col("level1_std") == COST_CATEGORY) & (pl.col("target_unit_std") == MONEY_UNIT))
    return indicators.group_by("seq").agg(
        *((pl.col("level1_std") == category).any().alias(column) for column, category in REQUIRED_CATEGORIES),
        *((pl.col("level2_std") == category).any().alias(column) for column, category in OUTPUT_SUBCATEGORIES),
        (pl.col("level1_std") == COST_CATEGORY).any().alias("has_cost"),
        money_cost.max().alias("cost_max"),
        money_cost.sum().alias("cost_sum"),
        money_cost.len().alias("n_money_costs"),
        pl.col("is_quantitative").fill_null(False).mean().alias("quantitative_share"),
        pl.col("weight").sum().alias("weight_sum"),
        pl.col("weight").is_not_null().any().alias("has_weights"),
    )


def _components_excess(indicators: pl.DataFrame) -> pl.DataFrame:
    """Per table: by how much exact component counts exceed their exact total (民事+刑事+… > 案件受理数), at most.

    A total is a row whose key ends two or more other rows' keys (案件受理数量 in 民事案件受理数量),
    in the same unit; the check applies only when the total and all its components are exact values.
    """
    out: dict[int, float] = {}
    rows = indicators.select("seq", "indicator_key", "target_op", "target_value_std", "target_unit_std",
                             "is_quantitative").to_dicts()
    by_table: dict[int, list[dict]] = defaultdict(list)
    for row in rows:
        by_table[row["seq"]].append(row)
    for seq, table in by_table.items():
        for total in table:
            key = total["indicator_key"] or ""
            parts = [r for r in table if r is not total and key and (r["indicator_key"] or "").endswith(key)
                     and r["indicator_key"] != key and r["target_unit_std"] == total["target_unit_std"]]
            exact = all(r["target_op"] == "=" and r["is_quantitative"] for r in [total, *parts])
            if len(parts) >= 2 and exact:
                excess = sum(r["target_value_std"] for r in parts) - total["target_value_std"]
                out[seq] = max(out.get(seq, excess), excess)
    return pl.DataFrame({"seq": list(out), "components_excess": list(out.values())},
                        schema={"seq": pl.Int32(), "components_excess": pl.Float64()})


def table_facts(goal_tables: pl.DataFrame, indicators: pl.DataFrame) -> pl.DataFrame:
    """One row per goal table: every table-level fact (null where its rule does not apply)."""
    total, fiscal, carryover, other = (pl.col(c).fill_null(0) for c in
                                       ("budget_total", "budget_fiscal", "budget_carryover", "budget_other"))
    budget = pl.col("budget_total").cast(pl.Float64)
    frame = goal_tables.join(_per_table(indicators), on="seq", how="left").join(
        _components_excess(indicators), on="seq", how="left")
    has_money_costs = (pl.col("n_money_costs").fill_null(0) > 0) & budget.is_not_null()
    executed = pl.col("budget_executed").cast(pl.Float64)
    return frame.select(
        "seq", "project_name", "unit_name", "budget_total", "budget_fiscal", "budget_carryover", "budget_other",
        "kind", "cost_max", "cost_sum", "budget_executed",
        unit_named=pl.col("unit_name").fill_null("").str.strip_chars() != "",
        money_unit_stated=pl.when(budget.is_not_null()).then(pl.col("money_unit").is_not_null()),
        project_named=_only_projects(pl.col("project_name").fill_null("").str.strip_chars() != ""),
        # a self-evaluation's 全年预算数 is one sum (上年结转+年初预算+调整), its parts not printed
        budget_diff=_only_goal_tables((total - fiscal - carryover - other).cast(pl.Float64)),
        **{column: _only_projects(pl.col(column).fill_null(False)) for column, _ in REQUIRED_CATEGORIES},
        has_cost=_only_projects(pl.col("has_cost").fill_null(False)),
        # a self-evaluation restates its goal table's indicators, whose make-up was reviewed on the goal table
        **{column: _only_goal_tables(pl.when(pl.col("has_output").fill_null(False)).then(pl.col(column)))
           for column, _ in OUTPUT_SUBCATEGORIES},
        cost_over_budget=_only_goal_tables(pl.when(has_money_costs).then(pl.col("cost_max") - budget)),
        cost_total_diff=_only_goal_tables(pl.when(has_money_costs).then(pl.col("cost_sum") - budget)),
        components_excess=_only_goal_tables(pl.col("components_excess")),
        quantitative_share=_only_goal_tables(pl.col("quantitative_share")),
        weights_total=_only_self_evaluations(pl.when(pl.col("has_weights").fill_null(False)).then(
            pl.col("weight_sum") + pl.col("execution_weight").fill_null(0))),
        executed_over=_only_self_evaluations(executed - budget),
        execution_rate=pl.col("execution_rate"),
        rate_diff=_only_self_evaluations(pl.when(budget > 0).then(pl.col("execution_rate") - executed / budget * 100)),
    )


def _rate_value(value: pl.Expr, value_max: pl.Expr, low: float, high: float) -> pl.Expr:
    """An end of the range outside low–high if one is, else the target: one value per row to check."""
    outside = lambda x: ((x < low) | (x > high)).fill_null(False)  # noqa: E731
    return pl.when(outside(value)).then(value).when(outside(value_max)).then(value_max).otherwise(
        pl.coalesce(value, value_max))


def row_facts(goal_tables: pl.DataFrame, indicators: pl.DataFrame, rate_min: float = 0.0,
              rate_max: float = 100.0, name_min_chars: float = 10) -> pl.DataFrame:
    """One row per indicator row: every row-level fact (null where its rule does not apply)."""
    level3 = pl.col("level3").fill_null("")
    description = pl.col("description").fill_null("")
    quantitative = pl.col("is_quantitative").fill_null(False)
    flags = pl.col("target_flags").fill_null("")
    is_rate = (pl.col("target_unit") == "%").fill_null(False) | (level3.str.contains(RATE_WORDS) & quantitative)
    is_satisfaction = level3.str.contains(SATISFACTION_WORDS) & (pl.col("target_unit") == "%").fill_null(False)
    pairs = pl.concat_str(["level1_std", "level2_std"], separator="/").fill_null("")
    canonical = [f"{l1}/{l2}" for l2, l1 in PARENT.items()]
    two_level = pl.col("level2").is_null() & pl.col("level1_std").is_in(list(set(PARENT.values())))
    key = pl.col("indicator_key").fill_null("")
    results = indicators.with_columns(_achieved(indicators))
    missed = pl.col("achieved") == False  # noqa: E712 - null (words) is neither
    return results.join(goal_tables.select("seq", "project_name", "kind"), on="seq", how="left",
                        maintain_order="left").select(
        "seq", "row_no", "project_name", "kind", "level1", "level2", "level3", "description", "target_raw",
        "target_value", "target_unit", "target_flags",
        target_present=pl.col("target_raw").fill_null("").str.strip_chars() != "",
        not_glued=~flags.str.contains("number_glued_to_words"),
        no_target_defect=~flags.str.contains("|".join(DEFECT_FLAGS)),
        name_whole=pl.when(level3.str.len_chars() >= name_min_chars).then(
            ~(description.str.starts_with(level3) & (description.str.len_chars() > level3.str.len_chars()))),
        name_once=pl.when(key != "").then(key.is_duplicated().over("seq").not_()),
        unit_present=pl.when(quantitative).then(pl.col("target_unit").is_not_null()),
        rate_value=pl.when(is_rate).then(_rate_value(pl.col("target_value"), pl.col("target_value_max"),
                                                     rate_min, rate_max)),
        per_person=pl.when(level3.str.contains(PER_CAPITA) & quantitative & pl.col("target_unit").is_not_null())
        .then(pl.col("target_unit_std").fill_null("").str.contains(PER_PERSON_UNIT)),  # 元每人每月 is 元/人/月
        satisfaction_value=pl.when(is_satisfaction).then(pl.col("target_value")),
        in_taxonomy=pairs.is_in(canonical) | two_level | flags.str.contains("category_mismatch"),
        category_fits=~flags.str.contains("category_mismatch"),
        one_value=~flags.str.contains("multiple_values"),
        definite=~flags.str.contains("approximate"),
        actual_raw=pl.col("actual_raw"), weight=pl.col("weight"), score=pl.col("score"),
        score_over=_only_self_evaluations(pl.col("score") - pl.col("weight")),
        not_full_on_miss=_only_self_evaluations(pl.when(missed & pl.col("score").is_not_null()
                                                        & pl.col("weight").is_not_null())
                                                .then(pl.col("score") < pl.col("weight"))),
        reason_given=_only_self_evaluations(pl.when(missed).then(
            pl.col("deviation_reason").fill_null("").str.strip_chars() != "")),
        actual_unit_given=_only_self_evaluations(~flags.str.contains(FLAG_ACTUAL_WITHOUT_UNIT)),
    )
