"""`--workers 2` without a Prefect server: files read by 2 local Dask processes, the same warehouse as one."""

from __future__ import annotations

from pathlib import Path

import pytest

from flows.ingest import ingest
from flows.settings import IngestSettings
from flows.run import run_ingest
from helpers.content import content
from helpers.paths import SAMPLES

pytestmark = pytest.mark.usefixtures("no_prefect_server")


def test_two_local_processes_load_what_one_loads(tmp_path: Path):
    alone, spread = tmp_path / "alone.duckdb", tmp_path / "spread.duckdb"
    run_ingest(IngestSettings([str(SAMPLES)], alone))
    info = ingest(IngestSettings([str(SAMPLES)], spread, workers=2))
    assert info.counts["loaded"] == 5
    assert content(spread) == content(alone)
