"""great-expectations validates each batch of a run once: the run's Data Docs are written from those results."""

from __future__ import annotations

from pathlib import Path

import pytest

from flows.run import run_ingest
from flows.settings import IngestSettings

SAMPLES = Path(__file__).parents[2] / "samples"


@pytest.fixture
def validations(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The suite of every GX validation this test makes (a spy: GX still validates)."""
    from great_expectations.validator.v1_validator import Validator

    seen: list[str] = []
    real = Validator.validate_expectation_suite

    def counted(self, expectation_suite, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        seen.append(expectation_suite.name)
        return real(self, expectation_suite, *args, **kwargs)

    monkeypatch.setattr(Validator, "validate_expectation_suite", counted)
    return seen


def test_one_validation_per_suite_per_batch_and_data_docs_from_them(tmp_path: Path, no_prefect_server, validations):
    db = tmp_path / "w.duckdb"
    info = run_ingest(IngestSettings([str(SAMPLES)], db))
    assert info.counts["loaded"] >= 2 and info.docs is not None  # every sample in one batch (BATCH_DOCUMENTS)
    assert sorted(validations) == ["goal_tables", "indicators"]
    pages = sorted(p.relative_to(Path(info.docs).parent).parts[:2]
                   for p in (Path(info.docs).parent / "validations").rglob("*.html"))
    assert pages == [("validations", "goal_tables"), ("validations", "indicators")]


def test_a_run_that_loads_nothing_validates_nothing(tmp_path: Path, no_prefect_server, validations):
    db = tmp_path / "w.duckdb"
    run_ingest(IngestSettings([str(SAMPLES / "baodi_court_2023.docx")], db))
    validations.clear()
    again = run_ingest(IngestSettings([str(SAMPLES / "baodi_court_2023.docx")], db))
    assert again.counts["unchanged"] == 1 and again.docs is None
    assert validations == []
