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
computed. Hidden sheets (and chart sheets) are skipped: they hold the
lookup lists of drop-down menus, not goal tables.

The workbook's XML is read with lxml (``extract.xlsxparts``: its sheets,
shared strings and the number format of each cell style;
``extract.xlsxsheet``: one sheet), by the rules of openpyxl's full mode
and with openpyxl's helpers (dates, cell references, built-in formats),
so each value reads as it did when this reader went through openpyxl.
Not through openpyxl itself: its full mode spent 82% of a read styling
the borders of merged cells (some 130 ms a workbook of the 125-workbook
bureau corpus, read in-process), and its read-only mode, which has no
merged ranges, still builds its whole stylesheet, hundreds of fonts and
borders in a workbook saved by Excel or WPS. Measured (CPU, best of 3 a workbook):
openpyxl read-only for the cells plus lxml for the merged ranges, reading
alone, 19 ms on the bureau corpus and 8.2 ms on the 18 real workbooks;
this reader, layout included, 10 ms and 2.9 ms.

Each sheet's XML is streamed once, one row held at a time, and its cells
and merged positions counted as they go: a sheet with more than
``MAX_SHEET_CELLS``, or a workbook with more than ``MAX_WORKBOOK_CELLS``,
is refused before its shared strings and styles are read, and the cells
of a sheet over the limit are counted, not kept (``check_sheet_sizes``
does the counting alone). Reading holds some 400 bytes a cell at its
peak, about half of it the RawDocument returned (measured: 59 MB traced
for a sheet of 147,000 cells, the process growing 86 MB; 300 bytes a cell
over four such sheets, 265 MB of process memory for 588,000 cells), and
takes 15-20 µs a cell; only stored cells are walked, never a sheet's
full rectangle, so a stray cell at XFD1048576 costs nothing.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from core.errors import CorruptFileError, TooLargeError
from extract.damage import damaged_zip
from extract.limits import opened
from extract.records import Block, RawCell, RawDocument, RawRow, RawTable, RawText
from extract.xlsxparts import Package, SheetPart, read_package, read_strings, read_styles
from extract.xlsxsheet import Bounds, SheetXml, merged_ranges, scan_sheet, sheet_texts
from extract.xlsxvalues import render_value

MAX_SHEET_CELLS = 200_000
"""Most cells one sheet may hold (stored cells plus the positions its merged ranges cover); goal tables use a few
thousand. Reading holds some 400 bytes a cell at its peak, so this bounds a sheet to some 80 MB."""

MAX_WORKBOOK_CELLS = 1_000_000
"""Most cells a whole workbook may hold: the cells of every visible sheet are held until its shared strings and
styles are read (some 450 MB of process memory at this size, measured 265 MB for 588,000 cells), under the
default 2 GB that ``flows.bounded`` allows one file."""

# --------------------------------------------------------------------------- size check while streaming


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


def _scan(path: Path, archive: zipfile.ZipFile, book: Package, max_cells: int, max_total_cells: int,
          keep: bool) -> list[tuple[SheetPart, SheetXml]]:
    """Every sheet streamed in workbook order, counted against the limits (TooLargeError past one); the cells of
    the visible worksheets kept when ``keep``."""
    total = 0
    scanned = []
    for sheet in book.sheets:
        wanted = keep and sheet.state == "visible" and not sheet.chart
        with archive.open(sheet.part) as stream:
            # Cells past what the limits allow are only counted: such a sheet is refused below.
            xml = scan_sheet(stream, min(max_cells, max_total_cells - total) if wanted else 0)
        if xml.cells > max_cells:
            raise _too_large(path, sheet.name, xml.cells, max_cells)
        total += xml.cells
        if total > max_total_cells:
            raise _too_large(path, None, total, max_total_cells)
        scanned.append((sheet, xml))
    return scanned


def check_sheet_sizes(path: str | Path, max_cells: int = MAX_SHEET_CELLS,
                      max_total_cells: int = MAX_WORKBOOK_CELLS, data: bytes | None = None) -> None:
    """Refuse a workbook with a sheet of more than ``max_cells`` stored cells and merged positions, or more than
    ``max_total_cells`` in all, streaming the sheets' XML in constant memory (``read_xlsx`` counts in the same
    pass that reads); a file that cannot be read raises CorruptFileError."""
    path = Path(path)
    try:
        with opened(path, data) as handle, zipfile.ZipFile(handle) as archive:
            _scan(path, archive, read_package(archive), max_cells, max_total_cells, keep=False)
    except (TooLargeError, MemoryError):
        raise
    except Exception as exc:  # zipfile, lxml and openpyxl's part lookup fail with whatever damage provokes
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

    def __init__(self, name: str, texts: dict[tuple[int, int], str], ranges: list[Bounds]) -> None:
        self.name = name
        self.merges: list[_Merge] = []
        self.at: dict[tuple[int, int], _Merge] = {}  # every position a merge covers
        for r0, c0, r1, c1 in ranges:
            positions = [(r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)]
            if len(positions) < 2 or any(p in self.at for p in positions):
                continue  # a one-cell "merge", or one overlapping another (a malformed file): read as plain cells
            merge = _Merge(r0, c0, r1, c1, texts.get((r0, c0), ""))
            self.merges.append(merge)
            self.at.update(dict.fromkeys(positions, merge))
        self.values: dict[int, dict[int, str]] = {}
        for (r, c), text in texts.items():  # the stored cells only: a sheet's full rectangle is never walked
            if text and (r, c) not in self.at:
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
    """The error for a workbook that cannot be read, in words (``exc`` stays chained for whoever helps)."""
    return damaged_zip(path, exc, "xlsx")


def read_xlsx(path: str | Path, max_cells: int = MAX_SHEET_CELLS,
              max_total_cells: int = MAX_WORKBOOK_CELLS, data: bytes | None = None) -> RawDocument:
    """Read an .xlsx workbook into a RawDocument: every visible sheet in order, rows as RawText and RawTable.

    A sheet with more than ``max_cells`` cells, or a workbook with more than ``max_total_cells``, raises
    TooLargeError before its shared strings and styles are read; a damaged file raises CorruptFileError. No page
    numbers: a workbook has none until it is printed.
    """
    path = Path(path)
    try:
        with opened(path, data) as handle, zipfile.ZipFile(handle) as archive:
            book = read_package(archive)
            scanned = _scan(path, archive, book, max_cells, max_total_cells, keep=True)
            strings = read_strings(archive, book.strings) if book.strings is not None else []
            styles = read_styles(archive)
            sheets = []
            while scanned:  # each sheet's stored cells let go once its texts are known
                sheet, xml = scanned.pop(0)
                if sheet.state == "visible" and not sheet.chart:
                    ranges = merged_ranges(xml)
                    sheets.append(_Sheet(sheet.title, sheet_texts(xml, ranges, strings, styles, book.epoch), ranges))
                del xml
    except (TooLargeError, MemoryError):
        raise
    except Exception as exc:  # zipfile, lxml and openpyxl's part lookup fail with whatever damage provokes
        raise _corrupt(path, exc) from exc
    blocks: list[Block] = []
    n_tables = 0
    for sheet in sheets:
        found = _sheet_blocks(sheet, n_tables, path, max_cells)
        n_tables += sum(isinstance(b, RawTable) for b in found)
        blocks.extend(found)
    return RawDocument(path=str(path), format="xlsx", blocks=tuple(blocks))


__all__ = ["MAX_SHEET_CELLS", "MAX_WORKBOOK_CELLS", "check_sheet_sizes", "read_xlsx", "render_value"]
