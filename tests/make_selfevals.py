"""Regenerate the self-evaluation fixtures in ``tests/data/selfeval/`` and check them.

Run ``.venv/bin/python tests/make_selfevals.py [OUT_DIR]`` (default
``tests/data/selfeval/``). The data and the truth are ``tests/selfeval_cases.py``
(read its docstring for the pairs, the weights convention and the truth's
conventions). For every ``SelfEval`` it writes an XLSX (openpyxl, one sheet
``自评表``, real merged cells, plain numbers and percentages stored as numbers
whose number format shows the same text), a DOCX (python-docx, the title
paragraph ``2023年度项目支出绩效自评表`` over one ruled table) and a PDF
(LibreOffice headless from that DOCX, ``make_samples.normalize_pdf``); for
every ``Goal`` a DOCX and a PDF, in layout A (``make_samples.add_goal_table``,
unit code glued to the unit) or layout B (``make_layouts.add_layout_b``).

The self-evaluation grids (``Cell(None, w)`` continues the merged cell above):

* form three (8 columns): 项目名称 | name; 主管部门 | … | 实施单位 | …;
  ``预算执行情况（万元）`` merged down over a row of labels 全年预算数 | 全年执行数 |
  分值 | 执行率 | 得分 and the row of values; ``年度总体目标`` merged down over
  预期目标 | 实际完成情况 and their texts; the indicator header; indicator rows
  with 一级 merged over its group and 二级 over its run inside the group; a
  ``总分`` row (label over the first five columns, 分值 and 得分 sums).
* form two (8 columns, as the Chongqing file): 项目名称 | name; 实施单位 | … |
  主管部门 | …; ``项目预算执行情况（万元）`` merged down over 全年预算数（A） |
  全年执行数（B） and their values; ``当年绩效目标`` merged down over 全年绩效目标 |
  全年目标实际完成情况 and their texts; the header with line breaks inside
  cells (``指标\\n性质``); rows with 指标类型 merged over its run; a ``合计`` row.

Then it checks what it wrote and exits non-zero on a mismatch: each DOCX's
tables read back with python-docx (cell texts per w:tc, one grid width), each
XLSX with openpyxl (every value with its type and number format, every merged
range), each PDF with pdfplumber (a text layer without unmapped glyphs, a table
on page 1, the title, the unit, the project and every 三级指标 in the text).

Needs LibreOffice (``soffice``) and the font: ``apt-get install
libreoffice-writer-nogui fonts-wqy-zenhei`` (not needed by the test suite: the
files are committed).
"""

from __future__ import annotations

import io
import re
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import openpyxl
import pdfplumber
from make_layouts import (
    Cell,
    CheckFailed,
    LayoutB,
    Row,
    _placed,
    _vertical_runs,
    add_layout_b,
    check_docx,
    grid_table,
    layout_b_rows,
    workbook_bytes,
)
from make_samples import (
    FONT,
    HEADER_ROW_HEIGHT_CM,
    _normalize_zip,
    add_goal_table,
    add_title,
    check_font,
    convert_to_pdf,
    new_document,
    normalize_pdf,
    save_docx,
)
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from sample_units import goal_table
from seed import SeedTable
from selfeval_cases import (
    GOAL_B_TITLE,
    GOALS,
    SELF_BY_STEM,
    SELF_EVALS,
    SELFEVAL_TITLE,
    TRUTH,
    Goal,
    SelfEval,
    goal_b_row,
    goal_rows,
    total_score,
    total_weight,
)

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "tests" / "data" / "selfeval"
MAX_TOTAL_BYTES = 2_000_000
SHEET = "自评表"

W3 = (2.0, 1.9, 2.6, 1.9, 1.9, 1.2, 1.2, 4.7)  # form three, 17.4 cm
W2 = (2.0, 3.4, 1.2, 1.6, 1.2, 1.2, 1.6, 5.2)  # form two
HEADER3 = ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施")
HEADER2 = ("指标类型", "指标名称", "指标\n性质", "指标值", "计量\n单位", "指标\n权重", "全年\n完成值", "评价标准")
BUDGET3 = ("全年预算数", "全年执行数", "分值", "执行率", "得分")


# --------------------------------------------------------------------------- grids


def _runs(values: list[str], starts: set[int]) -> list[str | None]:
    """None where a value repeats the one above it (a merged cell continues), a row in ``starts`` restarts."""
    out: list[str | None] = []
    for i, v in enumerate(values):
        out.append(None if i and i not in starts and v == values[i - 1] else v)
    return out


def form_three_rows(s: SelfEval) -> list[Row]:
    w = W3
    a, rest = w[0] + w[1], sum(w[2:])
    l1 = [r.level1 for r in s.rows]
    group_starts = {i for i in range(len(l1)) if i == 0 or l1[i] != l1[i - 1]}
    c1 = _runs(l1, set())
    c2 = _runs([r.level2 or "" for r in s.rows], group_starts)
    rows: list[Row] = [
        (Cell("项目名称", a), Cell(s.project, rest, "l")),
        (Cell("主管部门", a), Cell(s.supervisor, w[2] + w[3] + w[4], "l"), Cell("实施单位", w[5] + w[6]),
         Cell(s.unit, w[7], "l")),
        (Cell("预算执行情况（万元）", a), *(Cell(t, x) for t, x in zip(BUDGET3, (w[2], w[3], w[4], w[5] + w[6], w[7])))),
        (Cell(None, a), *(Cell(t, x) for t, x in zip(
            (s.budget_total, s.budget_executed, s.budget_points, s.execution_rate, s.budget_score),
            (w[2], w[3], w[4], w[5] + w[6], w[7])))),
        (Cell("年度总体目标", a), Cell("预期目标", w[2] + w[3] + w[4]), Cell("实际完成情况", w[5] + w[6] + w[7])),
        (Cell(None, a), Cell(s.goal_text, w[2] + w[3] + w[4], "l"), Cell(s.achieved_text, w[5] + w[6] + w[7], "l")),
        tuple(Cell(h, x) for h, x in zip(HEADER3, w)),
    ]
    for r, a1, a2 in zip(s.rows, c1, c2):
        rows.append((Cell(a1, w[0]), Cell(a2, w[1]), Cell(r.level3, w[2], "l"), Cell(r.target, w[3]),
                     Cell(r.actual, w[4]), Cell(r.weight, w[5]), Cell(r.score, w[6]), Cell(r.reason, w[7], "l")))
    rows.append((Cell("总分", sum(w[:5])), Cell(total_weight(s), w[5]), Cell(total_score(s), w[6]), Cell("", w[7])))
    return rows


def form_two_rows(s: SelfEval) -> list[Row]:
    w = W2
    b, c = w[1] + w[2] + w[3], w[4] + w[5] + w[6] + w[7]
    rows: list[Row] = [
        (Cell("项目名称", w[0]), Cell(s.project, sum(w[1:]), "l")),
        (Cell("实施单位", w[0]), Cell(s.unit, b, "l"), Cell("主管部门", w[4] + w[5]), Cell(s.supervisor, w[6] + w[7], "l")),
        (Cell("项目预算执行情况（万元）", w[0]), Cell("全年预算数（A）", b), Cell("全年执行数（B）", c)),
        (Cell(None, w[0]), Cell(s.budget_total, b), Cell(s.budget_executed, c)),
        (Cell("当年绩效目标", w[0]), Cell("全年绩效目标", b), Cell("全年目标实际完成情况", c)),
        (Cell(None, w[0]), Cell(s.goal_text, b, "l"), Cell(s.achieved_text, c, "l")),
        tuple(Cell(h, x) for h, x in zip(HEADER2, w)),
    ]
    for r, a1 in zip(s.rows, _runs([r.level1 for r in s.rows], set())):
        op, value, unit = r.target
        rows.append((Cell(a1, w[0]), Cell(r.level3, w[1], "l"), Cell(op, w[2]), Cell(value, w[3]), Cell(unit, w[4]),
                     Cell(r.weight, w[5]), Cell(r.actual, w[6]), Cell(r.criterion, w[7], "l")))
    rows.append((Cell("合计", sum(w[:5])), Cell(total_weight(s), w[5]), Cell("", w[6]), Cell("", w[7])))
    return rows


def selfeval_rows(s: SelfEval) -> list[Row]:
    return form_three_rows(s) if s.form == "three" else form_two_rows(s)


def goal_a(g: Goal) -> SeedTable:
    indicators, previous = [], None
    for l1, l2, l3, target in goal_rows(g):
        indicators.append(("" if l1 == previous else l1, l2, l3, l3, target))
        previous = l1
    return goal_table(1, g.unit_code + g.unit, "万元", g.project, g.budget_total, g.fiscal, g.other, g.purpose,
                      g.goal_text, tuple(indicators))


def goal_b(g: Goal) -> LayoutB:
    s = SELF_BY_STEM[g.selfeval]
    indicators, prev = [], (None, None)
    for (l1, l2, l3, _), r in zip(goal_rows(g), s.rows):
        op, value, unit = goal_b_row(r)
        first = l1 != prev[0]
        indicators.append((l1 if first else "", l2 if first or l2 != prev[1] else "", l3, op, value, unit))
        prev = (l1, l2)
    return LayoutB(GOAL_B_TITLE, g.supervisor, g.unit, g.project, g.budget_total, g.fiscal, g.other, g.goal_text,
                   tuple(indicators))


# --------------------------------------------------------------------------- writers

def selfeval_docx(s: SelfEval) -> bytes:
    doc = new_document(f"{s.project}绩效自评表")
    add_title(doc, SELFEVAL_TITLE, new_page=False)
    grid_table(doc, selfeval_rows(s), HEADER_ROW_HEIGHT_CM)
    return save_docx(doc)


def goal_docx(g: Goal) -> bytes:
    doc = new_document(f"{g.project}绩效目标表")
    if g.layout == "A":
        add_goal_table(doc, goal_a(g), new_page=False)
    else:
        add_layout_b(doc, goal_b(g), new_page=False)
    return save_docx(doc)


_INT = re.compile(r"\d+")
_DEC = re.compile(r"\d+\.(\d+)")
_PCT = re.compile(r"(\d+(?:\.(\d+))?)%")


def xlsx_value(text: str) -> tuple[str | int | float | None, str]:
    """The cell value and number format that show ``text``: plain numbers and percentages become numbers."""
    if text == "":
        return None, "General"
    if _INT.fullmatch(text):
        return int(text), "General"
    if m := _DEC.fullmatch(text):
        return float(text), "0." + "0" * len(m.group(1))
    if m := _PCT.fullmatch(text):
        decimals = len(m.group(2) or "")
        return float(Decimal(m.group(1)) / 100), "0" + ("." + "0" * decimals if decimals else "") + "%"
    return text, "General"


def shown(value, number_format: str) -> str:
    """What a spreadsheet shows for a value in the few number formats the fixtures use."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if number_format.endswith("%"):
        decimals = len(number_format.split(".")[1]) - 1 if "." in number_format else 0
        return f"{value * 100:.{decimals}f}%"
    if number_format.startswith("0."):
        return f"{value:.{len(number_format) - 2}f}"
    return str(value)


_THIN = Side(style="thin", color="000000")


def _xlsx_grid(s: SelfEval):
    rows = [(Cell(SELFEVAL_TITLE, sum(W3 if s.form == "three" else W2)),), *selfeval_rows(s)]
    return _placed(rows)


def selfeval_xlsx(s: SelfEval) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = SHEET
    widths, placed = _xlsx_grid(s)
    for j, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(j)].width = round(w * 4.6, 1)
    for r, cells in enumerate(placed):
        excel_row = r + 1
        ws.row_dimensions[excel_row].height = 30 if r == 0 else 28
        for cell, c0, c1 in cells:
            if cell.text is None:
                continue
            value, fmt = (cell.text, "General") if r == 0 else xlsx_value(cell.text)
            target = ws.cell(excel_row, c0 + 1, value)
            target.number_format = fmt
            target.alignment = Alignment(horizontal={"c": "center", "l": "left"}[cell.align], vertical="center",
                                         wrap_text=True)
            target.font = Font(name=FONT, size=14 if r == 0 else 10, bold=r == 0)
            if c1 - c0 > 1:
                ws.merge_cells(start_row=excel_row, start_column=c0 + 1, end_row=excel_row, end_column=c1)
            if r:
                for c in range(c0, c1):
                    ws.cell(excel_row, c + 1).border = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
    for start, end, c0 in _vertical_runs(placed):
        c1 = next(e for _, st, e in placed[start] if st == c0)
        ws.merge_cells(start_row=start + 1, start_column=c0 + 1, end_row=end + 1, end_column=c1)
    return _normalize_zip(workbook_bytes(wb, "tests/make_selfevals.py"))


def make_selfevals(out_dir: Path = OUT_DIR) -> list[Path]:
    check_font()
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    docx: dict[str, bytes] = {}
    for s in SELF_EVALS:
        docx[s.stem] = selfeval_docx(s)
        path = out_dir / f"{s.stem}.xlsx"
        path.write_bytes(selfeval_xlsx(s))
        written.append(path)
    for g in GOALS:
        docx[g.stem] = goal_docx(g)
    with tempfile.TemporaryDirectory(prefix="perfgoals-selfeval-") as tmp:
        tmp_path = Path(tmp)
        (tmp_path / "docx").mkdir()
        (tmp_path / "pdf").mkdir()
        sources = []
        for stem, data in docx.items():
            (out_dir / f"{stem}.docx").write_bytes(data)
            written.append(out_dir / f"{stem}.docx")
            src = tmp_path / "docx" / f"{stem}.docx"
            src.write_bytes(data)
            sources.append(src)
        convert_to_pdf(sources, tmp_path / "pdf", tmp_path / "lo-profile")
        for src in sources:
            target = out_dir / f"{src.stem}.pdf"
            target.write_bytes(normalize_pdf((tmp_path / "pdf" / target.name).read_bytes()))
            written.append(target)
    return sorted(written)


# --------------------------------------------------------------------------- checks


def _expect(condition: bool, message: str) -> None:
    if not condition:
        raise CheckFailed(message)


def _texts(rows: list[Row]) -> list[tuple[str, ...]]:
    return [tuple("" if c.text is None else str(c.text) for c in row) for row in rows]


def docx_spec(stem: str) -> list[list[tuple[str, ...]]]:
    if stem in SELF_BY_STEM:
        return [_texts(selfeval_rows(SELF_BY_STEM[stem]))]
    g = next(g for g in GOALS if g.stem == stem)
    if g.layout == "A":
        t = goal_a(g)
        return [list(t.header_rows), list(t.indicator_rows)]
    return [_texts(layout_b_rows(goal_b(g)))]


def check_xlsx(name: str, data: bytes, s: SelfEval) -> str:
    wb = openpyxl.load_workbook(io.BytesIO(data))
    _expect(wb.sheetnames == [SHEET], f"{name}: sheets {wb.sheetnames}")
    ws = wb[SHEET]
    _, placed = _xlsx_grid(s)
    expected_merges, numbers = set(), 0
    for r, cells in enumerate(placed):
        for cell, c0, c1 in cells:
            if cell.text is None:
                continue
            want, fmt = (cell.text, "General") if r == 0 else xlsx_value(cell.text)
            got = ws.cell(r + 1, c0 + 1)
            where = f"{name}!{got.coordinate}"
            # openpyxl reads 120.0 back as 120: a number is checked by value, a text by type too.
            same_type = isinstance(got.value, (int, float)) if isinstance(want, (int, float)) else type(got.value) is type(want)
            _expect(got.value == want and same_type, f"{where}: {got.value!r} != {want!r}")
            _expect(got.number_format == fmt, f"{where}: number format {got.number_format!r}, wrote {fmt!r}")
            _expect(shown(got.value, got.number_format) == ("" if cell.text is None else cell.text),
                    f"{where}: shows {shown(got.value, got.number_format)!r}, wrote {cell.text!r}")
            numbers += isinstance(got.value, (int, float))
            if c1 - c0 > 1:
                expected_merges.add(f"{get_column_letter(c0 + 1)}{r + 1}:{get_column_letter(c1)}{r + 1}")
    for start, end, c0 in _vertical_runs(placed):
        c1 = next(e for _, st, e in placed[start] if st == c0)
        expected_merges.add(f"{get_column_letter(c0 + 1)}{start + 1}:{get_column_letter(c1)}{end + 1}")
    merged = {str(m) for m in ws.merged_cells.ranges}
    _expect(merged == expected_merges, f"{name}: merges differ {sorted(merged ^ expected_merges)}")
    return f"{ws.max_row} rows, {len(merged)} merged ranges, {numbers} number cells"


def _squeeze(text: str | None) -> str:
    return re.sub(r"\s+", "", text or "")


def check_pdf(path: Path) -> str:
    truth = TRUTH[path.name]
    with pdfplumber.open(path) as pdf:
        texts = [_squeeze(p.extract_text()) for p in pdf.pages]
        cells = [_squeeze(c) for p in pdf.pages for t in p.extract_tables() for row in t for c in row if c]
        tables_p1 = pdf.pages[0].extract_tables()
        n_pages = len(pdf.pages)
    text = "".join(texts)
    _expect(text, f"{path.name}: no text layer")
    _expect("(cid:" not in text and "\ufffd" not in text, f"{path.name}: unmapped glyphs in the text layer")
    _expect(bool(tables_p1), f"{path.name}: no table found on page 1")
    _expect(_squeeze(truth.title) in texts[0], f"{path.name}: title {truth.title!r} not on page 1")
    for needle in (truth.unit_name, truth.project_name, *(i.level3 for i in truth.indicators)):
        needle = _squeeze(needle)
        _expect(needle in text or any(needle in c for c in cells), f"{path.name}: {needle!r} not in the text layer")
    return f"{n_pages} page(s), page 1 tables " + ", ".join(f"{len(t)}x{max(len(r) for r in t)}" for t in tables_p1)


def check_selfevals(out_dir: Path = OUT_DIR) -> None:
    expected = set(TRUTH)
    present = {p.name for p in out_dir.iterdir() if p.suffix in {".docx", ".pdf", ".xlsx"}}
    _expect(present == expected, f"files differ from the truth: {sorted(present ^ expected)}")
    total = 0
    for name in sorted(expected):
        path = out_dir / name
        data = path.read_bytes()
        total += len(data)
        stem = path.stem
        if name.endswith(".docx"):
            note = check_docx(name, data, docx_spec(stem))
        elif name.endswith(".xlsx"):
            note = check_xlsx(name, data, SELF_BY_STEM[stem])
        else:
            note = check_pdf(path)
        print(f"  ok {name}: {note}")
    _expect(total <= MAX_TOTAL_BYTES, f"fixtures total {total} bytes, over {MAX_TOTAL_BYTES}")
    print(f"  total {total} bytes")


def main(argv: list[str]) -> int:
    out_dir = Path(argv[1]) if len(argv) > 1 else OUT_DIR
    start = time.perf_counter()
    for path in make_selfevals(out_dir):
        print(f"{path.stat().st_size:>8} {path}")
    try:
        check_selfevals(out_dir)
    except CheckFailed as exc:
        print(f"CHECK FAILED: {exc}", file=sys.stderr)
        return 1
    print(f"done in {time.perf_counter() - start:.1f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
