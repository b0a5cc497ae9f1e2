"""What a run put in a warehouse, to compare two runs' warehouses."""

from __future__ import annotations

from pathlib import Path

import duckdb

QUERIES = {
    "documents": "SELECT path, sha256, format, status, error, n_tables FROM documents",
    "goal_tables": "SELECT * FROM goal_tables",
    "indicators": "SELECT * FROM indicators",
    "dq_issues": "SELECT table_id, row_no, rule, severity, message FROM dq_issues",
    "families": "SELECT * FROM indicator_families",
    "units": "SELECT * FROM units",
}


def content(db: Path) -> dict[str, list[tuple]]:
    """Every view's rows, sorted, without run ids and times."""
    with duckdb.connect(str(db), read_only=True) as con:
        return {name: sorted(con.execute(sql).fetchall(), key=repr) for name, sql in QUERIES.items()}
