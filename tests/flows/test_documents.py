"""Which files a folder ingest picks up."""

from __future__ import annotations

from pathlib import Path

import pytest

from flows.documents import discover
from core.errors import UsageError


def test_folder_ingest_finds_every_office_and_pdf_file(tmp_path: Path):
    names = ["a.pdf", "b.docx", "c.xlsx", "d.doc", "e.xls", "F.PDF", "notes.txt", "scan.jpg", "sub/g.docx"]
    for name in names:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(b"x")
    found = [p.relative_to(tmp_path).as_posix() for p in discover([str(tmp_path)])]
    assert found == ["F.PDF", "a.pdf", "b.docx", "c.xlsx", "d.doc", "e.xls", "sub/g.docx"]


def test_a_file_named_on_the_command_line_is_taken_whatever_its_suffix(tmp_path: Path):
    f = tmp_path / "table.txt"
    f.write_bytes(b"x")
    assert discover([str(f)]) == [f]


def test_a_missing_path_is_a_usage_error(tmp_path: Path):
    with pytest.raises(UsageError, match="No such file or folder"):
        discover([str(tmp_path / "nope")])
