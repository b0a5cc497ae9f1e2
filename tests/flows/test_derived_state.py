"""Issue 13, point 5: a run killed with SIGKILL after its last document was committed, before families and units
were recomputed, leaves them to the next run, which recomputes although every file is unchanged."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import duckdb

ROOT = Path(__file__).parents[2]
SAMPLES = ROOT / "samples"
# The real CLI in a real process, killed by SIGKILL at the very point the recompute would start.
KILLED_BEFORE_RECOMPUTE = """
import os, signal, sys
import flows.run
flows.run.refresh_identity = lambda con: os.kill(os.getpid(), signal.SIGKILL)
from perfgoals.cli import app
sys.argv[0] = "perfgoals"
app()
"""


def _run(program: str, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PREFECT_API_URL", "PERFGOALS_RULES")}
    return subprocess.run([sys.executable, "-c", program, "ingest", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=600, env=env | {"PREFECT_HOME": str(tmp_path / "prefect-home")})


def _derived(db: Path) -> tuple[int, int, int]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute("SELECT (SELECT count(*) FROM units), (SELECT count(*) FROM indicator_families),"
                           " (SELECT count(*) FROM cross_unit)").fetchall()[0]


def test_the_next_run_recomputes_what_a_killed_run_left_undone(tmp_path: Path):
    folder = tmp_path / "docs"
    folder.mkdir()
    for name in ("baodi_court_2023.docx", "wuqing_court_2023.pdf"):
        shutil.copy(SAMPLES / name, folder / name)
    db = tmp_path / "w.duckdb"
    killed = _run(KILLED_BEFORE_RECOMPUTE, tmp_path, str(folder), "--db", str(db))
    assert killed.returncode == -signal.SIGKILL, killed.stdout + killed.stderr
    assert killed.stdout.count("loaded ") == 2  # both documents were committed before the kill
    assert _derived(db) == (0, 0, 0)

    again = _run("from perfgoals.cli import app; app()", tmp_path, str(folder), "--db", str(db))
    assert again.returncode == 0, again.stdout + again.stderr
    assert "2 unchanged" in again.stdout
    units, families, rows = _derived(db)
    assert units == 2 and families > 10 and rows > 20

    calm = _run(KILLED_BEFORE_RECOMPUTE, tmp_path, str(folder), "--db", str(db))
    assert calm.returncode == 0, calm.stdout + calm.stderr  # nothing changed: no recompute, so no kill
    assert _derived(db) == (units, families, rows)
