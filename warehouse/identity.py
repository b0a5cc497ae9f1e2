"""The SQL of cross-document identity: what families and units are computed from, and writing them back.

The computing itself is ``transform.families`` and ``transform.units``;
``flows`` reads their input here, runs them and hands the result back, all
after a run's documents are loaded, in one transaction so readers see the
old families or the new ones, never half of each.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import duckdb
import polars as pl

from core.errors import UsageError
from warehouse.connect import now as _now
from warehouse.txn import transaction as _transaction


def family_input(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """Every loaded indicator's key, standard category and unit, and its goal table."""
    return con.sql("SELECT indicator_key, level2_std, target_unit_std, table_id FROM store.indicators"
                       " WHERE indicator_key IS NOT NULL AND indicator_key <> ''").pl()


def family_overrides(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """indicator_key → the family name a bureau pinned it to."""
    return dict(con.execute("SELECT indicator_key, family_name FROM store.family_overrides").fetchall())


def unit_input(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """Every (unit_code, unit_name) pair written in a goal table, with how many tables write it."""
    return con.sql("SELECT unit_code, unit_name, count(*)::INTEGER AS n_tables FROM store.goal_tables"
                       " WHERE unit_name IS NOT NULL GROUP BY ALL ORDER BY ALL").pl()


def mark_derived_stale(con: duckdb.DuckDBPyConnection) -> None:
    """Record, in the caller's transaction, that families and units no longer reflect the loaded rows."""
    con.execute("UPDATE store.derived_state SET stale = true")


def derived_stale(con: duckdb.DuckDBPyConnection) -> bool:
    """True when rows were loaded or removed since families and units were last recomputed."""
    return con.execute("SELECT bool_or(stale) FROM store.derived_state").fetchall()[0][0] is not False


@contextmanager
def _frame(con: duckdb.DuckDBPyConnection, name: str, frame: pl.DataFrame) -> Iterator[str]:
    con.register(name, frame)
    try:
        yield name
    finally:
        con.unregister(name)


def replace_identity(con: duckdb.DuckDBPyConnection, families: pl.DataFrame, units: pl.DataFrame,
                     aliases: pl.DataFrame) -> None:
    """Replace the families, units and unit aliases with freshly computed ones, in one transaction."""
    with (_frame(con, "_perfgoals_families", families), _frame(con, "_perfgoals_units", units),
          _frame(con, "_perfgoals_aliases", aliases), _transaction(con)):
        con.execute("DELETE FROM store.indicator_families")
        con.execute("INSERT INTO store.indicator_families (indicator_key, family_id, family_name, pinned)"
                    " SELECT indicator_key, family_id, family_name, pinned FROM _perfgoals_families")
        con.execute("DELETE FROM store.units")
        con.execute("INSERT INTO store.units (unit_id, unit_code, unit_name, aliases)"
                    " SELECT unit_id, unit_code, unit_name, aliases FROM _perfgoals_units")
        con.execute("DELETE FROM store.unit_aliases")
        con.execute("INSERT INTO store.unit_aliases (written_code, written_name, unit_id)"
                    " SELECT written_code, written_name, unit_id FROM _perfgoals_aliases")
        con.execute("UPDATE store.derived_state SET stale = false")


CLOSEST = 5  # suggestions for a key that no indicator has


def _known_key(con: duckdb.DuckDBPyConnection, indicator_key: str) -> None:
    """Raise UsageError, with the closest keys, when no loaded indicator has ``indicator_key``."""
    keys = [k for (k,) in con.execute("SELECT DISTINCT indicator_key FROM store.indicators"
                                      " WHERE indicator_key IS NOT NULL").fetchall()]
    if indicator_key in keys:
        return
    import difflib

    closest = difflib.get_close_matches(indicator_key, keys, n=CLOSEST, cutoff=0.5)
    hint = f" 是否要找：{'、'.join(closest)}？ Did you mean: {'、'.join(closest)}?" if closest else ""
    raise UsageError(f"没有指标的 indicator_key 是“{indicator_key}”，未做任何改动。{hint}"
                     f" No indicator has the key {indicator_key!r}, so nothing was pinned. The keys are in the"
                     " indicator_families view (perfgoals sql \"select indicator_key, family_name from"
                     " indicator_families\").")


def pin_family(con: duckdb.DuckDBPyConnection, indicator_key: str, family_name: str) -> None:
    """Pin ``indicator_key`` to the family named ``family_name``; it stays there through every recomputation."""
    if not indicator_key.strip() or not family_name.strip():
        raise UsageError("指标名称和指标族名称都不能为空。 Both the indicator key and the family name are needed.")
    _known_key(con, indicator_key)
    with _transaction(con):
        con.execute("INSERT INTO store.family_overrides VALUES (?, ?, ?) ON CONFLICT (indicator_key)"
                    " DO UPDATE SET family_name = excluded.family_name, pinned_at = excluded.pinned_at",
                    [indicator_key, family_name, _now()])
        mark_derived_stale(con)


def unpin_family(con: duckdb.DuckDBPyConnection, indicator_key: str) -> bool:
    """Remove the pin of ``indicator_key``; False when it had none."""
    with _transaction(con):
        removed = con.execute("DELETE FROM store.family_overrides WHERE indicator_key = ? RETURNING 1",
                              [indicator_key]).fetchall()
        if removed:
            mark_derived_stale(con)
    return bool(removed)
