"""The `perfgoals` command: ingest goal-table documents, query the warehouse, compare units.

Imports of the heavy stack (Prefect, great-expectations, pdfplumber) happen
inside the commands that need them, so `perfgoals sql` and `--help` answer
at once.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from core.errors import PerfgoalsError
from perfgoals import display
from perfgoals.display import fail
from perfgoals.family import family_app
from perfgoals.options import (
    FORMAT_METAVAR,
    DbOption,
    DocsOption,
    FormatOption,
    OnlyYearOption,
    OutputFormat,
    PruneOption,
    RulesOption,
    YearOption,
    choice,
    db_path,
)

app = typer.Typer(
    help="Performance goal tables (绩效目标表) from Word, Excel and PDF files into a DuckDB warehouse.\n\n"
    "Start with `perfgoals ingest samples/`, then `perfgoals compare 干警满意度`, `perfgoals report` or "
         "`perfgoals sql`.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


@app.callback()
def _main(verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Also write the log to stderr: each "
                                                "document's outcome, and the traceback of any internal error "
                                                "(always kept in the log file beside the warehouse).")] = False,
          ctx: typer.Context = None) -> None:  # type: ignore[assignment] - typer passes the context
    if verbose:
        from flows.log import log_to_stderr

        ctx.call_on_close(log_to_stderr())


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files or folders; folders are searched recursively.",
                                               show_default=False)],
    db: DbOption = None,
    year: YearOption = None,
    workers: Annotated[int | None, typer.Option(min=1, help="Processes reading files at once, on a local Dask "
                                                           "cluster. Default: 1, in this process.")] = None,
    dask_address: Annotated[str | None, typer.Option(metavar="tcp://HOST:PORT", show_default=False,
                                                     help="Read files on the workers of this Dask scheduler "
                                                          "(any machines); loading stays here.")] = None,
    prune: PruneOption = False,
    timeout: Annotated[float | None, typer.Option("--timeout", metavar="SECONDS", min=0.001, show_default=False,
                                                 help="Seconds reading one file may take. Default: $PERFGOALS_TIMEOUT_S, "
                                                      "else 120.")] = None,
    max_memory_mb: Annotated[float | None, typer.Option(metavar="MB", min=1, show_default=False,
                                                        help="Memory (MB) reading one file may take. Default: "
                                                             "$PERFGOALS_MAX_MEMORY_MB, else 2048.")] = None,
    max_file_mb: Annotated[float | None, typer.Option(metavar="MB", min=0.001, show_default=False,
                                                      help="Largest file (MB) read. Default: $PERFGOALS_MAX_FILE_MB, "
                                                           "else 100.")] = None,
    max_pages: Annotated[int | None, typer.Option(metavar="PAGES", min=1, show_default=False,
                                                  help="Most pages of a PDF read. Default: $PERFGOALS_MAX_PAGES, "
                                                       "else 500.")] = None,
    rules: RulesOption = None,
    docs: DocsOption = None,
) -> None:
    """Read every .pdf, .docx, .xlsx (and old .doc/.xls) under PATHS and load their goal tables.

    Each document is extracted, normalized and checked, and loaded with its
    batch in one transaction; a document that fails is recorded with the
    reason and the run goes on. Unchanged files are skipped, so running it again is safe.

    Example:

        perfgoals ingest samples/ --db warehouse.duckdb

    Exit status: 0 when every document loaded (or was unchanged, a
    duplicate, or had no goal table), 1 when any document failed, 2 for a
    usage error. With PREFECT_API_URL set the run is a Prefect flow
    reported to that server.

    Each file is read in a child process within limits on its size,
    pages, time and memory (the options above; also
    $PERFGOALS_MAX_UNPACKED_MB and $PERFGOALS_MAX_COMPRESSION_RATIO for
    .docx/.xlsx); a file over a limit fails with the reason.

    With --workers N the files are read by N local Dask processes (as
    Prefect task runs when a Prefect server is configured); with
    --dask-address by the workers of that Dask scheduler, under the Prefect
    flow (a temporary Prefect server starts when none is configured).
    Remote workers need perfgoals installed and the files at the same paths.

    Every goal table is checked the way a budget reviewer would (see
    `perfgoals review`); the issues go to the dq_issues view and the run's
    great-expectations Data Docs to the folder the summary names.
    """
    from core.errors import UsageError
    from flows.checker import start_checker

    start_checker()  # great-expectations imports in its own process while this one imports the rest
    try:
        from extract.limits import Limits
        from flows.ingest import ingest as run
        from flows.ingest import unreachable_prefect, without_prefect
        from flows.settings import IngestSettings

        down = unreachable_prefect()
        if down:
            display.warning(f"PREFECT_API_URL 指向的 Prefect 服务器（{down}）没有响应，本次在本进程内运行，不向服务器报告。"
                            f" The Prefect server at {down} (PREFECT_API_URL) does not answer, so this run goes on"
                            " here without it and is not reported there. Start the server (`perfgoals server`) or"
                            " unset PREFECT_API_URL.")
            without_prefect()

        limits = Limits.from_env(timeout_s=timeout, max_memory_mb=max_memory_mb, max_file_mb=max_file_mb,
                                 max_pages=max_pages)
        settings = IngestSettings(tuple(paths), db_path(db), year=year, limits=limits, rules=rules, docs=docs,
                                  prune=prune, workers=workers or 1, dask_address=dask_address)
        with display.progress() as report:
            info = run(settings, report)
    except UsageError as exc:
        raise fail(exc, 2) from None
    except PerfgoalsError as exc:
        raise fail(exc, 1) from None
    display.run_summary(info, paths)
    raise typer.Exit(1 if info.failed else 0)


@app.command()
def sql(
    query: Annotated[str, typer.Argument(help="One SQL query.", show_default=False)],
    db: DbOption = None,
    format: FormatOption = OutputFormat.TABLE,
    allow_files: Annotated[bool, typer.Option("--allow-files", help="Let the query read and write files outside "
                                              "the warehouse (read_csv, COPY … TO).")] = False,
) -> None:
    """Run one query on a read-only connection and print the result.

    Views: documents, goal_tables, indicators, dq_issues, department_tasks, ingest_runs, and across units
    units, indicator_families, cross_unit, family_stats, unit_quality, and achievement for self-evaluations
    (see README).

    The query sees the warehouse and nothing else: no other file, no
    network, no extension, and no statement that writes. With --allow-files
    it may read files (read_csv, read_parquet …) and write its result to
    one (COPY … TO); the warehouse itself stays read-only.

    Example:

        perfgoals sql "select unit_name, count(*) from goal_tables group by 1"

        perfgoals sql "copy (select * from cross_unit) to 'cross_unit.csv'" --allow-files
    """
    from warehouse.query import run_query

    try:
        columns, rows = run_query(db_path(db), query, allow_files=allow_files)
    except PerfgoalsError as exc:
        raise fail(exc, 2) from None
    display.rows(columns, rows, format)


@app.command()
def review(
    unit: Annotated[str, typer.Argument(help="Unit name (or code) as in the units view.", show_default=False)],
    db: DbOption = None,
    errors_only: Annotated[bool, typer.Option("--errors-only", help="Leave out warnings.")] = False,
) -> None:
    """Show one unit's review: every issue, grouped by goal table, in the order a reviewer reads them.

    Each table lists its problems as a whole first (money, missing
    categories), then its rows in order, errors marked ✗ and warnings !.
    Exit status 0 with no error-level issue, 1 with one or more (what to
    send back), 2 for an unknown unit.

    Example:

        perfgoals review 天津市蓟州区人民法院
    """
    from expectations.catalog import load_catalog
    from warehouse.query import review_of

    try:
        issues, units = review_of(db_path(db), unit, [s.name for s in load_catalog().settings])
    except PerfgoalsError as exc:
        raise fail(exc, 2) from None
    if issues is None:
        hint = "、".join(units[:10]) or "none yet"
        raise fail(PerfgoalsError(f"没有名为 {unit} 的预算单位。 No unit named {unit}; units: {hint}"), 2)
    if errors_only:
        issues = issues.filter(issues.get_column("severity") == "error")
    display.review(unit, issues)
    raise typer.Exit(1 if (issues.get_column("severity") == "error").any() else 0)


@app.command()
def compare(
    texts: Annotated[list[str] | None, typer.Argument(
        metavar="TEXT", show_default=False,
        help="Indicator names: a family's name, or any unit's wording of it, picks that family; otherwise every "
             "family whose name contains the text. None: list the families found in several units.")] = None,
    db: DbOption = None,
    year: OnlyYearOption = None,
    format: Annotated[OutputFormat, typer.Option("--format", parser=choice(OutputFormat), metavar=FORMAT_METAVAR,
                                                 help="table, csv or json (csv and json without bars).")] = OutputFormat.TABLE,
) -> None:
    """Compare one indicator across units: each unit's target as written, in the standard unit, ranked, with a bar.

    An indicator family gathers the ways units write one indicator (干警满意率 and 干警满意度; 邮寄费 when its
    description says 同城邮寄费). Rank 1 is the most demanding target: the highest, or the lowest for caps
    (≤) and costs. Targets in another unit than the family's usual one are shown but not ranked.

    Example:

        perfgoals compare 干警满意度

        perfgoals compare 邮寄费 --year 2023 --format csv
    """
    from warehouse.compare import compare as compare_families

    try:
        found = compare_families(db_path(db), texts or (), year=year)
    except PerfgoalsError as exc:
        raise fail(exc, 2) from None
    for text, closest in found.unmatched.items():
        display.error(f"没有与“{text}”匹配的指标。 No indicator family matches {text!r}."
                      + (f" Did you mean: {'、'.join(closest)}?" if closest else "")
                      + " Run `perfgoals compare` without a name to list the families shared by several units.")
    if texts and found.rows.is_empty():
        if not found.unmatched:
            display.note(f"No goal table{f' of {year}' if year else ''} has an indicator of these families.")
        raise typer.Exit(2 if found.unmatched else 0)
    if format == OutputFormat.TABLE:
        display.comparison(found)
    else:
        frame = found.rows if texts else found.families
        display.rows(frame.columns, frame.rows(), format)


@app.command()
def report(
    out: Annotated[Path, typer.Option("--out", metavar="FILE", help="HTML file to write.")] = Path("report.html"),
    db: DbOption = None,
    year: OnlyYearOption = None,
) -> None:
    """Write one HTML page of charts for a bureau: budget by unit, targets across units with outliers marked,
    review quality by unit, defects by rule, then a section per unit with its goal tables and issues.

    The page is one file that opens offline in any browser (the chart library is inside it), so it can be
    mailed or put on a shared drive.

    Example:

        perfgoals report --out report.html --year 2023
    """
    from perfgoals.report import write_report
    from warehouse.report import report_data

    if not out.parent.is_dir():
        raise fail(PerfgoalsError(f"没有这个文件夹。 No such folder: {out.parent}. Create it, or write the report "
                                   "elsewhere with --out."), 2)
    try:
        info = write_report(report_data(db_path(db), year=year), out, db_path(db).name)
    except PerfgoalsError as exc:
        raise fail(exc, 2) from None
    display.note(f"Report: {info.path} ({info.n_units} units, {info.n_charts} charts, "
                 f"{info.size_bytes / 1e6:.1f} MB). Open it in a browser; it needs no network.")


@app.command()
def serve(
    paths: Annotated[list[str], typer.Argument(help="Files or folders to refresh.", show_default=False)],
    db: DbOption = None,
    cron: Annotated[str, typer.Option(help="When to run, as a cron expression (server's time zone).")] = "0 2 * * *",
    rules: RulesOption = None,
    docs: DocsOption = None,
    prune: PruneOption = False,
) -> None:
    """Serve the nightly refresh: a Prefect deployment `ingest/nightly` that ingests PATHS on a schedule.

    Needs a running Prefect server (`perfgoals server` in another terminal,
    then PREFECT_API_URL=http://127.0.0.1:4200/api). This command keeps
    running: it is the runner that starts each scheduled run; stop it with
    Ctrl-C. Unchanged files are skipped, so a nightly run is quick. Runs can
    also be started by hand from the Prefect UI or with
    `prefect deployment run ingest/nightly`.

    Example:

        perfgoals serve /data/goal-tables --db /data/warehouse.duckdb --cron "0 2 * * *"
    """
    from flows.serve import serve_nightly
    from flows.settings import IngestSettings

    try:
        serve_nightly(IngestSettings(tuple(paths), db_path(db), rules=rules, docs=docs, prune=prune), cron=cron)
    except PerfgoalsError as exc:
        raise fail(exc, 2) from None


@app.command()
def server(
    port: Annotated[int, typer.Option(help="Port of the Prefect server and its UI.")] = 4200,
) -> None:
    """Start a Prefect server here (what `perfgoals serve` schedules on), its UI at http://127.0.0.1:PORT.

    Leave it running, and in the terminal of `perfgoals ingest` or
    `perfgoals serve` set PREFECT_API_URL=http://127.0.0.1:PORT/api.

    Example:

        perfgoals server --port 4200
    """
    from flows.serve import start_server

    display.note(f"Prefect server at http://127.0.0.1:{port}; set PREFECT_API_URL=http://127.0.0.1:{port}/api")
    raise typer.Exit(start_server(port=port))


@app.command()
def export(
    out_dir: Annotated[Path, typer.Argument(metavar="DIR", help="Folder to write into.", show_default=False)],
    format: Annotated[str, typer.Option("--format", help="parquet, csv or xlsx.")] = "parquet",
    db: DbOption = None,
) -> None:
    """Write every view for other tools: Parquet partitioned by fiscal_year, CSV, or one XLSX workbook.

    Parquet: a view with fiscal_year becomes a folder VIEW/fiscal_year=YYYY/,
    the others VIEW.parquet; DuckDB, polars, pandas and Spark read them.
    CSV: one file per view. XLSX: perfgoals.xlsx, a sheet per view.

    Example:

        perfgoals export out/ --format parquet
    """
    import warehouse
    from warehouse.export import export_views

    try:
        with warehouse.connect(db_path(db), read_only=True, allow_files=True) as con:
            written = export_views(con, out_dir, format)
    except PerfgoalsError as exc:
        raise fail(exc, 2) from None
    for path in written:
        display.note(str(path))


@app.command()
def schema(
    write: Annotated[Path | None, typer.Option(metavar="FILE", show_default=False,
                                               help="Write the Markdown here instead of printing it.")] = None,
) -> None:
    """Print the data dictionary: every view and column, with what it means (the database's own COMMENTs).

    Example:

        perfgoals schema --write docs/schema.md
    """
    import tempfile

    import warehouse
    from warehouse.export import data_dictionary

    with tempfile.TemporaryDirectory() as tmp, warehouse.connect(Path(tmp) / "schema.duckdb") as con:
        text = data_dictionary(con)
    if write is None:
        print(text)
        return
    write.parent.mkdir(parents=True, exist_ok=True)
    write.write_text(text + "\n", encoding="utf-8")
    display.note(f"wrote {write}")


app.add_typer(family_app, name="family")


def main() -> None:  # pragma: no cover - console entry point
    sys.exit(app())
