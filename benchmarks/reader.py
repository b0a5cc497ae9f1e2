"""Time to read one document (extract and parse its goal tables), this checkout against an earlier commit, in one run.

    .venv/bin/python benchmarks/reader.py [--against REV] [--repeat 5] [FILE ...]

The baseline is the same reader at ``--against`` (default ``HEAD~1``),
checked out into a temporary git worktree; each side runs in its own
process, the two alternating, and for each file the best of ``--repeat``
reads is kept. Default files: the real goal tables and real budgets in
``tests/data/``, the seed samples and the generated long budget PDFs. A
side that fails on a file (a document it refuses) is timed up to the error.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# One side: import the reader from the tree on argv[1], then time each file (argv[3:]) argv[2] times.
TIMER = """
import json, sys, time
sys.path.insert(0, sys.argv[1])
import extract
from transform.layout import parse_goal_tables
out = {}
for path in sys.argv[3:]:
    best, tables = float("inf"), None
    for _ in range(int(sys.argv[2])):
        started = time.perf_counter()
        try:
            tables = len(parse_goal_tables(extract.read_document(path)))
        except Exception as exc:
            tables = type(exc).__name__
        best = min(best, time.perf_counter() - started)
    out[path] = (best, tables)
print(json.dumps(out))
"""


def default_files() -> list[Path]:
    data = ROOT / "tests" / "data"
    return (sorted((data / "real-goal-tables").glob("*.[px][dl]*")) + sorted((data / "real").glob("*.pdf"))
            + sorted((ROOT / "samples").glob("*.[pd][do]*")) + sorted((ROOT / "benchmarks" / "data").glob("*.pdf")))


def _side(tree: Path, repeat: int, files: list[Path]) -> dict[str, tuple[float, object]]:
    run = subprocess.run([sys.executable, "-c", TIMER, str(tree), str(repeat), *map(str, files)],
                         check=True, capture_output=True, text=True, cwd=tree)
    return json.loads(run.stdout.splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--against", default="HEAD~1", help="the commit to compare with (default HEAD~1)")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    files = args.files or default_files()
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "baseline"
        subprocess.run(["git", "worktree", "add", "--detach", str(base), args.against], cwd=ROOT, check=True,
                       capture_output=True)
        try:
            runs = [(_side(base, args.repeat, files), _side(ROOT, args.repeat, files)) for _ in range(2)]
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(base)], cwd=ROOT, capture_output=True)
    print(f"{'file':52} {'baseline':>10} {'now':>10} {'ratio':>7}   tables (baseline → now)")
    total_base = total_now = 0.0
    for path in map(str, files):
        b = min(run[0][path][0] for run in runs)
        n = min(run[1][path][0] for run in runs)
        total_base, total_now = total_base + b, total_now + n
        print(f"{Path(path).name[:52]:52} {b * 1000:8.1f}ms {n * 1000:8.1f}ms {n / b:6.2f}x   "
              f"{runs[0][0][path][1]} → {runs[0][1][path][1]}")
    print(f"{'all':52} {total_base * 1000:8.1f}ms {total_now * 1000:8.1f}ms {total_now / total_base:6.2f}x")


if __name__ == "__main__":
    main()
