"""Adding one file to a bureau's warehouse: ``perfgoals ingest <folder>`` wall time, old tree beside new.

    .venv/bin/python benchmarks/add_one.py [--units 500] [--seed 0] [--repeat 3] [--against REV]

A copy of make_bureau.py's corpus is ingested once per side with 1 process
(``phases.ingest``, not timed here) into that side's warehouse; then one
more DOCX unit (make_bureau.py's, another seed) is put in the folder, and
``perfgoals ingest <folder> --db <copy>`` is timed as a subprocess, the
whole command, best of ``--repeat``, each time on a fresh copy of the side's
warehouse (so every run hashes the corpus, finds the one new file, reads,
checks and loads it, recomputes families and units over the warehouse and
writes the run's Data Docs). The new side runs the installed console
script, a baseline the same entry point (``perfgoals.cli:app``) from its
tree (``sides.Side.cli``). The relations whose row count the run changed
are printed, to show each side added the same rows.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sides import Side


def add_one(side: Side, warehouse: Path, folder: Path, repeat: int, log: Path) -> dict:
    """Best-of-``repeat`` wall time of ``perfgoals ingest folder`` from ``side`` on fresh copies of ``warehouse``.

    A run counts only when it exits 0 having added exactly one document: a tree caught half-edited (an
    ImportError) or a file that failed would otherwise be the fastest run.
    """
    from sides import relation_counts

    before = relation_counts(warehouse)
    print(f"  add one, {side.name} …", end="", flush=True)
    runs = []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory(prefix="perfgoals-add-one-") as tmp:
            db = Path(tmp) / "warehouse.duckdb"
            shutil.copyfile(warehouse, db)
            with log.open("a") as err:
                started = time.perf_counter()
                run = subprocess.run(side.cli("ingest", str(folder), "--db", str(db)), cwd=tmp, env=side.env,
                                     stdout=subprocess.DEVNULL, stderr=err)
                seconds = time.perf_counter() - started
            after = relation_counts(db)
            added = {name: f"{after.get(name)} (was {before.get(name)})" for name in after
                     if after.get(name) != before.get(name)}
            grew = isinstance(after.get("documents"), int) and after["documents"] == before.get("documents", 0) + 1
            runs.append({"seconds": seconds, "exit": run.returncode, "added": added,
                         "valid": run.returncode == 0 and grew})
    print(" " + ", ".join(f"{r['seconds']:.1f}{'' if r['valid'] else '!'}" for r in runs) + " s", flush=True)
    valid = [r for r in runs if r["valid"]]
    return {"side": side.name, "note": side.note, "best": min((r["seconds"] for r in valid), default=None),
            "times": [r["seconds"] for r in runs], "exit": [r["exit"] for r in runs],
            "valid": [r["valid"] for r in runs], "added": valid[0]["added"] if valid else None}


def ratio(result: dict, new: dict) -> str:
    """``result``'s best over ``new``'s, or why there is none."""
    if result["best"] is None or new["best"] is None:
        return "n/a (no valid run)"
    return f"{result['best'] / new['best']:.2f}x"


def add_one_table(results: list[dict]) -> str:
    """One line a side: best and every wall time (``!``: not counted), exit statuses, and the ratio to new."""
    new = next((r for r in results if r["side"] == "new"), results[0])
    head = f"{'side':<10}{'best s':>8}{'x new':>8}   {'runs s':<24}{'exit':<10}what"
    out = [head, "-" * (len(head) + 30)]
    for r in results:
        runs = ", ".join(f"{t:.1f}{'' if ok else '!'}" for t, ok in zip(r["times"], r["valid"]))
        best = f"{r['best']:>8.1f}" if r["best"] is not None else f"{'-':>8}"
        x = f"{r['best'] / new['best']:>8.2f}" if r["best"] is not None and new["best"] else f"{'-':>8}"
        out.append(f"{r['side']:<10}{best}{x}   {runs:<24}{','.join(map(str, r['exit'])):<10}{r['note']}")
    if not all(ok for r in results for ok in r["valid"]):
        out.append("!: not counted (exit status not 0, or not exactly one document added; see the log)")
    return "\n".join(out)


def same_rows_added(results: list[dict]) -> str:
    """Whether each side's valid runs changed the same relations by the same counts, and how, for the report."""
    firsts = {r["side"]: r["added"] for r in results}
    new = firsts.get("new")
    lines = [f"added by new: {', '.join(f'{k} {v}' for k, v in sorted(new.items())) if new else 'no valid run'}"]
    for side, added in firsts.items():
        if side != "new":
            same = "no valid run" if added is None or new is None else \
                "same counts" if added == new else "DIFFERENT: " + str(sorted(added.items()))
            lines.append(f"{side}: {same}")
    return "\n".join(lines)


def main() -> int:
    import argparse

    from phases import ingest
    from sides import BASELINE, baseline, corpus, extra_unit, new_side

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--units", type=int, default=500)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--against", default=BASELINE, help="the baseline commit (default: before issue 16)")
    args = parser.parse_args()
    source, summary = corpus(args.units, args.seed)
    with baseline(args.against) as (old, old_pyc), tempfile.TemporaryDirectory(prefix="perfgoals-add-") as tmp:
        work = Path(tmp)
        folder = work / "corpus"
        shutil.copytree(source, folder)
        sides = (new_side(), old, old_pyc)
        built = {}
        print(f"building a {summary['units']}-unit warehouse per tree (not timed):")
        for side in sides[:2]:  # old+pyc adds to old's warehouse: the same code built it
            built[side.tree] = work / f"{side.name}.duckdb"
            ingest(side, folder, built[side.tree], 1, work / f"{side.name}.log", side.name)
        extra = extra_unit(folder, args.seed)
        print(f"the new file: {extra.name}")
        results = [add_one(side, built[side.tree], folder, args.repeat, work / f"add-{side.name}.log")
                   for side in sides]
    print(add_one_table(results))
    print(same_rows_added(results))
    for r in results[1:]:
        print(f"adding one file, new vs {r['side']}: {ratio(r, results[0])} faster")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    sys.exit(main())
