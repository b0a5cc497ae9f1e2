"""Running the rules through great-expectations and turning its verdicts into dq_issues rows.

Two expectation suites, built in code from the catalog: ``goal_tables``
(table-level rules, on one fact row per goal table) and ``indicators``
(row-level rules, on one fact row per indicator row); each check of each
rule is one expectation, tagged with its rule. great_expectations takes
6-9 s to import, so it is imported on first use (``_gx``); importing this
package costs only polars. One ephemeral context per process (nothing on
disk, progress bars off, its logging and warnings silenced) holds a pandas
data source with a dataframe asset and suite per level, built once per
catalog and reused. The facts go to GX as pandas frames with a default
RangeIndex, so GX's ``unexpected_index_list`` is the positions of the
failing rows in the polars frame, which carries the keys and the words.

GX is not known to be thread-safe and the Prefect flow runs documents in
threads, so building and validating happen under one lock.
"""

from __future__ import annotations

import logging
import threading
import warnings
from collections import Counter
from collections.abc import Iterator
from functools import cache
from typing import Any

import polars as pl

from core.contract import DQ_ISSUES
from expectations.catalog import Catalog, load_catalog
from expectations.facts import row_facts, table_facts
from expectations.rules import Rule, rules_of
from transform.records import frame_schema

# The frame this room hands the warehouse, one row per failed check: expectations/ fills dq_issues, so its
# schema is made here from the contract rather than borrowed from transform/.
DQ_ISSUES_SCHEMA = frame_schema(DQ_ISSUES)

RESULT_FORMAT = {"result_format": "COMPLETE"}
GX_SEVERITY = {"error": "critical", "warning": "warning"}
LEVELS = {"table": "goal_tables", "row": "indicators"}  # level → suite name
GX_LOCK = threading.RLock()  # GX is not known to be thread-safe: every use of the context holds it
_built: Counter[str] = Counter()  # suites built per level: a second catalog's suite gets a numbered name


def _quiet_gx_logging() -> None:
    """GX logs at INFO from import on (one module sets its own logger to INFO): only errors get through."""
    logging.getLogger("great_expectations").setLevel(logging.ERROR)
    for name, logger in list(logging.root.manager.loggerDict.items()):
        if name.startswith("great_expectations.") and isinstance(logger, logging.Logger):
            if logger.level != logging.NOTSET and logger.level < logging.ERROR:
                logger.setLevel(logging.NOTSET)


@cache
def gx_context() -> tuple[Any, Any]:
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


def _expectation(gx: Any, rule: Rule, index: int) -> Any:
    check = rule.checks[index]
    kwargs = {k: list(v) if isinstance(v, tuple) else v for k, v in check.kwargs}
    return getattr(gx.expectations, check.expectation)(
        column=check.column, **kwargs, severity=GX_SEVERITY[rule.severity],
        meta={"rule": rule.name, "check": index},
    )


@cache
def suite_of(level: str, rules: tuple[Rule, ...]) -> tuple[Any, Any]:
    """(batch definition, expectation suite) of the ``level`` rules, built once per process and catalog."""
    gx, ctx = gx_context()
    _built[level] += 1
    name = LEVELS[level] if _built[level] == 1 else f"{LEVELS[level]}_{_built[level]}"
    asset = ctx.data_sources.get("perfgoals").add_dataframe_asset(name)
    batch_definition = asset.add_batch_definition_whole_dataframe("whole")
    suite = ctx.suites.add(gx.ExpectationSuite(name=name))
    for rule in rules:
        if rule.level == level:
            for index in range(len(rule.checks)):
                suite.add_expectation(_expectation(gx, rule, index))
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


def failures(result: Any) -> Iterator[tuple[str, int, list[int]]]:
    """(rule, check index, row positions) of every failed expectation in a GX suite validation result."""
    for outcome in result.results:
        error = _raised(outcome.exception_info)
        if error is not None:
            rule = outcome.expectation_config.meta.get("rule")
            raise RuntimeError(f"great_expectations could not run rule {rule}: {error}")
        if not outcome.success:
            meta = outcome.expectation_config.meta
            yield meta["rule"], int(meta["check"]), [int(i) for i in outcome.result["unexpected_index_list"]]


def facts_of(goal_tables: pl.DataFrame, indicators: pl.DataFrame, catalog: Catalog) -> dict[str, pl.DataFrame]:
    """level → the facts frame its suite validates."""
    rate, name = catalog["rate_range"], catalog["name_cut_off"]
    return {"table": table_facts(goal_tables, indicators),
            "row": row_facts(goal_tables, indicators, rate["min"], rate["max"], name["min_chars"])}


SEQ_SPAN = 1 << 20  # more goal tables than any document holds: seq + SPAN * n keys table seq of document n


def _batch_facts(documents: list[tuple[pl.DataFrame, pl.DataFrame]], catalog: Catalog) -> dict[str, pl.DataFrame]:
    """``facts_of`` every document at once (one polars pass, not one per document): their tables renumbered
    apart while the facts are computed, each fact row then given its document (``_doc``) and own seq back."""
    if not documents:
        return {}
    apart = [tuple(f.with_columns(pl.col("seq").cast(pl.Int64) + i * SEQ_SPAN) for f in doc)
             for i, doc in enumerate(documents)]
    goal_tables, indicators = (pl.concat([d[k] for d in apart], how="diagonal_relaxed") for k in (0, 1))
    return {level: facts.with_columns(_doc=(pl.col("seq") // SEQ_SPAN).cast(pl.Int32),
                                      seq=(pl.col("seq") % SEQ_SPAN).cast(pl.Int32))
            for level, facts in facts_of(goal_tables, indicators, catalog).items()}


def checked_columns(level: str, rules: tuple[Rule, ...]) -> list[str]:
    return list(dict.fromkeys(c.column for r in rules if r.level == level for c in r.checks))


def validate(goal_tables: pl.DataFrame, indicators: pl.DataFrame, catalog: Catalog | None = None) -> pl.DataFrame:
    """Every failed check on one document's frames, as dq_issues rows (seq, row_no, rule, severity, message).

    ``goal_tables`` and ``indicators`` have the schemas of ``transform.records``; ``row_no`` is null for a
    table-level rule. Rows come ordered by table, then row (table-level issues first), then review order.
    """
    return validate_many([(goal_tables, indicators)], catalog)[0]


def validate_many(documents: list[tuple[pl.DataFrame, pl.DataFrame]], catalog: Catalog | None = None,
                  results: list[Any] | None = None) -> list[pl.DataFrame]:
    """``validate`` for several documents at once: their facts in one GX run per suite, issues split back.

    A GX validation costs about 0.1 s whatever its size (about 0.2 s for a
    40-row document, 0.25 s for 10,000 rows), so a run validates documents
    in batches. Facts are computed per document (``seq`` is only unique
    within one); returns one dq_issues frame per document, in order. GX's
    suite results are appended to ``results`` when given: the run's Data Docs
    are written from them (``expectations.docs``), not validated again.
    """
    catalog = catalog or load_catalog()
    rules = rules_of(catalog)
    by_name = {r.name: r for r in rules}
    rows: list[list[dict[str, Any]]] = [[] for _ in documents]
    for level, facts in _batch_facts(documents, catalog).items():
        columns = checked_columns(level, rules)
        if facts.is_empty() or not columns:
            continue
        frame = facts.select(columns).to_pandas()  # default RangeIndex: GX's indices are row positions
        with GX_LOCK:
            batch_definition, suite = suite_of(level, rules)
            result = batch_definition.get_batch(batch_parameters={"dataframe": frame}).validate(
                suite, result_format=RESULT_FORMAT)
        if results is not None:
            results.append(result)
        for name, index, positions in failures(result):
            rule = by_name[name]
            for row in facts[positions].iter_rows(named=True):
                rows[row["_doc"]].append({
                    "seq": row["seq"], "row_no": row["row_no"] if level == "row" else None, "rule": name,
                    "severity": rule.severity, "message": rule.checks[index].message(row),
                    "_order": rule.order * 100 + index})
    return [
        pl.DataFrame(doc_rows, schema={**DQ_ISSUES_SCHEMA, "_order": pl.Int32()})
        .sort("seq", "row_no", "_order", nulls_last=False, maintain_order=True)
        .drop("_order")
        for doc_rows in rows
    ]
