"""`perfgoals report` on the five sample documents: one HTML file that opens offline, its charts and unit sections."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from perfgoals.cli import app

SAMPLES = Path(__file__).parents[2] / "samples"
HOSTILE = "</script><script>alert('项目')</script><img src=x onerror=alert(1)>"
runner = CliRunner()


@pytest.fixture(scope="module")
def db(samples_db: Path) -> Path:
    return samples_db


@pytest.fixture(scope="module")
def page(db: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    out = tmp_path_factory.mktemp("page") / "report.html"
    result = runner.invoke(app, ["report", "--db", str(db), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert f"Report: {out} (4 units, 4 charts," in result.output
    return out.read_text(encoding="utf-8")


def _specs(html: str) -> dict:
    return json.loads(re.search(r"const specs = (.*);\n", html).group(1))


def test_the_page_carries_a_vega_lite_spec_per_chart(page: str):
    specs = _specs(page)
    assert list(specs) == ["budget", "targets", "quality", "defects"]
    assert all(s["$schema"].startswith("https://vega.github.io/schema/vega-lite/v6") for s in specs.values())
    assert [f'id="chart-{name}"' in page for name in specs] == [True] * 4


def test_the_page_loads_nothing_from_elsewhere(page: str):
    markup = re.sub(r"<script>.*?</script>", "", page, flags=re.S)  # the inline bundle holds such strings as text
    assert markup.count("<script") == 0 and page.count("<script>") == 2
    assert not re.search(r"""(src|href)=(?!["']#)""", markup)  # only links within the page
    assert "vegaEmbed" in page and len(page) > 500_000  # the Vega bundle is inline


def test_budget_and_targets_data_are_in_the_specs(page: str):
    specs = _specs(page)
    budget = next(iter(specs["budget"]["datasets"].values()))
    assert {(r["unit_name"], r["amount"]) for r in budget} >= {("天津市蓟州区人民法院", 489.0)}  # counted once
    targets = [r for rows in specs["targets"]["datasets"].values() for r in rows]
    assert [(r["units"], r["value"]) for r in targets if r.get("mark") == "outlier"] == [("天津市武清区人民法院", 25.0)]


def test_a_section_per_unit_with_its_tables_and_issues(page: str):
    assert page.count('<details id="unit-') == 4 and page.count("<details id=\"unit-1\" open>") == 1  # few: open
    jizhou = page[page.index("<h3>天津市蓟州区人民法院</h3>"):page.index("<footer>")]
    assert jizhou.count("jizhou_court_2023.") == 8 + 6  # 8 goal tables (Word and PDF), 6 issues
    assert "per_capita_unit" in jizhou and '8 goal tables · <span class="error">6 errors</span> · 0 warnings' in jizhou


def test_names_from_documents_are_text_never_markup(db: Path, tmp_path: Path):
    hostile_db = tmp_path / "hostile.duckdb"
    shutil.copy(db, hostile_db)
    with duckdb.connect(str(hostile_db)) as con:
        con.execute("UPDATE store.goal_tables SET project_name = ? WHERE seq = 1", [HOSTILE])
        con.execute("UPDATE store.units SET unit_name = ? WHERE unit_name = '天津市宝坻区人民法院'", [HOSTILE])
    out = tmp_path / "r.html"
    assert runner.invoke(app, ["report", "--db", str(hostile_db), "--out", str(out)]).exit_code == 0
    html = out.read_text(encoding="utf-8")
    assert HOSTILE not in html and "<img src=x" not in html
    assert "&lt;/script&gt;&lt;script&gt;alert(" in html  # the sections show it as text
    assert HOSTILE in json.dumps(_specs(html), ensure_ascii=False)  # the charts get it back as a string


def test_a_year_without_tables_writes_a_page_that_says_so(db: Path, tmp_path: Path):
    out = tmp_path / "r.html"
    result = runner.invoke(app, ["report", "--db", str(db), "--out", str(out), "--year", "2024"])
    assert result.exit_code == 0 and "(0 units, 0 charts," in result.output
    html = out.read_text(encoding="utf-8")
    assert "No project table states a budget." in html and _specs(html) == {}


def test_a_long_list_of_units_is_cut_in_the_charts_and_says_so(db: Path, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch):
    from perfgoals import charts

    monkeypatch.setattr(charts, "MAX_UNITS_SHOWN", 2)
    out = tmp_path / "r.html"
    assert runner.invoke(app, ["report", "--db", str(db), "--out", str(out)]).exit_code == 0
    html = out.read_text(encoding="utf-8")
    budget = next(iter(_specs(html)["budget"]["datasets"].values()))
    assert {r["unit_name"] for r in budget} == {"天津市武清区人民法院", "天津市蓟州区人民法院"}  # the 2 largest
    assert "The chart shows the 2 largest of 4 units; every unit has its section below." in html
    assert "The chart shows the 2 with the most issues of 4 units" in html
    assert html.count('<details id="unit-') == 4


def test_a_report_that_cannot_be_written_says_so_and_leaves_nothing(db: Path, tmp_path: Path):
    taken = tmp_path / "report.html"
    taken.mkdir()  # a folder where the file should go
    result = runner.invoke(app, ["report", "--db", str(db), "--out", str(taken)])
    assert result.exit_code == 2 and "Cannot write the report to" in result.output and "--out" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html"]
