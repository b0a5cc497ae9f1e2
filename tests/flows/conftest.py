"""Fixtures of the flow tests."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def no_prefect_server(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Run ingests in-process, as on a machine without a Prefect server, with no bureau rules file set."""
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    monkeypatch.delenv("PERFGOALS_RULES", raising=False)
    monkeypatch.setenv("PREFECT_HOME", str(tmp_path / "prefect-home"))
