"""Statuses are stored and compared as their values; the run's counts come in one fixed order."""

from __future__ import annotations

from core.status import CONTENT, STORED, Status
from warehouse.load import RUN_COUNTS


def test_a_status_is_its_value():
    assert Status.NO_GOAL_TABLES == "no_goal_tables" and f"{Status.FAILED}" == "failed"
    assert {"loaded": 1}[Status.LOADED] == 1


def test_the_run_counts_every_status_and_a_row_holds_all_but_unchanged():
    assert RUN_COUNTS == ("loaded", "unchanged", "duplicate", "no_goal_tables", "failed")
    assert set(STORED) == set(Status) - {Status.UNCHANGED} and set(CONTENT) <= set(STORED)
