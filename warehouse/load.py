"""Writing documents into the warehouse: one transaction per call, for one document or many; idempotent.

A document's rows are keyed by its path (``doc_id``): recording it again
replaces exactly its own rows, so a re-run changes nothing and a changed
file replaces what it loaded before. A failed document keeps what it loaded
before (the contract: a failure never removes loaded data).
"""

from __future__ import annotations

import hashlib
import os
import uuid
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
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
    return f"{doc_id}-{seq}"  # TABLE_ID below makes the same in SQL


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


@dataclass(frozen=True)
class Record:
    """One document's outcome as the warehouse records it: its file, status, error, and rows when it loaded."""

    path: str
    sha256: str
    format: str
    status: str
    error: str | None = None
    frames: Frames | None = None
    issues: pl.DataFrame | None = None

    @property
    def n_tables(self) -> int:
        return self.frames.n_tables if self.frames is not None else 0

    @property
    def replaces(self) -> bool:
        """True when recording it replaces the path's rows (every status but failed, which keeps them)."""
        return self.status != Status.FAILED


def _check(record: Record) -> None:
    """Refuse a record the contract does not allow, before anything is written (its rows: ``_check_rows``)."""
    if record.status not in STATUSES:
        raise ValueError(f"status must be one of {STATUSES}, not {record.status!r}")
    if not os.path.isabs(record.path):
        raise ValueError(f"path must be absolute: {record.path!r}")
    if (record.status == Status.FAILED) != bool(record.error):
        raise ValueError("a failed document needs an error, and only a failed one has one")
    if (record.status == Status.LOADED) != (record.n_tables > 0) or (
            record.issues is not None and record.issues.height and not record.n_tables):
        raise ValueError(f"a {record.status} document cannot come with {record.n_tables} goal tables or with issues")


def _keyed(records: Sequence[Record], part: str, columns: tuple[str, ...]) -> pl.DataFrame:
    """``columns`` of one part (goal_tables, indicators, issues) of every record's rows, with its record's index."""
    parts = []
    for i, record in enumerate(records):
        frame = record.issues if part == "issues" else getattr(record.frames, part, None)
        if record.frames is not None and frame is not None:
            parts.append(frame.select(pl.lit(i, pl.Int32).alias("record"), *columns))
    return pl.concat(parts, how="vertical_relaxed") if parts else pl.DataFrame(schema={"record": pl.Int32})


def _check_rows(records: Sequence[Record]) -> None:
    """Refuse rows that would not key (goal tables' seq unique in each document, every indicator and issue on one
    of its document's tables, indicator rows unique), checked over all ``records`` at once."""
    tables = _keyed(records, "goal_tables", ("seq",))
    if tables.is_empty():
        return
    if tables.get_column("seq").null_count() or tables.is_duplicated().any():
        raise ValueError("goal_tables.seq must be unique and not null")
    for part in ("indicators", "issues"):
        rows = _keyed(records, part, ("seq", "row_no") if part == "indicators" else ("seq",))
        if rows.height and rows.join(tables, on=["record", "seq"], how="anti").height:
            raise ValueError(f"every {part}.seq must name a goal table of the same document")
        if part == "indicators" and rows.is_duplicated().any():
            raise ValueError("indicators (seq, row_no) must be unique")


MADE_HERE = ("table_id", "doc_id", "run_id")  # columns the warehouse adds to what transform/ hands over
TABLE_ID = "doc_id || '-' || CAST(seq AS VARCHAR)"  # table_id_of, in SQL over a staged frame


def _staging(view: str) -> str:
    return f"_perfgoals_incoming_{view}"


def _to_stage(records: Sequence[Record], doc_ids: Sequence[str]) -> dict[str, pl.DataFrame]:
    """view → the rows to insert for every record that replaces its rows, each frame reduced to the columns it
    takes from transform/ (and seq) and given its document's doc_id; views with no rows are left out."""
    parts: dict[str, list[pl.DataFrame]] = {}
    for record, doc_id in zip(records, doc_ids, strict=True):
        if not record.replaces or record.frames is None:
            continue
        given = {"goal_tables": record.frames.goal_tables, "indicators": record.frames.indicators,
                 "department_tasks": record.frames.department_tasks, "dq_issues": record.issues}
        for view, frame in given.items():
            if frame is not None and not frame.is_empty():
                taken = dict.fromkeys([*(c for c in VIEW_COLUMNS[view] if c not in MADE_HERE), "seq"])
                parts.setdefault(view, []).append(frame.select(*taken, pl.lit(doc_id).alias("doc_id")))
    return {view: pl.concat(frames, how="vertical_relaxed") for view, frames in parts.items()}


def _documents_frame(records: Sequence[Record], doc_ids: Sequence[str]) -> pl.DataFrame:
    """The documents rows of ``records``, n_tables null where the record keeps the rows loaded before."""
    return pl.DataFrame({
        "doc_id": list(doc_ids), "path": [r.path for r in records], "sha256": [r.sha256 for r in records],
        "format": [r.format for r in records], "status": [r.status for r in records],
        "error": [r.error for r in records], "n_tables": [r.n_tables if r.replaces else None for r in records],
    }, schema_overrides={"error": pl.String, "n_tables": pl.Int32})


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


def _insert(con: duckdb.DuckDBPyConnection, view: str, run_id: str) -> None:
    """Insert the staged frame of ``view`` into ``store.<view>``, table_id made from doc_id and seq."""
    made = {"table_id": TABLE_ID, "run_id": "?"}
    exprs = [made.get(c, c) for c in VIEW_COLUMNS[view]]
    con.execute(f"INSERT INTO store.{view} ({', '.join(VIEW_COLUMNS[view])})"
                f" SELECT {', '.join(exprs)} FROM {_staging(view)}", [run_id] if "run_id" in VIEW_COLUMNS[view] else [])


def _delete_rows(con: duckdb.DuckDBPyConnection, doc_ids: Sequence[str]) -> None:
    """Delete every row loaded from the documents ``doc_ids``: one scan of each table, whatever their number."""
    if not doc_ids:
        return
    for table in ("dq_issues", "indicators", "department_tasks"):  # a table_id is its document's id, '-', seq
        con.execute(f"DELETE FROM store.{table} WHERE split_part(table_id, '-', 1) IN (SELECT unnest(?))",
                    [list(doc_ids)])
    con.execute("DELETE FROM store.goal_tables WHERE doc_id IN (SELECT unnest(?))", [list(doc_ids)])


def record_documents(con: duckdb.DuckDBPyConnection, run_id: str, records: Sequence[Record]) -> list[int]:
    """Record the outcomes and rows of ``records`` in one transaction: all of them, or on any error none (rolled
    back); returns each one's n_tables.

    ``loaded``, ``no_goal_tables`` and ``duplicate`` replace the path's rows with the record's frames (none for
    the latter two); ``failed`` keeps the rows loaded before and records the new sha256, status and error, with
    n_tables the count kept. One transaction for many documents costs about what one for a single document
    does. Raises ValueError, before writing, for records the contract does not allow (a path twice among them).
    """
    for record in records:
        _check(record)
    _check_rows(records)
    doc_ids = [doc_id_of(r.path) for r in records]
    if len(set(doc_ids)) < len(doc_ids):
        raise ValueError("each path can be recorded once per call")
    if not records:
        return []
    staged = _to_stage(records, doc_ids) | {"documents": _documents_frame(records, doc_ids)}
    with _staged(con, staged), _transaction(con):
        _delete_rows(con, [d for d, r in zip(doc_ids, records, strict=True) if r.replaces])
        for view in (v for v in staged if v != "documents"):  # goal tables first, then what hangs on them
            _insert(con, view, run_id)
        if any(r.replaces for r in records):
            mark_derived_stale(con)
        kept = "(SELECT count(*) FROM store.goal_tables g WHERE g.doc_id = s.doc_id)"  # a failed document's
        n_tables = dict(con.execute(
            "INSERT INTO store.documents (doc_id, path, sha256, format, status, error, n_tables, ingested_at, run_id)"
            f" SELECT doc_id, path, sha256, format, status, error, coalesce(n_tables, {kept}), ?, ?"
            f" FROM {_staging('documents')} s ON CONFLICT (doc_id) DO UPDATE SET sha256 = excluded.sha256,"
            " format = excluded.format, status = excluded.status, error = excluded.error,"
            " n_tables = excluded.n_tables, ingested_at = excluded.ingested_at, run_id = excluded.run_id"
            " RETURNING doc_id, n_tables", [_now(), run_id]).fetchall())
    return [n_tables[d] for d in doc_ids]


def record_document(con: duckdb.DuckDBPyConnection, *, run_id: str, path: str, sha256: str, format: str,
                    status: str, error: str | None = None, frames: Frames | None = None,
                    issues: pl.DataFrame | None = None) -> int:
    """Record one document's outcome and rows in one transaction (``record_documents``); returns n_tables."""
    [n_tables] = record_documents(con, run_id, [Record(path, sha256, format, status, error, frames, issues)])
    return n_tables


def forget_documents(con: duckdb.DuckDBPyConnection, paths: list[str]) -> int:
    """Remove ``paths`` and everything loaded from them, in one transaction; returns how many were known."""
    with _transaction(con):
        _delete_rows(con, [doc_id_of(p) for p in paths])
        removed = con.execute("DELETE FROM store.documents WHERE list_contains(?, path) RETURNING 1",
                              [paths]).fetchall() if paths else []
        if removed:
            mark_derived_stale(con)
    return len(removed)
