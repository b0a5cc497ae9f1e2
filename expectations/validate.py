"""Running the rules through great-expectations and turning its verdicts into dq_issues rows."""

from __future__ import annotations

import logging
import warnings
from functools import cache
from typing import Any

import polars as pl

from expectations.facts import indicator_facts, table_facts
from expectations.rules import RULES, Level
from transform.records import DQ_ISSUES_SCHEMA

RESULT_FORMAT = {"result_format": "COMPLETE"}


@cache
def _suites() -> dict[Level, tuple[Any, Any]]:
    """One ephemeral GX context per process, with a batch definition and a suite per level.

    Built on first use: importing great_expectations takes seconds and only
    documents that have goal tables need it.
    """
    logging.getLogger("great_expectations").setLevel(logging.ERROR)
    warnings.filterwarnings("ignore", module="great_expectations")
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    ctx = gx.get_context(mode="ephemeral")
    ctx.variables.progress_bars = ProgressBarsConfig(globally=False)
    source = ctx.data_sources.add_pandas("perfgoals")
    out: dict[Level, tuple[Any, Any]] = {}
    for level in ("table", "indicator"):
        batch_definition = source.add_dataframe_asset(level).add_batch_definition_whole_dataframe("all")
        suite = ctx.suites.add(gx.ExpectationSuite(name=f"perfgoals_{level}"))
        for rule in (r for r in RULES if r.level == level):
            expectation = getattr(gx.expectations, rule.expectation)(column=rule.column, **rule.kwargs)
            expectation.meta = {"rule": rule.name}
            suite.add_expectation(expectation)
        out[level] = (batch_definition, suite)
    return out


def _failed_rows(level: Level, facts: pl.DataFrame) -> list[tuple[str, int]]:
    """(column, row index) for every value GX found unexpected in ``facts``."""
    if facts.is_empty():
        return []
    batch_definition, suite = _suites()[level]
    columns = sorted({r.column for r in RULES if r.level == level})
    frame = facts.select(columns).to_pandas()  # default RangeIndex: GX reports row positions
    result = batch_definition.get_batch(batch_parameters={"dataframe": frame}).validate(
        suite, result_format=RESULT_FORMAT)
    return [(r.expectation_config.kwargs["column"], int(i))
            for r in result.results if not r.success for i in r.result.get("unexpected_index_list") or []]


def _issues(level: Level, facts: pl.DataFrame) -> list[dict[str, Any]]:
    by_column = {r.column: r for r in RULES if r.level == level}
    seen: set[tuple[int, int | None, str]] = set()
    issues = []
    for column, index in sorted(_failed_rows(level, facts), key=lambda x: x[1]):
        rule, row = by_column[column], facts.row(index, named=True)
        key = (row["seq"], row.get("row_no"), rule.message(row))
        if key in seen:
            continue
        seen.add(key)
        issues.append({"seq": row["seq"], "row_no": row.get("row_no") if level == "indicator" else None,
                       "rule": rule.name, "severity": rule.severity, "message": rule.message(row)})
    return issues


def validate(goal_tables: pl.DataFrame, indicators: pl.DataFrame) -> pl.DataFrame:
    """Every failed check of one document's frames, as rows of the dq_issues schema (seq, row_no, rule, ...)."""
    rows = _issues("table", table_facts(goal_tables, indicators))
    rows += _issues("indicator", indicator_facts(goal_tables, indicators))
    return pl.DataFrame(rows, schema=DQ_ISSUES_SCHEMA).sort("seq", "row_no", nulls_last=False)
