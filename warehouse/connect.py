"""Opening the warehouse file: one writer at a time, any number of readers when no writer is open."""

from __future__ import annotations

from pathlib import Path

import duckdb

from perfgoals.errors import UsageError, WarehouseBusyError
from warehouse.schema import ensure_schema

LOCK_MESSAGE = "Could not set lock on file"


def connect(db_path: str | Path, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """A connection to the DuckDB file ``db_path``, its schema ensured when writable.

    Raises WarehouseBusyError when another process is writing to the file,
    and UsageError when a read-only caller names a file that does not exist.
    """
    path = Path(db_path)
    if read_only and not path.exists():
        raise UsageError(f"找不到数据库文件 {path}，请先运行 perfgoals ingest。 "
                         f"No warehouse at {path}; run `perfgoals ingest` first or pass --db.")
    try:
        con = duckdb.connect(str(path), read_only=read_only)
    except duckdb.IOException as exc:
        if LOCK_MESSAGE in str(exc):
            raise WarehouseBusyError(
                "另一个 perfgoals 进程正在写入该数据库，请等它完成后再试。"
                " Another perfgoals ingest is writing to this warehouse; wait for it to finish and try again.",
                path=path,
            ) from None
        raise
    if not read_only:
        ensure_schema(con)
    return con
