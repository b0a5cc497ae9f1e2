"""Writing documents into the warehouse: one transaction per document, idempotent.

A document's rows are keyed by its path: recording it again replaces
exactly its own rows, so a re-run changes nothing and a changed file
replaces what it loaded before. A document that fails keeps what it
loaded before (the contract: a failure never removes loaded data); only
its status and error change.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Mapping
from datetime import datetime

import duckdb
import polars as pl

from transform.records import DQ_ISSUES_SCHEMA, Frames

KEEPS_OLD_ROWS = {"failed"}


def doc_id_of(path: str) -> str:
    """A stable id for a document: the first 16 hex digits of the sha1 of its absolute path."""
    return hashlib.sha1(path.encode("utf-8")).hexdigest()[:16]


def known_documents(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[str, str]]:
    """Every path already recorded, with its sha256 and status."""
    rows = con.execute("SELECT path, sha256, status FROM store.documents").fetchall()
    return {path: (sha, status) for path, sha, status in rows}


def loaded_shas(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """sha256 → path for every document whose content is in the warehouse (loaded or with no goal table)."""
    rows = con.execute(
        "SELECT sha256, min(path) FROM store.documents WHERE status IN ('loaded', 'no_goal_tables') GROUP BY 1"
    ).fetchall()
    return dict(rows)


def start_run(con: duckdb.DuckDBPyConnection, flow_run_id: str | None = None) -> str:
    """Open an ingest run and return its id."""
    run_id = uuid.uuid4().hex[:12]
    con.execute("INSERT INTO store.ingest_runs (run_id, started_at, flow_run_id) VALUES (?, now(), ?)",
                [run_id, flow_run_id])
    return run_id


def finish_run(con: duckdb.DuckDBPyConnection, run_id: str, counts: Mapping[str, int]) -> None:
    """Close an ingest run with its counts of documents by outcome."""
    con.execute(
        "UPDATE store.ingest_runs SET finished_at = now(), n_documents = ?, n_loaded = ?, n_unchanged = ?,"
        " n_duplicate = ?, n_no_goal_tables = ?, n_failed = ? WHERE run_id = ?",
        [sum(counts.values()), counts.get("loaded", 0), counts.get("unchanged", 0), counts.get("duplicate", 0),
         counts.get("no_goal_tables", 0), counts.get("failed", 0), run_id],
    )


def _insert_frames(con: duckdb.DuckDBPyConnection, doc_id: str, run_id: str, frames: Frames,
                   issues: pl.DataFrame | None) -> None:
    table_id = pl.concat_str([pl.lit(f"{doc_id}-"), pl.col("seq").cast(pl.String)]).alias("table_id")
    goal = frames.goal_tables.with_columns(table_id, pl.lit(doc_id).alias("doc_id"))
    ind = frames.indicators.with_columns(table_id)
    dq = (issues if issues is not None else pl.DataFrame(schema=DQ_ISSUES_SCHEMA)).with_columns(
        table_id, pl.lit(run_id).alias("run_id"))
    for name, frame in (("goal_tables", goal), ("indicators", ind), ("dq_issues", dq)):
        columns = [c for c in _columns(con, name) if c in frame.columns]
        con.register("incoming", frame.select(columns))
        try:
            con.execute(f"INSERT INTO store.{name} ({', '.join(columns)}) SELECT {', '.join(columns)} FROM incoming")
        finally:
            con.unregister("incoming")


def _columns(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    rows = con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = 'store' AND table_name = ?"
        " ORDER BY ordinal_position", [table]).fetchall()
    return [r[0] for r in rows]


def _delete_rows(con: duckdb.DuckDBPyConnection, doc_id: str) -> None:
    tables = "SELECT table_id FROM store.goal_tables WHERE doc_id = ?"
    con.execute(f"DELETE FROM store.indicators WHERE table_id IN ({tables})", [doc_id])
    con.execute(f"DELETE FROM store.dq_issues WHERE table_id IN ({tables})", [doc_id])
    con.execute("DELETE FROM store.goal_tables WHERE doc_id = ?", [doc_id])


def record_document(con: duckdb.DuckDBPyConnection, *, run_id: str, path: str, sha256: str, format: str,
                    status: str, error: str | None = None, frames: Frames | None = None,
                    issues: pl.DataFrame | None = None) -> int:
    """Record one document's outcome and rows in a single transaction; returns its goal-table count."""
    doc_id = doc_id_of(path)
    con.begin()
    try:
        if status not in KEEPS_OLD_ROWS:
            _delete_rows(con, doc_id)
            if frames is not None and frames.n_tables:
                _insert_frames(con, doc_id, run_id, frames, issues)
        n_tables = con.execute("SELECT count(*) FROM store.goal_tables WHERE doc_id = ?", [doc_id]).fetchall()[0][0]
        con.execute("DELETE FROM store.documents WHERE doc_id = ?", [doc_id])
        con.execute("INSERT INTO store.documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [doc_id, path, sha256, format, status, error, n_tables, datetime.now(), run_id])
        con.commit()
    except BaseException:
        con.rollback()
        raise
    return n_tables
