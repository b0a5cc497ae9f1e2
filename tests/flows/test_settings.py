"""IngestSettings: built once, passed whole, and rebuilt from the JSON a Prefect deployment hands back."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest

from extract.limits import Limits
from flows.ingest import InProcess, LocalDask, PrefectFlow, choose_mode
from flows.settings import IngestSettings


def test_paths_and_options_are_stored_as_strings(tmp_path: Path):
    settings = IngestSettings([tmp_path / "a.pdf", "b"], tmp_path / "w.duckdb", rules=tmp_path / "r.toml",
                              workers=None)  # type: ignore[arg-type] - the CLI's unset --workers
    assert settings.paths == (str(tmp_path / "a.pdf"), "b")
    assert (settings.db_path, settings.rules, settings.workers) == (str(tmp_path / "w.duckdb"),
                                                                    str(tmp_path / "r.toml"), 1)
    assert IngestSettings(str(tmp_path), "w.duckdb").paths == (str(tmp_path),)  # one path, not its letters


def test_settings_survive_pickling_and_a_deployments_json():
    settings = IngestSettings(("/data/in",), "/data/w.duckdb", year=2024, limits=Limits(timeout_s=30),
                              docs="/data/docs", prune=True)
    assert pickle.loads(pickle.dumps(settings)) == settings  # Dask
    from pydantic_core import to_jsonable_python  # how Prefect makes parameters JSON

    as_json = json.loads(json.dumps(to_jsonable_python(settings)))  # what the server stores
    assert IngestSettings.coerce(as_json) == settings
    assert IngestSettings.coerce(settings) is settings


def test_a_scheduled_run_gets_absolute_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    settings = IngestSettings(["in"], "w.duckdb").absolute()
    assert settings.paths == (str(tmp_path / "in"),) and settings.db_path == str(tmp_path / "w.duckdb")


@pytest.mark.parametrize(("server", "workers", "address", "mode"), [
    ("", 1, None, InProcess), ("", 2, None, LocalDask), ("", 1, "tcp://h:8786", PrefectFlow),
    ("http://127.0.0.1:4200/api", 1, None, PrefectFlow), ("http://127.0.0.1:4200/api", 4, None, PrefectFlow)])
def test_the_mode_is_chosen_in_one_place(monkeypatch: pytest.MonkeyPatch, server, workers, address, mode):
    monkeypatch.setenv("PREFECT_API_URL", server)
    assert type(choose_mode(IngestSettings(["x"], "w.duckdb", workers=workers, dask_address=address))) is mode
