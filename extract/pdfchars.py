"""pdfplumber characters into visual lines of text.

Characters are grouped into lines by vertical overlap and read left to
right. A space is put between two characters only where the gap between
them is wide: a quarter em between Latin letters or digits, a whole em
where a Chinese character is involved (Chinese has no spaces between
words, so narrower gaps there are justification or Latin/CJK spacing).
Space glyphs the PDF draws are kept as they are.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from extract.textjoin import CJK_CHAR

Char = Mapping[str, Any]
"""A pdfplumber char dict, of which text, x0, x1, top, bottom and size are read (all a ``LeanPage`` char holds)."""

LATIN_GAP_EM = 0.25  # gap (in ems) between two Latin/digit characters read as a space
CJK_GAP_EM = 1.0  # gap (in ems) next to a CJK character read as a space
DUPLICATE_TOLERANCE = 1.0  # points: the same glyph drawn twice (fake bold) within this distance is one char
DEFAULT_SIZE = 10.0  # points, for a char without a usable size


@dataclass(frozen=True)
class TextLine:
    """One visual line: its text and box (PDF points, top from the page's top edge)."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float


def center(char: Char) -> tuple[float, float]:
    """The middle point (x, y) of a char's box."""
    return (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2


def _size(char: Char) -> float:
    """The char's font size in points (its box height if the size is missing)."""
    size = char.get("size") or (char["bottom"] - char["top"])
    return size if size > 0 else DEFAULT_SIZE


def _is_duplicate(prev: Char, char: Char) -> bool:
    """True if ``char`` repeats ``prev`` at (almost) the same place, as PDFs do to fake bold type."""
    return (
        prev["text"] == char["text"]
        and abs(prev["x0"] - char["x0"]) < DUPLICATE_TOLERANCE
        and abs(prev["top"] - char["top"]) < DUPLICATE_TOLERANCE
    )


def needs_space(prev: Char, char: Char) -> bool:
    """True if the horizontal gap between two neighbouring chars is wide enough to be a word space."""
    if prev["text"].isspace() or char["text"].isspace():
        return False
    gap = char["x0"] - prev["x1"]
    cjk = CJK_CHAR.search(prev["text"][-1:] + char["text"][:1]) is not None  # either side of the gap
    return gap > (CJK_GAP_EM if cjk else LATIN_GAP_EM) * max(_size(prev), _size(char))


def line_text(chars: list[Char]) -> str:
    """The text of one line's chars, read left to right, with spaces for wide gaps."""
    parts: list[str] = []
    prev: Char | None = None
    for char in sorted(chars, key=lambda c: c["x0"]):
        if prev is not None:
            if _is_duplicate(prev, char):
                continue
            if needs_space(prev, char):
                parts.append(" ")
        parts.append(char["text"])
        prev = char
    return "".join(parts)


def group_lines(chars: Iterable[Char]) -> list[list[Char]]:
    """Chars grouped into visual lines, top to bottom: a char joins the line its vertical middle falls in."""
    lines: list[list[Char]] = []
    top = bottom = 0.0
    for char in sorted(chars, key=lambda c: (c["top"], c["x0"])):
        middle = (char["top"] + char["bottom"]) / 2
        if lines and top <= middle <= bottom:
            lines[-1].append(char)
            bottom = max(bottom, char["bottom"])
        else:
            lines.append([char])
            top, bottom = char["top"], char["bottom"]
    return lines


def text_lines(chars: Iterable[Char]) -> list[TextLine]:
    """The visual lines of ``chars``, top to bottom; lines of only whitespace are dropped."""
    out = []
    for line in group_lines(chars):
        text = line_text(line)
        if text.strip():
            box = (min(c["x0"] for c in line), min(c["top"] for c in line),
                   max(c["x1"] for c in line), max(c["bottom"] for c in line))
            out.append(TextLine(text, *box))
    return out
