"""Running the rules through great-expectations and turning its verdicts into dq_issues rows.

great_expectations takes 6-9 s to import, so it is imported on first use,
inside ``_gx``; importing this package costs only polars. One
ephemeral context per process (nothing on disk, progress bars off, its
logging and warnings silenced) holds a pandas data source with one
dataframe asset, batch definition and suite per rule, built once and
reused. Each rule's fact columns go to GX as a pandas frame with a default
RangeIndex, so GX's ``unexpected_index_list`` is the positions of the
failing rows in the rule's polars frame, which carries the keys and the
words for the message.

GX is not known to be thread-safe and the Prefect flow runs documents in
threads, so building and validating happen under one lock; the polars work
around it runs in parallel.
"""

from __future__ import annotations

import itertools
import logging
import threading
import warnings
from collections.abc import Iterable, Iterator
from functools import cache
from typing import Any

import polars as pl

from expectations.rules import RULES, Check, Rule
from transform.records import DQ_ISSUES_SCHEMA

RESULT_FORMAT = {"result_format": "COMPLETE"}
GX_SEVERITY = {"error": "critical", "warning": "warning"}
_LOCK = threading.Lock()


def _quiet_gx_logging() -> None:
    """GX logs at INFO from import on (one module sets its own logger to INFO): only errors get through."""
    logging.getLogger("great_expectations").setLevel(logging.ERROR)
    for name, logger in list(logging.root.manager.loggerDict.items()):
        if name.startswith("great_expectations.") and isinstance(logger, logging.Logger):
            if logger.level != logging.NOTSET and logger.level < logging.ERROR:
                logger.setLevel(logging.NOTSET)


@cache
def _gx() -> tuple[Any, Any]:
    """(the great_expectations module, the process's ephemeral context); the first call imports GX."""
    _quiet_gx_logging()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # DeprecationWarnings of GX's own imports (sre_constants, ...)
        import great_expectations as gx
        from great_expectations.data_context.types.base import ProgressBarsConfig

        _quiet_gx_logging()
        ctx = gx.get_context(mode="ephemeral")
        ctx.variables.progress_bars = ProgressBarsConfig(globally=False)
        ctx.data_sources.add_pandas("perfgoals")
    return gx, ctx


def _expectation(gx: Any, rule: Rule, index: int, check: Check) -> Any:
    kwargs = {k: list(v) if isinstance(v, tuple) else v for k, v in check.kwargs}
    return getattr(gx.expectations, check.expectation)(
        column=check.column, **kwargs, severity=GX_SEVERITY[rule.severity],
        meta={"rule": rule.name, "check": index},
    )


_suite_numbers = itertools.count(1)


@cache
def _suite(rule: Rule) -> tuple[Any, Any]:
    """(batch definition, expectation suite) of ``rule``, built once per process."""
    gx, ctx = _gx()
    name = f"{rule.name}_{next(_suite_numbers)}"  # a rule passed besides RULES may share a name
    asset = ctx.data_sources.get("perfgoals").add_dataframe_asset(name)
    batch_definition = asset.add_batch_definition_whole_dataframe("whole")
    suite = ctx.suites.add(gx.ExpectationSuite(name=name))
    for index, check in enumerate(rule.checks):
        suite.add_expectation(_expectation(gx, rule, index, check))
    return batch_definition, suite


def _raised(exception_info: Any) -> str | None:
    """GX's exception message, if it raised: exception_info is either one dict or one per metric."""
    if not isinstance(exception_info, dict):
        return None
    if exception_info.get("raised_exception"):
        return str(exception_info.get("exception_message"))
    for value in exception_info.values():
        if isinstance(value, dict) and value.get("raised_exception"):
            return str(value.get("exception_message"))
    return None


def _unexpected(rule: Rule, facts: pl.DataFrame) -> Iterator[tuple[int, list[int]]]:
    """(check index, row positions in ``facts``) for each check of ``rule`` that GX found failing."""
    columns = list(dict.fromkeys(check.column for check in rule.checks))
    frame = facts.select(columns).to_pandas()  # default RangeIndex: GX's indices are row positions
    with _LOCK:
        batch_definition, suite = _suite(rule)
        result = batch_definition.get_batch(batch_parameters={"dataframe": frame}).validate(
            suite, result_format=RESULT_FORMAT)
    for outcome in result.results:
        error = _raised(outcome.exception_info)
        if error is not None:
            raise RuntimeError(f"great_expectations could not run rule {rule.name}: {error}")
        if not outcome.success:
            positions = [int(i) for i in outcome.result["unexpected_index_list"]]
            yield int(outcome.expectation_config.meta["check"]), positions


def validate(goal_tables: pl.DataFrame, indicators: pl.DataFrame,
             rules: Iterable[Rule] = RULES) -> pl.DataFrame:
    """Every failed check on one document's frames, as dq_issues rows (seq, row_no, rule, severity, message).

    ``goal_tables`` and ``indicators`` have the schemas of
    ``transform.records``; ``row_no`` is null for a table-level rule. Rows
    come ordered by table, then row (table-level issues first), then rule.
    """
    rows: list[dict[str, Any]] = []
    for order, rule in enumerate(rules):
        facts = rule.facts(goal_tables, indicators)
        if facts.is_empty():
            continue
        for index, positions in _unexpected(rule, facts):
            check = rule.checks[index]
            for row in facts[positions].iter_rows(named=True):
                rows.append({
                    "seq": row["seq"],
                    "row_no": row["row_no"] if rule.level == "row" else None,
                    "rule": rule.name,
                    "severity": rule.severity,
                    "message": check.message(row),
                    "_order": order * 1000 + index,
                })
    return (
        pl.DataFrame(rows, schema={**DQ_ISSUES_SCHEMA, "_order": pl.Int32()})
        .sort("seq", "row_no", "_order", nulls_last=False, maintain_order=True)
        .drop("_order")
    )
