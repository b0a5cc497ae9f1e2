"""Our reader's ms per document beside the floor, per format: how far reading is from parsing the file at all.

    .venv/bin/python benchmarks/floors.py [--units 500] [--seed 0] [--per-format 6] [--repeat 3] [--against REV]

Files: the first ``--per-format`` DOCX and XLSX of make_bureau.py's corpus,
and one PDF of each distinct budget PDF it copies (the corpus's PDFs repeat
three documents). For each file, best of ``--repeat``, in-process:

* floor, DOCX: ``zipfile`` + ``lxml.etree.fromstring`` of ``word/document.xml``;
* floor, XLSX: the same of every ``xl/worksheets/*.xml`` and ``xl/sharedStrings.xml``;
* floor, PDF: ``pypdfium2``: every page's ``get_textpage().get_text_range()``;
* reader: ``extract.read_document(path)`` (the RawDocument the run parses),
  in a process of each tree (the floor in the new side's, same libraries).

A format's ms per document is the mean over its files. The baseline is the
``old+pyc`` side (best-of-N leaves the first call's imports out, so
bytecode changes nothing here but the child's start).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sides import Side

MARK = "FLOORS-RESULT "
FORMATS = ("docx", "xlsx", "pdf")


# --------------------------------------------------------------------------- the child


def floor(path: Path) -> None:
    """The least any reader of ``path`` does: parse its XML parts, or take its PDF pages' text."""
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        import pypdfium2

        pdf = pypdfium2.PdfDocument(str(path))
        try:
            for page in pdf:
                text = page.get_textpage()
                text.get_text_range()
                text.close()
                page.close()
        finally:
            pdf.close()
        return
    import zipfile

    from lxml import etree

    with zipfile.ZipFile(path) as z:
        names = (["word/document.xml"] if suffix == ".docx" else
                 [n for n in z.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml")]
                 + [n for n in z.namelist() if n == "xl/sharedStrings.xml"])
        for name in names:
            etree.fromstring(z.read(name))


def _best(fn: object, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        fn()  # type: ignore[operator]
        best = min(best, time.perf_counter() - started)
    return best


def child(args: dict) -> None:
    """Time the reader (and the floor when asked) on each file; one JSON line after ``MARK``."""
    sys.path.insert(0, args["tree"])
    import extract

    out = {}
    for name in args["files"]:
        path = Path(name)
        row = {"reader": _best(lambda p=path: extract.read_document(p), args["repeat"])}
        if args["floor"]:
            row["floor"] = _best(lambda p=path: floor(p), args["repeat"])
        out[name] = row
    print(MARK + json.dumps(out), flush=True)


# --------------------------------------------------------------------------- the parent


def sample(folder: Path, per_format: int) -> dict[str, list[Path]]:
    """The files timed, by format: the first ``per_format`` DOCX and XLSX, one PDF of each distinct size."""
    files = sorted(folder.iterdir())
    pdfs: dict[int, Path] = {}
    for f in files:
        if f.suffix == ".pdf":
            pdfs.setdefault(f.stat().st_size, f)  # a copy differs from its source PDF by a same-length comment
    return {"docx": [f for f in files if f.suffix == ".docx"][:per_format],
            "xlsx": [f for f in files if f.suffix == ".xlsx"][:per_format], "pdf": list(pdfs.values())}


def measure(side: Side, files: list[Path], repeat: int, with_floor: bool) -> dict[str, dict[str, float]]:
    """{file: {"reader": s, "floor": s}} from one child process of ``side``."""
    import subprocess

    arg = json.dumps({"tree": str(side.tree), "files": [str(f) for f in files], "repeat": repeat,
                      "floor": with_floor})
    run = subprocess.run([sys.executable, "-c", Path(__file__).read_text(), arg], cwd=side.tree, env=side.env,
                         capture_output=True, text=True)
    lines = [line for line in run.stdout.splitlines() if line.startswith(MARK)]
    if run.returncode or not lines:
        sys.exit(f"floors, {side.name}: the child exited with {run.returncode}:\n{run.stderr[-3000:]}")
    return json.loads(lines[-1][len(MARK):])


def floors(new: Side, old: Side, by_format: dict[str, list[Path]], repeat: int) -> dict[str, dict[str, float]]:
    """Per format: mean ms per document of the floor, the new reader and the old one."""
    files = [f for fmt in FORMATS for f in by_format[fmt]]
    print(f"  floors and readers: {len(files)} files, best of {repeat} …", end="", flush=True)
    started = time.perf_counter()
    now, before = measure(new, files, repeat, True), measure(old, files, repeat, False)
    print(f" {time.perf_counter() - started:.0f} s", flush=True)
    out = {}
    for fmt in FORMATS:
        names = [str(f) for f in by_format[fmt]]
        mean = lambda rows, key: 1000 * sum(rows[n][key] for n in names) / len(names) if names else float("nan")  # noqa: E731
        out[fmt] = {"files": len(names), "floor": mean(now, "floor"), "new": mean(now, "reader"),
                    "old": mean(before, "reader")}
    return out


def floor_table(rows: dict[str, dict[str, float]], old_name: str = "old") -> str:
    """One line a format: ms per document of the floor, new and old readers, and their ratios."""
    head = (f"{'format':<8}{'files':>6}{'floor ms':>10}{'new ms':>10}{old_name + ' ms':>12}"
            f"{'new/floor':>11}{'old/floor':>11}{'old/new':>9}")
    out = [head, "-" * len(head)]
    for fmt, r in rows.items():
        out.append(f"{fmt:<8}{r['files']:>6}{r['floor']:>10.1f}{r['new']:>10.1f}{r['old']:>12.1f}"
                   f"{r['new'] / r['floor']:>10.1f}x{r['old'] / r['floor']:>10.1f}x{r['old'] / r['new']:>8.2f}x")
    return "\n".join(out)


def main() -> int:
    import argparse

    from sides import BASELINE, baseline, corpus, new_side

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--units", type=int, default=500)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--per-format", type=int, default=6)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--against", default=BASELINE, help="the baseline commit (default: before issue 16)")
    args = parser.parse_args()
    folder, _ = corpus(args.units, args.seed)
    with baseline(args.against) as (_, old_pyc):
        rows = floors(new_side(), old_pyc, sample(folder, args.per_format), args.repeat)
    print(floor_table(rows, old_pyc.name))
    return 0


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1].startswith("{"):  # the child: this source run with python -c
        child(json.loads(sys.argv[1]))
    else:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        sys.exit(main())
