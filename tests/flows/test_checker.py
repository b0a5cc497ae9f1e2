"""The checking process: batches validated there one ahead, a checker that dies fails only its batch, and each
run's Data Docs hold that run's validations only."""

from __future__ import annotations

import signal
import time
from pathlib import Path

import pytest

from expectations import load_catalog
from flows.check import checked
from flows.checker import CheckerGone, checking
from flows.documents import Job, sha256_of
from flows.process import Outcome, process_document
from flows.run import run_ingest
from flows.settings import IngestSettings

SAMPLES = Path(__file__).parents[2] / "samples"


@pytest.fixture(scope="module")
def outcomes() -> list[Outcome]:
    jobs = [Job(str(p), sha256_of(p), p.suffix.lstrip(".")) for p in sorted(SAMPLES.glob("*.docx"))]
    return [process_document(j) for j in jobs]


def test_the_checker_gives_the_issues_checking_here_gives(outcomes):
    here = list(checked(outcomes, load_catalog(), batch=2))
    with checking() as checker:
        there = list(checked(outcomes, load_catalog(), batch=2, checker=checker))
    assert [len(c) for c in there] == [len(c) for c in here]  # the batches the run loads, one transaction each
    here, there = ([o for chunk in side for o in chunk] for side in (here, there))
    assert [o.job.path for o in there] == [o.job.path for o in here]
    for a, b in zip(here, there, strict=True):
        assert a.issues.equals(b.issues)


def test_a_batch_comes_out_once_answered_not_when_the_next_batch_is_complete(outcomes):
    """Documents arrive one every 0.1 s. The first batch (one document) must come out while the second (64) is
    still gathering, as soon as the checker answers, so that it loads, and shows, meanwhile; a cold checker
    imports GX in about 4 s, well inside the 6.3 s the second batch takes to fill."""
    pulled = 0
    seen: list[int] = []

    def arriving():
        nonlocal pulled
        for _ in range(64):
            if seen:
                return  # the first batch is out: nothing more to see
            pulled += 1
            yield outcomes[pulled % len(outcomes)]
            time.sleep(0.1)

    with checking() as checker:
        for _ in checked(arriving(), load_catalog(), batch=64, checker=checker):
            seen.append(pulled)
    assert seen[0] < 64, seen  # out before the second batch was complete


def test_a_checker_killed_mid_batch_says_so_and_the_next_batch_gets_a_new_one(outcomes):
    documents = [(o.frames.goal_tables, o.frames.indicators) for o in outcomes]
    with checking() as checker:
        checker.check(documents, load_catalog())
        checker.process.send_signal(signal.SIGKILL)
        with pytest.raises(CheckerGone, match="ended without an answer"):
            checker.answer()
        checker.check(documents, load_catalog())
        assert [len(issues) for issues in checker.answer()] == [0, 3, 0]
    assert checker.lost


def test_each_runs_data_docs_show_its_own_validations(tmp_path: Path, no_prefect_server):
    db = tmp_path / "w.duckdb"
    first = run_ingest(IngestSettings([str(SAMPLES / "baodi_court_2023.docx")], db, docs=str(tmp_path / "d1")))
    second = run_ingest(IngestSettings([str(SAMPLES / "ninghe_court_2023.docx")], db, docs=str(tmp_path / "d2")))
    for info, folder in ((first, "d1"), (second, "d2")):
        assert info.validations == 2
        assert len(list((tmp_path / folder / "validations").rglob("*.html"))) == 2
