"""Writing documents into the warehouse: one transaction per document, idempotent.

A document's rows are keyed by its path (``doc_id``): recording it again
replaces exactly its own rows, so a re-run changes nothing and a changed
file replaces what it loaded before. A failed document keeps what it loaded
before (the contract: a failure never removes loaded data).
"""

from __future__ import annotations

import hashlib
import os
import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import NamedTuple

import duckdb
import polars as pl

from core.status import CONTENT, STORED, Status
from transform.records import Frames
from warehouse.connect import now as _now
from warehouse.identity import mark_derived_stale
from warehouse.schema import VIEW_COLUMNS
from warehouse.txn import transaction as _transaction

STATUSES = STORED
RUN_COUNTS = tuple(Status)
CONTENT_STATUSES = CONTENT


class KnownDoc(NamedTuple):
    """What the warehouse knows of a path: its bytes' sha256 at the last ingest, its status and id."""

    sha256: str
    status: str
    doc_id: str


def doc_id_of(path: str) -> str:
    """A stable id for a document: the first 16 hex digits of the sha1 of its absolute path."""
    return hashlib.sha1(path.encode("utf-8")).hexdigest()[:16]


def table_id_of(doc_id: str, seq: int) -> str:
    """A goal table's id: its document's id, a hyphen, and its 1-based ``seq`` in the document."""
    return f"{_table_prefix(doc_id)}{seq}"


def _table_prefix(doc_id: str) -> str:
    return f"{doc_id}-"


def known_documents(con: duckdb.DuckDBPyConnection) -> dict[str, KnownDoc]:
    """Every path already recorded → its sha256, status and doc_id."""
    rows = con.execute("SELECT path, sha256, status, doc_id FROM store.documents").fetchall()
    return {path: KnownDoc(sha, status, doc_id) for path, sha, status, doc_id in rows}


def loaded_shas(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """sha256 → path (the first in sorted order) for every document whose content is in the warehouse."""
    rows = con.execute("SELECT sha256, min(path) FROM store.documents WHERE status IN (?, ?) GROUP BY 1",
                       list(CONTENT_STATUSES)).fetchall()
    return dict(rows)


def loaded_path_for_sha(con: duckdb.DuckDBPyConnection, sha256: str, *, exclude: str | None = None) -> str | None:
    """The first path (sorted) other than ``exclude`` whose same bytes were loaded or had no goal table."""
    rows = con.execute(
        "SELECT min(path) FROM store.documents WHERE sha256 = ? AND status IN (?, ?) AND path IS DISTINCT FROM ?",
        [sha256, *CONTENT_STATUSES, exclude]).fetchall()
    return rows[0][0]


def start_run(con: duckdb.DuckDBPyConnection, flow_run_id: str | None = None) -> str:
    """Open an ingest run and return its id: start time and a random suffix, so ids sort by start."""
    started = _now()
    run_id = f"{started:%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:6]}"
    con.execute("INSERT INTO store.ingest_runs (run_id, started_at, flow_run_id) VALUES (?, ?, ?)",
                [run_id, started, flow_run_id])
    return run_id


def finish_run(con: duckdb.DuckDBPyConnection, run_id: str, counts: Mapping[str, int]) -> None:
    """Close an ingest run with its counts of documents by outcome (keys from RUN_COUNTS; missing ones are 0)."""
    unknown = set(counts) - set(RUN_COUNTS)
    if unknown:
        raise ValueError(f"unknown run counts {sorted(unknown)}; expected keys from {RUN_COUNTS}")
    done = con.execute(
        "UPDATE store.ingest_runs SET finished_at = ?, n_documents = ?, n_loaded = ?, n_unchanged = ?,"
        " n_duplicate = ?, n_no_goal_tables = ?, n_failed = ? WHERE run_id = ? RETURNING run_id",
        [_now(), sum(counts.values()), *(counts.get(k, 0) for k in RUN_COUNTS), run_id],
    ).fetchall()
    if not done:
        raise ValueError(f"no ingest run {run_id!r} to finish")


def _check(path: str, status: str, error: str | None, frames: Frames | None, issues: pl.DataFrame | None) -> None:
    """Refuse a call that would write something the contract does not allow, before anything is written."""
    if status not in STATUSES:
        raise ValueError(f"status must be one of {STATUSES}, not {status!r}")
    if not os.path.isabs(path):
        raise ValueError(f"path must be absolute: {path!r}")
    if (status == Status.FAILED) != bool(error):
        raise ValueError("a failed document needs an error, and only a failed one has one")
    n_tables = frames.n_tables if frames is not None else 0
    if (status == Status.LOADED) != (n_tables > 0) or (issues is not None and issues.height and not n_tables):
        raise ValueError(f"a {status} document cannot come with {n_tables} goal tables or with issues")
    if frames is None:
        return
    seqs = frames.goal_tables.get_column("seq")
    if seqs.null_count() or seqs.is_duplicated().any():
        raise ValueError("goal_tables.seq must be unique and not null")
    for name, frame in (("indicators", frames.indicators), ("issues", issues)):
        known = frame.get_column("seq").is_in(seqs.implode()).fill_null(False) if frame is not None else None
        if known is not None and not known.all():
            raise ValueError(f"every {name}.seq must name a goal table of the same document")
    if frames.indicators.select("seq", "row_no").is_duplicated().any():
        raise ValueError("indicators (seq, row_no) must be unique")


MADE_HERE = ("table_id", "doc_id", "run_id")  # columns the warehouse adds to what transform/ hands over


def _staging(view: str) -> str:
    return f"_perfgoals_incoming_{view}"


def _to_stage(status: str, frames: Frames | None, issues: pl.DataFrame | None) -> dict[str, pl.DataFrame]:
    """view → the non-empty frame to insert, reduced to the columns it takes from transform/ (and seq)."""
    if status == Status.FAILED or frames is None:
        return {}
    given = {"goal_tables": frames.goal_tables, "indicators": frames.indicators,
             "department_tasks": frames.department_tasks, "dq_issues": issues}
    return {view: frame.select(list(dict.fromkeys([*(c for c in VIEW_COLUMNS[view] if c not in MADE_HERE), "seq"])))
            for view, frame in given.items() if frame is not None and not frame.is_empty()}


@contextmanager
def _staged(con: duckdb.DuckDBPyConnection, frames: Mapping[str, pl.DataFrame]) -> Iterator[None]:
    """Register ``frames`` for INSERT ... SELECT outside the transaction (an aborted one cannot unregister)."""
    for view, frame in frames.items():
        con.register(_staging(view), frame)
    try:
        yield
    finally:
        for view in frames:
            con.unregister(_staging(view))


def _insert(con: duckdb.DuckDBPyConnection, view: str, made: Mapping[str, str]) -> None:
    """Insert the staged frame of ``view`` into ``store.<view>``, table_id from seq and ``made`` columns added."""
    exprs, params = [], []
    for c in VIEW_COLUMNS[view]:
        if c == "table_id":
            exprs.append("? || CAST(seq AS VARCHAR)")
            params.append(_table_prefix(made["doc_id"]))
        elif c in made:
            exprs.append("?")
            params.append(made[c])
        else:
            exprs.append(c)
    con.execute(f"INSERT INTO store.{view} ({', '.join(VIEW_COLUMNS[view])})"
                f" SELECT {', '.join(exprs)} FROM {_staging(view)}", params)


def _delete_rows(con: duckdb.DuckDBPyConnection, doc_id: str) -> None:
    for table in ("dq_issues", "indicators", "department_tasks"):  # every table_id of the document starts with its prefix
        con.execute(f"DELETE FROM store.{table} WHERE starts_with(table_id, ?)", [_table_prefix(doc_id)])
    con.execute("DELETE FROM store.goal_tables WHERE doc_id = ?", [doc_id])


def record_document(con: duckdb.DuckDBPyConnection, *, run_id: str, path: str, sha256: str, format: str,
                    status: str, error: str | None = None, frames: Frames | None = None,
                    issues: pl.DataFrame | None = None) -> int:
    """Record one document's outcome and rows in one transaction (rolled back on any error); returns n_tables.

    ``loaded``, ``no_goal_tables`` and ``duplicate`` replace the path's rows with ``frames`` (none for the
    latter two); ``failed`` keeps the rows loaded before and records the new sha256, status and error, with
    n_tables the count kept. Raises ValueError, before writing, for a call the contract does not allow.
    """
    _check(path, status, error, frames, issues)
    doc_id = doc_id_of(path)
    staged = _to_stage(status, frames, issues)
    with _staged(con, staged), _transaction(con):
        if status == Status.FAILED:
            n_tables = con.execute("SELECT count(*) FROM store.goal_tables WHERE doc_id = ?",
                                   [doc_id]).fetchall()[0][0]
        else:
            _delete_rows(con, doc_id)
            n_tables = frames.n_tables if frames is not None else 0
            for view in staged:
                _insert(con, view, {"doc_id": doc_id, "run_id": run_id})
            mark_derived_stale(con)
        con.execute(
            "INSERT INTO store.documents (doc_id, path, sha256, format, status, error, n_tables, ingested_at, run_id)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (doc_id) DO UPDATE SET sha256 = excluded.sha256,"
            " format = excluded.format, status = excluded.status, error = excluded.error,"
            " n_tables = excluded.n_tables, ingested_at = excluded.ingested_at, run_id = excluded.run_id",
            [doc_id, path, sha256, format, status, error, n_tables, _now(), run_id])
    return n_tables


def forget_documents(con: duckdb.DuckDBPyConnection, paths: list[str]) -> int:
    """Remove ``paths`` and everything loaded from them, in one transaction; returns how many were known."""
    with _transaction(con):
        for path in paths:
            _delete_rows(con, doc_id_of(path))
        removed = con.execute("DELETE FROM store.documents WHERE list_contains(?, path) RETURNING 1",
                              [paths]).fetchall() if paths else []
        if removed:
            mark_derived_stale(con)
    return len(removed)
