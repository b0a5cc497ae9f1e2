"""The Prefect flow ``ingest`` and its task, at module level so that Dask workers unpickle them by reference.

Imported only when a Prefect flow runs (it imports Prefect, which takes
seconds). The flow's one parameter is the run's ``IngestSettings``. The
CLI's progress display is not a parameter (Prefect records parameters on
the server, and a display cannot be pickled for Dask):
``flows.settings.reporting`` sets it for the flow runs inside its block.
"""

from __future__ import annotations

from collections.abc import Iterator

from prefect import flow, task
from prefect.cache_policies import NO_CACHE
from prefect.futures import as_completed
from prefect.runtime import flow_run

from flows.documents import Job
from flows.process import Outcome, process_with_retries, settled
from flows.run import RunInfo, run_ingest
from flows.settings import IngestSettings, current_reporter


@task(name="process-document", cache_policy=NO_CACHE, task_run_name="{job.path}")
def process_document_task(job: Job) -> Outcome:
    """Read and normalize one file (``flows.process``), tried again while its failure is transient; never raises."""
    return process_with_retries(job)


def _prefect_mapper(jobs: list[Job]) -> Iterator[Outcome]:
    futures = [process_document_task.submit(job) for job in jobs]
    return settled(futures, jobs, as_completed(futures))


@flow(name="ingest", validate_parameters=False)
def ingest_flow(settings: IngestSettings) -> RunInfo:
    """Ingest goal-table documents: one task run per document, loading in the flow's own process."""
    return run_ingest(IngestSettings.coerce(settings), _prefect_mapper, current_reporter(),
                      flow_run_id=str(flow_run.get_id()))
