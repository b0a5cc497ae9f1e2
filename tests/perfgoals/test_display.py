"""The ingest reporter: a line per document, and off a terminal a count line with documents/s and failures."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

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


# --- bars of `perfgoals compare` ----------------------------------------------------------------------------


def test_bar_to_an_eighth_of_a_character():
    assert display.bar(100, 100, 4) == "████"
    assert display.bar(95, 100, 4) == "███▊"
    assert display.bar(1, 100, 4) == ""  # under 1/16 of a character rounds to nothing
    assert display.bar(None, 100) == display.bar(5, 0) == display.bar(-3, 10) == ""


def _eighths(bar: str) -> int:
    return 8 * bar.count("█") + sum(display.EIGHTHS.index(c) for c in bar if c != "█")


@given(st.floats(0, 1e6), st.floats(0, 1e6), st.floats(1, 1e6))
def test_bars_never_overflow_and_grow_with_the_value(a: float, b: float, top: float):
    low, high = sorted((a, b))
    assert len(display.bar(high, top)) <= display.BAR_WIDTH
    assert _eighths(display.bar(low, top)) <= _eighths(display.bar(high, top))
    if high > 0:
        assert _eighths(display.bar(high, high)) == 8 * display.BAR_WIDTH  # the top value fills the bar
