"""Opening the warehouse file: one writer at a time, any number of readers when no writer is open.

Every way the file can fail to open or to be written is said in words here:
held by another program (named by its PID), not a DuckDB file, a DuckDB
file that is not a perfgoals warehouse, a folder, a full disk, a folder
without write permission. ``storage_guard`` turns a write that fails on the
disk into a ``StorageError`` wherever it happens (a load, a commit, the
final checkpoint).
"""

from __future__ import annotations

import errno
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import duckdb

from core.errors import PerfgoalsError, StorageError, UsageError, WarehouseBusyError
from warehouse.schema import ensure_schema, stored_version
from warehouse.txn import transaction

__all__ = ["connect", "disk_problem", "disk_words", "now", "storage_error", "storage_guard", "transaction"]

# another process holds the file / this process holds it with the other read_only setting
BUSY_MESSAGES = ("Could not set lock on file", "different configuration")
HOLDER_PID = re.compile(r"\(PID (\d+)\)")
HOLDER_CHARS = 160  # of the holder's command line, enough to recognise it
# What DuckDB and the OS say when the disk refuses a write, and the errno behind each.
DISK_FULL = ("No space left on device", "Disk full", "disk is full")
NOT_WRITABLE = ("Permission denied", "Read-only file system")
DISK_ERRNOS = {errno.ENOSPC: DISK_FULL[0], errno.EDQUOT: DISK_FULL[0], errno.EACCES: NOT_WRITABLE[0],
               errno.EROFS: NOT_WRITABLE[1], errno.EPERM: NOT_WRITABLE[0]}
SANDBOX = {"enable_external_access": False, "lock_configuration": True}  # no file, network or extension access


def _holder(message: str) -> str | None:
    """The command line of the process DuckDB names as holding the lock, shortened; None when it cannot be told."""
    found = HOLDER_PID.search(message)
    if not found:
        return None
    pid = found.group(1)
    try:
        words = Path(f"/proc/{pid}/cmdline").read_bytes().decode("utf-8", "replace").split("\0")
    except OSError:
        return f"PID {pid}"
    shown = " ".join(" ".join(words).split())  # a `python -c` program spans lines
    if len(shown) > HOLDER_CHARS:
        shown = shown[:HOLDER_CHARS] + " …"
    return f"PID {pid}: {shown}" if shown else f"PID {pid}"


def _busy(path: Path, message: str) -> WarehouseBusyError:
    holder = _holder(message)
    if holder and "perfgoals" in holder and " ingest " in f"{holder} ":
        return WarehouseBusyError(
            f"另一个 perfgoals 导入进程正在写入该数据库（{path}；{holder}），请等它完成后再试。"
            f" Another perfgoals ingest is writing to this warehouse ({path}; {holder}); wait for it to finish and"
            " try again.", path=path)
    if holder is None and "different configuration" in message:
        return WarehouseBusyError(
            "本程序已经以另一种方式（读或写）打开了该数据库，请先关闭那个连接。"
            f" This program already has the warehouse {path} open the other way (for writing, or read-only);"
            " close that connection first.", path=path)
    who = f"（{holder}）" if holder else ""
    return WarehouseBusyError(
        f"该数据库文件正被另一个程序使用{who}，请等它结束（或关闭它）后再试。"
        f" The warehouse file {path} is in use by another program{f' ({holder})' if holder else ''}, which holds"
        " it open; wait for it to finish (or close it) and try again.", path=path)


def disk_problem(exc: BaseException) -> str | None:
    """What the disk said when ``exc`` (or an exception it was raised from) is a failed write, else None."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, OSError) and current.errno in DISK_ERRNOS:
            return DISK_ERRNOS[current.errno]
        if isinstance(current, duckdb.Error | OSError):
            text = str(current)
            said = next((m for m in (*DISK_FULL, *NOT_WRITABLE) if m.lower() in text.lower()), None)
            if said:
                return said
        current = current.__cause__ or current.__context__
    return None


def disk_words(said: str) -> tuple[str, str]:
    """What ``disk_problem``'s answer means, in Chinese and in English."""
    if said in DISK_FULL:
        return "磁盘已满", f"the disk is full: {said}"
    return "没有写入权限或为只读", f"it cannot be written: {said}"


def storage_error(path: str | Path, exc: BaseException) -> StorageError | None:
    """The StorageError for ``exc`` when it is the disk refusing to write the warehouse at ``path``, else None."""
    said = disk_problem(exc)
    if said is None:
        return None
    folder = Path(path).expanduser().absolute().parent
    if said in DISK_FULL:
        return StorageError(
            f"数据库所在的磁盘已满（{folder}），本次运行已停止。此前已导入的内容完好，尚未导入的文件会在下次运行时重新读取。"
            "请清理磁盘空间后再运行。"
            f" The disk holding the warehouse ({folder}) is full ({said}), so the run stopped. Everything loaded"
            " before is intact, and the files not yet loaded are read on the next run. Free some space and run again.",
            path=path)
    return StorageError(
        f"无法写入数据库所在的文件夹（{folder}：{said}）。请换一个可写的位置（--db），或请管理员开放写权限。"
        f" The warehouse's folder {folder} cannot be written ({said}). Choose a writable place with --db, or ask"
        " for write permission.", path=path)


@contextmanager
def storage_guard(path: str | Path) -> Iterator[None]:
    """Raise a StorageError, from the original, when what runs inside fails because the disk refused a write."""
    try:
        yield
    except PerfgoalsError:
        raise  # already said in words (a StorageError from deeper down among them)
    except Exception as exc:
        translated = storage_error(path, exc)
        if translated is None:
            raise
        raise translated from exc


def _refuse_foreign(con: duckdb.DuckDBPyConnection, path: Path, read_only: bool) -> None:
    """Raise UsageError for a DuckDB file that perfgoals did not set up (and, read-only, for an empty one)."""
    if stored_version(con) is not None:
        return
    n_tables = con.execute("SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database()"
                           ).fetchall()[0][0]
    if n_tables:
        raise UsageError(f"{path} 是 DuckDB 数据库，但不是 perfgoals 的数据仓库（其中有 {n_tables} 个其他表），未做任何改动。"
                         f"请用 --db 指定 perfgoals 的数据库文件。 {path} is a DuckDB database but not a perfgoals"
                         f" warehouse (it holds {n_tables} other tables); nothing was changed. Pass a perfgoals"
                         " warehouse with --db, or a new file name to start one.", path=path)
    if read_only:
        raise UsageError(f"{path} 还没有导入任何内容，请先运行 perfgoals ingest。"
                         f" {path} holds nothing yet; run `perfgoals ingest` first.", path=path)


def _open(path: Path, read_only: bool, sandboxed: bool) -> duckdb.DuckDBPyConnection:
    if path.is_dir():
        raise UsageError(f"{path} 是文件夹，不是数据库文件。请用 --db 指定一个文件，例如 {path / 'warehouse.duckdb'}。"
                         f" {path} is a folder, not a warehouse file; pass a file with --db, such as"
                         f" {path / 'warehouse.duckdb'}.", path=path)
    try:
        return duckdb.connect(str(path), read_only=read_only, config=SANDBOX if sandboxed else {})
    except duckdb.Error as exc:
        if any(m in str(exc) for m in BUSY_MESSAGES):
            raise _busy(path, str(exc)) from None
        if "not a valid DuckDB database file" in str(exc):
            raise UsageError(f"{path} 不是 DuckDB 数据库文件。 {path} is not a DuckDB database; pass another --db.",
                             path=path) from None
        translated = storage_error(path, exc)
        if translated is not None:
            raise translated from exc
        raise


def connect(db_path: str | Path, read_only: bool = False, *, allow_files: bool = False) -> duckdb.DuckDBPyConnection:
    """A connection to the DuckDB file ``db_path``, its schema ensured when writable.

    A read-only connection reaches nothing outside the file (no other file, no network, no extension) unless
    ``allow_files``; a writable one is perfgoals' own and registers frames, so it is never sandboxed. Raises WarehouseBusyError when another process (or another connection of this
    one) holds the file, StorageError when the disk refuses to write it, and UsageError for a file that is
    missing (read-only), in a missing folder, a folder, not a DuckDB database, or a DuckDB database that is
    not a perfgoals warehouse.
    """
    path = Path(db_path).expanduser().absolute()
    if read_only and not path.exists():
        raise UsageError(f"找不到数据库文件 {path}，请先运行 perfgoals ingest。"
                         f" No warehouse at {path}; run `perfgoals ingest` first or pass --db.", path=path)
    if not path.parent.is_dir():
        raise UsageError(f"数据库所在的文件夹不存在：{path.parent}。 No such folder for the warehouse: {path.parent}",
                         path=path)
    con = _open(path, read_only, read_only and not allow_files)
    try:
        _refuse_foreign(con, path, read_only)
        if not read_only:
            with storage_guard(path):
                ensure_schema(con)
    except BaseException:
        con.close()
        raise
    return con


def now() -> datetime:
    """Local time to the second: what the warehouse's timestamps record."""
    return datetime.now().replace(microsecond=0)
