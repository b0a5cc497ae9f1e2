"""The ingest run's body: plan, process each document, load each outcome, record the run.

The body is written once and driven two ways: in-process (no Prefect
server configured, so a one-file ingest does not wait for Prefect's
temporary server) or inside the Prefect flow of ``flows/ingest.py``, where
each document is a task run. Loading stays in this process: DuckDB has
one writer, and each document is loaded in its own transaction as soon as
its outcome arrives.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import warehouse
from expectations.catalog import load_catalog
from extract.limits import Limits
from flows.check import checked
from flows.documents import Job, disappeared, discover, make_plan
from flows.identity import refresh_identity
from flows.review import data_docs_folder, write_run_docs
from flows.process import Outcome, internal_error

Mapper = Callable[[list[Job]], Iterable[Outcome]]
Reporter = Callable[[Outcome], None]
STATUSES = ("loaded", "unchanged", "duplicate", "no_goal_tables", "failed")


@dataclass(frozen=True)
class RunInfo:
    """What a run did: counts by status and every document's outcome, failures first to read."""

    run_id: str
    db_path: str
    outcomes: tuple[Outcome, ...]
    counts: dict[str, int] = field(default_factory=dict)
    docs: str | None = None  # the run's Data Docs (index.html), when it loaded anything
    pruned: tuple[str, ...] = ()  # paths removed because their files are gone (--prune)

    @property
    def failed(self) -> tuple[Outcome, ...]:
        return tuple(o for o in self.outcomes if o.status == "failed")


def in_process(jobs: list[Job]) -> Iterator[Outcome]:
    """Process jobs one after another in this process (transient failures tried again), each outcome as it is ready."""
    from flows.process import process_with_retries

    return (process_with_retries(j) for j in jobs)


def _record(con: object, run_id: str, outcome: Outcome) -> Outcome:
    """Load ``outcome``; if the warehouse refuses its rows, record the document as failed instead."""
    job = outcome.job
    fields = dict(run_id=run_id, path=job.path, sha256=job.sha256, format=job.format)
    try:
        warehouse.record_document(con, **fields, status=outcome.status, error=outcome.error,
                                  frames=outcome.frames, issues=outcome.issues)
        return outcome
    except Exception as exc:  # one document's bad rows must not stop the run
        failed = Outcome(job, "failed", error=internal_error(job, exc), seconds=outcome.seconds)
        warehouse.record_document(con, **fields, status="failed", error=failed.error)
        return failed


def run_ingest(paths: list[str], db_path: str | Path, *, year: int | None = None,
               mapper: Mapper = in_process, report: Reporter | None = None,
               flow_run_id: str | None = None, limits: Limits | None = None, rules: str | None = None,
               docs: str | None = None, prune: bool = False) -> RunInfo:
    """Ingest every goal-table document under ``paths`` into the DuckDB file ``db_path``, reading each file
    within ``limits`` (default: ``Limits.from_env()``), checking it with the rules file ``rules`` (default:
    built in, or ``$PERFGOALS_RULES``) and writing the run's Data Docs into ``docs`` (default: beside the
    database). With ``prune``, documents under the folders in ``paths`` whose files are gone are removed."""
    limits = limits if limits is not None else Limits.from_env()
    catalog = load_catalog(rules)
    files = discover(paths)
    report = report or (lambda _o: None)
    outcomes: list[Outcome] = []
    with warehouse.connect(db_path) as con:
        run_id = warehouse.start_run(con, flow_run_id=flow_run_id)
        known = warehouse.known_documents(con)
        gone = disappeared(paths, files, known) if prune else []
        warehouse.forget_documents(con, gone)
        plan = make_plan(files, warehouse.known_documents(con), warehouse.loaded_shas(con), year, limits)
        if hasattr(report, "expect"):  # a progress display that can show a bar
            report.expect(len(plan.jobs) + len(plan.unchanged) + len(plan.duplicates))
        for job in plan.unchanged:
            outcomes.append(Outcome(job, "unchanged"))
            report(outcomes[-1])
        by_path: dict[str, Outcome] = {}
        for processed in checked(mapper(list(plan.jobs)), catalog):
            outcome = _record(con, run_id, processed)
            by_path[outcome.job.path] = outcome
            outcomes.append(outcome)
            report(outcome)
        for job, owner in plan.duplicates:
            original = by_path.get(owner)
            outcome = (Outcome(job, "failed", error=original.error) if original and original.status == "failed"
                       else Outcome(job, "duplicate"))
            outcomes.append(_record(con, run_id, outcome))
            report(outcomes[-1])
        if gone or any(o.status != "unchanged" for o in outcomes):  # a no-change refresh stays cheap
            refresh_identity(con)
        counts = dict(Counter(o.status for o in outcomes))
        folder = docs or data_docs_folder(db_path)
        index = write_run_docs(con, run_id, folder, catalog) if counts.get("loaded") else None
        warehouse.finish_run(con, run_id, {s: counts.get(s, 0) for s in STATUSES})
    return RunInfo(run_id, str(db_path), tuple(outcomes), {s: counts.get(s, 0) for s in STATUSES},
                   str(index) if index else None, tuple(gone))
