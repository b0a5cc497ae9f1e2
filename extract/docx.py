"""A Word (.docx) file as a RawDocument: body paragraphs and tables in document order.

Tables are read from the XML rather than through python-docx's
``row.cells``, which repeats a merged cell once per grid column: every
``w:tc`` gives one RawCell at the grid column where it starts, with its
``w:gridSpan``, and a ``w:vMerge`` continuation gives an empty cell marked
``continued``. Cell text keeps tabs and line breaks as in the file.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from extract.docxpackage import corrupt, main_document
from extract.records import Block, RawCell, RawDocument, RawRow, RawTable, RawText

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _TBL, _TR, _TC, _R = W + "p", W + "tbl", W + "tr", W + "tc", W + "r"
_DOCUMENT, _BODY = W + "document", W + "body"
_CONTAINERS = (W + "sdt", W + "sdtContent", W + "customXml", W + "smartTag")
_SKIPPED_RUN_PARENTS = (W + "del", W + "moveFrom")  # tracked deletions are not part of the text
_RUN_TEXT = {W + "t": None, W + "tab": "\t", W + "br": "\n", W + "cr": "\n", W + "noBreakHyphen": "-"}
NESTED_CELL_SEPARATOR = "\t"


def _children(element: etree._Element) -> Iterator[etree._Element]:
    """Block-level children of ``element`` (w:p, w:tbl, w:tr, w:tc), looking through content controls and custom XML."""
    for child in element:
        if child.tag in _CONTAINERS:
            yield from _children(child)
        else:
            yield child


def _own_runs(paragraph: etree._Element) -> Iterator[etree._Element]:
    """The runs of ``paragraph`` itself: not those of text boxes inside it, not tracked deletions."""
    for run in paragraph.iter(_R):
        parent = run.getparent()
        while parent is not None and parent is not paragraph:
            if parent.tag == _P or parent.tag in _SKIPPED_RUN_PARENTS:
                break
            parent = parent.getparent()
        else:
            yield run


def paragraph_text(paragraph: etree._Element) -> str:
    """A w:p's text as written: w:t text, w:tab as a tab, w:br and w:cr as line breaks."""
    parts: list[str] = []
    for run in _own_runs(paragraph):
        for child in run:
            if child.tag not in _RUN_TEXT:
                continue
            fixed = _RUN_TEXT[child.tag]
            parts.append((child.text or "") if fixed is None else fixed)
    return "".join(parts)


def _val(element: etree._Element | None, default: str | None = None) -> str | None:
    """The w:val attribute of ``element`` (``default`` when the element is absent)."""
    if element is None:
        return default
    return element.get(W + "val", "")


def _int_val(parent: etree._Element, path: str, default: int) -> int:
    """An integer w:val found at ``path`` under ``parent`` (``default`` when absent or malformed)."""
    value = _val(parent.find(path))
    try:
        return int(value) if value else default
    except ValueError:
        return default


def _nested_table_text(table: etree._Element) -> str:
    """A table inside a cell, flattened: cells joined by a tab, rows by a line break."""
    rows = []
    for tr in _children(table):
        if tr.tag == _TR:
            texts = [cell_text(tc) for tc in _children(tr) if tc.tag == _TC and not _is_continuation(tc)]
            rows.append(NESTED_CELL_SEPARATOR.join(texts))
    return "\n".join(rows)


def cell_text(tc: etree._Element) -> str:
    """A w:tc's text: its paragraphs (and flattened nested tables) joined with line breaks."""
    parts = []
    for child in _children(tc):
        if child.tag == _P:
            parts.append(paragraph_text(child))
        elif child.tag == _TBL:
            parts.append(_nested_table_text(child))
    return "\n".join(parts)


def _is_continuation(tc: etree._Element) -> bool:
    """True for a cell that continues a vertical merge from the row above (w:vMerge without val="restart")."""
    vmerge = _val(tc.find(f"{W}tcPr/{W}vMerge"))
    return vmerge is not None and vmerge != "restart"


def _row_cells(tr: etree._Element) -> tuple[RawCell, ...]:
    """One RawCell per w:tc, placed on the table grid (w:gridBefore, w:gridSpan); legacy w:hMerge widens the cell before."""
    col = _int_val(tr, f"{W}trPr/{W}gridBefore", 0)
    cells: list[RawCell] = []
    for tc in _children(tr):
        if tc.tag != _TC:
            continue
        span = max(1, _int_val(tc, f"{W}tcPr/{W}gridSpan", 1))
        hmerge = _val(tc.find(f"{W}tcPr/{W}hMerge"))
        if hmerge is not None and hmerge != "restart" and cells:
            last = cells[-1]
            cells[-1] = RawCell(last.text, last.col, last.colspan + span, last.continued)
        elif _is_continuation(tc):
            cells.append(RawCell("", col, span, continued=True))
        else:
            cells.append(RawCell(cell_text(tc), col, span))
        col += span
    return tuple(cells)


def table_rows(table: etree._Element, number: int) -> tuple[RawRow, ...]:
    """The rows of a body-level w:tbl; ``number`` is its 1-based table number, used in each row's ref."""
    rows = []
    trs = [tr for tr in _children(table) if tr.tag == _TR]
    for i, tr in enumerate(trs, start=1):
        cells = _row_cells(tr)
        if cells:
            rows.append(RawRow(cells, ref=f"table {number} row {i}"))
    return tuple(rows)


def body_blocks(body: etree._Element) -> tuple[Block, ...]:
    """Non-blank paragraphs as RawText and tables as RawTable, in document order."""
    blocks: list[Block] = []
    n_paragraphs = n_tables = 0
    for child in _children(body):
        if child.tag == _P:
            n_paragraphs += 1
            text = paragraph_text(child)
            if text.strip():
                blocks.append(RawText(text, ref=f"paragraph {n_paragraphs}"))
        elif child.tag == _TBL:
            n_tables += 1
            blocks.append(RawTable(table_rows(child, n_tables), index=n_tables - 1))
    return tuple(blocks)


def _open(path: Path, data: bytes | None = None) -> etree._Element:
    """The document body of the .docx at ``path`` (or of its bytes, ``data``); a damaged package raises
    CorruptFileError, a .docm/.dotx UnsupportedFormatError (``extract.docxpackage``)."""
    document = main_document(path, data)
    body = document.find(_BODY) if document.tag == _DOCUMENT else None
    if body is None:  # no Word writes a document without a body (python-docx failed on one with a TypeError)
        raise corrupt(path, ValueError("the main document part holds no w:document/w:body"))
    return body


def read_docx(path: str | Path, data: bytes | None = None) -> RawDocument:
    """Read a .docx file into a RawDocument (no page numbers: Word decides pages only when it lays the text out)."""
    path = Path(path)
    body = _open(path, data)
    return RawDocument(path=str(path), format="docx", blocks=body_blocks(body))
