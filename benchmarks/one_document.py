"""How long a one-document ingest takes beyond importing the stack it needs, measured in one run.

    .venv/bin/python benchmarks/one_document.py [--repeat 3] [FILE]

The baseline is a bare `python -c "import prefect, great_expectations,
duckdb, polars, pdfplumber"`; the subject is `perfgoals ingest FILE --db
<new file>` with no Prefect server configured. Both run as fresh processes,
alternately, and the medians are compared: the difference is what perfgoals
itself costs a user who ingests one file.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
BASELINE = [sys.executable, "-c", "import prefect, great_expectations, duckdb, polars, pdfplumber"]


def _seconds(cmd: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(cmd, check=True, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("file", nargs="?", default=str(ROOT / "samples" / "jizhou_court_2023.docx"))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    baseline, ingest = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(args.repeat):
            baseline.append(_seconds(BASELINE, env))
            db = Path(tmp) / f"new{i}.duckdb"
            ingest.append(_seconds([str(BIN / "perfgoals"), "ingest", args.file, "--db", str(db)], env))
    b, s = statistics.median(baseline), statistics.median(ingest)
    print(f"bare import of the stack     {b:6.2f} s  (median of {args.repeat})")
    print(f"perfgoals ingest one file    {s:6.2f} s  ({Path(args.file).name})")
    print(f"difference                   {s - b:+6.2f} s   ratio {s / b:.2f}x")


if __name__ == "__main__":
    main()
