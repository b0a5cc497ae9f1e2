"""Workbooks where a reader of the XML could part from openpyxl's full mode (which extract.xlsx read through
until issue 16): dates in both date systems, times, durations and percents; merged ranges with an empty top-left
cell or overlapping another; formulas without a cached value; rich and inline strings; hidden, very hidden and
chart sheets and repeated sheet names. Each is a real .xlsx written with openpyxl (patched where openpyxl cannot
write the case), read to its exact rows: the rows the old reader gave for the same file."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.chart import BarChart, Reference
from openpyxl.utils.datetime import CALENDAR_MAC_1904

from core.errors import TooLargeError
from extract.records import RawDocument, RawText
from extract.xlsx import check_sheet_sizes, read_xlsx

Cell = tuple[str, int, int, bool]  # text, col, colspan, continued


def blocks(doc: RawDocument) -> list[tuple[str, object]]:
    """Each block as ("text", text, ref) or ("table", [row ref and (text, col, colspan, continued) per cell])."""
    return [("text", b.text, b.ref) if isinstance(b, RawText) else
            ("table", [(r.ref, [(c.text, c.col, c.colspan, c.continued) for c in r.cells]) for r in b.rows])
            for b in doc.blocks]


def saved(wb: openpyxl.Workbook, path: Path) -> Path:
    wb.save(path)
    return path


def patched(path: Path, part: str, change: Callable[[str], str]) -> Path:
    """``path`` with its zip part ``part`` rewritten by ``change`` (text in, text out)."""
    out = io.BytesIO()
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            zout.writestr(info, change(data.decode()).encode() if info.filename == part else data)
    path.write_bytes(out.getvalue())
    return path


@pytest.mark.parametrize("epoch", ["1900", "1904"])
def test_dates_times_durations_and_percents_read_as_excel_shows_them(tmp_path: Path, epoch: str) -> None:
    """The 1904 date system moves every serial number by four years; the dates must not move."""
    wb = openpyxl.Workbook()
    if epoch == "1904":
        wb.epoch = CALENDAR_MAC_1904
    values = [("开始", dt.datetime(2024, 3, 1), "yyyy-mm-dd"), ("时刻", dt.datetime(2024, 3, 1, 9, 30), "yyyy-mm-dd h:mm"),
              ("时间", dt.time(9, 30), "h:mm"), ("周期", dt.timedelta(hours=36), "[h]:mm:ss"),
              ("年月日", dt.date(2024, 1, 31), 'yyyy"年"m"月"d"日"'), ("内置", dt.date(2024, 1, 31), "mm-dd-yy"),
              ("满意度", 0.95, "0%"), ("完成率", 0.955, "0.00%"), ("自定义", 0.9, "0.0%"), ("序号", 45352, "0")]
    for r, (label, value, fmt) in enumerate(values, 1):
        wb.active.cell(r, 1, label)
        wb.active.cell(r, 2, value).number_format = fmt
    doc = read_xlsx(saved(wb, tmp_path / f"dates_{epoch}.xlsx"))
    shown = ["2024-03-01", "2024-03-01 09:30:00", "09:30:00", "1 day, 12:00:00", "2024-01-31", "2024-01-31", "95%",
             "95.50%", "90.0%", "45352"]
    assert blocks(doc) == [("table", [(f"sheet 'Sheet' row {r}", [(label, 0, 1, False), (text, 1, 1, False)])
                                      for r, ((label, _, _), text) in enumerate(zip(values, shown), 1)])]


def test_a_merged_range_whose_top_left_cell_is_empty(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "项目名称"
    ws.merge_cells("B1:D1")
    ws["A2"], ws["B2"], ws["C2"], ws["D2"] = "金额", 10, 20, 30
    ws["B3"], ws["B4"], ws["C3"], ws["C4"] = "一", "二", "x", "y"
    ws.merge_cells("A3:A4")
    assert blocks(read_xlsx(saved(wb, tmp_path / "empty_anchor.xlsx"))) == [("table", [
        ("sheet 'Sheet' row 1", [("项目名称", 0, 1, False), ("", 1, 3, False)]),
        ("sheet 'Sheet' row 2", [("金额", 0, 1, False), ("10", 1, 1, False), ("20", 2, 1, False), ("30", 3, 1, False)]),
        ("sheet 'Sheet' row 3", [("", 0, 1, False), ("一", 1, 1, False), ("x", 2, 1, False), ("", 3, 1, False)]),
        ("sheet 'Sheet' row 4", [("", 0, 1, True), ("二", 1, 1, False), ("y", 2, 1, False), ("", 3, 1, False)]),
    ])]


def test_a_merge_overlapping_another_reads_as_plain_cells_emptied_under_it(tmp_path: Path) -> None:
    """B2:C3 overlaps A1:B2: the first merge stands, the second does not, and what it covers past its top-left
    cell (C2, B3, C3: 戊 with them) is empty, as openpyxl left it; its top-left B2 is under A1:B2."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"], ws["C1"], ws["A3"], ws["B2"], ws["C3"] = "甲", "乙", "丙", "丁", "戊"
    ws.merge_cells("A1:B2")
    ws.merge_cells("B2:C3")
    assert blocks(read_xlsx(saved(wb, tmp_path / "overlap.xlsx"))) == [
        ("table", [("sheet 'Sheet' row 1", [("甲", 0, 2, False), ("乙", 2, 1, False)]),
                   ("sheet 'Sheet' row 2", [("", 0, 2, True), ("", 2, 1, False)])]),
        ("text", "丙", "sheet 'Sheet' row 3"),
    ]


def test_formulas_without_a_cached_value_read_empty_and_rich_text_joins_its_runs(tmp_path: Path) -> None:
    """openpyxl writes a formula with no cached value (Excel has not computed it): nothing to show."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"], ws["B1"], ws["C1"] = "合计", "=1+1", '=A1&"x"'
    ws["A2"], ws["B2"] = "目标", CellRichText(["年度", TextBlock(InlineFont(b=True), "目标")])
    assert blocks(read_xlsx(saved(wb, tmp_path / "formula_rich.xlsx"))) == [
        ("text", "合计", "sheet 'Sheet' row 1"),
        ("table", [("sheet 'Sheet' row 2", [("目标", 0, 1, False), ("年度目标", 1, 1, False)])]),
    ]


def test_inline_strings_plain_rich_spaced_and_escaped(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"], ws["B1"], ws["A2"], ws["B2"] = "项目名称", "甲", "单位", "乙"
    inline = {"B1": "<is><r><t>校舍</t></r><r><rPr><b/></rPr><t>维修</t></r></is>",
              "A2": '<is><t xml:space="preserve"> 单位 </t></is>', "B2": "<is><t>行一_x000D_\n行二</t></is>"}

    def rewrite(xml: str) -> str:
        for ref, content in inline.items():
            xml, n = re.subn(rf'<c r="{ref}" t="inlineStr"><is>.*?</is></c>', f'<c r="{ref}" t="inlineStr">{content}</c>',
                             xml)
            assert n == 1, ref
        return xml

    path = patched(saved(wb, tmp_path / "inline.xlsx"), "xl/worksheets/sheet1.xml", rewrite)
    assert blocks(read_xlsx(path)) == [("table", [
        ("sheet 'Sheet' row 1", [("项目名称", 0, 1, False), ("校舍维修", 1, 1, False)]),
        ("sheet 'Sheet' row 2", [(" 单位 ", 0, 1, False), ("行一\r\n行二", 1, 1, False)]),
    ])]


def _sheets_workbook(path: Path, chart: bool = True) -> Path:
    """宁河; 下拉 (very hidden); a chart sheet; then two sheets renamed in workbook.xml to 宁河 again and to ""."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "宁河"
    ws["A1"], ws["B1"] = "项目名称", "甲"
    lists = wb.create_sheet("下拉")
    lists["A1"], lists["B1"] = "是", "否"
    lists.sheet_state = "veryHidden"
    sheet = wb.create_chartsheet("图表")
    if chart:
        bars = BarChart()
        bars.add_data(Reference(ws, min_col=2, min_row=1, max_row=1))
        sheet.add_chart(bars)
    for title, value in (("宁河2", "乙"), ("宁河3", "丙")):
        more = wb.create_sheet(title)
        more["A1"], more["B1"] = "项目名称", value
    return patched(saved(wb, path), "xl/workbook.xml",
                   lambda xml: xml.replace('name="宁河2"', 'name="宁河"').replace('name="宁河3"', 'name=""'))


def test_sheets_in_order_hidden_and_chart_sheets_skipped_repeated_names_numbered(tmp_path: Path) -> None:
    """openpyxl titles a sheet whose name is taken 宁河1 and a sheet without a name Sheet: the refs say so."""
    doc = read_xlsx(_sheets_workbook(tmp_path / "sheets.xlsx"))
    assert blocks(doc) == [("table", [(f"sheet '{title}' row 1", [("项目名称", 0, 1, False), (value, 1, 1, False)])])
                           for title, value in (("宁河", "甲"), ("宁河1", "乙"), ("Sheet", "丙"))]


def test_a_chart_sheet_without_a_chart_no_longer_fails(tmp_path: Path) -> None:
    """openpyxl's full mode failed on it (AttributeError on the chart sheet's missing relationships), so the
    old reader refused the workbook as damaged; its worksheets read now."""
    doc = read_xlsx(_sheets_workbook(tmp_path / "empty_chart.xlsx", chart=False))
    assert [r.ref for t in doc.tables for r in t.rows] == ["sheet '宁河' row 1", "sheet '宁河1' row 1",
                                                           "sheet 'Sheet' row 1"]


def test_hidden_sheets_count_towards_the_limits(tmp_path: Path) -> None:
    """A hidden sheet is not read, but it is held to the same limit: its XML is streamed all the same."""
    wb = openpyxl.Workbook()
    wb.active["A1"], wb.active["B1"] = "项目名称", "甲"
    lists = wb.create_sheet("下拉")
    for r in range(1, 11):
        for c in range(1, 11):
            lists.cell(r, c, "是")
    lists.sheet_state = "hidden"
    path = saved(wb, tmp_path / "hidden_big.xlsx")
    assert len(read_xlsx(path, max_cells=100).tables) == 1
    with pytest.raises(TooLargeError, match="The sheet '下拉' holds 100 cells, over the limit of 99"):
        read_xlsx(path, max_cells=99)
    with pytest.raises(TooLargeError, match="The workbook holds 102 cells, over the limit of 101"):
        read_xlsx(path, max_total_cells=101)


def test_check_sheet_sizes_alone_from_a_path_or_bytes(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "宁河"
    ws["A1"] = "x"
    ws.merge_cells("A1:J10")  # 1 stored cell, 100 merged positions: 101 in all
    path = saved(wb, tmp_path / "merged.xlsx")
    check_sheet_sizes(path, max_cells=101)
    check_sheet_sizes(tmp_path / "elsewhere.xlsx", max_cells=101, data=path.read_bytes())
    for kwargs in ({}, {"data": path.read_bytes()}):
        with pytest.raises(TooLargeError, match="The sheet '宁河' holds 101 cells, over the limit of 100"):
            check_sheet_sizes(path, max_cells=100, **kwargs)
