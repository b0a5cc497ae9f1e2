"""Acceptance 2 of issue 6: a run killed with SIGKILL leaves a consistent warehouse that the next run completes,
and a second ingest against a database in use stops clearly without harm. Real processes, real DuckDB files."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from family_corpus import make_corpus

ROOT = Path(__file__).parents[2]
CLI = [sys.executable, "-c", "from perfgoals.cli import app; app()"]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    folder = tmp_path_factory.mktemp("corpus")
    truth = make_corpus(folder, seed=3, n_units=30)
    return folder, len(truth)


def _env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PREFECT_API_URL", "PERFGOALS_RULES")}
    return env | {"PREFECT_HOME": str(tmp_path / "prefect-home"), "COLUMNS": "200"}


def _start(folder: Path, db: Path, tmp_path: Path) -> subprocess.Popen[str]:
    return subprocess.Popen([*CLI, "ingest", str(folder), "--db", str(db)], cwd=ROOT, env=_env(tmp_path),
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)


def _wait_for_lines(proc: subprocess.Popen[str], word: str, n: int, timeout: float = 120) -> list[str]:
    lines, deadline = [], time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        lines.append(line)
        if sum(word in x for x in lines) >= n:
            return lines
    raise AssertionError(f"never saw {n} lines with {word!r}: {lines}")


def _consistent(db: Path) -> dict[str, int]:
    """Every document's counts match its rows, and no row belongs to a document or table that is not there."""
    with duckdb.connect(str(db), read_only=True) as con:
        q = lambda sql: con.execute(sql).fetchall()  # noqa: E731
        assert q("""SELECT count(*) FROM documents d WHERE n_tables <>
                    (SELECT count(*) FROM goal_tables g WHERE g.doc_id = d.doc_id)""") == [(0,)]
        assert q("SELECT count(*) FROM goal_tables WHERE doc_id NOT IN (SELECT doc_id FROM documents)") == [(0,)]
        assert q("SELECT count(*) FROM indicators WHERE table_id NOT IN (SELECT table_id FROM goal_tables)") == [(0,)]
        assert q("SELECT count(*) FROM dq_issues WHERE table_id NOT IN (SELECT table_id FROM goal_tables)") == [(0,)]
        return {"documents": q("SELECT count(*) FROM documents")[0][0],
                "loaded": q("SELECT count(*) FROM documents WHERE status = 'loaded'")[0][0],
                "indicators": q("SELECT count(*) FROM indicators")[0][0],
                "open_runs": q("SELECT count(*) FROM ingest_runs WHERE finished_at IS NULL")[0][0]}


def test_sigkill_midway_leaves_a_consistent_warehouse_and_the_next_run_completes(corpus, tmp_path: Path):
    folder, n_rows = corpus
    db = tmp_path / "w.duckdb"
    proc = _start(folder, db, tmp_path)
    try:
        # the first batch is one document; the rest (29) are loaded in one transaction, which the kill beats
        _wait_for_lines(proc, "loaded", 1)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)  # the ingest and the children reading files, as the OOM killer would
        proc.wait()
    assert proc.returncode == -signal.SIGKILL
    before = _consistent(db)
    assert 1 <= before["loaded"] < 30 and before["open_runs"] == 1
    result = subprocess.run([*CLI, "ingest", str(folder), "--db", str(db)], cwd=ROOT, env=_env(tmp_path),
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{before['loaded']} unchanged" in result.stdout
    after = _consistent(db)
    assert after["documents"] == after["loaded"] == 30
    assert after["indicators"] == n_rows  # nothing loaded twice, nothing lost


def test_a_second_ingest_while_one_runs_stops_clearly(corpus, tmp_path: Path):
    folder, n_rows = corpus
    db = tmp_path / "w.duckdb"
    first = _start(folder, db, tmp_path)
    try:
        _wait_for_lines(first, "loaded", 1)
        # paused, it keeps the warehouse open however fast it would have finished (the race this test once lost)
        os.killpg(first.pid, signal.SIGSTOP)
        try:
            second = subprocess.run([*CLI, "ingest", str(folder), "--db", str(db)], cwd=ROOT, env=_env(tmp_path),
                                    capture_output=True, text=True, timeout=120)
        finally:
            os.killpg(first.pid, signal.SIGCONT)
        assert second.returncode == 1
        assert "Another perfgoals ingest is writing to this warehouse" in second.stderr + second.stdout
        assert "Traceback" not in second.stderr + second.stdout
        first.communicate(timeout=600)
    finally:
        if first.poll() is None:
            os.killpg(first.pid, signal.SIGKILL)
    assert first.returncode == 0
    after = _consistent(db)
    assert after["loaded"] == 30 and after["indicators"] == n_rows and after["open_runs"] == 0
