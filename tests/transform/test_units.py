"""Unit identity: exact units and aliases for small hand cases, and the same units as the scan the index replaced."""

from __future__ import annotations

from collections import Counter

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st
from polars.testing import assert_frame_equal

from transform.units import ALIASES_SCHEMA, MIN_SUFFIX_CHARS, Units, _norm, _unit_id, _unit_rows, identify_units

WRITTEN_SCHEMA = {"unit_code": pl.String(), "unit_name": pl.String(), "n_tables": pl.Int32()}  # unit_input's


def _written(*rows: tuple[str | None, str | None, int | None]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema=WRITTEN_SCHEMA, orient="row")


def _units(got: Units) -> list[tuple]:
    return [tuple(r.values()) for r in got.units.iter_rows(named=True)]


def _aliases(got: Units) -> list[tuple]:
    return [tuple(r.values()) for r in got.aliases.iter_rows(named=True)]


# --------------------------------------------------------------------------- the implementation before the index
# Verbatim (but for names) from transform/units.py at e903400: every uncoded name compared with every unit's names.


def _old_same_unit(short: str, long: str) -> bool:
    return short == long or (len(short) >= MIN_SUFFIX_CHARS and long.endswith(short))


def _old_match(name: str, names_of: dict[str, set[str]]) -> str | None:
    hits = [u for u, names in names_of.items() if any(_old_same_unit(*sorted((name, n), key=len)) for n in names)]
    return hits[0] if len(hits) == 1 else None


def _old_identify_units(written: pl.DataFrame) -> Units:
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
        unit = _old_match(_norm(name), coded) or _old_match(_norm(name), {k: v for k, v in names_of.items()
                                                                          if k not in coded})
        if unit is None:
            unit = _unit_id(None, _norm(name))
            names_of[unit] = set()
        names_of[unit].add(_norm(name))
        counts.setdefault(unit, Counter())[name] += n
        owner[(None, name)] = unit
    return Units(_unit_rows(counts), pl.DataFrame(
        [{"written_code": c, "written_name": n, "unit_id": u} for (c, n), u in owner.items()], schema=ALIASES_SCHEMA))


# --------------------------------------------------------------------------- hand cases, exact rows


def test_a_name_without_code_joins_the_one_coded_unit_it_ends():
    got = identify_units(_written(("216101", "天津市蓟州区人民法院", 4), (None, "蓟州区人民法院", 2),
                                  ("216102", "天津市宁河区人民法院", 3)))
    assert _units(got) == [("216102", "216102", "天津市宁河区人民法院", []),
                           ("216101", "216101", "天津市蓟州区人民法院", ["蓟州区人民法院"])]
    assert _aliases(got) == [("216101", "天津市蓟州区人民法院", "216101"), ("216102", "天津市宁河区人民法院", "216102"),
                             (None, "蓟州区人民法院", "216101")]


def test_a_name_that_ends_two_coded_units_is_a_unit_of_its_own():
    got = identify_units(_written(("216101", "天津市蓟州区人民法院", 4), ("110101", "北京市蓟州区人民法院", 1),
                                  (None, "蓟州区人民法院", 2)))
    assert _units(got) == [("110101", "110101", "北京市蓟州区人民法院", []),
                           ("216101", "216101", "天津市蓟州区人民法院", []),
                           ("n95c274cf76b", None, "蓟州区人民法院", [])]
    assert _aliases(got) == [("216101", "天津市蓟州区人民法院", "216101"), ("110101", "北京市蓟州区人民法院", "110101"),
                             (None, "蓟州区人民法院", "n95c274cf76b")]


def test_coded_units_are_tried_before_the_units_without_code():
    """蓟州区人民法院 ends 天津市蓟州区人民法院 (coded) and 北京市蓟州区人民法院 (no code): the coded one takes it."""
    got = identify_units(_written(("216101", "天津市蓟州区人民法院", 4), (None, "北京市蓟州区人民法院", 1),
                                  (None, "蓟州区人民法院", 2)))
    assert _units(got) == [("n04190d5ca3c", None, "北京市蓟州区人民法院", []),
                           ("216101", "216101", "天津市蓟州区人民法院", ["蓟州区人民法院"])]
    assert _aliases(got) == [("216101", "天津市蓟州区人民法院", "216101"), (None, "北京市蓟州区人民法院", "n04190d5ca3c"),
                             (None, "蓟州区人民法院", "216101")]


def test_names_without_code_join_each_other_longest_first_when_long_enough():
    got = identify_units(_written((None, "第一中学", 1), (None, "南京市第一中学", 1), (None, "江苏省南京市第一中学", 2),
                                  (None, "南京市第一中学 ", 5)))
    assert _units(got) == [("nd6e2a14e6ce", None, "南京市第一中学 ", ["南京市第一中学", "江苏省南京市第一中学"]),
                           ("neef138d49b7", None, "第一中学", [])]  # 4 characters: too short to be sure
    assert _aliases(got) == [(None, "江苏省南京市第一中学", "nd6e2a14e6ce"), (None, "南京市第一中学", "nd6e2a14e6ce"),
                             (None, "南京市第一中学 ", "nd6e2a14e6ce"), (None, "第一中学", "neef138d49b7")]


def test_width_spaces_invisible_characters_and_blanks():
    got = identify_units(_written(("216101", "天津市蓟州区人民法院", 4), (None, "蓟州区\u3000人民\u200b法院", 1),
                                  (None, "ＡＢ市第一中学", 1), (None, "AB市第一中学", 2), (None, "", 1), (None, None, 1)))
    assert _units(got) == [("nda39a3ee5e6", None, "", []), ("n505081a93ff", None, "AB市第一中学", ["ＡＢ市第一中学"]),
                           ("216101", "216101", "天津市蓟州区人民法院", ["蓟州区\u3000人民\u200b法院"])]
    assert _aliases(got) == [("216101", "天津市蓟州区人民法院", "216101"), (None, "蓟州区\u3000人民\u200b法院", "216101"),
                             (None, "ＡＢ市第一中学", "n505081a93ff"), (None, "AB市第一中学", "n505081a93ff"),
                             (None, "", "nda39a3ee5e6")]  # the blank and the missing name are one written name


def test_a_code_written_like_the_id_of_a_name_matches_on_the_names_it_had():
    """n31d2223aa8a is the id 天津市第一中学 gets without a code. Written as a code, that unit takes 天津市第一中学
    (which matches nothing) as a unit started under its id, and still matches only on 某市实验小学 afterwards:
    市第一中学, the end of 天津市第一中学, is a unit of its own."""
    got = identify_units(_written(("n31d2223aa8a", "某市实验小学", 1), (None, "天津市第一中学", 1), (None, "市第一中学", 1)))
    assert _units(got) == [("n31d2223aa8a", None, "天津市第一中学", ["某市实验小学"]), ("ndd5fa06fbfe", None, "市第一中学", [])]
    assert _aliases(got) == [("n31d2223aa8a", "某市实验小学", "n31d2223aa8a"), (None, "天津市第一中学", "n31d2223aa8a"),
                             (None, "市第一中学", "ndd5fa06fbfe")]


def test_a_name_that_ends_hundreds_of_units_is_a_unit_of_its_own():
    """区人民法院 ends every coded name here: a unit of its own, and every written pair keeps its unit."""
    coded = [(f"{130000 + i}", f"{a}{b}区人民法院", 1) for i, (a, b) in enumerate(
        (a, b) for a in "东西南北安平永宁新长青和清丰兴高临泰德阳" for b in "阳城河山丰宁安泉川林江源溪州台原东西南北"
        if a != b)]
    got = identify_units(_written(*coded, (None, "区人民法院", 1), (None, "东阳区人民法院", 2)))
    assert got.units.height == len(coded) + 1
    assert _aliases(got)[-2:] == [(None, "东阳区人民法院", "130000"), (None, "区人民法院", _unit_id(None, "区人民法院"))]


# --------------------------------------------------------------------------- the same units as before the index

# Names built as ends of each other: a few unit names, each written with or without a region in front, some too
# short to identify a unit (第一中学), blank, or equal once folded (Ａ/A, spaces, zero-width characters).
ENDS = ("蓟州区人民法院", "宁河区人民法院", "蓟州区法院", "区人民法院", "区第一中学", "Ａ第一中学", "第一中学", "人民法院", "")
REGIONS = ("", "", "天津市", "北京市", "市", "津市")
FOLDS = (lambda s: s, lambda s: s, lambda s: s + " ", lambda s: s[:1] + "\u3000" + s[1:],
         lambda s: s[:2] + "\u200b" + s[2:], lambda s: s.replace("Ａ", "A"))
# Codes, blank ones, and codes that are the id a name without code gets (the frozen case above).
CODES = st.sampled_from([None, None, None, "", "216101", "216102", "130001", _unit_id(None, "天津市第一中学"),
                         _unit_id(None, "天津市蓟州区人民法院"), _unit_id(None, "蓟州区人民法院"), _unit_id(None, "")])


@st.composite
def written_pairs(draw: st.DrawFn) -> list[tuple[str | None, str | None, int | None]]:
    """Up to 30 (code, name, n_tables) rows over a few names that end each other."""
    names: list[str | None] = [None]
    for end in draw(st.lists(st.sampled_from(ENDS), min_size=1, max_size=3)):
        names += [draw(st.sampled_from(FOLDS))(region + end)
                  for region in draw(st.lists(st.sampled_from(REGIONS), min_size=1, max_size=4))]
    return draw(st.lists(st.tuples(CODES, st.sampled_from(names), st.one_of(st.none(), st.integers(0, 9))),
                         max_size=30))


@settings(max_examples=300, deadline=None)
@given(written_pairs())
def test_the_index_gives_the_units_the_scan_gave(rows):
    written = _written(*rows)
    got, want = identify_units(written), _old_identify_units(written)
    assert_frame_equal(got.units, want.units)
    assert_frame_equal(got.aliases, want.aliases)
