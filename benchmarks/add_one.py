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
    """Best-of-``repeat`` wall time of ``perfgoals ingest folder`` from ``side`` on fresh copies of ``warehouse``."""
    from sides import relation_counts

    before = relation_counts(warehouse)
    print(f"  add one, {side.name} …", end="", flush=True)
    times, codes, added = [], [], {}
    for _ in range(repeat):
        with tempfile.TemporaryDirectory(prefix="perfgoals-add-one-") as tmp:
            db = Path(tmp) / "warehouse.duckdb"
            shutil.copyfile(warehouse, db)
            with log.open("a") as err:
                started = time.perf_counter()
                run = subprocess.run(side.cli("ingest", str(folder), "--db", str(db)), cwd=tmp, env=side.env,
                                     stdout=subprocess.DEVNULL, stderr=err)
                times.append(time.perf_counter() - started)
            codes.append(run.returncode)
            after = relation_counts(db)
            added = {name: f"{after.get(name)} (was {before.get(name)})" for name in after
                     if after.get(name) != before.get(name)}
    print(" " + ", ".join(f"{t:.1f}" for t in times) + " s", flush=True)
    return {"side": side.name, "note": side.note, "best": min(times), "times": times, "exit": codes, "added": added}


def add_one_table(results: list[dict]) -> str:
    """One line a side: best and every wall time, exit statuses, and the ratio to the new side."""
    new = next((r for r in results if r["side"] == "new"), results[0])
    head = f"{'side':<10}{'best s':>8}{'x new':>7}   {'runs s':<22}{'exit':<10}what"
    out = [head, "-" * (len(head) + 30)]
    for r in results:
        runs = ", ".join(f"{t:.1f}" for t in r["times"])
        out.append(f"{r['side']:<10}{r['best']:>8.1f}{r['best'] / new['best']:>7.2f}   {runs:<22}"
                   f"{','.join(map(str, r['exit'])):<10}{r['note']}")
    return "\n".join(out)


def same_rows_added(results: list[dict]) -> str:
    """Whether each side's run changed the same relations by the same counts, and how, for the report."""
    firsts = {r["side"]: r["added"] for r in results}
    new = firsts.get("new", {})
    lines = [f"added by new: {', '.join(f'{k} {v}' for k, v in sorted(new.items())) or 'nothing'}"]
    for side, added in firsts.items():
        if side != "new":
            lines.append(f"{side}: {'same counts' if added == new else 'DIFFERENT: ' + str(sorted(added.items()))}")
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
    old_r = next(r for r in results if r["side"] == "old")
    print(f"adding one file: new {results[0]['best']:.1f} s, old {old_r['best']:.1f} s: "
          f"{old_r['best'] / results[0]['best']:.2f}x faster")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    sys.exit(main())
