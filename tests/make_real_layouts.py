"""The ``real_*`` layout fixtures: goal tables shaped like real published ones, in DOCX, PDF and XLSX.

``tests/make_layouts.py`` calls this module (``make_layouts.py --only real_``
writes and checks these files alone); ``shared/real-layouts.md`` lists what
real documents do, ``docs/reading.md`` how each must be read, and
``tests/layout_cases.py`` holds the truth (``CASES``, and ``FAILING`` for the
self-evaluation). All names, units and numbers are invented.

* ``real_project``: two 财政项目支出绩效目标填报表 (Shanghai style), the title
  and ``（2023年度）`` as one-cell rows inside the table, label-value pairs three
  to a row, ``项目资金（元）`` merged down over two column pairs (whole project
  beside this year, the totals different; thousands separators in the first
  table, none in the second), ``项目绩效目标 | 项目总目标 | 年度总体目标`` with
  the two texts in the row below, a blank first header cell over a
  ``绩效指标`` column merged down over the indicator rows, 年度(/项目)指标值,
  values ``≥8620.00(平方米)`` ``=100.00(%)`` ``≧95%`` ``≦5%``, 二级 merged and
  repeated, an empty 成本指标 group over two blank rows, 质量指标 under
  效益指标; the second table starts on page 2 and goes on on page 3 with no
  repeated header. XLSX: both tables stacked in one sheet, amounts numbers in
  ``#,##0.00`` / ``0.00``.
* ``real_department``: 2024年市级部门整体预算绩效目标表 (Zhanjiang style):
  部门名称, 基本信息, 预算整体情况 with 预算金额（万元） and only the parts
  (财政拨款, 其他资金), 总体绩效目标, 年度重点工作任务, 绩效指标 merged down from
  the header row, empty 二级 groups merged over blank rows, ``≥150元每人每月``,
  ``3000万元``, ``根据下达任务目标要求确定``, ``120`` under
  ``扶持文化创业企业数（家）``, ``不低于上年度水平``. XLSX: 财政拨款 is
  ``=SUM(C5:C6)`` with a cached value written into the sheet XML
  (10023.380000000001, shown 10023.38), ``100%`` is 1 in ``0%``.
* ``real_apply``: a 2020年项目申报表 (Wuhan style) with no money unit anywhere,
  项目执行单位 ``308101东湖区教育局``, 项目总预算 beside 项目当年预算, a
  项目资金来源 block, 项目绩效总目标, ``项目年度绩效指标`` over two grid columns
  merged down, 一级指标 | 二级指标 | 指标内容 | 指标值 | 备注, ``12000人、1500人``,
  ``约2.6万人次``, ``3万册``, ``不低于4户/人.月``, 社会公众或服务对象满意度指标
  under 效益指标, empty 二级 rows. XLSX: 0.95 and 1 in ``0%``, a formula 合计.
* ``real_two_level``: two 指标类型 | 指标名称 goal grids, ``单位：千元`` above
  each, 主管部门及代码 ``[173]…``: the first with 指标\\n性质 | 指标值 |
  计量\\n单位, 数量指标 alone then 产出类指标 / 效益类指标 / 满意度类指标 /
  管理类指标, a bare ``=`` operator (XLSX: text, not a formula) and 无 in the
  operator and unit cells; the second with 产出指标(50分) …, 指标性质 holding
  定量/定性, 目标值 and 度量单位. XLSX: one sheet each.
* ``real_two_row_header``: 项目绩效目标表（2023年度） with ``（单位：亿元）`` under
  it, an indicator header over two rows (绩效指标 over 一级 | 二级 | 三级,
  当年预期实现值 merged down), 一级 repeated and merged, 服务对象 as the
  satisfaction 二级. XLSX: a second sheet, a bare export starting at A1 with
  the two-row header (指标值（包含数字及文字描述）) and nothing else.
* ``real_self_evaluation``: a 2023年度项目支出绩效自评表 (Chongqing style):
  全年预算数 / 全年执行数, 全年目标实际完成情况, 指标权重 | 全年完成值 | 得分 |
  偏差原因分析及改进措施. Not a goal table: reading it must fail.

A table is rows of ``Cell`` (``make_layouts``'s: a cell's text and width,
``None`` continuing the merged cell above); an ``XCell`` is a cell whose XLSX
form is a number (with a number format) or a formula (with a cached value)
and whose text is what Excel shows for it. ``Line``s are the paragraphs
above a table (rows merged across the sheet in the XLSX).

The checks read every file back: the DOCX tables through python-docx (texts,
gridSpan, vMerge) and its paragraphs; the XLSX through openpyxl (values,
types, number formats, merged ranges, the cached values with
``data_only=True``) and through LibreOffice's CSV export "as shown" (every
cell displays its text); the PDFs through pdfplumber (``lines`` tables, the
page of every title and indicator row, no repeated header on the page a grid
goes on). The truth is then derived from the cells as written (labels found
in the grid, the indicator columns named by the header, merged cells filled
down, empty groups dropped, operator, value and unit joined) and compared
with ``layout_cases``.
"""

from __future__ import annotations

import csv
import io
import math
import re
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

import openpyxl
import pdfplumber
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from layout_cases import CASES, FAILING, SELF_EVALUATIONS, ExpectedTable
from make_layouts import (
    ALIGN,
    XLSX_ALIGN,
    Cell,
    CheckFailed,
    Row,
    _expect,
    _placed,
    _squeeze,
    case_differences,
    check_docx,
    clean,
    find_title,
    grid_table,
    keep_rows_whole,
    workbook_bytes,
)
from make_samples import (
    BODY_PT,
    FONT,
    TITLE_PT,
    _normalize_zip,
    _row_cells,
    _set_run_font,
    _write_text,
    convert_to_pdf,
    new_document,
    normalize_pdf,
    save_docx,
)
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

MAX_FILE_BYTES = 60_000
MAX_NEW_BYTES = 600_000
ROW_CM = 0.62  # minimum row height of the grids


# --------------------------------------------------------------------------- model


@dataclass(frozen=True)
class XCell(Cell):
    """A cell whose XLSX form is not its text: a number in ``fmt``, or a formula with a ``cached`` value.
    ``text`` is what Excel shows (and what the DOCX holds)."""

    stored: int | float | str | None = None  # the number, or "=FORMULA"
    fmt: str = "General"
    cached: int | float | None = None


@dataclass(frozen=True)
class Line:
    """A paragraph above a table (in the XLSX a row merged across the sheet)."""

    text: str
    size: float = BODY_PT
    bold: bool = False
    align: str = "c"


@dataclass(frozen=True)
class Goal:
    """One table as written, and where its indicator header is."""

    key: str
    lines: tuple[Line, ...]
    rows: tuple[Row, ...]
    header: int  # index of the header row that names the levels (the lower one of a two-row header)
    title_rows: int = 0  # leading one-cell rows that are the title (and its year note)
    styled: dict[int, tuple[float, bool]] = field(default_factory=dict)  # row -> (font size, bold)
    new_page: bool = False
    keep_rows_whole: bool = True  # no row split across a page (w:cantSplit)


@dataclass(frozen=True)
class Fixture:
    stem: str
    goals: tuple[Goal, ...]  # the DOCX/PDF, in order
    sheets: tuple[tuple[str, tuple[Goal, ...]], ...]  # the XLSX: sheet name, its tables stacked
    truth: Callable[[Goal], ExpectedTable] | None  # the reading of a table; None for a file that must fail


def header_index(rows: tuple[Row, ...], first_level: str) -> int:
    """The row that names the levels: the one holding the cell ``first_level``."""
    return next(i for i, row in enumerate(rows) if any(c.text == first_level for c in row))


def C(text: str | None, width: float, align: str = "c") -> Cell:
    return Cell(text, width, align)


def N(value: int | float, width: float, fmt: str = "General", align: str = "c") -> XCell:
    """A number cell: the text is the number as ``fmt`` shows it."""
    return XCell(shown(value, fmt), width, align, stored=value, fmt=fmt)


def F(formula: str, cached: int | float, width: float, fmt: str = "General", align: str = "c") -> XCell:
    return XCell(shown(cached, fmt), width, align, stored=formula, fmt=fmt, cached=cached)


def shown(value: int | float, fmt: str) -> str:
    """The few number formats used here, as Excel shows them (LibreOffice's CSV export checks it)."""
    if fmt == "General":
        if isinstance(value, int) or float(value).is_integer():
            return str(int(value))
        return format(round(value, 10), ".10g")
    if fmt == "0%":
        return f"{round(value * 100)}%"
    if fmt == "0.00":
        return f"{value:.2f}"
    if fmt == "#,##0.00":
        return f"{value:,.2f}"
    raise ValueError(f"number format {fmt!r} not used here")


# --------------------------------------------------------------------------- real_project (Shanghai style)

SH_W = (2.4, 4.4, 2.2, 2.6, 2.2, 3.6)  # label | value, three pairs
SH_MONEY_W = (2.4, 2.9, 3.3, 3.6, 5.2)
SH_IND_W = (2.4, 2.4, 3.0, 5.2, 4.4)  # 绩效指标 | 一级 | 二级 | 三级 | 年度(/项目)指标值
SH_TITLE = "财政项目支出绩效目标填报表"
SH_YEAR = "（2023年度）"


@dataclass(frozen=True)
class ShProject:
    name: str
    nature: str
    category: str
    supervisor: str
    unit: str
    start: str
    end: str
    whole: tuple[Cell, Cell, Cell]  # 项目资金总额, 其中：财政资金, 其他资金 (value cells of width SH_MONEY_W[2])
    annual: tuple[Cell, Cell, Cell, Cell]  # 年度资金申请总额, 其中：当年财政拨款, 上年结转资金, 其他资金
    goal_whole: str
    goal_annual: str
    indicators: tuple[tuple[str | None, ...], ...]  # (一级, 二级, 三级, 指标值); None continues the cell above


def sh_rows(p: ShProject) -> tuple[Row, ...]:
    w, m, iw = SH_W, SH_MONEY_W, SH_IND_W
    total = sum(w)
    right = sum(w[3:])
    rows: list[Row] = [
        (C(SH_TITLE, total),),
        (C(SH_YEAR, total),),
        (C("项目名称", w[0]), C(p.name, w[1]), C("项目性质", w[2]), C(p.nature, w[3]), C("项目类别", w[4]),
         C(p.category, w[5])),
        (C("主管部门", w[0]), C(p.supervisor, w[1]), C("实施单位", w[2]), C(p.unit, right)),
        (C("计划开始日期", w[0]), C(p.start, w[1]), C("计划完成日期", w[2]), C(p.end, right)),
        (C("项目资金（元）", m[0]), C("项目资金总额", m[1]), p.whole[0], C("年度资金申请总额", m[3]), p.annual[0]),
        (C(None, m[0]), C("其中：财政资金", m[1]), p.whole[1], C("其中：当年财政拨款", m[3]), p.annual[1]),
        (C(None, m[0]), C(None, m[1]), replace(p.whole[1], text=None), C("上年结转资金", m[3]), p.annual[2]),
        (C(None, m[0]), C("其他资金", m[1]), p.whole[2], C("其他资金", m[3]), p.annual[3]),
        (C("项目绩效目标", m[0]), C("项目总目标", m[1] + m[2]), C("年度总体目标", m[3] + m[4])),
        (C(None, m[0]), C(p.goal_whole, m[1] + m[2], "l"), C(p.goal_annual, m[3] + m[4], "l")),
        (C("", iw[0]), C("一级指标", iw[1]), C("二级指标", iw[2]), C("三级指标", iw[3]), C("年度(/项目)指标值", iw[4])),
    ]
    for i, (l1, l2, l3, value) in enumerate(p.indicators):
        rows.append((C("绩效指标" if i == 0 else None, iw[0]), C(l1, iw[1]), C(l2, iw[2]), C(l3, iw[3]),
                     C(value, iw[4])))
    return tuple(rows)


def sh_money(values: tuple[float, ...], width: float, separators: bool) -> tuple[XCell, ...]:
    fmt = "#,##0.00" if separators else "0.00"
    return tuple(N(v, width, fmt) for v in values)


SH_CENTRE = ShProject(
    name="江畔街道邻里汇服务中心新建工程",
    nature="阶段性项目",
    category="特定目标类",
    supervisor="某区人民政府江畔街道办事处",
    unit="某区江畔街道社区服务中心",
    start="2023-01-01",
    end="2023-12-31",
    whole=sh_money((12600000, 12000000, 600000), SH_MONEY_W[2], True),
    annual=sh_money((4350000, 3900000, 250000, 200000), SH_MONEY_W[4], True),
    goal_whole="建成江畔街道邻里汇服务中心，提升社区公共服务水平。",
    goal_annual="完成服务中心主体施工，配置服务窗口及设施设备。",
    indicators=(
        ("产出指标", "数量指标", "新建服务中心建筑面积", "≥8620.00(平方米)"),
        (None, "数量指标", "配置服务窗口数量", "≥12.00(个)"),
        (None, "质量指标", "工程验收合格率", "=100.00(%)"),
        (None, None, "设施设备完好率", "≧95%"),
        (None, "时效指标", "工程完工及时率", "按期完工"),
        (None, "成本指标", "", ""),
        (None, None, "", ""),
        ("效益指标", "社会效益指标", "服务覆盖人口", "≥3.50(万人)"),
        (None, "质量指标", "居民投诉率", "≦5%"),
        ("满意度指标", "服务对象满意度指标", "居民满意度", "≥90.00(%)"),
    ),
)

SH_GOVERNANCE = ShProject(
    name="江畔街道社区综合治理及环境整治经费",
    nature="经常性项目",
    category="特定目标类",
    supervisor="某区人民政府江畔街道办事处",
    unit="某区人民政府江畔街道办事处",
    start="2023-01-01",
    end="2023-12-31",
    whole=sh_money((2860000, 2860000, 0), SH_MONEY_W[2], False),
    annual=sh_money((3120000, 2860000, 260000, 0), SH_MONEY_W[4], False),
    goal_whole="持续开展社区环境整治和综合治理，维护社区安全稳定，改善居民生活环境。",
    goal_annual="完成全年社区环境整治、病媒消杀、平安巡防和矛盾纠纷化解任务。",
    indicators=(
        ("产出指标", "数量指标", "社区环境集中整治行动", "≥24.00(次)"),
        (None, None, "病媒生物消杀", "≥12.00(次)"),
        (None, None, "小区公共部位维修", "≥18.00(处)"),
        (None, None, "社区志愿服务活动", ">6.00(次)"),
        (None, None, "平安社区巡防", "≥365.00(天)"),
        (None, None, "矛盾纠纷排查化解", "≥40.00(件)"),
        (None, None, "垃圾分类宣传", "≥20.00(次)"),
        (None, None, "小区道路维修面积", "≥2400.00(平方米)"),
        (None, "数量指标", "公共绿地养护面积", "≥56000.00(平方米)"),
        (None, "数量指标", "安全隐患排查", "≥480.00(户次)"),
        (None, "质量指标", "环境整治验收合格率", "=100.00(%)"),
        (None, None, "消杀作业达标率", "≥98.00(%)"),
        (None, None, "维修工程质量合格率", "=100.00(%)"),
        (None, None, "矛盾纠纷化解率", "≥95.00(%)"),
        (None, None, "垃圾分类准确率", "≧90%"),
        (None, "时效指标", "整改及时率", "≥95.00(%)"),
        (None, "时效指标", "资金拨付及时率", "=100.00(%)"),
        (None, "成本指标", "单次集中整治成本", "≤35000.00(元)"),
        ("效益指标", "社会效益指标", "社区环境面貌", "明显改善"),
        (None, None, "居民安全感", "持续提升"),
        (None, None, "社区治安案件发案率", "较上年下降"),
        (None, None, "垃圾分类知晓率", "≥95.00(%)"),
        (None, None, "社区矛盾纠纷", "保持稳定"),
        (None, None, "社区环境投诉率", "持续下降"),
        (None, "生态效益指标", "", ""),
        (None, None, "", ""),
        (None, "可持续影响指标", "社区管理水平", "持续提升"),
        ("满意度指标", "服务对象满意度指标", "居民满意度", "≥90.00(%)"),
        (None, None, "党员群众满意度", "党员群众满意度不少于80%"),
        (None, None, "商户满意度", "≥85.00(%)"),
        (None, None, "志愿者满意度", "≥90%"),
    ),
)


def _sh_goal(key: str, p: ShProject, new_page: bool) -> Goal:
    return Goal(key, (), sh_rows(p), header=11, title_rows=2, styled={0: (TITLE_PT, True), 1: (BODY_PT, True)},
                new_page=new_page)


def truth_sh(goal: Goal) -> ExpectedTable:
    g = Grid(goal)
    return ExpectedTable(
        kind="project",
        title=g.title(),
        unit_code="",
        unit_name=g.right("实施单位"),
        project_name=g.right("项目名称"),
        budget_total=g.right("年度资金申请总额"),
        budget_fiscal=g.right("其中：当年财政拨款"),
        budget_other=g.right("其他资金", nth=1),  # the annual pair's, in the right-hand column
        budget_carryover=g.right("上年结转资金"),
        goal_text=g.below("年度总体目标"),
        indicators=g.indicators(),
        money_unit=g.money_unit(),
    )


SH_GOALS = (_sh_goal("centre", SH_CENTRE, False), _sh_goal("governance", SH_GOVERNANCE, True))
REAL_PROJECT = Fixture("real_project", SH_GOALS, (("项目绩效目标", SH_GOALS),), truth_sh)


# --------------------------------------------------------------------------- real_department (Zhanjiang style)

ZJ_W = (2.6, 3.4, 3.6, 3.6, 4.2)
ZJ_TITLE = "2024年市级部门整体预算绩效目标表"


def zj_rows() -> tuple[Row, ...]:
    w = ZJ_W
    rest = sum(w[1:])
    blank = tuple(C("", x) for x in w[1:])
    rows: list[Row] = [
        (C("部门名称", w[0]), C("某市文化广电旅游体育局", rest, "l")),
        (C("基本信息", w[0]), C("财政供养人员数", w[1]), N(320, w[2]), C("下属二级单位数", w[3]), N(6, w[4])),
        (C("预算整体情况", w[0]), C("部门预算支出", w[1]), C("预算金额（万元）", w[2]), C("收入来源", w[3]),
         C("预算金额（万元）", w[4])),
        (C(None, w[0]), C("基本支出", w[1]), N(3126.07, w[2]), C("财政拨款", w[3]),
         F("=SUM(C5:C6)", 3126.07 + 6897.31, w[4])),
        (C(None, w[0]), C("项目支出", w[1]), N(6897.31, w[2]), C("其他资金", w[3]), N(0, w[4])),
        (C(None, w[0]), C("事业发展性支出", w[1]), C("预算金额（万元）", w[2]), C("按预算级次划分", w[3]),
         C("预算金额（万元）", w[4])),
        (C(None, w[0]), C("财政专项资金", w[1]), C("", w[2]), C("市本级使用资金", w[3]), C("", w[4])),
        (C(None, w[0]), C("其他事业发展性支出", w[1]), C("", w[2]), C("拟用于对下转移支付资金", w[3]), C("", w[4])),
        (C("总体绩效目标", w[0]), C("目标1：公共文化服务体系进一步健全，文化惠民活动覆盖城乡；目标2：全民健身设施持续完善，"
                                  "群众体育活动广泛开展；目标3：文物和非物质文化遗产得到有效保护。", rest, "l")),
        (C("年度重点工作任务", w[0]), C("名称", w[1]), C("主要实施内容", w[2]), C("拟投入的资金（万元）", w[3]),
         C("期望达到的目标（概述）", w[4])),
        (C(None, w[0]), C("文化惠民工程", w[1]), C("组织送戏下乡、公益电影放映和全民阅读活动", w[2], "l"), N(1850, w[3]),
         C("文化惠民活动覆盖全市所有行政村和社区。", w[4], "l")),
        (C(None, w[0]), C("全民健身设施建设", w[1]), C("新建和更新社区全民健身路径及多功能运动场", w[2], "l"), N(2300, w[3]),
         C("城乡居民就近健身条件明显改善。", w[4], "l")),
        (C(None, w[0]), C("文物保护利用", w[1]), C("开展重点文物保护单位修缮和安全巡查", w[2], "l"), N(960, w[3]),
         C("文物安全形势保持稳定，重点文物得到有效保护。", w[4], "l")),
        (C("其他需完成的任务（可选填）", w[0]), *blank),
        (C(None, w[0]), *blank),
        (C("绩效指标", w[0]), C("一级指标", w[1]), C("二级指标", w[2]), C("三级指标", w[3]), C("指标值", w[4])),
    ]
    indicators: tuple[tuple[str | None, str | None, str, Cell | str], ...] = (
        ("产出指标", "数量指标", "基层文化志愿者补贴标准", "≥150元每人每月"),
        (None, None, "文化产业发展专项资金扶持规模", "3000万元"),
        (None, None, "公益电影放映场次（场）", "根据下达任务目标要求确定"),
        (None, None, "新建全民健身路径（个）", "根据下达任务目标要求确定"),
        (None, "质量指标", "文物安全巡查覆盖率", "≧95%"),
        (None, None, "公共文化设施免费开放率", "≧98%"),
        (None, "时效指标", "资金在规定时间内下达率", N(1, w[4], "0%")),
        (None, None, "资金支付规范性", "合规"),
        (None, None, "实际资金支出率", "≧90%"),
        (None, "成本指标", "", ""),
        (None, None, "", ""),
        ("效益指标", "经济效益指标", "旅游接待人次增长率", "≥8%"),
        (None, None, "带动文化旅游消费", "根据下达任务目标要求确定"),
        (None, "社会效益指标", "公共文化服务覆盖面", "不低于上年度水平"),
        (None, None, "扶持文化创业企业数（家）", N(120, w[4])),
        (None, "生态效益指标", "", ""),
        (None, None, "", ""),
        (None, "可持续影响指标", "", ""),
        (None, None, "", ""),
        ("满意度指标", "服务对象满意度指标", "群众满意度", "≥80%"),
        (None, None, "文化惠民活动参与者满意度", "≧95%"),
        (None, None, "体育场馆使用者满意度", "≧90%"),
    )
    for l1, l2, l3, value in indicators:
        value_cell = value if isinstance(value, Cell) else C(value, w[4])
        rows.append((C(None, w[0]), C(l1, w[1]), C(l2, w[2]), C(l3, w[3]), value_cell))
    return tuple(rows)


def truth_zj(goal: Goal) -> ExpectedTable:
    g = Grid(goal)
    return ExpectedTable(
        kind="department",
        title=g.title(),
        unit_code="",
        unit_name=g.right("部门名称"),
        project_name="",
        budget_total="",  # only the parts are printed
        budget_fiscal=g.right("财政拨款"),
        budget_other=g.right("其他资金"),
        goal_text=g.right("总体绩效目标"),
        indicators=g.indicators(),
        tasks=g.tasks("名称", "主要实施内容", "拟投入的资金（万元）"),
        money_unit=g.money_unit(),
    )


ZJ_ROWS = zj_rows()
ZJ_GOAL = Goal("department", (Line(ZJ_TITLE, TITLE_PT, True),), ZJ_ROWS, header=header_index(ZJ_ROWS, "一级指标"))
REAL_DEPARTMENT = Fixture("real_department", (ZJ_GOAL,), (("Sheet1", (ZJ_GOAL,)),), truth_zj)


# --------------------------------------------------------------------------- real_apply (Wuhan style)

WH_W = (1.4, 1.6, 3.2, 2.6, 3.2, 3.0, 2.4)  # A B | C D | E | F G
WH_TITLE = "2020年项目申报表"


def wh_rows() -> tuple[Row, ...]:
    w = WH_W
    ab, cd, fg, cg, ce = w[0] + w[1], w[2] + w[3], w[5] + w[6], sum(w[2:]), w[2] + w[3] + w[4]
    rows: list[Row] = [
        (C("项目名称", ab), C("中小学课后服务及学生资助", cd), C("项目代码", w[4]), C("2020-04-0137", fg)),
        (C("项目主管部门", ab), C("308东湖区教育局", cd), C("项目执行单位", w[4]), C("308101东湖区教育局", fg)),
        (C("项目负责人", ab), C("陈晓", cd), C("联系电话", w[4]), C("86231745", fg)),
        (C("项目类型", ab), C(" 1.部门项目 □√          2.公共项目 □", cg, "l")),
        (C("项目申请理由", ab), C("落实义务教育阶段课后服务和家庭经济困难学生资助政策，减轻家庭教育负担。", cg, "l")),
        (C("项目主要内容", ab), C("1.开展全区中小学课后服务；2.组织学生校外实践活动；3.资助家庭经济困难学生；4.配发课外读物。", cg, "l")),
        (C("项目总预算", ab), N(1860, cd), C("项目当年预算", w[4]), N(620, fg)),
        (C("项目资金来源", ab), C("资金来源项目", ce), C("金额", fg)),
    ]
    sources = (
        ("合计", 620), ("1.一般公共预算财政拨款收入", 560), ("其中：申请当年预算拨款", 560),
        ("2.政府性基金预算财政拨款收入", None), ("3.事业收入", None), ("4.其他收入", None), ("5.上年结转", 60),
        ("其中：使用上年度一般公共预算财政拨款结余结转", 60),
    )
    for label, amount in sources:
        rows.append((C(None, ab), C(label, ce, "l"), C("", fg) if amount is None else N(amount, fg, "0.00")))
    details = (("1.课后服务教师补助", 360), ("2.学生校外实践活动", 140), ("3.课外读物购置", 120))
    rows += [
        (C("项目支出预算及测算依据", w[0]), C("项目支出明细预算", w[1]), C("项目支出明细", ce), C("金额", fg)),
        (C(None, w[0]), C(None, w[1]), C("合计", ce, "l"), F("=F20+F21+F22", 620, fg, "0.00")),
        *((C(None, w[0]), C(None, w[1]), C(label, ce, "l"), N(amount, fg, "0.00")) for label, amount in details),
        (C(None, w[0]), C("测算依据及说明", w[1]), C("1.课后服务教师补助按参与教师人数和服务课时核定；2.校外实践活动按参与学生人次核定；"
                                              "3.课外读物按学校数和学生数配置。", cg, "l")),
        (C("项目绩效总目标", ab), C("全面开展中小学课后服务，精准资助家庭经济困难学生，丰富学生课外阅读和实践活动。", cg, "l")),
        (C("项目年度绩效指标", ab), C("一级指标", w[2]), C("二级指标", w[3]), C("指标内容", w[4]), C("指标值", w[5]),
         C("备注", w[6])),
    ]
    indicators = (
        ("产出指标", "数量指标", "课后服务覆盖学校数", "28所", ""),
        (None, None, "参加课后服务学生及教师人数", "12000人、1500人", ""),
        (None, None, "家庭经济困难学生资助人数", "860人", "按学期统计"),
        (None, None, "校外实践活动参与人次", "约2.6万人次", ""),
        (None, None, "配发课外读物数量", "3万册", ""),
        (None, None, "教师家访", "不低于4户/人.月", ""),
        (None, "质量指标", "资助对象认定准确率", N(1, w[5], "0%"), ""),
        (None, "时效指标", "资助资金发放及时率", N(0.95, w[5], "0%"), ""),
        (None, None, "课后服务经费拨付", "在规定时间内拨付率为95%", ""),
        (None, "成本指标", "", "", ""),
        ("效益指标", "经济效益指标", "", "", ""),
        (None, "社会效益指标", "减轻家长接送负担", "明显减轻", ""),
        (None, "环境效益指标", "", "", ""),
        (None, "可持续影响指标", "", "", ""),
        (None, "社会公众或服务对象满意度指标", "做好课后服务，让学生和家长满意", N(0.95, w[5], "0%"), ""),
    )
    for l1, l2, l3, value, note in indicators:
        value_cell = value if isinstance(value, Cell) else C(value, w[5])
        rows.append((C(None, ab), C(l1, w[2]), C(l2, w[3]), C(l3, w[4]), value_cell, C(note, w[6])))
    return tuple(rows)


def truth_wh(goal: Goal) -> ExpectedTable:
    g = Grid(goal)
    code, name = split_code(g.right("项目执行单位"))
    return ExpectedTable(
        kind="project",
        title=g.title(),
        unit_code=code,
        unit_name=name,
        project_name=g.right("项目名称"),
        budget_total=g.right("项目当年预算"),
        # The 项目资金来源 block (decided, see layout_cases): 财政拨款收入 is this year's fiscal money, 上年结转 the
        # carry-over; no other source is filled.
        budget_fiscal=g.right("1.一般公共预算财政拨款收入"),
        budget_other="",
        budget_carryover=g.right("5.上年结转"),
        goal_text=g.right("项目绩效总目标"),
        indicators=g.indicators(),
        money_unit=g.money_unit(),
    )


WH_ROWS = wh_rows()
WH_GOAL = Goal("apply", (Line(WH_TITLE, TITLE_PT, True),), WH_ROWS, header=header_index(WH_ROWS, "一级指标"))
REAL_APPLY = Fixture("real_apply", (WH_GOAL,), (("Sheet1", (WH_GOAL,)),), truth_wh)


# --------------------------------------------------------------------------- real_two_level

TL_W = (3.0, 6.2, 2.2, 3.6, 2.4)  # 指标类型 | 指标名称 | 指标性质 | 指标值 | 计量单位
TL_TITLE = "2024年度项目支出绩效目标表"
TL_SUPERVISOR = "[173]某农业科学研究院"


def tl_rows(project: str, unit: str, money: tuple[tuple[str, float], ...], goal: str,
            header: tuple[str, ...], indicators) -> tuple[Row, ...]:
    w = TL_W
    rest = sum(w[1:])
    rows: list[Row] = [
        (C("项目名称", w[0]), C(project, rest)),
        (C("主管部门及代码", w[0]), C(TL_SUPERVISOR, w[1]), C("实施单位", w[2]), C(unit, w[3] + w[4])),
    ]
    for i, (label, amount) in enumerate(money):
        rows.append((C("项目资金" if i == 0 else None, w[0]), C(label, w[1]), N(amount, w[2] + w[3] + w[4], "0.00")))
    rows.append((C("年度绩效目标", w[0]), C(goal, rest, "l")))
    rows.append(tuple(C(h, x) for h, x in zip(header, w)))
    for l1, name, op, value, unit_ in indicators:
        value_cell = N(value, w[3]) if isinstance(value, int | float) else C(value, w[3])
        rows.append((C(l1, w[0]), C(name, w[1], "l"), C(op, w[2]), value_cell, C(unit_, w[4])))
    return tuple(rows)


TL_SEEDS = tl_rows(
    "农作物良种繁育与示范推广",
    "某农业科学研究院作物研究所",
    (("年度资金总额", 3460), ("其中：财政拨款", 3000), ("上年结转资金", 300), ("其他资金", 160)),
    "完成120个以上品种筛选鉴定，建设6个试验示范基地，繁育良种300亩，示范区亩均增产8%以上，带动农户1500户。",
    ("指标类型", "指标名称", "指标\n性质", "指标值", "计量\n单位"),
    (
        ("数量指标", "试验示范基地建设数量", "≥", 6, "个"),
        ("产出类指标", "品种筛选鉴定数量", "≥", 120, "个"),
        (None, "良种繁育面积", "=", 300, "亩"),
        (None, "技术培训合格率", "≥", 95, "%"),
        (None, "示范基地建设完成\n时间", "≤", 12, "月"),
        ("效益类指标", "示范区亩均增产", "≥", 8, "%"),
        (None, "带动农户数", "≥", 1500, "户"),
        (None, "农业面源污染", "无", "有效降低", "无"),
        ("满意度类指标", "示范农户满意度", "≥", 90, "%"),
        ("管理类指标", "资金使用合规性", "无", "合规", "无"),
        (None, "预算执行率", "≥", 90, "%"),
        (None, "管理制度健全性", "无", "健全", "无"),
    ),
)

TL_LAB = tl_rows(
    "农产品质量安全检测能力建设",
    "某农业科学研究院农产品质量标准研究所",
    (("年度资金总额", 1285.5), ("其中：财政拨款", 1200), ("其他资金", 85.5)),
    "购置农产品质量安全检测设备12台（套），年检测样品不少于5000批次，检测能力和服务水平明显提升。",
    ("指标类型", "指标名称", "指标性质", "目标值", "度量单位"),
    (
        ("产出指标(50分)", "检测设备购置数量", "定量", "≥12", "台（套）"),
        (None, "年检测样品批次", "定量", "≥5000", "批次"),
        (None, "检测结果准确率", "定量", "≥98", "%"),
        (None, "设备采购完成时间", "定量", "≤10", "月"),
        ("效益指标(30分)", "农产品质量安全监管支撑能力", "定性", "明显提升", ""),
        (None, "检测报告出具周期", "定量", "≤7", "天"),
        ("满意度指标(10分)", "委托检测单位满意度", "定量", "≥90", "%"),
    ),
)


def _tl_goal(key: str, rows: tuple[Row, ...], new_page: bool) -> Goal:
    lines = (Line(TL_TITLE, TITLE_PT, True), Line("单位：千元", BODY_PT, False, "r"))
    return Goal(key, lines, rows, header=header_index(rows, "指标类型"), new_page=new_page)


def truth_tl(goal: Goal) -> ExpectedTable:
    g = Grid(goal)
    code, _ = split_code(g.right("主管部门及代码"))
    return ExpectedTable(
        kind="project",
        title=g.title(),
        unit_code=code,  # no unit cell gives a code: the supervisor's
        unit_name=g.right("实施单位"),
        project_name=g.right("项目名称"),
        budget_total=g.right("年度资金总额"),
        budget_fiscal=g.right("其中：财政拨款"),
        budget_other=g.right("其他资金"),
        budget_carryover=g.find_right("上年结转资金"),
        goal_text=g.right("年度绩效目标"),
        indicators=g.indicators(),
        money_unit=g.money_unit(),
    )


TL_GOALS = (_tl_goal("seeds", TL_SEEDS, False), _tl_goal("lab", TL_LAB, True))
REAL_TWO_LEVEL = Fixture("real_two_level", TL_GOALS, (("良种繁育", (TL_GOALS[0],)), ("检测能力", (TL_GOALS[1],))),
                         truth_tl)


# --------------------------------------------------------------------------- real_two_row_header

TR_W = (2.8, 3.4, 6.4, 4.8)  # 一级 | 二级 | 三级 | 当年预期实现值
TR_HEAD_W = (2.8, 5.6, 3.0, 6.0)
TR_TITLE = "项目绩效目标表（2023年度）"


def tr_grid(value_header: str, indicators) -> list[Row]:
    w = TR_W
    rows: list[Row] = [
        (C("绩效指标", w[0] + w[1] + w[2]), C(value_header, w[3])),
        (C("一级", w[0]), C("二级", w[1]), C("三级", w[2]), C(None, w[3])),
    ]
    for l1, l2, l3, value in indicators:
        value_cell = value if isinstance(value, Cell) else C(value, w[3])
        rows.append((C(l1, w[0]), C(l2, w[1]), C(l3, w[2], "l"), value_cell))
    return rows


def tr_rows() -> tuple[Row, ...]:
    h = TR_HEAD_W
    rest = sum(h[1:])
    rows: list[Row] = [
        (C("项目名称", h[0]), C("国省干线公路养护工程", rest)),
        (C("主管部门", h[0]), C("某省交通运输厅", h[1]), C("实施单位", h[2]), C("某省公路事业发展中心", h[3])),
        (C("项目资金", h[0]), C("年度资金总额", h[1]), N(1.85, h[2] + h[3], "0.00")),
        (C(None, h[0]), C("其中：财政拨款", h[1]), N(1.6, h[2] + h[3], "0.00")),
        (C(None, h[0]), C("其他资金", h[1]), N(0.25, h[2] + h[3], "0.00")),
        (C("年度绩效目标", h[0]), C("完成国省干线公路大中修120公里以上、危旧桥梁改造15座，路况优良路率保持在85%以上。", rest, "l")),
    ]
    rows += tr_grid("当年预期实现值", (
        ("产出指标", "数量指标", "国省干线公路大中修里程", "≥120公里"),
        ("产出指标", "数量指标", "危旧桥梁改造数量", "≥15座"),
        ("产出指标", "质量指标", "工程交工验收合格率", "100%"),
        (None, "时效指标", "年度计划完成率", "≥95%"),
        (None, "成本指标", "大中修工程平均造价", "≤180万元/公里"),
        ("效益指标", "经济效益指标", "路网通行效率", "明显提升"),
        (None, "社会效益指标", "路况优良路率", "≥85%"),
        (None, "生态效益指标", "沿线绿化养护面积", "≥35万平方米"),
        (None, "可持续影响指标", "养护管理长效机制", "保持稳定"),
        ("满意度指标", "服务对象", "公路使用者满意度", "≥90%"),
        ("满意度指标", "服务对象", "沿线群众满意度", "≥85%"),
    ))
    return tuple(rows)


def tr_bare_rows() -> tuple[Row, ...]:
    w = TR_W
    return tuple(tr_grid("指标值（包含数字及文字描述）", (
        ("产出指标", "数量指标", "新增停车泊位（个）", N(500, w[3])),
        (None, None, "智慧停车诱导屏", "≥40块"),
        (None, "质量指标", "泊位信息上线率", N(0.9, w[3], "0%")),
        (None, "时效指标", "项目完成时限", "2023年12月底前"),
        ("效益指标", "社会效益指标", "中心城区停车难问题", "有效缓解"),
        ("满意度指标", "服务对象满意度指标", "驾驶人满意度", "≥85%"),
    )))


def truth_tr(goal: Goal) -> ExpectedTable:
    g = Grid(goal)
    if goal.key == "bare":  # nothing but the grid
        return ExpectedTable(kind="project", title="", unit_code="", unit_name="", project_name="", budget_total="",
                             budget_fiscal="", budget_other="", goal_text="", indicators=g.indicators(),
                             money_unit=g.money_unit())
    return ExpectedTable(
        kind="project",
        title=g.title(),
        unit_code="",
        unit_name=g.right("实施单位"),
        project_name=g.right("项目名称"),
        budget_total=g.right("年度资金总额"),
        budget_fiscal=g.right("其中：财政拨款"),
        budget_other=g.right("其他资金"),
        goal_text=g.right("年度绩效目标"),
        indicators=g.indicators(),
        money_unit=g.money_unit(),
    )


TR_ROWS, TR_BARE_ROWS = tr_rows(), tr_bare_rows()
TR_GOAL = Goal("roads", (Line(TR_TITLE, TITLE_PT, True), Line("（单位：亿元）")), TR_ROWS,
               header=header_index(TR_ROWS, "一级"))
TR_BARE = Goal("bare", (), TR_BARE_ROWS, header=header_index(TR_BARE_ROWS, "一级"))
REAL_TWO_ROW_HEADER = Fixture("real_two_row_header", (TR_GOAL,), (("项目绩效目标表", (TR_GOAL,)), ("导出数据", (TR_BARE,))),
                              truth_tr)


# --------------------------------------------------------------------------- real_self_evaluation (Chongqing style)

SE_W = (2.2, 3.6, 1.2, 1.5, 1.2, 1.2, 1.5, 1.2, 3.8)
SE_TITLE = "2023年度项目支出绩效自评表"


def se_rows() -> tuple[Row, ...]:
    w = SE_W
    a, b4, rest = w[0], sum(w[1:4]), sum(w[4:])
    right = sum(w[6:])
    rows: list[Row] = [
        (C("项目名称", a), C("社区养老服务补贴资金", b4), C("项目联系人", w[4] + w[5]), C("周敏", right)),
        (C("项目实施单位", a), C("某区养老服务指导中心", b4), C("项目主管部门", w[4] + w[5]), C("某区民政局", right)),
        (C("项目预算执行情况（万元）", a), C("全年预算数（A）", b4), C("全年执行数（B）", rest)),
        (C(None, a), N(1260, b4), N(1187.4, rest)),
        (C("当年绩效目标", a), C("全年绩效目标", b4), C("全年目标实际完成情况", rest)),
        (C(None, a), C("为辖区1800名以上高龄、失能老人提供居家养老服务，服务满意度90%以上。", b4, "l"),
         C("为辖区1932名高龄、失能老人提供居家养老服务，服务满意度93%。", rest, "l")),
        tuple(C(h, x) for h, x in zip(("指标类型", "指标名称", "指标\n性质", "年度指标值", "计量\n单位", "指标\n权重",
                                       "全年\n完成值", "得分", "偏差原因分析及改进措施"), w)),
    ]
    indicators = (
        ("数量指标", "居家养老服务老人数", "≥", N(1800, w[3]), "人", N(20, w[5]), N(1932, w[6]), N(20, w[7]), ""),
        ("产出类指标", "服务补贴发放准确率", "≥", N(95, w[3]), "%", N(15, w[5]), N(100, w[6]), N(15, w[7]), ""),
        (None, "服务补贴发放及时率", "≥", N(95, w[3]), "%", N(15, w[5]), N(98, w[6]), N(15, w[7]), ""),
        ("效益类指标", "失能老人照护覆盖率", "≥", N(80, w[3]), "%", N(20, w[5]), N(76, w[6]), N(19, w[7]),
         "部分失能老人入住机构，下一步加强需求摸排"),
        ("满意度类指标", "服务对象满意度", "≥", N(90, w[3]), "%", N(20, w[5]), N(93, w[6]), N(20, w[7]), ""),
        ("管理类指标", "预算执行率", "≥", N(90, w[3]), "%", N(10, w[5]), N(0.94, w[6], "0%"), N(10, w[7]), ""),
    )
    for cells in indicators:
        rows.append(tuple(c if isinstance(c, Cell) else C(c, x) for c, x in zip(cells, w)))
    rows.append((C("合计", sum(w[:5])), N(100, w[5]), C("", w[6]), N(99, w[7]), C("", w[8])))
    return tuple(rows)


SE_ROWS = se_rows()
SE_GOAL = Goal("selfeval", (Line(SE_TITLE, TITLE_PT, True),), SE_ROWS, header=header_index(SE_ROWS, "指标类型"))
REAL_SELF_EVALUATION = Fixture("real_self_evaluation", (SE_GOAL,), (("社区养老服务补贴", (SE_GOAL,)),), None)

# --------------------------------------------------------------------------- real_unreadable_header

UH_W = (3.0, 3.4, 6.0, 5.0)
UH_TITLE = "项目支出绩效目标表（2024年度）"


def uh_rows() -> tuple[Row, ...]:
    """A goal table whose indicator header has no value column (备注 where 指标值 belongs): it cannot be read."""
    w = UH_W
    rest = sum(w[1:])
    return (
        (C("项目名称", w[0]), C("城区道路维修", rest)),
        (C("实施单位", w[0]), C("某区市政管理所", rest)),
        (C("项目资金（万元）", w[0]), C("年度资金总额", w[1]), C("320.00", w[2] + w[3])),
        (C("年度绩效目标", w[0]), C("完成城区主次干道路面修补，道路完好率保持在95%以上。", rest, "l")),
        (C("一级指标", w[0]), C("二级指标", w[1]), C("三级指标", w[2]), C("备注", w[3])),
        (C("产出指标", w[0]), C("数量指标", w[1]), C("路面修补面积", w[2], "l"), C("≥12000平方米", w[3])),
        (C(None, w[0]), C("质量指标", w[1]), C("道路完好率", w[2], "l"), C("≥95%", w[3])),
        (C("满意度指标", w[0]), C("服务对象满意度指标", w[1]), C("市民满意度", w[2], "l"), C("≥90%", w[3])),
    )


UH_ROWS = uh_rows()
UH_GOAL = Goal("unreadable", (Line(UH_TITLE, TITLE_PT, True),), UH_ROWS, header=header_index(UH_ROWS, "一级指标"))
REAL_UNREADABLE_HEADER = Fixture("real_unreadable_header", (UH_GOAL,), (("道路维修", (UH_GOAL,)),), None)

FIXTURES = (REAL_PROJECT, REAL_DEPARTMENT, REAL_APPLY, REAL_TWO_LEVEL, REAL_TWO_ROW_HEADER, REAL_SELF_EVALUATION,
            REAL_UNREADABLE_HEADER)
STEMS = tuple(f.stem for f in FIXTURES)


def file_names(stems=STEMS) -> list[str]:
    return [f"{s}.{ext}" for s in stems for ext in ("docx", "pdf", "xlsx")]


# --------------------------------------------------------------------------- the grid as written, read back


class Grid:
    """A table's rows on their union grid; a merged continuation resolved to the text of the cell it continues."""

    def __init__(self, goal: Goal):
        self.goal = goal
        self.widths, self.placed = _placed(list(goal.rows))
        self.text: list[list[tuple[str, int, int, bool]]] = []  # (text, c0, c1, continued) per row
        above: dict[tuple[int, int], str] = {}
        for cells in self.placed:
            row = []
            for cell, c0, c1 in cells:
                if cell.text is None:
                    row.append((above[(c0, c1)], c0, c1, True))
                else:
                    text = str(cell.text)
                    above[(c0, c1)] = text
                    row.append((text, c0, c1, False))
            self.text.append(row)

    def _find(self, label: str, nth: int = 0) -> tuple[int, int]:
        hits = [(r, i) for r, row in enumerate(self.text) for i, (t, _, _, cont) in enumerate(row)
                if not cont and clean(t) == label]
        _expect(len(hits) > nth, f"{self.goal.key}: label {label!r} (#{nth}) not in the grid")
        return hits[nth]

    def right(self, label: str, nth: int = 0) -> str:
        """The cell right of ``label``."""
        r, i = self._find(label, nth)
        return clean(self.text[r][i + 1][0])

    def find_right(self, label: str) -> str:
        """``right``, or ``""`` when the table has no such label."""
        try:
            return self.right(label)
        except CheckFailed:
            return ""

    def below(self, label: str) -> str:
        """The cell under ``label``, in the next row, starting at the same grid column."""
        r, i = self._find(label)
        c0 = self.text[r][i][1]
        return clean(next(t for t, s, _, _ in self.text[r + 1] if s == c0))

    def title(self) -> str:
        texts = [line.text for line in self.goal.lines] + [self.text[r][0][0] for r in range(self.goal.title_rows)]
        if not texts:
            return ""
        title = clean(texts[0])
        if len(texts) > 1 and re.fullmatch(r"[（(]\d{4}年度?[）)]", clean(texts[1])):
            title += clean(texts[1])
        return title

    def all_texts(self) -> list[str]:
        return [line.text for line in self.goal.lines] + [t for row in self.text for t, *_ in row]

    def money_unit(self) -> str | None:
        """The unit stated in a 单位： line or cell, or in a money label's brackets; None when none."""
        for text in map(clean, self.all_texts()):
            m = re.fullmatch(r"[（(]?单位[：:](元|千元|万元|亿元)[）)]?", text) or re.search(
                r"(?:资金|金额|预算)[（(](元|千元|万元|亿元)[）)]$", text)
            if m:
                return m.group(1)
        return None

    def tasks(self, name: str, content: str, amount: str) -> tuple[tuple[str, str, str], ...]:
        r, i = self._find(name)
        cols = [self.text[r][i + k][1] for k in (0, 1, 2)]
        _expect([clean(self.text[r][i + k][0]) for k in (1, 2)] == [content, amount], f"{self.goal.key}: task header")
        out = []
        for row in self.text[r + 1:]:
            if not row[0][3]:  # the block's label column ends
                break
            by_col = {c0: clean(t) for t, c0, _, _ in row}
            out.append(tuple(by_col[c] for c in cols))
        return tuple(out)

    def indicators(self) -> tuple[tuple[str, str | None, str, str | None, str], ...]:
        """Indicator rows read by the columns the header names; level1/level2 filled down; empty groups left out."""
        h = self.goal.header
        fields: dict[int, str] = {}
        for text, c0, _, _ in self.text[h]:
            name = COLUMN_FIELDS.get(_squeeze(text))
            if name:
                fields[c0] = name
        names = set(fields.values())
        _expect({"level1", "level3", "target"} <= names, f"{self.goal.key}: header names {sorted(names)}")
        out, self.value_cells = [], []
        previous: dict[str, str] = {}
        for row in self.text[h + 1:]:
            got = {"level1": "", "level2": "", "level3": "", "op": "", "target": "", "unit": ""}
            for text, c0, _, _ in row:
                if c0 in fields:
                    got[fields[c0]] = clean(text)
            if not got["level1"] and previous:
                got["level1"] = previous["level1"]
                if not got["level2"]:
                    got["level2"] = previous["level2"]
            previous = got
            if not (got["level3"] or got["target"]):
                continue  # an empty level-two group
            target = "".join(got[k] for k in ("op", "target", "unit") if got[k] not in IGNORED_PARTS)
            out.append((got["level1"], got["level2"] if "level2" in names else None, got["level3"], None, target))
            self.value_cells.append(got["target"])
        return tuple(out)


COLUMN_FIELDS = {
    "一级指标": "level1", "一级": "level1", "指标类型": "level1",
    "二级指标": "level2", "二级": "level2",
    "三级指标": "level3", "三级": "level3", "指标内容": "level3", "指标名称": "level3",
    "指标值": "target", "年度(/项目)指标值": "target", "当年预期实现值": "target", "目标值": "target",
    "指标值（包含数字及文字描述）": "target", "年度指标值": "target",
    "指标性质": "op", "计量单位": "unit", "度量单位": "unit",
}
IGNORED_PARTS = {"", "定性", "定量", "无"}


def split_code(text: str) -> tuple[str, str]:
    """``308101东湖区教育局`` → (308101, 东湖区教育局); ``[173]某院`` → (173, 某院); no code → ("", text)."""
    m = re.fullmatch(r"\[(\d+)\](.+)", text) or re.fullmatch(r"(\d{3,})(\D.*)", text)
    return (m.group(1), m.group(2)) if m else ("", text)


# --------------------------------------------------------------------------- DOCX


def add_lines(doc, lines: tuple[Line, ...], new_page: bool) -> None:
    if not lines:
        if new_page:
            spacer = doc.add_paragraph()
            _write_text(spacer, " ")
            spacer.paragraph_format.page_break_before = True
        return
    for i, line in enumerate(lines):
        p = doc.add_paragraph()
        p.alignment = ALIGN[line.align]
        p.paragraph_format.keep_with_next = True
        p.paragraph_format.page_break_before = new_page and i == 0
        _write_text(p, line.text, line.size, line.bold)


def _style_rows(table, goal: Goal) -> None:
    for r, (size, bold) in goal.styled.items():
        for cell in _row_cells(table, r):
            for paragraph in cell.paragraphs:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
                for run in paragraph.runs:
                    _set_run_font(run, size, bold)


def build_docx(fx: Fixture) -> bytes:
    doc = new_document(fx.stem)
    for goal in fx.goals:
        add_lines(doc, goal.lines, goal.new_page)
        table = grid_table(doc, list(goal.rows), ROW_CM)
        _style_rows(table, goal)
        if goal.keep_rows_whole:
            keep_rows_whole(table)
    return _slim_docx(save_docx(doc))


# Parts of python-docx's template that no reader needs (Word 2010's duplicate styles, a thumbnail, custom XML):
# dropped so that a fixture stays small.
_DROP_PARTS = ("word/stylesWithEffects.xml", "docProps/thumbnail.jpeg", "customXml/")


def _slim_docx(data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            name = info.filename
            if name.startswith(_DROP_PARTS):
                continue
            blob = src.read(name)
            if name.endswith(".rels") or name == "[Content_Types].xml":
                blob = re.sub(rb"<(?:Relationship|Override)\b[^>]*(?:stylesWithEffects|thumbnail|customXml)[^>]*/>",
                              b"", blob)
            dst.writestr(info, blob)
    return _normalize_zip(out.getvalue())


# --------------------------------------------------------------------------- XLSX

_THIN = Side(style="thin", color="000000")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_NUMBER_LIKE = re.compile(r"\d+(\.\d+)?")


@dataclass(frozen=True)
class SheetRow:
    excel_row: int
    goal: Goal
    r: int  # the row of goal.rows; -1 for a line above the table
    line: Line | None
    cells: list  # (Cell, first grid column, end grid column)


def sheet_layout(goals: tuple[Goal, ...]) -> tuple[list[float], list[SheetRow], set[tuple[int, int, int, int]]]:
    """The stacked tables of a sheet (a blank row between two): the union grid's column widths (cm), every
    written row, and every merged range as (first row, first grid column, last row, end grid column)."""
    entries: list[tuple[int, Goal, int, Line | None, Row]] = []
    excel_row = 1
    for i, goal in enumerate(goals):
        excel_row += 1 if i else 0
        total = sum(c.width for c in goal.rows[0])
        for line in goal.lines:
            entries.append((excel_row, goal, -1, line, (Cell(line.text, total, line.align),)))
            excel_row += 1
        for r, row in enumerate(goal.rows):
            entries.append((excel_row, goal, r, None, row))
            excel_row += 1
    widths, placed = _placed([row for *_, row in entries])
    rows = [SheetRow(x, g, r, line, cells) for (x, g, r, line, _), cells in zip(entries, placed)]
    merges: set[tuple[int, int, int, int]] = set()
    starts: dict[tuple[int, int], int] = {}  # (c0, c1) -> first row of the cell that continuation cells extend
    for row in rows:
        present = set()
        for cell, c0, c1 in row.cells:
            present.add((c0, c1))
            if cell.text is None:
                start = starts[(c0, c1)]
                merges.discard((start, c0, row.excel_row - 1, c1))
                merges.add((start, c0, row.excel_row, c1))
            else:
                starts[(c0, c1)] = row.excel_row
                if c1 - c0 > 1:
                    merges.add((row.excel_row, c0, row.excel_row, c1))
        for key in [k for k in starts if k not in present]:
            del starts[key]
    return widths, rows, merges


def _lines_needed(text: str, width_cm: float, size: float) -> int:
    return sum(max(1, math.ceil(len(part) * size * 0.037 / width_cm)) for part in text.split("\n"))


def build_xlsx(fx: Fixture) -> bytes:
    """The fixture's sheets: cells as written (numbers in their formats, formulas), real merged ranges, ruled grid."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    cached: dict[str, dict[str, int | float]] = {}
    for index, (name, goals) in enumerate(fx.sheets, start=1):
        ws = wb.create_sheet(name)
        widths, rows, merges = sheet_layout(goals)
        for j, w in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(j)].width = round(w * 4.6, 1)
        for row in rows:
            size, bold = (row.line.size, row.line.bold) if row.line else row.goal.styled.get(row.r, (BODY_PT, False))
            height = 1
            for cell, c0, c1 in row.cells:
                if row.r >= 0:
                    for c in range(c0, c1):
                        ws.cell(row.excel_row, c + 1).border = _BOX
                if cell.text is None:
                    continue
                height = max(height, _lines_needed(str(cell.text), sum(widths[c0:c1]), size))
                target = ws.cell(row.excel_row, c0 + 1)
                _store(target, cell)
                if isinstance(cell, XCell) and isinstance(cell.stored, str):
                    cached.setdefault(f"xl/worksheets/sheet{index}.xml", {})[target.coordinate] = cell.cached
                target.alignment = Alignment(horizontal=XLSX_ALIGN[cell.align], vertical="center", wrap_text=True)
                target.font = Font(name=FONT, size=size, bold=bold)
            ws.row_dimensions[row.excel_row].height = 14 * height + 6
        for r0, c0, r1, c1 in sorted(merges):
            ws.merge_cells(start_row=r0, start_column=c0 + 1, end_row=r1, end_column=c1)
    return _normalize_zip(_with_cached_values(workbook_bytes(wb, "tests/make_real_layouts.py"), cached))


def _store(target, cell: Cell) -> None:
    if isinstance(cell, XCell):
        target.value = cell.stored
        target.number_format = cell.fmt
        return
    text = str(cell.text)
    if text == "":
        return
    target.value = text
    if text.startswith("="):
        target.data_type = "s"  # the bare text "=", not a formula
    elif _NUMBER_LIKE.fullmatch(text):
        target.number_format = "@"  # text that looks like a number stays text


def _with_cached_values(data: bytes, cached: dict[str, dict[str, int | float]]) -> bytes:
    """Write each formula's cached value (``<v>``) into the sheet XML: openpyxl cannot compute it."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            blob = src.read(info.filename)
            for ref, value in cached.get(info.filename, {}).items():
                pattern = re.compile(rb'(<c r="' + ref.encode() + rb'"[^>]*>)(<f>[^<]*</f>)<v\s*/?>(?:</v>)?')
                blob, n = pattern.subn(lambda m: m.group(1) + m.group(2) + b"<v>" + repr(value).encode() + b"</v>",
                                       blob)
                if n != 1:
                    raise AssertionError(f"{info.filename} {ref}: formula cell not found ({n})")
            dst.writestr(info, blob)
    return out.getvalue()


# --------------------------------------------------------------------------- build


def make_real_layouts(out_dir: Path, stems=STEMS) -> list[Path]:
    """Write the fixtures ``stems`` (DOCX, PDF through LibreOffice, XLSX) into ``out_dir``; returns the files."""
    fixtures = [f for f in FIXTURES if f.stem in stems]
    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="perfgoals-real-layouts-") as tmp:
        tmp_path = Path(tmp)
        (tmp_path / "docx").mkdir()
        (tmp_path / "pdf").mkdir()
        to_convert = []
        for fx in fixtures:
            data = build_docx(fx)
            (out_dir / f"{fx.stem}.docx").write_bytes(data)
            (tmp_path / "docx" / f"{fx.stem}.docx").write_bytes(data)
            to_convert.append(tmp_path / "docx" / f"{fx.stem}.docx")
            (out_dir / f"{fx.stem}.xlsx").write_bytes(build_xlsx(fx))
            written += [out_dir / f"{fx.stem}.docx", out_dir / f"{fx.stem}.xlsx"]
        if to_convert:
            convert_to_pdf(to_convert, tmp_path / "pdf", tmp_path / "lo-profile")
        for path in to_convert:
            target = out_dir / f"{path.stem}.pdf"
            target.write_bytes(normalize_pdf((tmp_path / "pdf" / target.name).read_bytes()))
            written.append(target)
    return sorted(written)


# --------------------------------------------------------------------------- truth and checks


def derived_truth(stems=STEMS) -> dict[str, tuple[ExpectedTable, ...]]:
    """File name → its tables as derived from the cells written (pages left out); failing files left out."""
    out = {}
    for fx in FIXTURES:
        if fx.stem not in stems or fx.truth is None:
            continue
        docx = tuple(fx.truth(g) for g in fx.goals)
        out[f"{fx.stem}.docx"] = docx
        out[f"{fx.stem}.pdf"] = docx
        out[f"{fx.stem}.xlsx"] = tuple(replace(fx.truth(g), sheet=name) for name, goals in fx.sheets for g in goals)
    return out


def _rows_of(goal: Goal) -> list[tuple[str, ...]]:
    return [tuple("" if c.text is None else str(c.text) for c in row) for row in goal.rows]


def check_real_docx(fx: Fixture, data: bytes) -> str:
    name = f"{fx.stem}.docx"
    note = check_docx(name, data, [_rows_of(g) for g in fx.goals])
    paragraphs = [p.text for p in Document(io.BytesIO(data)).paragraphs if p.text.strip()]
    want = [line.text for g in fx.goals for line in g.lines]
    _expect(paragraphs == want, f"{name}: paragraphs {paragraphs}, expected {want}")
    return note


def _evaluate(formula: str, ws) -> float:
    """The value of the two formula shapes used here, ``=SUM(C5:C6)`` and ``=F20+F21+F22``, from the stored cells."""
    m = re.fullmatch(r"=SUM\(([A-Z]+\d+):([A-Z]+\d+)\)", formula)
    refs = [c.coordinate for row in ws[m.group(1):m.group(2)] for c in row] if m else formula[1:].split("+")
    return sum(ws[ref].value or 0 for ref in refs)


def check_real_xlsx(fx: Fixture, data: bytes, shown_csv: dict[str, list[list[str]]]) -> str:
    """Every cell stored as meant (value, type, number format), every merge, cached values, and the text shown."""
    name = f"{fx.stem}.xlsx"
    wb = openpyxl.load_workbook(io.BytesIO(data))
    values = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    _expect(wb.sheetnames == [s for s, _ in fx.sheets], f"{name}: sheets {wb.sheetnames}")
    notes = []
    for sheet, goals in fx.sheets:
        ws, wv = wb[sheet], values[sheet]
        _, rows, want_merges = sheet_layout(goals)
        shown: dict[tuple[int, int], str] = {}
        counts = {"numbers": 0, "formulas": 0}
        for row in rows:
            for cell, c0, _ in row.cells:
                if cell.text is None:
                    continue
                where = f"{name}!{sheet}!{get_column_letter(c0 + 1)}{row.excel_row}"
                got, got_value = ws.cell(row.excel_row, c0 + 1), wv.cell(row.excel_row, c0 + 1).value
                if isinstance(cell, XCell):
                    _expect(got.value == cell.stored and got.number_format == cell.fmt,
                            f"{where}: {got.value!r} in {got.number_format!r}, "
                            f"expected {cell.stored!r} in {cell.fmt!r}")
                    if isinstance(cell.stored, str):
                        _expect(got.data_type == "f" and got_value == cell.cached,
                                f"{where}: formula's cached value {got_value!r}, expected {cell.cached!r}")
                        _expect(_evaluate(cell.stored, ws) == cell.cached,
                                f"{where}: {cell.stored} is not {cell.cached}")
                        counts["formulas"] += 1
                    else:
                        _expect(type(got.value) is type(cell.stored) and got.data_type == "n",
                                f"{where}: {got.value!r} ({got.data_type}) is not the number {cell.stored!r}")
                        counts["numbers"] += 1
                else:
                    want = str(cell.text) or None
                    _expect(got.value == want and (want is None or got.data_type == "s"),
                            f"{where}: {got.value!r} ({got.data_type}), expected text {want!r}")
                shown[(row.excel_row, c0)] = str(cell.text)
        got_merges = {(m.min_row, m.min_col - 1, m.max_row, m.max_col) for m in ws.merged_cells.ranges}
        _expect(got_merges == want_merges, f"{name}!{sheet}: merges differ: {sorted(got_merges ^ want_merges)}")
        # As shown (LibreOffice's CSV export of the cell contents as shown): every cell shows its text, no other.
        grid = shown_csv[sheet]
        at = {(r, c): v for r, line in enumerate(grid, start=1) for c, v in enumerate(line) if v}
        for (excel_row, c0), text in shown.items():
            got = at.pop((excel_row, c0), "")
            where = f"{name}!{sheet}!{get_column_letter(c0 + 1)}{excel_row}"
            _expect(got == text, f"{where} shows {got!r}, expected {text!r}")
        _expect(not at, f"{name}!{sheet}: unexpected cells shown {sorted(at.items())[:5]}")
        notes.append(f"{sheet}: {ws.max_row} rows, {len(got_merges)} merged ranges, {counts['numbers']} numbers, "
                     f"{counts['formulas']} formulas")
    return "; ".join(notes)


def xlsx_as_shown(paths: list[Path], tmp: Path) -> dict[str, dict[str, list[list[str]]]]:
    """Every sheet of the workbooks as LibreOffice shows it (CSV export of the formatted cell contents)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("soffice not found")
    out = tmp / "csv"
    filt = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1"
    subprocess.run([soffice, f"-env:UserInstallation={(tmp / 'lo-csv').as_uri()}", "--headless", "--norestore",
                    "--convert-to", filt, "--outdir", str(out), *map(str, paths)],
                   capture_output=True, text=True, timeout=600, check=True)
    result: dict[str, dict[str, list[list[str]]]] = {}
    for path in paths:
        fx = next(f for f in FIXTURES if f.stem == path.stem)
        sheets = {}
        for sheet, _ in fx.sheets:
            csv_path = out / f"{path.stem}-{sheet}.csv"
            if not csv_path.exists() and len(fx.sheets) == 1:
                csv_path = out / f"{path.stem}.csv"
            _expect(csv_path.exists(), f"{path.name}: no CSV export of sheet {sheet}")
            sheets[sheet] = list(csv.reader(io.StringIO(csv_path.read_text(encoding="utf-8"))))
        result[path.name] = sheets
    return result


def read_real_pdf(path: Path, fx: Fixture, tables: tuple[ExpectedTable, ...]) -> tuple[tuple[ExpectedTable, ...], str]:
    """The tables with ``page`` and ``indicator_pages`` as pdfplumber finds them (its ``lines`` tables)."""
    with pdfplumber.open(path) as pdf:
        page_text = [_squeeze(p.extract_text()) for p in pdf.pages]
        all_text = "".join(page_text)
        _expect("(cid:" not in all_text and "\ufffd" not in all_text, f"{path.name}: text layer has unmapped glyphs")
        page_rows, notes, firsts = [], [], {}
        for number, page in enumerate(pdf.pages, start=1):
            extracted = page.extract_tables({"vertical_strategy": "lines", "horizontal_strategy": "lines"})
            _expect(extracted, f"{path.name} p{number}: pdfplumber finds no ruled table")
            firsts[number] = [_squeeze(c) for c in extracted[0][0]]
            notes.append(f"p{number}: " + ", ".join(f"{len(t)}x{max(len(r) for r in t)}" for t in extracted))
            for table in extracted:
                page_rows += [(number, [_squeeze(c) for c in row]) for row in table]
    found = []
    cursor_page, cursor_pos, cursor_row = 1, 0, 0
    for goal, t in zip(fx.goals, tables):
        title_page, cursor_page, cursor_pos = find_title(page_text, t.title, cursor_page, cursor_pos)
        _expect(title_page is not None, f"{path.name}: title {t.title!r} not found after page {cursor_page}")
        for needle in (t.unit_name, t.project_name, t.goal_text, t.budget_total, t.budget_fiscal, t.budget_carryover,
                       *(x for y in t.tasks for x in y)):
            needle = _squeeze(needle)
            in_cell = any(needle in c for _, cells in page_rows for c in cells)
            _expect(needle in all_text or in_cell, f"{path.name}: {needle!r} not in the text layer")
        grid = Grid(goal)
        grid.indicators()
        pages = []
        for (_, _, level3, _, _), value in zip(t.indicators, grid.value_cells):
            while cursor_row < len(page_rows):
                number, cells = page_rows[cursor_row]
                cursor_row += 1
                if number >= title_page and _squeeze(level3) in cells and _squeeze(value) in cells:
                    pages.append(number)
                    break
            else:
                raise CheckFailed(f"{path.name}: indicator row {level3!r} {value!r} not found by pdfplumber")
        found.append(replace(t, page=title_page, indicator_pages=tuple(pages)))
    # A grid that goes on on the next page starts there with an indicator row, not a repeated header.
    for t in found:
        for before, after in zip(t.indicator_pages, t.indicator_pages[1:]):
            if after != before:
                top = firsts[after]
                _expect(not any(h in top for h in ("一级指标", "二级指标", "三级指标")),
                        f"{path.name} p{after}: the grid goes on under a repeated header {top}")
    return tuple(found), "; ".join(notes)


def check_failing_pdf(path: Path, fx: Fixture) -> str:
    """A file that must fail: its title in the text layer and its indicator header in a table pdfplumber finds."""
    goal = fx.goals[0]
    header = [_squeeze(c.text) for c in goal.rows[goal.header]]
    with pdfplumber.open(path) as pdf:
        text = "".join(_squeeze(p.extract_text()) for p in pdf.pages)
        tables = [t for p in pdf.pages for t in p.extract_tables()]
    for line in goal.lines:
        _expect(_squeeze(line.text) in text, f"{path.name}: {line.text!r} not in the text layer")
    _expect(any([_squeeze(c) for c in row] == header for t in tables for row in t),
            f"{path.name}: header row {header} not found by pdfplumber")
    return f"{len(tables)} tables, header row found"


def check_real_layouts(out_dir: Path, stems=STEMS) -> dict[str, tuple[ExpectedTable, ...]]:
    """Check the ``real_*`` files in ``out_dir``; returns the truth as measured (pages from the PDFs)."""
    truth = derived_truth(stems)
    fixtures = [f for f in FIXTURES if f.stem in stems]
    measured: dict[str, tuple[ExpectedTable, ...]] = {}
    with tempfile.TemporaryDirectory(prefix="perfgoals-real-check-") as tmp:
        shown = xlsx_as_shown([out_dir / f"{f.stem}.xlsx" for f in fixtures], Path(tmp)) if fixtures else {}
    for fx in fixtures:
        for ext in ("docx", "xlsx", "pdf"):
            name = f"{fx.stem}.{ext}"
            path = out_dir / name
            _expect(path.exists(), f"{name} not written")
            size = path.stat().st_size
            _expect(size < MAX_FILE_BYTES, f"{name}: {size} bytes, over {MAX_FILE_BYTES}")
            data = path.read_bytes()
            if ext == "docx":
                note = check_real_docx(fx, data)
            elif ext == "xlsx":
                note = check_real_xlsx(fx, data, shown[name])
            elif fx.truth is None:
                note = check_failing_pdf(path, fx)
            else:
                tables, note = read_real_pdf(path, fx, truth[name])
                measured[name] = tables
            if name in truth and name not in measured:
                measured[name] = truth[name]
            print(f"  ok {name}: {note}")
    total = sum((out_dir / n).stat().st_size for n in file_names([f.stem for f in fixtures]))
    _expect(total < MAX_NEW_BYTES, f"real_* files: {total} bytes, over {MAX_NEW_BYTES}")
    return measured


def compare_with_cases(measured: dict[str, tuple[ExpectedTable, ...]], stems=STEMS) -> list[str]:
    """Differences between the truth as measured and ``layout_cases.CASES`` / ``FAILING``."""
    problems = []
    names = set(file_names(stems))
    read_elsewhere = set(SELF_EVALUATIONS)  # no ExpectedTable: tests/transform/test_results.py holds their rows
    failing = {n for n in names if n.rsplit(".", 1)[0] in {f.stem for f in FIXTURES if f.truth is None}}
    failing -= read_elsewhere
    if {n for n in CASES if n in names} != names - failing - read_elsewhere:
        problems.append(f"CASES has {sorted(n for n in CASES if n in names)},"
                        f" expected {sorted(names - failing - read_elsewhere)}")
    if {n for n in FAILING if n in names} != failing:
        problems.append(f"FAILING has {sorted(n for n in FAILING if n in names)}, expected {sorted(failing)}")
    for name in sorted(names - failing):
        if name in CASES:
            problems += case_differences(name, measured.get(name, ()))
    return problems


def render_pages(out_dir: Path, render_dir: Path, stems=STEMS) -> list[Path]:
    """One PNG (60 dpi) of every page of each PDF, for a look: ``pdftoppm -r 60 -png``."""
    render_dir.mkdir(parents=True, exist_ok=True)
    for stem in stems:
        subprocess.run(["pdftoppm", "-r", "60", "-png", str(out_dir / f"{stem}.pdf"), str(render_dir / stem)],
                       check=True)
    return sorted(render_dir.glob("*.png"))
