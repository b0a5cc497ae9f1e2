"""Square brackets from a file, a path or a message are printed as they are, by every command that prints them.

Rich reads ``[/x]`` as a closing tag and raised on it, which stopped the
ingest at that file and every run after it; ``[red]邮寄[/red]费`` printed as
``邮寄费``. A unit, a project, an indicator and the file name carry markup here.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from perfgoals.cli import app

SAMPLES = Path(__file__).parents[2] / "samples"
UNIT = "天津市[/x]宝坻[red]法院"
PROJECT = "宝坻法院[link=http://x]邮寄送达费"
INDICATOR = "[red]邮寄[/red]数量"
TARGET = "约6000件[/x]"  # approximate, so the review has an issue to print about it
FILE_NAME = "[bold]宝坻[red].docx"  # a file name cannot hold a slash
runner = CliRunner()


def _with_markup(source: Path, target: Path) -> None:
    """A copy of the Baodi sample whose unit, second project and one indicator are written with rich markup."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename == "word/document.xml":
                text = data.decode("utf-8")
                for plain, marked in (("天津市宝坻区人民法院", UNIT), ("<w:t>宝坻法院邮寄送达费</w:t>", f"<w:t>{PROJECT}</w:t>"),
                                      ("<w:t>邮寄数量</w:t>", f"<w:t>{INDICATOR}</w:t>"),
                                      ("<w:t>≥6000件</w:t>", f"<w:t>{TARGET}</w:t>")):
                    assert plain in text, plain
                    text = text.replace(plain, marked)
                data = text.encode("utf-8")
            new.writestr(info, data)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """A warehouse holding the marked-up copy and the Wuqing sample (so families span two units); the ingest output."""
    folder = tmp_path_factory.mktemp("markup")
    _with_markup(SAMPLES / "baodi_court_2023.docx", folder / FILE_NAME)
    (folder / "wuqing_court_2023.pdf").write_bytes((SAMPLES / "wuqing_court_2023.pdf").read_bytes())
    (folder / "[link=x]broken.docx").write_bytes(b"PK\x03\x04 not a zip [/red]")
    path = str(folder / "w.duckdb")
    result = runner.invoke(app, ["ingest", str(folder), "--db", path])
    assert result.exit_code == 1, result.output  # the broken file fails; the run still ends
    return path, result.output


def test_ingest_prints_file_names_and_messages_verbatim(db):
    _, output = db
    assert FILE_NAME in output and "[link=x]broken.docx" in output
    assert "3 documents: 2 loaded, 1 failed." in output


def test_sql_prints_cells_verbatim_in_every_format(db):
    path, _ = db
    for fmt in ("table", "csv", "json"):
        result = runner.invoke(app, ["sql", "select distinct unit_name, project_name from goal_tables "
                                            "where unit_name like '%[/x]%' order by 2", "--db", path, "--format", fmt])
        assert result.exit_code == 0, result.output
        assert UNIT in result.output and PROJECT in result.output, fmt
    result = runner.invoke(app, ["sql", "select '[/]' as \"[b]x\"", "--db", path])
    assert result.exit_code == 0 and "[/]" in result.output and "[b]x" in result.output
    rows = json.loads(runner.invoke(app, ["sql", "select level3 from indicators where level3 like '[red]%'",
                                          "--db", path, "--format", "json"]).output)
    assert rows == [{"level3": INDICATOR}]


def test_review_prints_the_unit_and_its_issues_verbatim(db):
    path, _ = db
    result = runner.invoke(app, ["review", UNIT, "--db", path])
    assert result.exit_code in (0, 1), result.output
    assert result.output.startswith(UNIT) and PROJECT in result.output and TARGET in result.output
    unknown = runner.invoke(app, ["review", "[/x]无此单位", "--db", path])
    assert unknown.exit_code == 2 and "[/x]无此单位" in unknown.output and UNIT in unknown.output


def test_compare_prints_units_projects_and_targets_verbatim(db):
    path, _ = db
    result = runner.invoke(app, ["compare", "--db", path])
    assert result.exit_code == 0, result.output
    listed = runner.invoke(app, ["compare", "干警满意度", "--db", path])
    assert listed.exit_code == 0 and UNIT in listed.output, listed.output
    unmatched = runner.invoke(app, ["compare", "[/x][red]", "--db", path])
    assert unmatched.exit_code == 2 and "[/x][red]" in unmatched.output
