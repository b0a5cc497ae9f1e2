"""Issue 13, acceptance 1: the files that once broke a run (tests/data/broken), ingested with the samples in one
batch, each load or fail in words, and the run goes on to the end and closes its row."""

from __future__ import annotations

import shutil
from pathlib import Path

from typer.testing import CliRunner

from db_rows import rows
from perfgoals.cli import app

DATA = Path(__file__).parents[1] / "data" / "broken"
SAMPLES = Path(__file__).parents[2] / "samples"
LOADED = {"unit_name_markup.docx"}  # the only mutant whose file is sound: Baodi's, its unit named 天津市[/x]法院


def test_the_broken_files_fail_in_words_and_the_run_ends(tmp_path: Path, monkeypatch):
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    folder = tmp_path / "inbox"
    shutil.copytree(DATA, folder, ignore=shutil.ignore_patterns("*.md"))
    for sample in SAMPLES.glob("*_2023.*"):
        shutil.copy(sample, folder / sample.name)
    db = tmp_path / "w.duckdb"
    result = CliRunner().invoke(app, ["ingest", str(folder), "--db", str(db)])
    assert result.exit_code == 1, result.output
    assert "12 documents: 6 loaded, 6 failed." in result.output, result.output
    got = dict(rows(db, "SELECT regexp_extract(path, '[^/]+$'), status FROM documents"))
    assert {n for n, s in got.items() if s == "loaded"} == {*LOADED, *(p.name for p in SAMPLES.glob("*_2023.*"))}
    errors = [e for (e,) in rows(db, "SELECT error FROM documents WHERE status = 'failed'")]
    assert all("damaged" in e and "internal error" not in e for e in errors), errors
    assert rows(db, "SELECT n_tables FROM documents WHERE path LIKE '%unit_name_markup.docx'") == rows(
        db, "SELECT n_tables FROM documents WHERE path LIKE '%/baodi_court_2023.docx'") == [(2,)]
    assert rows(db, "SELECT count(*) FROM ingest_runs WHERE finished_at IS NULL") == [(0,)]
    assert rows(db, "SELECT count(*) FROM goal_tables WHERE unit_name = '天津市[/x]法院'") == [(2,)]
