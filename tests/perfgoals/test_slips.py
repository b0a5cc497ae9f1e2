"""Issue 13, points 6-8: common slips and misuses get one clear sentence and the right exit code, never a
traceback, and `perfgoals sql` reaches nothing outside the warehouse unless told to."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from perfgoals.cli import app
from helpers.cli import said as _ok

ROOT = Path(__file__).parents[2]
SAMPLES = ROOT / "samples"
runner = CliRunner()


@pytest.fixture(scope="module")
def db(samples_db: Path) -> str:
    return str(samples_db)


@pytest.fixture
def foreign(tmp_path: Path) -> Path:
    """A DuckDB file of some other program."""
    path = tmp_path / "other.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute("CREATE TABLE budget AS SELECT 1 AS amount")
    return path


# --- sql: the warehouse only ------------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["COPY (SELECT 1) TO '{tmp}/x.duckdb'", "EXPORT DATABASE '{tmp}/out'"])
def test_sql_writes_no_file_by_default(db, tmp_path, query):
    said = _ok(runner.invoke(app, ["sql", query.format(tmp=tmp_path), "--db", db]), 2)
    assert "perfgoals sql reads only the warehouse" in said and "--allow-files" in said
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("query", ["select * from read_text('/etc/hostname')", "select * from glob('/root/*')",
                                   "select * from read_csv('{samples}/README.md')", "INSTALL httpfs",
                                   "ATTACH '{tmp}/y.duckdb'"])
def test_sql_reads_no_file_by_default(db, tmp_path, query):
    said = _ok(runner.invoke(app, ["sql", query.format(tmp=tmp_path, samples=SAMPLES), "--db", db]), 2)
    assert "perfgoals sql reads only the warehouse" in said or "read-only" in said, said
    assert not (tmp_path / "y.duckdb").exists()


def test_sql_with_allow_files_reads_and_exports(db, tmp_path):
    out = tmp_path / "families.csv"
    copied = runner.invoke(app, ["sql", f"COPY (SELECT family_name FROM family_stats) TO '{out}'", "--db", db,
                                 "--allow-files"])
    assert _ok(copied, 0) is not None and out.read_text(encoding="utf-8").startswith("family_name\n")
    read = runner.invoke(app, ["sql", f"select count(*) from read_csv('{out}')", "--db", db, "--allow-files",
                               "--format", "csv"])
    assert _ok(read, 0).splitlines()[1] == str(len(out.read_text(encoding="utf-8").splitlines()) - 1)


@pytest.mark.parametrize("query", ["DELETE FROM documents", "DELETE FROM store.documents", "DROP VIEW goal_tables",
                                   "CREATE TABLE x (a INT)", "UPDATE store.goal_tables SET unit_name = 'x'",
                                   "SET threads = 1"])
def test_every_write_through_sql_says_read_only(db, query):
    said = _ok(runner.invoke(app, ["sql", query, "--db", db]), 2)
    assert "perfgoals sql is read-only" in said and "只读" in said
    assert "Binder Error" not in said


@pytest.mark.parametrize("query", ["", ";", "  ;  "])
def test_sql_without_a_query_says_how_to_give_one(db, query):
    said = _ok(runner.invoke(app, ["sql", query, "--db", db]), 2)
    assert "No query given" in said and "perfgoals sql \"select" in said


def test_sql_takes_one_query_at_a_time(db):
    assert "Give one query at a time (2 statements" in _ok(runner.invoke(app, ["sql", "select 1; select 2",
                                                                               "--db", db]), 2)


def test_sql_output_is_not_cut_when_piped(db):
    wide = "x" * 150
    said = _ok(runner.invoke(app, ["sql", f"select '{wide}' as a, '{wide}' as b", "--db", db]), 0)
    assert said.count(wide) == 2


# --- the wrong file as --db ---------------------------------------------------------------------------------


@pytest.mark.parametrize("command", [["compare"], ["review", "x"], ["report", "--out", "{tmp}/r.html"],
                                     ["export", "{tmp}/out"], ["sql", "select 1"],
                                     ["ingest", str(SAMPLES / "baodi_court_2023.docx")],
                                     ["family", "pin", "干警满意度", "x"]])
def test_a_duckdb_file_that_is_not_a_warehouse_is_refused_untouched(foreign, tmp_path, command):
    before = foreign.read_bytes()
    args = [a.format(tmp=tmp_path) for a in command]
    said = _ok(runner.invoke(app, [*args, "--db", str(foreign)]), 2)
    assert "is a DuckDB database but not a perfgoals warehouse" in said and "nothing was changed" in said
    assert foreign.read_bytes() == before
    with duckdb.connect(str(foreign), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM duckdb_tables()").fetchall() == [(1,)]


@pytest.mark.parametrize("command", [["compare"], ["sql", "select 1"], ["family", "pin", "a", "b"],
                                     ["ingest", str(SAMPLES / "baodi_court_2023.docx")]])
def test_a_folder_as_db_says_to_pass_a_file(tmp_path, command):
    said = _ok(runner.invoke(app, [*command, "--db", str(tmp_path)]), 2)
    assert f"{tmp_path} is a folder, not a warehouse file" in said


# --- wording ----------------------------------------------------------------------------------------------


def test_an_empty_folder_says_which_formats_are_looked_for(tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.txt").write_text("x")
    said = _ok(runner.invoke(app, ["ingest", str(tmp_path / "empty"), "--db", str(tmp_path / "w.duckdb")]), 0)
    assert "No .pdf, .docx, .xlsx, .doc, .xls file under" in said and "nothing to read" in said


def test_a_document_without_goal_tables_says_what_was_read(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("关于2023年部门预算的说明")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "科目", "金额"
    document.save(tmp_path / "budget.docx")
    said = _ok(runner.invoke(app, ["ingest", str(tmp_path / "budget.docx"), "--db", str(tmp_path / "w.duckdb")]), 0)
    assert "no_goal_tables" in said
    assert "The file holds 1 tables, but none has the header of a goal table's indicators" in said


@pytest.mark.parametrize("command", [["compare", "--format", "xml"], ["sql", "select 1", "--format", "xml"]])
def test_an_unknown_format_is_answered_in_both_languages(db, command):
    said = _ok(runner.invoke(app, [*command, "--db", db]), 2)
    assert "--format 只能是 table、csv、json" in said and "--format must be table, csv or json, not 'xml'" in said


@pytest.mark.parametrize("command", [["compare", "--year", "23"], ["report", "--year", "23"],
                                     ["ingest", str(SAMPLES), "--year", "23"]])
def test_a_two_digit_year_is_refused(db, command):
    said = _ok(runner.invoke(app, [*command, "--db", db]), 2)
    assert "A fiscal year has four digits, such as 2024, not 23" in said


def test_pinning_a_key_that_no_indicator_has_is_refused_with_the_closest(tmp_path, samples_db):
    db = tmp_path / "w.duckdb"
    shutil.copy(samples_db, db)
    said = _ok(runner.invoke(app, ["family", "pin", "干警满意", "满意度", "--db", str(db)]), 2)
    assert "No indicator has the key '干警满意', so nothing was pinned" in said and "Did you mean: 干警满意度" in said
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM store.family_overrides").fetchall() == [(0,)]


def test_a_reader_holding_the_file_is_named_not_called_an_ingest(tmp_path, samples_db):
    db = tmp_path / "w.duckdb"
    shutil.copy(samples_db, db)
    holder = subprocess.Popen([sys.executable, "-c", "import duckdb, sys; c = duckdb.connect(sys.argv[1], "
                               "read_only=True); print('open', flush=True); sys.stdin.read()", str(db)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline() == "open\n"
        said = _ok(runner.invoke(app, ["family", "pin", "干警满意度", "x", "--db", str(db)]), 2)
    finally:
        holder.communicate("")
    assert f"is in use by another program (PID {holder.pid}: " in said and "Another perfgoals ingest" not in said


# --- an unreachable Prefect server ---------------------------------------------------------------------------


def _cli(tmp_path: Path, *args: str, **env: str) -> tuple[subprocess.CompletedProcess[str], float]:
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-c", "from perfgoals.cli import app; app()", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=300,
                          env=os.environ | {"PREFECT_HOME": str(tmp_path / "prefect-home")} | env)
    return done, time.monotonic() - started


DOWN = "http://127.0.0.1:9/api"  # the discard port: nothing listens


def test_ingest_with_a_prefect_server_down_says_so_and_runs_here(tmp_path, monkeypatch):
    monkeypatch.setenv("PREFECT_API_URL", DOWN)  # the ingest clears it for its process; monkeypatch restores it
    said = _ok(runner.invoke(app, ["ingest", str(SAMPLES / "baodi_court_2023.docx"), "--db",
                                   str(tmp_path / "w.duckdb")]), 0)
    assert f"The Prefect server at {DOWN} (PREFECT_API_URL) does not answer" in said
    assert "1 documents: 1 loaded" in said


def test_serve_with_a_prefect_server_down_stops_with_the_fix_at_once(tmp_path):
    done, seconds = _cli(tmp_path, "serve", str(SAMPLES), "--db", str(tmp_path / "w.duckdb"), PREFECT_API_URL=DOWN)
    assert done.returncode == 2 and "Traceback" not in done.stdout + done.stderr
    assert "does not answer: start it with `perfgoals server`" in done.stderr
    assert seconds < 5
