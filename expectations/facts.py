"""Cross-column facts computed in polars, one frame per rule, for great-expectations to judge.

GX 1.x checks pandas columns one at a time and knows nothing of polars:
sums across columns and groupings of indicators by table are computed
here, and GX checks the resulting columns. Each function takes the
document's ``goal_tables`` and ``indicators`` frames (the schemas of
``transform.records``) and returns the rule's frame: its key columns
(``seq``, and ``row_no`` for a row-level rule), the checked columns and
whatever its message needs (project name, 三级指标, the values).
"""

from __future__ import annotations

import polars as pl

from transform.taxonomy import PARENT

MONEY_TOLERANCE = 0.005  # 万元: amounts are written with two decimals
RATE_MIN, RATE_MAX = 0.0, 100.0
RATE_WORDS = "率|满意度"

# (fact column, level1_std, English name): a further required category is one more entry.
REQUIRED_CATEGORIES: tuple[tuple[str, str, str], ...] = (
    ("has_output", "产出指标", "output indicators"),
    ("has_outcome", "效益指标", "outcome indicators"),
    ("has_satisfaction", "满意度指标", "satisfaction indicators"),
)


def budget_frame(goal_tables: pl.DataFrame, indicators: pl.DataFrame) -> pl.DataFrame:
    """Per goal table: ``budget_diff`` = 预算数 − 财政资金 − 其他资金, blanks as 0, exact in decimal."""
    total, fiscal, other = (pl.col(c).fill_null(0) for c in ("budget_total", "budget_fiscal", "budget_other"))
    return goal_tables.select(
        "seq", "project_name", "budget_total", "budget_fiscal", "budget_other",
        budget_diff=(total - fiscal - other).cast(pl.Float64),
    )


def categories_frame(goal_tables: pl.DataFrame, indicators: pl.DataFrame) -> pl.DataFrame:
    """Per project table: one boolean per required level1_std; a table without indicators has all false.

    Department-level tables (kind ``department``) are judged by other rules.
    """
    columns = [column for column, _, _ in REQUIRED_CATEGORIES]
    present = indicators.group_by("seq").agg(
        (pl.col("level1_std") == category).any().alias(column) for column, category, _ in REQUIRED_CATEGORIES
    )
    return (
        goal_tables.filter(pl.col("kind").fill_null("project") == "project")
        .select("seq", "project_name")
        .join(present, on="seq", how="left")
        .with_columns(pl.col(columns).fill_null(False))
    )


def _outside_rate(x: pl.Expr) -> pl.Expr:
    return ((x < RATE_MIN) | (x > RATE_MAX)).fill_null(False)


def rate_frame(goal_tables: pl.DataFrame, indicators: pl.DataFrame) -> pl.DataFrame:
    """The indicator rows with a rate target, and ``rate_value``: an end outside 0–100 if one is, else the target.

    A rate target has unit ``%``, or a 三级指标 containing 率 or 满意度 and a
    quantitative value. Both ends of a range (``90%-95%``) are checked, as
    one value, so a row gives at most one issue.
    """
    value, value_max = pl.col("target_value"), pl.col("target_value_max")
    is_rate = (pl.col("target_unit") == "%").fill_null(False) | (
        pl.col("level3").str.contains(RATE_WORDS).fill_null(False) & pl.col("is_quantitative").fill_null(False)
    )
    rates = indicators.filter(is_rate).select(
        "seq", "row_no", "level3", "target_raw", "target_value", "target_value_max",
        rate_value=pl.when(_outside_rate(value)).then(value)
        .when(_outside_rate(value_max)).then(value_max)
        .otherwise(pl.coalesce(value, value_max)),
    )
    return rates.join(goal_tables.select("seq", "project_name"), on="seq", how="left", maintain_order="left")


def taxonomy_frame(goal_tables: pl.DataFrame, indicators: pl.DataFrame) -> pl.DataFrame:
    """Every indicator row, ``in_taxonomy`` true when its (level1_std, level2_std) is a canonical pair."""
    pairs = pl.concat_str(["level1_std", "level2_std"], separator="/").fill_null("")
    canonical = [f"{l1}/{l2}" for l2, l1 in PARENT.items()]
    return indicators.select(
        "seq", "row_no", "level1", "level2", "level3", in_taxonomy=pairs.is_in(canonical),
    ).join(goal_tables.select("seq", "project_name"), on="seq", how="left", maintain_order="left")
