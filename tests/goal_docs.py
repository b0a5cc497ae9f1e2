"""Goal tables as written, for property tests: a spec → DOCX and XLSX bytes, and the reading perfgoals owes it.

A ``DocSpec`` holds one or more ``TableSpec``: the header block (label-value
pairs, the money block, the goal row), the indicator grid (level columns,
then the other columns in any order, an optional merged label column, each
level-one and level-two cell merged down, repeated or left blank) and the
lines above the table (title, a ``单位：千元`` line). ``layout`` turns a table
into ``Line``s and rectangular ``Sheet``s of cells with merge rectangles;
``docx_bytes`` writes those with python-docx (real w:gridSpan/w:vMerge from
python-docx's merge, the Table Grid style's single borders) and ``xlsx_bytes`` with openpyxl (real
merged ranges; money and values as text, or as numbers whose format shows
the same string). ``expected`` is the reading ``docs/reading.md`` asks for;
``reading`` puts what the parser returned in the same shape.

The free text (names, descriptions, values, units, goals) never holds a
header or label word (``FORBIDDEN``), so it can never look like a label.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from decimal import Decimal

import openpyxl
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.table import _Cell

from transform.clean import clean_text
from transform.records import GoalTable

# --------------------------------------------------------------------------- vocabulary

LEVEL1 = {"产出指标": "产出类指标", "成本指标": "成本指标", "效益指标": "效益类指标", "满意度指标": "满意度类指标"}
LEVEL2 = {
    "产出指标": ("数量指标", "质量指标", "时效指标", "成本指标"),
    "成本指标": ("经济成本指标", "社会成本指标", "生态环境成本指标"),
    "效益指标": ("经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"),
    "满意度指标": ("服务对象满意度指标",),
}
TWO_LEVEL_WORDS = ("数量指标", "质量指标", "时效指标", "成本指标", "经济效益指标", "社会效益指标",
                   "生态效益指标", "可持续影响指标", "服务对象满意度指标", "满意度指标")
LEVELS3 = (("一级指标", "二级指标", "三级指标"), ("一级", "二级", "三级"), ("一级指标", "二级指标", "指标内容"))
LEVELS2 = (("指标类型", "指标名称"), ("一级指标", "二级指标"))
VALUE_HEADERS = ("指标值", "年度指标值", "年度(/项目)指标值", "项目指标值", "当年预期实现值", "目标值",
                 "指标值（包含数字及文字描述）")
DESCRIPTION_HEADERS = ("绩效指标描述", "指标解释")  # and 指标内容 when a 三级 column exists
OP_HEADER, UNIT_HEADERS, REMARK_HEADER = "指标性质", ("计量单位", "度量单位"), "备注"
GRID_LABELS = ("绩效指标", "项目年度绩效指标")
UNIT_LABELS = ("实施单位", "项目实施单位", "项目执行单位", "预算单位")
SUPERVISOR_LABELS = ("主管部门", "项目主管部门")
EXTRA_PAIRS = (("项目性质", "延续性"), ("项目类别", "专项业务"), ("项目负责人", "王建国"))
MONEY_UNITS = ("元", "千元", "万元", "亿元")
ANNUAL_LABELS = {"total": ("年度资金总额", "年度资金申请总额"), "fiscal": ("其中：财政拨款", "其中：当年财政拨款", "财政资金"),
                 "carryover": ("上年结转资金",), "other": ("其他资金",)}
WHOLE_LABELS = {"total": "项目资金总额", "fiscal": "其中：财政资金", "other": "其他资金"}
TITLES = (("项目支出绩效目标表（2024年度）",), ("财政项目支出绩效目标填报表", "（2024年度）"), ("2024年项目绩效目标表",))

PROJECTS = ("智慧校园信息化建设", "农村饮水安全巩固提升工程", "城市道路照明设施维护", "老旧小区改造提升",
            "基层医疗卫生机构设备购置", "河道综合治理", "公共图书馆免费开放", "职业技能培训补贴", "森林防火能力提升")
UNITS = ("某市第一中学", "某县人民医院", "某市城市管理局", "某区水务局", "某县林业局", "某市图书馆", "某区民政局")
SUPERVISORS = ("某市教育局", "某县卫生健康委员会", "某市住房和城乡建设局", "某区农业农村局", "某市文化和旅游局")
GOALS = (
    "完成教学楼屋面防水及外墙维修改造，消除校舍安全隐患，改善师生学习生活环境。",
    "年内完成12公里道路照明设施更新，城区主干道亮灯率保持在98%以上。",
    "为全县1600户农村家庭解决饮水安全问题，供水保证率明显提升。",
    "开展职业技能培训6000人次，培训合格率达到95%以上，促进城乡劳动力就业。",
    "完成河道清淤疏浚8公里，河道水质持续改善，防洪能力显著增强。",
)
WHOLE_GOALS = (
    "三年内建成覆盖全域的智慧服务体系，服务能力和群众获得感全面提升。",
    "通过持续投入形成长效管护机制，设施完好率稳定在95%以上。",
    "全面完成辖区老旧小区改造，居住环境明显改善。",
)
# (name, description, operators, numbers, unit) for a number; (name, description, (), words, "") for words.
INDICATORS = (
    ("设备购置数量", "年内购置并投入使用的设备台数", ("≥", ""), ("1200", "45", "300"), "台"),
    ("培训人次", "年内组织开展培训的人次", ("≥",), ("6000", "350"), "人次"),
    ("工程验收合格率", "通过竣工验收的工程所占比例", ("", "≥", "＝", "="), ("100", "95", "98.5"), "%"),
    ("款项支付及时率", "按合同约定及时支付的款项比例", ("≥", "＝"), ("95", "100"), "%"),
    ("工程完工时限", "自开工之日起至竣工验收的时间", ("≤",), ("30", "90", "180"), "天"),
    ("维修改造面积", "完成维修改造的建筑面积", ("≥",), ("3200", "13459.5"), "平方米"),
    ("新建道路长度", "年内建成通车的道路长度", ("≥", "≧"), ("12.5", "8"), "公里"),
    ("受益农户数", "直接受益的农村家庭户数", ("≥",), ("1600", "250"), "户"),
    ("河道巡查频次", "每月开展河道巡查的次数", ("≥",), ("4", "8"), "次/月"),
    ("每平方米改造成本", "改造费用与改造面积之比", ("≤",), ("580", "1200"), "元/平方米"),
    ("人均补助额", "按人发放的补助额度", ("≤", "＝"), ("200", "1775"), "元/人"),
    ("设备故障率", "出现故障的设备所占比例", ("≤", "≦"), ("5", "2"), "%"),
    ("群众满意度", "受益群众对服务的满意程度", ("≥",), ("90", "95"), "%"),
    ("带动就业人数", "带动当地劳动力就业的人数", ("≥",), ("50000", "120"), "人"),
    ("校舍安全状况", "校舍安全隐患消除情况", (), ("明显改善", "有效消除"), ""),
    ("群众生活水平", "受益群众生活改善情况", (), ("明显提升", "持续改善"), ""),
    ("水环境状况", "河道水体及岸线环境状况", (), ("持续改善", "保持稳定"), ""),
    ("管理制度健全性", "相关管理制度建立和落实情况", (), ("健全", "合规"), ""),
    ("长效运维机制", "设施建成后的日常维护保障", (), ("有效保障", "不低于上年水平"), ""),
)
REMARKS = ("", "按季度统计", "以验收报告为准", "逐月核查")

# No free text may contain these: each is (part of) a header, label, title or end-of-grid word.
FORBIDDEN = ("指标", "项目", "单位", "资金", "目标", "名称", "部门", "预算", "性质", "备注", "合计", "总计", "小计", "说明",
             "描述", "解释", "内容", "类型", "类别", "年度", "总额", "财政", "拨款", "结转", "实施", "主管", "执行", "计量",
             "度量", "绩效", "标准", "完成值", "实际", "得分", "分值", "权重", "评分", "自评", "偏差", "任务", "金额", "符号",
             "方向", "用途", "来源", "收入", "填报", "申报", "注", "具体", "定义", "预期", "当年", "本年", "全年", "中期",
             "一级", "二级", "三级", "代码", "负责人", "联系", "服务对象", "定性", "定量")


def free_texts() -> list[str]:
    """Every free text of the vocabulary (what ``FORBIDDEN`` must not occur in)."""
    texts = [*PROJECTS, *UNITS, *SUPERVISORS, *GOALS, *WHOLE_GOALS, *REMARKS, *(v for _, v in EXTRA_PAIRS)]
    for name, description, _, values, unit in INDICATORS:
        texts += [name, description, *values, unit]
    return texts


# --------------------------------------------------------------------------- the spec


@dataclass(frozen=True)
class Target:
    """A target as a person writes it: ``op`` + ``number`` + ``unit`` (``≥95%``), or ``words`` (明显提升)."""

    op: str = ""
    number: str = ""
    unit: str = ""
    words: str = ""
    op_cell: str = ""  # what an op column holds for a number without operator: "" or 定量 (words always get 定性)

    @property
    def raw(self) -> str:
        return self.words or f"{self.op}{self.number}{self.unit}"

    def cells(self, has_op: bool, has_unit: bool) -> dict[str, str]:
        """The op, target and unit cells of a grid with (or without) op and unit columns."""
        if self.words:
            return {"op": "定性", "target": self.words, "unit": ""}
        value = self.number if has_op else self.op + self.number
        return {"op": self.op or self.op_cell, "target": value if has_unit else value + self.unit,
                "unit": self.unit if has_unit else ""}


@dataclass(frozen=True)
class Indicator:
    name: str
    target: Target
    description: str = ""
    remark: str = ""


@dataclass(frozen=True)
class Group:
    """A level-two group (``word`` None in a two-level grid); without indicators, an empty group over ``blank_rows``.

    ``mode``: the group's cell ``merge``d down over its rows, ``repeat``ed in each, or written once (``blank`` below).
    """

    word: str | None
    indicators: tuple[Indicator, ...]
    mode: str = "merge"
    blank_rows: int = 1

    @property
    def n_rows(self) -> int:
        return len(self.indicators) or self.blank_rows


@dataclass(frozen=True)
class Level1:
    word: str
    groups: tuple[Group, ...]
    mode: str = "merge"


@dataclass(frozen=True)
class Grid:
    """The indicator grid: level header cells (2 or 3), then ``columns`` (field, header) in their order."""

    levels: tuple[str, ...]
    columns: tuple[tuple[str, str], ...]  # fields: description, op, target, unit, remark
    groups: tuple[Level1, ...]
    label: str | None = None  # a label merged down the left column (绩效指标), or none
    label_in_header: bool = True  # the header row's first cell holds it; else blank, label from the first indicator row

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(f for f, _ in self.columns)

    @property
    def width(self) -> int:
        return (self.label is not None) + len(self.levels) + len(self.columns)


@dataclass(frozen=True)
class Money:
    annual: tuple[tuple[str, str, str], ...]  # (field, label, amount): total, fiscal, [carryover], other
    label: str = "项目资金"  # merged down the block; ``项目资金（万元）`` when it states the unit
    unit: str | None = None
    unit_line: str = ""  # 单位：千元 above the table, or ""
    whole: tuple[tuple[str, str], ...] = ()  # the whole project's (label, amount) beside each annual row ("" for none)
    whole_first: bool = False
    as_numbers: bool = False  # XLSX: amounts as numbers whose format shows the string written


@dataclass(frozen=True)
class Goal:
    annual: str
    form: str = "single"  # single: 年度绩效目标 | text; beside: 项目总目标 | x | 年度总体目标 | y; under: labels, texts below
    whole: str = ""
    annual_first: bool = True
    label: str = "年度绩效目标"  # single: the label; under: the label merged over both rows


@dataclass(frozen=True)
class TableSpec:
    pairs: tuple[tuple[str, str, str], ...]  # (field, label, value); fields project, unit, supervisor, other
    pairs_per_row: int
    money: Money
    goal: Goal
    grid: Grid
    title: tuple[str, ...] = ()
    split: bool = False  # the header block and the grid as two tables
    values_as_numbers: bool = False  # XLSX: numeric targets as numbers (95% as 0.95 in a 0% format)


@dataclass(frozen=True)
class DocSpec:
    tables: tuple[TableSpec, ...]
    one_sheet: bool = True  # XLSX: all tables stacked in one sheet (a blank row between), else a sheet each


# --------------------------------------------------------------------------- layout: spec → lines and cell grids


@dataclass(frozen=True)
class Line:
    text: str
    right: bool = False


@dataclass
class Sheet:
    """A rectangular table: texts at the top-left of each cell, merge rectangles (r0, c0, r1, c1), XLSX numbers."""

    ncols: int
    nrows: int = 0
    cells: dict[tuple[int, int], str] = field(default_factory=dict)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    numbers: dict[tuple[int, int], tuple[int | float, str]] = field(default_factory=dict)
    taken: set[tuple[int, int]] = field(default_factory=set)

    def put(self, r: int, c: int, text: str, rows: int = 1, cols: int = 1) -> None:
        """A cell at row ``r``, column ``c``, merged over ``rows`` x ``cols``; never over another cell."""
        area = {(r + i, c + j) for i in range(rows) for j in range(cols)}
        assert 0 <= c and c + cols <= self.ncols and not area & self.taken, (r, c, text)
        self.taken |= area
        self.cells[(r, c)] = text
        self.nrows = max(self.nrows, r + rows)
        if rows > 1 or cols > 1:
            self.merges.append((r, c, r + rows - 1, c + cols - 1))


def spans(total: int, k: int) -> list[int]:
    """``total`` columns shared by ``k`` cells as evenly as possible, the first ones wider."""
    return [total // k + (i < total % k) for i in range(k)]


def _pair_rows(s: Sheet, pairs: list[tuple[str, str]], k: int) -> None:
    k = min(k, s.ncols // 2)
    for i in range(0, len(pairs), k):
        row, r, c = pairs[i : i + k], s.nrows, 0
        for (label, value), w in zip(row, spans(s.ncols - len(row), len(row))):
            s.put(r, c, label)
            s.put(r, c + 1, value, cols=w)
            c += 1 + w


def _money_rows(s: Sheet, m: Money) -> None:
    r0, n = s.nrows, s.ncols
    s.put(r0, 0, m.label, rows=len(m.annual))
    if m.whole:
        assert n >= 5 and len(m.whole) == len(m.annual)
        a, b = spans(n - 3, 2)  # amount widths of the left pair and the right pair
        at, widths = (1, 2 + a), (a, b)
        (annual_at, whole_at), widths = (at[::-1], widths[::-1]) if m.whole_first else (at, widths)
    else:
        annual_at, whole_at, widths = 1, None, (n - 2, 0)
    for i, (_, label, amount) in enumerate(m.annual):
        r = r0 + i
        s.put(r, annual_at, label)
        if amount or widths[0] > 1:
            s.put(r, annual_at + 1, amount, cols=widths[0])
        if whole_at is not None:
            w_label, w_amount = m.whole[i]
            s.put(r, whole_at, w_label)
            s.put(r, whole_at + 1, w_amount, cols=widths[1])
    if m.as_numbers:
        for (r, c), text in s.cells.items():
            if r >= r0 and c and re.fullmatch(r"[\d,]+(\.\d+)?", text):
                s.numbers[(r, c)] = _amount_number(text)


def _amount_number(text: str) -> tuple[int | float, str]:
    """An amount string as an XLSX number and the format that shows it so: ``4,100,000.00`` → 4100000, #,##0.00."""
    plain = text.replace(",", "")
    decimals = len(plain.partition(".")[2])
    fmt = ("#,##0" if "," in text else "0") + ("." + "0" * decimals if decimals else "")
    value = Decimal(plain)
    return (int(value) if not decimals else float(value)), fmt


def _goal_rows(s: Sheet, g: Goal) -> None:
    r, n = s.nrows, s.ncols
    if g.form == "single":
        s.put(r, 0, g.label)
        s.put(r, 1, g.annual, cols=n - 1)
        return
    pairs = [("年度总体目标", g.annual), ("项目总目标", g.whole)]
    if not g.annual_first:
        pairs.reverse()
    if g.form == "beside":
        _pair_rows(s, pairs, 2)
        return
    s.put(r, 0, g.label, rows=2)
    c = 1
    for (label, text), w in zip(pairs, spans(n - 1, 2)):
        s.put(r, c, label, cols=w)
        s.put(r + 1, c, text, cols=w)
        c += w


def _grid_rows(s: Sheet, g: Grid, as_numbers: bool) -> None:
    h = s.nrows
    n_rows = sum(grp.n_rows for l1 in g.groups for grp in l1.groups)
    off = g.label is not None
    if g.label is not None:
        if g.label_in_header:
            s.put(h, 0, g.label, rows=1 + n_rows)
        else:
            s.put(h + 1, 0, g.label, rows=n_rows)
    for c, text in enumerate((*g.levels, *(head for _, head in g.columns)), start=off):
        s.put(h, c, text)
    name_col = off + len(g.levels) - 1
    col_of = {f: name_col + 1 + i for i, f in enumerate(g.fields)}
    has_op, has_unit = "op" in col_of, "unit" in col_of
    r = h + 1
    for l1 in g.groups:
        _level_cell(s, r, off, l1.word, sum(grp.n_rows for grp in l1.groups), l1.mode)
        for grp in l1.groups:
            if grp.word is not None:
                _level_cell(s, r, off + 1, grp.word, grp.n_rows, grp.mode)
            for i, ind in enumerate(grp.indicators):
                s.put(r + i, name_col, ind.name)
                texts = {**ind.target.cells(has_op, has_unit), "description": ind.description, "remark": ind.remark}
                for f, c in col_of.items():
                    if texts[f]:
                        s.put(r + i, c, texts[f])
                        if as_numbers and f == "target":
                            _value_number(s, r + i, c, texts[f])
            r += grp.n_rows
    s.nrows = max(s.nrows, r)


def _level_cell(s: Sheet, r: int, c: int, word: str, rows: int, mode: str) -> None:
    if mode == "merge":
        s.put(r, c, word, rows=rows)
    else:
        for i in range(rows if mode == "repeat" else 1):
            s.put(r + i, c, word)


def _value_number(s: Sheet, r: int, c: int, text: str) -> None:
    """A numeric target as an XLSX number: ``95`` as 95 (General), ``95%`` as 0.95 in a ``0%`` format."""
    if re.fullmatch(r"\d+(\.\d+)?", text):
        s.numbers[(r, c)] = (float(text) if "." in text else int(text), "General")
    elif m := re.fullmatch(r"(\d+)(?:\.(\d+))?%", text):
        decimals = len(m.group(2) or "")
        s.numbers[(r, c)] = (float(Decimal(text[:-1]) / 100), "0" + ("." + "0" * decimals if decimals else "") + "%")


def layout(t: TableSpec) -> list[Line | Sheet]:
    """The table as written, top to bottom: title lines, the unit line, one sheet (or two when ``split``)."""
    n = t.grid.width
    head = Sheet(n)
    _pair_rows(head, [(label, value) for _, label, value in t.pairs], t.pairs_per_row)
    _money_rows(head, t.money)
    _goal_rows(head, t.goal)
    grid = Sheet(n) if t.split else head
    _grid_rows(grid, t.grid, t.values_as_numbers)
    out: list[Line | Sheet] = [Line(x) for x in t.title]
    if t.money.unit_line:
        out.append(Line(t.money.unit_line, right=True))
    return out + ([head, grid] if t.split else [head])


def render(spec: DocSpec) -> str:
    """The document as text, one row a line: ``^`` under a cell merged down, ``<`` right of one merged across."""
    out = []
    for i, t in enumerate(spec.tables, start=1):
        out.append(f"--- table {i}")
        for block in layout(t):
            if isinstance(block, Line):
                out.append(f"LINE {block.text!r}")
                continue
            covered = {(r, c): "^" if r > r0 else "<" for r0, c0, r1, c1 in block.merges
                       for r in range(r0, r1 + 1) for c in range(c0, c1 + 1) if (r, c) != (r0, c0)}
            for r in range(block.nrows):
                row = [covered.get((r, c)) or block.cells.get((r, c), "") for c in range(block.ncols)]
                out.append(" | ".join(x.replace("\n", "⏎") for x in row))
    return "\n".join(out)


# --------------------------------------------------------------------------- writers


_DOC = []


def _blank_document():
    """python-docx's default document with an empty body; opened once (16 ms a time) and emptied for each use."""
    if not _DOC:
        _DOC.append(Document())
    doc = _DOC[0]
    body = doc.element.body
    for child in list(body):
        if not child.tag.endswith("}sectPr"):
            body.remove(child)
    return doc


def docx_bytes(spec: DocSpec) -> bytes:
    doc = _blank_document()
    for t in spec.tables:
        for block in layout(t):
            if isinstance(block, Line):
                p = doc.add_paragraph(block.text)
                p.alignment = WD_ALIGN_PARAGRAPH.RIGHT if block.right else WD_ALIGN_PARAGRAPH.CENTER
            else:
                _docx_table(doc, block)
                doc.add_paragraph()  # Word keeps two tables apart only with a paragraph between them
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _docx_table(doc, s: Sheet) -> None:
    """A table of ``s.nrows`` x ``s.ncols`` with each merge made by python-docx (``CT_Tc.merge``: w:gridSpan, w:vMerge)."""
    table = doc.add_table(rows=s.nrows, cols=s.ncols)
    table._tbl.tblPr.style = "TableGrid"  # the Table Grid style: single borders on every cell
    trs = table._tbl.tr_lst
    for r0, c0, r1, c1 in s.merges:
        _tc_at(trs[r0], c0).merge(_tc_at(trs[r1], c1))
    for r, tr in enumerate(trs):
        col = 0
        for tc in tr.tc_lst:
            text = s.cells.get((r, col))
            if text and tc.vMerge != "continue":
                cell = _Cell(tc, table)
                for i, part in enumerate(text.split("\n")):
                    (cell.paragraphs[0] if i == 0 else cell.add_paragraph()).add_run(part)
            col += tc.grid_span


def _tc_at(tr, col: int):
    """The w:tc of row ``tr`` that covers grid column ``col`` (what ``table.cell`` finds, without listing every cell)."""
    at = 0
    for tc in tr.tc_lst:
        if at <= col < at + tc.grid_span:
            return tc
        at += tc.grid_span
    raise IndexError(col)


def xlsx_bytes(spec: DocSpec) -> bytes:
    wb = openpyxl.Workbook()
    ws, row = wb.active, 1
    ws.title = "表1"
    for i, t in enumerate(spec.tables):
        if i and not spec.one_sheet:
            ws, row = wb.create_sheet(f"表{i + 1}"), 1
        elif i:
            row += 1  # a blank row between stacked tables
        blocks = layout(t)
        for j, block in enumerate(blocks):
            if isinstance(block, Line):
                n = t.grid.width
                ws.cell(row, n if block.right else 1, block.text)
                if not block.right:
                    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=n)
                row += 1
                continue
            if j and isinstance(blocks[j - 1], Sheet):
                row += 1  # split: a blank row between the header block and the grid
            for (r, c), text in block.cells.items():
                cell = ws.cell(row + r, c + 1)
                if (r, c) in block.numbers:
                    cell.value, cell.number_format = block.numbers[(r, c)]
                elif text:
                    cell.value = text
                    cell.data_type = "s"  # a text starting with = (the operator) is text, not a formula
            for r0, c0, r1, c1 in block.merges:
                ws.merge_cells(start_row=row + r0, start_column=c0 + 1, end_row=row + r1, end_column=c1 + 1)
            row += block.nrows
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


# --------------------------------------------------------------------------- the reading


@dataclass(frozen=True)
class Reading:
    """The fields of one goal table that the property test compares, cleaned as ``clean_text`` does."""

    project_name: str
    unit_name: str | None
    unit_code: str | None
    money_unit: str | None
    budget: dict[str, str]  # total, fiscal, carryover, other: this year's, as written
    goal_text: str
    kind: str
    indicators: tuple[tuple[str, str | None, str, str | None, str], ...]


def expected(spec: DocSpec) -> list[Reading]:
    return [_expected_table(t) for t in spec.tables]


def _expected_table(t: TableSpec) -> Reading:
    value = {f: v for f, _, v in t.pairs}
    has_description = "description" in t.grid.fields
    rows = tuple(
        (clean_text(l1.word), clean_text(g.word) if g.word is not None else None, clean_text(ind.name),
         clean_text(ind.description) if has_description else None, clean_text(ind.target.raw))
        for l1 in t.grid.groups for g in l1.groups for ind in g.indicators
    )
    budget = dict.fromkeys(("total", "fiscal", "carryover", "other"), "")
    budget.update({f: clean_text(amount) for f, _, amount in t.money.annual})
    return Reading(
        project_name=clean_text(value["project"]), unit_name=clean_text(value["unit"]), unit_code=None,
        money_unit=t.money.unit, budget=budget, goal_text=clean_text(t.goal.annual), kind="project", indicators=rows,
    )


def reading(tables: tuple[GoalTable, ...]) -> list[Reading]:
    return [
        Reading(
            project_name=t.project_name, unit_name=t.unit_name, unit_code=t.unit_code, money_unit=t.money_unit,
            budget={"total": t.budget_total, "fiscal": t.budget_fiscal, "carryover": t.budget_carryover,
                    "other": t.budget_other},
            goal_text=t.goal_text, kind=t.kind,
            indicators=tuple((r.level1, r.level2, r.level3, r.description, r.target_raw) for r in t.indicators),
        )
        for t in tables
    ]


# --------------------------------------------------------------------------- what the extractor must see


def raw_expected(spec: DocSpec) -> list[tuple]:
    """The blocks the extractor should find: ("text", line) and ("table", rows of (col, colspan, continued, text))."""
    out: list[tuple] = []
    for t in spec.tables:
        for block in layout(t):
            out.append(("text", block.text) if isinstance(block, Line) else ("table", _sheet_rows(block)))
    return out


def _sheet_rows(s: Sheet) -> tuple:
    width = {(r0, c0): c1 - c0 + 1 for r0, c0, r1, c1 in s.merges}
    below = {(r, c0): c1 - c0 + 1 for r0, c0, r1, c1 in s.merges for r in range(r0 + 1, r1 + 1)}
    rows = []
    for r in range(s.nrows):
        row, c = [], 0
        while c < s.ncols:
            if (r, c) in below:
                row.append((c, below[(r, c)], True, ""))
                c += below[(r, c)]
            else:
                row.append((c, width.get((r, c), 1), False, s.cells.get((r, c), "")))
                c += width.get((r, c), 1)
        rows.append(tuple(row))
    return tuple(rows)


def raw_found(doc) -> list[tuple]:
    """A RawDocument's blocks in the shape of ``raw_expected``."""
    return [("table", tuple(tuple((c.col, c.colspan, c.continued, c.text) for c in row.cells) for row in b.rows))
            if hasattr(b, "rows") else ("text", b.text) for b in doc.blocks]
