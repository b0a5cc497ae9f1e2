"""Where an ingest spends its time, by phase, old tree beside new: one ingest in a child process per side.

    .venv/bin/python benchmarks/phases.py [--units 500] [--seed 0] [--against REV]

The child (this file's source run with ``python -c`` in the side's tree)
imports the tree's ``flows.ingest.ingest`` (the CLI's entry), wraps the
functions of ``PHASES`` where the run looks them up, runs one ingest with
``workers`` processes into a new DuckDB file, and prints what it measured.
A phase's time is exclusive: a wrapped call nested in another on the same
thread (the documents' processing inside the loading loop's wait, on the
old tree) counts for itself only. ``other`` is the wall time no phase on
the run's main thread accounts for: discovering and hashing the files,
planning, starting the checker, the duplicates, recording the run. A phase
that runs off the main thread (the new tree reads and parses the next
files on a thread of its own while the main thread checks and loads)
overlaps the others, and is marked ``∥``. A name a tree does not have is
skipped, and its phase printed ``n/a``. In a 2-process run only the
loading loop's side (arrivals, checking, loading) is in this process.

The parent samples the PSS of the child's whole process tree every 0.2 s
with psutil (``tree MB``); ``self MB`` and ``child MB`` are the child's
own and its largest waited-for descendant's peak RSS.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sides import Side

MARK = "PHASES-RESULT "
# (phase, module, name, how): each function timed where the run looks it up. "call" times each call, or each
# step of a generator; "mapper" wraps the mapper argument of the run's body, timing the loading loop's wait for
# each outcome and noting when it arrives; "{format}" is the read file's suffix. flows.tasks is wrapped only if
# already imported (a Prefect flow run; the benchmarks run without a Prefect server).
PHASES: tuple[tuple[str, str, str, str], ...] = (
    ("{format} read", "flows.process", "read_bounded", "call"),
    ("parse", "flows.process", "parse_goal_tables", "call"),
    ("normalize", "flows.process", "normalize", "call"),
    ("wait for processing", "flows.ingest", "run_ingest", "mapper"),
    ("wait for processing", "flows.run", "run_ingest", "mapper"),
    ("wait for processing", "flows.tasks", "run_ingest", "mapper"),
    ("checking", "flows.run", "checked", "call"),
    ("checking", "expectations", "validate_many", "call"),
    ("DuckDB load", "warehouse", "record_document", "call"),  # one document a transaction (before)
    ("DuckDB load", "warehouse", "record_documents", "call"),  # one checked batch a transaction
    ("recompute", "flows.run", "refresh_identity", "call"),
    ("Data Docs", "flows.run", "_data_docs", "call"),
)
SHOWN = ("XLSX read", "PDF read", "DOCX read", "parse", "normalize", "wait for processing", "checking",
         "DuckDB load", "recompute", "Data Docs")
SAMPLE_S = 0.2  # how often the parent samples the child's process tree


# --------------------------------------------------------------------------- the child


class Timer:
    """Exclusive time per (phase, main thread or not): a span's time less the spans nested in it on its thread."""

    def __init__(self) -> None:
        import threading

        self.threading, self.local, self.lock = threading, threading.local(), threading.Lock()
        self.totals: dict[str, list[float]] = {}  # "phase|main" or "phase|side" → [seconds, calls]

    def span(self, phase: str) -> Any:
        from contextlib import contextmanager

        @contextmanager
        def block() -> Any:
            stack = self.local.__dict__.setdefault("stack", [])
            stack.append(0.0)
            start = time.perf_counter()
            try:
                yield
            finally:
                elapsed = time.perf_counter() - start
                nested = stack.pop()
                if stack:
                    stack[-1] += elapsed
                where = "main" if self.threading.current_thread() is self.threading.main_thread() else "side"
                with self.lock:
                    total = self.totals.setdefault(f"{phase}|{where}", [0.0, 0])
                    total[0] += elapsed - nested
                    total[1] += 1

        return block()


def _timed(timer: Timer, phase: str, fn: Any) -> Any:
    import functools
    import inspect

    def phase_of(args: tuple, kwargs: dict) -> str:
        if "{format}" not in phase:
            return phase
        path = args[0] if args else kwargs.get("path", "")
        return phase.format(format=Path(str(path)).suffix.lstrip(".").upper() or "?")

    if inspect.isgeneratorfunction(fn):
        @functools.wraps(fn)
        def steps(*args: Any, **kwargs: Any) -> Any:
            inner = fn(*args, **kwargs)
            try:
                while True:
                    with timer.span(phase_of(args, kwargs)):
                        try:
                            item = next(inner)
                        except StopIteration as stop:
                            return stop.value
                    yield item
            finally:
                inner.close()
        return steps

    @functools.wraps(fn)
    def call(*args: Any, **kwargs: Any) -> Any:
        with timer.span(phase_of(args, kwargs)):
            return fn(*args, **kwargs)
    return call


def _taking_mapper(timer: Timer, phase: str, fn: Any, arrived: list[float]) -> Any:
    """``fn`` (a run body taking ``mapper``) with its mapper's outcomes timed and their arrivals noted."""
    import functools
    import inspect

    signature = inspect.signature(fn)

    def wrap(mapper: Any) -> Any:
        def mapped(jobs: Any) -> Any:
            outcomes = iter(mapper(jobs))
            while True:
                with timer.span(phase):
                    try:
                        outcome = next(outcomes)
                    except StopIteration:
                        return
                arrived.append(time.perf_counter())
                yield outcome
        return mapped

    @functools.wraps(fn)
    def call(*args: Any, **kwargs: Any) -> Any:
        bound = signature.bind(*args, **kwargs)
        bound.apply_defaults()
        bound.arguments["mapper"] = wrap(bound.arguments["mapper"])
        return fn(*bound.args, **bound.kwargs)
    return call


def _patch(timer: Timer, arrived: list[float]) -> list[str]:
    """Wrap every name of ``PHASES`` the tree has; the missing ones, as ``module.name``."""
    import importlib

    missing = []
    for phase, module_name, name, how in PHASES:
        if module_name == "flows.tasks" and module_name not in sys.modules:
            continue
        try:
            module = importlib.import_module(module_name)
            fn = getattr(module, name)
        except (ImportError, AttributeError):
            missing.append(f"{module_name}.{name}")
            continue
        setattr(module, name, _timed(timer, phase, fn) if how == "call" else _taking_mapper(timer, phase, fn, arrived))
    return missing


def child(args: dict) -> None:
    """Run one ingest as ``args`` say, phases timed, and print the result as one JSON line after ``MARK``."""
    import resource
    from collections import Counter

    t0 = time.perf_counter()
    sys.path.insert(0, args["tree"])
    import flows.ingest
    from flows.settings import IngestSettings

    timer, arrived = Timer(), []
    missing = _patch(timer, arrived)
    settings = IngestSettings([args["folder"]], args["db"], workers=args["workers"])
    mode = type(flows.ingest.choose_mode(settings)).__name__ if hasattr(flows.ingest, "choose_mode") else "?"
    started = time.perf_counter()
    info = flows.ingest.ingest(settings)
    ended = time.perf_counter()
    mb = lambda who: resource.getrusage(who).ru_maxrss / 1024  # noqa: E731
    processed = [o for o in info.outcomes if str(o.status) not in ("unchanged", "duplicate")]
    print(MARK + json.dumps({
        "seconds": ended - started, "import_s": started - t0, "mode": mode, "counts": info.counts,
        "docs": len(info.outcomes), "tables": sum(o.n_tables for o in info.outcomes),
        "by_format": Counter(o.job.format for o in processed), "processed": len(processed),
        "failed": [f"{o.job.path}: {o.error}" for o in info.failed],
        "first_s": arrived[0] - started if arrived else None, "tail_s": ended - arrived[-1] if arrived else None,
        "steady": (len(arrived) - 1) / (arrived[-1] - arrived[0]) if len(arrived) > 1 else None,
        "phases": timer.totals, "missing": missing,
        "self_mb": mb(resource.RUSAGE_SELF), "child_mb": mb(resource.RUSAGE_CHILDREN)}), flush=True)


# --------------------------------------------------------------------------- the parent


def ingest(side: Side, folder: Path, db: Path, workers: int, log: Path, label: str) -> dict:
    """One ingest of ``folder`` into ``db`` in a fresh child process of ``side``, its process tree's PSS sampled."""
    import subprocess

    import psutil

    arg = json.dumps({"tree": str(side.tree), "folder": str(folder), "db": str(db), "workers": workers})
    print(f"  {label} …", end="", flush=True)
    tree, out_file = 0, log.with_suffix(".out")
    with log.open("w") as err, out_file.open("w") as out:  # files, not pipes: nothing blocks on a full pipe
        proc = subprocess.Popen([sys.executable, "-c", Path(__file__).read_text(), arg], cwd=side.tree,
                                env=side.env, stdout=out, stderr=err)
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
            time.sleep(SAMPLE_S)
        proc.wait()
    lines = [line for line in out_file.read_text().splitlines() if line.startswith(MARK)]
    if proc.returncode or not lines:
        sys.exit(f"\n{label}: the ingest child exited with {proc.returncode}; see {log}:\n" + log.read_text()[-3000:])
    result = json.loads(lines[-1][len(MARK):])
    result.update(label=label, side=side.name, tree_mb=tree / 2**20)
    print(f" {result['seconds']:.1f} s ({result['mode']})", flush=True)
    return result


def _rows(result: dict) -> dict[str, tuple[float, bool] | None]:
    """phase → (seconds, off the main thread), None for a phase whose names the tree lacks."""
    present = {phase for phase, module, name, _ in PHASES if f"{module}.{name}" not in result["missing"]}
    rows: dict[str, tuple[float, bool] | None] = {}
    for key, (seconds, _calls) in result["phases"].items():
        phase, where = key.rsplit("|", 1)
        before = rows.get(phase) or (0.0, False)
        rows[phase] = (before[0] + seconds, before[1] or where == "side")
    for phase in SHOWN:
        if phase not in rows:
            wrapped = "{format} read" if phase.endswith(" read") else phase
            rows[phase] = (0.0, False) if wrapped in present else None
    main = sum(s for key, (s, _) in result["phases"].items() if key.endswith("|main"))
    rows["other"] = (result["seconds"] - main, False)
    return rows


def phase_table(results: list[dict]) -> str:
    """The phases side by side: share of wall and ms per document (a format's reads: per file of that format)."""
    def cell(row: tuple[float, bool] | None, result: dict, phase: str) -> str:
        if row is None:
            return f"{'n/a':>18}"
        seconds, side = row
        n = result["by_format"].get(phase.split()[0].lower(), 0) if phase.endswith(" read") else result["processed"]
        per = f"{seconds * 1000 / n:8.1f}" if n else f"{'-':>8}"
        return f"{seconds / result['seconds']:>7.1%}{'∥' if side else ' '}{per}  "

    rows = [_rows(r) for r in results]
    head = f"{'phase':<22}" + "".join(f"{r['side'] + ': share  ms/doc':>20}" for r in results)
    out = [head, "-" * len(head)]
    order = list(SHOWN) + sorted({p for row in rows for p in row} - {*SHOWN, "other"}) + ["other"]
    for phase in order:
        out.append(f"{phase:<22}" + "".join(f"{cell(row.get(phase), r, phase):>20}" for row, r in zip(rows, results)))
    out.append(f"{'wall':<22}" + "".join(f"{r['seconds']:>10.1f} s {r['seconds'] * 1000 / max(r['processed'], 1):>6.0f}  "
                                        for r in results))
    for r in results:
        if r["missing"]:
            print(f"  {r['side']}: not in its tree: {', '.join(r['missing'])}")
    return "\n".join(out)


def main() -> int:
    import argparse
    import tempfile

    from sides import BASELINE, baseline, corpus, new_side

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--units", type=int, default=500)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--against", default=BASELINE, help="the baseline commit (default: before issue 16)")
    args = parser.parse_args()
    folder, summary = corpus(args.units, args.seed)
    print(f"corpus: {summary['units']} units, files {summary['files']}, 1 process each side")
    with baseline(args.against) as (old, _), tempfile.TemporaryDirectory(prefix="perfgoals-phases-") as tmp:
        results = [ingest(side, folder, Path(tmp) / f"{side.name}.duckdb", 1, Path(tmp) / f"{side.name}.log",
                          f"{side.name} ({side.note})") for side in (old, new_side())]
    print(phase_table(results))
    print("∥: off the run's main thread, overlapping the rows without it")
    return 0


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1].startswith("{"):  # the child: this source run with python -c
        child(json.loads(sys.argv[1]))
    else:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        sys.exit(main())
