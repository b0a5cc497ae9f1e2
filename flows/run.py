"""The ingest run's body: plan, process each document, load each outcome, record the run.

The body is written once and driven two ways: in-process (no Prefect
server configured, so a one-file ingest does not wait for Prefect's
temporary server) or inside the Prefect flow of ``flows/ingest.py``, where
each document is a task run. Loading stays in this process: DuckDB has
one writer, and the documents are loaded a checked batch per transaction
(``flows.check``) as soon as the batch's checks are answered.
"""

from __future__ import annotations

import traceback
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from itertools import islice
from pathlib import Path

import warehouse
from core.status import Status
from expectations.catalog import load_catalog
from flows.check import checked
from flows.checker import Checker, checking, start_checker
from flows.documents import Job, disappeared, discover, make_plan
from flows.identity import refresh_identity
from flows.log import LOGGER, log_internal_error, run_log
from flows.process import Outcome, bug, process_with_retries
from flows.readers import close_readers
from flows.review import data_docs_folder
from flows.settings import IngestSettings, Reporter, Silent

Mapper = Callable[[list[Job]], Iterable[Outcome]]
AHEAD = 8  # documents processed ahead of the one being checked and loaded, in-process


@dataclass(frozen=True)
class RunInfo:
    """What a run did: counts by status and every document's outcome, failures first to read."""

    run_id: str
    db_path: str
    outcomes: tuple[Outcome, ...]
    counts: dict[str, int] = field(default_factory=dict)
    docs: str | None = None  # the run's Data Docs (index.html), when it loaded anything
    pruned: tuple[str, ...] = ()  # paths removed because their files are gone (--prune)
    docs_error: str | None = None  # why the Data Docs could not be written, when they could not
    validations: int = 0  # great-expectations validations the checks took (one per suite and batch)

    @property
    def failed(self) -> tuple[Outcome, ...]:
        return tuple(o for o in self.outcomes if o.status == Status.FAILED)


def in_process(jobs: list[Job]) -> Iterator[Outcome]:
    """Process jobs in order on one thread beside this one (transient failures tried again), up to AHEAD
    documents ahead: the next files are read (in a reader process) and parsed while this thread checks and
    loads the last ones. Each outcome as it is ready."""
    queue = iter(jobs)
    with ThreadPoolExecutor(1, thread_name_prefix="perfgoals-process") as ahead:
        futures: deque[Future[Outcome]] = deque(ahead.submit(process_with_retries, j) for j in islice(queue, AHEAD))
        try:
            while futures:
                outcome = futures.popleft().result()
                futures.extend(ahead.submit(process_with_retries, j) for j in islice(queue, 1))
                yield outcome
        finally:
            for future in futures:
                future.cancel()


def _tell(report: Reporter, outcome: Outcome) -> None:
    """Show ``outcome``; a display that breaks is logged, never the end of the run."""
    LOGGER.info("%s %s%s", outcome.status, outcome.job.path, f": {outcome.error}" if outcome.error else "")
    try:
        report(outcome)
    except Exception as exc:  # noqa: BLE001 - the documents matter more than their display
        log_internal_error(outcome.job.path, "".join(traceback.format_exception(exc)))


def _logged(outcome: Outcome, log: Path) -> Outcome:
    """``outcome`` with an internal error's traceback written to ``log``, and the message naming it."""
    if outcome.trace is None:
        return outcome
    log_internal_error(outcome.job.path, outcome.trace)
    return replace(outcome, trace=None, error=f"{outcome.error} 详细信息已记录在 {log}。 Details are in {log}.")


def _stored(outcome: Outcome) -> warehouse.Record:
    job = outcome.job
    return warehouse.Record(job.path, job.sha256, job.format, outcome.status, outcome.error, outcome.frames,
                            outcome.issues)


def _record(con: object, run_id: str, outcomes: list[Outcome], log: Path) -> list[Outcome]:
    """Load ``outcomes`` in one transaction; if the warehouse refuses it, each document in its own, and one whose
    rows are refused is recorded as failed instead.

    A write the disk refuses (full, read-only) is not the documents' fault and would fail for the next ones
    too: it is raised, and the run stops with nothing half-written.
    """
    try:
        warehouse.record_documents(con, run_id, [_stored(o) for o in outcomes])
        return outcomes
    except Exception as exc:  # one document's bad rows must not stop the run
        if warehouse.disk_problem(exc) is not None:
            raise
        if len(outcomes) > 1:
            return [alone for outcome in outcomes for alone in _record(con, run_id, [outcome], log)]
        [outcome] = outcomes
        failed = _logged(bug(outcome.job, exc, outcome.seconds), log)
        warehouse.record_documents(con, run_id, [_stored(failed)])
        return [failed]


def _data_docs(checker: Checker, folder: str | Path, log: Path) -> tuple[str | None, str | None, int]:
    """(the run's Data Docs index, None, validations made), or (None, why they could not be written, ...): they
    are a report on the run, so failing to write them never fails the run. ``checker.write_docs`` was sent
    before."""
    try:
        index, validations = checker.answer()
        return (str(index) if index is not None else None), None, validations
    except Exception as exc:  # noqa: BLE001 - a full disk or a GX failure; the data is loaded either way
        log_internal_error(str(folder), "".join(traceback.format_exception(exc)))
        said = warehouse.disk_problem(exc)
        zh, en = warehouse.disk_words(said) if said else ("内部错误", f"{type(exc).__name__}, details in {log}")
        return None, (f"未能写出本次运行的 Data Docs（{folder}：{zh}），数据已正常导入。"
                      f" The run's Data Docs could not be written to {folder} ({en}); the data is loaded."), 0


def run_ingest(settings: IngestSettings, mapper: Mapper = in_process, report: Reporter | None = None,
               flow_run_id: str | None = None) -> RunInfo:
    """Ingest every goal-table document under ``settings.paths`` into the DuckDB file ``settings.db_path``,
    each file processed by ``mapper`` and shown to ``report`` (``IngestSettings`` says what the rest means).

    Raises StorageError when the disk refuses to write the warehouse: the documents recorded until then stay,
    the rest are read on the next run.
    """
    start_checker()  # GX imports there while this process plans and reads
    paths, db_path, year, prune = settings.paths, settings.db_path, settings.year, settings.prune
    catalog = load_catalog(settings.rules)
    files = discover(paths)
    report = report or Silent()
    outcomes: list[Outcome] = []
    with run_log(db_path) as log, warehouse.storage_guard(db_path), warehouse.connect(db_path) as con:
        run_id = warehouse.start_run(con, flow_run_id=flow_run_id)
        known = warehouse.known_documents(con)
        gone = disappeared(paths, files, known) if prune else []
        warehouse.forget_documents(con, gone)
        plan = make_plan(files, warehouse.known_documents(con), warehouse.loaded_shas(con), year, settings.limits)
        report.expect(len(plan.jobs) + len(plan.unchanged) + len(plan.duplicates))
        for job in plan.unchanged:
            outcomes.append(Outcome(job, Status.UNCHANGED))
            _tell(report, outcomes[-1])
        by_path: dict[str, Outcome] = {}
        with checking(start=bool(plan.jobs)) as checker:
            try:
                for chunk in checked(mapper(list(plan.jobs)), catalog, checker=checker):
                    for outcome in _record(con, run_id, [_logged(o, log) for o in chunk], log):
                        by_path[outcome.job.path] = outcome
                        outcomes.append(outcome)
                        _tell(report, outcome)
            finally:
                close_readers()  # the next run's readers are forked from the process as it is then
            duplicates = [Outcome(job, Status.FAILED, error=by_path[owner].error)
                          if owner in by_path and by_path[owner].status == Status.FAILED
                          else Outcome(job, Status.DUPLICATE) for job, owner in plan.duplicates]
            for outcome in _record(con, run_id, duplicates, log):
                outcomes.append(outcome)
                _tell(report, outcome)
            folder = settings.docs or data_docs_folder(db_path)
            docs = checker is not None and any(o.status == Status.LOADED for o in outcomes)  # None: nothing read
            if docs:
                checker.write_docs(run_id, folder)  # written there while families and units are recomputed here
            if warehouse.derived_stale(con):  # rows changed, now or in a run that broke off before this step
                refresh_identity(con)
            index, docs_error, validations = (_data_docs(checker, folder, log) if docs
                                              else (None, None, 0))
        by_status = {str(s): Counter(o.status for o in outcomes).get(s, 0) for s in Status}
        warehouse.finish_run(con, run_id, by_status)
    return RunInfo(run_id, db_path, tuple(outcomes), by_status, index, tuple(gone), docs_error, validations)
