"""extract/: a file in, a RawDocument out (see ``extract.records``), no interpretation.

``read_document`` decides the format from the file's bytes, not its name,
and raises the ``core.errors`` DocumentError subclasses for files it
cannot read (empty, damaged, password-protected, not a supported format).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from extract.limits import Limits, changed_file, read_file
from extract.records import RawCell, RawDocument, RawRow, RawTable, RawText
from extract.sniff import sniff

__all__ = ["Limits", "RawCell", "RawDocument", "RawRow", "RawTable", "RawText", "read_document", "sniff"]


def _read_xlsx(path: Path, data: bytes | None = None) -> RawDocument:
    """Excel workbooks (``extract.xlsx``); a module-level hook so tests can stand in for the reader."""
    from extract.xlsx import read_xlsx

    return read_xlsx(path, data=data)


def read_document(path: str | Path, limits: Limits | None = None, sha256: str | None = None) -> RawDocument:
    """Read a PDF, Word or Excel file into a RawDocument, choosing the reader by the file's magic bytes.

    The file is read from disk once, and every reader after that works on those bytes. A file over
    ``limits`` (default: ``Limits.from_env()``) raises TooLargeError before it is read; one whose bytes are
    not those of ``sha256`` (what the run planned to read) raises FileChangingError before it is parsed. An
    old binary .doc/.xls is converted with LibreOffice first (``extract.legacy``).
    """
    path = Path(path)
    limits = limits if limits is not None else Limits.from_env()
    data = read_file(path, limits)
    if sha256 is not None and hashlib.sha256(data).hexdigest() != sha256:
        raise changed_file(path)
    kind = sniff(path, limits, data)
    if kind in ("doc", "xls"):
        from extract.legacy import read_legacy

        return read_legacy(path, kind, limits)
    if kind == "pdf":
        from extract.pdf import read_pdf

        return read_pdf(path, data=data)
    if kind == "docx":
        from extract.docx import read_docx

        return read_docx(path, data)
    return _read_xlsx(path, data=data)
