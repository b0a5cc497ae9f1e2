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
from typing import Protocol

from flows.run import RunInfo, in_process, run_ingest
from flows.settings import IngestSettings, Reporter, Silent

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


def ingest(settings: IngestSettings, report: Reporter | None = None) -> RunInfo:
    """Run the ingest ``settings`` describe, shown to ``report``, in the execution mode they call for
    (``choose_mode``). Loading stays in this process, the one writer."""
    return choose_mode(settings).run(settings, report or Silent())


class Mode(Protocol):
    """How the files of a run are read: where, and whether as a Prefect flow."""

    def run(self, settings: IngestSettings, report: Reporter) -> RunInfo:
        """Run the ingest and say what it did."""


class InProcess:
    """One file after another in this process: no Prefect server configured, one worker."""

    def run(self, settings: IngestSettings, report: Reporter) -> RunInfo:
        return run_ingest(settings, in_process, report)


class LocalDask:
    """``workers`` processes of a local Dask cluster, mapped directly (``flows.local``): no Prefect server."""

    def run(self, settings: IngestSettings, report: Reporter) -> RunInfo:
        from flows.local import local_dask

        with local_dask(settings.workers) as mapper:
            return run_ingest(settings, mapper, report)


class PrefectFlow:
    """The Prefect flow ``ingest``, one task run per document: a server is configured, or Dask workers are
    named (which then need a server to report to, a temporary one when none is configured)."""

    def run(self, settings: IngestSettings, report: Reporter) -> RunInfo:
        os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")  # no telemetry errors when offline
        from flows.settings import reporting
        from flows.tasks import ingest_flow

        flow = ingest_flow.with_options(task_runner=task_runner(settings.workers, settings.dask_address))
        with _api_for_workers(), reporting(report):
            return flow(settings=settings)


def choose_mode(settings: IngestSettings) -> Mode:
    """The one place the execution mode is chosen: Prefect when a server is configured or Dask workers are
    named; else local processes for ``workers`` > 1; else this process."""
    if prefect_configured() or settings.dask_address is not None:
        return PrefectFlow()
    return LocalDask() if settings.workers > 1 else InProcess()


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


def task_runner(workers: int, dask_address: str | None = None) -> object:
    """Prefect's task runner for reading files: Dask (a scheduler's workers, or a local cluster of processes,
    since pdfplumber holds the GIL), else one thread."""
    if dask_address is None and workers <= 1:
        from prefect.task_runners import ThreadPoolTaskRunner

        return ThreadPoolTaskRunner(max_workers=1)
    import dask
    from prefect_dask import DaskTaskRunner

    from flows.local import LOCAL_CLUSTER, WORKER_CONFIG

    dask.config.set(WORKER_CONFIG)
    if dask_address is not None:
        return DaskTaskRunner(address=dask_address)
    return DaskTaskRunner(cluster_kwargs={"n_workers": workers, **LOCAL_CLUSTER})

