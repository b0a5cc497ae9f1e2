"""The lean page: its chars are pdfplumber's own chars cut to what the reader reads, its other objects untouched."""

from __future__ import annotations

import io
from pathlib import Path

import pdfplumber
from bad_files import pdf_of
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.pdfpage import CHAR_KEYS, LeanPage

ROOT = Path(__file__).resolve().parents[2]
# A Word export (CID fonts, ruling lines), a third-party budget drawn with rects, and one written by another tool.
REAL_PAGES = {
    ROOT / "samples" / "jizhou_court_2023.pdf": (1, 2, 3, 4),
    ROOT / "tests" / "data" / "real" / "江苏省人大常委会办公厅2019年部门预算公开表.pdf": (1, 5, 13),
    ROOT / "tests" / "data" / "real-goal-tables" / "sh_putuo_wanli_2023_dept_budget.pdf": (1, 20),
}
OTHER_KINDS = ("line", "rect", "curve", "image")


def _cut(chars: list[dict]) -> list[dict]:
    return [{k: c[k] for k in CHAR_KEYS} for c in chars]


def _assert_lean_is_pdfplumbers(pdf: pdfplumber.PDF, number: int) -> int:
    """Compare page ``number`` read lean with pdfplumber's own reading of it; the number of chars compared."""
    full = pdf.pages[number - 1]
    lean = LeanPage.of(full)
    assert lean.chars == _cut(full.chars)
    for kind in OTHER_KINDS:
        assert lean.objects.get(kind) == full.objects.get(kind), kind
    assert [t.cells for t in lean.find_tables()] == [t.cells for t in full.find_tables()]
    return len(lean.chars)


def test_lean_chars_are_pdfplumbers_on_real_pages() -> None:
    compared = 0
    for path, pages in REAL_PAGES.items():
        with pdfplumber.open(path) as pdf:
            compared += sum(_assert_lean_is_pdfplumbers(pdf, n) for n in pages)
    assert compared == 3507


def test_a_lean_char_holds_only_what_the_reader_reads() -> None:
    with pdfplumber.open(next(iter(REAL_PAGES))) as pdf:
        chars = LeanPage.of(pdf.pages[0]).chars
    assert chars and all(tuple(c) == CHAR_KEYS for c in chars)
    assert {c["object_type"] for c in chars} == {"char"} and {c["page_number"] for c in chars} == {1}


def _one_page(media_box: tuple[float, float, float, float], rotate: int, texts: list[tuple[float, float, int]]
              ) -> bytes:
    """A one-page PDF with that MediaBox and /Rotate, showing ``Ab`` at each (x, y, size), and one ruled line."""
    shown = "".join(f"BT /F1 {size} Tf {x:.2f} {y:.2f} Td (Ab) Tj ET\n" for x, y, size in texts)
    x0, y0 = media_box[:2]
    content = f"0.5 w {x0 + 5:.2f} {y0 + 5:.2f} m {x0 + 90:.2f} {y0 + 5:.2f} l S\n{shown}".encode("latin-1")
    box = " ".join(f"{v:.2f}" for v in media_box)
    return pdf_of([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox [{box}] /Rotate {rotate} /Contents 4 0 R"
        " /Resources << /Font << /F1 5 0 R >> >> >>".encode(),
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ])


@settings(max_examples=60, deadline=None, derandomize=True, database=None)
@given(
    origin=st.tuples(st.floats(-500, 500), st.floats(-500, 500)),
    size=st.tuples(st.floats(100, 900), st.floats(100, 900)),
    rotate=st.sampled_from([0, 90, 180, 270]),
    spots=st.lists(st.tuples(st.floats(0, 1), st.floats(0, 1), st.integers(4, 30)), min_size=1, max_size=6),
)
def test_lean_chars_equal_pdfplumbers_on_any_media_box(origin, size, rotate, spots) -> None:
    """Wherever the MediaBox's corner is (pdfplumber shifts chars by it) and however the page is turned."""
    x0, y0 = round(origin[0], 2), round(origin[1], 2)
    box = (x0, y0, x0 + round(size[0], 2), y0 + round(size[1], 2))
    texts = [(x0 + fx * size[0], y0 + fy * size[1], pt) for fx, fy, pt in spots]
    with pdfplumber.open(io.BytesIO(_one_page(box, rotate, texts))) as pdf:
        assert _assert_lean_is_pdfplumbers(pdf, 1) == 2 * len(texts)


def test_unicode_norm_is_applied_as_pdfplumber_does() -> None:
    path = next(iter(REAL_PAGES))
    with pdfplumber.open(path) as pdf:
        plain = [c["text"] for c in pdf.pages[0].chars]
    with pdfplumber.open(path, unicode_norm="NFKD") as pdf:
        full = pdf.pages[0]
        assert LeanPage.of(full).chars == _cut(full.chars)
    assert [c["text"] for c in full.chars] != plain  # full-width （） and ： fold, so the test can tell
