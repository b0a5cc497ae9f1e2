"""Joining wrapped lines of one cell or paragraph without inventing spaces inside Chinese words.

A PDF breaks a cell's text wherever the column ends, so ``地址、邮编`` /
``准确率`` must come back as ``地址、邮编准确率``; only between two Latin or
digit fragments is the break read as a space (``Budget`` / ``total`` →
``Budget total``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# Code point ranges written without spaces between words: Han ideographs, kana, hangul,
# CJK and full-width punctuation and forms.
_CJK_RANGES: tuple[tuple[int, int], ...] = (
    (0x2E80, 0x2FDF),  # CJK radicals, Kangxi radicals
    (0x3000, 0x303F),  # CJK symbols and punctuation: 、。〈〉《》「」【】
    (0x3040, 0x30FF),  # hiragana, katakana
    (0x3100, 0x31BF),  # bopomofo
    (0x31C0, 0x31EF),  # CJK strokes
    (0x3200, 0x33FF),  # enclosed CJK, CJK compatibility (㎡)
    (0x3400, 0x4DBF),  # CJK extension A
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xAC00, 0xD7AF),  # hangul syllables
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0xFE30, 0xFE4F),  # CJK compatibility forms
    (0xFF00, 0xFFEF),  # full-width forms: ，：；（）％＞０-９
    (0x20000, 0x3FFFF),  # CJK extensions B onward
)
# General punctuation that Chinese text uses and that never takes a space around it.
_CJK_PUNCTUATION = frozenset("—–…‘’“”·•")


# The same set as one character class: the PDF reader asks it of every pair of neighbouring glyphs (13 700 times on
# the 23 goal-table pages of four budgets), and one match takes a fifth of the time of walking the ranges: laying
# out those pages went from 86 to 70 ms CPU (issue 16).
CJK_CHAR = re.compile(
    "[" + re.escape("".join(sorted(_CJK_PUNCTUATION))) + "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in _CJK_RANGES) + "]"
)


def is_cjk(char: str) -> bool:
    """True for one character of Chinese (or Japanese/Korean) script or CJK/full-width punctuation."""
    return CJK_CHAR.fullmatch(char) is not None


def join_two(left: str, right: str) -> str:
    """Join two fragments across a line break: nothing between them if either side of the break is CJK, else one space."""
    left, right = left.rstrip(), right.lstrip()
    if not left or not right:
        return left + right
    glue = "" if is_cjk(left[-1]) or is_cjk(right[0]) else " "
    return left + glue + right


def join_lines(lines: Iterable[str]) -> str:
    """Join a cell's visual lines into its text; blank lines are dropped, whitespace at each break is dropped."""
    text = ""
    for line in lines:
        line = line.strip()
        if line:
            text = join_two(text, line) if text else line
    return text
