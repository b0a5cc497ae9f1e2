"""The Prefect flow ``ingest``: one task run per document, loading in the flow's own process.

``ingest()`` is what the CLI calls. With ``PREFECT_API_URL`` set it runs
the Prefect flow, which reports to that server; without it, it runs the
same body in-process, because Prefect would otherwise start a temporary
server first (about 16 s here, longer on a fresh machine) for a run nobody
can watch.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Iterator
from pathlib import Path

from extract.limits import Limits
from flows.documents import Job
from flows.process import Outcome
from flows.run import Reporter, RunInfo, in_process, run_ingest


def prefect_configured() -> bool:
    """True when a Prefect server is configured: ``PREFECT_API_URL`` in the environment or the active profile.

    Read without importing Prefect, which alone takes seconds.
    """
    if "PREFECT_API_URL" in os.environ:
        return bool(os.environ["PREFECT_API_URL"])
    home = Path(os.environ.get("PREFECT_HOME", Path.home() / ".prefect"))
    try:
        profiles = tomllib.loads((home / "profiles.toml").read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return False
    active = os.environ.get("PREFECT_PROFILE") or profiles.get("active", "ephemeral")
    return bool(profiles.get("profiles", {}).get(active, {}).get("PREFECT_API_URL"))


def ingest(paths: list[str], db_path: str | Path, *, year: int | None = None,
           report: Reporter | None = None, workers: int | None = None, limits: Limits | None = None,
           rules: str | None = None, docs: str | None = None) -> RunInfo:
    """Run an ingest, as a Prefect flow when a server is configured, in-process otherwise; each file is read
    within ``limits`` (default: ``Limits.from_env()``) and checked with the rules file ``rules`` (default: the
    built-in rules, or ``$PERFGOALS_RULES``); Data Docs go to ``docs`` (default: beside the database)."""
    if not prefect_configured():
        return run_ingest(paths, db_path, year=year, mapper=in_process, report=report, limits=limits,
                          rules=rules, docs=docs)
    flow = make_flow(report).with_options(task_runner=_task_runner(workers))
    return flow(paths=[str(p) for p in paths], db_path=str(db_path), year=year, limits=limits, rules=rules,
                docs=docs)


def _task_runner(workers: int | None) -> object:
    from prefect.task_runners import ThreadPoolTaskRunner

    return ThreadPoolTaskRunner(max_workers=workers or 1)


def make_flow(report: Reporter | None = None):  # noqa: ANN201 - the decorated flow's type is Prefect's
    """The Prefect flow ``ingest``, built on first use so that `perfgoals sql` never imports Prefect.

    ``report`` (the CLI's progress display) is closed over rather than passed
    as a parameter, since Prefect records parameters on the server.
    """
    from prefect import flow, task
    from prefect.cache_policies import NO_CACHE
    from prefect.futures import as_completed
    from prefect.runtime import flow_run

    from flows.process import process_document

    process_task = task(process_document, name="process-document", cache_policy=NO_CACHE,
                        task_run_name="{job.path}")

    def prefect_mapper(jobs: list[Job]) -> Iterator[Outcome]:
        futures = [process_task.submit(job) for job in jobs]
        return (f.result() for f in as_completed(futures))

    @flow(name="ingest", validate_parameters=False)
    def ingest_flow(paths: list[str], db_path: str, year: int | None = None, limits: Limits | None = None,
                    rules: str | None = None, docs: str | None = None) -> RunInfo:
        return run_ingest(paths, db_path, year=year, mapper=prefect_mapper, report=report,
                          flow_run_id=str(flow_run.get_id()), limits=limits, rules=rules, docs=docs)

    return ingest_flow
