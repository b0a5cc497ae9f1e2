"""How well indicator families match the truth of a generated corpus: pairwise precision and recall.

``.venv/bin/python tests/score_families.py [N_UNITS] [SEED]`` writes the corpus of
``tests/family_corpus.py`` (30 courts by default) into a temporary folder,
ingests it into a new DuckDB file, and compares the warehouse's families
with the generator's: over every pair of indicator rows, *precision* is the
share of pairs put in one family that truly are one, *recall* the share of
true pairs put in one family. It prints both, and the wordings wrongly
joined or left apart.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parents[1]))

from family_corpus import TruthRow, make_corpus  # noqa: E402


@dataclass(frozen=True)
class Score:
    """Pairwise agreement of predicted families with true ones, and the wordings behind the errors."""

    precision: float
    recall: float
    n_rows: int
    n_true: int
    n_predicted: int
    wrongly_joined: tuple[tuple[str, str], ...]  # wordings put in one family that are different indicators
    wrongly_apart: tuple[tuple[str, str], ...]  # wordings of one indicator put in different families


def _pairs(labels: list[str]) -> Counter[str]:
    return Counter(labels)


def _same_pairs(groups: Counter[str]) -> int:
    return sum(n * (n - 1) // 2 for n in groups.values())


def score(rows: list[tuple[str, str, str]]) -> Score:
    """``rows``: (wording, true family, predicted family) for every indicator row."""
    true_pairs = _same_pairs(Counter(t for _, t, _ in rows))
    predicted_pairs = _same_pairs(Counter(p for _, _, p in rows))
    both = _same_pairs(Counter((t, p) for _, t, p in rows))
    wordings = sorted({(w, t, p) for w, t, p in rows})
    joined = tuple(sorted({(a, b) for (a, ta, pa), (b, tb, pb) in combinations(wordings, 2) if pa == pb and ta != tb}))
    apart = tuple(sorted({(a, b) for (a, ta, pa), (b, tb, pb) in combinations(wordings, 2) if ta == tb and pa != pb}))
    return Score(both / predicted_pairs if predicted_pairs else 1.0, both / true_pairs if true_pairs else 1.0,
                 len(rows), len({t for _, t, _ in rows}), len({p for _, _, p in rows}), joined, apart)


def predicted(db: Path, truth: list[TruthRow]) -> list[tuple[str, str, str]]:
    """(wording, true family, predicted family) for every truth row, read from the warehouse at ``db``."""
    import duckdb

    with duckdb.connect(str(db), read_only=True) as con:
        found = {(Path(path).name, seq, row_no): family for path, seq, row_no, family in con.execute("""
            SELECT d.path, g.seq, c.row_no, c.family_name
            FROM cross_unit c JOIN goal_tables g USING (table_id) JOIN documents d USING (doc_id)""").fetchall()}
    return [(t.level3, t.family, found.get((t.file, t.table_seq, t.row_no), "<missing>")) for t in truth]


def run(n_units: int = 30, seed: int = 0) -> Score:
    """Generate, ingest and score one corpus in a temporary folder."""
    from flows.run import run_ingest
    from flows.settings import IngestSettings

    with tempfile.TemporaryDirectory(prefix="perfgoals-families-") as tmp:
        folder, db = Path(tmp) / "corpus", Path(tmp) / "w.duckdb"
        truth = make_corpus(folder, seed=seed, n_units=n_units)
        run_ingest(IngestSettings([str(folder)], db))
        return score(predicted(db, truth))


def main(argv: list[str]) -> int:
    n_units = int(argv[1]) if len(argv) > 1 else 30
    seed = int(argv[2]) if len(argv) > 2 else 0
    start = time.perf_counter()
    s = run(n_units, seed)
    print(f"{n_units} units, seed {seed}: {s.n_rows} indicator rows, {s.n_true} true families,"
          f" {s.n_predicted} found ({time.perf_counter() - start:.1f} s)")
    print(f"pairwise precision {s.precision:.3f}   recall {s.recall:.3f}")
    for title, pairs in (("joined but different:", s.wrongly_joined), ("one indicator, kept apart:", s.wrongly_apart)):
        print(title, "none" if not pairs else "")
        for a, b in pairs:
            print(f"  {a}  /  {b}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
