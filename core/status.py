"""A document's status: what happened to one file in one run, as stored and as shown."""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    """The status of a document in a run; a ``str``, so it is stored and compared as its value."""

    LOADED = "loaded"  # its goal tables are in the warehouse
    UNCHANGED = "unchanged"  # same bytes as at the last run: not read again (never stored, only counted)
    DUPLICATE = "duplicate"  # same bytes as another path already loaded
    NO_GOAL_TABLES = "no_goal_tables"  # read, and no goal table in it
    FAILED = "failed"  # could not be read or loaded; ``error`` says why


#: The statuses a document row may hold (an unchanged file keeps the row of its last run).
STORED = (Status.LOADED, Status.NO_GOAL_TABLES, Status.FAILED, Status.DUPLICATE)
#: The statuses whose bytes' content is in the warehouse, so the same bytes elsewhere are a duplicate.
CONTENT = (Status.LOADED, Status.NO_GOAL_TABLES)
