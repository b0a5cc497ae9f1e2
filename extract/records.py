"""What extract/ hands to transform/: cell strings with their positions, no interpretation.

A document becomes a sequence of blocks in reading order: text outside
tables (titles, the unit line) as ``RawText`` and ruled tables as
``RawTable``. A table row lists its cells the way the file defines them:
a cell merged across columns appears once (with its ``colspan``), and a
position covered by a cell merged down from an earlier row appears as an
empty cell with ``continued=True``. DOCX and PDF produce the same form, so
one layout parser serves both.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

BBox = tuple[float, float, float, float]
"""x0, top, x1, bottom in PDF points, top measured down from the page's top edge."""

Format = Literal["pdf", "docx", "xlsx"]


@dataclass(frozen=True)
class RawCell:
    """One cell's text as written, wrapped lines joined without inventing spaces between Chinese characters."""

    text: str
    col: int
    colspan: int = 1
    continued: bool = False
    bbox: BBox | None = None


@dataclass(frozen=True)
class RawRow:
    """One table row; ``ref`` says where it is in the file (page and box, or table and row index)."""

    cells: tuple[RawCell, ...]
    ref: str
    page: int | None = None
    bbox: BBox | None = None

    @property
    def texts(self) -> tuple[str, ...]:
        return tuple(c.text for c in self.cells)


@dataclass(frozen=True)
class RawText:
    """A paragraph (DOCX) or a line of text outside any table (PDF)."""

    text: str
    ref: str
    page: int | None = None


@dataclass(frozen=True)
class RawTable:
    """A ruled table; ``index`` is its 0-based order in the document, ``page`` where it starts."""

    rows: tuple[RawRow, ...]
    index: int
    page: int | None = None


Block = RawText | RawTable


@dataclass(frozen=True)
class RawDocument:
    """Everything extract/ read from one file, in reading order."""

    path: str
    format: Format
    blocks: tuple[Block, ...]
    n_pages: int | None = None

    @property
    def tables(self) -> tuple[RawTable, ...]:
        return tuple(b for b in self.blocks if isinstance(b, RawTable))
