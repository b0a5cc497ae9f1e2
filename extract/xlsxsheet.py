"""One worksheet's XML, streamed once: how many cells it holds (what the size limits count), its stored cells
and its merged ranges, read by the rules of openpyxl's ``WorkSheetParser`` with ``data_only``.

Counting and reading are one pass of lxml's ``iterparse``: each ``<row>`` is read and then dropped, so memory
holds one row of XML at a time, and a sheet's cells are kept only up to the number the limits allow (past it
the sheet is only counted, to be refused). ``sheet_texts`` then turns the stored cells into the text each one
shows, once the shared strings and styles are known.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import IO

from lxml import etree
from openpyxl.utils.cell import column_index_from_string, coordinate_to_tuple, range_boundaries, range_to_tuple

from extract.xlsxparts import MAIN, SAFE_XML, Styles, localname, text_content
from extract.xlsxvalues import cell_value, render_value

MAX_COLUMN = 18278  # ZZZ: the widest range openpyxl's CellRange accepts (Excel stops at XFD, 16384)
MAX_ROW = 1048576

CELL, ROW, MERGES, VALUE, INLINE = MAIN + "c", MAIN + "row", MAIN + "mergeCells", MAIN + "v", MAIN + "is"
A1 = re.compile(r"([A-Z]{1,3})([0-9]+)")

Stored = tuple[int, int, str, str | None, int | str]
"""A stored cell: row, column, type (``t``), raw value (``<v>``, or an inline string's text), style (``s``)."""
Bounds = tuple[int, int, int, int]
"""A merged range: first row, first column, last row, last column (1-based)."""


@dataclass(frozen=True)
class SheetXml:
    """What one pass over a worksheet's XML found: ``cells`` stored cells plus merged positions, the stored cells
    (when kept) and the references of the merged ranges (those of the last ``<mergeCells>``, as openpyxl)."""

    cells: int
    stored: tuple[Stored, ...]
    merges: tuple[str, ...]


def range_area(ref: str) -> int:
    """How many positions a merged range such as ``A1:F3`` covers; 0 when the reference is malformed."""
    try:
        c0, r0, c1, r1 = range_boundaries(ref)
    except (ValueError, TypeError):
        return 0
    if None in (c0, r0, c1, r1):
        return 0
    return (abs(c1 - c0) + 1) * (abs(r1 - r0) + 1)


def _row_number(row: etree._Element, previous: int) -> int:
    """The row's number: its ``r`` (openpyxl takes ``3.0`` for 3), else the row after ``previous``."""
    r = row.get("r")
    if r is None:
        return previous + 1
    try:
        return int(r)
    except ValueError:
        number = float(r)
        if not number.is_integer():
            raise ValueError(f"{r} is not a valid row number") from None
        return int(number)


def _coordinate(ref: str) -> tuple[int, int]:
    """(row, column) of a cell reference such as ``B12``, as openpyxl's ``coordinate_to_tuple`` reads it."""
    plain = A1.fullmatch(ref)  # the form Excel writes, read without openpyxl's character loop
    if plain is None:
        return coordinate_to_tuple(ref)
    return int(plain[2]), column_index_from_string(plain[1])


def _read_row(row: etree._Element, number: int, stored: list[Stored]) -> None:
    """Append row ``number``'s cells to ``stored``: every child element is a cell, as openpyxl has it, and a cell
    without a reference takes the column after the previous one."""
    col = 0
    for cell in row:
        get = cell.get
        kind = get("t", "n")
        style: int | str = get("s", 0)
        if style:
            style = int(style)
        raw = None
        if len(cell):  # the first <v> (or, inline, <is>), as find() would give it: most cells have none
            wanted = INLINE if kind == "inlineStr" else VALUE
            for child in cell:
                if child.tag == wanted:
                    raw = text_content(child) if wanted == INLINE else (child.text or None)
                    break
        coordinate = get("r")
        if coordinate:
            r, col = _coordinate(coordinate)
        else:
            r, col = number, col + 1
        stored.append((r, col, kind, raw, style))


def scan_sheet(stream: IO[bytes], keep: int) -> SheetXml:
    """Count a worksheet's stored cells and merged positions and, while the count is at most ``keep``, keep its
    cells and merged ranges (``keep=0``: count only)."""
    count = 0
    number = 0
    reading = keep > 0
    stored: list[Stored] = []
    merges: tuple[str, ...] = ()
    context = etree.iterparse(stream, events=("end",), tag=("{*}c", "{*}row", "{*}mergeCell", "{*}mergeCells"),
                              **SAFE_XML)
    for _, element in context:
        tag = element.tag
        if tag == CELL:
            count += 1  # read and dropped with its row
            continue
        name = localname(element)
        if name == "c":
            count += 1
        elif name == "row":
            if reading and tag == ROW and count <= keep:
                number = _row_number(element, number)
                _read_row(element, number, stored)
            element.clear()
            parent = element.getparent()
            while parent is not None and element.getprevious() is not None:
                del parent[0]  # the rows already read
        elif name == "mergeCell":
            count += range_area(element.get("ref", ""))
        elif reading and tag == MERGES:
            merges = tuple(child.get("ref") for child in element if localname(child) == "mergeCell")
    if count > keep:
        stored, merges = [], ()
    return SheetXml(count, tuple(stored), merges)


def _bounds(ref: str) -> Bounds:
    """A merged range's rows and columns; ValueError where openpyxl's CellRange refuses the reference."""
    if "!" in ref:
        _, (c0, r0, c1, r1) = range_to_tuple(ref)
    else:
        c0, r0, c1, r1 = range_boundaries(ref)
    if None in (c0, r0, c1, r1) or not (1 <= c0 <= c1 <= MAX_COLUMN and 1 <= r0 <= r1 <= MAX_ROW):
        raise ValueError(f"{ref} is not a range of cells")
    return r0, c0, r1, c1


def merged_ranges(sheet: SheetXml) -> list[Bounds]:
    """The sheet's merged ranges, top to bottom then left to right, each once."""
    # openpyxl holds them in a set of CellRanges made from a set of them (MultiCellRange's ranges), and a
    # CellRange hashes as these tuples do: built the same way, two ranges with the same top-left cell come in
    # the order they came in openpyxl.
    ranges = set(bounds for bounds in set([_bounds(ref) for ref in sheet.merges]))  # noqa: C401, C403
    return sorted(ranges, key=lambda b: (b[0], b[1]))


def sheet_texts(sheet: SheetXml, merges: list[Bounds], strings: list[str], styles: Styles,
                epoch: dt.datetime) -> dict[tuple[int, int], str]:
    """The text each stored cell with a value shows, by (row, column), as openpyxl's full mode leaves the cells:
    a later cell at a position replaces an earlier one, and a position a merged range covers past its top-left
    cell holds nothing. A style or shared string that does not exist raises (IndexError), as in openpyxl."""
    texts: dict[tuple[int, int], str] = {}
    formats, dates, durations = styles.formats, styles.dates, styles.durations
    for r, c, kind, raw, style in sheet.stored:
        fmt = formats[style]  # type: ignore[index]  # openpyxl binds every cell to its style, valued or not
        value = cell_value(kind, raw, strings, style in dates, style in durations, epoch)
        if value is None:
            texts.pop((r, c), None)
        else:
            texts[(r, c)] = render_value(value, fmt)
    for r0, c0, r1, c1 in merges:
        for r in range(r0, r1 + 1):
            for c in range(c0 + (r == r0), c1 + 1):
                texts.pop((r, c), None)
    return texts
