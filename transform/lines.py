"""A document's blocks as one stream of lines, the form the layout parser walks.

Goal tables are read as a stream rather than table by table because the
same goal table arrives split in different ways: in DOCX the header block
and the indicator block are two tables, in PDF the borderless unit line is
loose text and a long table continues on the next page.
"""

from __future__ import annotations

from dataclasses import dataclass

from extract.records import RawCell, RawDocument, RawRow, RawTable
from transform.clean import clean_text


@dataclass(frozen=True)
class Line:
    """A table row (``cells`` cleaned, with their grid columns) or a loose text line (one cell, col -1)."""

    cells: tuple[str, ...]
    cols: tuple[int, ...]
    continued: tuple[bool, ...]
    ref: str
    page: int | None
    in_table: bool
    spans: tuple[int, ...] = ()
    table: int | None = None
    boxes: tuple[tuple[float, float], ...] = ()  # each cell's x0, x1 on its PDF page; () for other formats

    @property
    def text(self) -> str:
        """All cells joined; what a title or unit line is matched against."""
        return "".join(self.cells)

    @property
    def nonblank(self) -> tuple[str, ...]:
        return tuple(c for c in self.cells if c)


def _row_line(row: RawRow, table: int) -> Line:
    cells: tuple[RawCell, ...] = row.cells
    return Line(
        cells=tuple(clean_text(c.text) for c in cells),
        cols=tuple(c.col for c in cells),
        continued=tuple(c.continued for c in cells),
        spans=tuple(c.colspan for c in cells),
        boxes=tuple((c.bbox[0], c.bbox[2]) for c in cells) if all(c.bbox for c in cells) else (),
        table=table,
        ref=row.ref,
        page=row.page,
        in_table=True,
    )


def document_lines(doc: RawDocument) -> list[Line]:
    """Every table row and loose text line of ``doc`` in reading order, text cleaned."""
    lines: list[Line] = []
    for block in doc.blocks:
        if isinstance(block, RawTable):
            lines.extend(_row_line(r, block.index) for r in block.rows)
            continue
        text = clean_text(block.text)
        if text:
            lines.append(Line((text,), (-1,), (False,), block.ref, block.page, in_table=False))
    return lines
