"""One document through extract → transform, as a value the run checks (``flows.check``) and records.

``process_document`` never raises: whatever goes wrong becomes a failed
``Outcome`` whose error is written for the person who sent the file, so
one bad document never stops a run.
"""

from __future__ import annotations

import time
import traceback
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import polars as pl

from core.errors import PerfgoalsError
from core.status import Status
from flows.bounded import read_bounded
from flows.documents import Job, sha256_of
from transform.layout import no_goal_table_reason, parse_goal_tables
from transform.normalize import normalize
from transform.records import Frames


@dataclass(frozen=True)
class Outcome:
    """What processing one document gave: a status, and frames and issues when it loaded."""

    job: Job
    status: str
    error: str | None = None
    frames: Frames | None = None
    issues: pl.DataFrame | None = None
    seconds: float = 0.0
    transient: bool = False
    trace: str | None = None  # the traceback of an error of perfgoals' own code, for the run's log
    note: str | None = None  # why a document has no goal table: what was read instead

    @property
    def n_tables(self) -> int:
        return self.frames.n_tables if self.frames is not None else 0


def bug(job: Job, exc: BaseException, seconds: float = 0.0) -> Outcome:
    """The failed outcome of an error in perfgoals' own code, not the file's: the message says so and names the
    error's kind; its traceback travels along for the run's log (the file's data never goes into the message)."""
    return Outcome(job, Status.FAILED, seconds=seconds, trace="".join(traceback.format_exception(exc)).rstrip(),
                   error=f"{Path(job.path).name}: perfgoals 内部错误，无法处理该文件，请联系维护人员。"
                         f" perfgoals hit an internal error on this file ({type(exc).__name__}); please report it.")


# Waits before the second and third attempt at a document whose failure may pass (a file still being copied,
# a locked file); a failure that is the file's own (damaged, encrypted, too large) is not retried.
RETRY_DELAYS_S: tuple[float, ...] = (5.0, 30.0)


def process_document(job: Job) -> Outcome:
    """Read and normalize ``job``'s file; a failure is returned, not raised (``transient`` when it may pass)."""
    started = time.perf_counter()
    try:
        # the bytes read are checked against the plan's sha256 before parsing: a file half-copied would read
        # as damaged, and would be said to be
        raw = read_bounded(job.path, job.limits, sha256=job.sha256)
        tables = parse_goal_tables(raw)
        if not tables:
            return Outcome(job, Status.NO_GOAL_TABLES, note=no_goal_table_reason(raw), seconds=time.perf_counter() - started)
        frames = normalize(tables, path=job.path, year=job.year)
    except PerfgoalsError as exc:
        return Outcome(job, Status.FAILED, error=str(exc), seconds=time.perf_counter() - started,
                       transient=exc.transient)
    except Exception as exc:  # a bug must not stop the run; say so plainly
        return bug(job, exc, time.perf_counter() - started)
    return Outcome(job, Status.LOADED, frames=frames, seconds=time.perf_counter() - started)


def settled(futures: Iterable[Any], jobs: Sequence[Job], completed: Iterable[Any]) -> Iterator[Outcome]:
    """The outcome of each future in ``completed`` (futures of ``process_with_retries`` on ``jobs``, in order); a
    future that raised instead (a worker lost, a crash outside ``process_document``) fails its own document."""
    job_of = {id(f): job for f, job in zip(futures, jobs, strict=True)}
    for future in completed:
        try:
            yield future.result()
        except Exception as exc:  # noqa: BLE001 - whatever a worker raised, the batch goes on
            yield bug(job_of[id(future)], exc)


def process_with_retries(job: Job, delays: tuple[float, ...] = RETRY_DELAYS_S) -> Outcome:
    """``process_document``, tried again after each of ``delays`` while its failure is transient.

    Each attempt reads the file as it is then (its sha256 taken again), so a
    file that has finished copying loads with its final bytes.
    """
    outcome = process_document(job)
    for delay in delays:
        if not outcome.transient:
            break
        time.sleep(delay)
        if Path(job.path).is_file():
            job = replace(job, sha256=sha256_of(Path(job.path)))
        outcome = process_document(job)
    return outcome
