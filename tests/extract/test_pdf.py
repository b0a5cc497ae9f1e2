"""PDFs: ruled tables with merges resolved from the ruling, text lines around them, in reading order."""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber
import pytest
from pdfminer.pdfinterp import PDFPageInterpreter

import extract
from extract.pdf import read_pdf_pages
from extract.records import RawDocument, RawTable, RawText

ROW_REF = re.compile(r"p(\d+) \((\d+\.\d),(\d+\.\d),(\d+\.\d),(\d+\.\d)\)")
CJK_SPACE_CJK = re.compile(r"[\u4e00-\u9fff，、：（）]\s+[\u4e00-\u9fff，、：（）]")


def norm(text: str) -> str:
    """Remove all whitespace, the comparison used for Chinese cells."""
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def seed_doc(seed_pdf: Path) -> RawDocument:
    return extract.read_document(seed_pdf)


@pytest.fixture(scope="module")
def page_size(seed_pdf: Path) -> tuple[float, float]:
    with pdfplumber.open(seed_pdf) as pdf:
        return pdf.pages[0].width, pdf.pages[0].height


def test_seed_pdf_pages_and_block_order(seed_doc: RawDocument, seed) -> None:
    """Each page: the title line, the borderless unit line (loose text, not a table row), then the two ruled tables."""
    assert seed_doc.format == "pdf" and seed_doc.n_pages == len(seed) == 4
    kinds = [(type(b).__name__, b.page) for b in seed_doc.blocks]
    assert kinds == [(kind, page) for page in range(1, 5) for kind in ("RawText", "RawText", "RawTable", "RawTable")]
    texts = [b for b in seed_doc.blocks if isinstance(b, RawText)]
    for k, goal in enumerate(seed):
        title, unit_line = texts[2 * k], texts[2 * k + 1]
        assert title.text == goal.title
        assert unit_line.text == "216101天津市蓟州区人民法院 单位：万元"
        assert norm(unit_line.text) == norm("".join(goal.header_rows[0]))
        assert re.fullmatch(r"p\d line \d+ \(.*\)", title.ref)


def test_seed_pdf_table_pages(seed_doc: RawDocument) -> None:
    assert [(t.index, t.page) for t in seed_doc.tables] == [(i, i // 2 + 1) for i in range(8)]
    assert all(r.page == t.page for t in seed_doc.tables for r in t.rows)


def test_seed_pdf_cells_equal_the_seed(seed_doc: RawDocument, seed) -> None:
    """The header table lacks the borderless unit row (it is the unit text line); all else matches cell by cell."""
    tables = seed_doc.tables
    for k, goal in enumerate(seed):
        header, indicators = tables[2 * k], tables[2 * k + 1]
        assert [tuple(map(norm, r.texts)) for r in header.rows] == [tuple(map(norm, r)) for r in goal.header_rows[1:]]
        assert [tuple(map(norm, r.texts)) for r in indicators.rows] == [tuple(map(norm, r)) for r in goal.indicator_rows]


def test_seed_pdf_wrapped_words_come_back_whole(seed_doc: RawDocument) -> None:
    """Cells wrapped over two lines in the PDF (预算规模及资/金用途) join with no space invented."""
    cells = [c.text for t in seed_doc.tables for r in t.rows for c in r.cells]
    assert cells.count("预算规模及资金用途") == 4
    assert "为审判提供长效有力保障" in cells and "保障法院审判辅助工作" in cells
    assert not [c for c in cells if CJK_SPACE_CJK.search(c)]


def test_seed_pdf_merges_from_the_ruling(seed_doc: RawDocument, seed) -> None:
    header = seed_doc.tables[0]
    name, budget, purpose, goal = header.rows
    assert [(c.col, c.colspan) for c in name.cells] == [(0, 1), (1, 6)]
    assert [(c.col, c.colspan, c.continued) for c in budget.cells] == [(i, 1, False) for i in range(7)]
    first = purpose.cells[0]
    assert (first.text, first.col, first.colspan, first.continued) == ("", 0, 1, True)
    assert [(c.col, c.colspan) for c in goal.cells] == [(0, 1), (1, 6)]
    for k, goal_table in enumerate(seed):
        rows = seed_doc.tables[2 * k + 1].rows
        assert [r.cells[0].continued for r in rows] == [not r[0] for r in goal_table.indicator_rows]
        assert all(len(r.cells) == 5 and [c.col for c in r.cells] == [0, 1, 2, 3, 4] for r in rows)
        assert all(not c.continued for r in rows for c in r.cells[1:])


def test_seed_pdf_boxes(seed_doc: RawDocument, page_size: tuple[float, float]) -> None:
    width, height = page_size
    for table in seed_doc.tables:
        previous_bottom = 0.0
        for row in table.rows:
            x0, top, x1, bottom = row.bbox
            assert 0 <= x0 < x1 <= width and 0 <= top < bottom <= height
            assert top >= previous_bottom - 0.01  # rows go down the page
            previous_bottom = bottom
            match = ROW_REF.fullmatch(row.ref)
            assert match and int(match.group(1)) == row.page
            assert [float(v) for v in match.groups()[1:]] == [round(v, 1) for v in row.bbox]
            for cell in row.cells:
                cx0, ctop, cx1, cbottom = cell.bbox
                assert x0 - 0.01 <= cx0 < cx1 <= x1 + 0.01 and ctop == pytest.approx(top)
                assert cbottom >= bottom - 0.01


def test_seed_pdf_continued_cell_box_is_its_part_of_the_row(seed_doc: RawDocument) -> None:
    rows = seed_doc.tables[1].rows
    first, second = rows[1].cells[0], rows[2].cells[0]
    assert not first.continued and second.continued
    assert first.bbox[3] > rows[1].bbox[3]  # the merged 产出指标 cell reaches below its first row
    assert second.bbox[1] == rows[2].bbox[1] and second.bbox[3] == rows[2].bbox[3]
    assert (second.bbox[0], second.bbox[2]) == (first.bbox[0], first.bbox[2])


def test_hand_made_ruled_table(tmp_path: Path, pdf_maker) -> None:
    """A 3x3 ruled table: a header cell spanning two columns, an Output cell merged down two rows, Latin wrapped text."""
    lines = (
        (20, 180, 280, 180), (20, 150, 280, 150), (120, 120, 280, 120), (20, 90, 280, 90),
        (20, 90, 20, 180), (120, 90, 120, 180), (200, 90, 200, 150), (280, 90, 280, 180),
    )
    texts = (
        (20, 188, "Title line"), (25, 160, "Level1"), (125, 166, "Wide"), (125, 154, "header"),
        (25, 130, "Output"), (125, 130, "a"), (205, 130, "b"), (125, 100, "c"), (205, 100, "d"), (20, 60, "Footer"),
    )
    doc = extract.read_document(pdf_maker(tmp_path / "ruled.pdf", lines=lines, texts=texts))
    assert [type(b).__name__ for b in doc.blocks] == ["RawText", "RawTable", "RawText"]
    assert (doc.blocks[0].text, doc.blocks[2].text) == ("Title line", "Footer")
    table = doc.blocks[1]
    assert isinstance(table, RawTable) and table.page == 1 and table.index == 0
    assert [[(c.text, c.col, c.colspan, c.continued) for c in r.cells] for r in table.rows] == [
        [("Level1", 0, 1, False), ("Wide header", 1, 2, False)],
        [("Output", 0, 1, False), ("a", 1, 1, False), ("b", 2, 1, False)],
        [("", 0, 1, True), ("c", 1, 1, False), ("d", 2, 1, False)],
    ]
    assert [r.bbox for r in table.rows] == [(20, 20, 280, 50), (20, 50, 280, 80), (20, 80, 280, 110)]
    assert table.rows[1].cells[0].bbox == (20, 50, 120, 110)
    assert table.rows[2].cells[0].bbox == (20, 80, 120, 110)


def test_text_only_pdf(tmp_path: Path, pdf_maker) -> None:
    doc = extract.read_document(pdf_maker(tmp_path / "plain.pdf", texts=((20, 150, "Budget"), (200, 150, "2023"))))
    assert doc.tables == ()
    assert [(b.text, b.page) for b in doc.blocks] == [("Budget 2023", 1)]


def test_each_page_read_is_interpreted_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """pdfminer runs a page's content streams once for its chars and its ruling lines both, and never on a page the
    triage skips (the budget's pages 1 and 4-23 hold no goal table)."""
    interpreted: list[int] = []
    process_page = PDFPageInterpreter.process_page

    def counting(self, page) -> None:
        interpreted.append(id(page))
        process_page(self, page)

    monkeypatch.setattr(PDFPageInterpreter, "process_page", counting)
    doc, pages = read_pdf_pages(Path(__file__).resolve().parents[2] / "benchmarks" / "data" / "budget_jizhou_2023.pdf")
    assert pages == [2, 3, 24, 25, 26, 27] and len(doc.tables) == 8
    assert len(interpreted) == len(set(interpreted)) == len(pages)
