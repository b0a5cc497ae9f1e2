"""Views computed across documents: indicator families, units, the cross-unit comparison built on them, and
what self-evaluations achieved (``warehouse.achievement``).

``store.indicator_families`` and ``store.units`` are recomputed after every
run (``warehouse.identity``); these views join them to the loaded rows, so
``cross_unit`` and ``family_stats`` always reflect every document loaded.
"""

from __future__ import annotations

from warehouse.achievement import ACHIEVEMENT_VIEW
from warehouse.joins import UNIT_OF


CROSS_UNIT = f"""
SELECT f.family_name, coalesce(u.unit_name, g.unit_name) AS unit_name, g.project_name, g.fiscal_year,
       i.target_raw, i.target_op, i.target_value_std, i.target_unit_std,
       i.indicator_key, coalesce(u.unit_code, g.unit_code) AS unit_code, i.table_id, i.row_no
FROM store.indicators i
JOIN store.goal_tables g USING (table_id)
JOIN store.indicator_families f USING (indicator_key){UNIT_OF}
WHERE g.kind <> 'self_evaluation'"""

# Statistics over the rows in the family's usual unit (a row in another unit would not compare).
FAMILY_STATS = """
WITH rows AS (SELECT * FROM main.cross_unit),
usual AS (
    SELECT family_name, arg_max(target_unit_std, n) AS unit
    FROM (SELECT family_name, target_unit_std, count(*) AS n FROM rows
          WHERE target_value_std IS NOT NULL GROUP BY ALL)
    GROUP BY family_name
)
SELECT r.family_name,
       count(DISTINCT r.unit_name) AS n_units,
       min(r.target_value_std) FILTER (WHERE r.target_unit_std = s.unit) AS min_value,
       median(r.target_value_std) FILTER (WHERE r.target_unit_std = s.unit) AS median_value,
       max(r.target_value_std) FILTER (WHERE r.target_unit_std = s.unit) AS max_value,
       s.unit AS target_unit_std,
       count(*) AS n_indicators,
       count(DISTINCT r.indicator_key) AS n_keys
FROM rows r LEFT JOIN usual s USING (family_name)
GROUP BY r.family_name, s.unit"""

UNIT_QUALITY = f"""
WITH tables AS (
    SELECT coalesce(u.unit_name, g.unit_name) AS unit_name, g.table_id FROM store.goal_tables g{UNIT_OF}
    WHERE g.kind <> 'self_evaluation'
),
rows AS (
    SELECT table_id, count(*) AS n, count(*) FILTER (WHERE is_quantitative) AS n_quantitative
    FROM store.indicators GROUP BY table_id
),
issues AS (
    SELECT table_id, count(*) FILTER (WHERE severity = 'error') AS n_errors,
           count(*) FILTER (WHERE severity = 'warning') AS n_warnings
    FROM store.dq_issues GROUP BY table_id
)
SELECT t.unit_name,
       count(*) AS n_tables,
       coalesce(sum(r.n), 0)::BIGINT AS n_indicators,
       coalesce(sum(q.n_errors), 0)::BIGINT AS n_errors,
       coalesce(sum(q.n_warnings), 0)::BIGINT AS n_warnings,
       round(sum(r.n_quantitative) / nullif(sum(r.n), 0), 4) AS share_quantitative,
       round(avg(CASE WHEN coalesce(q.n_errors, 0) = 0 THEN 1.0 ELSE 0.0 END), 4) AS share_tables_passing
FROM tables t LEFT JOIN rows r USING (table_id) LEFT JOIN issues q USING (table_id)
GROUP BY t.unit_name"""

# (view, what a row is, ((column, meaning), ...), SELECT), created after the contract's views, in this order.
DERIVED_VIEWS: tuple[tuple[str, str, tuple[tuple[str, str], ...], str], ...] = (
    ("indicator_families", "One row per indicator_key: the family of keys that name the same indicator across"
                           " units, recomputed after every ingest.", (
        ("family_id", "Stable id of the family (from its name)."),
        ("family_name", "The family's name: the key written most often, or the name a bureau pinned."),
        ("indicator_key", "An indicator key (indicators.indicator_key)."),
        ("pinned", "True when a bureau pinned this key to the family by hand (perfgoals family pin)."),
    ), "SELECT family_id, family_name, indicator_key, pinned FROM store.indicator_families"),
    ("units", "One row per budget unit, however its name and code are written.", (
        ("unit_code", "Budget unit code; null when no document gives one."),
        ("unit_name", "The name most goal tables write."),
        ("aliases", "Other ways the unit's name is written."),
    ), "SELECT unit_code, unit_name, aliases FROM store.units"),
    ("cross_unit", "One row per indicator, with its family and unit, for comparing the same indicator across"
                   " units.", (
        ("family_name", "Indicator family (indicator_families)."),
        ("unit_name", "Budget unit (units.unit_name)."),
        ("project_name", "Project name as written."),
        ("fiscal_year", "Fiscal year of the goal table."),
        ("target_raw", "指标值 as written."),
        ("target_op", ">=, <=, =, > or <; null for a qualitative target."),
        ("target_value_std", "Target in the standard unit."),
        ("target_unit_std", "Standard unit."),
        ("indicator_key", "The indicator's key, as this unit wrote it."),
        ("unit_code", "Budget unit code (units.unit_code)."),
        ("table_id", "Goal table."),
        ("row_no", "Indicator row."),
    ), CROSS_UNIT),
    ("family_stats", "One row per indicator family: in how many units it appears, and the spread of its targets.", (
        ("family_name", "Indicator family."),
        ("n_units", "Units with at least one indicator of the family."),
        ("min_value", "Lowest target_value_std, over the rows in the family's usual unit."),
        ("median_value", "Median target_value_std, same rows."),
        ("max_value", "Highest target_value_std, same rows."),
        ("target_unit_std", "The family's usual standard unit (null when no row has a number)."),
        ("n_indicators", "Indicator rows in the family."),
        ("n_keys", "Different keys (wordings) in the family."),
    ), FAMILY_STATS),
    ("unit_quality", "One row per budget unit: how its goal tables fare in review.", (
        ("unit_name", "Budget unit (units.unit_name)."),
        ("n_tables", "Goal tables."),
        ("n_indicators", "Indicator rows."),
        ("n_errors", "Error-level issues (dq_issues)."),
        ("n_warnings", "Warning-level issues."),
        ("share_quantitative", "Share of indicators with a numeric target (0-1)."),
        ("share_tables_passing", "Share of goal tables without any error-level issue (0-1)."),
    ), UNIT_QUALITY),
    ACHIEVEMENT_VIEW,
)
