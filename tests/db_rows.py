"""Reading a warehouse file in tests: every row of one query, on a read-only connection closed afterwards."""

from __future__ import annotations

from pathlib import Path

import duckdb


def rows(db: Path, sql: str, *params: object) -> list[tuple]:
    """All rows of ``sql`` (with ``params`` for its ``?``) on the DuckDB file ``db``."""
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, list(params)).fetchall()
