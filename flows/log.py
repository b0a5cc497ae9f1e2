"""The run's log beside the warehouse: the traceback of every error of perfgoals' own code, for a maintainer.

The officer's message says "internal error" and names this file; what went
wrong in the code is here, never in the message. The libraries' own
warnings go here too instead of onto the terminal (great-expectations
prints whole tracebacks when Data Docs cannot be written), except what the
PDF parsers say about a file's fonts and objects, which is the file's
business and is reported in its message. The file is created only when
there is something to write, and a log that cannot be written (a full
disk) never stops or clutters a run.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

LOGGER = logging.getLogger("perfgoals")
FORMAT = "%(asctime)s %(levelname)s %(name)s %(message)s"
FILE_CHATTER = ("pdfminer", "pdfplumber")  # loggers whose warnings describe the file (thousands per PDF at times)


def _worth_keeping(record: logging.LogRecord) -> bool:
    return record.levelno >= logging.ERROR or not record.name.startswith(FILE_CHATTER)


class _QuietFileHandler(logging.FileHandler):
    """A file handler that drops a record it cannot write instead of printing logging's own traceback."""

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 - logging's name
        pass


def log_path(db_path: str | Path) -> Path:
    """Where a warehouse's log goes: beside it, ``warehouse.duckdb`` → ``warehouse.log``."""
    db = Path(db_path).expanduser().absolute()
    return db.with_name(f"{db.stem}.log")


@contextmanager
def run_log(db_path: str | Path) -> Iterator[Path]:
    """Send warnings and errors to the warehouse's log while the run lasts; yields the log's path."""
    path = log_path(db_path)
    handler = _QuietFileHandler(path, encoding="utf-8", delay=True)
    handler.setFormatter(logging.Formatter(FORMAT))
    handler.setLevel(logging.WARNING)
    handler.addFilter(_worth_keeping)
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield path
    finally:
        root.removeHandler(handler)
        handler.close()


def log_internal_error(document: str, trace: str) -> None:
    """Write the traceback of an internal error met on ``document``."""
    LOGGER.error("error on %s\n%s", document, trace)


def log_to_stderr() -> Callable[[], None]:
    """Also show the log on stderr (`perfgoals --verbose`): each document's outcome and every internal error's
    traceback as it happens, the libraries' warnings too (the PDF parsers' remarks on fonts excepted).
    Returns the function that stops it."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter(FORMAT))
    handler.addFilter(_worth_keeping)
    root, level = logging.getLogger(), LOGGER.level
    root.addHandler(handler)
    LOGGER.setLevel(logging.INFO)

    def stop() -> None:
        root.removeHandler(handler)
        LOGGER.setLevel(level)

    return stop
