"""Each read command imports only what it uses (issue 16): the real CLI runs in a fresh interpreter per command,
and the packages it loaded are read after it exits.

No timing is asserted here; a module that should not load is what makes a command slow, and that is exact.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import warehouse

# `perfgoals ARGS` as the console script runs it, then the top-level packages loaded, written to the file named
# first (stdout stays the command's own).
RUNNER = """
import atexit, json, sys

def loaded(path=sys.argv[1]):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(sorted({name.split(".")[0] for name in sys.modules}), f)

atexit.register(loaded)
from perfgoals.cli import app
sys.argv = ["perfgoals", *sys.argv[2:]]
app()
"""

# What no read command needs: the ingest stack, and pyarrow, which polars does not need to read DuckDB results.
INGEST_STACK = {"prefect", "great_expectations", "pdfplumber", "pypdfium2", "openpyxl", "docx", "extract", "flows",
                "dask", "distributed"}
NOT_READING = INGEST_STACK | {"pyarrow", "pandas"}
FRAMES = {"polars", "numpy", "transform", "expectations", "rapidfuzz", "altair", "jinja2", "vl_convert"}
NO_FRAMES = NOT_READING | FRAMES
UNIT = "天津市蓟州区人民法院"  # a sample unit, with issues


def perfgoals(tmp_path: Path, *args: str | Path) -> tuple[subprocess.CompletedProcess, set[str]]:
    """Run `perfgoals ARGS` in a new interpreter in ``tmp_path``: (the finished process, its top-level packages)."""
    modules = tmp_path / "modules.json"
    env = {k: v for k, v in os.environ.items() if k not in ("PREFECT_API_URL", "PERFGOALS_RULES", "PERFGOALS_DB")}
    env["PREFECT_HOME"] = str(tmp_path / "prefect-home")
    done = subprocess.run([sys.executable, "-c", RUNNER, str(modules), *map(str, args)], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=120)
    assert "Traceback" not in done.stderr, done.stderr
    return done, set(json.loads(modules.read_text(encoding="utf-8")))


@pytest.fixture
def fresh_db(tmp_path: Path) -> Path:
    """A new, empty perfgoals warehouse (schema only)."""
    path = tmp_path / "fresh.duckdb"
    warehouse.connect(path).close()
    return path


def test_sql_on_a_fresh_warehouse_loads_duckdb_and_nothing_heavy(tmp_path: Path, fresh_db: Path):
    done, loaded = perfgoals(tmp_path, "sql", "select 1 AS one", "--db", fresh_db, "--format", "csv")
    assert (done.returncode, done.stdout) == (0, "one\n1\n")
    assert "duckdb" in loaded
    assert loaded & NO_FRAMES == set()


def test_sql_on_the_samples_as_a_table(tmp_path: Path, samples_db: Path):
    done, loaded = perfgoals(tmp_path, "sql", "select count(*) AS n, count(DISTINCT unit_name) AS units "
                             "from goal_tables", "--db", samples_db)
    assert done.returncode == 0 and "│ 16 │ 4     │" in done.stdout, done.stdout
    assert loaded & NO_FRAMES == set()


@pytest.mark.parametrize("args", [("--help",), ("report", "--help"), ("sql", "--help"), ("ingest", "--help")],
                         ids=" ".join)
def test_help_loads_not_even_duckdb(tmp_path: Path, args: tuple[str, ...]):
    done, loaded = perfgoals(tmp_path, *args)
    assert done.returncode == 0 and "Usage: perfgoals" in done.stdout
    assert loaded & (NO_FRAMES | {"duckdb"}) == set()


def test_compare_reads_its_frames_without_pyarrow(tmp_path: Path, samples_db: Path):
    done, loaded = perfgoals(tmp_path, "compare", "干警满意度", "--db", samples_db, "--format", "csv")
    assert done.returncode == 0
    assert done.stdout.splitlines()[1] == "干警满意度,1,天津市武清区人民法院,审判执行业务经费-2023市级,2023,98%,98.0,%,1,True,False,,"
    assert "polars" in loaded  # the frames are polars: the check sees what a command loads
    assert loaded & (NOT_READING | {"rapidfuzz"}) == set()  # a name that matches needs no suggestions


def test_compare_suggests_with_rapidfuzz_alone(tmp_path: Path, samples_db: Path):
    done, loaded = perfgoals(tmp_path, "compare", "干警满意", "--db", samples_db)
    assert done.returncode == 0 and "干警满意度: 4 units" in done.stdout, done.stdout
    done, loaded = perfgoals(tmp_path, "compare", "干部满意率", "--db", samples_db)
    assert done.returncode == 2 and "Did you mean: 干警满意度" in done.stderr, done.stderr
    assert "rapidfuzz" in loaded and loaded & NOT_READING == set()


def test_compare_without_a_name_lists_families(tmp_path: Path, samples_db: Path):
    done, loaded = perfgoals(tmp_path, "compare", "--db", samples_db)
    assert done.returncode == 0 and "Indicator families found in several units" in done.stdout
    assert loaded & (NOT_READING | {"rapidfuzz"}) == set()


def test_review_loads_no_ingest_stack(tmp_path: Path, samples_db: Path):
    done, loaded = perfgoals(tmp_path, "review", UNIT, "--db", samples_db)
    assert done.returncode == 1 and done.stdout.startswith(f"{UNIT}: "), done.stdout
    assert loaded & (NOT_READING | {"rapidfuzz", "altair", "jinja2"}) == set()


def test_schema_needs_duckdb_alone(tmp_path: Path):
    done, loaded = perfgoals(tmp_path, "schema")
    assert done.returncode == 0 and "## `goal_tables`" in done.stdout
    assert loaded & NO_FRAMES == set()


def test_export_to_csv_needs_duckdb_alone(tmp_path: Path, samples_db: Path):
    done, loaded = perfgoals(tmp_path, "export", tmp_path / "out", "--format", "csv", "--db", samples_db)
    assert done.returncode == 0 and (tmp_path / "out" / "goal_tables.csv").is_file(), done.stdout + done.stderr
    assert loaded & NO_FRAMES == set()


def test_report_loads_its_charts_and_no_pyarrow(tmp_path: Path, samples_db: Path):
    done, loaded = perfgoals(tmp_path, "report", "--out", tmp_path / "r.html", "--db", samples_db)
    assert done.returncode == 0 and "Report: " in done.stdout, done.stdout + done.stderr
    assert {"polars", "altair", "jinja2"} <= loaded
    assert loaded & NOT_READING == set()


def test_ingest_starts_the_checker_before_importing_the_run(tmp_path: Path):
    """great-expectations takes seconds to import; the checker starts first, while the CLI imports the run."""
    code = """
import sys
import flows.checker
seen = []
real = flows.checker.start_checker
flows.checker.start_checker = lambda: (seen.append(sorted(m for m in ("flows.ingest", "flows.run", "polars")
                                                         if m in sys.modules)), real())[1]
from perfgoals.cli import app
sys.argv = ["perfgoals", "ingest", sys.argv[1], "--db", sys.argv[2]]
try:
    app()
finally:
    print(seen[0] if seen else "never called")  # the run starts it again, a no-op by then
"""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    result = subprocess.run([sys.executable, "-c", code, str(inbox), str(tmp_path / "w.duckdb")],
                            capture_output=True, text=True, cwd=Path(__file__).parents[2], timeout=120)
    assert result.stdout.strip().splitlines()[-1] == "[]", result.stdout + result.stderr
