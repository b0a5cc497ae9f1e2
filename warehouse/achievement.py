"""The view ``achievement``: each self-evaluation row beside the goal it reports on, and whether it was reached.

A self-evaluation row finds its goal row in a goal table of the same unit
(``units``, however its name is written), fiscal year and project (by its
name without year and fund-source suffix), and the same indicator: the
same ``indicator_key`` first, else the same family. Where several goal
tables match (a revision), the one loaded last wins. Without a match the
self-evaluation's own target is the target.

``achieved`` compares standardized values: ``>=``, ``>``, ``<=``, ``<`` as
written; ``=`` met when equal; a range when inside it; a 成本指标 target
written without an operator is a cap (met when the actual is at most it);
null for words or a row without a number.
"""

from __future__ import annotations

from warehouse.joins import UNIT_OF

# Where a number parses as "=" only because no operator was written (``50万元``): no = sign in the text.
EXPLICIT_EQUALS = "regexp_matches(t_raw, '[=＝]|等于')"
EQUAL_WITHIN = 1e-9

ACHIEVEMENT = f"""
WITH rows AS (
    SELECT i.table_id, i.row_no, i.level3, i.level1_std, i.indicator_key, i.target_raw, i.target_op,
           i.target_value, i.target_value_max, i.target_value_std, i.target_unit_std, i.actual_raw,
           i.actual_value_std, i.weight, i.score, i.deviation_reason, g.kind, g.fiscal_year, g.project_name,
           coalesce(g.project_base_name, g.project_name) AS project,
           coalesce(u.unit_id, g.unit_code || '|' || g.unit_name, g.unit_name) AS unit_id,
           coalesce(u.unit_name, g.unit_name) AS unit_name, coalesce(u.unit_code, g.unit_code) AS unit_code,
           f.family_name, d.ingested_at
    FROM store.indicators i
    JOIN store.goal_tables g USING (table_id)
    JOIN store.documents d USING (doc_id){UNIT_OF}
    LEFT JOIN store.indicator_families f USING (indicator_key)
),
candidates AS (
    SELECT s.table_id, s.row_no, o.table_id AS goal_table_id, o.row_no AS goal_row_no,
           row_number() OVER (PARTITION BY s.table_id, s.row_no
                              ORDER BY (o.indicator_key = s.indicator_key) DESC, o.ingested_at DESC,
                                       o.table_id DESC, o.row_no) AS rank
    FROM rows s JOIN rows o
      ON o.kind <> 'self_evaluation' AND o.unit_id = s.unit_id AND o.fiscal_year = s.fiscal_year
     AND o.project = s.project
     AND (o.indicator_key = s.indicator_key OR o.family_name = s.family_name)
    WHERE s.kind = 'self_evaluation'
),
joined AS (
    SELECT s.*, c.goal_table_id, c.goal_row_no,
           coalesce(o.target_raw, s.target_raw) AS t_raw, coalesce(o.target_op, s.target_op) AS t_op,
           CASE WHEN o.table_id IS NULL THEN s.target_value_std ELSE o.target_value_std END AS t_std,
           CASE WHEN o.table_id IS NULL THEN s.target_value ELSE o.target_value END AS t_value,
           CASE WHEN o.table_id IS NULL THEN s.target_value_max ELSE o.target_value_max END AS t_max,
           CASE WHEN o.table_id IS NULL THEN s.target_unit_std ELSE o.target_unit_std END AS t_unit,
           coalesce(o.level1_std, s.level1_std) AS t_level1
    FROM rows s
    LEFT JOIN candidates c ON c.table_id = s.table_id AND c.row_no = s.row_no AND c.rank = 1
    LEFT JOIN rows o ON o.table_id = c.goal_table_id AND o.row_no = c.goal_row_no
    WHERE s.kind = 'self_evaluation'
),
judged AS (
    SELECT *,
           -- the upper end of a range in the standard unit: the same factor as its lower end
           CASE WHEN t_max IS NOT NULL AND t_value <> 0 THEN t_max * t_std / t_value END AS t_max_std,
           {EXPLICIT_EQUALS} AS t_equals
    FROM joined
)
SELECT unit_code, unit_name, fiscal_year, project_name, indicator_key, family_name, level3,
       t_raw AS target_raw, t_op AS target_op, t_std AS target_value_std, actual_raw, actual_value_std,
       t_unit AS unit_std,
       CASE
           WHEN actual_value_std IS NULL OR t_std IS NULL THEN NULL
           WHEN t_max_std IS NOT NULL THEN actual_value_std BETWEEN t_std AND t_max_std
           WHEN t_op = '>=' THEN actual_value_std >= t_std
           WHEN t_op = '>' THEN actual_value_std > t_std
           WHEN t_op = '<=' THEN actual_value_std <= t_std
           WHEN t_op = '<' THEN actual_value_std < t_std
           WHEN t_op = '=' AND t_level1 = '成本指标' AND NOT t_equals THEN actual_value_std <= t_std
           WHEN t_op = '=' THEN abs(actual_value_std - t_std) <= {EQUAL_WITHIN}
       END AS achieved,
       weight, score, score / nullif(weight, 0) AS score_share, deviation_reason,
       table_id AS self_table_id, row_no, goal_table_id, goal_row_no
FROM judged"""

ACHIEVEMENT_VIEW = (
    "achievement", "One row per self-evaluation indicator row, beside the goal-table row it reports on, and whether"
                   " its target was reached.", (
        ("unit_code", "Budget unit code (units.unit_code)."),
        ("unit_name", "Budget unit (units.unit_name)."),
        ("fiscal_year", "Fiscal year the self-evaluation reports on."),
        ("project_name", "Project name as the self-evaluation writes it."),
        ("indicator_key", "The indicator's key, as the self-evaluation writes it."),
        ("family_name", "Indicator family (indicator_families)."),
        ("level3", "The indicator's name as the self-evaluation writes it."),
        ("target_raw", "The target: the goal table's 指标值 when one matches, else the self-evaluation's own."),
        ("target_op", ">=, <=, =, > or <; null for a qualitative target."),
        ("target_value_std", "The target in the standard unit."),
        ("actual_raw", "The actual result as written (实际完成值 / 全年完成值)."),
        ("actual_value_std", "The actual in the standard unit (a number written without a unit takes the"
                             " target's)."),
        ("unit_std", "The standard unit of both values."),
        ("achieved", "Whether the actual reaches the target (>=, >, <=, < as written; = when equal; a range when"
                     " inside; a 成本指标 number without operator is a cap); null for words."),
        ("weight", "The row's weight in points (分值 / 指标权重)."),
        ("score", "The row's score in points (得分); null when not given."),
        ("score_share", "score / weight: 1 is a full score."),
        ("deviation_reason", "偏差原因分析及改进措施 as written."),
        ("self_table_id", "The self-evaluation (goal_tables.table_id, kind self_evaluation)."),
        ("row_no", "Its indicator row."),
        ("goal_table_id", "The goal table reported on; null when none matches."),
        ("goal_row_no", "The goal table's row reported on; null when none matches."),
    ), ACHIEVEMENT)
