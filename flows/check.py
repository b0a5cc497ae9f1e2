"""The reviewer's rules over a batch of processed documents: one great-expectations run for many documents.

Checking happens in the run's own process, between processing and
loading, in batches (``BATCH_DOCUMENTS``): a GX validation costs about
0.1 s whatever its size, so one per document would cost more than reading
the document.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from itertools import islice
from typing import Any

from core.status import Status
from expectations.catalog import Catalog
from flows.process import Outcome, bug

BATCH_DOCUMENTS = 16  # documents checked together (0.2 s of GX each time); progress shows a batch at a time


def check_outcomes(outcomes: list[Outcome], catalog: Catalog, results: list[Any] | None = None) -> list[Outcome]:
    """``outcomes`` with the issues of each loaded one; if the checks break, those documents fail, plainly.
    GX's suite results are appended to ``results`` when given (the run's Data Docs)."""
    loaded = [o for o in outcomes if o.status == Status.LOADED and o.frames is not None]
    if not loaded:
        return outcomes
    from expectations import validate_many  # imports great_expectations on first use

    try:
        issues = validate_many([(o.frames.goal_tables, o.frames.indicators) for o in loaded], catalog,
                               results=results)
    except Exception as exc:  # a bug in a rule must not stop the run
        failed = {id(o): bug(o.job, exc, o.seconds) for o in loaded}
        return [failed.get(id(o), o) for o in outcomes]
    checked = {id(o): replace(o, issues=i) for o, i in zip(loaded, issues, strict=True)}
    return [checked.get(id(o), o) for o in outcomes]


def checked(outcomes: Iterable[Outcome], catalog: Catalog, batch: int = BATCH_DOCUMENTS,
            results: list[Any] | None = None) -> Iterator[Outcome]:
    """Outcomes as they arrive, checked in batches of up to ``batch`` documents (GX results into ``results``)."""
    it = iter(outcomes)
    while chunk := list(islice(it, batch)):
        yield from check_outcomes(chunk, catalog, results)
