"""Cell text as the contract stores it: trimmed, one line, no spaces between Chinese characters.

Word and PDF cells carry tabs, line breaks, ideographic spaces (U+3000)
and no-break spaces; a wrapped cell often has a break or a run of spaces
in the middle of a word (``其中：财政    资金``). Spaces are meaningful only
between non-Chinese tokens (``GB 50016``, ``≥ 95 %``), so those runs are
kept as one space and every other run is dropped. The steps are
``core.text``'s, which every other fold (labels, keys, amounts, targets)
composes too; this is the one that keeps spaces and width as written.
"""

from __future__ import annotations

from core.text import drop_invisible, drop_spaces_between_cjk, single_spaced


def clean_text(s: str | None) -> str:
    """``s`` trimmed, on one line, without spaces between Chinese characters; ``""`` for None.

    ``"其中：财政    资金"`` → ``"其中：财政资金"``; ``"地址、邮编准确率\\t\\n"`` →
    ``"地址、邮编准确率"``. Spaces between other tokens collapse to one and
    stay: ``"≥  95\\t%"`` → ``"≥ 95 %"`` (the target parser tolerates them).
    Characters that print as nothing (``\\u200b``) are dropped.
    """
    if not s:
        return ""
    return drop_spaces_between_cjk(single_spaced(drop_invisible(s)))


def is_blank(s: str | None) -> bool:
    """True when ``s`` is None or holds nothing but spaces, tabs and line breaks (any kind)."""
    return clean_text(s) == ""
