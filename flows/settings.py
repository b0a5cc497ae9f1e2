"""What an ingest run is told, built once (by the CLI or by `serve`) and passed whole; and how it reports.

``IngestSettings`` crosses every boundary of a run: the CLI builds it, the
execution mode (``flows.ingest``) picks how to run it, the Prefect flow
takes it as its one parameter, ``run_ingest`` reads it. ``Reporter`` is the
one shape of a progress display.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from extract.limits import Limits

if TYPE_CHECKING:
    from flows.process import Outcome


@dataclass(frozen=True)
class IngestSettings:
    """An ingest run: the files under ``paths`` into the DuckDB file ``db_path``.

    ``year`` is the fiscal year of tables that state none; each file is read within ``limits`` (default:
    ``Limits.from_env()``) and checked with the rules file ``rules`` (default: built in, or
    ``$PERFGOALS_RULES``); Data Docs go to ``docs`` (default: beside the database). ``prune`` removes
    documents whose files are gone. ``workers`` > 1 reads files in that many local processes;
    ``dask_address`` (``tcp://host:8786``) on the workers of a running Dask scheduler.
    """

    paths: tuple[str, ...]
    db_path: str
    year: int | None = None
    limits: Limits = field(default_factory=Limits.from_env)
    rules: str | None = None
    docs: str | None = None
    prune: bool = False
    workers: int = 1
    dask_address: str | None = None

    def __post_init__(self) -> None:
        # Paths arrive as lists, Paths or strings; stored as strings so that the settings pickle for Dask and
        # serialize as a Prefect flow parameter.
        paths = (self.paths,) if isinstance(self.paths, str | Path) else self.paths
        object.__setattr__(self, "paths", tuple(str(p) for p in paths))
        object.__setattr__(self, "db_path", str(self.db_path))
        for name in ("rules", "docs"):
            if getattr(self, name) is not None:
                object.__setattr__(self, name, str(getattr(self, name)))
        object.__setattr__(self, "workers", self.workers or 1)

    @classmethod
    def coerce(cls, value: IngestSettings | Mapping[str, Any]) -> IngestSettings:
        """``value`` as settings: a deployment's schedule hands the flow its parameter back as JSON (a dict)."""
        if isinstance(value, cls):
            return value
        given = dict(value)
        if isinstance(given.get("limits"), Mapping):
            given["limits"] = Limits(**given["limits"])
        return cls(**{f.name: given[f.name] for f in dataclasses.fields(cls) if f.name in given})

    def absolute(self) -> IngestSettings:
        """The same settings with absolute paths, for a run started later from another directory (a schedule)."""
        return dataclasses.replace(self, paths=tuple(_absolute(p) for p in self.paths),
                                   db_path=_absolute(self.db_path))


def _absolute(path: str) -> str:
    return str(Path(path).expanduser().absolute())


class Reporter(Protocol):
    """A progress display: told how many documents to expect, then each outcome as it is ready."""

    def expect(self, total: int) -> None:
        """The number of documents the run will report."""

    def __call__(self, outcome: Outcome) -> None:
        """One document is done."""


class Silent:
    """The reporter that shows nothing (a library call, a scheduled run)."""

    def expect(self, total: int) -> None:
        pass

    def __call__(self, outcome: Outcome) -> None:
        pass


_REPORTER: ContextVar[Reporter | None] = ContextVar("perfgoals_reporter", default=None)


@contextmanager
def reporting(report: Reporter) -> Iterator[None]:
    """Show the outcomes of the Prefect flow runs started inside this block with ``report``: a display is no
    flow parameter (Prefect records parameters on its server, and Dask cannot pickle a display)."""
    token = _REPORTER.set(report)
    try:
        yield
    finally:
        _REPORTER.reset(token)


def current_reporter() -> Reporter | None:
    """The reporter ``reporting`` set. A function, not the variable: Dask pickles the flow's module by value,
    which takes functions of other modules by reference and a ContextVar not at all."""
    return _REPORTER.get()
