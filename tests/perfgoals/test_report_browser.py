"""The report in a real browser (Debian's Chromium, headless): no console error, every chart drawn, a screenshot.

Skipped, with the reason in the test summary, where Chromium is not installed.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest
import render_report
from typer.testing import CliRunner

from perfgoals.cli import app

SAMPLES = Path(__file__).parents[2] / "samples"
runner = CliRunner()

pytestmark = pytest.mark.skipif(
    render_report.chromium_path() is None,
    reason="Chromium is not installed (Debian: apt-get install chromium): the report was NOT rendered in a browser")


@pytest.fixture(scope="module")
def db(samples_db: Path) -> Path:
    return samples_db


def _report(db: Path, out: Path) -> Path:
    assert runner.invoke(app, ["report", "--db", str(db), "--out", str(out)]).exit_code == 0
    return out


def test_the_sample_report_renders_without_console_errors(db: Path, tmp_path: Path):
    shot = tmp_path / "report.png"
    seen = render_report.render(_report(db, tmp_path / "report.html"), shot)
    assert seen.problems == []
    assert (seen.n_containers, seen.n_drawn) == (4, 4)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000


def test_a_link_to_a_unit_opens_its_section(db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from perfgoals import report

    monkeypatch.setattr(report, "OPEN_UNITS", 2)  # 4 units: every section starts closed
    page = _report(db, tmp_path / "report.html")
    assert render_report.render(page).open_sections == []
    seen = render_report.render(page, fragment="unit-3")
    assert seen.problems == [] and seen.open_sections == ["unit-3"]


def test_a_name_written_as_script_does_not_run(db: Path, tmp_path: Path):
    hostile = tmp_path / "hostile.duckdb"
    shutil.copy(db, hostile)
    with duckdb.connect(str(hostile)) as con:
        con.execute("UPDATE store.goal_tables SET project_name = '<img src=x onerror=alert(1)>' WHERE seq = 1")
        con.execute("UPDATE store.units SET unit_name = '</script><script>alert(2)</script>'"
                    " WHERE unit_name = '天津市宝坻区人民法院'")
    seen = render_report.render(_report(hostile, tmp_path / "hostile.html"))
    assert seen.problems == [] and seen.n_drawn == 4  # no dialog, no request for "x", charts still drawn


def test_the_check_catches_console_errors_and_network_requests(tmp_path: Path):
    page = tmp_path / "broken.html"
    page.write_text('<script>console.error("boom"); console.warn("careful")</script>'
                    '<img src="https://example.invalid/x.png">', encoding="utf-8")
    problems = render_report.render(page).problems
    assert "console error: boom" in problems and "console warning: careful" in problems
    assert "network request: https://example.invalid/x.png" in problems


def test_the_check_waits_for_every_chart(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    page = tmp_path / "undrawn.html"
    page.write_text('<div class="chart"></div>', encoding="utf-8")
    monkeypatch.setattr(render_report, "RENDER_TIMEOUT_MS", 1_000)
    with pytest.raises(Exception, match="Timeout"):
        render_report.render(page)


def test_the_script_exits_0_and_writes_the_screenshot(db: Path, tmp_path: Path):
    shot = tmp_path / "shot.png"
    assert render_report.main(["--db", str(db), "--screenshot", str(shot)]) == 0
    assert shot.exists()


def test_the_targets_reached_chart_renders(tmp_path: Path):
    from helpers.cli import ingest_into

    db, result = ingest_into(tmp_path, SAMPLES.parent / "tests" / "data" / "selfeval")
    assert result.exit_code == 0, result.output
    page = _report(db, tmp_path / "report.html")
    html = page.read_text(encoding="utf-8")
    assert 'id="chart-achieved"' in html and "未达标却满分" in html  # pair (c)'s full score on a missed target
    seen = render_report.render(page)
    assert seen.problems == [] and seen.n_drawn == seen.n_containers >= 4
