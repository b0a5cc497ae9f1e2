"""The run body: a document whose rows the warehouse refuses is recorded as failed, and the run goes on."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import polars as pl

from flows.process import Outcome, process_document
from flows.run import run_ingest
from flows.settings import IngestSettings
from transform.records import Frames

SAMPLES = Path(__file__).parents[2] / "samples"


def test_rows_the_warehouse_refuses_fail_that_document_only(tmp_path: Path):
    inbox = tmp_path / "in"
    inbox.mkdir()
    for name in ("ninghe_court_2023.docx", "baodi_court_2023.docx"):
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
    assert info.counts["failed"] == 1 and info.counts["loaded"] == 1
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute("SELECT regexp_extract(path, '[^/]+$'), status, error FROM documents ORDER BY 1").fetchall()
    assert [(r[0], r[1]) for r in rows] == [("baodi_court_2023.docx", "loaded"), ("ninghe_court_2023.docx", "failed")]
    assert "内部错误" in rows[1][2] and "ninghe_court_2023.docx" in rows[1][2]
