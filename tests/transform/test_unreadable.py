"""No silent misses: what looks like a goal table and cannot be read fails, naming the sheet, table or paragraph.

Each document is a real XLSX or DOCX written here; the real budget PDFs,
which only mention 绩效目标 in prose, stay without goal tables.
"""

from __future__ import annotations

from pathlib import Path

import docx
import openpyxl
import pytest

import extract
from core.errors import LayoutError
from transform.layout import parse_goal_tables

ROOT = Path(__file__).parents[2]
BLOCK = [["项目名称", "校舍维修改造工程", ""], ["实施单位", "某市第一中学", ""], ["年度绩效目标", "完成维修改造", ""]]
ROWS = [["产出指标", "数量指标", "维修改造面积", "≥3200平方米"], ["满意度指标", "服务对象满意度指标", "师生满意度", "≥90%"]]


def _xlsx(tmp_path: Path, rows: list[list[str]], sheet: str = "第一中学") -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    ws.append(["项目支出绩效目标表（2024年度）"])
    for row in rows:
        ws.append(row)
    path = tmp_path / "t.xlsx"
    wb.save(path)
    return path


def _docx(tmp_path: Path, rows: list[list[str]], title: str = "项目支出绩效目标表（2024年度）") -> Path:
    d = docx.Document()
    d.add_paragraph(title)
    table = d.add_table(rows=len(rows), cols=max(len(r) for r in rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    path = tmp_path / "t.docx"
    d.save(path)
    return path


def _read(path: Path):
    return parse_goal_tables(extract.read_document(path))


def test_the_same_table_with_a_value_column_reads(tmp_path: Path):
    path = _xlsx(tmp_path, [*BLOCK, ["一级指标", "二级指标", "三级指标", "指标值"], *ROWS])
    [table] = _read(path)
    assert [r.target_raw for r in table.indicators] == ["≥3200平方米", "≥90%"]


def test_a_header_without_a_value_column_names_the_sheet_and_row(tmp_path: Path):
    path = _xlsx(tmp_path, [*BLOCK, ["一级指标", "二级指标", "三级指标", "备注"], *ROWS])
    with pytest.raises(LayoutError) as caught:
        _read(path)
    message = str(caught.value)
    assert "t.xlsx, 工作表“第一中学”第 5 行 sheet '第一中学' row 5" in message
    assert "指标值" in message and "no indicator-name or 指标值 (target) column" in message


def test_a_goal_title_over_a_table_without_a_grid_names_the_paragraph(tmp_path: Path):
    path = _docx(tmp_path, [*BLOCK, ["指标", "内容"], ["维修改造面积", "3200平方米"]])
    with pytest.raises(LayoutError, match=r"第 1 段 paragraph 1: .*项目支出绩效目标表（2024年度）.*no indicator header"):
        _read(path)


def test_a_header_with_no_rows_under_it(tmp_path: Path):
    path = _docx(tmp_path, [*BLOCK, ["一级指标", "二级指标", "三级指标", "指标值"]])
    with pytest.raises(LayoutError, match=r"第 1 个表格第 4 行 table 1 row 4: .*has no indicator rows"):
        _read(path)


def test_rows_without_any_category_word(tmp_path: Path):
    rows = [["甲", "乙", "维修改造面积", "≥3200平方米"], ["丙", "丁", "师生满意度", "≥90%"]]
    path = _docx(tmp_path, [*BLOCK, ["一级指标", "二级指标", "三级指标", "指标值"], *rows])
    with pytest.raises(LayoutError, match="name no indicator category"):
        _read(path)


def test_a_self_evaluation_table_is_read_as_one(tmp_path: Path):
    header = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"]
    rows = [[*row, "3300平方米", "10", "10"] for row in ROWS]
    path = _xlsx(tmp_path, [*BLOCK, header, *rows])
    (table,) = _read(path)
    assert table.kind == "self_evaluation"
    assert [(r.level3, r.target_raw, r.actual_raw, r.weight_raw, r.score_raw) for r in table.indicators] == [
        ("维修改造面积", "≥3200平方米", "3300平方米", "10", "10"), ("师生满意度", "≥90%", "3300平方米", "10", "10")]


def test_prose_that_names_goal_tables_is_no_goal_table(tmp_path: Path):
    d = docx.Document()
    for text in ("附件：项目支出绩效目标表", "各单位应按要求填报绩效目标表，一级指标、二级指标和指标值须完整。"):
        d.add_paragraph(text)
    path = tmp_path / "prose.docx"
    d.save(path)
    assert _read(path) == ()


@pytest.mark.parametrize("path", sorted((ROOT / "tests" / "data" / "real").glob("*.pdf")), ids=lambda p: p.name)
def test_real_budgets_hold_no_goal_table(path: Path):
    assert _read(path) == ()
