"""Text folding shared by every stage: the small steps that make two spellings of one word compare equal.

Goal tables reach us through Word, Excel and three PDF text layers, and
each writes the same words a little differently: full-width digits
(``３９８``), Kangxi radicals for common hanzi (``⼈`` for ``人``), no-break
and ideographic spaces, zero-width characters, a line break inside a
word, ``【】`` for ``()``. Each caller folds what it must and keeps what it
needs, so this module is a set of composable steps rather than one rule:

* ``nfkc``: compatibility forms folded (width variants, radicals, ``㎡``).
* ``drop_invisible``: characters that print as nothing (zero-width, soft
  hyphen, BOM); with ``controls=True`` also control characters and the
  non-characters pdfium emits (``\\x02``, ``\\ufffe``).
* ``drop_white_space`` / ``single_spaced``: white space of any kind
  (Python's ``\\s`` covers U+00A0, U+3000 and the U+2000 block) removed, or
  collapsed to one plain space.
* ``drop_spaces_between_cjk``: a space only where it means something,
  between non-Chinese tokens (``GB 50016``).
* ``ascii_width``: full-width ASCII (``０-９ ．％``) as ASCII, without the
  rest of NFKC (``①`` stays, so it never becomes a ``1``).
* ``brackets_as_parens``: ``【】〔〕[]{}`` as ``()``.
* ``squeezed``: NFKC, no invisible characters, no white space: what a
  label or a marker is matched on.

``TITLE_NUMBER`` (a title's own ``1.`` / ``2、``) is here too, because both
the PDF triage (extract/) and the layout parser (transform/) read titles,
and extract/ may not import transform/. This module imports nothing of
ours (``tests/test_layers.py``).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

# Characters that print as nothing: soft hyphen, zero-width space/joiners, LRM/RLM, word joiner, BOM.
INVISIBLE = "\u00ad\u200b-\u200f\u2060\ufeff"
# Control characters and the non-characters a PDF text layer carries where a glyph has no map (pdfium's \ufffe).
CONTROLS = "\x00-\x1f\x7f\ufffe\uffff"
_INVISIBLE = re.compile(f"[{INVISIBLE}]+")
_INVISIBLE_OR_CONTROL = re.compile(f"[{INVISIBLE}{CONTROLS}]+")
_WHITE_SPACE = re.compile(r"\s+")

# Chinese ideographs (incl. extensions and compatibility forms), CJK symbols and punctuation (、。《》「」【】〜 …),
# full-width forms (：，（）％ …) and the general punctuation Chinese text uses (“ ” ‘ ’ … —).
CJK = (
    r"\u2e80-\u2fdf\u3001-\u303f\u3040-\u30ff\u3100-\u312f\u31a0-\u31bf"
    r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff01-\uffef"
    r"\u2014\u2018\u2019\u201c\u201d\u2026\u00b7"
    r"\U00020000-\U0003134f"
)
_SPACE_BETWEEN_CJK = re.compile(rf"(?<=[{CJK}]) (?=[{CJK}])")

FULL_WIDTH_YEN = "\uffe5"  # ￥, outside the full-width ASCII block but written as often as ¥
_BRACKETS = str.maketrans("【】〔〕[]{}", "()()()()")

# A title's own number in front of it: ``1.`` ``2、`` ``3．`` (with the spaces after it). The layout parser joins a
# numbered line with the title after it, and the PDF triage must know when it may, so both read this one pattern.
TITLE_NUMBER = re.compile(r"^\d+\s*[.．、]\s*")


def nfkc(text: str) -> str:
    """``text`` in Unicode NFKC: ``"３９８％"`` → ``"398%"``, ``"⼈员"`` (Kangxi radical) → ``"人员"``."""
    return unicodedata.normalize("NFKC", text)


def drop_invisible(text: str, *, controls: bool = False) -> str:
    """``text`` without the characters that print as nothing: ``"满意\\u200b度"`` → ``"满意度"``.

    ``controls=True`` also drops control characters (tab and line breaks
    included) and U+FFFE/U+FFFF, which PDF text layers carry
    (``"绩效\\x02目标"`` → ``"绩效目标"``); cell text keeps its line breaks for
    ``single_spaced`` to turn into spaces, so that is not the default.
    """
    return (_INVISIBLE_OR_CONTROL if controls else _INVISIBLE).sub("", text)


def drop_white_space(text: str) -> str:
    """``text`` with every white-space character removed: ``"一级指\\n标"`` → ``"一级指标"``, ``"资\\u3000金"`` → ``"资金"``."""
    return _WHITE_SPACE.sub("", text)


def single_spaced(text: str) -> str:
    """``text`` on one line: each run of white space one plain space, none at either end.

    ``" ≥  95\\t%\\n"`` → ``"≥ 95 %"``; ``"服务\\u00a0对象"`` → ``"服务 对象"``.
    """
    return _WHITE_SPACE.sub(" ", text).strip()


def drop_spaces_between_cjk(text: str) -> str:
    """``text`` without the single spaces between two Chinese characters or CJK punctuation marks.

    A wrapped cell breaks mid-word (``"财政 资金"`` → ``"财政资金"``, ``"“ 干警 ”"`` →
    ``"“干警”"``); a space next to a Latin letter or a digit means something and
    stays (``"GB 50016 标准"``, ``"12368 热线"``). Expects ``single_spaced`` text.
    """
    return _SPACE_BETWEEN_CJK.sub("", text)


@cache
def _ascii_width_table(keep: str) -> dict[int, int]:
    table = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F) if chr(c) not in keep}
    if FULL_WIDTH_YEN not in keep:
        table[ord(FULL_WIDTH_YEN)] = ord("¥")
    return table


def ascii_width(text: str, *, keep: str = "") -> str:
    """``text`` with full-width ASCII (U+FF01–U+FF5E) and ``￥`` as their ASCII forms, except the characters in ``keep``.

    ``"１，２３４．５"`` → ``"1,234.5"``; ``"￥300"`` → ``"¥300"``; ``ascii_width("台（套）≥５", keep="（）")``
    → ``"台（套）≥5"``. Narrower than ``nfkc``: circled and superscript digits
    (``①``, ``²``) stay what they are, so they never read as numbers.
    """
    return text.translate(_ascii_width_table(keep))


def brackets_as_parens(text: str) -> str:
    """``text`` with ``【】〔〕[]{}`` as ``()``: ``"【项目】资金"`` → ``"(项目)资金"`` (NFKC already made ``（）`` ASCII)."""
    return text.translate(_BRACKETS)


def squeezed(text: str, *, controls: bool = False) -> str:
    """``text`` as words are matched: NFKC, no invisible characters, no white space at all.

    ``"一级指\\n标"`` → ``"一级指标"`` (a wrapped header cell), ``"绩效目标\\u3000表"`` →
    ``"绩效目标表"``, ``"⼈员经费"`` → ``"人员经费"``. ``controls`` as in ``drop_invisible``.
    """
    return drop_white_space(drop_invisible(nfkc(text), controls=controls))
