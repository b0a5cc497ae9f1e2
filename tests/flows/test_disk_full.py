"""A full disk (issue 13, point 4): one clear sentence, no traceback, nothing half-written, and the next run, with
space again, loads exactly what is missing.

The disk is a real one: a small tmpfs mounted for the test and filled with a file until a few KB are left
(mounting needs root, or the test is skipped with the reason). Real processes, real DuckDB files.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

ROOT = Path(__file__).parents[2]
SAMPLES = ROOT / "samples"
CLI = [sys.executable, "-c", "from perfgoals.cli import app; app()"]
DISK = "8m"
LEFT_KB = 60  # what the filler leaves free: enough to open the warehouse, not to load the next document


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[Path]:
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={DISK}", "tmpfs", str(mount)], capture_output=True,
                          text=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs to fill (needs root): {done.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=False)


def _fill(disk: Path, leave_kb: int) -> Path:
    """A file taking all of ``disk`` but ``leave_kb`` KB."""
    stat = os.statvfs(disk)
    filler = disk / "filler"
    filler.write_bytes(b"\0" * max(stat.f_bavail * stat.f_frsize - leave_kb * 1024, 0))
    return filler


def _ingest(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PREFECT_API_URL", "PERFGOALS_RULES")}
    return subprocess.run([*CLI, "ingest", *args], cwd=ROOT, capture_output=True, text=True, timeout=600,
                          env=env | {"PREFECT_HOME": str(tmp_path / "prefect-home"), "COLUMNS": "200"})


def _ingest_here(paths: list[Path], db: Path, docs: Path) -> object:
    """The same ingest in this process, where the readers and great-expectations are imported already."""
    from flows.run import run_ingest
    from flows.settings import IngestSettings

    with pytest.MonkeyPatch.context() as env:
        env.delenv("PREFECT_API_URL", raising=False)
        env.delenv("PERFGOALS_RULES", raising=False)
        return run_ingest(IngestSettings([str(p) for p in paths], db, docs=str(docs)))


def _counts(db: Path) -> tuple[int, int, int]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute("SELECT (SELECT count(*) FROM documents WHERE status = 'loaded'),"
                           " (SELECT count(*) FROM goal_tables), (SELECT count(*) FROM indicators)").fetchall()[0]


def test_a_full_disk_stops_the_run_in_words_and_the_next_run_completes(disk: Path, tmp_path: Path, samples_db):
    folder = tmp_path / "docs"
    shutil.copytree(SAMPLES, folder, ignore=shutil.ignore_patterns("*.md"))
    db = disk / "w.duckdb"
    assert _ingest_here([folder / "baodi_court_2023.docx"], db, tmp_path / "d").counts["loaded"] == 1
    filler = _fill(disk, LEFT_KB)

    full = _ingest(tmp_path, str(folder), "--db", str(db), "--docs", str(tmp_path / "d"))
    said = full.stdout + full.stderr
    assert full.returncode == 1, said
    assert "Traceback" not in said and "internal error" not in said
    assert "The disk holding the warehouse" in said and "is full" in said and "磁盘已满" in said
    assert said.count("error:") == 1, said

    filler.unlink()
    again = _ingest_here([folder], db, tmp_path / "d")
    assert not again.failed and again.counts["loaded"] >= 1
    assert _counts(db) == _counts(samples_db)  # nothing lost, nothing loaded twice


def test_data_docs_on_a_full_disk_are_a_warning_and_the_data_loads(disk: Path, tmp_path: Path, capfd):
    _fill(disk, 8)
    db = tmp_path / "w.duckdb"
    info = _ingest_here([SAMPLES / "wuqing_court_2023.pdf"], db, disk / "docs")
    assert info.docs is None and "The run's Data Docs could not be written" in info.docs_error
    assert "the disk is full" in info.docs_error
    printed = capfd.readouterr()
    assert "Traceback" not in printed.out + printed.err  # great-expectations logs one; it goes to the run's log
    assert _counts(db)[:2] == (1, 3)


def test_a_read_only_folder_is_said_in_words(tmp_path: Path):
    mount = tmp_path / "ro"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m,ro", "tmpfs", str(mount)], capture_output=True,
                          text=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a read-only tmpfs (needs root): {done.stderr.strip()}")
    try:
        result = _ingest(tmp_path, str(SAMPLES / "baodi_court_2023.docx"), "--db", str(mount / "w.duckdb"))
    finally:
        subprocess.run(["umount", str(mount)], check=False)
    said = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in said, said
    assert f"The warehouse's folder {mount} cannot be written (Read-only file system)" in said
