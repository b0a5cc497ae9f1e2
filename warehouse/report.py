"""The SQL of `perfgoals report`: what the report's charts and unit sections show, read in one go.

A goal table loaded from two files (a unit's Word file and its PDF) is
counted once in money, quality and defects: tables of one unit, year and
project with the same budget are one table there. The unit sections list
every file.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

from warehouse.joins import UNIT_OF
from warehouse.query import Source, frame, reading

# Families with a numeric target in at least this many units get a distribution chart, at most TOP_FAMILIES.
MIN_UNITS_FOR_SPREAD = 2
TOP_FAMILIES = 12
# Tukey's fences: a target further than this many interquartile ranges outside the middle half is an outlier.
OUTLIER_IQR = 1.5

_TABLES = f"""
tables AS (
    SELECT g.table_id, g.doc_id, g.seq, g.kind, g.fiscal_year, g.project_name,
           coalesce(u.unit_name, g.unit_name, '（未填单位）') AS unit_name,
           g.budget_total, g.budget_fiscal, g.budget_other,
           row_number() OVER (PARTITION BY coalesce(u.unit_name, g.unit_name), g.fiscal_year, g.project_name,
                                           g.budget_total, g.kind ORDER BY g.table_id) = 1 AS first_copy
    FROM store.goal_tables g{UNIT_OF}
    WHERE ($year IS NULL OR g.fiscal_year = $year) AND g.kind <> 'self_evaluation'
)"""

OVERVIEW = f"""
WITH {_TABLES}
SELECT (SELECT count(*) FROM store.documents) AS n_documents,
       (SELECT count(*) FROM store.documents WHERE status = 'failed') AS n_failed,
       (SELECT count(*) FROM tables) AS n_tables,
       (SELECT count(*) FROM store.indicators JOIN tables USING (table_id)) AS n_indicators,
       (SELECT count(DISTINCT unit_name) FROM tables) AS n_units,
       (SELECT count(DISTINCT family_name) FROM cross_unit WHERE $year IS NULL OR fiscal_year = $year) AS n_families,
       (SELECT string_agg(DISTINCT fiscal_year::VARCHAR, ', ' ORDER BY fiscal_year::VARCHAR) FROM tables) AS years,
       (SELECT max(finished_at) FROM store.ingest_runs) AS last_run
"""

# One row per (unit, source of money), project tables only: a department table restates the unit's whole budget.
BUDGET = f"""
WITH {_TABLES},
sums AS (
    SELECT unit_name, count(*) AS n_projects, sum(budget_total) AS total,
           sum(coalesce(budget_fiscal, 0)) AS fiscal, sum(coalesce(budget_other, 0)) AS other
    FROM tables WHERE kind = 'project' AND first_copy GROUP BY unit_name
)
SELECT unit_name, n_projects, total::DOUBLE AS total, source, amount::DOUBLE AS amount FROM sums,
       LATERAL (VALUES ('财政拨款 fiscal', fiscal), ('其他资金 other', other),
                       ('未分列 not split', greatest(coalesce(total, 0) - fiscal - other, 0))) AS s(source, amount)
WHERE amount > 0
ORDER BY total DESC NULLS LAST, unit_name, source
"""

# Each unit's distinct targets are the points: a unit stating 95% in thirty projects is one point at 95, so the
# quartiles and fences are over units, and the page stays small for a bureau of hundreds of units.
_SPREAD = f"""
points AS (
    SELECT DISTINCT c.family_name, c.unit_name, c.target_value_std AS value, c.target_unit_std AS unit
    FROM cross_unit c JOIN family_stats s USING (family_name)
    WHERE c.target_value_std IS NOT NULL AND c.target_unit_std IS NOT DISTINCT FROM s.target_unit_std
      AND ($year IS NULL OR c.fiscal_year = $year)
),
families AS (
    SELECT family_name, count(DISTINCT unit_name) AS n_units, quantile_cont(value, 0.25) AS q1,
           quantile_cont(value, 0.5) AS median, quantile_cont(value, 0.75) AS q3,
           row_number() OVER (ORDER BY count(DISTINCT unit_name) DESC, count(*) DESC, family_name) AS pos
    FROM points GROUP BY family_name HAVING count(DISTINCT unit_name) >= {MIN_UNITS_FOR_SPREAD}
),
fenced AS (
    SELECT p.*, f.pos, p.value < f.q1 - {OUTLIER_IQR} * (f.q3 - f.q1) OR p.value > f.q3 + {OUTLIER_IQR} * (f.q3 - f.q1)
               AS outlier
    FROM points p JOIN families f USING (family_name) WHERE f.pos <= $top
)"""

# One dot per family and target value: how many units state it, and the first few of them by name.
TARGETS = f"""
WITH {_SPREAD}
SELECT family_name, unit, value, outlier, count(*) AS n_units_at,
       array_to_string(list_sort(list(unit_name))[1:3], '、') || CASE WHEN count(*) > 3 THEN ' …' ELSE '' END AS units
FROM fenced GROUP BY ALL ORDER BY min(pos), value
"""

# One box per family: quartiles, and whiskers to the furthest targets inside the fences.
TARGET_BOXES = f"""
WITH {_SPREAD}
SELECT family_name, any_value(unit) AS unit, any_value(f.n_units) AS n_units, any_value(f.q1) AS q1,
       any_value(f.median) AS median, any_value(f.q3) AS q3,
       min(value) FILTER (WHERE NOT outlier) AS low, max(value) FILTER (WHERE NOT outlier) AS high
FROM fenced JOIN families f USING (family_name) GROUP BY family_name ORDER BY any_value(f.pos)
"""

QUALITY = f"""
WITH {_TABLES},
rows AS (SELECT table_id, count(*) AS n, count(*) FILTER (WHERE is_quantitative) AS n_quantitative
         FROM store.indicators GROUP BY table_id),
issues AS (SELECT table_id, count(*) FILTER (WHERE severity = 'error') AS n_errors,
                  count(*) FILTER (WHERE severity = 'warning') AS n_warnings
           FROM store.dq_issues GROUP BY table_id)
SELECT t.unit_name, count(*) AS n_tables, coalesce(sum(r.n), 0)::BIGINT AS n_indicators,
       coalesce(sum(q.n_errors), 0)::BIGINT AS n_errors, coalesce(sum(q.n_warnings), 0)::BIGINT AS n_warnings,
       (sum(r.n_quantitative) / nullif(sum(r.n), 0))::DOUBLE AS share_quantitative,
       avg(CASE WHEN coalesce(q.n_errors, 0) = 0 THEN 1.0 ELSE 0.0 END)::DOUBLE AS share_tables_passing
FROM tables t LEFT JOIN rows r USING (table_id) LEFT JOIN issues q USING (table_id)
WHERE t.first_copy
GROUP BY t.unit_name ORDER BY n_errors DESC, n_warnings DESC, t.unit_name
"""

DEFECTS = f"""
WITH {_TABLES}
SELECT q.rule, q.severity, count(*) AS n_issues, count(DISTINCT t.unit_name) AS n_units,
       any_value(q.message ORDER BY q.table_id, q.row_no) AS example
FROM store.dq_issues q JOIN tables t USING (table_id)
WHERE t.first_copy
GROUP BY q.rule, q.severity ORDER BY n_issues DESC, q.rule
"""

UNIT_TABLES = f"""
WITH {_TABLES},
rows AS (SELECT table_id, count(*) AS n_indicators FROM store.indicators GROUP BY table_id),
issues AS (
    SELECT table_id, count(*) FILTER (WHERE severity = 'error') AS n_errors,
           count(*) FILTER (WHERE severity = 'warning') AS n_warnings
    FROM store.dq_issues GROUP BY table_id
)
SELECT t.unit_name, regexp_extract(d.path, '[^/\\\\]+$') AS file, t.seq, t.kind, t.fiscal_year, t.project_name,
       t.budget_total::DOUBLE AS budget_total, coalesce(r.n_indicators, 0) AS n_indicators,
       coalesce(q.n_errors, 0) AS n_errors, coalesce(q.n_warnings, 0) AS n_warnings
FROM tables t JOIN store.documents d USING (doc_id) LEFT JOIN rows r USING (table_id) LEFT JOIN issues q USING (table_id)
ORDER BY t.unit_name, file, t.seq
"""

UNIT_ISSUES = f"""
WITH {_TABLES}
SELECT t.unit_name, regexp_extract(d.path, '[^/\\\\]+$') AS file, t.seq, q.row_no, i.level3, q.rule, q.severity,
       q.message
FROM store.dq_issues q JOIN tables t USING (table_id) JOIN store.documents d USING (doc_id)
LEFT JOIN store.indicators i ON i.table_id = q.table_id AND i.row_no = q.row_no
ORDER BY t.unit_name, q.severity, file, t.seq, q.row_no NULLS FIRST, q.rule
"""


# Self-evaluations: a row counts once however many files (Word, Excel, PDF) of it are loaded.
_ACHIEVED_ROWS = """
rows AS (
    SELECT DISTINCT unit_name, fiscal_year, project_name, level3, target_raw, actual_raw, achieved, weight, score
    FROM achievement WHERE $year IS NULL OR fiscal_year = $year
)"""

ACHIEVED_BY_UNIT = f"""
WITH {_ACHIEVED_ROWS}
SELECT unit_name, count(*) AS n_judged, count(*) FILTER (WHERE achieved) AS n_reached,
       (count(*) FILTER (WHERE achieved) / count(*))::DOUBLE AS share_reached
FROM rows WHERE achieved IS NOT NULL
GROUP BY unit_name ORDER BY share_reached, unit_name
"""

# The scores a reviewer questions first: full marks on a missed target, or a reached target marked down.
SCORE_MISMATCHES = f"""
WITH {_ACHIEVED_ROWS}
SELECT unit_name, fiscal_year, project_name, level3, target_raw, actual_raw, weight, score,
       CASE WHEN achieved THEN 'reached, not scored in full 达标未满分'
            ELSE 'missed, scored in full 未达标却满分' END AS what
FROM rows
WHERE score IS NOT NULL AND weight IS NOT NULL AND ((NOT achieved AND score >= weight) OR (achieved AND score < weight))
ORDER BY NOT achieved DESC, unit_name, project_name, level3
"""


def _empty() -> pl.DataFrame:
    return pl.DataFrame()


@dataclass(frozen=True)
class ReportData:
    """Everything `perfgoals report` shows, one frame per part of the page."""

    overview: dict
    budget: pl.DataFrame
    targets: pl.DataFrame
    target_boxes: pl.DataFrame
    quality: pl.DataFrame
    defects: pl.DataFrame
    unit_tables: pl.DataFrame
    unit_issues: pl.DataFrame
    year: int | None = None
    achieved: pl.DataFrame = field(default_factory=_empty)  # share of targets reached, per unit (self-evaluations)
    score_mismatches: pl.DataFrame = field(default_factory=_empty)


def report_data(source: Source, *, year: int | None = None, top_families: int = TOP_FAMILIES) -> ReportData:
    """Read what the report shows from the warehouse at ``source`` (a file or an open connection).

    ``top_families``: how many families (those in most units) get a distribution chart.
    """
    params = {"year": year}
    with reading(source) as con:
        overview = frame(con.sql(OVERVIEW, params=params)).row(0, named=True)
        return ReportData(overview=overview,
                          budget=frame(con.sql(BUDGET, params=params)),
                          targets=frame(con.sql(TARGETS, params=params | {"top": top_families})),
                          target_boxes=frame(con.sql(TARGET_BOXES, params=params | {"top": top_families})),
                          quality=frame(con.sql(QUALITY, params=params)),
                          defects=frame(con.sql(DEFECTS, params=params)),
                          unit_tables=frame(con.sql(UNIT_TABLES, params=params)),
                          unit_issues=frame(con.sql(UNIT_ISSUES, params=params)),
                          year=year,
                          achieved=frame(con.sql(ACHIEVED_BY_UNIT, params=params)),
                          score_mismatches=frame(con.sql(SCORE_MISMATCHES, params=params)))
