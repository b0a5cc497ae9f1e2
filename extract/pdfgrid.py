"""A ruled PDF table's cells (boxes found from its lines) as RawRows, merges resolved from the ruling.

The table's grid is the set of distinct cell edges: column boundaries
from the cells' x0/x1, row boundaries from their tops/bottoms. A cell
starts in the grid row of its top edge and spans the grid columns between
its x0 and x1; on each lower grid row it covers, it appears as an empty
``continued`` cell, exactly as a Word ``vMerge`` continuation does.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from extract.pdfchars import Char, center, text_lines
from extract.records import BBox, RawCell, RawRow
from extract.textjoin import join_lines

GRID_TOLERANCE = 1.0  # points: cell edges closer than this are the same grid line


@dataclass(frozen=True)
class GridCell:
    """A cell box placed on the grid: rows [row0, row1), columns [col0, col1)."""

    bbox: BBox
    row0: int
    row1: int
    col0: int
    col1: int


def boundaries(values: Iterable[float], tolerance: float = GRID_TOLERANCE) -> list[float]:
    """Distinct coordinates, sorted; values within ``tolerance`` of the previous kept one are merged into it."""
    out: list[float] = []
    for value in sorted(values):
        if not out or value - out[-1] > tolerance:
            out.append(value)
    return out


def _index(lines: Sequence[float], value: float) -> int:
    """Index of the grid line nearest to ``value`` (the lower one on a tie); ``lines`` ascending."""
    # The nearest line is one of the two around value's place: a bisection, not a scan of every line for each of
    # a table's cell edges (the scan was a sixth of laying out goal-table pages: 54 → 45 ms CPU on 23; issue 16).
    i = bisect_left(lines, value)
    if i == len(lines) or (i > 0 and abs(lines[i - 1] - value) <= abs(lines[i] - value)):
        return i - 1
    return i


def place_cells(boxes: Sequence[BBox]) -> tuple[list[float], list[float], list[GridCell]]:
    """Column lines, row lines and the cells placed on them; degenerate boxes (no grid area) are dropped."""
    xs = boundaries([b[0] for b in boxes] + [b[2] for b in boxes])
    ys = boundaries([b[1] for b in boxes] + [b[3] for b in boxes])
    cells = []
    for box in boxes:
        col0, col1 = _index(xs, box[0]), _index(xs, box[2])
        row0, row1 = _index(ys, box[1]), _index(ys, box[3])
        if col1 > col0 and row1 > row0:
            cells.append(GridCell(box, row0, row1, col0, col1))
    return xs, ys, cells


def owner_map(cells: Sequence[GridCell]) -> dict[tuple[int, int], int]:
    """(grid row, grid column) → index of the cell covering that position; the first cell wins an overlap."""
    owners: dict[tuple[int, int], int] = {}
    for i, cell in enumerate(cells):
        for r in range(cell.row0, cell.row1):
            for c in range(cell.col0, cell.col1):
                owners.setdefault((r, c), i)
    return owners


def assign_chars(
    chars: Iterable[Char], xs: Sequence[float], ys: Sequence[float], owners: dict[tuple[int, int], int]
) -> tuple[dict[int, list[Char]], list[Char]]:
    """Chars by the cell their middle falls in, and the chars that fall in no cell."""
    by_cell: dict[int, list[Char]] = {}
    stray: list[Char] = []
    for char in chars:
        x, y = center(char)
        owner = owners.get((bisect_right(ys, y) - 1, bisect_right(xs, x) - 1))
        if owner is None:
            stray.append(char)
        else:
            by_cell.setdefault(owner, []).append(char)
    return by_cell, stray


def cell_text(chars: Iterable[Char]) -> str:
    """A cell's text: its visual lines joined without spaces invented between Chinese characters."""
    return join_lines(line.text for line in text_lines(chars))


def format_box(box: BBox) -> str:
    """A box as written in refs: ``(x0,top,x1,bottom)`` in points, one decimal."""
    return "(" + ",".join(f"{v:.1f}" for v in box) + ")"


def grid_rows(boxes: Sequence[BBox], chars: Iterable[Char], page: int) -> tuple[tuple[RawRow, ...], list[Char]]:
    """The table's rows (one per grid row in which some cell starts) and the chars that fell in no cell."""
    xs, ys, cells = place_cells(boxes)
    owners = owner_map(cells)
    by_cell, stray = assign_chars(chars, xs, ys, owners)
    rows = []
    for r in range(len(ys) - 1):
        raw: list[RawCell] = []
        for c in range(len(xs) - 1):
            i = owners.get((r, c))
            if i is None or cells[i].col0 != c:
                continue
            cell = cells[i]
            if cell.row0 == r:
                raw.append(RawCell(cell_text(by_cell.get(i, [])), c, cell.col1 - c, bbox=cell.bbox))
            else:
                part = (xs[c], ys[r], xs[cell.col1], ys[r + 1])
                raw.append(RawCell("", c, cell.col1 - c, continued=True, bbox=part))
        if not any(not cell.continued for cell in raw):
            continue
        box = (min(c.bbox[0] for c in raw), ys[r], max(c.bbox[2] for c in raw), ys[r + 1])
        rows.append(RawRow(tuple(raw), ref=f"p{page} {format_box(box)}", page=page, bbox=box))
    return tuple(rows), stray
