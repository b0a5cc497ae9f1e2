"""Long-lived reader processes: each reads one untrusted file at a time, under that file's memory and time limits.

A fork per file costs a fork of the whole parent (23-30 ms once polars,
DuckDB and Prefect are loaded, then the copy-on-write of the pages it
touches). A reader is forked once (multiprocessing's "fork" context, the
readers' modules imported before: ``_preload``) and reads file after
file. Before each file it sets its address-space limit to what it has
mapped then plus the file's budget (``flows.budget``); the parent waits
at most the file's ``timeout_s`` for the answer, then kills the reader and
everything it started (its own process group). A reader is replaced by a
fresh fork at the next read when it was killed, died, ran out of memory,
or grew by more than ``RECYCLE_GROWTH_MB``: what a breached limit costs
now is one fork, besides the time the file itself took.

Readers are forked by one thread kept for the process's life, because
Linux ties ``PR_SET_PDEATHSIG`` (the kernel killing a reader whose parent
died) to the *thread* that forked: a reader forked by a task thread would
die when its thread pool shut down. ``close_readers`` ends the idle ones
(a run ends with it, so the next run's readers see its state).
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import extract
from core.errors import PerfgoalsError, sendable
from extract.limits import MB, Limits
from extract.records import RawDocument
from flows.budget import Budget, limit_memory, out_of_memory_inside, status_bytes

Target = Callable[[Path, Limits], RawDocument]
OUT_OF_MEMORY = ("memory", None)  # the answer when reading ran out of memory (a constant: no allocation)
STALE = ("stale", None)  # a reader whose peak so far would hide this file's: replace it, ask again
TERM_GRACE_S = 2.0  # after SIGTERM, time for a reader to stop what it started (LibreOffice) before SIGKILL
RECYCLE_GROWTH_MB = 512  # a reader whose peak grew this much over its start is replaced (fragmented heap)
RECYCLE_AFTER_READS = 500  # ... and any reader after this many files, so that no slow leak lasts
MAX_IDLE_READERS = 4  # idle readers kept per process (one per thread that reads, and per test target)


class _Terminated(BaseException):
    """Raised in a reader by SIGTERM, so that ``finally`` blocks (killing LibreOffice) run."""


def _on_sigterm(_signum: int, _frame: object) -> None:
    raise _Terminated


def _preload() -> None:
    """Import the readers in the parent, once, so that no reader imports them again."""
    import pypdfium2  # noqa: F401 - its 10 MB library mapped once, here, not in each reader under its memory limit

    import extract.docx  # noqa: F401
    import extract.legacy  # noqa: F401
    import extract.pdf  # noqa: F401
    import extract.xlsx  # noqa: F401 - openpyxl too: without it each Excel file's reader imported it again


@dataclass(frozen=True)
class Answer:
    """How one read went: ``status`` ok / error / bug / memory (the reader's word), timeout, or died (``exitcode``
    then, negative for a signal); ``payload`` the RawDocument or the exception."""

    status: str
    payload: Any = None
    exitcode: int | None = None


def _answer(target: Target | None, path: Path, limits: Limits, sha256: str | None,
            budget: Budget | None) -> tuple[str, Any]:
    """Read ``path`` and say how it went, as a message the parent can unpickle; ``budget`` is the memory limit the
    reader set itself (None: no limit, so no error is read as the limit's)."""
    try:
        if target is None:
            return "ok", extract.read_document(path, limits, sha256=sha256)
        return "ok", target(path, limits)
    except Exception as exc:
        if out_of_memory_inside(exc, budget is not None and budget.reached()):
            return OUT_OF_MEMORY
        if isinstance(exc, PerfgoalsError):
            return "error", exc  # pickled whole (PerfgoalsError.__reduce__)
        # a bug: raised again in the parent, where process_document reports it, with the trace from here
        exc = sendable(exc, "In the process that read the file")
        return "bug", exc


def _die_with_parent(parent: int) -> None:
    """Linux: have the kernel SIGKILL this process if the parent dies (killed itself, it cannot stop us)."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before prctl
        os._exit(1)


def _read_one(conn: Connection, target: Target | None, request: tuple[str, Limits, str | None], fresh: bool,
              base: int) -> None:
    """One file: the limit set, read, answered with how far this reader's peak has grown since it started."""
    path, limits, sha256 = request
    budget = limit_memory(limits.max_memory_mb)
    if budget.blind() and not fresh:
        conn.send((*STALE, 0))
        return
    try:
        message = _answer(target, Path(path), limits, sha256, budget)
    except MemoryError:  # no room even to say what happened: the reader's traceback still holds its data
        message = OUT_OF_MEMORY
    try:  # the reader's data is let go by now
        conn.send((*message, (status_bytes("VmPeak") or base) - base))
    except MemoryError:
        conn.send((*OUT_OF_MEMORY, 0))


def _serve(conn: Connection, target: Target | None, parent: int) -> None:
    """A reader's body: own process group, SIGTERM as an exception, then one file per request until told to stop."""
    code = 0
    try:
        if sys.platform.startswith("linux"):
            _die_with_parent(parent)
        os.setpgid(0, 0)
        signal.signal(signal.SIGTERM, _on_sigterm)
        # What the fork inherited stays: kept out of the collector's scans, which would cost CPU on every file and
        # write to (copy) each page they touch.
        gc.freeze()
        base = status_bytes("VmSize") or 0
        fresh = True
        while (request := conn.recv()) is not None:
            _read_one(conn, target, request, fresh, base)
            fresh = False
    except (_Terminated, EOFError, OSError):
        code = 1
    finally:
        # Skip the interpreter's exit (atexit handlers, flushing stdio buffers inherited mid-write from other threads).
        os._exit(code)


@dataclass
class Reader:
    """One reader process, its end of the pipe, the target it reads with (None: ``extract.read_document``) and
    how many files it has read."""

    process: multiprocessing.process.BaseProcess
    conn: Connection
    target: Target | None
    reads: int = 0
    worn: bool = False  # to be replaced rather than used again

    def ask(self, path: Path, limits: Limits, sha256: str | None) -> Answer:
        """Have the reader read ``path``, waiting at most ``limits.timeout_s``; a reader that timed out or died
        is stopped and marked worn."""
        self.reads += 1
        try:
            self.conn.send((str(path), limits, sha256))
            if not self.conn.poll(limits.timeout_s):
                self.stop()
                return Answer("timeout")
            status, payload, growth = self.conn.recv()
        except (EOFError, OSError):  # it died without answering (or before it could take the file)
            self.stop()
            return Answer("died", exitcode=self.process.exitcode)
        grown = growth > min(RECYCLE_GROWTH_MB, limits.max_memory_mb / 2) * MB
        self.worn = status in ("memory", "stale") or grown or self.reads >= RECYCLE_AFTER_READS
        return Answer(status, payload)

    def stop(self, grace: float = TERM_GRACE_S) -> None:
        """Stop the reader if it still runs (SIGTERM, then SIGKILL), and kill whatever is left in its group."""
        self.worn = True
        self.conn.close()
        process = self.process
        if process.pid is None:  # never started (fork failed)
            return
        if process.is_alive():
            process.terminate()
            process.join(grace)
        if process.is_alive():
            process.kill()
        try:
            os.killpg(process.pid, signal.SIGKILL)  # the reader's group, not ours: it called setpgid(0, 0)
        except (ProcessLookupError, PermissionError):
            pass
        process.join()


class _Pool:
    """The process's idle readers, and the thread that forks new ones."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.idle: list[Reader] = []
        self.forker: ThreadPoolExecutor | None = None

    def acquire(self, target: Target | None) -> Reader:
        """An idle reader for ``target``, or a new one."""
        with self.lock:
            for reader in self.idle:
                if reader.target is target:
                    self.idle.remove(reader)
                    if reader.process.is_alive():
                        return reader
                    reader.stop()
                    break
            if self.forker is None:
                self.forker = ThreadPoolExecutor(1, thread_name_prefix="perfgoals-readers")
            forker = self.forker
        return forker.submit(_fork, target, os.getpid()).result()

    def release(self, reader: Reader) -> None:
        """Keep ``reader`` for the next file, or stop it when it is worn; at most MAX_IDLE_READERS are kept."""
        if reader.worn:
            reader.stop()
            return
        with self.lock:
            self.idle.append(reader)
            surplus = self.idle[:-MAX_IDLE_READERS]
            del self.idle[:-MAX_IDLE_READERS]
        for old in surplus:
            old.stop()

    def close(self) -> None:
        with self.lock:
            readers, self.idle = self.idle, []
        for reader in readers:
            reader.stop()

    def forget(self) -> None:
        """In a forked child: the readers and the forking thread are the parent's, not ours."""
        for reader in self.idle:
            reader.conn.close()  # our copy of the parent's end
        self.__init__()  # type: ignore[misc]


def _fork(target: Target | None, parent: int) -> Reader:
    _preload()
    context = multiprocessing.get_context("fork")
    ours, theirs = context.Pipe(duplex=True)
    process = context.Process(target=_serve, args=(theirs, target, parent), name="perfgoals-reader", daemon=True)
    try:
        process.start()
    finally:
        theirs.close()
    return Reader(process, ours, target)


_POOL = _Pool()
os.register_at_fork(after_in_child=_POOL.forget)


def read_in_reader(path: Path, limits: Limits, sha256: str | None = None, target: Target | None = None) -> Answer:
    """Read ``path`` in one of this process's readers (forked on first use), under ``limits``."""
    reader = _POOL.acquire(target)
    try:
        answer = reader.ask(path, limits, sha256)
        if answer.status == "stale":  # its earlier peak would hide this file's: a fresh reader reads it
            reader.stop()
            reader = _POOL.acquire(target)
            answer = reader.ask(path, limits, sha256)
    except BaseException:
        reader.stop()
        raise
    _POOL.release(reader)
    return answer


def close_readers() -> None:
    """Stop this process's idle readers (the next read forks a new one)."""
    _POOL.close()
