"""Unit identity: one budget unit written with and without its code, or with small variations, is one unit.

Layout A glues the 6-digit unit code to the name (``216101天津市蓟州区人民法院``);
layout B and department tables give the name alone, sometimes shortened
(``蓟州区人民法院``). A unit is its code when one is written; a name written
without a code belongs to the coded unit that has it as a name, or whose
name it is the end of (a region prefix left out), when exactly one does;
the remaining names are units of their own, again joined when one is the
end of another. Names are looked up by their ends (``_NameIndex``), not
compared with every unit's names, so the work grows with the names written.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
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


def _unit_id(code: str | None, name: str) -> str:
    return code or "n" + hashlib.sha1(name.encode()).hexdigest()[:11]


class _NameIndex:
    """Units by the names they are written with, so that the units a name is a name of are found without a scan.

    ``ends`` holds every end of every name that is long enough to identify a unit (``MIN_SUFFIX_CHARS``): names
    are short, so that is a few entries a name, and "the units with a name that is this name or ends with it"
    is one look-up; "the units with a name this name ends with" is one look-up per end of this name.
    """

    def __init__(self) -> None:
        self.names: dict[str, set[str]] = {}  # unit → its names
        self.exact: dict[str, set[str]] = defaultdict(set)  # name → the units written with it
        self.ends: dict[str, set[str]] = defaultdict(set)  # an end of a name → the units with a name ending so

    def add(self, unit: str, name: str) -> None:
        """Record ``name`` as a name of ``unit``."""
        names = self.names.setdefault(unit, set())
        if name in names:
            return
        names.add(name)
        self.exact[name].add(unit)
        for size in range(MIN_SUFFIX_CHARS, len(name) + 1):
            self.ends[name[-size:]].add(unit)

    def forget(self, unit: str) -> None:
        """Drop every name of ``unit`` (the unit is started afresh)."""
        for name in self.names.pop(unit, ()):
            self.exact[name].discard(unit)
            for size in range(MIN_SUFFIX_CHARS, len(name) + 1):
                self.ends[name[-size:]].discard(unit)

    def match(self, name: str) -> str | None:
        """The one unit ``name`` is a name of, or None when none or several are.

        ``name`` is a name of a unit when it equals one of its names, or when the shorter of the two is the end of
        the longer and long enough to name one unit: 蓟州区人民法院 / 天津市蓟州区人民法院.
        """
        groups = [self.exact.get(name)]
        if len(name) >= MIN_SUFFIX_CHARS:
            groups.append(self.ends.get(name))  # names ending with this one (or equal to it)
            groups += [self.exact.get(name[-size:]) for size in range(MIN_SUFFIX_CHARS, len(name))]  # its ends
        found: str | None = None
        for units in groups:
            if not units:
                continue
            if len(units) > 1:  # decided without going through them: 区人民法院 ends a thousand names
                return None
            (unit,) = units
            if found is not None and unit != found:
                return None
            found = unit
        return found


def identify_units(written: pl.DataFrame) -> Units:
    """Units from the (unit_code, unit_name, n_tables) pairs as written in goal tables.

    A unit's name is the name most tables write for it (then the longest); ``aliases`` lists every other name.
    """
    rows = [(r["unit_code"] or None, r["unit_name"] or "", r["n_tables"] or 0) for r in written.iter_rows(named=True)]
    coded, uncoded = _NameIndex(), _NameIndex()
    frozen: set[str] = set()  # coded units whose names no longer grow (below)
    counts: dict[str, Counter[str]] = {}
    owner: dict[tuple[str | None, str], str] = {}
    for code, name, n in rows:
        if code:
            coded.add(code, _norm(name))
            counts.setdefault(code, Counter())[name] += n
            owner[(code, name)] = code
    # Longest first: a full name is placed before the shortened ones that may end it.
    for code, name, n in sorted((r for r in rows if not r[0]), key=lambda r: -len(_norm(r[1]))):
        norm = _norm(name)
        unit = coded.match(norm) or uncoded.match(norm)
        if unit is None:
            unit = _unit_id(None, norm)
            # A unit started afresh under an id already taken keeps only this name. (Should a code be written
            # like such an id, the coded unit keeps the names it had for matching, and gains none from here on:
            # what the implementation before the index did, kept so that both give the same units.)
            if unit in coded.names:
                frozen.add(unit)
            else:
                uncoded.forget(unit)
        if unit not in coded.names:
            uncoded.add(unit, norm)
        elif unit not in frozen:
            coded.add(unit, norm)
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
