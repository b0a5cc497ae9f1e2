"""What an analyst waits for on a bureau-sized warehouse: `perfgoals report` and `perfgoals compare`.

    .venv/bin/python benchmarks/report.py [--db FILE] [--units 500] [--seed 0]

Without --db, ``bulk.py``'s corpus (``make_bureau.py``: 500 units, about
4,000 goal tables) is generated or reused from /tmp and ingested once with
2 local processes into /tmp/perfgoals-report-<units>u-s<seed>.duckdb,
reused by later runs.

In the same run, on a read-only connection, best of 3 after one warm-up:

- ``baseline``: reading every row of the views the report draws on into
  polars (goal_tables, indicators, dq_issues, cross_unit, family_stats,
  units): the floor any report pays;
- ``report data``: ``warehouse.report.report_data`` (the SQL);
- ``report page``: ``perfgoals.report.render_report`` (Altair specs, HTML);
- ``compare one``: ``warehouse.compare.compare`` for the family in most units;
- ``compare list``: ``compare`` without a name (the families worth comparing).

``first call`` is the page's first render in this process: importing
Altair and building the inline Vega bundle (cached afterwards). Ratios are
against the baseline. Nothing is asserted; timings on a shared machine are
noisy.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

BASELINE_VIEWS = ("goal_tables", "indicators", "dq_issues", "cross_unit", "family_stats", "units")
REPEATS = 3


def warehouse(units: int, seed: int) -> Path:
    """The benchmark's warehouse: bulk.py's corpus ingested with 2 processes, built unless already in /tmp."""
    from bulk import corpus

    from flows.ingest import ingest
    from flows.settings import IngestSettings

    db = Path(f"/tmp/perfgoals-report-{units}u-s{seed}.duckdb")
    if not db.exists():
        folder, summary = corpus(units, seed)
        print(f"ingesting {summary['expected_tables']} goal tables into {db} …", flush=True)
        started = time.perf_counter()
        ingest(IngestSettings([str(folder)], db, workers=2))
        print(f"  {time.perf_counter() - started:.0f} s", flush=True)
    return db


def best_of(call) -> tuple[float, object]:
    call()  # warm-up: DuckDB's caches, imports
    times, result = [], None
    for _ in range(REPEATS):
        started = time.perf_counter()
        result = call()
        times.append(time.perf_counter() - started)
    return min(times), result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path)
    parser.add_argument("--units", type=int, default=500)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    db = args.db or warehouse(args.units, args.seed)

    import duckdb

    from perfgoals.report import render_report
    from warehouse.compare import compare
    from warehouse.report import report_data

    con = duckdb.connect(str(db), read_only=True)
    size = con.execute("SELECT (SELECT count(*) FROM goal_tables), (SELECT count(*) FROM indicators),"
                       " (SELECT count(*) FROM units)").fetchall()[0]
    print(f"warehouse {db}: {size[0]:,} goal tables, {size[1]:,} indicators, {size[2]:,} units")

    started = time.perf_counter()
    data = report_data(con)
    html, _ = render_report(data, db.name)
    first = time.perf_counter() - started

    rows: list[tuple[str, float, str]] = []
    baseline, _ = best_of(lambda: [con.sql(f"SELECT * FROM {v}").pl() for v in BASELINE_VIEWS])
    rows.append(("baseline: read the views", baseline, ""))
    seconds, data = best_of(lambda: report_data(con))
    rows.append(("report data (SQL)", seconds, ""))
    seconds, page = best_of(lambda: render_report(data, db.name)[0])
    rows.append(("report page (charts, HTML)", seconds, f"{len(page.encode()) / 1e6:.1f} MB"))
    top = compare(con).families.row(0, named=True)["family_name"]
    seconds, found = best_of(lambda: compare(con, [top]))
    rows.append((f"compare one ({top})", seconds, f"{found.rows.height} rows"))
    seconds, listed = best_of(lambda: compare(con))
    rows.append(("compare list", seconds, f"{listed.families.height} families"))
    con.close()

    print(f"\n{'step':<34} {'seconds':>8} {'x baseline':>11}  note")
    for label, seconds, note in rows:
        print(f"{label:<34} {seconds:>8.3f} {seconds / baseline:>11.1f}  {note}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\nfirst call (report data + page, Altair import, Vega bundle): {first:.2f} s; peak RSS {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
