"""Unit identity: one budget unit written with and without its code, or with small variations, is one unit.

Layout A glues the 6-digit unit code to the name (``216101天津市蓟州区人民法院``);
layout B and department tables give the name alone, sometimes shortened
(``蓟州区人民法院``). A unit is its code when one is written; a name written
without a code belongs to the coded unit that has it as a name, or whose
name it is the end of (a region prefix left out), when exactly one does;
the remaining names are units of their own, again joined when one is the
end of another.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

import polars as pl

from core.text import squeezed

MIN_SUFFIX_CHARS = 5  # 人民法院 alone is the end of every court's name: too short to identify one
UNITS_SCHEMA = {"unit_id": pl.String(), "unit_code": pl.String(), "unit_name": pl.String(),
                "aliases": pl.List(pl.String())}
ALIASES_SCHEMA = {"written_code": pl.String(), "written_name": pl.String(), "unit_id": pl.String()}


@dataclass(frozen=True)
class Units:
    """The units (one row each) and every (code, name) as written → its unit."""

    units: pl.DataFrame
    aliases: pl.DataFrame


def _norm(name: str | None) -> str:
    """A unit name as names are compared: width, spaces and invisible characters folded (``core.text.squeezed``)."""
    return squeezed(name or "")


def _same_unit(short: str, long: str) -> bool:
    """True when ``short`` is ``long`` or its end, long enough to name one unit: 蓟州区人民法院 / 天津市蓟州区人民法院."""
    return short == long or (len(short) >= MIN_SUFFIX_CHARS and long.endswith(short))


def _unit_id(code: str | None, name: str) -> str:
    return code or "n" + hashlib.sha1(name.encode()).hexdigest()[:11]


def _match(name: str, names_of: dict[str, set[str]]) -> str | None:
    """The one unit (key of ``names_of``) that ``name`` is a name of, or None when none or several are."""
    hits = [u for u, names in names_of.items() if any(_same_unit(*sorted((name, n), key=len)) for n in names)]
    return hits[0] if len(hits) == 1 else None


def identify_units(written: pl.DataFrame) -> Units:
    """Units from the (unit_code, unit_name, n_tables) pairs as written in goal tables.

    A unit's name is the name most tables write for it (then the longest); ``aliases`` lists every other name.
    """
    rows = [(r["unit_code"] or None, r["unit_name"] or "", r["n_tables"] or 0) for r in written.iter_rows(named=True)]
    names_of: dict[str, set[str]] = {}
    counts: dict[str, Counter[str]] = {}
    owner: dict[tuple[str | None, str], str] = {}
    for code, name, n in rows:
        if code:
            names_of.setdefault(code, set()).add(_norm(name))
            counts.setdefault(code, Counter())[name] += n
            owner[(code, name)] = code
    coded = dict(names_of)
    for code, name, n in sorted((r for r in rows if not r[0]), key=lambda r: -len(_norm(r[1]))):
        unit = _match(_norm(name), coded) or _match(_norm(name), {k: v for k, v in names_of.items() if k not in coded})
        if unit is None:
            unit = _unit_id(None, _norm(name))
            names_of[unit] = set()
        names_of[unit].add(_norm(name))
        counts.setdefault(unit, Counter())[name] += n
        owner[(None, name)] = unit
    return Units(_unit_rows(counts), pl.DataFrame(
        [{"written_code": c, "written_name": n, "unit_id": u} for (c, n), u in owner.items()], schema=ALIASES_SCHEMA))


def _unit_rows(counts: dict[str, Counter[str]]) -> pl.DataFrame:
    out = []
    for unit, names in counts.items():
        ranked: Iterable[str] = sorted(names, key=lambda n: (-names[n], -len(n), n))
        first, *others = ranked
        code = unit if not unit.startswith("n") else None
        out.append({"unit_id": unit, "unit_code": code, "unit_name": first, "aliases": sorted(set(others))})
    return pl.DataFrame(out, schema=UNITS_SCHEMA).sort("unit_name")
