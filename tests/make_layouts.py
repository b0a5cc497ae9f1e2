"""Regenerate the layout fixtures in ``tests/data/layouts/`` and check them against their truth.

Run ``.venv/bin/python tests/make_layouts.py`` (optionally with an output
folder; ``--only real_`` writes and checks only the fixtures whose names
start so, ``--render DIR`` also renders their PDF pages as PNG). It writes
every file below and the ``real_*`` ones of ``tests/make_real_layouts.py``,
then checks each one and exits
non-zero when a check fails (e.g. when another LibreOffice build moves the
page break): the DOCX tables read back through python-docx (cell texts,
w:tc per row, gridSpan, vMerge); the PDFs through pdfplumber (a clean
Chinese text layer, the tables found, the page of every title and
indicator row); the XLSX through openpyxl (values with their types, every
merged range); and the truth derived from the cells as written against
``layout_cases.CASES``, field by field.

* ``layout_b_project.docx/.pdf/.xlsx``: layout B, the national template:
  主管部门/实施单位 (no unit code), the 项目资金（万元） block, 一级 and 二级
  both merged, 成本指标 first-level, operators ≥ ≤ ＝ and 定性 rows; the
  XLSX has the two tables stacked in one sheet (amounts and 指标值 as
  numbers in the first, as text in the second) and a second sheet.
* ``layout_b_midterm.docx``: a multi-year project, 中期资金总额 and 总体目标
  in a second column beside 年度资金总额 and 年度绩效目标, and a 指标解释
  column.
* ``page_break_repeated.pdf``, ``page_break_plain.pdf``: one layout-A table
  of 45 indicator rows over two pages, the 产出指标 group merged across the
  break, the header row repeated on page 2 (w:tblHeader) or not, long
  三级/描述 cells wrapped over 2-3 lines, one with a line break of its own.
* ``department.docx/.pdf``: a 部门整体支出绩效目标表 (年度主要任务 block,
  layout-B indicators), then a layout-A project table on the next page.
* ``variants.docx``: layout A with the province labels 效果指标, 进度指标,
  环境效益指标, 社会公众或服务对象满意度指标 and an unmapped 工作推进指标.
* ``irregular_grid.docx/.pdf``: layout A as one table whose rows split the
  width differently (an 11-column grid: a 7-cell budget row and 5-cell
  indicator rows share no inner boundary) and a row whose 三级指标 cell
  spans the 绩效指标描述 column (gridSpan).

Layout-A tables reuse ``make_samples.add_goal_table``; the others are
written by ``grid_table`` from rows of ``Cell(text, width_cm)``: the grid
is the union of all rows' cell boundaries, a cell becomes a gridSpan over
the grid columns it covers, and ``Cell(None, w)`` continues the vertically
merged cell above. Output is deterministic: fixed zip dates and core
properties, ``make_samples.normalize_pdf`` for the PDFs.
"""

from __future__ import annotations

import io
import re
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import openpyxl  # noqa: E402
import pdfplumber  # noqa: E402
from docx import Document  # noqa: E402
from docx.enum.text import WD_ALIGN_PARAGRAPH  # noqa: E402
from docx.oxml import OxmlElement  # noqa: E402
from docx.table import Table, _Cell  # noqa: E402
from layout_cases import CASES, ExpectedTable  # noqa: E402
from make_samples import (  # noqa: E402
    FIXED_DATE,
    FONT,
    HEADER_ROW_HEIGHT_CM,
    INDICATOR_ROW_HEIGHT_CM,
    INDICATOR_WIDTHS_CM,
    _fill_cell,
    _finish_table,
    _normalize_zip,
    _row_cells,
    _set_borders,
    add_goal_table,
    add_title,
    check_font,
    convert_to_pdf,
    new_document,
    normalize_pdf,
    save_docx,
)
from openpyxl.styles import Alignment, Border, Font, Side  # noqa: E402
from openpyxl.utils import get_column_letter  # noqa: E402
from sample_units import goal_table  # noqa: E402
from seed import SeedTable  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
LAYOUTS_DIR = ROOT / "tests" / "data" / "layouts"
MAX_TOTAL_BYTES = 1_500_000

ALIGN = {"c": WD_ALIGN_PARAGRAPH.CENTER, "l": WD_ALIGN_PARAGRAPH.LEFT, "r": WD_ALIGN_PARAGRAPH.RIGHT}
XLSX_ALIGN = {"c": "center", "l": "left", "r": "right"}


# --------------------------------------------------------------------------- generic grid tables


@dataclass(frozen=True)
class Cell:
    """A cell as written: text (a number for an XLSX number cell; None continues the merged cell above), width."""

    text: str | int | float | None
    width: float  # cm
    align: str = "c"


Row = tuple[Cell, ...]


def _placed(rows: list[Row]) -> tuple[list[float], list[list[tuple[Cell, int, int]]]]:
    """The union grid (column widths, cm) and each row's cells with their first and end grid column."""
    edges_of = []
    for row in rows:
        x, edges = 0, []
        for cell in row:
            x += round(cell.width * 100)
            edges.append(x)
        edges_of.append(edges)
    totals = {edges[-1] for edges in edges_of}
    if len(totals) != 1:
        raise ValueError(f"rows of different total widths: {sorted(totals)}")
    bounds = sorted({0, *(e for edges in edges_of for e in edges)})
    index = {b: i for i, b in enumerate(bounds)}
    widths = [(b - a) / 100 for a, b in zip(bounds, bounds[1:])]
    placed = []
    for row, edges in zip(rows, edges_of):
        starts = [0, *edges[:-1]]
        placed.append([(cell, index[s], index[e]) for cell, s, e in zip(row, starts, edges)])
    return widths, placed


def _vertical_runs(placed) -> list[tuple[int, int, int]]:
    """(first row, last row, grid column) of every vertically merged cell."""
    runs: dict[tuple[int, int], int] = {}
    open_at: dict[tuple[int, int], int] = {}  # (c0, c1) -> row of the restart cell
    for r, cells in enumerate(placed):
        for cell, c0, c1 in cells:
            if cell.text is None:
                start = open_at.get((c0, c1))
                if start is None:
                    raise ValueError(f"row {r}: continuation cell at grid {c0}-{c1} with nothing above it")
                runs[(start, c0)] = r
            else:
                open_at[(c0, c1)] = r
        keys = {(c0, c1) for _, c0, c1 in cells}
        for key in list(open_at):
            if key not in keys:
                del open_at[key]
    return [(start, end, c0) for (start, c0), end in sorted(runs.items())]


def grid_table(doc, rows: list[Row], row_height_cm: float = INDICATOR_ROW_HEIGHT_CM,
               unruled: tuple[int, ...] = ()) -> Table:
    """A DOCX table with real merges from rows of ``Cell``; rows in ``unruled`` get no borders."""
    widths, placed = _placed(rows)
    table = doc.add_table(rows=len(rows), cols=len(widths))
    for r, cells in enumerate(placed):
        for _, c0, c1 in cells:
            if c1 - c0 > 1:
                table.cell(r, c0).merge(table.cell(r, c1 - 1))
    for start, end, c0 in _vertical_runs(placed):
        table.cell(start, c0).merge(table.cell(end, c0))
    for r, cells in enumerate(placed):
        real = _row_cells(table, r)
        if len(real) != len(cells):
            raise AssertionError(f"row {r}: {len(real)} w:tc for {len(cells)} cells")
        for tc_cell, (cell, _, _) in zip(real, cells):
            if cell.text is None:
                assert tc_cell._tc.vMerge == "continue", (r, cell)
            else:
                if not isinstance(cell.text, str):
                    raise TypeError(f"row {r}: a DOCX cell needs text, not {cell.text!r}")
                _fill_cell(tc_cell, cell.text, ALIGN[cell.align])
            _set_borders(tc_cell._tc, "nil" if r in unruled else "single")
    _finish_table(table, tuple(widths), row_height_cm)
    return table


def keep_rows_whole(table: Table) -> None:
    """Keep every row on one page (w:cantSplit, first in w:trPr): Word's "allow row to break across pages" off."""
    for row in table.rows:
        row._tr.get_or_add_trPr().insert(0, OxmlElement("w:cantSplit"))


def repeat_header_row(table: Table, row: int = 0) -> None:
    """Mark a row as a header row repeated at the top of each page (w:tblHeader, after w:trHeight)."""
    trPr = table.rows[row]._tr.get_or_add_trPr()
    trPr.append(OxmlElement("w:tblHeader"))


# --------------------------------------------------------------------------- layout B

B_HEADER = ("一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位")
B_WIDTHS = (2.6, 3.0, 4.4, 2.2, 3.0, 2.2)
MIDTERM_WIDTHS = (2.4, 2.3, 2.9, 1.6, 1.6, 1.6, 5.0)  # with 指标解释
B_TITLE = "项目支出绩效目标表（2024年度）"


@dataclass(frozen=True)
class LayoutB:
    """A layout-B goal table as written. Indicator rows: (一级, 二级, 三级, 指标性质, 指标值, 度量单位[, 指标解释]),
    一级/二级 ``""`` where the cell above is merged down over the row."""

    title: str
    supervisor: str
    unit: str
    project: str
    total: str
    fiscal: str
    other: str
    goal: str
    indicators: tuple[tuple[str, ...], ...]
    midterm: tuple[str, str, str, str] | None = None  # 中期资金总额, 财政拨款, 其他资金, 总体目标


def _b_indicator_rows(rows, widths: tuple[float, ...], as_number: bool) -> list[Row]:
    l1 = [Cell(r[0] or None, widths[0]) for r in rows]  # a blank 一级 continues the merged cell above
    # 二级 merges only inside its 一级 group: a row that starts a group restarts it.
    l2 = [Cell(r[1] if (r[1] or r[0]) else None, widths[1]) for r in rows]
    out = []
    for r, a, b in zip(rows, l1, l2):
        rest = [Cell(r[2], widths[2], "l"), Cell(r[3], widths[3])]
        rest.append(Cell(_number(r[4]) if as_number else r[4], widths[4]))
        rest.append(Cell(r[5], widths[5]))
        rest += [Cell(text, w, "l") for text, w in zip(r[6:], widths[6:])]
        out.append((a, b, *rest))
    return out


def _number(text: str) -> int | float | str:
    """``"186.50"`` → 186.5, ``"180.00"`` → 180, a non-number unchanged, ``""`` → ``""``."""
    if not re.fullmatch(r"\d+(\.\d+)?", text):
        return text
    value = float(text)
    return int(value) if value.is_integer() else value


def layout_b_rows(t: LayoutB, as_number: bool = False) -> list[Row]:
    """The rows of a layout-B table (no title): header block, indicator header, indicators."""
    money = _number if as_number else (lambda s: s)
    if t.midterm is None:
        w = B_WIDTHS
        rest = sum(w[1:])
        rows: list[Row] = [
            (Cell("项目名称", w[0]), Cell(t.project, rest, "l")),
            (Cell("主管部门", w[0]), Cell(t.supervisor, w[1] + w[2], "l"),
             Cell("实施单位", w[3]), Cell(t.unit, w[4] + w[5], "l")),
            (Cell("项目资金（万元）", w[0]), Cell("年度资金总额", w[1]), Cell(money(t.total), rest - w[1])),
            (Cell(None, w[0]), Cell("其中：财政拨款", w[1]), Cell(money(t.fiscal), rest - w[1])),
            (Cell(None, w[0]), Cell("其他资金", w[1]), Cell(money(t.other), rest - w[1])),
            (Cell("年度绩效目标", w[0]), Cell(t.goal, rest, "l")),
            tuple(Cell(h, x) for h, x in zip(B_HEADER, w)),
        ]
    else:
        w = MIDTERM_WIDTHS
        m_total, m_fiscal, m_other, m_goal = t.midterm
        a, b, c = w[0], w[1] + w[2], w[3] + w[4]
        d = sum(w[5:])
        rows = [
            (Cell("项目名称", a), Cell(t.project, sum(w[1:]), "l")),
            (Cell("主管部门", a), Cell(t.supervisor, b, "l"), Cell("实施单位", c), Cell(t.unit, d, "l")),
            (Cell("项目资金（万元）", a), Cell("年度资金总额", w[1]), Cell(t.total, w[2]), Cell("中期资金总额", c), Cell(m_total, d)),
            (Cell(None, a), Cell("其中：财政拨款", w[1]), Cell(t.fiscal, w[2]), Cell("其中：财政拨款", c), Cell(m_fiscal, d)),
            (Cell(None, a), Cell("其他资金", w[1]), Cell(t.other, w[2]), Cell("其他资金", c), Cell(m_other, d)),
            (Cell("年度绩效目标", a), Cell(t.goal, b, "l"), Cell("总体目标", c), Cell(m_goal, d, "l")),
            tuple(Cell(h, x) for h, x in zip((*B_HEADER, "指标解释"), w)),
        ]
    return rows + _b_indicator_rows(t.indicators, w, as_number)


SCHOOL = ("某市教育局", "某市第一中学")

B_REPAIR = LayoutB(
    title=B_TITLE,
    supervisor=SCHOOL[0],
    unit=SCHOOL[1],
    project="校舍维修改造工程",
    total="186.50",
    fiscal="180.00",
    other="6.50",
    goal="完成教学楼、学生宿舍楼屋面防水及外墙维修改造，消除校舍安全隐患，改善师生学习生活环境。",
    indicators=(
        ("产出指标", "数量指标", "维修改造面积", "≥", "3200", "平方米"),
        ("", "", "更换门窗数量", "≥", "180", "套"),
        ("", "质量指标", "工程验收合格率", "＝", "100", "%"),
        ("", "时效指标", "工程完工时限", "≤", "90", "天"),
        ("成本指标", "经济成本指标", "维修改造总成本", "≤", "186.5", "万元"),
        ("", "", "单位面积改造成本", "≤", "580", "元/平方米"),
        ("效益指标", "社会效益指标", "校舍安全隐患", "定性", "有效消除", ""),
        ("", "可持续影响指标", "校舍使用年限延长", "≥", "10", "年"),
        ("满意度指标", "服务对象满意度指标", "师生满意度", "≥", "90", "%"),
        ("", "", "家长满意度", "≥", "85", "%"),
    ),
)

B_AID = LayoutB(
    title=B_TITLE,
    supervisor=SCHOOL[0],
    unit=SCHOOL[1],
    project="家庭经济困难学生资助",
    total="56.80",
    fiscal="56.80",
    other="",
    goal="按标准足额发放家庭经济困难学生助学金，确保资助对象认定精准，不让一名学生因家庭经济困难而失学。",
    indicators=(
        ("产出指标", "数量指标", "资助学生人次", "≥", "320", "人次"),
        ("", "质量指标", "资助对象认定准确率", "＝", "100", "%"),
        ("", "时效指标", "资助资金发放及时率", "≥", "98", "%"),
        ("", "", "资金发放时限", "≤", "30", "天"),
        ("成本指标", "经济成本指标", "生均资助标准", "＝", "1775", "元/人"),
        ("效益指标", "社会效益指标", "因贫失学辍学情况", "定性", "有效避免", ""),
        ("", "", "受助学生学业保障水平", "定性", "明显改善", ""),
        ("满意度指标", "服务对象满意度指标", "受助学生满意度", "≥", "95", "%"),
    ),
)

B_FINANCE = LayoutB(
    title=B_TITLE,
    supervisor="某市财政局",
    unit="某市财政局",
    project="预算绩效管理第三方服务",
    total="120.00",
    fiscal="120.00",
    other="0.00",
    goal="委托第三方机构开展重点项目绩效评价和事前绩效评估，提高财政资金使用效益，推动预算绩效管理提质增效。",
    indicators=(
        ("产出指标", "数量指标", "绩效评价项目数量", "≥", "45", "个"),
        ("", "", "事前绩效评估报告数量", "≥", "12", "份"),
        ("", "质量指标", "评价报告质量达标率", "≥", "95", "%"),
        ("", "时效指标", "评价报告按时提交率", "＝", "100", "%"),
        ("成本指标", "经济成本指标", "第三方服务费", "≤", "120", "万元"),
        ("", "", "单个项目评价费用", "≤", "2.5", "万元/个"),
        ("效益指标", "社会效益指标", "预算绩效管理水平", "定性", "显著提升", ""),
        ("", "可持续影响指标", "绩效管理制度体系", "定性", "持续完善", ""),
        ("满意度指标", "服务对象满意度指标", "预算单位满意度", "≥", "90", "%"),
    ),
)

B_MIDTERM = LayoutB(
    title=B_TITLE,
    supervisor="某市卫生健康委员会",
    unit="某市人民医院",
    project="智慧医院信息化建设（2024-2026年）",
    total="450.00",
    fiscal="400.00",
    other="50.00",
    goal="完成电子病历系统升级和互联网医院平台一期建设，电子病历系统应用水平达到四级。",
    indicators=(
        ("产出指标", "数量指标", "新建信息系统数量", "≥", "4", "个", "年内上线运行的电子病历、互联网医院、预约挂号、移动支付等系统个数"),
        ("", "", "接入信息终端数量", "≥", "1200", "台", "完成接入并联网运行的门诊、病区、医技终端数量"),
        ("", "质量指标", "系统上线运行合格率", "＝", "100", "%", "通过验收并稳定运行的系统数占上线系统数的比例"),
        ("", "时效指标", "一期建设完成时限", "≤", "12", "月", "自合同签订之日起完成一期建设的时间"),
        ("成本指标", "经济成本指标", "年度建设成本", "≤", "450", "万元", "本年度软硬件采购及实施服务费用"),
        ("效益指标", "社会效益指标", "患者平均候诊时间缩短", "≥", "15", "%", "与上年相比门诊患者平均候诊时间缩短的比例"),
        ("", "可持续影响指标", "数据互联互通水平", "定性", "持续提升", "", "院内各系统及与区域平台之间的数据共享程度"),
        ("满意度指标", "服务对象满意度指标", "患者满意度", "≥", "90", "%", "门诊及住院患者对就医服务的满意度"),
        ("", "", "医务人员满意度", "≥", "85", "%", "医务人员对信息系统易用性的满意度"),
    ),
    midterm=(
        "1200.00",
        "1050.00",
        "150.00",
        "三年内建成覆盖诊前、诊中、诊后的智慧医院服务体系，电子病历系统应用水平达到五级，智慧服务评级达到三级。",
    ),
)


def add_layout_b(doc, t: LayoutB, new_page: bool) -> Table:
    add_title(doc, t.title, new_page)
    return grid_table(doc, layout_b_rows(t), HEADER_ROW_HEIGHT_CM)


# --------------------------------------------------------------------------- department table

DEPT_TITLE = "部门整体支出绩效目标表（2024年度）"


@dataclass(frozen=True)
class Department:
    title: str
    name: str
    total: str
    fiscal: str
    other: str
    tasks: tuple[tuple[str, str, str], ...]
    goal: str
    indicators: tuple[tuple[str, ...], ...]


DEPARTMENT = Department(
    title=DEPT_TITLE,
    name="某市教育局",
    total="5230.00",
    fiscal="4980.00",
    other="250.00",
    tasks=(
        ("义务教育保障", "保障全市义务教育学校公用经费和教师培训，落实“两免一补”政策", "2860.00"),
        ("学前教育发展", "支持普惠性幼儿园建设，扩大普惠性学前教育资源", "1150.00"),
        ("学生资助", "落实学前教育至高中阶段家庭经济困难学生资助政策", "820.00"),
        ("机关运行保障", "保障机关日常运转和教育行政管理工作", "400.00"),
    ),
    goal="巩固义务教育优质均衡发展成果，扩大普惠性学前教育资源，落实学生资助政策，保障机关高效运转。",
    indicators=(
        ("产出指标", "数量指标", "义务教育阶段在校生人数", "≥", "56000", "人"),
        ("", "", "新增普惠性学位数", "≥", "1800", "个"),
        ("", "质量指标", "义务教育巩固率", "≥", "99", "%"),
        ("", "时效指标", "资助资金发放及时率", "＝", "100", "%"),
        ("成本指标", "经济成本指标", "小学生均公用经费标准", "≥", "800", "元/人"),
        ("效益指标", "社会效益指标", "普惠性幼儿园覆盖率", "≥", "85", "%"),
        ("", "可持续影响指标", "教育均衡发展水平", "定性", "持续巩固", ""),
        ("满意度指标", "服务对象满意度指标", "学生家长满意度", "≥", "90", "%"),
    ),
)


def department_rows(t: Department) -> list[Row]:
    w = B_WIDTHS
    rest = sum(w[1:])
    rows: list[Row] = [
        (Cell("部门（单位）名称", w[0]), Cell(t.name, rest, "l")),
        (Cell("年度预算资金（万元）", w[0]), Cell("资金总额", w[1]), Cell(t.total, rest - w[1])),
        (Cell(None, w[0]), Cell("其中：财政拨款", w[1]), Cell(t.fiscal, rest - w[1])),
        (Cell(None, w[0]), Cell("其他资金", w[1]), Cell(t.other, rest - w[1])),
        (Cell("年度主要任务", w[0] + w[1]), Cell("主要内容", w[2] + w[3] + w[4]), Cell("预算金额（万元）", w[5])),
        *((Cell(task, w[0] + w[1]), Cell(content, w[2] + w[3] + w[4], "l"), Cell(amount, w[5]))
          for task, content, amount in t.tasks),
        (Cell("年度绩效目标", w[0]), Cell(t.goal, rest, "l")),
        tuple(Cell(h, x) for h, x in zip(B_HEADER, w)),
    ]
    return rows + _b_indicator_rows(t.indicators, w, False)


EDU_A = goal_table(
    1,
    "301001某市教育局",
    "万元",
    "教师培训经费-2024市级",
    "120.00",
    "120.00",
    " ",
    "用于中小学教师全员培训、骨干教师研修及新任教师岗前培训。",
    "1.完成全市中小学教师年度全员培训任务；2.提升教师专业能力和信息技术应用能力。",
    (
        ("产出指标", "数量指标", "培训教师人次", "培训教师人次", "≥6000人次"),
        ("", "数量指标", "骨干教师研修班次", "骨干教师研修班次", "≥12期"),
        ("", "质量指标", "培训考核合格率", "培训考核合格率", "≥95%"),
        ("", "时效指标", "培训完成时间", "培训完成时间", "1年"),
        ("", "成本指标", "人均培训成本", "人均培训成本", "≤200元/人"),
        ("效益指标", "社会效益指标", "教师专业能力", "教师专业能力", "明显提升"),
        ("满意度指标", "服务对象满意度指标", "参训教师满意度", "参训教师满意度", "≥90%"),
    ),
)


# --------------------------------------------------------------------------- layout A fixtures

XIQING = "216106天津市西青区人民法院"

# 45 indicator rows: the 产出指标 group (34 rows) crosses the page break; long 三级/描述 cells wrap over 2-3 lines.
PAGE_BREAK_ROWS: tuple[tuple[str, str, str, str, str], ...] = (
    ("产出指标", "数量指标", "案件受理数量", "全年受理各类案件数量", "≥28000件"),
    ("", "数量指标", "案件受理数量", "民事案件受理数量", "≥17500件"),
    ("", "数量指标", "案件受理数量", "刑事案件受理数量", "≥1200件"),
    ("", "数量指标", "案件受理数量", "行政案件受理数量", "≥350件"),
    ("", "数量指标", "案件受理数量", "执行案件受理数量", "≥8500件"),
    ("", "数量指标", "案件受理数量", "其他案件受理数量", "≥450件"),
    ("", "数量指标", "法官人均结案数", "员额法官人均结案数", "≥260件/人"),
    ("", "数量指标", "电子卷宗扫描页数", "随案扫描生成电子卷宗的页数", "≥120万页"),
    ("", "数量指标", "诉讼文书送达数量", "通过电子及邮寄方式送达诉讼文书的数量", "≥36000件"),
    ("", "数量指标", "庭审直播场次", "在中国庭审公开网直播庭审的场次", "≥3000场"),
    ("", "数量指标", "诉前调解成功案件自动履行及申请司法确认数量",
     "当事人自动履行调解协议或申请司法确认的案件数量", "≥2600件"),
    ("", "数量指标", "司法鉴定委托数量", "委托司法鉴定的案件数量", "≥420件"),
    ("", "数量指标", "人民陪审员参审案件数", "人民陪审员参与审理的案件数量", "≥1500件"),
    ("", "数量指标", "审判辅助外包服务人数", "购买书记员等审判辅助服务的人数", "≥60人"),
    ("", "数量指标", "法律文书印制数量", "印制裁判文书、诉讼须知等文书的数量", "≥50000份"),
    ("", "质量指标", "审限内结案率", "审限内结案率", "≥95%"),
    ("", "质量指标", "一审服判息诉率", "一审服判息诉率", "≥90%"),
    ("", "质量指标", "发回重审及改判案件占上诉案件比例",
     "二审发回重审和改判的案件数占上诉案件总数的比例，反映一审裁判质量", "≤8%"),
    ("", "质量指标", "电子卷宗随案生成率", "电子卷宗随案生成率", "100%"),
    ("", "质量指标", "裁判文书上网公开率", "依法应当公开的裁判文书上网公开的比例", "≥98%"),
    ("", "质量指标", "执行到位率", "执行案件标的执行到位的比例", "≥45%"),
    ("", "质量指标", "诉讼服务中心一站式服务事项办理合格率",
     "立案、查询、退费等\n一站式服务办理合格的比例", "≥95%"),
    ("", "质量指标", "卷宗归档合格率", "卷宗归档合格率", "100%"),
    ("", "时效指标", "保障期限", "保障期限", "1年"),
    ("", "时效指标", "拨款到位及时率", "拨款到位及时率", "100%"),
    ("", "时效指标", "立案审查平均用时", "立案审查平均用时", "≤1天"),
    ("", "时效指标", "长期未结案件清理完成时限", "对审理期限超过十二个月的长期未结案件完成清理的期限", "≤6个月"),
    ("", "时效指标", "文书送达平均周期", "诉讼文书送达平均周期", "≤5天"),
    ("", "成本指标", "项目服务费用", "项目服务费用", "1160万"),
    ("", "成本指标", "审判辅助外包服务费", "审判辅助外包服务费", "420万"),
    ("", "成本指标", "电子卷宗扫描服务费", "电子卷宗扫描服务费", "180万"),
    ("", "成本指标", "邮寄费", "同城邮寄费", "20元/件"),
    ("", "成本指标", "邮寄费", "异地邮寄费", "35元/件"),
    ("", "成本指标", "法律文书印制费", "法律文书印制费", "46万"),
    ("效益指标", "社会效益指标", "民事案件调解率", "民事案件调解率", "≥22%"),
    ("", "社会效益指标", "涉诉信访化解率", "涉诉信访化解率", "≥85%"),
    ("", "社会效益指标", "矛盾纠纷多元化解机制运行成效",
     "通过诉调对接、诉前调解等方式实质性化解矛盾纠纷的成效", "显著提升"),
    ("", "社会效益指标", "司法公开水平", "司法公开水平", "明显提高"),
    ("", "可持续影响指标", "为审判提供长效保障", "为审判提供长效保障", "有效保障"),
    ("", "可持续影响指标", "智慧法院建设水平", "智慧法院建设水平", "持续提升"),
    ("满意度指标", "服务对象满意度指标", "干警满意度", "干警满意度", "≥95%"),
    ("", "服务对象满意度指标", "当事人满意度", "当事人满意度", "≥90%"),
    ("", "服务对象满意度指标", "诉讼参与人对诉讼服务中心服务满意度",
     "律师、当事人等诉讼参与人对诉讼服务中心服务的满意程度", "≥90%"),
    ("", "服务对象满意度指标", "人民陪审员满意度", "人民陪审员满意度", "≥90%"),
    ("", "服务对象满意度指标", "人大代表政协委员满意度", "人大代表、政协委员对法院工作的满意度", "≥90%"),
)

PAGE_BREAK = goal_table(
    1,
    XIQING,
    "万元",
    "审判执行综合保障经费-2023市级",
    "1160.00",
    "1100.00",
    "60.00",
    "用于审判执行工作所需的审判辅助外包服务、电子卷宗随案扫描、诉讼文书送达、法律文书印制及诉讼服务中心运行。",
    "1.保障审判执行工作顺利开展，完成全年审判执行任务；2.推进电子卷宗随案生成和诉讼服务一站式办理，提高审判质效。",
    PAGE_BREAK_ROWS,
)

VARIANTS = goal_table(
    1,
    "410102某县生态环境局",
    "万元",
    "农村生活污水治理-2024省级",
    "860.00",
    "800.00",
    "60.00",
    "用于农村生活污水收集管网和处理设施建设及运行维护。",
    "1.完成25个行政村生活污水治理任务；2.提高农村生活污水治理率，改善农村人居环境。",
    (
        ("产出指标", "数量指标", "治理行政村数量", "完成生活污水治理的行政村数量", "≥25个"),
        ("", "质量指标", "处理设施出水达标率", "出水水质达到排放标准的设施占比", "≥90%"),
        ("", "进度指标", "项目完工时间", "年底前完成建设并投入运行", "1年"),
        ("", "工作推进指标", "设施运维制度建立", "建立设施长效运维管理制度", "建立"),
        ("", "成本指标", "项目总成本", "项目总成本", "860万"),
        ("效果指标", "社会效益指标", "受益农村人口", "受益农村人口数量", "≥3.2万人"),
        ("", "环境效益指标", "农村生活污水治理率", "农村生活污水治理率", "≥45%"),
        ("", "可持续影响指标", "设施长效运行", "设施长效运行", "长期"),
        ("满意度指标", "社会公众或服务对象满意度指标", "受益群众满意度", "受益群众满意度", "≥90%"),
    ),
)

JINGHAI = "216105天津市静海区人民法院"
MERGED = "<merged>"  # the 描述 of a row whose 三级指标 cell spans the 描述 column too

IRREGULAR = goal_table(
    1,
    JINGHAI,
    "万元",
    "诉讼服务中心运行维护-2023区级",
    "68.00",
    "60.00",
    "8.00",
    "用于诉讼服务中心自助立案设备、12368热线及网上立案系统的运行维护。",
    "1.保障诉讼服务中心正常运转；2.为当事人提供便捷高效的一站式诉讼服务。",
    (
        ("产出指标", "数量指标", "诉讼服务接待人次", "诉讼服务接待人次", "≥18000人次"),
        ("", "数量指标", "12368热线接听量", "12368热线接听量", "≥9500次"),
        ("", "质量指标", "自助设备完好率", MERGED, "≥98%"),
        ("", "时效指标", "故障响应时间", "故障响应时间", "≤1天"),
        ("", "成本指标", "运行维护费用", "运行维护费用", "68万"),
        ("效益指标", "社会效益指标", "当事人诉讼便利度", "当事人诉讼便利度", "明显改善"),
        ("满意度指标", "服务对象满意度指标", "当事人满意度", "当事人满意度", "≥90%"),
        ("", "服务对象满意度指标", "干警满意度", "干警满意度", "≥95%"),
    ),
)

# The seed's two tables as one: the header block's 7 columns and the indicator rows' 5 share no inner boundary.
IRREGULAR_HEADER_WIDTHS = (2.8, 2.0, 2.4, 3.0, 2.4, 2.0, 2.8)


def irregular_rows(goal: SeedTable) -> list[Row]:
    hw, iw = IRREGULAR_HEADER_WIDTHS, INDICATOR_WIDTHS_CM
    total = sum(hw)
    h = goal.header_rows
    rows: list[Row] = [
        (Cell(h[0][0], sum(hw[:5]), "l"), Cell(h[0][1], sum(hw[5:]), "r")),
        (Cell(h[1][0], hw[0]), Cell(h[1][1], total - hw[0])),
        tuple(Cell(text, w) for text, w in zip(h[2], hw)),
        (Cell(None, hw[0]), Cell(h[3][1], total - hw[0], "l")),
        (Cell(h[4][0], hw[0]), Cell(h[4][1], total - hw[0], "l")),
    ]
    for r in goal.indicator_rows:
        l1 = Cell(r[0] or None, iw[0])
        if r[3] == MERGED:
            rows.append((l1, Cell(r[1], iw[1]), Cell(r[2], iw[2] + iw[3]), Cell(r[4], iw[4])))
        else:
            rows.append((l1, *(Cell(text, w) for text, w in zip(r[1:], iw[1:]))))
    return rows


# --------------------------------------------------------------------------- documents


def docx_layout_b_project() -> bytes:
    doc = new_document("layout_b_project")
    add_layout_b(doc, B_REPAIR, new_page=False)
    add_layout_b(doc, B_AID, new_page=True)
    return save_docx(doc)


def docx_layout_b_midterm() -> bytes:
    doc = new_document("layout_b_midterm")
    add_layout_b(doc, B_MIDTERM, new_page=False)
    return save_docx(doc)


def docx_page_break(repeat_header: bool) -> bytes:
    doc = new_document("page_break_repeated" if repeat_header else "page_break_plain")
    _, indicators = add_goal_table(doc, PAGE_BREAK, new_page=False)
    # Without this LibreOffice splits the wrapped row at the foot of page 1 (裁判文书上网公开 | 率).
    keep_rows_whole(indicators)
    if repeat_header:
        repeat_header_row(indicators)
    return save_docx(doc)


def docx_department() -> bytes:
    doc = new_document("department")
    add_title(doc, DEPARTMENT.title, new_page=False)
    grid_table(doc, department_rows(DEPARTMENT), HEADER_ROW_HEIGHT_CM)
    add_goal_table(doc, EDU_A, new_page=True)
    return save_docx(doc)


# After the goal table, on a new page, a budget table of the same width (5 columns): a parser that keeps
# reading indicator rows past the goal table's end would take its rows as indicators.
TRAILING_TITLE = "附表：项目支出预算明细表"
TRAILING_ROWS = (
    ("功能分类科目编码", "科目名称", "项目名称", "资金性质", "预算数"),
    ("2110302", "农村环境保护", "农村生活污水治理-2024省级", "一般公共预算", "800.00"),
    ("2110302", "农村环境保护", "农村生活污水治理-2024省级", "其他资金", "60.00"),
    ("合计", "", "", "", "860.00"),
)
TRAILING_WIDTHS = (3.2, 3.0, 5.0, 3.0, 2.4)


def trailing_rows() -> list[Row]:
    return [tuple(Cell(t, w) for t, w in zip(r, TRAILING_WIDTHS)) for r in TRAILING_ROWS]


def docx_variants() -> bytes:
    doc = new_document("variants")
    add_goal_table(doc, VARIANTS, new_page=False)
    add_title(doc, TRAILING_TITLE, new_page=True)
    grid_table(doc, trailing_rows(), HEADER_ROW_HEIGHT_CM)
    return save_docx(doc)


def docx_irregular() -> bytes:
    doc = new_document("irregular_grid")
    add_title(doc, IRREGULAR.title, new_page=False)
    grid_table(doc, irregular_rows(IRREGULAR), INDICATOR_ROW_HEIGHT_CM, unruled=(0,))
    return save_docx(doc)


# --------------------------------------------------------------------------- XLSX

XLSX_SHEETS: tuple[tuple[str, tuple[tuple[LayoutB, bool], ...]], ...] = (
    ("第一中学", ((B_REPAIR, True), (B_AID, False))),  # stacked: numbers, then text
    ("财政局", ((B_FINANCE, True),)),
)
_THIN = Side(style="thin", color="000000")


def xlsx_layout_b_project() -> bytes:
    """Two sheets of layout-B tables with real merged cells; the title a merged row above each table."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, tables in XLSX_SHEETS:
        ws = wb.create_sheet(name)
        r0 = 1
        for i, (t, as_number) in enumerate(tables):
            if i:
                r0 += 1  # a blank row between stacked tables
            rows = [(Cell(t.title, sum(B_WIDTHS)),), *layout_b_rows(t, as_number)]
            widths, placed = _placed(rows)
            for j, w in enumerate(widths, start=1):
                ws.column_dimensions[get_column_letter(j)].width = round(w * 4.6, 1)
            for r, cells in enumerate(placed):
                excel_row = r0 + r
                ws.row_dimensions[excel_row].height = 24 if r else 30
                for cell, c0, c1 in cells:
                    if cell.text is None:
                        continue
                    target = ws.cell(excel_row, c0 + 1, cell.text if cell.text != "" else None)
                    target.alignment = Alignment(horizontal=XLSX_ALIGN[cell.align], vertical="center", wrap_text=True)
                    target.font = Font(name=FONT, size=14 if r == 0 else 10.5, bold=r == 0)
                    if c1 - c0 > 1:
                        ws.merge_cells(start_row=excel_row, start_column=c0 + 1, end_row=excel_row, end_column=c1)
                    if isinstance(cell.text, str) and re.fullmatch(r"\d+(\.\d+)?", cell.text):
                        target.number_format = "@"  # text that looks like a number stays text
                for cell, c0, c1 in cells:
                    for c in range(c0, c1):
                        if r:
                            ws.cell(excel_row, c + 1).border = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
            for start, end, c0 in _vertical_runs(placed):
                c1 = next(e for _, s, e in placed[start] if s == c0)
                ws.merge_cells(start_row=r0 + start, start_column=c0 + 1, end_row=r0 + end, end_column=c1)
            r0 += len(rows)
    return _normalize_zip(workbook_bytes(wb, "tests/make_layouts.py"))


def workbook_bytes(wb, made_by: str) -> bytes:
    """``wb`` saved with fixed properties and dates, so that a fixture is the same bytes on every run."""
    wb.properties.creator = wb.properties.lastModifiedBy = f"perfgoals {made_by}"
    wb.properties.created = wb.properties.modified = FIXED_DATE.replace(tzinfo=None)
    buf = io.BytesIO()
    wb.save(buf)
    return _fix_core_dates(buf.getvalue())


def _fix_core_dates(data: bytes) -> bytes:
    """openpyxl stamps dcterms:modified with the time of saving; put the fixed date back."""
    out = io.BytesIO()
    stamp = FIXED_DATE.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            blob = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                blob = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>" + stamp, blob)
            dst.writestr(info, blob)
    return out.getvalue()


# --------------------------------------------------------------------------- truth from the cells as written

_SPACES = re.compile(r"\s+")
_CJK = r"\u3000-\u303f\u4e00-\u9fff\uff01-\uffef\u2014\u2018\u2019\u201c\u201d\u2026"
_SPACE_BETWEEN_CJK = re.compile(rf"(?<=[{_CJK}]) (?=[{_CJK}])")
_UNIT_CODE = re.compile(r"^(\d{6})(.*)$")
QUALITATIVE = "定性"


def clean(text: str | int | float | None) -> str:
    """The contract's cleaning (``transform.clean.clean_text``) for the texts used here."""
    if text is None:
        return ""
    return _SPACE_BETWEEN_CJK.sub("", _SPACES.sub(" ", str(text)).strip())


def _filled(rows, fields: int = 1):
    """Rows with the first ``fields`` cells filled down from the row above (merged cells resolved).

    A cell is filled only when every cell left of it was too: 二级 does not run past a new 一级 group.
    """
    out, previous = [], None
    for row in rows:
        blank = [not cell for cell in row]
        row = list(row)
        for i in range(fields):
            if previous is not None and all(blank[: i + 1]):
                row[i] = previous[i]
        out.append(row)
        previous = row
    return out


def truth_a(goal: SeedTable) -> ExpectedTable:
    h = goal.header_rows
    m = _UNIT_CODE.match(clean(h[0][0]))
    indicators = []
    for r in _filled(goal.indicator_rows[1:]):
        description = r[2] if r[3] == MERGED else r[3]
        indicators.append((clean(r[0]), clean(r[1]), clean(r[2]), clean(description), clean(r[4])))
    return ExpectedTable(
        kind="project",
        title=clean(goal.title),
        unit_code=m.group(1) if m else "",
        unit_name=m.group(2) if m else clean(h[0][0]),
        project_name=clean(h[1][1]),
        budget_total=clean(h[2][2]),
        budget_fiscal=clean(h[2][4]),
        budget_other=clean(h[2][6]),
        goal_text=clean(h[4][1]),
        indicators=tuple(indicators),
        money_unit=clean(h[0][1]).removeprefix("单位："),
        purpose=clean(h[3][1]),
    )


def _b_indicators(rows, as_number: bool = False) -> tuple:
    out = []
    for r in _filled(rows, 2):
        value = clean(_number(r[4]) if as_number else r[4])
        op = "" if r[3] == QUALITATIVE else clean(r[3])
        description = clean(r[6]) if len(r) > 6 else None
        out.append((clean(r[0]), clean(r[1]), clean(r[2]), description, op + value + clean(r[5])))
    return tuple(out)


def truth_b(t: LayoutB, as_number: bool = False) -> ExpectedTable:
    money = (lambda s: clean(_number(s))) if as_number else clean
    return ExpectedTable(
        kind="project",
        title=clean(t.title),
        unit_code="",
        unit_name=clean(t.unit),
        project_name=clean(t.project),
        budget_total=money(t.total),
        budget_fiscal=money(t.fiscal),
        budget_other=money(t.other),
        goal_text=clean(t.goal),
        indicators=_b_indicators(t.indicators, as_number),
    )


def truth_department(t: Department) -> ExpectedTable:
    return ExpectedTable(
        kind="department",
        title=clean(t.title),
        unit_code="",
        unit_name=clean(t.name),
        project_name="",
        budget_total=clean(t.total),
        budget_fiscal=clean(t.fiscal),
        budget_other=clean(t.other),
        goal_text=clean(t.goal),
        indicators=_b_indicators(t.indicators),
        tasks=tuple((clean(a), clean(b), clean(c)) for a, b, c in t.tasks),
    )


def derived_truth() -> dict[str, tuple[ExpectedTable, ...]]:
    """File name → its tables as derived from the cells written (pages and sheets left out)."""
    b_project = (truth_b(B_REPAIR), truth_b(B_AID))
    page_break = (truth_a(PAGE_BREAK),)
    department = (truth_department(DEPARTMENT), truth_a(EDU_A))
    irregular = (truth_a(IRREGULAR),)
    xlsx = tuple(
        replace(truth_b(t, as_number), sheet=sheet) for sheet, tables in XLSX_SHEETS for t, as_number in tables
    )
    return {
        "layout_b_project.docx": b_project,
        "layout_b_project.pdf": b_project,
        "layout_b_project.xlsx": xlsx,
        "layout_b_midterm.docx": (truth_b(B_MIDTERM),),
        "page_break_repeated.pdf": page_break,
        "page_break_plain.pdf": page_break,
        "department.docx": department,
        "department.pdf": department,
        "variants.docx": (truth_a(VARIANTS),),
        "variants.pdf": (truth_a(VARIANTS),),
        "irregular_grid.docx": irregular,
        "irregular_grid.pdf": irregular,
    }


# --------------------------------------------------------------------------- build

DOCX_BUILDERS = {
    "layout_b_project": docx_layout_b_project,
    "layout_b_midterm": docx_layout_b_midterm,
    "page_break_repeated": lambda: docx_page_break(True),
    "page_break_plain": lambda: docx_page_break(False),
    "department": docx_department,
    "variants": docx_variants,
    "irregular_grid": docx_irregular,
}
KEEP_DOCX = {"layout_b_project", "layout_b_midterm", "department", "variants", "irregular_grid"}
MAKE_PDF = {"layout_b_project", "page_break_repeated", "page_break_plain", "department", "variants", "irregular_grid"}


def make_layouts(out_dir: Path = LAYOUTS_DIR, stems: set[str] | None = None) -> list[Path]:
    """Write every fixture (or those of ``stems``) into ``out_dir``; returns the files written."""
    import make_real_layouts

    stems = set(all_stems()) if stems is None else stems
    check_font()
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="perfgoals-layouts-") as tmp:
        tmp_path = Path(tmp)
        docx_dir, pdf_dir = tmp_path / "docx", tmp_path / "pdf"
        docx_dir.mkdir()
        pdf_dir.mkdir()
        to_convert = []
        for stem, build in DOCX_BUILDERS.items():
            if stem not in stems:
                continue
            data = build()
            path = docx_dir / f"{stem}.docx"
            path.write_bytes(data)
            if stem in KEEP_DOCX:
                (out_dir / path.name).write_bytes(data)
                written.append(out_dir / path.name)
            if stem in MAKE_PDF:
                to_convert.append(path)
        if to_convert:
            convert_to_pdf(to_convert, pdf_dir, tmp_path / "lo-profile")
        for path in to_convert:
            target = out_dir / f"{path.stem}.pdf"
            target.write_bytes(normalize_pdf((pdf_dir / target.name).read_bytes()))
            written.append(target)
    if "layout_b_project" in stems:
        target = out_dir / "layout_b_project.xlsx"
        target.write_bytes(xlsx_layout_b_project())
        written.append(target)
    written += make_real_layouts.make_real_layouts(out_dir, tuple(s for s in make_real_layouts.STEMS if s in stems))
    return sorted(written)


def all_stems() -> tuple[str, ...]:
    """Every fixture's name without its extension: these and ``make_real_layouts.STEMS``."""
    import make_real_layouts

    return (*DOCX_BUILDERS, *make_real_layouts.STEMS)


# --------------------------------------------------------------------------- checks

class CheckFailed(AssertionError):
    pass


def _expect(condition: bool, message: str) -> None:
    if not condition:
        raise CheckFailed(message)


def docx_table_specs() -> dict[str, list[list[tuple[str, ...]]]]:
    """File name → its DOCX tables as rows of cell texts (``""`` for a vMerge continuation), as meant to be written."""

    def rows_of(rows: list[Row]) -> list[tuple[str, ...]]:
        return [tuple("" if c.text is None else str(c.text) for c in row) for row in rows]

    def layout_a(goal: SeedTable) -> list[list[tuple[str, ...]]]:
        return [list(goal.header_rows), list(goal.indicator_rows)]

    return {
        "layout_b_project.docx": [rows_of(layout_b_rows(B_REPAIR)), rows_of(layout_b_rows(B_AID))],
        "layout_b_midterm.docx": [rows_of(layout_b_rows(B_MIDTERM))],
        "department.docx": [rows_of(department_rows(DEPARTMENT)), *layout_a(EDU_A)],
        "variants.docx": [*layout_a(VARIANTS), rows_of(trailing_rows())],
        "irregular_grid.docx": [rows_of(irregular_rows(IRREGULAR))],
    }


def read_docx_tables(data: bytes) -> list[list[tuple[tuple[str, int, str | None], ...]]]:
    """Every table of a DOCX as rows of (text, gridSpan, vMerge) read from the XML, one per w:tc."""
    doc = Document(io.BytesIO(data))
    tables = []
    for table in doc.tables:
        rows = []
        for tr in table._tbl.tr_lst:
            cells = []
            for tc in tr.tc_lst:
                cells.append((_Cell(tc, table).text, tc.grid_span, tc.vMerge))
            rows.append(tuple(cells))
        tables.append(rows)
    return tables


def check_docx(name: str, data: bytes, spec: list[list[tuple[str, ...]]]) -> str:
    tables = read_docx_tables(data)
    _expect(len(tables) == len(spec), f"{name}: {len(tables)} tables, expected {len(spec)}")
    notes = []
    for t, (got, want) in enumerate(zip(tables, spec)):
        _expect(len(got) == len(want), f"{name} table {t}: {len(got)} rows, expected {len(want)}")
        n_grid = {sum(span for _, span, _ in row) for row in got}
        _expect(len(n_grid) == 1, f"{name} table {t}: rows cover {sorted(n_grid)} grid columns")
        for r, (row, texts) in enumerate(zip(got, want)):
            read = tuple("" if vm == "continue" else text for text, _, vm in row)
            _expect(read == texts, f"{name} table {t} row {r}: read {read!r}, wrote {texts!r}")
        splits = sorted({len(row) for row in got})
        merges = sum(vm == "continue" for row in got for _, _, vm in row)
        notes.append(f"{len(got)} rows, {n_grid.pop()} grid cols, cells/row {splits}, {merges} vMerge continuations")
    return "; ".join(notes)


def _repeats_header(data: bytes) -> bool:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return b"<w:tblHeader/>" in z.read("word/document.xml")


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text or "")


def find_title(page_text: list[str], title: str, page: int, pos: int) -> tuple[int | None, int, int]:
    """The page on which ``title`` stands first at or after (``page``, ``pos``), and the cursor after it."""
    for n in range(page, len(page_text) + 1):
        at = page_text[n - 1].find(_squeeze(title), pos if n == page else 0)
        if at >= 0:
            return n, n, at + 1
    return None, page, pos


def read_pdf(path: Path, tables: tuple[ExpectedTable, ...]) -> tuple[tuple[ExpectedTable, ...], str]:
    """The tables with ``page`` and ``indicator_pages`` as found by pdfplumber; and a note of what it found.

    A title's page is the first page whose text holds it (after the previous
    title's). An indicator row is matched, in order, to the next table row
    that pdfplumber extracts with a cell equal to its 三级指标 and a cell
    holding its 指标值 (the number, for layout B, where it has a cell of its own).
    """
    found = []
    notes = []
    with pdfplumber.open(path) as pdf:
        page_text = [_squeeze(p.extract_text()) for p in pdf.pages]
        all_text = "".join(page_text)
        _expect("(cid:" not in all_text and "\ufffd" not in all_text, f"{path.name}: text layer has unmapped glyphs")
        page_rows = []  # (page, cleaned cells)
        for number, page in enumerate(pdf.pages, start=1):
            extracted = page.extract_tables()
            notes.append(f"p{number}: " + ", ".join(f"{len(t)}x{max(len(r) for r in t)}" for t in extracted))
            for table in extracted:
                for row in table:
                    page_rows.append((number, [clean(c) for c in row]))
    cursor_page, cursor_pos, cursor_row = 1, 0, 0
    for t in tables:
        title_page, cursor_page, cursor_pos = find_title(page_text, t.title, cursor_page, cursor_pos)
        _expect(title_page is not None, f"{path.name}: title {t.title!r} not found after page {cursor_page}")
        for needle in (t.unit_name, t.project_name, t.goal_text, t.budget_total, *(x for y in t.tasks for x in y)):
            # A wrapped cell's lines interleave with its neighbours' in the page text: look in the cells too.
            needle = _squeeze(needle)
            in_cell = any(needle in _squeeze(c) for _, cells in page_rows for c in cells)
            _expect(needle in all_text or in_cell, f"{path.name}: {needle!r} not in the text layer")
        pages = []
        for level1, level2, level3, description, target in t.indicators:
            value = re.search(r"[\d.]+", target)
            while cursor_row < len(page_rows):
                number, cells = page_rows[cursor_row]
                cursor_row += 1
                if number >= title_page and level3 in cells and any(
                    target == c or (value and value.group(0) == c) for c in cells
                ):
                    pages.append(number)
                    break
            else:
                raise CheckFailed(f"{path.name}: indicator row {level3!r} {target!r} not found by pdfplumber")
        found.append(replace(t, page=title_page, indicator_pages=tuple(pages)))
    return tuple(found), "; ".join(notes)


def check_xlsx(data: bytes) -> str:
    """Read the workbook back: every written value at its place with its type, every merge present."""
    wb = openpyxl.load_workbook(io.BytesIO(data))
    _expect(wb.sheetnames == [name for name, _ in XLSX_SHEETS], f"xlsx sheets {wb.sheetnames}")
    notes = []
    for name, tables in XLSX_SHEETS:
        ws = wb[name]
        merged = {str(m) for m in ws.merged_cells.ranges}
        r0, expected_merges, numbers = 1, set(), 0
        for i, (t, as_number) in enumerate(tables):
            r0 += 1 if i else 0
            rows = [(Cell(t.title, sum(B_WIDTHS)),), *layout_b_rows(t, as_number)]
            _, placed = _placed(rows)
            for r, cells in enumerate(placed):
                for cell, c0, c1 in cells:
                    if cell.text is None:
                        continue
                    got = ws.cell(r0 + r, c0 + 1).value
                    want = cell.text if cell.text != "" else None
                    where = f"{name}!{get_column_letter(c0 + 1)}{r0 + r}"
                    _expect(got == want and type(got) is type(want), f"xlsx {where}: {got!r} != {want!r}")
                    numbers += isinstance(got, (int, float))
                    if c1 - c0 > 1:
                        expected_merges.add(f"{get_column_letter(c0 + 1)}{r0 + r}:{get_column_letter(c1)}{r0 + r}")
            for start, end, c0 in _vertical_runs(placed):
                c1 = next(e for _, s, e in placed[start] if s == c0)
                expected_merges.add(f"{get_column_letter(c0 + 1)}{r0 + start}:{get_column_letter(c1)}{r0 + end}")
            r0 += len(rows)
        _expect(merged == expected_merges, f"xlsx {name}: merges {sorted(merged ^ expected_merges)} differ")
        notes.append(f"{name}: {ws.max_row} rows, {len(merged)} merged ranges, {numbers} number cells")
    return "; ".join(notes)


def check_layouts(out_dir: Path = LAYOUTS_DIR, stems: set[str] | None = None) -> dict[str, tuple[ExpectedTable, ...]]:
    """Check every fixture (or those of ``stems``) in ``out_dir``; returns the truth as measured (PDF pages)."""
    import make_real_layouts

    stems = set(all_stems()) if stems is None else stems
    truth = {name: tables for name, tables in derived_truth().items() if name.rsplit(".", 1)[0] in stems}
    specs = docx_table_specs()
    measured: dict[str, tuple[ExpectedTable, ...]] = {}
    for name, tables in truth.items():
        path = out_dir / name
        _expect(path.exists(), f"{name} not written")
        data = path.read_bytes()
        if name.endswith(".docx"):
            note = check_docx(name, data, specs[name])
            measured[name] = tables
        elif name.endswith(".pdf"):
            measured[name], note = read_pdf(path, tables)
        else:
            note = check_xlsx(data)
            measured[name] = tables
        print(f"  ok {name}: {note}")
    real = tuple(s for s in make_real_layouts.STEMS if s in stems)
    measured.update(make_real_layouts.check_real_layouts(out_dir, real))
    for stem in ("page_break_repeated", "page_break_plain"):
        if stem not in stems:
            continue
        repeat = stem == "page_break_repeated"
        _expect(_repeats_header(DOCX_BUILDERS[stem]()) == repeat, f"{stem}: w:tblHeader {'missing' if repeat else 'set'}")
        (table,) = measured[f"{stem}.pdf"]
        pages = table.indicator_pages
        _expect(2 in pages, f"{stem}: the indicator table does not reach page 2")
        first_on_2 = pages.index(2)
        row, before = table.indicators[first_on_2], table.indicators[first_on_2 - 1]
        _expect(row[0] == before[0], f"{stem}: page 2 starts a new 一级 group {row[0]!r}; it should continue one")
        # What pdfplumber sees at the top of page 2: the repeated header, or the continued row with a blank 一级.
        with pdfplumber.open(out_dir / f"{stem}.pdf") as pdf:
            top = [clean(c) for c in pdf.pages[1].extract_tables()[0][0]]
        want = ["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值"] if repeat else ["", *row[1:3]]
        _expect(top[: len(want)] == want, f"{stem}: page 2 starts with {top}, expected {want}")
    total = sum(p.stat().st_size for p in out_dir.iterdir() if p.is_file())
    _expect(total <= MAX_TOTAL_BYTES, f"{out_dir}: {total} bytes, over {MAX_TOTAL_BYTES}")
    return measured


def compare_with_cases(measured: dict[str, tuple[ExpectedTable, ...]],
                       stems: set[str] | None = None) -> list[str]:
    """Differences between the truth as measured and ``layout_cases.CASES`` (those of ``stems``) and ``FAILING``."""
    import make_real_layouts

    stems = set(all_stems()) if stems is None else stems
    cases = {name for name in CASES if name.rsplit(".", 1)[0] in stems}
    problems = []
    if set(measured) != cases:
        problems.append(f"files: measured {sorted(measured)}, CASES {sorted(cases)}")
    real = tuple(s for s in make_real_layouts.STEMS if s in stems)
    problems += [p for p in make_real_layouts.compare_with_cases(measured, real) if p.startswith(("CASES", "FAILING"))]
    for name in sorted(set(measured) & cases):
        problems += case_differences(name, measured[name])
    return problems


def case_differences(name: str, got: tuple[ExpectedTable, ...]) -> list[str]:
    """How the tables measured in file ``name`` differ from ``CASES[name]``, field by field."""
    case = CASES[name]
    problems = []
    if case.kind_of_each_table != tuple(t.kind for t in case.tables):
        problems.append(f"{name}: kind_of_each_table {case.kind_of_each_table} disagrees with its tables")
    if len(got) != len(case.tables):
        problems.append(f"{name}: {len(got)} tables measured, {len(case.tables)} in CASES")
    for i, (a, b) in enumerate(zip(got, case.tables)):
        for f in a.__dataclass_fields__:
            if getattr(a, f) != getattr(b, f):
                problems.append(f"{name} table {i} {f}: measured {getattr(a, f)!r}, CASES {getattr(b, f)!r}")
    return problems


def main(argv: list[str]) -> int:
    """``make_layouts.py [OUT_DIR] [--only PREFIX[,PREFIX…]] [--render DIR]``: write the fixtures (all, or those
    whose names start with a PREFIX), check them, compare the truth with ``CASES``; render their PDF pages."""
    import argparse

    import make_real_layouts

    parser = argparse.ArgumentParser(prog="make_layouts.py")
    parser.add_argument("out_dir", nargs="?", type=Path, default=LAYOUTS_DIR)
    parser.add_argument("--only", action="append", default=[], help="fixture name prefixes, comma-separated")
    parser.add_argument("--render", type=Path, help="write a 60 dpi PNG of every page of the PDFs written here")
    args = parser.parse_args(argv[1:])
    prefixes = tuple(p for value in args.only for p in value.split(",") if p)
    stems = {s for s in all_stems() if not prefixes or s.startswith(prefixes)}
    if not stems:
        print(f"no fixture starts with {prefixes}", file=sys.stderr)
        return 2
    out_dir = args.out_dir
    start = time.perf_counter()
    paths = make_layouts(out_dir, stems)
    for path in paths:
        print(f"{path.stat().st_size:>8} {path}")
    if args.render:
        pdfs = sorted({p.stem for p in paths if p.suffix == ".pdf" and p.stem in make_real_layouts.STEMS})
        for png in make_real_layouts.render_pages(out_dir, args.render, pdfs):
            print(f"rendered {png}")
    try:
        measured = check_layouts(out_dir, stems)
    except CheckFailed as exc:
        print(f"CHECK FAILED: {exc}", file=sys.stderr)
        return 1
    problems = compare_with_cases(measured, stems)
    for problem in problems:
        print(f"DIFFERS FROM layout_cases.CASES: {problem}", file=sys.stderr)
    print(f"done in {time.perf_counter() - start:.1f}s, {sum(p.stat().st_size for p in paths)} bytes")
    return 1 if problems else 0


if __name__ == "__main__":
    # Run as the module ``make_layouts`` (the one make_real_layouts imports), so both share CheckFailed and the rest.
    import make_layouts

    sys.exit(make_layouts.main(sys.argv))
