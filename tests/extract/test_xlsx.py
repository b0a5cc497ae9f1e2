"""Excel workbooks: sheets in order, text rows and tables, merged cells as DOCX gives them, numbers as Excel shows them."""

from __future__ import annotations

import datetime as dt
import io
import re
import sys
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

import extract
from extract.records import RawDocument, RawTable, RawText
from extract.xlsx import MAX_SHEET_CELLS, read_xlsx, render_value
from core.errors import CorruptFileError, EncryptedFileError, TooLargeError

LAYOUTS = Path(__file__).resolve().parents[1] / "data" / "layouts"

Cell = tuple[str, int, int, bool]  # text, col, colspan, continued


def cells(row) -> list[Cell]:
    return [(c.text, c.col, c.colspan, c.continued) for c in row.cells]


def put(ws: Worksheet, ref: str, value: object, fmt: str | None = None, merge: str | None = None) -> None:
    """Write ``value`` at ``ref`` (with number format ``fmt``), merging ``ref:merge`` when given."""
    ws[ref] = value
    if fmt:
        ws[ref].number_format = fmt
    if merge:
        ws.merge_cells(f"{ref}:{merge}")


def layout_b_numbers(ws: Worksheet, r: int, shift: int = 0) -> int:
    """A layout-B project table from row ``r`` (title merged A:F, 一级 and 二级 merged down), amounts and values
    stored as numbers, ``shift`` columns right of column A; returns the row after it."""

    def at(ref: str, value: object, fmt: str | None = None, merge: str | None = None) -> None:
        def moved(a1: str) -> str:
            col, row = re.fullmatch(r"([A-Z])(\d+)", a1).groups()
            return f"{chr(ord(col) + shift)}{row}"

        put(ws, moved(ref), value, fmt, moved(merge) if merge else None)

    at(f"A{r}", "项目支出绩效目标表", merge=f"F{r}")
    at(f"A{r + 1}", "项目名称")
    at(f"B{r + 1}", "校舍维修改造工程", merge=f"F{r + 1}")
    at(f"A{r + 2}", "主管部门")
    at(f"B{r + 2}", "某市教育局", merge=f"C{r + 2}")
    at(f"D{r + 2}", "实施单位")
    at(f"E{r + 2}", "某市第一中学", merge=f"F{r + 2}")
    at(f"A{r + 3}", "项目资金（万元）", merge=f"A{r + 5}")
    for i, (label, amount) in enumerate((("年度资金总额", 398.0), ("其中：财政拨款", 398), ("其他资金", 0))):
        at(f"B{r + 3 + i}", label)
        at(f"C{r + 3 + i}", amount, "0.00", merge=f"F{r + 3 + i}")
    at(f"A{r + 6}", "年度绩效目标")
    at(f"B{r + 6}", "完成校舍维修改造。", merge=f"F{r + 6}")
    for col, head in zip("ABCDEF", ("一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位")):
        at(f"{col}{r + 7}", head)
    at(f"A{r + 8}", "产出指标", merge=f"A{r + 10}")
    at(f"B{r + 8}", "数量指标", merge=f"B{r + 9}")
    rows = (
        ("维修改造面积", "≥", 18000.0, None, "平方米"),
        ("更换门窗数量", "≥", 17.5, None, "套"),
        ("工程完工时限", "≤", 90, "0", "天"),
    )
    for i, (name, op, value, fmt, unit) in enumerate(rows):
        at(f"C{r + 8 + i}", name)
        at(f"D{r + 8 + i}", op)
        at(f"E{r + 8 + i}", value, fmt)
        at(f"F{r + 8 + i}", unit)
    at(f"B{r + 10}", "时效指标")
    at(f"A{r + 11}", "满意度指标")
    at(f"B{r + 11}", "服务对象满意度指标")
    at(f"C{r + 11}", "师生满意度")
    at(f"D{r + 11}", "≥")
    at(f"E{r + 11}", 0.95, "0%")
    return r + 12


# The rows of layout_b_numbers after its title, as read: (text, col, colspan, continued).
NUMBERS_ROWS: list[list[Cell]] = [
    [("项目名称", 0, 1, False), ("校舍维修改造工程", 1, 5, False)],
    [("主管部门", 0, 1, False), ("某市教育局", 1, 2, False), ("实施单位", 3, 1, False), ("某市第一中学", 4, 2, False)],
    [("项目资金（万元）", 0, 1, False), ("年度资金总额", 1, 1, False), ("398.00", 2, 4, False)],
    [("", 0, 1, True), ("其中：财政拨款", 1, 1, False), ("398.00", 2, 4, False)],
    [("", 0, 1, True), ("其他资金", 1, 1, False), ("0.00", 2, 4, False)],
    [("年度绩效目标", 0, 1, False), ("完成校舍维修改造。", 1, 5, False)],
    [(h, i, 1, False) for i, h in enumerate(("一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位"))],
    [("产出指标", 0, 1, False), ("数量指标", 1, 1, False), ("维修改造面积", 2, 1, False), ("≥", 3, 1, False),
     ("18000", 4, 1, False), ("平方米", 5, 1, False)],
    [("", 0, 1, True), ("", 1, 1, True), ("更换门窗数量", 2, 1, False), ("≥", 3, 1, False), ("17.5", 4, 1, False),
     ("套", 5, 1, False)],
    [("", 0, 1, True), ("时效指标", 1, 1, False), ("工程完工时限", 2, 1, False), ("≤", 3, 1, False), ("90", 4, 1, False),
     ("天", 5, 1, False)],
    [("满意度指标", 0, 1, False), ("服务对象满意度指标", 1, 1, False), ("师生满意度", 2, 1, False), ("≥", 3, 1, False),
     ("95%", 4, 1, False), ("", 5, 1, False)],
]


def layout_b_text(ws: Worksheet, r: int) -> int:
    """A short layout-B table from row ``r`` with amounts and values stored as text; returns the row after it."""
    put(ws, f"A{r}", "项目支出绩效目标表", merge=f"F{r}")
    put(ws, f"A{r + 1}", "项目名称")
    put(ws, f"B{r + 1}", "家庭经济困难学生资助", merge=f"F{r + 1}")
    put(ws, f"A{r + 2}", "项目资金（万元）", merge=f"A{r + 3}")
    put(ws, f"B{r + 2}", "年度资金总额")
    put(ws, f"C{r + 2}", "56.80", "@", merge=f"F{r + 2}")
    put(ws, f"B{r + 3}", "其他资金")  # its amount left blank: a row with one cell of its own, inside the table
    ws.merge_cells(f"C{r + 3}:F{r + 3}")
    for col, head in zip("ABCDEF", ("一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位")):
        put(ws, f"{col}{r + 4}", head)
    for col, value in zip("ABCDEF", ("产出指标", "数量指标", "资助学生人次", "≥", "0320", "人次")):
        put(ws, f"{col}{r + 5}", value, "@")
    return r + 6


def save(wb: openpyxl.Workbook, path: Path) -> Path:
    wb.save(path)
    return path


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Sheet 第一中学: the number table, a blank row, the text table. Sheet 财政局: a title merged over two rows,
    a lone 单位：万元 cell, the number table starting in column B."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "第一中学"
    end = layout_b_numbers(ws, 1)
    layout_b_text(ws, end + 1)
    ws2 = wb.create_sheet("财政局")
    put(ws2, "B1", "预算绩效管理第三方服务绩效目标表", merge="G2")
    put(ws2, "G3", "单位：万元")
    layout_b_numbers(ws2, 4, shift=1)
    return save(wb, tmp_path_factory.mktemp("xlsx") / "goals.xlsx")


@pytest.fixture(scope="module")
def doc(workbook: Path) -> RawDocument:
    return read_xlsx(workbook)


def test_blocks_are_titles_and_tables_sheet_by_sheet(doc: RawDocument, workbook: Path) -> None:
    assert doc.format == "xlsx" and doc.path == str(workbook) and doc.n_pages is None
    assert [(type(b).__name__, b.text if isinstance(b, RawText) else b.index) for b in doc.blocks] == [
        ("RawText", "项目支出绩效目标表"),
        ("RawTable", 0),
        ("RawText", "项目支出绩效目标表"),
        ("RawTable", 1),
        ("RawText", "预算绩效管理第三方服务绩效目标表"),  # merged over B1:G2: one text, not two
        ("RawText", "单位：万元"),
        ("RawText", "项目支出绩效目标表"),
        ("RawTable", 2),
    ]
    texts = [b for b in doc.blocks if isinstance(b, RawText)]
    assert [t.ref for t in texts] == ["sheet '第一中学' row 1", "sheet '第一中学' row 14", "sheet '财政局' row 1",
                                      "sheet '财政局' row 3", "sheet '财政局' row 4"]
    assert all(t.page is None for t in texts) and all(t.page is None for t in doc.tables)


def test_layout_b_table_rows_exactly(doc: RawDocument) -> None:
    table = doc.tables[0]
    assert [cells(r) for r in table.rows] == NUMBERS_ROWS
    assert [r.ref for r in table.rows] == [f"sheet '第一中学' row {i}" for i in range(2, 13)]
    assert all(r.page is None and r.bbox is None for r in table.rows)


def test_stacked_text_table_keeps_text_numbers_and_the_blank_amount_row(doc: RawDocument) -> None:
    table = doc.tables[1]
    assert [cells(r) for r in table.rows] == [
        [("项目名称", 0, 1, False), ("家庭经济困难学生资助", 1, 5, False)],
        [("项目资金（万元）", 0, 1, False), ("年度资金总额", 1, 1, False), ("56.80", 2, 4, False)],
        [("", 0, 1, True), ("其他资金", 1, 1, False), ("", 2, 4, False)],
        [(h, i, 1, False) for i, h in enumerate(("一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位"))],
        [(v, i, 1, False) for i, v in enumerate(("产出指标", "数量指标", "资助学生人次", "≥", "0320", "人次"))],
    ]
    assert table.rows[0].ref == "sheet '第一中学' row 15"


def test_second_sheet_table_counts_columns_from_its_left_edge(doc: RawDocument) -> None:
    table = doc.tables[2]
    assert [cells(r) for r in table.rows] == NUMBERS_ROWS
    assert table.rows[0].ref == "sheet '财政局' row 5"


def test_tables_stacked_without_a_blank_row_split_at_the_title(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "宁河"
    end = layout_b_numbers(ws, 1)
    layout_b_numbers(ws, end)
    doc = read_xlsx(save(wb, tmp_path / "two.xlsx"))
    assert [type(b).__name__ for b in doc.blocks] == ["RawText", "RawTable"] * 2
    assert [cells(r) for r in doc.tables[1].rows] == NUMBERS_ROWS
    assert doc.blocks[2].ref == "sheet '宁河' row 13"


def test_lone_cells(tmp_path: Path) -> None:
    """A lone cell between table rows stays in the table; one spanning the sheet, or outside a table, is text."""
    wb = openpyxl.Workbook()
    ws = wb.active
    for r, row in enumerate(
        (("单位：万元",), ("a", "b", "c"), (None, "lone"), ("d", "e", "f"), ("绩效指标",), ("g", "h", "i"), ("备注",)),
        start=1,
    ):
        for c, value in enumerate(row, start=1):
            if value is not None:
                ws.cell(r, c, value)
    ws.merge_cells("A5:C5")
    doc = read_xlsx(save(wb, tmp_path / "lone.xlsx"))
    assert [(type(b).__name__, b.text if isinstance(b, RawText) else [r.texts for r in b.rows]) for b in doc.blocks] == [
        ("RawText", "单位：万元"),
        ("RawTable", [("a", "b", "c"), ("", "lone", ""), ("d", "e", "f")]),
        ("RawText", "绩效指标"),
        ("RawTable", [("g", "h", "i")]),
        ("RawText", "备注"),
    ]


def test_a_merge_ending_a_table_does_not_repeat_as_text(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    put(ws, "A1", "满意度指标", merge="A3")
    for r in (1, 2):
        put(ws, f"B{r}", f"指标{r}")
        put(ws, f"C{r}", 90)
    doc = read_xlsx(save(wb, tmp_path / "tail.xlsx"))
    assert [type(b).__name__ for b in doc.blocks] == ["RawTable"]
    assert [cells(r) for r in doc.tables[0].rows][2] == [("", 0, 1, True), ("", 1, 1, False), ("", 2, 1, False)]


@pytest.mark.parametrize(
    ("value", "fmt", "shown"),
    [
        (398.0, "0.00", "398.00"),
        (398, "0.00", "398.00"),
        (398.0, "0", "398"),
        (398.4, "0", "398"),
        (2.675, "0.00", "2.68"),  # half up on the decimal Excel shows, not on the binary float
        (18000.0, "General", "18000"),
        (17.5, "General", "17.5"),
        (398.0000000001, "General", "398"),
        (0.1 + 0.2, "General", "0.3"),
        (123456789.12, "General", "123456789.12"),  # never fewer than 2 decimals: cents survive
        (123456789012345, "General", "123456789012345"),  # integers exactly
        (1e-7, "General", "0.0000001"),
        (-0.0, "General", "0"),
        (0.95, "0%", "95%"),
        (0.955, "0.00%", "95.50%"),
        (1, "0%", "100%"),
        (18000, "#,##0", "18,000"),
        (18000, "#,##0.00_ ", "18,000.00"),
        (-1234.5, "#,##0.00_);[Red](#,##0.00)", "-1,234.50"),
        (3.14159, "0.0#", "3.14"),
        (3.1, "0.0#", "3.1"),
        (7, "000", "007"),
        (0, "#", "0"),
        (12, '0"人"', "12人"),
        (95, '0"%"', "95%"),
        (5.5, "[$¥-804]#,##0.00", "¥5.50"),
        (150000.0, "0.00E+00", "150000"),  # scientific and fraction formats: the plain number
        (0.5, "# ?/?", "0.5"),
        (3, "@", "3"),
        ("56.80", "@", "56.80"),
        ("  ≥ 90% ", "General", "  ≥ 90% "),
        ("行一_x000D_\n行二", "General", "行一\r\n行二"),
        ("_x005F_x000D_", "General", "_x000D_"),
        (True, "General", "TRUE"),
        (None, "General", ""),
        (dt.datetime(2024, 3, 1), "yyyy-mm-dd", "2024-03-01"),
        (dt.datetime(2024, 3, 1, 9, 30), "yyyy-mm-dd h:mm", "2024-03-01 09:30:00"),
        (dt.date(2024, 3, 1), "yyyy/m/d", "2024-03-01"),
        (dt.time(9, 30), "h:mm", "09:30:00"),
    ],
)
def test_render_value(value: object, fmt: str, shown: str) -> None:
    assert render_value(value, fmt) == shown


def test_numbers_dates_and_formulas_in_a_file(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    put(ws, "A1", "日期")
    put(ws, "B1", dt.datetime(2024, 1, 31), 'yyyy"年"m"月"d"日"')
    put(ws, "A2", "合计")
    put(ws, "B2", "=1+1")
    put(ws, "C2", 0.9, "0.0%")
    path = save(wb, tmp_path / "values.xlsx")
    # openpyxl writes no cached formula value; give B2 the value Excel would have stored.
    data = path.read_bytes()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            part = zin.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                part, n = re.subn(rb"<f>1\+1</f><v\s*/>|<f>1\+1</f><v></v>|<f>1\+1</f>", b"<f>1+1</f><v>2</v>", part)
                assert n == 1
            zout.writestr(info, part)
    path.write_bytes(out.getvalue())
    doc = read_xlsx(path)
    assert [r.texts for r in doc.tables[0].rows] == [("日期", "2024-01-31", ""), ("合计", "2", "90.0%")]


def test_hidden_sheets_are_skipped(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active["A1"], wb.active["B1"] = "项目名称", "甲"
    lists = wb.create_sheet("下拉选项")
    lists["A1"], lists["B1"] = "是", "否"
    lists.sheet_state = "hidden"
    doc = read_xlsx(save(wb, tmp_path / "hidden.xlsx"))
    assert [r.ref for t in doc.tables for r in t.rows] == ["sheet 'Sheet' row 1"]


def test_empty_workbooks_give_an_empty_document(tmp_path: Path) -> None:
    empty = save(openpyxl.Workbook(), tmp_path / "empty.xlsx")
    assert read_xlsx(empty).blocks == ()
    out = io.BytesIO()
    with zipfile.ZipFile(empty) as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            part = zin.read(info)
            if info.filename == "xl/workbook.xml":
                part = re.sub(rb"<sheets>.*</sheets>", b"<sheets/>", part)
            zout.writestr(info, part)
    no_sheets = tmp_path / "no_sheets.xlsx"
    no_sheets.write_bytes(out.getvalue())
    assert extract.read_document(no_sheets).blocks == ()
    styled = openpyxl.Workbook()
    styled.active["C3"].number_format = "0.00"  # a formatted cell with no value is not content
    styled.active["D4"] = "   "
    assert read_xlsx(save(styled, tmp_path / "styled.xlsx")).blocks == ()


def test_read_document_reads_xlsx_by_content_not_name(tmp_path: Path, workbook: Path, doc: RawDocument) -> None:
    misnamed = tmp_path / "goals.pdf"
    misnamed.write_bytes(workbook.read_bytes())
    got = extract.read_document(misnamed)
    assert got.format == "xlsx" and got.blocks == doc.blocks


def test_damaged_workbooks_are_corrupt(tmp_path: Path, workbook: Path) -> None:
    data = workbook.read_bytes()
    truncated = tmp_path / "truncated.xlsx"
    truncated.write_bytes(data[: len(data) // 2])
    with pytest.raises(CorruptFileError):
        read_xlsx(truncated)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            part = zin.read(info)
            zout.writestr(info, part[: len(part) // 2] if info.filename == "xl/worksheets/sheet1.xml" else part)
    broken = tmp_path / "broken_sheet.xlsx"
    broken.write_bytes(out.getvalue())
    with pytest.raises(CorruptFileError) as info:
        extract.read_document(broken)
    assert "Excel 文件已损坏" in str(info.value) and "damaged" in str(info.value)
    assert info.value.path == str(broken)
    shell = tmp_path / "shell.xlsx"  # sniffed as xlsx (it has xl/workbook.xml) but no workbook inside
    with zipfile.ZipFile(shell, "w") as z:
        z.writestr("[Content_Types].xml", b"<Types/>")
        z.writestr("xl/workbook.xml", b"<workbook/>")
    with pytest.raises(CorruptFileError):
        extract.read_document(shell)


def test_password_protected_xlsx_is_refused_by_sniff(tmp_path: Path) -> None:
    """Excel encrypts a workbook into an OLE container (EncryptionInfo, EncryptedPackage): not a zip at all."""
    path = tmp_path / "locked.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100 + "EncryptionInfo".encode("utf-16-le") + b"\x00" * 100)
    with pytest.raises(EncryptedFileError):
        extract.read_document(path)


def test_a_sheet_over_the_cell_limit_is_refused(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "宁河"
    for r in range(1, 11):
        for c in range(1, 11):
            ws.cell(r, c, r * c)
    path = save(wb, tmp_path / "big.xlsx")
    assert len(read_xlsx(path, max_cells=100).tables[0].rows) == 10
    with pytest.raises(TooLargeError, match="宁河") as info:
        read_xlsx(path, max_cells=99)
    assert "100" in str(info.value) and "99" in str(info.value)


def test_a_workbook_over_the_total_limit_is_refused(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    for sheet in range(3):
        ws = wb.active if sheet == 0 else wb.create_sheet(f"单位{sheet}")
        for r in range(1, 11):
            ws.cell(r, 1, "a"), ws.cell(r, 2, "b")
    path = save(wb, tmp_path / "many.xlsx")
    assert len(read_xlsx(path, max_cells=20, max_total_cells=60).tables) == 3
    with pytest.raises(TooLargeError, match="workbook holds 60 cells, over the limit of 59"):
        read_xlsx(path, max_cells=20, max_total_cells=59)


def test_a_huge_merged_range_is_refused_before_loading(tmp_path: Path) -> None:
    """openpyxl makes an object for every position a merged range covers: A1:XFD1048576 must never reach it."""
    wb = openpyxl.Workbook()
    wb.active["A1"] = "x"
    path = save(wb, tmp_path / "bomb.xlsx")
    out = io.BytesIO()
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            part = zin.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                part = part.replace(b"</sheetData>", b'</sheetData><mergeCells count="1"><mergeCell ref="A1:XFD1048576"/>'
                                    b"</mergeCells>")
            zout.writestr(info, part)
    path.write_bytes(out.getvalue())
    start = time.perf_counter()
    with pytest.raises(TooLargeError, match=f"{MAX_SHEET_CELLS:,}"):
        read_xlsx(path)
    assert time.perf_counter() - start < 5


def test_a_stray_far_cell_costs_nothing(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"], ws["B1"] = "项目名称", "甲"
    ws["XFD1048576"] = "x"
    ws["XFC1048575"].number_format = "0.00"
    start = time.perf_counter()
    doc = read_xlsx(save(wb, tmp_path / "stray.xlsx"))
    assert time.perf_counter() - start < 5
    assert [cells(r) for r in doc.tables[0].rows] == [[("项目名称", 0, 1, False), ("甲", 1, 1, False)]]
    assert doc.blocks[1] == RawText("x", ref="sheet 'Sheet' row 1048576")


# --------------------------------------------------------------------------- the shared layout fixture

FIXTURE = LAYOUTS / "layout_b_project.xlsx"


@pytest.mark.skipif(not FIXTURE.exists(), reason="run tests/make_layouts.py")
def test_layout_b_project_fixture() -> None:
    doc = read_xlsx(FIXTURE)
    assert [type(b).__name__ for b in doc.blocks] == ["RawText", "RawTable"] * 3
    repair, aid, finance = doc.tables
    assert [len(t.rows) for t in doc.tables] == [17, 15, 16]
    assert [r.ref for r in (repair.rows[0], aid.rows[0], finance.rows[0])] == [
        "sheet '第一中学' row 2", "sheet '第一中学' row 21", "sheet '财政局' row 2"]
    amounts = [r.texts[2] for t in doc.tables for r in t.rows[2:5]]
    assert amounts == ["186.5", "180", "6.5", "56.80", "56.80", "", "120", "120", "0"]  # numbers, then text
    assert cells(repair.rows[8]) == [("", 0, 1, True), ("", 1, 1, True), ("更换门窗数量", 2, 1, False),
                                     ("≥", 3, 1, False), ("180", 4, 1, False), ("套", 5, 1, False)]
    assert finance.rows[12].texts == ("", "", "单个项目评价费用", "≤", "2.5", "万元/个")


@pytest.mark.skipif(not FIXTURE.exists(), reason="run tests/make_layouts.py")
def test_layout_b_project_fixture_indicators_parse() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from layout_cases import CASES

    from transform.layout import parse_goal_tables

    found = parse_goal_tables(read_xlsx(FIXTURE))
    expected = CASES[FIXTURE.name].tables
    assert [(t.title, t.project_name, t.unit_name) for t in found] == [
        (t.title, t.project_name, t.unit_name) for t in expected]
    assert [[(i.level1, i.level2, i.level3, i.description, i.target_raw) for i in t.indicators] for t in found] == [
        list(t.indicators) for t in expected]
    assert all(isinstance(t, RawTable) for t in read_xlsx(FIXTURE).tables)
