"""Running `perfgoals` in the test's process, as a user would from a shell."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from perfgoals.cli import app

runner = CliRunner()


def invoke(*args: object) -> Result:
    """`perfgoals ARGS` (paths given as Path or str)."""
    return runner.invoke(app, [str(a) for a in args])


def ingest_into(folder: Path, *paths: Path | str) -> tuple[Path, Result]:
    """`perfgoals ingest PATHS --db folder/w.duckdb` in this process, without a Prefect server or a bureau rules
    file; for module-scoped fixtures, which cannot use the ``no_prefect_server`` fixture."""
    db = folder / "w.duckdb"
    with pytest.MonkeyPatch.context() as env:
        env.delenv("PREFECT_API_URL", raising=False)
        env.delenv("PERFGOALS_RULES", raising=False)
        env.setenv("PREFECT_HOME", str(folder / "prefect-home"))
        result = invoke("ingest", *paths, "--db", db)
    return db, result


def said(result: Result, code: int) -> str:
    """The output of a command that exited with ``code`` and printed no traceback."""
    out = result.output
    assert result.exit_code == code, out
    assert "Traceback" not in out and (result.exception is None or isinstance(result.exception, SystemExit)), out
    return out
