"""Read one untrusted file in a child process, bounded in wall-clock time and memory.

``read_bounded`` forks a child (multiprocessing's "fork" context: the
child starts with the parent's modules already imported, so nothing is
imported again per document) that lowers its own address-space limit
(``RLIMIT_AS``) and runs ``extract.read_document``. The parent waits at
most ``limits.timeout_s`` for the answer, then stops the child (SIGTERM,
then SIGKILL) and everything it started. The RawDocument comes back
pickled; a ``PerfgoalsError`` raised in the child is raised again here,
unchanged. Running out of memory or time becomes a ``TooLargeError`` that
names the limit and how to raise it.

The memory limit is what reading may take *on top of* what the process
had mapped when it forked: a forked child inherits the parent's address
space (about 0.5 GB of mostly reserved, untouched mappings once polars and
DuckDB are imported, more under Prefect), so a bare ``RLIMIT_AS`` of
2048 MB would leave a Prefect worker far less than that for the file.

Running out of memory shows as a MemoryError, mostly, somewhere in the
chain of exceptions a reader raised (pdfplumber wraps it), or as an
OSError with ENOMEM; but a C function (in CPython or an extension such as
pypdfium2) whose allocation fails may return NULL with no exception set,
a SystemError (seen: pdfplumber parsing a page a few MB short of the
limit, "error return without exception set"). That is taken for the limit
only when it names memory or when the child's address space had grown to
its limit (``_Budget.reached``); any other SystemError is a bug, reported
as one.

Where there is no "fork" (Windows), the file is read in-process, with the
size, page and zip limits of ``extract.limits`` but no time or memory bound.
"""

from __future__ import annotations

import errno
import functools
import multiprocessing
import os
import pickle
import signal
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import extract
from core.errors import PerfgoalsError, TooLargeError
from extract.limits import MB, Limits, how_to_raise
from extract.records import RawDocument

Target = Callable[[Path, Limits], RawDocument]
# A SystemError with the address space grown to within this of its limit is a failed allocation: under the limit,
# reads that died that way had mapped their whole budget (VmPeak equal to the limit, measured on real PDFs).
LIMIT_HEADROOM_MB = 64
MEMORY_WORDS = ("memory", "alloc")  # in a SystemError's message: "out of memory", "cannot allocate"
MAP_FAILED = "failed to map"  # ctypes' OSError when dlopen finds no room for a library (errno not set)
OUT_OF_MEMORY = ("memory", None)  # the child's answer when reading ran out of memory (a constant: no allocation)
TERM_GRACE_S = 2.0  # after SIGTERM, time for the child to stop what it started (LibreOffice) before SIGKILL
EXIT_GRACE_S = 10.0  # after its answer, time for the child to exit by itself


class _Terminated(BaseException):
    """Raised in the child by SIGTERM, so that ``finally`` blocks (killing LibreOffice) run."""


def _on_sigterm(_signum: int, _frame: object) -> None:
    raise _Terminated


def _preload() -> None:
    """Import the readers in the parent, once, so that no child imports them again."""
    import pypdfium2  # noqa: F401 - its 10 MB library mapped once, here, not in each child under its memory limit

    import extract.docx  # noqa: F401
    import extract.legacy  # noqa: F401
    import extract.pdf  # noqa: F401
    import extract.xlsx  # noqa: F401 - openpyxl too: without it each Excel file's child imported it again


def _status_bytes(field: str = "VmSize") -> int | None:
    """A size from /proc/self/status (VmSize: mapped now; VmPeak: the most ever mapped), or None where /proc does
    not say (macOS, where RLIMIT_AS is not enforced anyway: there only the timeout bounds a read)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(f"{field}:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


@dataclass(frozen=True)
class _Budget:
    """The address-space limit the child set itself, and its peak mapping (VmPeak) then: a fork inherits the
    parent's peak, which says nothing about what reading took."""

    limit: int
    peak_at_start: int | None

    def reached(self) -> bool:
        """True when the mapping has grown, since the limit was set, to within LIMIT_HEADROOM_MB of it (or when
        there is no room left even to read how far it grew)."""
        try:
            peak = _status_bytes("VmPeak")
        except MemoryError:
            return True
        if peak is None or self.peak_at_start is None or peak <= self.peak_at_start:
            return False
        return peak >= self.limit - LIMIT_HEADROOM_MB * MB


def _limit_memory(max_memory_mb: float) -> _Budget:
    """Let this process map at most ``max_memory_mb`` more than it has mapped now."""
    import resource

    soft = int((_status_bytes("VmSize") or 0) + max_memory_mb * MB)
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        soft = min(soft, hard)
    resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
    return _Budget(soft, _status_bytes("VmPeak"))


def _failed_allocation(exc: BaseException, at_limit: bool) -> bool:
    """True when ``exc`` itself shows a failed allocation: a MemoryError, an OSError with ENOMEM, or, when it names
    memory or was raised with the address space at its limit (``at_limit``), a SystemError (a C function that
    returned NULL) or a shared library that could not be mapped."""
    if isinstance(exc, MemoryError):
        return True
    if isinstance(exc, OSError):  # or a library that could not be mapped (dlopen: "failed to map segment")
        return exc.errno == errno.ENOMEM or (at_limit and exc.errno is None and MAP_FAILED in str(exc))
    if isinstance(exc, SystemError):
        return at_limit or any(word in str(exc).lower() for word in MEMORY_WORDS)
    return False


def _out_of_memory_inside(exc: BaseException, at_limit: bool = False) -> bool:
    """True when ``exc``, or an exception it was raised from (a reader may wrap it: pdfplumber does), is a failed
    allocation (``_failed_allocation``)."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if _failed_allocation(current, at_limit):
            return True
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return False


def _answer(target: Target, path: Path, limits: Limits, budget: _Budget | None = None) -> tuple[str, Any]:
    """Run ``target`` and say how it went, as a message the parent can unpickle; ``budget`` is the memory limit
    the child set itself (None: no limit, so no error is read as the limit's)."""
    try:
        return "ok", target(path, limits)
    except Exception as exc:
        if _out_of_memory_inside(exc, budget is not None and budget.reached()):
            return OUT_OF_MEMORY
        if isinstance(exc, PerfgoalsError):
            return "error", exc  # pickled whole (PerfgoalsError.__reduce__)
        # a bug: raised again in the parent, where process_document reports it; the traceback from here rides
        # along as a note (the parent's own traceback ends at the re-raise)
        trace = "".join(traceback.format_exception(exc)).rstrip()
        try:
            pickle.dumps(exc)
        except Exception:
            exc = RuntimeError(f"{type(exc).__name__}: {exc}")
        exc.add_note(f"In the process that read the file:\n{trace}")
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


def _child(sender: Connection, target: Target, path: str, limits: Limits, parent: int) -> None:
    """The child's body: own process group, SIGTERM as an exception, memory limit, read, answer, exit."""
    code = 0
    try:
        if sys.platform.startswith("linux"):
            _die_with_parent(parent)
        os.setpgid(0, 0)
        signal.signal(signal.SIGTERM, _on_sigterm)
        budget = _limit_memory(limits.max_memory_mb)
        try:
            message = _answer(target, Path(path), limits, budget)
        except MemoryError:  # no room even to say what happened: the reader's traceback still holds its data
            message = OUT_OF_MEMORY
        try:  # the reader's data is let go by now
            sender.send(message)
        except MemoryError:
            sender.send(OUT_OF_MEMORY)
    except _Terminated:
        code = 1
    finally:
        # Skip the interpreter's exit (atexit handlers, flushing stdio buffers inherited mid-write from other threads).
        os._exit(code)


def _timed_out(path: Path, limits: Limits) -> TooLargeError:
    zh, en = how_to_raise("timeout_s")
    return TooLargeError(
        f"处理该文件超过 {limits.timeout_s:g} 秒仍未完成，已停止。文件可能过大或结构异常，请确认提交的文件是否正确，"
        f"或只提交包含绩效目标表的部分。{zh}"
        f" Reading the file took more than {limits.timeout_s:g} seconds and was stopped. It may be too large or"
        f" unusually built: check that this is the right file, or send only the part that holds the goal tables. {en}",
        path=path,
    )


def _out_of_memory(path: Path, limits: Limits, signum: int | None = None) -> TooLargeError:
    zh, en = how_to_raise("max_memory_mb")
    if signum is None or signum == signal.SIGKILL:
        return TooLargeError(
            f"处理该文件需要的内存超过 {limits.max_memory_mb:g} MB 上限，已停止。文件可能过大或结构异常，"
            f"请确认提交的文件是否正确，或只提交包含绩效目标表的部分。{zh}"
            f" Reading the file needs more than the {limits.max_memory_mb:g} MB memory limit and was stopped."
            f" It may be too large or unusually built: check that this is the right file, or send only the part"
            f" that holds the goal tables. {en}",
            path=path,
        )
    name = signal.Signals(signum).name if signum in signal.Signals._value2member_map_ else str(signum)
    return TooLargeError(
        f"读取该文件的进程意外终止（信号 {name}），通常是所需内存超过 {limits.max_memory_mb:g} MB 上限，"
        f"也可能是文件已损坏。请重新导出后再提交。{zh}"
        f" The process reading the file died ({name}), usually because it needed more than the"
        f" {limits.max_memory_mb:g} MB memory limit, otherwise because the file is damaged. Export it again and resubmit."
        f" {en}",
        path=path,
    )


def _stop(child: multiprocessing.process.BaseProcess, grace: float) -> None:
    """Stop the child if it still runs (SIGTERM, then SIGKILL), and kill whatever is left in its process group."""
    if child.pid is None:  # never started (fork failed)
        return
    if child.is_alive():
        child.terminate()
        child.join(grace)
    if child.is_alive():
        child.kill()
    try:
        os.killpg(child.pid, signal.SIGKILL)  # the child's group, not ours: it called setpgid(0, 0)
    except (ProcessLookupError, PermissionError):
        pass
    child.join()


def read_bounded(path: str | Path, limits: Limits | None = None, *, target: Target | None = None,
                 sha256: str | None = None) -> RawDocument:
    """``extract.read_document(path, limits, sha256)`` in a child process bounded by ``limits.timeout_s`` and
    ``limits.max_memory_mb``; ``target`` replaces ``read_document`` (for tests)."""
    path = Path(path)
    limits = limits if limits is not None else Limits.from_env()
    target = target or functools.partial(extract.read_document, sha256=sha256)
    if "fork" not in multiprocessing.get_all_start_methods() or sys.platform == "win32":
        return target(path, limits)
    _preload()
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(sender, target, str(path), limits, os.getpid()),
                            name=f"perfgoals-read {path.name}")
    message: tuple[str, Any] | None = None
    try:
        child.start()
        sender.close()
        if not receiver.poll(limits.timeout_s):
            _stop(child, TERM_GRACE_S)
            raise _timed_out(path, limits)
        try:
            message = receiver.recv()
        except EOFError:  # the child died without answering
            message = None
        child.join(EXIT_GRACE_S)
    finally:
        receiver.close()
        _stop(child, TERM_GRACE_S)
    if message is None:
        code = child.exitcode or 0
        if code < 0:
            raise _out_of_memory(path, limits, -code)
        raise RuntimeError(f"the process reading {path.name} exited with status {code} without an answer")
    status, payload = message
    if status == "ok":
        return payload
    if status == "memory":
        raise _out_of_memory(path, limits)
    raise payload  # "error": the child's PerfgoalsError; "bug": anything else, its trace as a note
