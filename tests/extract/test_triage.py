"""The page triage: which pages of a PDF the table finder reads, and that reading only those changes nothing.

The long budget PDFs are ``benchmarks/data/`` (generated and committed by
``benchmarks/make_budget_pdfs.py``; their pages are listed below), the seed
sample is ``samples/jizhou_court_2023.pdf`` and the real third-party budgets
are ``tests/data/real/``. Every full scan (``all_pages=True``) is read once
per session.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from bad_files import pdf_of

from extract import triage
from extract.pdf import read_pdf, read_pdf_pages
from extract.records import RawDocument, RawTable
from core.errors import UnsupportedFormatError
from transform.layout import parse_goal_tables

ROOT = Path(__file__).resolve().parents[2]
BUDGETS = ROOT / "benchmarks" / "data"
REAL = ROOT / "tests" / "data" / "real"
SEED_PDF = ROOT / "samples" / "jizhou_court_2023.pdf"
COURT = REAL / "江苏省高级人民法院2019年度部门预算公开.pdf"
CPPCC = REAL / "江苏省政协办公厅2019年度部门预算.pdf"

# file → (pages with a marker, pages read). Read off the files (see make_budget_pdfs.py for what is where):
# jizhou: p2 is the table of contents naming 八、项目支出绩效目标表, p3 follows it; p24-27 one goal table a page,
#   each opening with its numbered title (p24 with the unnumbered 附件 heading first, and no numbered line on
#   p23 it could join), so no lead-in page.
# ninghe: p22 ends with the 情况说明 prose, the 附件 heading and the first title; p23-24 the goal tables; p21 is the
#   lead-in (its prose has a line `355.00 万元…` that the parser's title-number pattern matches); p25 (名词解释) follows.
# wuqing: p24-26 and p29-30 carry markers; p27 and p28 are rows of the long table only (二级指标 merged on p26):
#   p27 follows the candidate p26, p28 is reached because p27 is a table from top to bottom.
EXPECTED = {
    BUDGETS / "budget_jizhou_2023.pdf": ({2, 24, 25, 26, 27}, [2, 3, 24, 25, 26, 27]),
    BUDGETS / "budget_ninghe_2023.pdf": ({22, 23, 24}, [21, 22, 23, 24, 25]),
    BUDGETS / "budget_wuqing_2023.pdf": ({24, 25, 26, 29, 30}, [24, 25, 26, 27, 28, 29, 30]),
    SEED_PDF: ({1, 2, 3, 4}, [1, 2, 3, 4]),
    COURT: (set(), []),
    CPPCC: (set(), []),
}
FILES = sorted(EXPECTED, key=lambda p: p.name)


@cache
def full(path: Path) -> RawDocument:
    return read_pdf(path, all_pages=True)


@cache
def triaged(path: Path) -> tuple[RawDocument, list[int]]:
    return read_pdf_pages(path)


def _blocks(doc: RawDocument, pages: set[int] | None = None) -> list[tuple]:
    """Blocks without their table numbering (it counts the tables read)."""
    return [("table", b.page, b.rows) if isinstance(b, RawTable) else ("text", b.page, b.text, b.ref)
            for b in doc.blocks if pages is None or b.page in pages]


# --------------------------------------------------------------------------- the files


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_candidate_pages_are_the_expected_ones(path: Path) -> None:
    assert triage.candidate_pages(path) == EXPECTED[path][0]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_pages_read_are_the_expected_ones(path: Path) -> None:
    doc, pages = triaged(path)
    assert pages == EXPECTED[path][1]
    assert {b.page for b in doc.blocks} <= set(pages)
    assert doc.n_pages == full(path).n_pages


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_triaged_read_is_the_full_read_of_its_pages(path: Path) -> None:
    """Every block of a page read, table rows with their cells, boxes and refs, is the full scan's."""
    doc, pages = triaged(path)
    assert _blocks(doc) == _blocks(full(path), set(pages))
    assert [t.index for t in doc.tables] == list(range(len(doc.tables)))


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_no_goal_table_row_is_skipped(path: Path) -> None:
    """The full scan has no table row with a goal-table marker on a page the triage skipped,
    and both give the same goal tables."""
    _, pages = triaged(path)
    skipped = [r.ref for t in full(path).tables if t.page not in pages for r in t.rows
               if triage.has_marker("".join(r.texts))]
    assert skipped == []
    assert parse_goal_tables(triaged(path)[0]) == parse_goal_tables(full(path))


def test_goal_tables_of_the_long_budgets() -> None:
    expected = {"budget_jizhou_2023.pdf": 4, "budget_ninghe_2023.pdf": 3, "budget_wuqing_2023.pdf": 4}
    for name, count in expected.items():
        assert len(parse_goal_tables(triaged(BUDGETS / name)[0])) == count, name


def test_title_ending_a_page_whose_table_starts_on_the_next() -> None:
    tables = parse_goal_tables(triaged(BUDGETS / "budget_ninghe_2023.pdf")[0])
    first = tables[0]
    assert (first.title, first.page) == ("1.法院办案业务经费-2023中央绩效目标表", 22)
    assert first.unit_name == "天津市宁河区人民法院" and first.budget_total == "260.00"
    assert {r.source_page for r in first.indicators} == {23}


def test_continuation_pages_without_any_marker_are_read() -> None:
    path = BUDGETS / "budget_wuqing_2023.pdf"
    texts = triage.page_texts(path)
    assert not triage.has_marker(texts[26]) and not triage.has_marker(texts[27])  # p27, p28
    long_table = parse_goal_tables(triaged(path)[0])[-1]
    assert long_table.title == "4.审判执行分庭办案经费-2023区级绩效目标表"
    assert len(long_table.indicators) == 13 + 96
    assert {r.source_page for r in long_table.indicators} == {26, 27, 28, 29, 30}


@pytest.mark.parametrize("path", [COURT, CPPCC], ids=lambda p: p.stem)
def test_real_budgets_have_no_candidate_and_no_goal_table(path: Path) -> None:
    """They mention 预算绩效目标 in running text only: nothing is read, nothing is found, as in the full scan."""
    texts = triage.page_texts(path)
    assert any("绩效目标" in triage.normalize(t) for t in texts)
    doc, pages = triaged(path)
    assert pages == [] and doc.blocks == ()
    assert parse_goal_tables(doc) == parse_goal_tables(full(path)) == ()


# --------------------------------------------------------------------------- fallbacks


def _pdf(path: Path, pages: list[str]) -> Path:
    """A PDF of several 300x200 pt pages, each showing its (Latin) text in Helvetica, or nothing when empty."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"", b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    kids = []
    for text in pages:
        content = (f"BT /F1 12 Tf 40 150 Td ({text}) Tj ET\n" if text else "0.5 w 20 20 m 280 20 l S\n").encode()
        objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents %d 0 R "
                       b"/Resources << /Font << /F1 3 0 R >> >> >>" % len(objects))
        kids.append(len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    path.write_bytes(pdf_of(objects))
    return path


def test_pages_without_a_marker_give_no_blocks_unless_all_pages(tmp_path: Path) -> None:
    path = _pdf(tmp_path / "plain.pdf", ["Budget", "Income", "Expenditure"])
    doc, pages = read_pdf_pages(path)
    assert (pages, doc.blocks, doc.n_pages) == ([], (), 3)
    assert [b.text for b in read_pdf(path, all_pages=True).blocks] == ["Budget", "Income", "Expenditure"]


def test_short_documents_are_read_whole(tmp_path: Path) -> None:
    path = _pdf(tmp_path / "two.pdf", ["Budget", "Income"])
    doc, pages = read_pdf_pages(path)
    assert pages == [1, 2] and [b.text for b in doc.blocks] == ["Budget", "Income"]


def test_a_long_scan_is_still_reported_as_a_scan(tmp_path: Path) -> None:
    path = _pdf(tmp_path / "scan.pdf", ["", "", "", ""])
    with pytest.raises(UnsupportedFormatError, match="no text layer"):
        read_pdf(path)


def test_a_file_pdfium_cannot_read_is_read_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pypdfium2

    path = _pdf(tmp_path / "plain.pdf", ["Budget", "Income", "Expenditure"])

    def broken(_path):
        raise pypdfium2.PdfiumError("Failed to load document")

    monkeypatch.setattr(triage, "page_texts", broken)
    doc, pages = read_pdf_pages(path)
    assert pages == [1, 2, 3] and len(doc.blocks) == 3


# --------------------------------------------------------------------------- the rule, on text


@pytest.mark.parametrize("text", [
    "3.司法救助-2023中央绩效目标表",
    "项目支出绩效目标申报表（2023年）",
    "一级指标 二级指标 三级指标 绩效指标描述 指标值",
    "一级指\r\n标 二级指\r\n标 三级指\r\n标",  # wrapped header cells, as pdfium gives them
    "一级 二级 三级\r\n指标 指标 指标",  # wrapped header cells drawn line by line across the row
    "⼀级指标",  # a Kangxi radical for 一, as some PDF fonts map it
    "产出指标 数量指标 邮寄数量 ≥30000件",
    "质量指标", "时效指标", "进度指标", "效果指标", "社会效益指标", "环境效益指标", "可持续影响指标",
    "社会公众或服务对象满意度指标",
    "指标性质 指标值 度量单位",
])
def test_markers(text: str) -> None:
    assert triage.has_marker(text)


@pytest.mark.parametrize("text", [
    "十四、预算绩效目标设置情况说明",
    "2019 年本部门实行整体支出绩效目标管理，涉及财政性资金合计 37188.34 万元。",
    "30107 绩效工资 54.01",
    "财政拨款基本支出预算表（经济科目）",
    "分庭审结案件数 民事审判第一庭3月审结案件数 ≥107件",  # a continuation row: no marker, rules 2-3 read it
    "",
])
def test_not_markers(text: str) -> None:
    assert not triage.has_marker(text)


def _texts(*pages: str) -> list[str]:
    return list(pages)


PROSE = "第三部分 情况说明\r\n本部门收入预算合计 100 万元。\r\n支出预算合计 100 万元。"


def test_planned_pages_candidates_followers_lead_ins() -> None:
    texts = _texts(PROSE, PROSE, "一级指标 二级指标 三级指标 指标值\r\n产出指标", "rows only", PROSE, PROSE)
    assert triage.candidates(texts) == {3}
    # header first on p3: an untitled table may have begun on p2 (lead-in); p4 follows the candidate.
    assert triage.planned_pages(texts) == {2, 3, 4}


def test_numbered_title_first_needs_no_lead_in() -> None:
    texts = _texts(PROSE, "1.某某项目绩效目标表\r\n一级指标 二级指标 三级指标 指标值", PROSE)
    assert triage.planned_pages(texts) == {2, 3}


def test_unnumbered_title_reads_the_page_before_only_if_it_could_join_a_numbered_line() -> None:
    title = "绩效目标表\r\n一级指标 二级指标 三级指标 指标值"
    assert triage.planned_pages(_texts(PROSE, title)) == {2}
    wrapped = _texts(PROSE + "\r\n12.审判执行业务经费-2023中央", title)  # a title wrapped over the page break
    assert triage.planned_pages(wrapped) == {1, 2}


def test_lead_in_walks_back_over_nearly_empty_pages() -> None:
    texts = _texts("1.某某项目", "- 2 -", "", "绩效目标表\r\n一级指标 二级指标 三级指标 指标值")
    assert triage.lead_ins(texts, {4}) == {1, 2, 3}
    # never into pages read anyway; and p2-p3 alone hold no numbered line the title could join
    assert triage.lead_ins(texts, {1, 4}) == set()


def test_page_shape() -> None:
    """A4 (842 pt high): the outer tenth at top and bottom (84.2 pt) and page numbers are furniture."""
    table = [(50.0, 110.0, 550.0, 700.0)]
    footer = ("- 27 -", 800.0, 810.0)
    assert triage.page_shape(table, [footer], 842.0).table_throughout
    assert triage.page_shape(table, [("第 3 页 共 9 页", 720.0, 730.0)], 842.0).table_throughout
    assert triage.page_shape(table, [("江苏省高级人民法院", 40.0, 52.0)], 842.0).table_throughout  # running header
    after = triage.page_shape(table, [("注：本表为预计数。", 710.0, 720.0), footer], 842.0)
    assert after.table_at_top and not after.table_at_bottom
    before = triage.page_shape(table, [("3.某某项目绩效目标表", 90.0, 104.0)], 842.0)
    assert not before.table_at_top and before.table_at_bottom
    beside = triage.page_shape(table, [("stray", 300.0, 310.0)], 842.0)  # text level with the table is not outside it
    assert beside.table_throughout
    assert triage.page_shape([], [footer], 842.0) == triage.PageShape(False, False)


def test_a_follower_that_is_a_table_throughout_passes_the_table_on() -> None:
    texts = _texts(PROSE, "一级指标 二级指标 三级指标 指标值", "rows", "rows", "rows", PROSE)
    plan = triage.Triage.from_texts(texts)
    assert sorted(plan.pages) == [1, 2, 3]
    throughout, ends = triage.PageShape(True, True), triage.PageShape(True, False)
    plan.read(2, throughout)  # a candidate: its next page is read anyway
    plan.read(3, throughout)
    assert plan.wants(4)
    plan.read(4, ends)  # the table ends on p4
    assert sorted(plan.pages) == [1, 2, 3, 4]
    assert not plan.wants(5)


def test_every_header_and_title_word_of_the_reader_is_a_marker() -> None:
    """The triage must read every page on which transform/ could find a goal table: its vocabulary's header words
    (a header row is made of them) and goal-table titles are all markers (bug: 财政项目支出绩效目标填报表 was not)."""
    from transform.vocab import vocabulary

    v = vocabulary()
    header_rows = [f"{l1}{l2}{l3}{target}" for l1 in v.grid["level1"] for l2 in ("", *v.grid["level2"])
                   for l3 in v.grid["level3"] for target in v.grid["target"]]
    assert [row for row in header_rows if not triage.has_marker(row)] == []
    titles = [f"某项目{w}" for w in (*v.title["goal"], *v.title["self_evaluation"]) if w.endswith("表")]
    assert [t for t in titles if not triage.has_marker(t)] == []
    assert triage.has_marker("财政项目支出绩效目标填报表") and triage.has_marker("产出类指标")
