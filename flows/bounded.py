"""Read one untrusted file in another process, bounded in wall-clock time and memory.

``read_bounded`` hands the file to one of the process's long-lived
readers (``flows.readers``), which lowers its own address-space limit to
what it has mapped plus the file's ``max_memory_mb`` (``flows.budget``)
and runs ``extract.read_document``; it waits at most ``limits.timeout_s``
for the answer, then stops the reader and everything it started. The
RawDocument comes back pickled; a ``PerfgoalsError`` raised in the reader
is raised again here, unchanged. Running out of memory or time becomes a
``TooLargeError`` that names the limit and how to raise it.

Where there is no "fork" (Windows), the file is read in-process, with the
size, page and zip limits of ``extract.limits`` but no time or memory bound.
"""

from __future__ import annotations

import functools
import multiprocessing
import signal
import sys
from pathlib import Path

import extract
from core.errors import TooLargeError
from extract.limits import Limits, how_to_raise
from extract.records import RawDocument
from flows.readers import Answer, Target, read_in_reader


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


def _raised(answer: Answer, path: Path, limits: Limits) -> BaseException:
    """The exception a reader's answer other than "ok" stands for."""
    if answer.status == "timeout":
        return _timed_out(path, limits)
    if answer.status == "memory":
        return _out_of_memory(path, limits)
    if answer.status == "died":
        code = answer.exitcode or 0
        if code < 0:
            return _out_of_memory(path, limits, -code)
        return RuntimeError(f"the process reading {path.name} exited with status {code} without an answer")
    return answer.payload  # "error": the reader's PerfgoalsError; "bug": anything else, its trace as a note


def read_bounded(path: str | Path, limits: Limits | None = None, *, target: Target | None = None,
                 sha256: str | None = None) -> RawDocument:
    """``extract.read_document(path, limits, sha256)`` in a reader process bounded by ``limits.timeout_s`` and
    ``limits.max_memory_mb``; ``target`` replaces ``read_document`` (for tests)."""
    path = Path(path)
    limits = limits if limits is not None else Limits.from_env()
    if "fork" not in multiprocessing.get_all_start_methods() or sys.platform == "win32":
        return (target or functools.partial(extract.read_document, sha256=sha256))(path, limits)
    answer = read_in_reader(path, limits, sha256, target)
    if answer.status == "ok":
        return answer.payload
    raise _raised(answer, path, limits)
