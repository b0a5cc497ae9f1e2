"""`perfgoals compare` on the five sample documents: what an analyst reads, and its exit codes (the usage errors
every command shares are in test_cli.py)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from perfgoals.cli import app

SAMPLES = Path(__file__).parents[2] / "samples"
runner = CliRunner()


@pytest.fixture(scope="module")
def db(samples_db: Path) -> str:
    return str(samples_db)


def _compare(*args: str):
    return runner.invoke(app, ["compare", *args])


def _line(output: str, *parts: str) -> str:
    return next(x for x in output.splitlines() if all(p in x for p in parts))


def test_a_family_ranked_with_bars(db):
    result = _compare("干警满意度", "--db", db)
    assert result.exit_code == 0, result.output
    assert "干警满意度: 4 units, 12 indicators; targets 90–98 %, median 95. Rank 1 = the highest target." in result.output
    first = _line(result.output, "审判执行业务经费-2023市级")
    assert first.split()[:2] == ["1", "天津市武清区人民法院"] and "98%" in first and "█" * 16 in first
    last = _line(result.output, "蓟州法院办案业务费")
    assert last.split()[0] == "8" and "≥90% ×2" in last and "█" * 14 + "▊" in last
    assert "×N: the same target in N rows" in result.output


def test_nothing_is_cut_when_the_output_is_not_a_terminal(db):
    result = _compare("干警满意度", "--db", db)
    assert "法院办案业务、业务装备及审判辅助事务外包服务经费-2023中央" in result.output
    assert "…" not in result.output


def test_a_target_in_another_unit_is_not_ranked_and_says_why(db):
    result = _compare("法官人均结案数", "--db", db)
    unranked = _line(result.output, "≥242人/件")
    assert unranked.split()[:2] == ["–", "天津市蓟州区人民法院"] and "█" not in unranked
    assert "–: not ranked, the target is not a number in the family's usual unit." in result.output


def test_a_cost_ranks_its_lowest_target_first(db):
    result = _compare("同城邮寄费", "--db", db)
    assert "Rank 1 = the lowest (a cap or a cost) target." in result.output
    assert _line(result.output, "18元/件").split()[0] == "1"


def test_without_a_name_it_lists_the_families_worth_comparing(db):
    result = _compare("--db", db)
    assert result.exit_code == 0
    assert "Indicator families found in several units" in result.output
    assert _line(result.output, "干警满意度").split() == ["干警满意度", "4", "12", "%", "90", "95", "98"]


def test_an_unknown_name_suggests_the_closest_family(db):
    result = _compare("干警满意率", "--db", db)
    assert result.exit_code == 2
    assert "No indicator family matches '干警满意率'. Did you mean: 干警满意度?" in result.output


def test_a_known_and_an_unknown_name_show_the_known_one(db):
    result = _compare("干警满意度", "没有这个指标", "--db", db)
    assert result.exit_code == 0
    assert "No indicator family matches '没有这个指标'." in result.output and "Did you mean" not in result.output
    assert "干警满意度: 4 units" in result.output


def test_a_year_without_these_indicators_says_so(db):
    result = _compare("干警满意度", "--year", "2024", "--db", db)
    assert result.exit_code == 0
    assert "No goal table of 2024 has an indicator of these families." in result.output


def test_csv_and_json_for_scripts(db):
    rows = list(csv.DictReader(io.StringIO(_compare("同城邮寄费", "--format", "csv", "--db", db).output)))
    assert [(r["rank"], r["target_raw"], r["n_rows"]) for r in rows] == [
        ("1", "18元/件", "1"), ("2", "20元/件", "1"), ("2", "20元/件", "2"), ("4", "25元/件", "1")]
    listed = json.loads(_compare("--format", "json", "--db", db).output)
    assert listed[0]["family_name"] == "干警满意度" and listed[0]["n_units"] == 4
