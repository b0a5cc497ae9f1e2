"""With a Prefect server configured, ingest runs as the flow `ingest` and reports to it: a real server, no mocks."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pytest

from flows.ingest import ingest, prefect_configured
from flows.settings import IngestSettings, Silent
from helpers.content import content

SAMPLES = Path(__file__).parents[2] / "samples"


@pytest.fixture(scope="module")
def prefect_server(tmp_path_factory: pytest.TempPathFactory):
    """A real temporary Prefect server for this module, its URL exported like a user's PREFECT_API_URL."""
    os.environ["PREFECT_HOME"] = str(tmp_path_factory.mktemp("prefect-home"))
    os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
    from prefect.settings import PREFECT_API_URL
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=180):
        os.environ["PREFECT_API_URL"] = PREFECT_API_URL.value()
        try:
            yield PREFECT_API_URL.value()
        finally:
            del os.environ["PREFECT_API_URL"]


def test_profile_or_environment_decides(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    monkeypatch.setenv("PREFECT_HOME", str(tmp_path))
    assert not prefect_configured()
    (tmp_path / "profiles.toml").write_text(
        'active = "work"\n[profiles.work]\nPREFECT_API_URL = "http://127.0.0.1:4200/api"\n', encoding="utf-8")
    assert prefect_configured()
    monkeypatch.setenv("PREFECT_API_URL", "")
    assert not prefect_configured()


@pytest.mark.prefect_server
def test_ingest_reports_a_flow_run_with_a_task_per_document(prefect_server: str, tmp_path: Path):
    from prefect.client.orchestration import get_client

    class Seen(Silent):  # the progress display is told of every document of the flow run
        expected, shown = 0, []

        def expect(self, total: int) -> None:
            self.expected = total

        def __call__(self, outcome) -> None:  # noqa: ANN001
            self.shown.append(outcome.job.path)

    db, seen = tmp_path / "w.duckdb", Seen()
    info = ingest(IngestSettings([str(SAMPLES)], db), seen)
    assert info.counts["loaded"] == 5
    assert seen.expected == len(seen.shown) == len(info.outcomes)
    with get_client(sync_client=True) as client:
        runs = client.read_flow_runs()
        tasks = client.read_task_runs()
    assert [(r.flow_id is not None, r.state_name) for r in runs] == [(True, "Completed")]
    assert sorted(t.name for t in tasks) == sorted(str(p) for p in SAMPLES.glob("*_2023.*"))
    with duckdb.connect(str(db), read_only=True) as con:
        recorded = con.execute("SELECT flow_run_id, n_loaded FROM ingest_runs").fetchall()
    assert recorded == [(str(runs[0].id), 5)]


@pytest.mark.prefect_server
def test_a_dask_cluster_of_two_processes_loads_what_one_process_loads(prefect_server: str, tmp_path: Path):
    """Acceptance 1 of issue 6: files read by 2 Dask worker processes, the same warehouse as reading in-process."""
    import dask
    from distributed import LocalCluster

    from flows.run import run_ingest

    alone = tmp_path / "alone.duckdb"
    run_ingest(IngestSettings([str(SAMPLES)], alone))
    spread = tmp_path / "spread.duckdb"
    with dask.config.set({"distributed.worker.daemon": False}), LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster:
        info = ingest(IngestSettings([str(SAMPLES)], spread, dask_address=cluster.scheduler_address))
        workers = {w.pid for w in cluster.workers.values() if hasattr(w, "pid")}
    assert info.counts["loaded"] == 5
    assert len(workers) == 2
    assert content(spread) == content(alone)


@pytest.mark.prefect_server
def test_serve_registers_a_nightly_deployment_whose_run_fills_the_warehouse(prefect_server: str, tmp_path: Path):
    """Acceptance 3 of issue 6: `perfgoals serve` against a real server: schedule, a triggered run, the warehouse."""
    import signal
    import subprocess
    import sys
    import time

    from prefect.client.orchestration import get_client
    from prefect.deployments import run_deployment

    root = Path(__file__).parents[2]
    db = tmp_path / "nightly.duckdb"
    env = {k: v for k, v in os.environ.items() if k != "PERFGOALS_RULES"} | {"PREFECT_API_URL": prefect_server}
    served = subprocess.Popen([sys.executable, "-c", "from perfgoals.cli import app; app()", "serve", str(SAMPLES),
                               "--db", str(db), "--cron", "0 2 * * *"], cwd=root, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    try:
        deployment = None
        deadline = time.monotonic() + 120
        with get_client(sync_client=True) as client:
            while deployment is None and time.monotonic() < deadline and served.poll() is None:
                try:
                    deployment = client.read_deployment_by_name("ingest/nightly")
                except Exception:  # not registered yet
                    time.sleep(1)
        assert deployment is not None, served.stdout.read() if served.poll() is not None else "not registered"
        assert [s.schedule.cron for s in deployment.schedules] == ["0 2 * * *"]
        assert deployment.parameters["settings"]["db_path"] == str(db)
        run = run_deployment("ingest/nightly", timeout=300)
        assert run.state.is_completed(), run.state
    finally:
        os.killpg(served.pid, signal.SIGTERM)
        served.wait(timeout=30)
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM documents WHERE status = 'loaded'").fetchall() == [(5,)]
        assert con.execute("SELECT flow_run_id FROM ingest_runs").fetchall() == [(str(run.id),)]
