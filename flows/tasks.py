"""The Prefect flow ``ingest`` and its task, at module level so that Dask workers unpickle them by reference.

Imported only when a Prefect flow runs (it imports Prefect, which takes
seconds). The CLI's progress display is not a flow parameter (Prefect
records parameters on the server, and a display cannot be pickled for
Dask): ``use_reporter`` sets it for the flows this process runs.
"""

from __future__ import annotations

from collections.abc import Iterator

from prefect import flow, task
from prefect.cache_policies import NO_CACHE
from prefect.futures import as_completed
from prefect.runtime import flow_run

from extract.limits import Limits
from flows.documents import Job
from flows.process import Outcome, process_with_retries, settled
from flows.run import Reporter, RunInfo, run_ingest

_reporter: list[Reporter | None] = [None]


def use_reporter(report: Reporter | None) -> None:
    """Show the outcomes of the flows this process runs with ``report``."""
    _reporter[0] = report


def current_reporter() -> Reporter | None:
    # A function, not the list: pickling the flow (Dask does) takes functions by reference, data by value.
    return _reporter[0]


@task(name="process-document", cache_policy=NO_CACHE, task_run_name="{job.path}")
def process_document_task(job: Job) -> Outcome:
    """Read and normalize one file (``flows.process``), tried again while its failure is transient; never raises."""
    return process_with_retries(job)


def _prefect_mapper(jobs: list[Job]) -> Iterator[Outcome]:
    futures = [process_document_task.submit(job) for job in jobs]
    return settled(futures, jobs, as_completed(futures))


@flow(name="ingest", validate_parameters=False)
def ingest_flow(paths: list[str], db_path: str, year: int | None = None, limits: Limits | None = None,
                rules: str | None = None, docs: str | None = None, prune: bool = False) -> RunInfo:
    """Ingest goal-table documents: one task run per document, loading in the flow's own process."""
    return run_ingest(paths, db_path, year=year, mapper=_prefect_mapper, report=current_reporter(),
                      flow_run_id=str(flow_run.get_id()), limits=limits, rules=rules, docs=docs, prune=prune)
