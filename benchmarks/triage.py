"""How much faster reading a long budget PDF gets when only the pages that can hold a goal table are read.

    .venv/bin/python benchmarks/triage.py [--repeat 3] [FILE ...]

For each PDF (default: the real budgets in ``tests/data/real/`` and the
generated ones in ``benchmarks/data/``, see ``make_budget_pdfs.py``), in
the same run: ``read_pdf(path, all_pages=True)`` (pdfplumber's table finder
on every page) against ``read_pdf(path)`` (the pypdfium2 text triage of
``extract/triage.py``, then the table finder on the pages it picks). Each
is timed ``--repeat`` times, alternately, and the best time kept; pages/s
is the file's page count over that time, for both, overall as total pages
over total time. Then it checks that the triaged read is the full read of
the pages it read, block for block and row for row (cell texts, boxes,
refs), that no page it skipped has a table row the full read found a
goal-table marker in, and (when ``transform`` imports) that both give the
same goal tables. Exit status 1 if any check fails.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extract import triage  # noqa: E402
from extract.pdf import read_pdf, read_pdf_pages  # noqa: E402
from extract.records import RawDocument, RawTable  # noqa: E402

TARGET = 5.0  # the triaged read should be at least this many times faster per page, overall


def default_files() -> list[Path]:
    return sorted((ROOT / "tests" / "data" / "real").glob("*.pdf")) + sorted((ROOT / "benchmarks" / "data").glob("*.pdf"))


def timed(path: Path, all_pages: bool) -> tuple[float, RawDocument, list[int]]:
    started = time.perf_counter()
    doc, pages = read_pdf_pages(path, all_pages=all_pages)
    return time.perf_counter() - started, doc, pages


def comparable(doc: RawDocument, pages: set[int] | None = None) -> list[tuple]:
    """The blocks as (kind, page, rows or text, ref), table numbering left out (it counts the tables read)."""
    out = []
    for block in doc.blocks:
        if pages is not None and block.page not in pages:
            continue
        if isinstance(block, RawTable):
            out.append(("table", block.page, block.rows))
        else:
            out.append(("text", block.page, block.text, block.ref))
    return out


def marked_skipped_rows(full: RawDocument, read: set[int]) -> list[str]:
    """Refs of table rows on skipped pages whose cells hold a goal-table marker (there should be none)."""
    return [row.ref for table in full.tables if table.page not in read for row in table.rows
            if triage.has_marker("".join(row.texts))]


def goal_tables_equal(full: RawDocument, tri: RawDocument) -> str:
    try:
        from transform.layout import parse_goal_tables
    except Exception as exc:  # transform is not ours to fix here; say so and go on
        return f"goal tables not compared ({type(exc).__name__})"
    a, b = parse_goal_tables(full), parse_goal_tables(tri)
    return f"goal tables {len(a)} = {len(b)}" if a == b else f"GOAL TABLES DIFFER ({len(a)} vs {len(b)})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    files = args.files or default_files()
    read_pdf(files[0])  # warm up: imports, pdfium's library load
    read_pdf(files[0], all_pages=True)

    print(f"{'file':<34} {'pages':>5} {'read':>4}  {'all pages':>17}  {'triaged':>17}  {'ratio':>6}  check")
    total_pages = total_full = total_tri = 0.0
    ok = True
    for path in files:
        t_full = t_tri = float("inf")
        for _ in range(args.repeat):  # alternately, best of each
            seconds, full, _ = timed(path, all_pages=True)
            t_full = min(t_full, seconds)
            seconds, tri, pages_read = timed(path, all_pages=False)
            t_tri = min(t_tri, seconds)
        n = full.n_pages or 0
        read = set(pages_read)
        problems = []
        if comparable(tri) != comparable(full, read):
            problems.append("BLOCKS DIFFER")
        if skipped := marked_skipped_rows(full, read):
            problems.append(f"MARKED ROWS SKIPPED {skipped[:3]}")
        goals = goal_tables_equal(full, tri)
        ok = ok and not problems and "DIFFER" not in goals
        check = "; ".join(problems) or f"rows identical ({sum(len(t.rows) for t in tri.tables)}), {goals}"
        name = path.name if len(path.name) <= 34 else path.name[:31] + "..."
        print(f"{name:<34} {n:>5} {len(pages_read):>4}  {t_full:6.3f}s {n / t_full:6.1f}p/s  "
              f"{t_tri:6.3f}s {n / t_tri:6.1f}p/s  {t_full / t_tri:5.1f}x  {check}")
        print(f"{'':<34} pages read: {compact(pages_read)}")
        total_pages += n
        total_full += t_full
        total_tri += t_tri
    ratio = total_full / total_tri
    print(f"{'overall':<34} {int(total_pages):>5}       {total_full:6.3f}s {total_pages / total_full:6.1f}p/s  "
          f"{total_tri:6.3f}s {total_pages / total_tri:6.1f}p/s  {ratio:5.1f}x")
    print(f"target >= {TARGET:.0f}x per page overall: {'met' if ratio >= TARGET else 'NOT met'}; "
          f"raw rows {'identical' if ok else 'NOT IDENTICAL'} on every file")
    return 0 if ok else 1


def compact(pages: list[int]) -> str:
    """1,2,3,7,8 → 1-3,7-8."""
    runs: list[list[int]] = []
    for p in pages:
        if runs and p == runs[-1][-1] + 1:
            runs[-1].append(p)
        else:
            runs.append([p])
    return ",".join(f"{r[0]}-{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs) or "none"


if __name__ == "__main__":
    sys.exit(main())
