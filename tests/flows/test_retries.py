"""Retries only for failures that may pass: a file still being written or locked is tried again, a damaged one once."""

from __future__ import annotations

import os
import shutil
import threading
import time
from pathlib import Path

import pytest

from flows.documents import Job, sha256_of
from flows.process import process_document, process_with_retries

SAMPLES = Path(__file__).parents[2] / "samples"


def test_a_file_that_changes_after_planning_is_transient_and_loads_when_stable(tmp_path: Path):
    path = tmp_path / "goals.docx"
    shutil.copy(SAMPLES / "ninghe_court_2023.docx", path)
    job = Job(str(path), sha256_of(path), "docx")
    shutil.copy(SAMPLES / "baodi_court_2023.docx", path)  # saved again after the run planned it
    first = process_document(job)
    assert first.status == "failed" and first.transient
    assert "changed while it was read" in first.error and "goals.docx" in first.error
    retried = process_with_retries(job, delays=(0.01,))
    assert retried.status == "loaded" and retried.job.sha256 == sha256_of(path)
    assert retried.frames.goal_tables.height == 2  # baodi's two tables, the file as it is now


def test_a_file_still_being_copied_loads_once_the_copy_ends(tmp_path: Path):
    source = (SAMPLES / "jizhou_court_2023.pdf").read_bytes()
    path = tmp_path / "goals.pdf"
    path.write_bytes(source[:1000])
    job = Job(str(path), sha256_of(path), "pdf")

    def finish_copy() -> None:
        time.sleep(0.3)
        path.write_bytes(source)

    copier = threading.Thread(target=finish_copy)
    copier.start()
    path.write_bytes(source[:5000])  # more bytes arrive between planning and reading
    outcome = process_with_retries(job, delays=(1.0, 1.0))
    copier.join()
    assert outcome.status == "loaded" and outcome.n_tables == 4


def test_a_damaged_file_fails_once_and_is_not_retried(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK\x03\x04" + b"junk" * 100)
    calls = []
    monkeypatch.setattr("flows.process.time.sleep", lambda s: calls.append(s))
    outcome = process_with_retries(Job(str(path), sha256_of(path), "docx"))
    assert outcome.status == "failed" and not outcome.transient and calls == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root can open a file without read permission")
def test_a_locked_file_is_transient(tmp_path: Path):
    path = tmp_path / "locked.docx"
    shutil.copy(SAMPLES / "baodi_court_2023.docx", path)
    job = Job(str(path), sha256_of(path), "docx")
    path.chmod(0)
    try:
        outcome = process_document(job)
    finally:
        path.chmod(0o644)
    assert outcome.status == "failed" and outcome.transient and "cannot be opened now" in outcome.error
