"""Checking processed documents in batches: every document gets its own issues, and a broken check fails plainly."""

from __future__ import annotations

from pathlib import Path

import pytest

import expectations
from expectations import load_catalog
from flows.check import batches, checked
from flows.documents import Job, sha256_of
from flows.process import Outcome, process_document

SAMPLES = Path(__file__).parents[2] / "samples"


@pytest.fixture(scope="module")
def outcomes() -> list[Outcome]:
    jobs = [Job(str(p), sha256_of(p), p.suffix.lstrip(".")) for p in sorted(SAMPLES.glob("*.docx"))]
    return [process_document(j) for j in jobs] + [Outcome(Job("/in/x.pdf", "sha", "pdf"), "failed", error="x")]


def test_batches_keep_order_and_give_each_document_its_issues(outcomes):
    for batch in (1, 2, 16):
        chunks = list(checked(outcomes, load_catalog(), batch=batch))
        assert [len(c) for c in chunks] == [len(c) for c in batches(outcomes, batch)]  # loaded as checked
        got = [o for chunk in chunks for o in chunk]
        assert [o.job.path for o in got] == [o.job.path for o in outcomes]
        rules = {Path(o.job.path).name: sorted(o.issues.get_column("rule")) if o.issues is not None else None
                 for o in got}
        assert rules == {"baodi_court_2023.docx": [], "jizhou_court_2023.docx":
                         ["name_cut_off", "number_glued_to_words", "per_capita_unit"],
                         "ninghe_court_2023.docx": [], "x.pdf": None}


def test_a_check_that_breaks_fails_its_documents_plainly(outcomes, monkeypatch: pytest.MonkeyPatch):
    def broken(*args, **kwargs):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(expectations, "validate_many", broken)
    got = [o for chunk in checked(outcomes, load_catalog()) for o in chunk]
    assert [o.status for o in got] == ["failed"] * 4
    assert "internal error" in got[0].error and "ZeroDivisionError" in got[0].error
    assert got[3].error == "x"
