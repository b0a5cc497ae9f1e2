"""great-expectations validates each batch of a run once, in the checking process: the run's Data Docs are
written there from those results, and the run's own process never imports GX."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from flows.check import batches
from flows.run import run_ingest
from flows.settings import IngestSettings

ROOT = Path(__file__).parents[2]
SAMPLES = ROOT / "samples"


def test_one_validation_per_suite_per_batch_and_data_docs_from_them(tmp_path: Path, no_prefect_server):
    db = tmp_path / "w.duckdb"
    info = run_ingest(IngestSettings([str(SAMPLES)], db))
    n_batches = len(list(batches(o for o in info.outcomes if o.status == "loaded")))
    assert info.counts["loaded"] == 5 and n_batches == 2  # the first document alone, then the other four
    assert info.validations == 2 * n_batches and info.docs is not None
    pages = sorted(p.relative_to(Path(info.docs).parent).parts[:2]
                   for p in (Path(info.docs).parent / "validations").rglob("*.html"))
    assert pages == [("validations", "goal_tables")] * n_batches + [("validations", "indicators")] * n_batches


def test_a_run_that_loads_nothing_validates_nothing(tmp_path: Path, no_prefect_server):
    db = tmp_path / "w.duckdb"
    run_ingest(IngestSettings([str(SAMPLES / "baodi_court_2023.docx")], db))
    again = run_ingest(IngestSettings([str(SAMPLES / "baodi_court_2023.docx")], db))
    assert again.counts["unchanged"] == 1 and again.docs is None and again.validations == 0


RUN = """
import json, sys
from flows.run import run_ingest
from flows.settings import IngestSettings
info = run_ingest(IngestSettings([sys.argv[1]], sys.argv[2]))
print(json.dumps({"gx": sorted(m for m in sys.modules if m.startswith("great_expectations"))[:3],
                  "counts": info.counts, "validations": info.validations, "docs": info.docs}))
"""


def test_the_runs_own_process_never_imports_great_expectations(tmp_path: Path, no_prefect_server):
    done = subprocess.run([sys.executable, "-c", RUN, str(SAMPLES / "jizhou_court_2023.docx"),
                           str(tmp_path / "w.duckdb")], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    said = json.loads(done.stdout.splitlines()[-1])
    assert said["counts"]["loaded"] == 1 and said["validations"] == 2 and said["docs"]
    assert said["gx"] == []  # the checks ran in the checking process
