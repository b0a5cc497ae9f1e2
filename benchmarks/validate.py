"""How long checking 100,000 indicator rows takes, how much memory it needs, and great-expectations' share.

    .venv/bin/python benchmarks/validate.py [--rows 100000]

The rows are the seed document (4 goal tables, 40 rows, 3 defects)
repeated as many documents as it takes. In the same run, each in a fresh
child process (so peak memory is its own):

* ``baseline``: frames built and GX imported, nothing validated (memory floor);
* ``per document``: ``validate`` once per document, as perfgoals did before
  batching, on the first 200 documents, extrapolated to all rows;
* ``batched``: ``validate_many`` in batches of ``flows.check.BATCH_DOCUMENTS``
  documents, what an ingest does now;
* ``one batch``: every document in one ``validate_many`` call.

For ``batched`` it also splits the time into computing facts (polars), GX's
validation, and writing the messages, and prints GX's share. Ratios are
against ``per document``.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PER_DOCUMENT_SAMPLE = 200


def _documents(n_rows: int) -> list[tuple]:
    import extract
    from transform.layout import parse_goal_tables
    from transform.normalize import normalize

    doc = extract.read_document(ROOT / "samples" / "jizhou_court_2023.docx")
    frames = normalize(parse_goal_tables(doc), path=doc.path)
    n_docs = -(-n_rows // frames.indicators.height)
    return [(frames.goal_tables, frames.indicators)] * n_docs


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _run(mode: str, n_rows: int, conn) -> None:
    from expectations import load_catalog, validate, validate_many
    from expectations.validate import gx_context
    from flows.check import BATCH_DOCUMENTS

    docs = _documents(n_rows)
    catalog = load_catalog()
    gx_context()
    validate(*docs[0], catalog)  # build the suites once, outside the timing
    rows = sum(d[1].height for d in docs)
    start = time.perf_counter()
    issues = 0
    if mode == "per document":
        sample = docs[:PER_DOCUMENT_SAMPLE]
        issues = sum(validate(gt, ind, catalog).height for gt, ind in sample)
        seconds = (time.perf_counter() - start) * len(docs) / len(sample)
        issues = issues * len(docs) // len(sample)
    elif mode == "batched":
        for i in range(0, len(docs), BATCH_DOCUMENTS):
            issues += sum(f.height for f in validate_many(docs[i:i + BATCH_DOCUMENTS], catalog))
        seconds = time.perf_counter() - start
    elif mode == "one batch":
        issues = sum(f.height for f in validate_many(docs, catalog))
        seconds = time.perf_counter() - start
    else:
        seconds = 0.0
    conn.send((rows, len(docs), seconds, issues, _peak_mb()))


def _split(n_rows: int) -> tuple[float, float, float]:
    """(facts, GX, rest) seconds of the batched mode, measured step by step in this process."""
    import polars as pl

    from expectations import load_catalog, rules_of
    from expectations.validate import RESULT_FORMAT, checked_columns, facts_of, suite_of
    from flows.check import BATCH_DOCUMENTS

    docs = _documents(n_rows)
    catalog = load_catalog()
    rules = rules_of(catalog)
    facts_s = gx_s = 0.0
    for i in range(0, len(docs), BATCH_DOCUMENTS):
        t = time.perf_counter()
        per_doc = [facts_of(gt, ind, catalog) for gt, ind in docs[i:i + BATCH_DOCUMENTS]]
        frames = {lv: pl.concat([f[lv] for f in per_doc]).select(checked_columns(lv, rules)).to_pandas()
                  for lv in ("table", "row")}
        facts_s += time.perf_counter() - t
        t = time.perf_counter()
        for level, frame in frames.items():
            batch_definition, suite = suite_of(level, rules)
            batch_definition.get_batch(batch_parameters={"dataframe": frame}).validate(
                suite, result_format=RESULT_FORMAT)
        gx_s += time.perf_counter() - t
    return facts_s, gx_s, 0.0


def _child(mode: str, n_rows: int) -> tuple:
    parent, child = mp.Pipe()
    proc = mp.get_context("fork").Process(target=_run, args=(mode, n_rows, child))
    proc.start()
    result = parent.recv()
    proc.join()
    return result


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args(argv[1:])
    from expectations.validate import gx_context

    gx_context()  # imported once in the parent: children fork with GX loaded, as a long run has it
    results = {mode: _child(mode, args.rows) for mode in ("baseline", "per document", "batched", "one batch")}
    base_mb = results["baseline"][4]
    reference = results["per document"][2]
    print(f"{'mode':<14}{'rows':>9}{'docs':>7}{'seconds':>10}{'rows/s':>10}{'issues':>8}{'peak MB':>9}"
          f"{'+MB':>7}{'speed-up':>10}")
    for mode, (rows, docs, seconds, issues, peak) in results.items():
        rate = f"{rows / seconds:,.0f}" if seconds else "-"
        ratio = f"{reference / seconds:.1f}x" if seconds else "-"
        print(f"{mode:<14}{rows:>9,}{docs:>7,}{seconds:>10.2f}{rate:>10}{issues:>8,}{peak:>9.0f}"
              f"{peak - base_mb:>7.0f}{ratio:>10}")
    facts_s, gx_s, _ = _split(args.rows)
    total = results["batched"][2]
    rest = max(total - facts_s - gx_s, 0.0)
    print(f"\nbatched, split: facts (polars, to pandas) {facts_s:.2f} s, GX validation {gx_s:.2f} s,"
          f" messages and the rest {rest:.2f} s; GX's share {gx_s / total:.0%} of {total:.2f} s")
    print("per document is extrapolated from its first", PER_DOCUMENT_SAMPLE, "documents")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
