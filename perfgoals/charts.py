"""The report's charts as Vega-Lite specs, built with Altair from ``warehouse.report`` frames.

Each function takes one frame and returns a spec (a dict) the page embeds;
the browser draws it, so Chinese labels use the reader's own fonts.
"""

from __future__ import annotations

from typing import Any

import altair as alt
import polars as pl

FONT = "Noto Sans CJK SC, Source Han Sans SC, WenQuanYi Zen Hei, Microsoft YaHei, PingFang SC, sans-serif"
ERROR, WARNING, MUTED = "#c0392b", "#e08a1e", "#9aa5b1"
SOURCES = ("财政拨款 fiscal", "其他资金 other", "未分列 not split")
SOURCE_COLORS = ("#2f6f9f", "#7fb3d5", "#c8d6e0")
USUAL, OUTLIER = "within the usual range", "outlier"
MAX_UNITS_SHOWN = 30  # units per chart; the rest are in the unit sections
ROW_PX = 22
WIDTH = 560
PANEL_WIDTH, PANELS_PER_ROW = 250, 3  # target spread: small multiples across the page
_COUNT_AXIS = alt.Axis(format="d", tickMinStep=1)  # counts: no 0.5 ticks


def _spec(chart: alt.TopLevelMixin) -> dict[str, Any]:
    return chart.configure(font=FONT).configure_view(stroke=None).to_dict()


def _severity_color() -> alt.Scale:
    return alt.Scale(domain=["error", "warning"], range=[ERROR, WARNING])


def budget_by_unit(budget: pl.DataFrame) -> dict[str, Any]:
    """Stacked bars: each unit's project budgets (万元) by source of money, largest unit first."""
    units = budget.get_column("unit_name").unique(maintain_order=True).head(MAX_UNITS_SHOWN).to_list()
    data = budget.filter(pl.col("unit_name").is_in(units))
    chart = alt.Chart(data).mark_bar().encode(
        x=alt.X("sum(amount):Q", title="万元 (10,000 yuan)", axis=alt.Axis(format=",.0f")),
        y=alt.Y("unit_name:N", sort=units, title=None),
        color=alt.Color("source:N", title="资金来源 source", sort=list(SOURCES),
                        scale=alt.Scale(domain=list(SOURCES), range=list(SOURCE_COLORS))),
        order=alt.Order("source:O"),
        tooltip=[alt.Tooltip("unit_name:N", title="unit"), alt.Tooltip("source:N"),
                 alt.Tooltip("amount:Q", format=",.2f", title="万元"), alt.Tooltip("n_projects:Q", title="projects"),
                 alt.Tooltip("total:Q", format=",.2f", title="total 万元")],
    ).properties(width=WIDTH, height=max(len(units), 1) * ROW_PX)
    return _spec(chart)


def target_spread(targets: pl.DataFrame, boxes: pl.DataFrame) -> dict[str, Any]:
    """Per family, a box of the middle half of the units' targets, whiskers, the median, and a dot per target
    sized by how many units state it; targets outside Tukey's fences in red."""
    marked = targets.with_columns(
        pl.when(pl.col("outlier")).then(pl.lit(OUTLIER)).otherwise(pl.lit(USUAL)).alias("mark"))
    panels = []
    for family in boxes.iter_rows(named=True):
        name, unit = family["family_name"], family["unit"] or ""
        box = alt.Chart(boxes.filter(pl.col("family_name") == name))
        x_axis = alt.X("low:Q", title=unit, scale=alt.Scale(zero=False, nice=True))
        layers = [
            box.mark_rule(color=MUTED).encode(x=x_axis, x2="high:Q"),
            box.mark_bar(color="#d5dde5", size=24).encode(x="q1:Q", x2="q3:Q"),
            box.mark_tick(color="#5a6b7b", thickness=2, size=24).encode(x="median:Q"),
            alt.Chart(marked.filter(pl.col("family_name") == name)).mark_circle(opacity=0.85).encode(
                x="value:Q",
                size=alt.Size("n_units_at:Q", title="units at a target",
                              scale=alt.Scale(domainMin=1, range=[40, 420]),
                              legend=alt.Legend(orient="top", format="d", tickMinStep=1)),
                color=alt.Color("mark:N", scale=alt.Scale(domain=[USUAL, OUTLIER], range=["#2f6f9f", ERROR]),
                                legend=alt.Legend(orient="top", title=None)),
                tooltip=[alt.Tooltip("value:Q", title=unit or "target"),
                         alt.Tooltip("n_units_at:Q", title="units"), alt.Tooltip("units:N", title="which")]),
        ]
        panels.append(alt.layer(*layers).properties(title=f"{name} ({family['n_units']} units)",
                                                    width=PANEL_WIDTH, height=50))
    return _spec(alt.concat(*panels, columns=PANELS_PER_ROW).resolve_scale(x="independent"))


def quality_by_unit(quality: pl.DataFrame) -> dict[str, Any]:
    """Per unit: its errors and warnings, and the share of its goal tables without an error."""
    shown = quality.head(MAX_UNITS_SHOWN)
    units = shown.get_column("unit_name").to_list()
    counts = shown.unpivot(index="unit_name", on=["n_errors", "n_warnings"], variable_name="severity",
                           value_name="n").with_columns(pl.col("severity").str.strip_prefix("n_").str.strip_suffix("s"))
    height = max(len(units), 1) * ROW_PX
    issues = alt.Chart(counts).mark_bar().encode(
        x=alt.X("n:Q", title="issues", stack=True, axis=_COUNT_AXIS),
        y=alt.Y("unit_name:N", sort=units, title=None),
        color=alt.Color("severity:N", scale=_severity_color(), title=None),
        tooltip=[alt.Tooltip("unit_name:N", title="unit"), "severity:N", alt.Tooltip("n:Q", title="issues")],
    ).properties(width=WIDTH // 2, height=height)
    passing = alt.Chart(shown).mark_bar(color="#4a9d6f").encode(
        x=alt.X("share_tables_passing:Q", title="goal tables without an error", axis=alt.Axis(format="%"),
                scale=alt.Scale(domain=[0, 1])),
        y=alt.Y("unit_name:N", sort=units, title=None, axis=None),
        tooltip=[alt.Tooltip("unit_name:N", title="unit"), alt.Tooltip("n_tables:Q", title="goal tables"),
                 alt.Tooltip("share_tables_passing:Q", format=".0%", title="without an error"),
                 alt.Tooltip("share_quantitative:Q", format=".0%", title="numeric targets")],
    ).properties(width=WIDTH // 2 - 40, height=height)
    return _spec(alt.hconcat(issues, passing))


def achieved_by_unit(achieved: pl.DataFrame) -> dict[str, Any]:
    """Bars: the share of each unit's targets its self-evaluations report as reached, lowest first."""
    shown = achieved.head(MAX_UNITS_SHOWN)
    units = shown.get_column("unit_name").to_list()
    chart = alt.Chart(shown).mark_bar(color="#4a9d6f").encode(
        x=alt.X("share_reached:Q", title="targets reached 目标达成率", axis=alt.Axis(format="%"),
                scale=alt.Scale(domain=[0, 1])),
        y=alt.Y("unit_name:N", sort=units, title=None),
        tooltip=[alt.Tooltip("unit_name:N", title="unit"), alt.Tooltip("n_reached:Q", title="reached"),
                 alt.Tooltip("n_judged:Q", title="targets with a number"),
                 alt.Tooltip("share_reached:Q", format=".0%", title="share")],
    ).properties(width=WIDTH, height=max(len(units), 1) * ROW_PX)
    return _spec(chart)


def defects_by_rule(defects: pl.DataFrame) -> dict[str, Any]:
    """Bars: how many issues each review rule found, most frequent first."""
    rules = defects.get_column("rule").unique(maintain_order=True).to_list()
    chart = alt.Chart(defects).mark_bar().encode(
        x=alt.X("n_issues:Q", title="issues", axis=_COUNT_AXIS),
        y=alt.Y("rule:N", sort=rules, title=None),
        color=alt.Color("severity:N", scale=_severity_color(), title=None),
        tooltip=["rule:N", "severity:N", alt.Tooltip("n_issues:Q", title="issues"),
                 alt.Tooltip("n_units:Q", title="units"), alt.Tooltip("example:N", title="for example")],
    ).properties(width=WIDTH, height=max(len(rules), 1) * ROW_PX)
    return _spec(chart)
