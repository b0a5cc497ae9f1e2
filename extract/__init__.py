"""extract/: a file in, a RawDocument out (see ``extract.records``), no interpretation.

``read_document`` decides the format from the file's bytes, not its name,
and raises the ``perfgoals.errors`` DocumentError subclasses for files it
cannot read (empty, damaged, password-protected, not a supported format).
"""

from __future__ import annotations

from pathlib import Path

from extract.records import RawCell, RawDocument, RawRow, RawTable, RawText
from extract.sniff import sniff
from perfgoals.errors import UnsupportedFormatError

__all__ = ["RawCell", "RawDocument", "RawRow", "RawTable", "RawText", "read_document", "sniff"]


def _read_xlsx(path: Path) -> RawDocument:
    """Hook for Excel workbooks: not read yet."""
    raise UnsupportedFormatError(
        "暂不支持 Excel（.xlsx）文件，该功能即将推出；请先提交 Word（.docx）或 PDF 版本。"
        " Excel (.xlsx) files are not supported yet (support is coming); please send the Word (.docx) or PDF version for now.",
        path=path,
    )


def read_document(path: str | Path) -> RawDocument:
    """Read a PDF, Word or (later) Excel file into a RawDocument, choosing the reader by the file's magic bytes."""
    path = Path(path)
    kind = sniff(path)
    if kind == "pdf":
        from extract.pdf import read_pdf

        return read_pdf(path)
    if kind == "docx":
        from extract.docx import read_docx

        return read_docx(path)
    return _read_xlsx(path)
