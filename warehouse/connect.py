"""Opening the warehouse file: one writer at a time, any number of readers when no writer is open."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import duckdb

from perfgoals.errors import UsageError, WarehouseBusyError
from warehouse.schema import ensure_schema

# another process holds the file / this process holds it with the other read_only setting
BUSY_MESSAGES = ("Could not set lock on file", "different configuration")


def _busy(path: Path) -> WarehouseBusyError:
    return WarehouseBusyError(
        f"另一个 perfgoals 导入进程正在写入该数据库（{path}），请等它完成后再试。"
        f" Another perfgoals ingest is writing to this warehouse ({path}); wait for it to finish and try again.",
        path=path,
    )


def connect(db_path: str | Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """A connection to the DuckDB file ``db_path``, its schema ensured when writable.

    Raises WarehouseBusyError when another process (or another connection of
    this one) holds the file, and UsageError for a file that is missing
    (read-only), in a missing folder, or not a DuckDB database.
    """
    path = Path(db_path).expanduser().absolute()
    if read_only and not path.is_file():
        raise UsageError(f"找不到数据库文件 {path}，请先运行 perfgoals ingest。"
                         f" No warehouse at {path}; run `perfgoals ingest` first or pass --db.", path=path)
    if not path.parent.is_dir():
        raise UsageError(f"数据库所在的文件夹不存在：{path.parent}。 No such folder for the warehouse: {path.parent}",
                         path=path)
    try:
        con = duckdb.connect(str(path), read_only=read_only)
    except duckdb.Error as exc:
        if any(m in str(exc) for m in BUSY_MESSAGES):
            raise _busy(path) from None
        if "not a valid DuckDB database file" in str(exc):
            raise UsageError(f"{path} 不是 DuckDB 数据库文件。 {path} is not a DuckDB database; pass another --db.",
                             path=path) from None
        raise
    if not read_only:
        try:
            ensure_schema(con)
        except BaseException:
            con.close()
            raise
    return con


def now() -> datetime:
    """Local time to the second: what the warehouse's timestamps record."""
    return datetime.now().replace(microsecond=0)


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """BEGIN … COMMIT, rolled back on any error."""
    con.begin()
    try:
        yield
        con.commit()
    except BaseException:
        con.rollback()
        raise
