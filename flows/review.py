"""After loading: the run's Data Docs, from the checks the run made."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any


def data_docs_folder(db_path: str | Path) -> Path:
    """Where a warehouse's Data Docs go by default: beside it, ``warehouse.duckdb`` → ``warehouse-docs/``."""
    db = Path(db_path).expanduser().absolute()
    return db.with_name(f"{db.stem}-docs")


def write_run_docs(results: Sequence[Any], run_id: str, folder: str | Path) -> Path:
    """Write the GX ``results`` of the run ``run_id``'s checks as Data Docs into ``folder``; its index.html."""
    from expectations.docs import write_data_docs  # imports great_expectations

    return write_data_docs(results, folder, run_id)
