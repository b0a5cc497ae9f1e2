"""After loading: recompute indicator families and units over everything in the warehouse."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from transform.families import assign_families
from transform.units import identify_units
from warehouse.identity import family_input, family_overrides, replace_identity, unit_input


@dataclass(frozen=True)
class IdentityInfo:
    """What the recomputation found."""

    n_keys: int
    n_families: int
    n_units: int


def refresh_identity(con: duckdb.DuckDBPyConnection) -> IdentityInfo:
    """Recompute families (keeping every pin) and units from the loaded rows, and store them."""
    families = assign_families(family_input(con), family_overrides(con))
    units = identify_units(unit_input(con))
    replace_identity(con, families, units.units, units.aliases)
    return IdentityInfo(families.height, families.get_column("family_id").n_unique(), units.units.height)
