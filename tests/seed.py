"""The seed: four goal tables of a real Word file, as text dumped one cell a line.

``load_seed()`` turns ``tests/data/seed/jizhou_court_2023_goal_tables.txt``
(a copy of ``../shared/seed/``) into rows of cell strings, the truth that
the sample generator writes into DOCX and PDF and that the extraction tests
compare against. In the dump a line starting with a tab begins a cell, a
blank line ends a row, and a cell with line breaks inside it is followed by
more than one blank line; the seed's header block always has rows of 2, 2,
7, 2 and 2 cells and its indicator rows 5 cells, which settles the rest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

SEED_PATH = Path(__file__).parent / "data" / "seed" / "jizhou_court_2023_goal_tables.txt"
HEADER_ROW_SIZES = (2, 2, 7, 2, 2)
INDICATOR_ROW_SIZE = 5
_BOOKMARK = re.compile(r"\[bookmark: [^\]]*\]")


@dataclass(frozen=True)
class SeedTable:
    """One goal table of the seed: title paragraph, header-block rows, indicator rows (header row first)."""

    title: str
    header_rows: tuple[tuple[str, ...], ...]
    indicator_rows: tuple[tuple[str, ...], ...]


def _cells(lines: list[str]) -> list[str]:
    """Split a table's lines into cell strings; extra blank lines after a cell are its own line breaks."""
    cells: list[str] = []
    blanks = 0
    for line in lines:
        if line.startswith("\t"):
            if cells and blanks > 1:
                cells[-1] += "\n" * (blanks - 1)
            cells.append(line[1:])
            blanks = 0
        elif line.strip() == "":
            blanks += 1
    return cells


def _rows(cells: list[str], sizes: list[int]) -> tuple[tuple[str, ...], ...]:
    rows, i = [], 0
    for n in sizes:
        rows.append(tuple(cells[i : i + n]))
        i += n
    if i != len(cells):
        raise ValueError(f"seed dump has {len(cells)} cells where {i} were expected")
    return tuple(rows)


def load_seed(path: Path = SEED_PATH) -> tuple[SeedTable, ...]:
    """The seed's goal tables, cells as written (tabs and line breaks inside cells kept)."""
    text = path.read_text(encoding="utf-8")
    chunks = re.split(r"^(?=\S*\[bookmark)", text, flags=re.M)
    tables = []
    for chunk in chunks:
        if "[bookmark" not in chunk:
            continue
        first, _, body = chunk.partition("\n")
        title = _BOOKMARK.sub("", first).strip()
        header_part, _, indicator_part = body.partition("\n \n")
        header_cells = _cells(header_part.split("\n"))
        indicator_cells = _cells(indicator_part.split("\n"))
        n_rows = len(indicator_cells) // INDICATOR_ROW_SIZE
        tables.append(
            SeedTable(
                title=title,
                header_rows=_rows(header_cells, list(HEADER_ROW_SIZES)),
                indicator_rows=_rows(indicator_cells, [INDICATOR_ROW_SIZE] * n_rows),
            )
        )
    return tuple(tables)
