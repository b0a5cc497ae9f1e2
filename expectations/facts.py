"""Cross-column facts computed in polars, one column per rule, for great-expectations to judge.

GX 1.x checks pandas columns one at a time; sums across columns and
groupings of indicators by table are computed here first.
"""

from __future__ import annotations

import polars as pl

REQUIRED_LEVEL1 = ("产出指标", "效益指标", "满意度指标")
RATE_NAME = "率|满意度"


def table_facts(goal_tables: pl.DataFrame, indicators: pl.DataFrame) -> pl.DataFrame:
    """One row per goal table: the budget gap and whether each required category is present."""
    present = indicators.group_by("seq").agg(
        [pl.col("level1_std").eq(c).any().alias(f"has_{c}") for c in REQUIRED_LEVEL1])
    money = [pl.col(c).cast(pl.Float64).fill_null(0.0) for c in ("budget_fiscal", "budget_other")]
    return (
        goal_tables.join(present, on="seq", how="left")
        .with_columns(
            [pl.col(f"has_{c}").fill_null(False) for c in REQUIRED_LEVEL1],
            budget_gap=pl.when(pl.col("budget_total").is_not_null())
            .then(pl.col("budget_total").cast(pl.Float64) - money[0] - money[1]),
        )
        .sort("seq")
    )


def indicator_facts(goal_tables: pl.DataFrame, indicators: pl.DataFrame) -> pl.DataFrame:
    """One row per indicator: its rate's lower and upper ends when the target is a rate (null otherwise)."""
    is_rate = pl.col("is_quantitative") & (
        (pl.col("target_unit") == "%")
        | (pl.col("level3").str.contains(RATE_NAME) & pl.col("target_unit").is_null())
    )
    high = pl.max_horizontal("target_value", "target_value_max")
    low = pl.min_horizontal("target_value", "target_value_max")
    return (
        indicators.join(goal_tables.select("seq", "project_name"), on="seq", how="left")
        .with_columns(rate_low=pl.when(is_rate).then(low), rate_high=pl.when(is_rate).then(high))
        .sort("seq", "row_no")
    )
