"""After loading: the run's Data Docs, from what the run loaded."""

from __future__ import annotations

from pathlib import Path

import duckdb

from expectations.catalog import Catalog
from warehouse.review import run_frames


def data_docs_folder(db_path: str | Path) -> Path:
    """Where a warehouse's Data Docs go by default: beside it, ``warehouse.duckdb`` → ``warehouse-docs/``."""
    db = Path(db_path).expanduser().absolute()
    return db.with_name(f"{db.stem}-docs")


def write_run_docs(con: duckdb.DuckDBPyConnection, run_id: str, folder: str | Path, catalog: Catalog) -> Path:
    """Validate what ``run_id`` loaded with both suites and write GX's Data Docs into ``folder``; its index.html."""
    from expectations.docs import write_data_docs  # imports great_expectations

    goal_tables, indicators = run_frames(con, run_id)
    return write_data_docs(goal_tables, indicators, folder, run_id, catalog)
