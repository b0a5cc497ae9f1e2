"""What the CLI prints: a line per document as it finishes, summaries, query results.

Nothing printed is ever read as rich markup: file names, error texts and
document text hold square brackets (``[/x].xml``, ``天津市[/x]法院``), and rich
would either fail on them or swallow them. Both consoles are made with
markup off; colour comes only from ``styled`` parts, which are text.
"""

from __future__ import annotations

import csv
import json
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import typer
from rich import box
from rich.console import Console
from rich.measure import Measurement
from rich.table import Column, Table
from rich.text import Text

from core.status import Status

out = Console(highlight=False, soft_wrap=True, markup=False)
err = Console(stderr=True, highlight=False, soft_wrap=True, markup=False)

STATUS_STYLE = {Status.LOADED: "green", Status.UNCHANGED: "dim", Status.DUPLICATE: "yellow",
                Status.NO_GOAL_TABLES: "cyan", Status.FAILED: "bold red"}


def styled(*parts: str | Text | tuple[str, str]) -> Text:
    """One line of text from plain strings and (string, style) pairs; no part is ever parsed as markup.

    >>> styled(("error:", "bold red"), " 天津市[/x]法院").plain
    'error: 天津市[/x]法院'
    """
    return Text.assemble(*parts)


def error(message: str) -> None:
    err.print(styled(("error:", "bold red"), " ", message))


def fail(exc: Exception, code: int) -> typer.Exit:
    """Say ``exc`` as an error and give the exit that ends the command with ``code``."""
    error(str(exc))
    return typer.Exit(code)


def warning(message: str) -> None:
    err.print(styled(("warning:", "yellow"), " ", message))


def note(message: str) -> None:
    out.print(message)


def _document_line(outcome: Any) -> Text:
    name = Path(outcome.job.path).name
    tables = f"{outcome.n_tables} tables" if outcome.status == Status.LOADED else ""
    line = styled((f"{outcome.status:<15}", STATUS_STYLE.get(outcome.status, "")), f" {tables:<10} {name}")
    said = outcome.error or outcome.note
    if said:
        line.append(f"\n                {said}")
    return line


class _Progress:
    """The ingest reporter: a line per finished document; on a terminal also a bar with documents/s and failures,
    elsewhere (a log, a nightly job) a count line every ``LOG_EVERY`` documents."""

    LOG_EVERY = 50

    def __init__(self) -> None:
        self.done = self.failed = 0
        self.total: int | None = None
        self.started = time.monotonic()
        self.bar: Any = None
        self.task: Any = None
        if out.is_terminal:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self.bar = Progress(TextColumn("reading"), BarColumn(), MofNCompleteColumn(),
                                TextColumn("{task.fields[rate]} docs/s"),
                                TextColumn("{task.fields[failed]}", style="red", markup=False),
                                TimeRemainingColumn(), console=out, transient=True)
            self.task = self.bar.add_task("ingest", total=None, rate="-", failed="")
            self.bar.start()

    def expect(self, total: int) -> None:
        """The number of documents the run will report."""
        self.total = total
        if self.bar is not None:
            self.bar.update(self.task, total=total)

    def rate(self) -> float:
        return self.done / max(time.monotonic() - self.started, 1e-9)

    def __call__(self, outcome: Any) -> None:
        self.done += 1
        self.failed += outcome.status == Status.FAILED
        out.print(_document_line(outcome))
        if self.bar is not None:
            self.bar.update(self.task, completed=self.done, rate=f"{self.rate():.1f}",
                            failed=f"{self.failed} failed" if self.failed else "")
        elif self.done % self.LOG_EVERY == 0:
            of = f"/{self.total}" if self.total else ""
            out.print(f"-- {self.done}{of} documents, {self.rate():.1f} docs/s, {self.failed} failed")

    def stop(self) -> None:
        if self.bar is not None:
            self.bar.stop()


@contextmanager
def progress() -> Iterator[Any]:
    """The reporter of one ingest run (see ``_Progress``), stopped when the run ends."""
    reporter = _Progress()
    try:
        yield reporter
    finally:
        reporter.stop()


def run_summary(info: Any, paths: Sequence[str] = ()) -> None:
    """The end of `perfgoals ingest`: counts by status, where things went, what failed."""
    counts = ", ".join(f"{v} {k}" for k, v in info.counts.items() if v)
    if not info.outcomes:
        from flows.documents import SUFFIXES

        kinds = "、".join(SUFFIXES)
        out.print(f"\n在 {'、'.join(paths) or '所给路径'} 下没有找到 {kinds} 文件。"
                  f" No {', '.join(SUFFIXES)} file under {', '.join(paths) or 'the given paths'}: nothing to read."
                  f" Warehouse: {info.db_path}")
        return
    out.print(f"\n{len(info.outcomes)} documents: {counts}. Warehouse: {info.db_path}")
    for path in info.pruned:
        out.print(f"pruned          {path} (file gone; its tables removed)")
    if info.docs:
        out.print(f"Data Docs (checks of this run): {info.docs}")
    if info.docs_error:
        warning(info.docs_error)
    if info.failed:
        err.print(f"{len(info.failed)} document(s) failed; their reasons are above and in the documents view.")


def rows(columns: Sequence[str], data: Sequence[tuple], fmt: str) -> None:
    """Print a query result as a table, CSV or JSON lines-free array."""
    if fmt == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        writer.writerows(data)
    elif fmt == "json":
        print(json.dumps([dict(zip(columns, r)) for r in data], ensure_ascii=False, default=str, indent=1))
    else:
        table = Table(*columns, show_lines=False)
        for r in data:
            table.add_row(*("" if v is None else str(v) for v in r))
        _print_table(table)


BAR_WIDTH = 16
EIGHTHS = " ▏▎▍▌▋▊▉"


def bar(value: float | None, top: float, width: int = BAR_WIDTH) -> str:
    """A bar of ``value`` out of ``top`` in ``width`` characters, to an eighth of one; empty without a value.

    >>> bar(95, 100, 4)
    '███▊'
    """
    if value is None or top <= 0 or value <= 0:
        return ""
    eighths = round(min(value / top, 1.0) * width * 8)
    return "█" * (eighths // 8) + EIGHTHS[eighths % 8].strip()


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:,.4f}".rstrip("0").rstrip(".")


def _print_table(table: Table) -> None:
    """A table at its natural width where nobody reads it on a terminal (a log, a pipe), so nothing is cut."""
    if out.is_terminal:
        out.print(table)
        return
    natural = Measurement.get(out, out.options.update_width(10_000), table).maximum
    width = out.width
    out.width = max(natural, width)  # print(width=) cannot widen past the console's own width
    try:
        out.print(table)
    finally:
        out.width = width


def _family_line(family: dict[str, Any]) -> Text:
    unit = family["target_unit_std"] or ""
    spread = ""
    if family["min_value"] is not None:
        spread = (f"; targets {_number(family['min_value'])}–{_number(family['max_value'])} {unit}, "
                  f"median {_number(family['median_value'])}")
    order = "lowest (a cap or a cost)" if family["lower_first"] else "highest"
    return styled((family["family_name"], "bold"), f": {family['n_units']} units, {family['n_indicators']} indicators"
                  f"{spread}. Rank 1 = the {order} target.")


def _shared_families(families: Any) -> None:
    if families.is_empty():
        out.print("No indicator family appears in more than one unit yet.")
        return
    table = Table("family", "units", "indicators", "unit", "min", "median", "max", box=box.SIMPLE_HEAD,
                  show_edge=False)
    for f in families.iter_rows(named=True):
        table.add_row(f["family_name"], str(f["n_units"]), str(f["n_indicators"]), f["target_unit_std"] or "",
                      _number(f["min_value"]), _number(f["median_value"]), _number(f["max_value"]))
    out.print("Indicator families found in several units (`perfgoals compare NAME` ranks one):")
    _print_table(table)


def comparison(found: Any) -> None:
    """Print `perfgoals compare`: per family a summary line, then a row per unit and target with its rank and bar."""
    if found.rows.is_empty():
        _shared_families(found.families)
        return
    several_years = found.rows.get_column("fiscal_year").n_unique() > 1
    reported = found.rows.get_column("actual_raw").is_not_null().any()  # self-evaluations are loaded
    for family in found.families.iter_rows(named=True):
        rows = found.rows.filter(found.rows.get_column("family_name") == family["family_name"])
        top = max((abs(r["target_value_std"]) for r in rows.iter_rows(named=True) if r["comparable"]), default=0.0)
        table = Table(Column("rank", min_width=4), Column("unit", no_wrap=True),
                      Column("project", overflow="fold", min_width=12),
                      *(["year"] if several_years else []), Column("target", no_wrap=True), Column("value", no_wrap=True),
                      Column("", no_wrap=True, min_width=BAR_WIDTH),
                      *([Column("actual", no_wrap=True)] if reported else []),
                      box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
        for r in rows.iter_rows(named=True):
            copies = (f" ×{r['n_rows']}", "dim") if r["n_rows"] > 1 else ""
            value = f"{_number(r['target_value_std'])} {r['target_unit_std'] or ''}".strip()
            table.add_row("–" if r["rank"] is None else str(r["rank"]), r["unit_name"] or "", r["project_name"] or "",
                          *([str(r["fiscal_year"] or "")] if several_years else []), styled(r["target_raw"] or "", copies),
                          value, bar(r["target_value_std"], top) if r["comparable"] else "",
                          *([_actual(r)] if reported else []))
        out.print(styled("\n", _family_line(family)))
        _print_table(table)
    notes = []
    if (found.rows.get_column("n_rows") > 1).any():
        notes.append("×N: the same target in N rows, such as one goal table loaded from its Word and its PDF file.")
    if not found.rows.get_column("comparable").all():
        notes.append("–: not ranked, the target is not a number in the family's usual unit.")
    if reported:
        notes.append("actual: what the unit's self-evaluation (绩效自评表) reports; ✓ target reached, ✗ missed.")
    for line in notes:
        out.print(line, style="dim")


ACHIEVED_MARK = {True: ("✓", "green"), False: ("✗", "red"), None: ("", "")}


def _actual(row: dict[str, Any]) -> Text:
    """What the unit's self-evaluation reports beside the target: the actual as written, ✓ reached, ✗ missed."""
    if row["actual_raw"] is None:
        return Text("")
    mark, style = ACHIEVED_MARK[row["achieved"]]
    return styled(row["actual_raw"], (f" {mark}" if mark else "", style))


SEVERITY_MARK = {"error": ("✗", "bold red"), "warning": ("!", "yellow")}


def review(unit: str, issues: Any) -> None:
    """One unit's issues, a block per goal table (file, number, project), table-level issues first."""
    if issues.is_empty():
        out.print(f"{unit}: no issues.")
        return
    n_errors = int((issues.get_column("severity") == "error").sum())
    out.print(styled((unit, "bold"), f": {n_errors} errors, {issues.height - n_errors} warnings"))
    for (file, seq, project), block in issues.group_by("file", "seq", "project_name", maintain_order=True):
        out.print(styled("\n", (f"{file} · 第{seq}张 {project or '（未填项目名称）'}", "bold")))
        for row in block.iter_rows(named=True):
            where = "表" if row["row_no"] is None else f"第{row['row_no']}行"
            out.print(styled("  ", SEVERITY_MARK[row["severity"]], f" {where} ", (row["rule"], "dim")))
            out.print(f"    {row['message']}")
