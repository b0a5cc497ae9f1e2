"""One DuckDB transaction, for every statement of the warehouse that writes more than one row."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import duckdb


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """BEGIN … COMMIT, rolled back on any error; when the commit itself failed there is nothing to roll back,
    and the commit's error is the one raised."""
    con.begin()
    try:
        yield
        con.commit()
    except BaseException:
        try:
            con.rollback()
        except duckdb.Error:
            pass  # "no transaction is active": the failed commit ended it; its own error says why
        raise
