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
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from extract.limits import Limits
from flows.run import Reporter, RunInfo, in_process, run_ingest


PREFECT_CHECK_S = 3.0  # how long a configured Prefect server may take to answer before the run goes on without it


def prefect_api_url() -> str | None:
    """The Prefect server configured: ``PREFECT_API_URL`` in the environment (empty: none) or the active profile.

    Read without importing Prefect, which alone takes seconds.
    """
    if "PREFECT_API_URL" in os.environ:
        return os.environ["PREFECT_API_URL"] or None
    home = Path(os.environ.get("PREFECT_HOME", Path.home() / ".prefect"))
    try:
        profiles = tomllib.loads((home / "profiles.toml").read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return None
    active = os.environ.get("PREFECT_PROFILE") or profiles.get("active", "ephemeral")
    return profiles.get("profiles", {}).get(active, {}).get("PREFECT_API_URL") or None


def prefect_configured() -> bool:
    """True when a Prefect server is configured (``prefect_api_url``)."""
    return prefect_api_url() is not None


def unreachable_prefect(timeout_s: float = PREFECT_CHECK_S) -> str | None:
    """The configured Prefect API URL when its ``/health`` does not answer within ``timeout_s``; else None."""
    url = prefect_api_url()
    if url is None:
        return None
    try:
        with urllib.request.urlopen(url.rstrip("/") + "/health", timeout=timeout_s):  # noqa: S310 - the user's URL
            return None
    except (OSError, ValueError):  # refused, timed out, no such host, not an http URL, an error status
        return url


def without_prefect() -> None:
    """Run this process's ingests without a Prefect server, whatever the profile says."""
    os.environ["PREFECT_API_URL"] = ""


def ingest(paths: list[str], db_path: str | Path, *, year: int | None = None,
           report: Reporter | None = None, workers: int | None = None, limits: Limits | None = None,
           rules: str | None = None, docs: str | None = None, dask_address: str | None = None,
           prune: bool = False) -> RunInfo:
    """Run an ingest: as the Prefect flow when a server is configured or ``dask_address`` is given, else here.

    Each file is read within ``limits`` (default: ``Limits.from_env()``) and checked with the rules file
    ``rules`` (default: built in, or ``$PERFGOALS_RULES``); Data Docs go to ``docs`` (default: beside the
    database). ``workers`` > 1 reads files in that many processes of a local Dask cluster (directly when no
    Prefect server is configured, ``flows.local``); ``dask_address`` (``tcp://host:8786``) reads them on the
    workers of a running Dask scheduler, on any machines. Loading stays in this process, the one writer.
    ``prune`` removes documents whose files are gone.
    """
    if not prefect_configured() and dask_address is None:
        if (workers or 1) <= 1:
            return run_ingest(paths, db_path, year=year, mapper=in_process, report=report, limits=limits,
                              rules=rules, docs=docs, prune=prune)
        from flows.local import local_dask

        with local_dask(workers or 1) as mapper:
            return run_ingest(paths, db_path, year=year, mapper=mapper, report=report, limits=limits,
                              rules=rules, docs=docs, prune=prune)
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")  # no telemetry errors when offline
    flow = make_flow(report).with_options(task_runner=task_runner(workers, dask_address))
    with _api_for_workers():
        return flow(paths=[str(p) for p in paths], db_path=str(db_path), year=year, limits=limits, rules=rules,
                    docs=docs, prune=prune)


@contextmanager
def _api_for_workers() -> Iterator[None]:
    """With no Prefect server configured, one temporary server for this run, its URL in the environment.

    Without it Prefect starts a temporary server in every process that runs
    a task, each local Dask worker included (about 16 s each).
    """
    if prefect_configured():
        yield
        return
    from prefect.server.api.server import SubprocessASGIServer

    server = SubprocessASGIServer()
    server.start()
    os.environ["PREFECT_API_URL"] = server.api_url
    try:
        yield
    finally:
        from prefect.logging.handlers import APILogWorker

        APILogWorker.drain_all(timeout=5)  # the run's last log lines, while the server is still there to take them
        os.environ.pop("PREFECT_API_URL", None)
        server.stop()


def task_runner(workers: int | None, dask_address: str | None = None) -> object:
    """Prefect's task runner for reading files: Dask (a scheduler's workers, or a local cluster of processes,
    since pdfplumber holds the GIL), else one thread."""
    if dask_address is None and (workers or 1) <= 1:
        from prefect.task_runners import ThreadPoolTaskRunner

        return ThreadPoolTaskRunner(max_workers=1)
    import dask
    from prefect_dask import DaskTaskRunner

    from flows.local import LOCAL_CLUSTER, WORKER_CONFIG

    dask.config.set(WORKER_CONFIG)
    if dask_address is not None:
        return DaskTaskRunner(address=dask_address)
    return DaskTaskRunner(cluster_kwargs={"n_workers": workers, **LOCAL_CLUSTER})


def make_flow(report: Reporter | None = None):  # noqa: ANN201 - the decorated flow's type is Prefect's
    """The Prefect flow ``ingest`` (``flows.tasks``), imported on first use so that `perfgoals sql` never imports
    Prefect; ``report`` (the CLI's progress display) shows its outcomes."""
    from flows.tasks import ingest_flow, use_reporter

    use_reporter(report)
    return ingest_flow
