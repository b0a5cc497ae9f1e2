"""What the issue-16 benchmarks compare: this checkout ("new") and a baseline commit ("old"), on one corpus.

The baseline is checked out into a temporary ``git worktree --detach`` and
run with this venv (its packages first on ``PYTHONPATH``), two ways:

* ``old``: as it ran before issue 16, without compiled bytecode (the install
  did not compile it, and ``PYTHONDONTWRITEBYTECODE=1``): with
  ``PYTHONPYCACHEPREFIX`` set to an empty directory Python ignores every
  ``__pycache__`` (the venv's compiled site-packages included) and compiles
  each module from source in every process it starts;
* ``old+pyc``: the same code with bytecode: the worktree compiled with
  ``compileall`` and the venv's compiled packages used, the baseline that
  the compiled install alone gives.

Every side runs without ``PREFECT_API_URL`` (empty: no Prefect server), so
``--workers 2`` takes the local Dask path on both.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BASELINE = "e9034003da734dd9539a72547efe3a7978d1cf9b"  # the commit before issue 16
PACKAGES = ("core", "expectations", "extract", "flows", "perfgoals", "transform", "warehouse")
# The CLI's console script (pyproject's [project.scripts]: perfgoals = "perfgoals.cli:app") run from a tree.
CLI = ("import sys; sys.path.insert(0, {tree!r}); from perfgoals.cli import app; "
       "sys.argv = ['perfgoals', *sys.argv[1:]]; sys.exit(app())")


@dataclass(frozen=True)
class Side:
    """One tree and the environment its processes run in."""

    name: str
    tree: Path
    env: dict[str, str] = field(hash=False)
    note: str = ""

    def cli(self, *args: str) -> list[str]:
        """The command line of ``perfgoals ARGS`` from this side: the installed console script for this checkout,
        the same entry point (``perfgoals.cli:app``) imported from the tree for a baseline."""
        if self.tree == ROOT:
            return [str(Path(sys.executable).parent / "perfgoals"), *args]
        return [sys.executable, "-c", CLI.format(tree=str(self.tree)), *args]


def checkout_state() -> str:
    """This checkout's commit and how many tracked files differ from it: the "new" side is whatever the tree
    holds while the benchmark runs, and others may be editing it."""
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT, capture_output=True,
                           text=True)
    return f"HEAD {head.stdout.strip()}, {len(dirty.stdout.splitlines())} tracked files modified"


def _env(tree: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPYCACHEPREFIX", "PYTHONPATH")}
    env.update(PREFECT_API_URL="", PYTHONPATH=str(tree), **extra)
    return env


def new_side() -> Side:
    """This checkout as it is now, with whatever bytecode the install compiled."""
    return Side("new", ROOT, _env(ROOT), "this checkout")


@contextmanager
def baseline(rev: str = BASELINE) -> Iterator[tuple[Side, Side]]:
    """(old without bytecode, old with bytecode) at ``rev``, in a worktree removed when the block ends."""
    with tempfile.TemporaryDirectory(prefix="perfgoals-baseline-") as tmp:
        tree, no_cache = Path(tmp) / "tree", Path(tmp) / "no-pycache"
        no_cache.mkdir()
        subprocess.run(["git", "worktree", "add", "--detach", str(tree), rev], cwd=ROOT, check=True,
                       capture_output=True)
        try:
            subprocess.run([sys.executable, "-m", "compileall", "-q", "-j", "0",
                            *(str(tree / p) for p in PACKAGES if (tree / p).is_dir())],
                           env=_env(tree), check=True, capture_output=True)
            short = rev[:8]
            yield (Side("old", tree, _env(tree, PYTHONPYCACHEPREFIX=str(no_cache), PYTHONDONTWRITEBYTECODE="1"),
                        f"{short}, no bytecode (as it ran)"),
                   Side("old+pyc", tree, _env(tree), f"{short}, compiled bytecode"))
            if any(no_cache.iterdir()):  # would mean the "no bytecode" side read bytecode after all
                print(f"! {no_cache} is not empty: the 'old' side wrote bytecode", file=sys.stderr)
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=ROOT, capture_output=True)


def corpus(units: int, seed: int) -> tuple[Path, dict]:
    """make_bureau.py's corpus folder and its summary, generated unless a complete copy is cached in /tmp."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from make_bureau import make_bureau

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


def extra_unit(out_dir: Path, seed: int) -> Path:
    """One more DOCX unit, as make_bureau.py writes them (a 1-unit corpus of another seed), into ``out_dir``."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from make_bureau import make_bureau

    with tempfile.TemporaryDirectory() as tmp:
        make_bureau(Path(tmp), 1, seed + 1)
        (made,) = Path(tmp).iterdir()
        return Path(shutil.copy(made, out_dir / f"extra_{made.name}"))


def relation_counts(db: Path) -> dict[str, int | str]:
    """``count(*)`` of every table and view of the warehouse ``db`` (an error's name where a view fails)."""
    import duckdb

    out: dict[str, int | str] = {}
    with duckdb.connect(str(db), read_only=True) as con:
        names = [r[0] for r in con.execute("SELECT table_name FROM information_schema.tables "
                                           "WHERE table_schema = 'main' ORDER BY table_name").fetchall()]
        for name in names:
            try:
                out[name] = con.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
            except duckdb.Error as exc:
                out[name] = type(exc).__name__
    return out


def compare_counts(new: dict[str, int | str], old: dict[str, int | str]) -> tuple[bool, list[str]]:
    """Whether every relation of both warehouses has the same row count, and a line for each that does not."""
    lines = [f"{name}: new {new.get(name, 'absent')}, old {old.get(name, 'absent')}"
             for name in sorted(new.keys() | old.keys()) if new.get(name) != old.get(name)]
    return not lines, lines
