"""The reviewer's rules over batches of processed documents: one great-expectations run for many documents.

Checking happens between processing and loading, in batches: a GX
validation costs about 0.2 s whatever its size (0.25 s for 10,000 rows),
so one per document would cost more than reading the document. A batch
closes at ``BATCH_DOCUMENTS`` documents or ``BATCH_ROWS`` indicator rows;
the first holds one document, so that the first outcome shows as soon as
GX is ready. With a checking process (``flows.checker``) batch k is
validated there while this process gathers batch k+1: its outcomes come
out as soon as the checker has answered (looked for after each document
that arrives), so that they are loaded while the next batch gathers, or
at the latest when batch k+1 is complete.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from typing import Any

import polars as pl

from core.status import Status
from expectations.catalog import Catalog
from flows.checker import Checker
from flows.process import Outcome, bug

BATCH_DOCUMENTS = 64  # documents checked together at most: 500 documents take 9 batches, 18 validations
BATCH_ROWS = 8_000  # indicator rows checked together at most (a validation grows slowly past this)
FIRST_BATCH = 1  # the first batch: one document, so that progress shows as soon as GX is ready


def _loaded(outcomes: list[Outcome]) -> list[Outcome]:
    return [o for o in outcomes if o.status == Status.LOADED and o.frames is not None]


def _with_issues(outcomes: list[Outcome], issues: list[pl.DataFrame] | BaseException) -> list[Outcome]:
    """``outcomes`` with each loaded one's issues, or, when the checks broke (``issues`` the error), those failed."""
    loaded = _loaded(outcomes)
    if isinstance(issues, BaseException):  # a bug in a rule, or the checker lost, must not stop the run
        done = {id(o): bug(o.job, issues, o.seconds) for o in loaded}
    else:
        done = {id(o): replace(o, issues=i) for o, i in zip(loaded, issues, strict=True)}
    return [done.get(id(o), o) for o in outcomes]


def check_outcomes(outcomes: list[Outcome], catalog: Catalog, results: list[Any] | None = None) -> list[Outcome]:
    """``outcomes`` with the issues of each loaded one, checked in this process; if the checks break, those
    documents fail, plainly. GX's suite results are appended to ``results`` when given (the run's Data Docs)."""
    loaded = _loaded(outcomes)
    if not loaded:
        return outcomes
    import expectations  # validate_many imports great_expectations on first use

    try:
        issues: list[pl.DataFrame] | BaseException = expectations.validate_many(
            [(o.frames.goal_tables, o.frames.indicators) for o in loaded], catalog, results=results)
    except Exception as exc:  # noqa: BLE001
        issues = exc
    return _with_issues(outcomes, issues)


def batches(outcomes: Iterable[Outcome], batch: int = BATCH_DOCUMENTS, rows: int = BATCH_ROWS,
            first: int = FIRST_BATCH, ready: Callable[[], bool] | None = None) -> Iterator[list[Outcome] | None]:
    """``outcomes`` in batches of up to ``batch`` documents and ``rows`` indicator rows, the first of ``first``;
    with ``ready``, also None after an outcome that does not close a batch whenever ``ready()`` holds."""
    chunk: list[Outcome] = []
    n_rows = 0
    limit = min(first, batch)
    for outcome in outcomes:
        chunk.append(outcome)
        n_rows += outcome.frames.indicators.height if outcome.frames is not None else 0
        if len(chunk) >= limit or n_rows >= rows:
            yield chunk
            chunk, n_rows, limit = [], 0, batch
        elif ready is not None and ready():
            yield None
    if chunk:
        yield chunk


def _answered(checker: Checker, chunk: list[Outcome]) -> list[Outcome]:
    """``chunk`` with the checker's answer for it (the oldest request it has not answered)."""
    try:
        issues: list[pl.DataFrame] | BaseException = checker.answer()
    except Exception as exc:  # noqa: BLE001
        issues = exc
    return _with_issues(chunk, issues)


def checked(outcomes: Iterable[Outcome], catalog: Catalog, batch: int = BATCH_DOCUMENTS,
            results: list[Any] | None = None, checker: Checker | None = None) -> Iterator[list[Outcome]]:
    """Outcomes as they arrive, in the batches they were checked in (``batches``): by ``checker`` one batch ahead
    when given, else here, GX's results into ``results``. The run loads each batch in one transaction."""
    if checker is None:
        for chunk in batches(outcomes, batch):
            yield check_outcomes(chunk, catalog, results)
        return
    pending: list[Outcome] | None = None  # the batch the checker is validating
    for chunk in batches(outcomes, batch, ready=lambda: pending is not None and checker.answered()):
        if chunk is None:  # the batch in the checker is answered: out it goes while the next one gathers
            yield _answered(checker, pending)
            pending = None
            continue
        if pending is not None:
            done = _answered(checker, pending)
        loaded = _loaded(chunk)
        if loaded:
            checker.check([(o.frames.goal_tables, o.frames.indicators) for o in loaded], catalog)
        if pending is not None:
            yield done
        if loaded:
            pending = chunk
        else:
            pending = None
            yield chunk
    if pending is not None:
        yield _answered(checker, pending)
