"""Fixtures shared by every test package."""

from __future__ import annotations

from pathlib import Path

import pytest

SAMPLES = Path(__file__).parents[1] / "samples"


@pytest.fixture(scope="session")
def samples_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A warehouse of the five sample documents, ingested once, in-process, with the default rules.

    Tests only read it; one that changes a warehouse copies it first.
    """
    from flows.run import run_ingest
    from flows.settings import IngestSettings

    path = tmp_path_factory.mktemp("samples") / "w.duckdb"
    with pytest.MonkeyPatch.context() as env:
        env.delenv("PREFECT_API_URL", raising=False)
        env.delenv("PERFGOALS_RULES", raising=False)
        run_ingest(IngestSettings([str(SAMPLES)], path))
    return path


@pytest.fixture
def no_prefect_server(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Run ingests in-process, as on a machine without a Prefect server, with no bureau rules file set."""
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    monkeypatch.delenv("PERFGOALS_RULES", raising=False)
    monkeypatch.setenv("PREFECT_HOME", str(tmp_path / "prefect-home"))
