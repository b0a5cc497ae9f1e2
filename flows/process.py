"""One document through extract → transform, as a value the run checks (``flows.check``) and records.

``process_document`` never raises: whatever goes wrong becomes a failed
``Outcome`` whose error is written for the person who sent the file, so
one bad document never stops a run.
"""

from __future__ import annotations

import time
import traceback
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from flows.bounded import read_bounded
from flows.documents import Job
from perfgoals.errors import PerfgoalsError
from transform.layout import parse_goal_tables
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

    @property
    def n_tables(self) -> int:
        return self.frames.n_tables if self.frames is not None else 0


def internal_error(job: Job, exc: BaseException) -> str:
    """The message for a failure that is perfgoals' fault, not the file's: say so, and what went wrong."""
    detail = traceback.format_exception_only(type(exc), exc)[-1].strip()
    return (f"{Path(job.path).name}: perfgoals 内部错误，无法处理该文件，请联系维护人员。"
            f" perfgoals hit an internal error on this file; please report it. ({detail})")


def process_document(job: Job) -> Outcome:
    """Read and normalize ``job``'s file; a failure is returned, not raised."""
    started = time.perf_counter()
    try:
        raw = read_bounded(job.path, job.limits)
        tables = parse_goal_tables(raw)
        if not tables:
            return Outcome(job, "no_goal_tables", seconds=time.perf_counter() - started)
        frames = normalize(tables, path=job.path, year=job.year)
    except PerfgoalsError as exc:
        return Outcome(job, "failed", error=str(exc), seconds=time.perf_counter() - started,
                       transient=exc.transient)
    except Exception as exc:  # a bug must not stop the run; say so plainly
        return Outcome(job, "failed", error=internal_error(job, exc), seconds=time.perf_counter() - started)
    return Outcome(job, "loaded", frames=frames, seconds=time.perf_counter() - started)
