"""Issue 13: an error of perfgoals' own code says "internal error" and names the log beside the warehouse, where its
traceback is; a display that breaks never ends the run; the run row is closed."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

import flows.process
from flows.log import log_path
from flows.run import run_ingest
from flows.settings import IngestSettings, Silent

SAMPLES = Path(__file__).parents[2] / "samples"


def _explode(*_args: object, **_kwargs: object) -> None:
    raise ZeroDivisionError("a bug in normalize")


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    monkeypatch.delenv("PERFGOALS_RULES", raising=False)


def test_an_internal_error_names_the_log_that_holds_its_traceback(tmp_path, monkeypatch, clean_env):
    monkeypatch.setattr(flows.process, "normalize", _explode)
    db = tmp_path / "w.duckdb"
    info = run_ingest(IngestSettings([str(SAMPLES / "baodi_court_2023.docx")], db))
    (failed,) = info.failed
    log = log_path(db)
    assert log == tmp_path / "w.log"
    assert "perfgoals hit an internal error on this file (ZeroDivisionError)" in failed.error
    assert f"Details are in {log}." in failed.error and "a bug in normalize" not in failed.error
    text = log.read_text(encoding="utf-8")
    assert "baodi_court_2023.docx" in text and "Traceback (most recent call last)" in text
    assert "ZeroDivisionError: a bug in normalize" in text and "_explode" in text
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT error FROM documents").fetchall() == [(failed.error,)]


def test_no_log_file_when_nothing_went_wrong(tmp_path, clean_env):
    db = tmp_path / "w.duckdb"
    assert run_ingest(IngestSettings([str(SAMPLES / "baodi_court_2023.docx")], db)).counts["loaded"] == 1
    assert not log_path(db).exists()


def test_a_display_that_breaks_does_not_end_the_run(tmp_path, clean_env):
    class Broken(Silent):
        def __call__(self, _outcome: object) -> None:
            raise RuntimeError("the terminal went away")

    broken = Broken()

    db = tmp_path / "w.duckdb"
    info = run_ingest(IngestSettings([str(SAMPLES / "baodi_court_2023.docx"), str(SAMPLES / "ninghe_court_2023.docx")], db), report=broken)
    assert info.counts["loaded"] == 2
    assert "RuntimeError: the terminal went away" in log_path(db).read_text(encoding="utf-8")
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM ingest_runs WHERE finished_at IS NULL").fetchall() == [(0,)]


def test_verbose_shows_each_outcome_and_an_internal_errors_traceback_on_stderr(tmp_path, monkeypatch, clean_env):
    from typer.testing import CliRunner

    from perfgoals.cli import app

    real_normalize = flows.process.normalize
    monkeypatch.setattr(flows.process, "normalize", _explode)
    db = tmp_path / "w.duckdb"
    result = CliRunner().invoke(app, ["--verbose", "ingest", str(SAMPLES / "baodi_court_2023.docx"), "--db", str(db)])
    assert result.exit_code == 1, result.output
    assert "Traceback (most recent call last)" in result.stderr and "ZeroDivisionError" in result.stderr
    assert f"INFO perfgoals failed {SAMPLES / 'baodi_court_2023.docx'}" in result.stderr
    assert "Traceback" not in result.stdout  # the officer's terminal says "internal error" and names the log
    monkeypatch.setattr(flows.process, "normalize", real_normalize)
    quiet = CliRunner().invoke(app, ["ingest", str(SAMPLES / "ninghe_court_2023.docx"), "--db", str(db)])
    assert quiet.exit_code == 0 and quiet.stderr == ""
