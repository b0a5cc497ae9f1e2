"""The options the commands share, declared once: the warehouse, the year, the output format, ingest's rules.

Each is an ``Annotated`` type a command's parameter takes; the parsers
refuse a slip in both languages, as the rest of perfgoals speaks.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

DbOption = Annotated[
    Path | None,
    typer.Option("--db", help="DuckDB file. Default: $PERFGOALS_DB, else ./warehouse.duckdb.", show_default=False),
]


YEARS = (1990, 2100)  # a fiscal year outside these is a slip (23 for 2023)


def fiscal_year(value: int | None) -> int | None:
    """A --year as given, refused in both languages when it is not a four-digit year."""
    if value is not None and not YEARS[0] <= value <= YEARS[1]:
        raise typer.BadParameter(f"年度应写四位数，例如 2024，而不是 {value}。"
                                 f" A fiscal year has four digits, such as 2024, not {value}.")
    return value


def db_path(db: Path | None) -> Path:
    """The warehouse file: --db, else $PERFGOALS_DB, else ./warehouse.duckdb."""
    return db or Path(os.environ.get("PERFGOALS_DB", "warehouse.duckdb"))




class OutputFormat(StrEnum):
    """How `sql` and `compare` print rows."""

    TABLE = "table"
    CSV = "csv"
    JSON = "json"


def choice(kind: type[StrEnum]) -> Callable[[str], str]:
    """A parser of an option that takes one of ``kind``'s values, refusing any other in both languages (click's
    own Choice would refuse in English only)."""
    allowed = tuple(kind)

    def parse(value: str) -> str:
        if value not in allowed:
            raise typer.BadParameter(f"--format 只能是 {'、'.join(allowed)}，而不是 {value!r}。"
                                     f" --format must be {', '.join(allowed[:-1])} or {allowed[-1]}, not {value!r}.")
        return kind(value)

    return parse


FORMAT_METAVAR = "[" + "|".join(OutputFormat) + "]"
FormatOption = Annotated[OutputFormat, typer.Option("--format", parser=choice(OutputFormat), metavar=FORMAT_METAVAR,
                                                    help="table, csv or json.")]

# ingest and serve take these alike
RulesOption = Annotated[Path | None, typer.Option(
    metavar="FILE", show_default=False, help="Review rules' severities and thresholds (a copy of "
    "expectations/rules.toml). Default: $PERFGOALS_RULES, else the built-in rules.")]
DocsOption = Annotated[Path | None, typer.Option(
    metavar="DIR", show_default=False, help="Folder for the run's Data Docs (HTML). Default: beside the "
    "database, warehouse.duckdb → warehouse-docs/.")]
PruneOption = Annotated[bool, typer.Option(
    "--prune", help="Remove from the warehouse the documents under these folders whose files are gone.")]
YearOption = Annotated[int | None, typer.Option(help="Fiscal year for tables that state none.",
                                                callback=fiscal_year)]
OnlyYearOption = Annotated[int | None, typer.Option("--year", help="Only goal tables of this fiscal year.",
                                                    callback=fiscal_year)]
