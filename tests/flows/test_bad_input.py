"""Acceptance: a batch mixing every kind of bad file with good ones loads every good file, fails each bad one
with a message that names the problem, and exits 1."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from bad_files import JUNK_ZIP, PNG_BYTES, WORD_STREAM, WORKBOOK_STREAM, make_pdf, minimal_ole, zip_bomb
from perfgoals.cli import app

ROOT = Path(__file__).parents[2]
SAMPLES = ROOT / "samples"
LONG_PDF = ROOT / "benchmarks" / "data" / "budget_jizhou_2023.pdf"  # 27 pages

# file name → words its error must hold (Chinese for the finance officer, English for the rest).
EXPECTED = {
    "encrypted.pdf": ("密码", "password"),
    "truncated.pdf": ("truncated.pdf", "PDF"),
    "photo.pdf": ("图片", "PNG image"),
    "junk.docx": ("junk.docx", "damaged"),
    "empty.xlsx": ("文件为空", "empty"),
    "old.doc": ("另存为", ".docx", "LibreOffice"),
    "old.xls": ("另存为", ".xlsx", "LibreOffice"),
    "scan.pdf": ("扫描件", "OCR"),
    "big.pdf": ("PERFGOALS_MAX_FILE_MB", "--max-file-mb"),
    "long.pdf": ("超过 10 页的上限", "--max-pages"),
    "bomb.docx": ("PERFGOALS_MAX_COMPRESSION_RATIO",),
}


def _bad_files(folder: Path) -> None:
    make_pdf(folder / "encrypted.pdf", user_password="secret", owner_password="owner")
    pdf = (SAMPLES / "wuqing_court_2023.pdf").read_bytes()
    (folder / "truncated.pdf").write_bytes(pdf[: len(pdf) // 2])
    (folder / "photo.pdf").write_bytes(PNG_BYTES)
    (folder / "junk.docx").write_bytes(JUNK_ZIP)
    (folder / "empty.xlsx").write_bytes(b"")
    (folder / "old.doc").write_bytes(minimal_ole("WordDocument", WORD_STREAM))
    (folder / "old.xls").write_bytes(minimal_ole("Workbook", WORKBOOK_STREAM))
    make_pdf(folder / "scan.pdf", texts=((40, 150, ""),), lines=((20, 20, 280, 20),))
    (folder / "big.pdf").write_bytes(pdf + b"%" * (2 * 1024 * 1024))
    shutil.copy(LONG_PDF, folder / "long.pdf")
    zip_bomb(folder / "bomb.docx", 20)


@pytest.fixture
def batch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    monkeypatch.setenv("PREFECT_HOME", str(tmp_path / "prefect-home"))
    empty_bin = tmp_path / "bin"
    empty_bin.mkdir()
    monkeypatch.setenv("PATH", str(empty_bin))  # no LibreOffice: .doc/.xls get the how-to-convert error everywhere
    folder = tmp_path / "inbox"
    shutil.copytree(SAMPLES, folder, ignore=shutil.ignore_patterns("*.md"))
    _bad_files(folder)
    return folder


def test_every_bad_file_fails_clearly_and_every_good_file_loads(batch: Path, tmp_path: Path):
    db = tmp_path / "w.duckdb"
    result = CliRunner().invoke(app, ["ingest", str(batch), "--db", str(db), "--max-file-mb", "1", "--max-pages", "10"])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute("SELECT regexp_extract(path, '[^/]+$'), status, error, n_tables FROM documents").fetchall()
    by_name = {name: (status, error, n) for name, status, error, n in rows}
    good = {p.name for p in SAMPLES.iterdir() if p.suffix != ".md"}
    assert set(by_name) == good | set(EXPECTED)
    assert {name: by_name[name][0] for name in good} == dict.fromkeys(good, "loaded")
    for name, words in EXPECTED.items():
        status, error, n_tables = by_name[name]
        assert status == "failed" and n_tables == 0, (name, status)
        assert error.startswith(name) and "Traceback" not in error, error
        for word in words:
            assert word in error, (name, word, error)
