"""Word files: paragraphs and tables in document order, merges as the XML defines them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

import extract
from extract.records import RawDocument, RawTable, RawText


def norm(text: str) -> str:
    """Remove all whitespace, the comparison used for Chinese cells."""
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def seed_doc(seed_docx: Path) -> RawDocument:
    return extract.read_document(seed_docx)


def test_seed_docx_blocks_are_title_then_two_tables_per_goal(seed_doc: RawDocument, seed) -> None:
    kinds = [type(b).__name__ for b in seed_doc.blocks]
    assert kinds == ["RawText", "RawTable", "RawTable"] * len(seed)
    titles = [b.text for b in seed_doc.blocks if isinstance(b, RawText)]
    assert titles == [goal.title for goal in seed]
    assert seed_doc.format == "docx" and seed_doc.n_pages is None
    assert [t.index for t in seed_doc.tables] == list(range(2 * len(seed)))


def test_seed_docx_cells_equal_the_seed(seed_doc: RawDocument, seed) -> None:
    tables = seed_doc.tables
    for k, goal in enumerate(seed):
        header, indicators = tables[2 * k], tables[2 * k + 1]
        assert [tuple(map(norm, r.texts)) for r in header.rows] == [tuple(map(norm, r)) for r in goal.header_rows]
        assert [tuple(map(norm, r.texts)) for r in indicators.rows] == [tuple(map(norm, r)) for r in goal.indicator_rows]
        # Word keeps the cells exactly as written: tabs, line breaks and inner spaces included.
        assert [r.texts for r in header.rows] == list(goal.header_rows)
        assert [r.texts for r in indicators.rows] == list(goal.indicator_rows)


def test_seed_docx_keeps_tabs_and_breaks_inside_cells(seed_doc: RawDocument) -> None:
    texts = {c.text for t in seed_doc.tables for r in t.rows for c in r.cells}
    assert "地址、邮编准确率\t\n" in texts
    assert "其中：财政    资金" in texts


def test_seed_docx_merged_cells(seed_doc: RawDocument, seed) -> None:
    header = seed_doc.tables[0]
    unit, name, budget, purpose, _goal = header.rows
    assert [(c.col, c.colspan) for c in unit.cells] == [(0, 5), (5, 2)]
    assert [(c.col, c.colspan) for c in name.cells] == [(0, 1), (1, 6)]
    assert [c.col for c in budget.cells] == list(range(7))
    assert purpose.cells[0].continued and purpose.cells[0].text == ""
    assert [(c.col, c.colspan, c.continued) for c in purpose.cells] == [(0, 1, True), (1, 6, False)]
    for k, goal_table in enumerate(seed):
        rows = seed_doc.tables[2 * k + 1].rows
        assert [r.cells[0].continued for r in rows] == [not r[0] for r in goal_table.indicator_rows]
        assert all(not c.continued for r in rows for c in r.cells[1:])


def test_seed_docx_refs(seed_doc: RawDocument) -> None:
    first = seed_doc.tables[0]
    assert [r.ref for r in first.rows] == [f"table 1 row {i}" for i in range(1, 6)]
    assert seed_doc.tables[3].rows[4].ref == "table 4 row 5"
    assert all(r.page is None and r.bbox is None for t in seed_doc.tables for r in t.rows)
    assert all(c.bbox is None for t in seed_doc.tables for r in t.rows for c in r.cells)
    assert all(re.fullmatch(r"paragraph \d+", b.ref) for b in seed_doc.blocks if isinstance(b, RawText))


# --------------------------------------------------------------------------- hand-made documents

W_TC = "<w:tc {ns}><w:tcPr>{pr}</w:tcPr>{body}</w:tc>"


def _tc(body: str, pr: str = "") -> str:
    return W_TC.format(ns=nsdecls("w"), pr=pr, body=body)


def _p(*runs: str) -> str:
    return f"<w:p {nsdecls('w')}>" + "".join(runs) + "</w:p>"


def _r(inner: str) -> str:
    return f"<w:r>{inner}</w:r>"


def _table_xml(rows: list[str], grid: int) -> str:
    cols = "".join('<w:gridCol w:w="1000"/>' for _ in range(grid))
    return f"<w:tbl {nsdecls('w')}><w:tblPr/><w:tblGrid>{cols}</w:tblGrid>" + "".join(rows) + "</w:tbl>"


def _save(tmp_path: Path, *elements: str) -> Path:
    doc = Document()
    body = doc.element.body
    for xml in elements:
        body.insert(len(body) - 1, parse_xml(xml))  # before w:sectPr
    path = tmp_path / "made.docx"
    doc.save(str(path))
    return path


def test_paragraph_text_tabs_breaks_and_deletions(tmp_path: Path) -> None:
    para = _p(_r("<w:t>地址</w:t><w:tab/><w:t>邮编</w:t><w:br/><w:t>准确率</w:t>"),
              f"<w:del w:id='1' w:author='a' w:date='2023-01-01T00:00:00Z'>{_r('<w:delText>删掉</w:delText>')}</w:del>",
              f"<w:ins w:id='2' w:author='a' w:date='2023-01-01T00:00:00Z'>{_r('<w:t>插入</w:t>')}</w:ins>")
    doc = extract.read_document(_save(tmp_path, para, _p(_r("<w:t xml:space='preserve'>   </w:t>"))))
    assert [b.text for b in doc.blocks] == ["地址\t邮编\n准确率插入"]


def test_tab_stops_in_paragraph_properties_are_not_text(tmp_path: Path) -> None:
    para = (f"<w:p {nsdecls('w')}><w:pPr><w:tabs><w:tab w:val='left' w:pos='720'/></w:tabs></w:pPr>"
            + _r("<w:t>单位：万元</w:t>") + "</w:p>")
    doc = extract.read_document(_save(tmp_path, para))
    assert [b.text for b in doc.blocks] == ["单位：万元"]


def test_grid_before_grid_span_and_vertical_merge(tmp_path: Path) -> None:
    rows = [
        "<w:tr>" + _tc(_p(_r("<w:t>一级指标</w:t>")), "<w:vMerge w:val='restart'/>")
        + _tc(_p(_r("<w:t>二级</w:t>")), "<w:gridSpan w:val='2'/>") + _tc(_p(_r("<w:t>值</w:t>"))) + "</w:tr>",
        "<w:tr>" + _tc(_p(), "<w:vMerge/>") + _tc(_p(_r("<w:t>a</w:t>"))) + _tc(_p(_r("<w:t>b</w:t>")))
        + _tc(_p(_r("<w:t>c</w:t>"))) + "</w:tr>",
        "<w:tr><w:trPr><w:gridBefore w:val='2'/></w:trPr>" + _tc(_p(_r("<w:t>x</w:t>")))
        + _tc(_p(_r("<w:t>y</w:t>"))) + "</w:tr>",
    ]
    doc = extract.read_document(_save(tmp_path, _table_xml(rows, 4)))
    (table,) = doc.tables
    assert [[(c.text, c.col, c.colspan, c.continued) for c in r.cells] for r in table.rows] == [
        [("一级指标", 0, 1, False), ("二级", 1, 2, False), ("值", 3, 1, False)],
        [("", 0, 1, True), ("a", 1, 1, False), ("b", 2, 1, False), ("c", 3, 1, False)],
        [("x", 2, 1, False), ("y", 3, 1, False)],
    ]
    assert [r.ref for r in table.rows] == ["table 1 row 1", "table 1 row 2", "table 1 row 3"]


def test_multi_paragraph_cell_and_nested_table_are_flattened(tmp_path: Path) -> None:
    nested = _table_xml(["<w:tr>" + _tc(_p(_r("<w:t>内1</w:t>"))) + _tc(_p(_r("<w:t>内2</w:t>"))) + "</w:tr>"], 2)
    cell = _tc(_p(_r("<w:t>第一段</w:t>")) + _p() + nested + _p(_r("<w:t>末段</w:t>")))
    doc = extract.read_document(_save(tmp_path, _table_xml(["<w:tr>" + cell + "</w:tr>"], 1)))
    (table,) = doc.tables
    assert table.rows[0].texts == ("第一段\n\n内1\t内2\n末段",)
    assert len(doc.tables) == 1  # the nested table is not a block of its own


def test_content_controls_and_order(tmp_path: Path) -> None:
    table = _table_xml(["<w:tr>" + _tc(_p(_r("<w:t>项目名称</w:t>"))) + "</w:tr>"], 1)
    sdt = f"<w:sdt {nsdecls('w')}><w:sdtPr/><w:sdtContent>{_p(_r('<w:t>控件内段落</w:t>'))}{table}</w:sdtContent></w:sdt>"
    doc = extract.read_document(_save(tmp_path, _p(_r("<w:t>标题</w:t>")), sdt, _p(_r("<w:t>表后</w:t>"))))
    assert [(type(b).__name__, getattr(b, "text", None)) for b in doc.blocks] == [
        ("RawText", "标题"), ("RawText", "控件内段落"), ("RawTable", None), ("RawText", "表后"),
    ]
    assert [b.ref for b in doc.blocks if isinstance(b, RawText)] == ["paragraph 1", "paragraph 2", "paragraph 3"]
    assert isinstance(doc.blocks[2], RawTable) and doc.blocks[2].rows[0].texts == ("项目名称",)


def test_legacy_horizontal_merge_widens_the_first_cell(tmp_path: Path) -> None:
    row = ("<w:tr>" + _tc(_p(_r("<w:t>项目名称</w:t>")), "<w:hMerge w:val='restart'/>") + _tc(_p(), "<w:hMerge/>")
           + _tc(_p(_r("<w:t>名称</w:t>"))) + "</w:tr>")
    (table,) = extract.read_document(_save(tmp_path, _table_xml([row], 3))).tables
    assert [(c.text, c.col, c.colspan) for c in table.rows[0].cells] == [("项目名称", 0, 2), ("名称", 2, 1)]
