"""The contract every `perfgoals` command keeps, on real sample files.

* every command (walked from the click group, the ``family`` subcommands too) has a --help that exits 0
  and teaches with an Example of its own invocation; a command without help fails this file;
* exit status 0 when all went well, 1 when a document failed, 2 for a usage error (a wrong option, a
  missing path or warehouse, a bad value), always with a sentence and never a traceback.

What one command does is tested beside it (test_compare_cli.py, tests/flows/test_ingest.py …).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import typer
from typer.main import get_command
from typer.testing import CliRunner

from helpers.paths import SAMPLES
from perfgoals.cli import app
from helpers.cli import said as _ok

runner = CliRunner()
pytestmark = pytest.mark.usefixtures("no_prefect_server")


def commands(group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command under the click ``group`` (typer's own click) as the words that call it, subgroups walked
    (the groups themselves left out)."""
    found: list[tuple[str, ...]] = []
    for name, command in sorted(group.commands.items()):
        if hasattr(command, "commands"):  # a group
            found += commands(command, (*prefix, name))
        else:
            found.append((*prefix, name))
    return found


def help_problems(typer_app: typer.Typer) -> list[str]:
    """What is wrong with the --help of each of ``typer_app``'s commands; empty when every one teaches."""
    problems = []
    for words in commands(get_command(typer_app)):
        called = " ".join(words)
        result = runner.invoke(typer_app, [*words, "--help"])
        if result.exit_code != 0:
            problems.append(f"{called}: --help exits {result.exit_code}")
        elif "Example" not in result.output or f"perfgoals {called}" not in result.output:
            problems.append(f"{called}: --help has no Example of `perfgoals {called}`")
    return problems


COMMANDS = commands(get_command(app))


# --- help ---------------------------------------------------------------------------------------------------


def test_the_walk_finds_every_command_and_the_family_subcommands():
    top = {c.name or c.callback.__name__ for c in app.registered_commands}
    assert set(COMMANDS) == {(name,) for name in top} | {("family", "pin"), ("family", "unpin")}


@pytest.mark.parametrize("words", COMMANDS, ids=" ".join)
def test_every_command_teaches_with_an_example(words: tuple[str, ...]):
    result = runner.invoke(app, [*words, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.output and f"perfgoals {' '.join(words)}" in result.output


def test_a_command_without_help_fails_the_check():
    other = typer.Typer()

    @other.command()
    def taught() -> None:
        """Does one thing.

        Example:

            perfgoals taught
        """

    @other.command()
    def bare() -> None:
        pass

    sub = typer.Typer()

    @sub.command("inner")
    def inner() -> None:
        """Has help but no example."""

    other.add_typer(sub, name="group")
    assert help_problems(other) == ["bare: --help has no Example of `perfgoals bare`",
                                    "group inner: --help has no Example of `perfgoals group inner`"]
    assert help_problems(app) == []


@pytest.mark.parametrize("words", [(), ("family",)], ids=["perfgoals", "family"])
def test_a_group_lists_its_commands_and_alone_is_a_usage_error(words: tuple[str, ...]):
    listed = _ok(runner.invoke(app, [*words, "--help"]), 0)
    group = get_command(app)
    for word in words:
        group = group.commands[word]
    assert all(name in listed for name in group.commands)
    assert _ok(runner.invoke(app, list(words)), 2) == listed  # no_args_is_help: the same text, as a usage error


# --- exit status 0 and 1 on real files -------------------------------------------------------------------------


def test_a_run_where_every_document_loads_exits_0(tmp_path: Path):
    said = _ok(runner.invoke(app, ["ingest", str(SAMPLES / "baodi_court_2023.docx"), "--db",
                                   str(tmp_path / "w.duckdb")]), 0)
    assert "1 documents: 1 loaded" in said
    again = _ok(runner.invoke(app, ["ingest", str(SAMPLES / "baodi_court_2023.docx"), "--db",
                                    str(tmp_path / "w.duckdb")]), 0)
    assert "1 unchanged" in again


def test_a_run_where_a_document_fails_exits_1_and_loads_the_rest(tmp_path: Path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(SAMPLES / "baodi_court_2023.docx", inbox)
    good = (SAMPLES / "ninghe_court_2023.docx").read_bytes()
    (inbox / "truncated.docx").write_bytes(good[: len(good) // 2])
    said = _ok(runner.invoke(app, ["ingest", str(inbox), "--db", str(tmp_path / "w.duckdb")]), 1)
    assert "1 loaded" in said and "1 failed" in said and "truncated.docx" in said


# --- exit status 2: usage errors ------------------------------------------------------------------------------


@pytest.mark.parametrize("args", [["nosuch"], ["ingest", "--nosuch", str(SAMPLES)], ["ingest"],
                                  ["sql"], ["compare", "--year", "twenty"]],
                         ids=["unknown command", "unknown option", "missing paths", "missing query", "not a number"])
def test_what_click_refuses_is_a_usage_error(args: list[str]):
    assert "Error:" in _ok(runner.invoke(app, args), 2)


def test_a_missing_path_is_a_usage_error(tmp_path: Path):
    result = runner.invoke(app, ["ingest", str(tmp_path / "nowhere"), "--db", str(tmp_path / "w.duckdb")])
    assert result.exit_code == 2
    assert "No such file or folder" in result.output
    assert not (tmp_path / "w.duckdb").exists()


@pytest.mark.parametrize("command", [["sql", "select 1"], ["compare", "干警满意度"], ["review", "天津市蓟州区人民法院"],
                                     ["report", "--out", "{tmp}/r.html"], ["export", "{tmp}/out"]],
                         ids=lambda c: c[0])
def test_a_missing_warehouse_says_to_ingest_first_and_creates_nothing(tmp_path: Path, command: list[str]):
    result = runner.invoke(app, [*(a.format(tmp=tmp_path) for a in command), "--db", str(tmp_path / "none.duckdb")])
    assert "perfgoals ingest" in _ok(result, 2)
    assert not any((tmp_path / name).exists() for name in ("none.duckdb", "r.html", "out"))


def test_a_bad_format_is_a_usage_error(samples_db: Path, tmp_path: Path):
    assert runner.invoke(app, ["compare", "干警满意度", "--format", "xml", "--db", str(samples_db)]).exit_code == 2
    result = runner.invoke(app, ["export", str(tmp_path), "--format", "json", "--db", str(samples_db)])
    assert result.exit_code == 2 and "parquet, csv or xlsx" in result.output


def test_report_errors_are_usage_errors(samples_db: Path, tmp_path: Path):
    db = str(samples_db)
    missing_folder = runner.invoke(app, ["report", "--db", db, "--out", str(tmp_path / "no" / "r.html")])
    assert missing_folder.exit_code == 2 and "No such folder" in missing_folder.output
    missing_db = runner.invoke(app, ["report", "--db", str(tmp_path / "none.duckdb"), "--out", str(tmp_path / "r.html")])
    assert missing_db.exit_code == 2 and "perfgoals ingest" in missing_db.output
