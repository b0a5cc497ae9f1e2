"""extract/: a file in, a RawDocument out (see ``extract.records``), no interpretation.

``read_document`` decides the format from the file's bytes, not its name,
and raises the ``core.errors`` DocumentError subclasses for files it
cannot read (empty, damaged, password-protected, not a supported format).
"""

from __future__ import annotations

from pathlib import Path

from extract.limits import Limits
from extract.records import RawCell, RawDocument, RawRow, RawTable, RawText
from extract.sniff import sniff

__all__ = ["Limits", "RawCell", "RawDocument", "RawRow", "RawTable", "RawText", "read_document", "sniff"]


def _read_xlsx(path: Path) -> RawDocument:
    """Excel workbooks (``extract.xlsx``); a module-level hook so tests can stand in for the reader."""
    from extract.xlsx import read_xlsx

    return read_xlsx(path)


def read_document(path: str | Path, limits: Limits | None = None) -> RawDocument:
    """Read a PDF, Word or Excel file into a RawDocument, choosing the reader by the file's magic bytes.

    A file over ``limits`` (default: ``Limits.from_env()``) raises TooLargeError before it is parsed; an old
    binary .doc/.xls is converted with LibreOffice first (``extract.legacy``).
    """
    path = Path(path)
    limits = limits if limits is not None else Limits.from_env()
    kind = sniff(path, limits)
    if kind in ("doc", "xls"):
        from extract.legacy import read_legacy

        return read_legacy(path, kind, limits)
    if kind == "pdf":
        from extract.pdf import read_pdf

        return read_pdf(path)
    if kind == "docx":
        from extract.docx import read_docx

        return read_docx(path)
    return _read_xlsx(path)
