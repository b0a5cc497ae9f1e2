"""great-expectations in a process of its own, beside the run: imported while the first files are read.

Importing great_expectations takes 2.5-4 s (it pulls scipy, altair and
sqlalchemy) and holds the interpreter meanwhile; in the run's process that
was time nothing else ran. The checker is a process started (a new
interpreter, ``python -c``, talking over a socket pair: not a fork of a
process with the run's threads, and not multiprocessing's "spawn", which
would run again a user's script that lacks ``if __name__ == "__main__"``)
as soon as a run knows it has files to read: it imports GX and builds the suites on the other core
while the run reads, validates each batch it is sent while the run loads
the one before, and at the end writes the run's Data Docs from the
results it kept, while the run recomputes families and units. Requests
are answered in order, one answer each. The checker outlives a run: a
process that runs many ingests (the nightly server, the tests) imports GX
once, and each run begins by clearing the results of the one before.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, Any

from core.errors import sendable

if TYPE_CHECKING:  # importing this module stays cheap: the CLI starts the checker before its own imports
    import polars as pl

    from expectations.catalog import Catalog

    Documents = list[tuple[pl.DataFrame, pl.DataFrame]]  # (goal_tables, indicators) of each document
STOP_GRACE_S = 5.0  # for the checker to exit by itself once told to
SERVE = "import sys; from flows.checker import serve; serve(int(sys.argv[1]))"


class CheckerGone(RuntimeError):
    """The checking process ended without answering (killed, or out of memory)."""


def _warm() -> None:
    """Import GX and build both suites of the built-in rules before the first batch arrives."""
    from expectations.catalog import load_catalog
    from expectations.rules import rules_of
    from expectations.validate import LEVELS, suite_of

    rules = rules_of(load_catalog())
    for level in LEVELS:
        suite_of(level, rules)


def serve(fd: int) -> None:
    """The checker's body, on its end ``fd`` of the socket pair: warm up, then answer ("check", documents,
    catalog) and ("docs", run_id, folder) until None; ("begin",) forgets the results of the run before, unanswered."""
    conn = Connection(fd)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the run's to handle: it stops us
    try:
        _warm()
    except Exception:  # noqa: BLE001 - said again, plainly, at the first batch, which fails the same way
        pass
    try:
        _answer_requests(conn)
    except (EOFError, OSError):  # the run has gone (it stopped on an error, or was killed): nobody to answer
        pass


def _answer_requests(conn: Connection) -> None:
    import expectations
    from flows.review import write_run_docs

    results: list[Any] = []
    validations = 0
    while (request := conn.recv()) is not None:
        if request[0] == "begin":
            results, validations = [], 0
            continue
        try:
            if request[0] == "check":
                before = len(results)
                issues = expectations.validate_many(request[1], request[2], results=results)
                validations += len(results) - before
                conn.send(("ok", issues))
            else:
                _, run_id, folder = request
                conn.send(("ok", (write_run_docs(results, run_id, folder) if results else None, validations)))
        except Exception as exc:  # noqa: BLE001 - a broken rule fails its batch, not the checker
            conn.send(("error", sendable(exc, "In the checking process")))


@dataclass
class Checker:
    """The parent's handle on the checking process: send requests, take their answers in order."""

    process: Any = None
    conn: Connection | None = None
    waiting: int = 0  # requests sent and not answered yet
    lost: bool = field(default=False)  # a checker died this run: its results (the Data Docs' pages) are gone

    def start(self) -> None:
        ours, theirs = socket.socketpair()
        here = str(Path(__file__).resolve().parents[1])  # this checkout, wherever the run's sys.path found it
        env = os.environ | {"PYTHONPATH": os.pathsep.join(p for p in (here, os.environ.get("PYTHONPATH")) if p)}
        try:
            self.process = subprocess.Popen([sys.executable, "-c", SERVE, str(theirs.fileno())],
                                            pass_fds=(theirs.fileno(),), env=env, stdin=subprocess.DEVNULL)
        finally:
            theirs.close()
        self.conn = Connection(ours.detach())
        self.waiting = 0

    def _alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def send(self, request: tuple[Any, ...]) -> None:
        """Send one request, starting a checker first if there is none (or it died)."""
        if not self._alive():
            if self.process is not None:
                self.lost = True
                self.close()
            self.start()
            if request[0] != "begin":
                self.send(("begin",))
        assert self.conn is not None
        try:
            self.conn.send(request)
        except OSError:  # it died since: the answer will say so
            pass
        self.waiting += request[0] != "begin"

    def answer(self) -> Any:
        """The answer to the oldest request; the checker's error raised again, CheckerGone when it died."""
        assert self.conn is not None and self.waiting > 0
        self.waiting -= 1
        try:
            status, payload = self.conn.recv()
        except (EOFError, OSError) as exc:
            code = self.process.poll() if self.process is not None else None
            self.lost = True
            self.close()  # the next request starts a new checker
            raise CheckerGone(f"the checking process ended without an answer (exit status {code})") from exc
        if status == "error":
            raise payload
        return payload

    def answered(self) -> bool:
        """True when ``answer()`` would not wait: the oldest request's answer has come (or the checker has died)."""
        return self.waiting > 0 and self.conn is not None and self.conn.poll(0)

    def check(self, documents: Documents, catalog: Catalog) -> None:
        """Have ``documents`` validated with ``catalog``'s rules; ``answer()`` gives their dq_issues frames."""
        self.send(("check", documents, catalog))

    def write_docs(self, run_id: str, folder: str | Path) -> None:
        """Have the run's Data Docs written; ``answer()`` gives (index.html or None, validations made)."""
        self.send(("docs", run_id, str(folder)))

    def close(self) -> None:
        """Tell the checker to stop, then make sure it has; one still owing answers is stopped at once."""
        owed, self.waiting = self.waiting, 0
        if self.conn is not None:
            try:
                self.conn.send(None)
            except OSError:
                pass
            self.conn.close()
            self.conn = None
        if self.process is not None:
            if owed:
                self.process.terminate()
            try:
                self.process.wait(STOP_GRACE_S)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            self.process = None

    def forget(self) -> None:
        """In a forked child: the checker is the parent's; let go of our copy of its socket, tell it nothing."""
        if self.conn is not None:
            self.conn.close()
        self.conn, self.process = None, None


_SHARED = Checker()
os.register_at_fork(after_in_child=_SHARED.forget)


def start_checker() -> None:
    """Start the process's checker now, if it is not running, so that GX is ready sooner: the CLI calls this
    before importing the rest of the run (about a second it overlaps). A run with nothing to read leaves it to
    end with the process (it stops when its socket closes)."""
    if not _SHARED._alive():
        _SHARED.send(("begin",))


@contextmanager
def checking(start: bool = True) -> Iterator[Checker | None]:
    """The process's checker for one run, started when ``start`` (a run with files to read) if it is not running
    yet, and cleared of the run before's results. A run that ends with answers still owed stops it."""
    if not start:
        yield None
        return
    _SHARED.lost = False
    _SHARED.send(("begin",))
    try:
        yield _SHARED
    finally:
        if _SHARED.waiting:
            _SHARED.close()
