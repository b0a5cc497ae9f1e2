"""The run body: a document whose rows the warehouse refuses is recorded as failed, and the run goes on; the
documents loaded in one transaction with it load as if it were not there."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import polars as pl
import pytest

from flows.process import Outcome, process_document
from flows.run import run_ingest
from flows.settings import IngestSettings
from transform.records import Frames

SAMPLES = Path(__file__).parents[2] / "samples"


NAMES = ("baodi_court_2023.docx", "jizhou_court_2023.docx", "ninghe_court_2023.docx", "wuqing_court_2023.pdf")


@pytest.mark.parametrize("names", [NAMES[::2], NAMES], ids=["alone", "in-a-batch"])
def test_rows_the_warehouse_refuses_fail_that_document_only(tmp_path: Path, names: tuple[str, ...]):
    """Batches are the first document, then the rest: ninghe is either alone in its batch or between two."""
    inbox = tmp_path / "in"
    inbox.mkdir()
    for name in names:
        shutil.copy(SAMPLES / name, inbox / name)

    def mapper(jobs):
        for job in jobs:
            outcome = process_document(job)
            if "ninghe" in job.path:  # the same goal table twice: a bug upstream, caught at the door
                frames = outcome.frames
                doubled = Frames(pl.concat([frames.goal_tables, frames.goal_tables]), frames.indicators)
                outcome = Outcome(job, "loaded", frames=doubled, issues=outcome.issues)
            yield outcome

    db = tmp_path / "w.duckdb"
    info = run_ingest(IngestSettings([str(inbox)], db), mapper=mapper)
    assert info.counts["failed"] == 1 and info.counts["loaded"] == len(names) - 1
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute("SELECT regexp_extract(path, '[^/]+$'), status, error FROM documents ORDER BY 1").fetchall()
        tables = con.execute("SELECT count(*) FROM goal_tables").fetchall()
    assert [(r[0], r[1]) for r in rows] == [(n, "failed" if "ninghe" in n else "loaded") for n in names]
    [error] = [e for n, _, e in rows if "ninghe" in n]
    assert "内部错误" in error and "ninghe_court_2023.docx" in error
    assert tables == [(sum(o.n_tables for o in info.outcomes),)]  # what each loaded one says it loaded
