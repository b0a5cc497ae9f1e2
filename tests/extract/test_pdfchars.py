"""Which characters count as CJK where a gap or a line break is read: the class every PDF char pair is asked."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from extract.pdfchars import needs_space
from extract.textjoin import _CJK_PUNCTUATION, _CJK_RANGES, is_cjk


def _by_the_ranges(char: str) -> bool:
    """The definition, read off the table: a listed punctuation mark or a code point in one of the ranges."""
    return char in _CJK_PUNCTUATION or any(lo <= ord(char) <= hi for lo, hi in _CJK_RANGES)


def test_every_range_edge() -> None:
    edges = [chr(c) for lo, hi in _CJK_RANGES for c in (lo - 1, lo, hi, hi + 1) if 0 <= c <= 0x10FFFF]
    assert [is_cjk(c) for c in edges] == [_by_the_ranges(c) for c in edges]
    assert is_cjk("中") and is_cjk("，") and is_cjk("—") and is_cjk("𠀀")
    assert not is_cjk("a") and not is_cjk("5") and not is_cjk(",") and not is_cjk(" ")


@settings(max_examples=2000, deadline=None, derandomize=True, database=None)
@given(st.characters())
def test_is_cjk_is_the_table(char: str) -> None:
    assert is_cjk(char) == _by_the_ranges(char)


def _char(text: str, x0: float, x1: float) -> dict:
    return {"text": text, "x0": x0, "x1": x1, "top": 0.0, "bottom": 10.0, "size": 10.0}


def test_a_gap_next_to_cjk_on_either_side_needs_a_whole_em() -> None:
    # 5 pt gap at 10 pt: a space between Latin letters (over a quarter em), none next to a CJK character.
    assert needs_space(_char("a", 0, 5), _char("b", 10, 15))
    assert not needs_space(_char("中", 0, 5), _char("b", 10, 15))
    assert not needs_space(_char("a", 0, 5), _char("中", 10, 15))
    assert needs_space(_char("中", 0, 5), _char("文", 16, 21))  # 11 pt: over an em
