"""Cell text as the contract stores it: trimmed, one line, no spaces between Chinese characters.

Word and PDF cells carry tabs, line breaks, ideographic spaces (U+3000)
and no-break spaces; a wrapped cell often has a break or a run of spaces
in the middle of a word (``其中：财政    资金``). Spaces are meaningful only
between non-Chinese tokens (``GB 50016``, ``≥ 95 %``), so those runs are
kept as one space and every other run is dropped.
"""

from __future__ import annotations

import re

# Every character that Word, Excel or a PDF text layer uses as a space or
# line break; zero-width ones are deleted, the others become a plain space.
SPACE_LIKE = re.compile(r"[\s\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+")
ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")

# Chinese ideographs (incl. extensions and compatibility forms), CJK
# symbols and punctuation (、。《》「」【】〜 …), full-width forms (：，（）％ …)
# and the general punctuation Chinese text uses (“ ” ‘ ’ … —).
CJK = (
    r"\u2e80-\u2fdf\u3001-\u303f\u3040-\u30ff\u3100-\u312f\u31a0-\u31bf"
    r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff01-\uffef"
    r"\u2014\u2018\u2019\u201c\u201d\u2026\u00b7"
    r"\U00020000-\U0003134f"
)
SPACE_BETWEEN_CJK = re.compile(rf"(?<=[{CJK}]) (?=[{CJK}])")


def clean_text(s: str | None) -> str:
    """``s`` trimmed, on one line, without spaces between Chinese characters; ``""`` for None.

    ``"其中：财政    资金"`` → ``"其中：财政资金"``; ``"地址、邮编准确率\\t\\n"`` →
    ``"地址、邮编准确率"``. Spaces between other tokens collapse to one and
    stay: ``"≥  95\\t%"`` → ``"≥ 95 %"`` (the target parser tolerates them).
    """
    if not s:
        return ""
    text = ZERO_WIDTH.sub("", s)
    text = SPACE_LIKE.sub(" ", text).strip()
    return SPACE_BETWEEN_CJK.sub("", text)


def is_blank(s: str | None) -> bool:
    """True when ``s`` is None or holds nothing but spaces, tabs and line breaks (any kind)."""
    return clean_text(s) == ""
