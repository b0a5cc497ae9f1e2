"""The rules' severities and thresholds are data a bureau can edit: rules.toml, and its own file over it."""

from __future__ import annotations

from pathlib import Path

import pytest

from expectations import load_catalog, rules_of, validate
from expectations.catalog import BUILT_IN
from core.errors import UsageError
from helpers.goal_tables import BASE, set_row, table
from transform.normalize import normalize


def _issues(goal_table, catalog) -> list[tuple[str, str]]:
    frames = normalize([goal_table], path="/in/t.docx")
    return validate(frames.goal_tables, frames.indicators, catalog).select("rule", "severity").rows()


def _file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "rules.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_built_in_rules_have_unique_names_known_severities_and_checks():
    catalog = load_catalog()
    names = [s.name for s in catalog.settings]
    assert len(names) == len(set(names)) == 31  # 24 for goal tables, 7 for self-evaluations (issue 15)
    assert {s.severity for s in catalog.settings} <= {"error", "warning"}
    assert [r.name for r in rules_of(catalog)] == names
    assert catalog["rate_range"]["max"] == 100.0 and catalog.source == str(BUILT_IN)


def test_a_bureau_file_changes_a_severity_and_a_threshold(tmp_path: Path):
    own = load_catalog(_file(tmp_path, "[satisfaction_floor]\nseverity = \"error\"\nmin = 95\n"))
    written = table(set_row(BASE, "干警满意度", target="≥90%"))
    assert _issues(written, load_catalog()) == []
    assert _issues(written, own) == [("satisfaction_floor", "error")]
    assert own["budget_balance"] == load_catalog()["budget_balance"]  # what the file leaves out stays


def test_off_skips_a_rule(tmp_path: Path):
    written = table(set_row(BASE, "服务验收合格率", target="120%"))
    assert _issues(written, load_catalog(_file(tmp_path, "[rate_range]\nseverity = \"off\"\n"))) == []


def test_the_environment_names_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("PERFGOALS_RULES", str(_file(tmp_path, "[unit_missing]\nseverity = \"error\"\n")))
    assert load_catalog()["unit_missing"].severity == "error"


@pytest.mark.parametrize(("text", "words"), [
    ("[no_such_rule]\nseverity = \"error\"\n", "no rule named 'no_such_rule'"),
    ("[rate_range]\nseverity = \"fatal\"\n", "must be error, warning or off"),
    ("[rate_range]\nmaximum = 100\n", "has no setting 'maximum'"),
    ("[rate_range]\nmax = \"100\"\n", "must be a number"),
    ("[rate_range\n", "not valid TOML"),
])
def test_a_bad_file_is_a_usage_error_that_says_what_is_wrong(tmp_path: Path, text: str, words: str):
    with pytest.raises(UsageError, match=words) as info:
        load_catalog(_file(tmp_path, text))
    assert "rules.toml" in str(info.value)


def test_a_missing_file_is_a_usage_error(tmp_path: Path):
    with pytest.raises(UsageError, match="No rules file"):
        load_catalog(tmp_path / "none.toml")


def test_rule_objects_are_built_once_per_catalog():
    assert rules_of(load_catalog()) is rules_of(load_catalog())


def test_suites_hold_one_expectation_per_check(tmp_path: Path):
    from expectations.validate import suite_of

    rules = rules_of(load_catalog())
    for level, name in (("table", "goal_tables"), ("row", "indicators")):
        _, suite = suite_of(level, rules)
        assert suite.name.startswith(name)
        assert len(suite.expectations) == sum(len(r.checks) for r in rules if r.level == level)
        assert {e.meta["rule"] for e in suite.expectations} == {r.name for r in rules if r.level == level}
