"""The cross-unit comparison behind `perfgoals compare`: families matching a text, their rows ranked across units.

Everything is read from the views ``indicator_families``, ``cross_unit`` and
``family_stats``, so the comparison follows the families (synonyms and pins
included), not the literal wording of one unit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import duckdb

from warehouse.query import Source, frame, reading

if TYPE_CHECKING:  # imported where used: `import warehouse` (and so `perfgoals sql`) must not load them
    import polars as pl

# A text names a family exactly (its name, or one of its keys as some unit wrote it); only when no family
# does, it picks every family whose name or key contains it ("满意度" → all the satisfaction families).
MATCHED = """
WITH wanted AS (SELECT text, ordinality AS pos FROM unnest($texts) WITH ORDINALITY AS w(text, ordinality)),
exact AS (
    SELECT DISTINCT w.text, w.pos, f.family_name FROM wanted w
    JOIN indicator_families f ON w.text IN (f.family_name, f.indicator_key)
),
partial AS (
    SELECT DISTINCT w.text, w.pos, f.family_name FROM wanted w
    JOIN indicator_families f ON contains(f.family_name, w.text) OR contains(f.indicator_key, w.text)
    WHERE w.text NOT IN (SELECT text FROM exact)
)
SELECT text, family_name, min(pos) AS pos FROM (FROM exact UNION ALL FROM partial) GROUP BY ALL
"""

# Rank 1 is the most demanding target: the lowest for a family of caps (≤ 20元/件) or, when its rows state no
# direction, of costs (成本指标); the highest otherwise. Only rows in the family's usual unit get a rank
# (20元/件 and 5% do not compare), and ranks are within a fiscal year, the latest year first.
COMPARED = f"""
WITH matched AS ({MATCHED}),
chosen AS (SELECT family_name, min(pos) AS pos FROM matched GROUP BY family_name),
-- what the unit's self-evaluations report on the indicator (a goal table or a self-evaluation may be loaded from
-- its Word, Excel and PDF file alike: every copy of the goal row gets the report)
reported AS (
    SELECT a.unit_name, a.fiscal_year, g.project_name, a.family_name,
           string_agg(DISTINCT a.actual_raw, ' / ') AS actual_raw, bool_and(a.achieved) AS achieved
    FROM achievement a JOIN goal_tables g ON g.table_id = a.goal_table_id GROUP BY ALL
),
rows AS (
    SELECT c.family_name, c.unit_name, c.project_name, c.fiscal_year, c.target_raw, c.target_op,
           c.target_value_std, c.target_unit_std, i.level1_std, a.actual_raw, a.achieved, count(*)::INTEGER AS n_rows
    FROM cross_unit c JOIN chosen USING (family_name) JOIN indicators i USING (table_id, row_no)
    LEFT JOIN reported a USING (unit_name, fiscal_year, project_name, family_name)
    WHERE $year IS NULL OR c.fiscal_year = $year
    GROUP BY ALL
),
direction AS (
    SELECT family_name,
           CASE WHEN count(*) FILTER (WHERE target_op IN ('<=', '<')) <> count(*) FILTER (WHERE target_op IN ('>=', '>'))
                THEN count(*) FILTER (WHERE target_op IN ('<=', '<')) > count(*) FILTER (WHERE target_op IN ('>=', '>'))
                ELSE mode(level1_std) = '成本指标' END AS lower_first
    FROM rows GROUP BY family_name
),
ranked AS (
    SELECT r.*, d.lower_first, s.target_unit_std AS usual_unit,
           r.target_value_std IS NOT NULL AND r.target_unit_std IS NOT DISTINCT FROM s.target_unit_std AS comparable
    FROM rows r JOIN direction d USING (family_name) JOIN family_stats s USING (family_name)
)
SELECT family_name,
       CASE WHEN comparable THEN rank() OVER (
           PARTITION BY family_name, fiscal_year, comparable
           ORDER BY CASE WHEN lower_first THEN target_value_std ELSE -target_value_std END)::INTEGER END AS rank,
       unit_name, project_name, fiscal_year, target_raw, target_value_std, target_unit_std, n_rows, comparable,
       lower_first, actual_raw, achieved
FROM ranked JOIN chosen USING (family_name)
ORDER BY pos, family_name, fiscal_year DESC NULLS LAST, rank NULLS LAST, unit_name, project_name, target_raw
"""

# The spread is over the rows in the family's usual unit, of the year asked for (family_stats covers every year).
SHARED = """
SELECT family_name, count(DISTINCT unit_name) AS n_units, count(*) AS n_indicators, s.target_unit_std,
       min(c.target_value_std) FILTER (WHERE c.target_unit_std = s.target_unit_std) AS min_value,
       median(c.target_value_std) FILTER (WHERE c.target_unit_std = s.target_unit_std) AS median_value,
       max(c.target_value_std) FILTER (WHERE c.target_unit_std = s.target_unit_std) AS max_value
FROM cross_unit c JOIN family_stats s USING (family_name)
WHERE $year IS NULL OR c.fiscal_year = $year
GROUP BY family_name, s.target_unit_std HAVING count(DISTINCT unit_name) >= 2
ORDER BY n_units DESC, n_indicators DESC, family_name
"""

SUGGESTIONS = 3
SUGGESTION_CUTOFF = 40  # rapidfuzz ratio, 0-100: below this a name is no help


@dataclass(frozen=True)
class Comparison:
    """What `perfgoals compare` shows: the rows, a line per family, and the texts that matched nothing."""

    rows: pl.DataFrame
    families: pl.DataFrame
    unmatched: dict[str, list[str]] = field(default_factory=dict)


def compare(source: Source, texts: Sequence[str] = (), *, year: int | None = None) -> Comparison:
    """The families matching ``texts``, each indicator row of theirs ranked across units.

    Without texts, ``families`` lists the families found in at least two units (the ones worth comparing) and
    ``rows`` is empty. ``unmatched`` gives each text no family matches the closest family names.

    Example: ``compare(db, ["干警满意度"])`` gives one row per (unit, project, target), rank 1 the highest
    target; ``compare(db, ["邮寄费"])`` gives every family whose name contains 邮寄费.
    """
    with reading(source) as con:
        rows = frame(con.sql(COMPARED, params={"texts": list(texts), "year": year}))
        if not texts:
            return Comparison(rows, frame(con.sql(SHARED, params={"year": year})))
        found = {t for (t, _, _) in con.execute(MATCHED, {"texts": list(texts)}).fetchall()}
        unmatched = {t: _closest(con, t) for t in texts if t not in found}
    return Comparison(rows, _summary(rows), unmatched)


def _summary(rows: pl.DataFrame) -> pl.DataFrame:
    """A line per family of ``rows``, in their order: units, rows, and the spread of the comparable targets."""
    import polars as pl

    value = pl.col("target_value_std").filter(pl.col("comparable"))
    return rows.group_by("family_name", maintain_order=True).agg(
        pl.col("unit_name").n_unique().alias("n_units"), pl.col("n_rows").sum().alias("n_indicators"),
        value.min().alias("min_value"), value.median().alias("median_value"), value.max().alias("max_value"),
        pl.col("target_unit_std").filter(pl.col("comparable")).first().alias("target_unit_std"),
        pl.col("lower_first").first())


def _closest(con: duckdb.DuckDBPyConnection, text: str) -> list[str]:
    """The family names most like ``text``, best first."""
    from rapidfuzz import fuzz, process

    names = [n for (n,) in con.execute("SELECT DISTINCT family_name FROM indicator_families").fetchall()]
    found = process.extract(text, names, scorer=fuzz.ratio, limit=SUGGESTIONS, score_cutoff=SUGGESTION_CUTOFF)
    return [name for name, _, _ in found]
