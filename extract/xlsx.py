"""An Excel workbook (.xlsx) as a RawDocument: each visible sheet in order, its rows as text lines and tables.

The budget system exports goal tables to Excel one sheet per unit, often
several tables stacked in one sheet, with merged cells where Word has
merged table cells. A sheet is read row by row over its content (the
cells that hold a value, and the merged ranges):

* a row whose only content is one cell (a title such as
  ``项目支出绩效目标表``, a line ``单位：万元``) becomes a ``RawText``
  (ref ``sheet '宁河' row 3``); a title merged down over two rows gives
  one ``RawText``. A lone cell between two rows of a table (``其他资金``
  with its amount blank) stays in the table unless it spans the sheet's
  whole width, as a title does;
* a run of consecutive rows with two or more cells of content (a cell
  merged down from above counts) becomes a ``RawTable``, ended by a blank
  row or a text row; its grid columns count from the table's leftmost
  column (0), as in DOCX;
* a merged range gives one cell at its top-left (``colspan`` its width)
  and, in each later row it covers, an empty cell marked ``continued``
  (same ``colspan``); the other positions it covers are not listed.

Values are rendered as a person reads them in Excel
(``extract.xlsxvalues.render_value``); formulas by the value Excel last
computed. Hidden
sheets are skipped: they hold the lookup lists of drop-down menus, not
goal tables.

openpyxl reads the whole workbook into memory (merged ranges need its
full mode), and it makes an object for every stored cell and every
position a merged range covers. So before it loads anything,
``check_sheet_sizes`` streams each worksheet's XML and refuses a sheet
with more than ``MAX_SHEET_CELLS`` such cells, or a workbook with more
than ``MAX_WORKBOOK_CELLS`` (measured: about 850 bytes and 23 µs per
cell); reading then never walks a sheet's full rectangle, only its stored
cells, so a stray cell at XFD1048576 costs nothing.
"""

from __future__ import annotations

import warnings
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import openpyxl
from lxml import etree
from openpyxl.cell.cell import Cell
from openpyxl.reader.excel import ExcelReader
from openpyxl.utils.cell import range_boundaries
from openpyxl.worksheet.worksheet import Worksheet

from core.errors import CorruptFileError, TooLargeError
from extract.damage import damaged_zip
from extract.limits import opened
from extract.records import Block, RawCell, RawDocument, RawRow, RawTable, RawText
from extract.xlsxvalues import render_value

MAX_SHEET_CELLS = 200_000
"""Most cells one sheet may hold (stored cells plus the positions its merged ranges cover); goal tables use a few
thousand. openpyxl takes roughly 1 KB of memory per cell, so this bounds a sheet to some 200 MB."""

MAX_WORKBOOK_CELLS = 1_000_000
"""Most cells a whole workbook may hold: openpyxl keeps every sheet in memory at once (some 850 MB at this size,
under the default 2 GB that ``flows.bounded`` allows one file)."""

# --------------------------------------------------------------------------- size check before loading


def _range_area(ref: str) -> int:
    """How many positions a merged range such as ``A1:F3`` covers; 0 when the reference is malformed."""
    try:
        c0, r0, c1, r1 = range_boundaries(ref)
    except (ValueError, TypeError):
        return 0
    if None in (c0, r0, c1, r1):
        return 0
    return (abs(c1 - c0) + 1) * (abs(r1 - r0) + 1)


def _worksheet_cells(stream: IO[bytes]) -> int:
    """Stored cells plus merged positions in a worksheet's XML, streamed in constant memory."""
    count = 0
    context = etree.iterparse(stream, events=("end",), tag=("{*}c", "{*}row", "{*}mergeCell"),
                              resolve_entities=False, no_network=True, huge_tree=False)
    for _, element in context:
        name = element.tag.rsplit("}", 1)[-1]
        if name == "c":
            count += 1
        elif name == "mergeCell":
            count += _range_area(element.get("ref", ""))
        element.clear()
        if name == "row":  # drop the rows already counted
            parent = element.getparent()
            while parent is not None and element.getprevious() is not None:
                del parent[0]
    return count


def _worksheet_parts(handle: IO[bytes]) -> list[tuple[str, str]]:
    """(sheet name, zip part) of every sheet, found the way ``openpyxl.load_workbook`` finds them."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        reader = ExcelReader(handle, read_only=True, data_only=True, keep_links=False)
        reader.read_manifest()
        reader.read_workbook()
        return [(sheet.name, rel.target) for sheet, rel in reader.parser.find_sheets()]


def _too_large(path: Path, sheet: str | None, cells: int, max_cells: int) -> TooLargeError:
    """The refusal of sheet ``sheet`` (or, None, of the whole workbook) for holding ``cells`` cells."""
    zh, en = (f"工作表“{sheet}”", f"The sheet '{sheet}'") if sheet is not None else ("工作簿", "The workbook")
    return TooLargeError(
        f"{zh}含 {cells:,} 个单元格，超过 {max_cells:,} 个的上限，未读取。"
        "绩效目标表通常只有几百行；请删除表格以外多余的行、列和合并单元格（或把工作簿拆成几个文件）后再提交。"
        f" {en} holds {cells:,} cells, over the limit of {max_cells:,}, and was not read."
        " Goal tables take a few hundred rows: delete the unused rows, columns and merged cells outside the tables"
        " (or split the workbook into several files) and resubmit.",
        path=path,
    )


def check_sheet_sizes(path: str | Path, max_cells: int = MAX_SHEET_CELLS,
                      max_total_cells: int = MAX_WORKBOOK_CELLS, data: bytes | None = None) -> None:
    """Refuse a workbook with a sheet of more than ``max_cells`` stored cells and merged positions, or more than
    ``max_total_cells`` in all, streaming the sheets' XML (constant memory) before openpyxl loads them; a file
    that cannot be read raises CorruptFileError."""
    path = Path(path)
    total = 0
    try:
        with opened(path, data) as handle, zipfile.ZipFile(handle) as archive:
            for name, part in _worksheet_parts(handle):
                with archive.open(part) as stream:
                    cells = _worksheet_cells(stream)
                if cells > max_cells:
                    raise _too_large(path, name, cells, max_cells)
                total += cells
                if total > max_total_cells:
                    raise _too_large(path, None, total, max_total_cells)
    except TooLargeError:
        raise
    except MemoryError:
        raise
    except Exception as exc:  # openpyxl's part lookup fails with whatever a damaged file provokes
        raise _corrupt(path, exc) from exc


# --------------------------------------------------------------------------- sheets


@dataclass(frozen=True)
class _Merge:
    r0: int
    c0: int
    r1: int
    c1: int
    text: str

    @property
    def width(self) -> int:
        return self.c1 - self.c0 + 1


@dataclass(frozen=True)
class _Item:
    """One piece of a row's content: a cell with a value, or a merged range that crosses the row."""

    c0: int
    c1: int
    text: str
    merge: _Merge | None = None

    @property
    def blank(self) -> bool:
        return not self.text.strip()


class _Sheet:
    """A worksheet's content by row: the values of its stored cells and its merged ranges (1-based rows/columns)."""

    def __init__(self, ws: Worksheet) -> None:
        self.name = ws.title
        cells = ws._cells  # the stored cells only; ws.iter_rows() would create every position of the used range
        self.merges: list[_Merge] = []
        self.at: dict[tuple[int, int], _Merge] = {}  # every position a merge covers
        for rng in sorted(ws.merged_cells.ranges, key=lambda m: (m.min_row, m.min_col)):
            positions = [(r, c) for r in range(rng.min_row, rng.max_row + 1) for c in range(rng.min_col, rng.max_col + 1)]
            if len(positions) < 2 or any(p in self.at for p in positions):
                continue  # a one-cell "merge", or one overlapping another (a malformed file): read as plain cells
            anchor = cells.get((rng.min_row, rng.min_col))
            merge = _Merge(rng.min_row, rng.min_col, rng.max_row, rng.max_col,
                           _cell_text(anchor) if anchor is not None else "")
            self.merges.append(merge)
            self.at.update(dict.fromkeys(positions, merge))
        self.values: dict[int, dict[int, str]] = {}
        for (r, c), cell in cells.items():
            if (r, c) in self.at or cell.value is None:
                continue
            text = _cell_text(cell)
            if text:
                self.values.setdefault(r, {})[c] = text
        self.rows_of: dict[int, list[_Merge]] = {}
        for merge in self.merges:
            for r in range(merge.r0, merge.r1 + 1):
                self.rows_of.setdefault(r, []).append(merge)

    def items(self, r: int) -> list[_Item]:
        """Row ``r``'s content, left to right."""
        found = [_Item(c, c, text) for c, text in self.values.get(r, {}).items()]
        found += [_Item(m.c0, m.c1, m.text, m) for m in self.rows_of.get(r, ())]
        return sorted(found, key=lambda item: item.c0)

    def row_numbers(self) -> list[int]:
        """The rows that hold a value or are crossed by a merged range, top to bottom."""
        return sorted(set(self.values) | set(self.rows_of))

    def row_cells(self, r: int, c0: int, c1: int) -> tuple[RawCell, ...]:
        """Row ``r`` as RawCells over columns c0..c1, columns counted from c0."""
        cells = []
        for c in range(c0, c1 + 1):
            merge = self.at.get((r, c))
            if merge is None:
                cells.append(RawCell(self.values.get(r, {}).get(c, ""), c - c0))
            elif c == merge.c0:
                continued = r > merge.r0
                cells.append(RawCell("" if continued else merge.text, c - c0, merge.width, continued))
        return tuple(cells)


def _cell_text(cell: Cell) -> str:
    return render_value(cell.value, cell.number_format)


def _classify(items: dict[int, list[_Item]]) -> tuple[dict[int, str], dict[int, _Item]]:
    """Each row's kind from its content ``items``: "table"; "text"; "skip" (a later row of a text merged down);
    "blank" (only whitespace or empty merged ranges: it ends a table). And the one piece of each text row."""
    numbers = sorted(items)
    spans = [(i.c0, i.c1) for its in items.values() for i in its if not i.blank]
    left = min((a for a, _ in spans), default=0)
    right = max((b for _, b in spans), default=0)
    kind: dict[int, str] = {}
    lone: dict[int, _Item] = {}
    for r in numbers:
        content = [i for i in items[r] if not i.blank]
        if not content:
            kind[r] = "blank"
        elif len(content) == 1 and len(items[r]) == 1:
            kind[r], lone[r] = "lone", content[0]
        else:
            kind[r] = "table"
    # A run of lone rows between two table rows belongs to the table, unless one spans the sheet's width (a title).
    i = 0
    while i < len(numbers):
        if kind[numbers[i]] != "lone":
            i += 1
            continue
        j = i
        while j + 1 < len(numbers) and numbers[j + 1] == numbers[j] + 1 and kind[numbers[j + 1]] == "lone":
            j += 1
        group = numbers[i : j + 1]
        inside = (
            kind.get(group[0] - 1) == "table"
            and kind.get(group[-1] + 1) == "table"
            and not any(lone[r].c0 <= left and lone[r].c1 >= right for r in group)
        )
        for r in group:
            merge = lone[r].merge
            if merge is not None and merge.r0 < r:  # the rest of a cell merged down: as its first row
                kind[r] = "table" if kind[merge.r0] == "table" else "skip"
            else:
                kind[r] = "table" if inside else "text"
        i = j + 1
    return kind, lone


def _sheet_blocks(sheet: _Sheet, first_index: int, path: Path, max_cells: int) -> list[Block]:
    """The sheet's text rows and tables in order; tables numbered from ``first_index``."""
    items = {r: sheet.items(r) for r in sheet.row_numbers()}
    kind, lone = _classify(items)
    blocks: list[Block] = []
    run: list[int] = []
    emitted = 0

    def flush() -> None:
        nonlocal emitted
        if not run:
            return
        c0 = min(i.c0 for r in run for i in items[r])
        c1 = max(i.c1 for r in run for i in items[r])
        emitted += len(run) * (c1 - c0 + 1)
        if emitted > max_cells:
            raise _too_large(path, sheet.name, emitted, max_cells)
        rows = tuple(RawRow(sheet.row_cells(r, c0, c1), ref=_ref(sheet.name, r)) for r in run)
        blocks.append(RawTable(rows, index=first_index + sum(isinstance(b, RawTable) for b in blocks)))
        run.clear()

    previous = None
    for r in sorted(kind):
        if kind[r] != "table" or (previous is not None and r != previous + 1):
            flush()
        if kind[r] == "table":
            run.append(r)
        elif kind[r] == "text":
            blocks.append(RawText(lone[r].text, ref=_ref(sheet.name, r)))
        previous = r
    flush()
    return blocks


def _ref(sheet: str, row: int) -> str:
    return f"sheet '{sheet}' row {row}"


# --------------------------------------------------------------------------- the workbook


def _corrupt(path: Path, exc: BaseException) -> CorruptFileError:
    """The error for a workbook openpyxl cannot read, in words (``exc`` stays chained for whoever helps)."""
    return damaged_zip(path, exc, "xlsx")


def _load(path: Path, data: bytes | None = None) -> openpyxl.Workbook:
    """The workbook at ``path``, cached formula values instead of formulas; a damaged file raises CorruptFileError."""
    try:
        with opened(path, data) as handle, warnings.catch_warnings():
            # A file object, not the name: openpyxl refuses names not ending .xlsx/.xlsm, and sniff has decided.
            warnings.simplefilter("ignore")  # unsupported extensions, data validation, ... do not matter here
            return openpyxl.load_workbook(handle, read_only=False, data_only=True, keep_links=False, rich_text=False)
    except MemoryError:
        raise
    except Exception as exc:  # openpyxl reports a damaged part with whatever error its parser meets
        raise _corrupt(path, exc) from exc


def _visible(sheets: Iterable[Worksheet]) -> list[Worksheet]:
    return [ws for ws in sheets if ws.sheet_state == "visible"]


def read_xlsx(path: str | Path, max_cells: int = MAX_SHEET_CELLS,
              max_total_cells: int = MAX_WORKBOOK_CELLS, data: bytes | None = None) -> RawDocument:
    """Read an .xlsx workbook into a RawDocument: every visible sheet in order, rows as RawText and RawTable.

    A sheet with more than ``max_cells`` cells, or a workbook with more than ``max_total_cells``, raises
    TooLargeError before the workbook is loaded; a damaged file raises CorruptFileError. No page numbers: a
    workbook has none until it is printed.
    """
    path = Path(path)
    check_sheet_sizes(path, max_cells, max_total_cells, data)
    workbook = _load(path, data)
    blocks: list[Block] = []
    n_tables = 0
    for ws in _visible(workbook.worksheets):
        found = _sheet_blocks(_Sheet(ws), n_tables, path, max_cells)
        n_tables += sum(isinstance(b, RawTable) for b in found)
        blocks.extend(found)
    return RawDocument(path=str(path), format="xlsx", blocks=tuple(blocks))


__all__ = ["MAX_SHEET_CELLS", "MAX_WORKBOOK_CELLS", "check_sheet_sizes", "read_xlsx", "render_value"]
