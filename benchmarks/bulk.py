"""How a bureau-sized ingest scales: throughput with 1 and 2 processes, a no-change refresh, and peak memory.

    .venv/bin/python benchmarks/bulk.py [--units 500] [--small 60] [--seed 0]

The corpus is ``make_bureau.py``'s (60% DOCX, 25% XLSX, 15% PDF copies of
the long budget PDFs; about 8 goal tables a unit), generated once into
``/tmp/perfgoals-bureau-<units>u-s<seed>-<hash of make_bureau.py>/`` and
reused by later runs. In the same run, each ingest in a fresh child
process (``python -c``, no ``PREFECT_API_URL``, stderr kept in
``/tmp/perfgoals-bulk-logs/``) into a new DuckDB file:

1. ``small, 1p``: the ``--small`` corpus, 1 process (``flows.run.run_ingest``,
   the in-process path the CLI takes when no Prefect server is configured);
2. ``full, 1p``: the ``--units`` corpus, same path: the reference row;
3. ``refresh, 1p``: (2) again on the same database; every file is
   unchanged (path and sha256 known): hashing, planning, the recomputation;
4. ``start-up, 2p``: ``flows.ingest.ingest`` with ``workers=2`` on an
   empty folder: Prefect's temporary server starting and stopping around
   an empty flow run, the overhead of (5) that can be measured alone (the
   Dask cluster starts on the first task submitted, so its start and a
   worker's first task are not in it: ``1st s`` of (5) shows them);
5. ``full, 2p``: ``ingest`` with ``workers=2`` on the full corpus: the Prefect
   flow, files read in 2 Dask worker processes, checking and loading in
   the ingest process. "net of start-up" subtracts (4).

Wall time is the ingest call only (the child's imports, printed apart, are
left out). The loading loop's mapper is wrapped to note when each
document's outcome reaches it: ``1st s`` is the time to the first one
(start-up plus one document), ``end s`` from the last one to the end
(checking the last batch, families and units, Data Docs, shutting down),
``steady`` the documents/s in between, what the run does once started.

Memory, in MB, of the ingest's child process, three ways: ``self`` is its
own peak RSS (``ru_maxrss``: the DuckDB writer, the frames,
great-expectations; the Prefect flow's engine and the Dask scheduler in
4-5); ``child`` is the peak RSS of its largest descendant that was waited
for (``RUSAGE_CHILDREN``: the fork that reads one document, or in 4-5 a
Dask worker or Prefect's server); ``tree`` is the largest sum of PSS
(proportional set size: a page shared by k processes, as a fork's
inherited pages are, counts 1/k in each) over the process and all its
descendants, sampled every 0.2 s with psutil: what the whole ingest holds
at once. Ratios are against (2).
Nothing is asserted; timings on a shared machine are noisy.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from make_bureau import make_bureau  # noqa: E402

MARK = "BULK-RESULT "
CHILD = r"""
import json, resource, sys, time
t0 = time.perf_counter()
sys.path.insert(0, ROOT)
args = json.loads(sys.argv[1])
arrived = []  # when each document's outcome reached the loading loop


def timed(mapper):
    def wrapped(jobs):
        for outcome in mapper(jobs):
            arrived.append(time.perf_counter())
            yield outcome
    return wrapped


if args["workers"] == 1:
    from flows.run import in_process, run_ingest
    from flows.settings import IngestSettings
    call = lambda: run_ingest(IngestSettings([args["folder"]], args["db"]), mapper=timed(in_process))
else:
    import flows.tasks  # the flow's body runs here, so its mapper can be wrapped; the workers import their own
    from flows.ingest import ingest
    flows.tasks._prefect_mapper = timed(flows.tasks._prefect_mapper)
    call = lambda: ingest(IngestSettings([args["folder"]], args["db"], workers=args["workers"]))
started = time.perf_counter()
info = call()
ended = time.perf_counter()
mb = lambda who: resource.getrusage(who).ru_maxrss / 1024
print(MARK + json.dumps({"seconds": ended - started, "import_s": started - t0, "counts": info.counts,
      "docs": len(info.outcomes), "tables": sum(o.n_tables for o in info.outcomes),
      "failed": [f"{o.job.path}: {o.error}" for o in info.failed],
      "first_s": arrived[0] - started if arrived else None, "tail_s": ended - arrived[-1] if arrived else None,
      "steady": (len(arrived) - 1) / (arrived[-1] - arrived[0]) if len(arrived) > 1 else None,
      "self_mb": mb(resource.RUSAGE_SELF), "child_mb": mb(resource.RUSAGE_CHILDREN)}))
""".replace("ROOT", repr(str(ROOT))).replace("MARK", repr(MARK))


def corpus(units: int, seed: int) -> tuple[Path, dict]:
    """The corpus folder and its summary, generated unless a complete copy is cached in /tmp."""
    code = hashlib.sha256((ROOT / "benchmarks" / "make_bureau.py").read_bytes()).hexdigest()[:8]
    home = Path(tempfile.gettempdir()) / f"perfgoals-bureau-{units}u-s{seed}-{code}"
    summary_file = home / "summary.json"
    if summary_file.exists():
        return home / "files", json.loads(summary_file.read_text())
    shutil.rmtree(home, ignore_errors=True)
    summary = make_bureau(home / "files", units, seed)
    summary.pop("per_file")
    summary_file.write_text(json.dumps(summary))  # written last: marks the cache complete
    print(f"generated {units} units in {summary['seconds']:.1f} s into {home}", flush=True)
    return home / "files", summary


def measure(label: str, folder: Path, db: Path, workers: int, log: Path) -> dict:
    """One ingest in a fresh child process, with its process tree's PSS sampled from here."""
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    arg = json.dumps({"folder": str(folder), "db": str(db), "workers": workers})
    print(f"  {label} …", end="", flush=True)
    tree = 0
    stdout = log.with_suffix(".out")
    with log.open("w") as err, stdout.open("w") as out:  # files, not pipes: nothing blocks on a full pipe
        proc = subprocess.Popen([sys.executable, "-c", CHILD, arg], cwd=ROOT, env=env, stdout=out, stderr=err)
        ps = psutil.Process(proc.pid)
        while proc.poll() is None:
            try:
                procs = [ps, *ps.children(recursive=True)]
            except psutil.NoSuchProcess:
                break
            total = 0
            for p in procs:
                try:
                    total += p.memory_full_info().pss
                except (psutil.NoSuchProcess, psutil.AccessDenied):
                    pass
            tree = max(tree, total)
            time.sleep(0.2)
        proc.wait()
    lines = [line for line in stdout.read_text().splitlines() if line.startswith(MARK)]
    if proc.returncode or not lines:
        sys.exit(f"\n{label}: the ingest child exited with {proc.returncode}; see {log}:\n"
                 + log.read_text()[-3000:])
    result = json.loads(lines[-1][len(MARK):])
    result.update(label=label, tree_mb=tree / 2**20)
    print(f" {result['seconds']:.1f} s", flush=True)
    return result


def notable_lines(log: Path) -> Counter:
    """Warnings, errors and Prefect server starts in a child's stderr, times and ports left out."""
    found: Counter = Counter()
    for line in log.read_text(errors="replace").splitlines():
        if re.search(r"WARNING|ERROR|Error|Traceback|Starting temporary server", line):
            found[re.sub(r"^[\d:.]+ \| |:\d{4,5}\b|\d+(\.\d+)?(?= ?s\b)", "", line)[:150]] += 1
    return found


def table(rows: list[dict], ref: dict) -> str:
    """One line a run; ``x 1p`` columns are ratios to ``ref``, the 1-process full ingest."""
    def opt(value: float | None, width: int, fmt: str) -> str:
        return f"{'-' if value is None else format(value, fmt):>{width}}"

    head = (f"{'run':<26}{'docs':>5}{'tables':>7}{'wall s':>8}{'x 1p':>6}{'docs/s':>8}{'tables/s':>9}"
            f"{'1st s':>7}{'end s':>7}{'steady':>8}{'self MB':>8}{'x 1p':>6}{'child MB':>9}{'tree MB':>8}{'x 1p':>6}")
    out = [head, "-" * len(head)]
    for r in rows:
        s = r["seconds"]
        out.append(f"{r['label']:<26}{r['docs']:>5}{r['tables']:>7}{s:>8.1f}{s / ref['seconds']:>6.2f}"
                   f"{r['docs'] / s:>8.2f}{r['tables'] / s:>9.1f}{opt(r['first_s'], 7, '.1f')}"
                   f"{opt(r['tail_s'], 7, '.1f')}{opt(r['steady'], 8, '.2f')}{r['self_mb']:>8.0f}"
                   f"{r['self_mb'] / ref['self_mb']:>6.2f}{r['child_mb']:>9.0f}{r['tree_mb']:>8.0f}"
                   f"{r['tree_mb'] / ref['tree_mb']:>6.2f}")
    return "\n".join(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--units", type=int, default=500)
    parser.add_argument("--small", type=int, default=60)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    started = time.perf_counter()
    full_dir, full = corpus(args.units, args.seed)
    small_dir, small = corpus(args.small, args.seed)
    for name, s in (("full", full), ("small", small)):
        print(f"{name} corpus: {s['units']} units, files {s['files']}, {s['expected_tables']} goal tables expected")
    with tempfile.TemporaryDirectory(prefix="perfgoals-bulk-") as tmp:
        work, logs = Path(tmp), Path(tempfile.gettempdir()) / "perfgoals-bulk-logs"
        shutil.rmtree(logs, ignore_errors=True)
        logs.mkdir()
        (work / "empty").mkdir()
        db1 = work / "full1.duckdb"
        runs = [
            measure(f"small, 1p ({args.small} u)", small_dir, work / "small.duckdb", 1, logs / "small.log"),
            measure(f"full, 1p ({args.units} u)", full_dir, db1, 1, logs / "full1.log"),
            measure("refresh, 1p, no change", full_dir, db1, 1, logs / "refresh.log"),
            measure("start-up, 2p (empty)", work / "empty", work / "empty.duckdb", 2, logs / "empty.log"),
            measure(f"full, 2p ({args.units} u)", full_dir, work / "full2.duckdb", 2, logs / "full2.log"),
        ]
        notable = {r["label"]: notable_lines(logs / f"{n}.log") for r, n in
                   zip(runs, ("small", "full1", "refresh", "empty", "full2"))}
    small_r, one, refresh, empty, two = runs
    net = dict(two, label="  full 2p net of start-up", seconds=two["seconds"] - empty["seconds"])
    print()
    print(table([small_r, one, refresh, empty, two, net], one))
    print()
    print(f"speed-up of 2 processes over 1: {one['seconds'] / two['seconds']:.2f}x as run "
          f"({one['seconds']:.1f} s vs {two['seconds']:.1f} s), "
          f"{one['seconds'] / net['seconds']:.2f}x net of the {empty['seconds']:.1f} s start-up, "
          f"{(two['steady'] or 0) / (one['steady'] or 1):.2f}x steady (documents/s between first and last outcome)")
    print(f"no-change refresh: {refresh['seconds']:.1f} s = {refresh['seconds'] / one['seconds']:.1%} of the "
          f"full ingest; statuses {refresh['counts']}")
    print(f"peak memory, {small_r['tables']} -> {one['tables']} tables "
          f"({one['tables'] / max(small_r['tables'], 1):.1f}x the corpus): self {small_r['self_mb']:.0f} -> "
          f"{one['self_mb']:.0f} MB ({one['self_mb'] / small_r['self_mb']:.2f}x), largest child "
          f"{small_r['child_mb']:.0f} -> {one['child_mb']:.0f} MB ({one['child_mb'] / small_r['child_mb']:.2f}x), "
          f"tree {small_r['tree_mb']:.0f} -> {one['tree_mb']:.0f} MB ({one['tree_mb'] / small_r['tree_mb']:.2f}x)")
    for r, expected in ((small_r, small), (one, full), (two, full)):
        if r["tables"] != expected["expected_tables"] or r["failed"]:
            print(f"! {r['label']}: {r['tables']} tables loaded of {expected['expected_tables']} expected, "
                  f"statuses {r['counts']}")
        for line in r["failed"][:5]:
            print(f"  failed: {line}")
    for label, found in notable.items():
        if found:
            print(f"stderr of {label}: " + "; ".join(f"{n} x {line}" for line, n in found.most_common(8)))
    print(f"the children's stderr: {logs}/")
    print("imports in the ingest child, not in wall s: "
          + ", ".join(f"{r['label'].strip()} {r['import_s']:.1f} s" for r in runs))
    print(f"\n{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}; whole benchmark "
          f"{time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
