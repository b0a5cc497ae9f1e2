"""SQL fragments the views share: the unit a goal table's written name and code belong to."""

from __future__ import annotations

# Written names → the unit they belong to (null codes compare equal); ``g`` is store.goal_tables.
UNIT_OF = """
LEFT JOIN store.unit_aliases a
       ON a.written_code IS NOT DISTINCT FROM g.unit_code AND a.written_name IS NOT DISTINCT FROM g.unit_name
LEFT JOIN store.units u ON u.unit_id = a.unit_id"""
