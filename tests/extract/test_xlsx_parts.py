"""The lxml reader of a workbook (extract.xlsxparts, extract.xlsxsheet) against openpyxl's full mode, which it
replaced: for workbooks written by openpyxl and workbooks written here as raw XML (inline and rich strings,
cells without references, duplicates, values under merges, formulas with and without a cached value, the 1904
date system, custom and undefined number formats), every visible sheet's title, the text of every stored cell
and the merged ranges in order come out exactly as openpyxl's full mode gave them to the old reader."""

from __future__ import annotations

import datetime as dt
import io
import warnings
import zipfile
from xml.sax.saxutils import escape, quoteattr

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import CALENDAR_MAC_1904

from extract.xlsxparts import DEFAULT_STYLES, read_package, read_strings, read_styles, text_content
from extract.xlsxsheet import merged_ranges, scan_sheet, sheet_texts
from extract.xlsxvalues import render_value

View = list[tuple[str, dict[tuple[int, int], str], list[tuple[int, int, int, int]]]]
ALL = 10**6  # keep every cell


def openpyxl_view(data: bytes) -> View:
    """Each visible sheet as the old reader took it from openpyxl's full mode: title, text of each stored cell
    with a value, merged ranges in the order it walked them."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # as the old reader did: a date out of range, an unknown extension
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=False, data_only=True, keep_links=False)
    view = []
    for ws in wb.worksheets:
        if ws.sheet_state != "visible":
            continue
        texts = {pos: render_value(cell.value, cell.number_format) for pos, cell in ws._cells.items()
                 if cell.value is not None}
        ranges = [(m.min_row, m.min_col, m.max_row, m.max_col)
                  for m in sorted(ws.merged_cells.ranges, key=lambda m: (m.min_row, m.min_col))]
        view.append((ws.title, texts, ranges))
    return view


def lxml_view(data: bytes) -> View:
    """The same, from the lxml reader."""
    view = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        book = read_package(archive)
        strings = read_strings(archive, book.strings) if book.strings is not None else []
        styles = read_styles(archive)
        for sheet in book.sheets:
            if sheet.state != "visible" or sheet.chart:
                continue
            with archive.open(sheet.part) as stream:
                xml = scan_sheet(stream, ALL)
            ranges = merged_ranges(xml)
            view.append((sheet.title, sheet_texts(xml, ranges, strings, styles, book.epoch), ranges))
    return view


# --------------------------------------------------------------------------- workbooks written by openpyxl

FORMATS = ["General", "0.00", "0", "0%", "0.00%", "#,##0", "#,##0.00_ ", '0"人"', "@", "yyyy-mm-dd", "m/d/yy",
           'yyyy"年"m"月"d"日"', "h:mm", "yyyy-mm-dd h:mm:ss", "[h]:mm:ss", "0.00E+00", "[$¥-804]#,##0.00"]
TEXT = st.text(st.sampled_from("项目资金万元 ≥≤%._x0D5F-0123ab\n\r"), max_size=12)
VALUES = st.one_of(
    st.none(),
    st.integers(-10**12, 10**12),
    st.floats(-1e9, 1e9, allow_nan=False, allow_infinity=False),
    st.floats(0, 1, allow_nan=False),  # times of day, when the format is a date's
    TEXT,
    st.booleans(),
    st.datetimes(dt.datetime(1900, 3, 1), dt.datetime(2100, 1, 1)),
    st.dates(dt.date(1904, 1, 2), dt.date(2100, 1, 1)),
)
CELL = st.tuples(st.integers(1, 8), st.integers(1, 6), VALUES, st.sampled_from(FORMATS))
MERGE = st.tuples(st.integers(1, 8), st.integers(1, 6), st.integers(0, 3), st.integers(0, 3))


def _sheet(ws, cells, merges) -> None:
    for r, c, value, fmt in cells:
        ws.cell(r, c, value).number_format = fmt
    for r, c, h, w in merges:  # after the values: openpyxl clears what a merge covers as it merges
        ws.merge_cells(start_row=r, start_column=c, end_row=r + h, end_column=c + w)


@settings(max_examples=60, deadline=None, derandomize=True, database=None)
@given(cells=st.lists(CELL, max_size=30), merges=st.lists(MERGE, max_size=5),
       hidden=st.lists(CELL, max_size=5), date1904=st.booleans())
def test_workbooks_written_by_openpyxl_read_as_openpyxl_reads_them(cells, merges, hidden, date1904) -> None:
    wb = openpyxl.Workbook()
    if date1904:
        wb.epoch = CALENDAR_MAC_1904
    _sheet(wb.active, cells, merges)
    lists = wb.create_sheet("下拉选项")
    _sheet(lists, hidden, [])
    lists.sheet_state = "hidden"
    _sheet(wb.create_sheet("第二"), cells[::-1], merges[:2])
    out = io.BytesIO()
    wb.save(out)
    assert lxml_view(out.getvalue()) == openpyxl_view(out.getvalue())


# --------------------------------------------------------------------------- workbooks written as raw XML

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
STRINGS = [
    "<si><t>项目名称</t></si>",
    '<si><t xml:space="preserve">  ≥ 90% </t></si>',
    "<si><r><t>年度</t></r><r><rPr><b/><sz val=\"11\"/></rPr><t>目标</t></r></si>",  # rich text: runs joined
    "<si><t>行一_x000D_\n行二</t></si>",
    "<si><t>_x005F_x000D_ stays</t></si>",  # openpyxl drops x005F_ in shared strings only
    '<si><t>校舍</t><rPh sb="0" eb="2"><t>xiaoshe</t></rPh><phoneticPr fontId="1"/></si>',  # no phonetic guide
    "<si><t/></si>",
]
# openpyxl numbers the custom codes from 164 in the order cellXfs first uses them (201's 0.0% first; 203's 0.00 is
# built in), and then shows the undefined 164 as 0.0%: 0.5 reads 50.0%.
STYLES = (f"<styleSheet {NS}><numFmts>"
          '<numFmt numFmtId="200" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/>'
          '<numFmt numFmtId="201" formatCode="0.0%"/><numFmt numFmtId="202" formatCode="[h]:mm"/>'
          '<numFmt numFmtId="203" formatCode="0.00"/><numFmt numFmtId="14" formatCode="yyyy/m/d"/></numFmts>'
          "<cellXfs>" + "".join(f'<xf numFmtId="{i}"/>' for i in (0, 2, 9, 10, 201, 14, 22, 49, 200, 202, 203, 164, 3))
          + "</cellXfs></styleSheet>")
N_STYLES = 13

NUMBER = st.one_of(st.integers(-10**6, 10**6).map(str), st.floats(-1e6, 1e6, allow_nan=False).map(repr),
                   st.sampled_from(["1E3", "2.5e-1", "45352.375", "0.5", "60", "59"]))
INLINE = st.sampled_from([
    "<is><t>实施单位</t></is>",
    "<is><r><t>满意</t></r><r><t>度</t></r></is>",
    '<is><t xml:space="preserve"> 单位：万元 </t></is>',
    "<is><t>_x005F_x000D_ kept</t></is>",
    "<is/>",
    "",
])
CONTENT = st.one_of(
    st.tuples(st.just("n"), NUMBER.map(lambda v: f"<v>{v}</v>")),
    st.tuples(st.just(None), NUMBER.map(lambda v: f"<v>{v}</v>")),  # no t: a number
    st.tuples(st.just("s"), st.integers(0, len(STRINGS) - 1).map(lambda i: f"<v>{i}</v>")),
    st.tuples(st.just("b"), st.sampled_from(["<v>0</v>", "<v>1</v>"])),
    st.tuples(st.just("e"), st.sampled_from(["<v>#DIV/0!</v>", "<v>#N/A</v>"])),
    st.tuples(st.just("str"), TEXT.map(lambda v: f"<f>A1&amp;B1</f><v>{escape(v)}</v>")),
    st.tuples(st.just("n"), st.sampled_from(["<f>1+1</f>", "<f>1+1</f><v>2</v>", "<f>1+1</f><v></v>", ""])),
    st.tuples(st.just("d"), st.sampled_from(["<v>2024-03-01T09:30:00</v>", "<v>2024-03-01</v>"])),
    st.tuples(st.just("inlineStr"), INLINE),
)
RAW_CELL = st.tuples(st.one_of(st.none(), st.integers(1, 6)), CONTENT, st.integers(0, N_STYLES - 1))
RAW_ROW = st.tuples(st.sampled_from(["", "+1", "float"]), st.lists(RAW_CELL, max_size=6))


def _cell_xml(row: int, col: int | None, kind: str | None, content: str, style: int) -> str:
    attrs = "" if col is None else f' r="{get_column_letter(col)}{row}"'
    attrs += f' s="{style}"' if style else ""
    attrs += f' t="{kind}"' if kind else ""
    return f"<c{attrs}>{content}</c>"


def _sheet_xml(rows, merges) -> str:
    parts, number = [], 0
    for how, cells in rows:
        number += 1
        r = "" if how == "+1" else f' r="{number}.0"' if how == "float" else f' r="{number}"'
        parts.append(f"<row{r}>" + "".join(_cell_xml(number, col, kind, content, style)
                                           for col, (kind, content), style in cells) + "</row>")
    refs = "".join(f'<mergeCell ref="{get_column_letter(c)}{r}:{get_column_letter(c + w)}{r + h}"/>'
                   for r, c, h, w in merges)
    return (f"<worksheet {NS}><sheetData>" + "".join(parts) + "</sheetData>"
            + (f"<mergeCells>{refs}</mergeCells>" if merges else "") + "</worksheet>")


def package(sheets: list[tuple[str, str, str]], date1904: bool = False, styles: str | None = STYLES,
            strings: list[str] | None = STRINGS) -> bytes:
    """A workbook of ``sheets`` (name, state, sheet XML), with these shared strings and styles (None: no part)."""
    types = ['<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>',
             '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
             'spreadsheetml.sheet.main+xml"/>']
    types += [f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/vnd.openxmlformats-'
              'officedocument.spreadsheetml.worksheet+xml"/>' for i in range(1, len(sheets) + 1)]
    if strings is not None:
        types.append('<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
                     'officedocument.spreadsheetml.sharedStrings+xml"/>')
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    listed = "".join(f'<sheet name={quoteattr(name)} sheetId="{i}" state="{state}" r:id="rId{i}"/>'
                     for i, (name, state, _) in enumerate(sheets, 1))
    parts = {
        "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                               + "".join(types) + "</Types>",
        "_rels/.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                       f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/>'
                       "</Relationships>",
        "xl/workbook.xml": f'<workbook {NS} xmlns:r="{rel}"><workbookPr date1904="{int(date1904)}"/>'
                           f"<sheets>{listed}</sheets></workbook>",
        "xl/_rels/workbook.xml.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                                      'relationships">' + "".join(
                                          f'<Relationship Id="rId{i}" Type="{rel}/worksheet" '
                                          f'Target="worksheets/sheet{i}.xml"/>' for i in range(1, len(sheets) + 1))
                                      + "</Relationships>",
    }
    parts.update({f"xl/worksheets/sheet{i}.xml": xml for i, (_, _, xml) in enumerate(sheets, 1)})
    if strings is not None:
        parts["xl/sharedStrings.xml"] = f"<sst {NS}>" + "".join(strings) + "</sst>"
    if styles is not None:
        parts["xl/styles.xml"] = styles
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, text in parts.items():
            archive.writestr(name, text.encode())
    return out.getvalue()


@settings(max_examples=150, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(RAW_ROW, max_size=8), merges=st.lists(MERGE, max_size=4), date1904=st.booleans())
def test_raw_sheets_read_as_openpyxl_reads_them(rows, merges, date1904) -> None:
    data = package([("宁河", "visible", _sheet_xml(rows, merges)), ("lists", "hidden", _sheet_xml(rows, [])),
                    ("宁河", "visible", _sheet_xml(rows[::-1], merges[::-1]))], date1904)
    assert lxml_view(data) == openpyxl_view(data)


# --------------------------------------------------------------------------- what the cases above rest on


def test_the_raw_package_holds_what_the_cases_need() -> None:
    """The shared strings, styles and titles the raw cases use read as intended (or the cases prove little)."""
    data = package([("宁河", "visible", _sheet_xml([], [])), ("宁河", "visible", _sheet_xml([], [])),
                    ("", "visible", _sheet_xml([], [])), ("lists", "veryHidden", _sheet_xml([], []))], True)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        book = read_package(archive)
        assert [(s.name, s.title, s.state) for s in book.sheets] == [
            ("宁河", "宁河", "visible"), ("宁河", "宁河1", "visible"), ("", "Sheet", "visible"),
            ("lists", "lists", "veryHidden")]
        assert book.epoch == CALENDAR_MAC_1904
        assert read_strings(archive, book.strings) == [
            "项目名称", "  ≥ 90% ", "年度目标", "行一_x000D_\n行二", "_x000D_ stays", "校舍", ""]
        styles = read_styles(archive)
    assert styles.formats == ("General", "0.00", "0%", "0.00%", "0.0%", "yyyy/m/d", "m/d/yy h:mm", "@",
                              'yyyy"年"m"月"d"日"', "[h]:mm", "0.00", "0.0%", "#,##0")
    assert styles.dates == {5, 6, 8, 9} and styles.durations == {9}


def test_a_workbook_without_styles_or_cell_styles_reads_in_general() -> None:
    for styles in (None, f"<styleSheet {NS}><cellXfs/></styleSheet>"):
        data = package([("宁河", "visible", _sheet_xml([], []))], styles=styles, strings=None)
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            assert read_styles(archive) == DEFAULT_STYLES
            assert read_package(archive).strings is None


@pytest.mark.parametrize(("xml", "text"), [
    ("<is><t>a</t><r><t>b</t></r><t>c</t></is>", "cb"),  # the last plain <t>, then the runs
    ("<is><r><t>a</t><t>b</t></r></is>", "b"),
    ("<is><r><rPr/></r><r><t>x</t></r></is>", "x"),
    ('<is xmlns:x="urn:other"><x:t>y</x:t></is>', "y"),  # openpyxl matches a string's parts by their local name
])
def test_text_content_follows_openpyxl(xml: str, text: str) -> None:
    from lxml import etree

    assert text_content(etree.fromstring(xml)) == text
