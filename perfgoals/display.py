"""What the CLI prints: a line per document as it finishes, summaries, query results."""

from __future__ import annotations

import csv
import json
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

STATUS_STYLE = {"loaded": "green", "unchanged": "dim", "duplicate": "yellow", "no_goal_tables": "cyan",
                "failed": "bold red"}


def error(message: str) -> None:
    err.print(f"[bold red]error:[/] {message}", markup=True)


def note(message: str) -> None:
    out.print(message, markup=False)


def _document_line(outcome: Any) -> str:
    name = Path(outcome.job.path).name
    style = STATUS_STYLE.get(outcome.status, "")
    tables = f"{outcome.n_tables} tables" if outcome.status == "loaded" else ""
    line = f"[{style}]{outcome.status:<15}[/] {tables:<10} {name}"
    if outcome.error:
        line += f"\n                {outcome.error}"
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
                                TextColumn("{task.fields[rate]} docs/s"), TextColumn("{task.fields[failed]}"),
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
        self.failed += outcome.status == "failed"
        out.print(_document_line(outcome), markup=True)
        if self.bar is not None:
            self.bar.update(self.task, completed=self.done, rate=f"{self.rate():.1f}",
                            failed=f"[red]{self.failed} failed[/]" if self.failed else "")
        elif self.done % self.LOG_EVERY == 0:
            of = f"/{self.total}" if self.total else ""
            out.print(f"-- {self.done}{of} documents, {self.rate():.1f} docs/s, {self.failed} failed", markup=False)

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


def run_summary(info: Any) -> None:
    counts = ", ".join(f"{v} {k}" for k, v in info.counts.items() if v)
    out.print(f"\n{len(info.outcomes)} documents: {counts or 'nothing to do'}. Warehouse: {info.db_path}")
    for path in getattr(info, "pruned", ()):
        out.print(f"pruned          {path} (file gone; its tables removed)", markup=False)
    if getattr(info, "docs", None):
        out.print(f"Data Docs (checks of this run): {info.docs}")
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
        out.print(table)


def comparison(frame: Any) -> None:
    """Print the cross-unit comparison: one row per unit, one column per indicator."""
    if frame.is_empty():
        out.print("No indicator appears in more than one unit yet.")
        return
    import polars as pl

    cells = frame.group_by("unit_name", "indicator", maintain_order=True).agg(
        pl.col("target_raw").unique(maintain_order=True).str.join(" / "))
    wide = cells.pivot(on="indicator", index="unit_name", values="target_raw").sort("unit_name")
    rows(wide.columns, wide.rows(), "table")


SEVERITY_MARK = {"error": "[bold red]✗[/]", "warning": "[yellow]![/]"}


def review(unit: str, issues: Any) -> None:
    """One unit's issues, a block per goal table (file, number, project), table-level issues first."""
    if issues.is_empty():
        out.print(f"{unit}: no issues.")
        return
    n_errors = int((issues.get_column("severity") == "error").sum())
    out.print(f"[bold]{unit}[/]: {n_errors} errors, {issues.height - n_errors} warnings", markup=True)
    for (file, seq, project), block in issues.group_by("file", "seq", "project_name", maintain_order=True):
        out.print(f"\n[bold]{file} · 第{seq}张 {project or '（未填项目名称）'}[/]", markup=True)
        for row in block.iter_rows(named=True):
            where = "表" if row["row_no"] is None else f"第{row['row_no']}行"
            out.print(f"  {SEVERITY_MARK[row['severity']]} {where} [dim]{row['rule']}[/]", markup=True)
            out.print(f"    {row['message']}", markup=False)
