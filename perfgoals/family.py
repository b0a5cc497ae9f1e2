"""`perfgoals family`: indicator families pinned by hand, the one thing an analyst writes into the warehouse."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from core.errors import PerfgoalsError
from perfgoals import display
from perfgoals.display import fail
from perfgoals.options import DbOption, db_path

family_app = typer.Typer(help="Indicator families: pin an indicator to a family by hand, or undo a pin.",
                         no_args_is_help=True)


def _write_identity(db: Path | None, change) -> None:
    """Apply ``change`` to a writable warehouse, then recompute families so the change shows at once."""
    import warehouse
    from flows.identity import refresh_identity

    try:
        with warehouse.connect(db_path(db)) as con:
            change(con)
            refresh_identity(con)
    except PerfgoalsError as exc:
        raise fail(exc, 2) from None


@family_app.command("pin")
def family_pin(
    key: Annotated[str, typer.Argument(help="An indicator_key (see indicator_families).", show_default=False)],
    family: Annotated[str, typer.Argument(help="The family name to put it in.", show_default=False)],
    db: DbOption = None,
) -> None:
    """Put an indicator in a family by hand; the pin survives every later ingest.

    Families are recomputed from the wording after each ingest; a pin overrides that for one key. Pin to an
    existing family's name to join it, or to a new name to start one.

    Example:

        perfgoals family pin 全院干警对后勤保障满意度 干警满意度
    """
    from warehouse.identity import pin_family

    _write_identity(db, lambda con: pin_family(con, key, family))
    display.note(f"{key} → {family}")


@family_app.command("unpin")
def family_unpin(
    key: Annotated[str, typer.Argument(help="A pinned indicator_key.", show_default=False)],
    db: DbOption = None,
) -> None:
    """Remove a pin: the indicator goes back to the family its wording gives it.

    Example:

        perfgoals family unpin 全院干警对后勤保障满意度
    """
    from warehouse.identity import unpin_family

    removed: list[bool] = []
    _write_identity(db, lambda con: removed.append(unpin_family(con, key)))
    display.note(f"{key}: " + ("pin removed" if removed[0] else "was not pinned"))
