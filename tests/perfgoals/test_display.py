"""The ingest reporter: a line per document, and off a terminal a count line with documents/s and failures."""

from __future__ import annotations

import pytest

from flows.documents import Job
from flows.process import Outcome
from perfgoals import display


def test_plain_log_lines_count_documents_rate_and_failures(capsys: pytest.CaptureFixture[str],
                                                           monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(display._Progress, "LOG_EVERY", 2)
    with display.progress() as report:
        report.expect(4)
        for i, status in enumerate(["loaded", "failed", "unchanged", "no_goal_tables"]):
            report(Outcome(Job(f"/in/{i}.docx", "sha", "docx"), status, error="坏了" if status == "failed" else None))
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines if not line.startswith("-- ")][:2] == ["loaded", "failed"]
    counts = [line for line in lines if line.startswith("-- ")]
    assert len(counts) == 2 and counts[0].startswith("-- 2/4 documents,") and counts[1].endswith("1 failed")
    assert "docs/s" in counts[1]
