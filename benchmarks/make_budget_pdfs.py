"""Generate long department budget PDFs (部门预算公开) whose goal tables sit in an appendix.

    .venv/bin/python benchmarks/make_budget_pdfs.py [OUT_DIR]     # default benchmarks/data/

A published budget buries its 绩效目标表 after 20-30 pages of prose and
other budget tables; these files reproduce that, for the page triage
(``extract/triage.py``): its benchmark (``benchmarks/triage.py``) and its
tests (``tests/extract/test_triage.py``), which use the committed output.

Every document is a Word file (python-docx, the helpers of
``tests/make_samples.py``) converted to PDF by LibreOffice: a cover, a
table of contents, prose (部门概况, 情况说明, 名词解释) and thirteen ruled
budget tables 公开01表-公开13表 (收支预算总表, 财政拨款支出预算表, 三公经费 …,
two of them longer than a page), with a page number ``- N -`` in the footer,
then the goal tables of one unit of ``tests/sample_units.py`` (layout A):

* ``budget_jizhou_2023.pdf``: the seed's four goal tables at the end, each
  from a new page (as in ``samples/``); the table of contents names
  ``八、项目支出绩效目标表`` (a page that mentions goal tables but holds none).
* ``budget_ninghe_2023.pdf``: the appendix follows the 情况说明 prose on the
  same page, its first title ends that page (the goal table starts on the
  next: six blank lines of filler put it there), and the goal tables follow
  one another without page breaks, so they cross page breaks without
  repeating their header row; the 名词解释 prose follows the appendix.
* ``budget_wuqing_2023.pdf``: 一级指标 and 二级指标 both merged down their
  groups, and a fourth, long goal table (96 more 数量指标 rows) whose two
  middle pages hold nothing but indicator rows with no indicator label on
  them: only the page geometry says the table goes on.

Numbers are plausible and consistent (totals are sums of their items) and
come from a seeded random generator, so the output is deterministic (fixed
dates, /ID and /DocChecksum as in ``tests/make_samples.py``). Page breaks
are LibreOffice's: another LibreOffice or font build can move them, and
then the page lists in ``tests/extract/test_triage.py`` (``EXPECTED``) and
the ``filler`` of the ninghe file need checking again. About ten seconds.
"""

from __future__ import annotations

import io
import random
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import make_samples as ms  # noqa: E402
from docx import Document  # noqa: E402
from docx.enum.text import WD_ALIGN_PARAGRAPH  # noqa: E402
from docx.oxml import OxmlElement  # noqa: E402
from docx.oxml.ns import qn  # noqa: E402
from docx.shared import Pt  # noqa: E402
from sample_units import sample_documents  # noqa: E402
from seed import SeedTable  # noqa: E402

DATA_DIR = ROOT / "benchmarks" / "data"
CENTER, LEFT, RIGHT = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.RIGHT
ROW_CM = 0.6

# (code, name) of the functional classification (功能科目) a court's budget uses.
FUNCTIONAL = (
    ("204", "公共安全支出"), ("20405", "法院"), ("2040501", "行政运行"), ("2040502", "一般行政管理事务"),
    ("2040504", "案件审判"), ("2040505", "案件执行"), ("2040506", "“两庭”建设"), ("2040550", "事业运行"),
    ("2040599", "其他法院支出"), ("208", "社会保障和就业支出"), ("20805", "行政事业单位养老支出"),
    ("2080505", "机关事业单位基本养老保险缴费支出"), ("2080506", "机关事业单位职业年金缴费支出"),
    ("210", "卫生健康支出"), ("21011", "行政事业单位医疗"), ("2101101", "行政单位医疗"),
    ("221", "住房保障支出"), ("22102", "住房改革支出"), ("2210201", "住房公积金"), ("2210203", "购房补贴"),
)
# (code, name) of the economic classification (经济科目) of basic expenditure.
ECONOMIC = (
    ("301", "工资福利支出"), ("30101", "基本工资"), ("30102", "津贴补贴"), ("30103", "奖金"), ("30107", "绩效工资"),
    ("30108", "机关事业单位基本养老保险缴费"), ("30109", "职业年金缴费"), ("30110", "职工基本医疗保险缴费"),
    ("30112", "其他社会保障缴费"), ("30113", "住房公积金"), ("30114", "医疗费"), ("30199", "其他工资福利支出"),
    ("302", "商品和服务支出"), ("30201", "办公费"), ("30202", "印刷费"), ("30205", "水费"), ("30206", "电费"),
    ("30207", "邮电费"), ("30208", "取暖费"), ("30209", "物业管理费"), ("30211", "差旅费"), ("30213", "维修（护）费"),
    ("30214", "租赁费"), ("30215", "会议费"), ("30216", "培训费"), ("30217", "公务接待费"), ("30218", "专用材料费"),
    ("30226", "劳务费"), ("30227", "委托业务费"), ("30228", "工会经费"), ("30229", "福利费"),
    ("30231", "公务用车运行维护费"), ("30239", "其他交通费用"), ("30299", "其他商品和服务支出"),
    ("303", "对个人和家庭的补助"), ("30301", "离休费"), ("30302", "退休费"), ("30305", "生活补助"),
    ("30307", "医疗费补助"), ("30309", "奖励金"), ("30399", "其他对个人和家庭的补助"),
    ("310", "资本性支出"), ("31002", "办公设备购置"), ("31003", "专用设备购置"), ("31007", "信息网络及软件购置更新"),
    ("31013", "公务用车购置"),
)
DUTIES = (
    "依法审理本辖区内的第一审刑事、民事、行政案件，审理上级人民法院指定管辖和交办的案件。",
    "依法执行本院及上级人民法院指定执行的生效法律文书，办理司法救助、国家赔偿案件。",
    "负责本院审判管理、审判监督和案件质量评查工作，总结审判经验，规范司法行为。",
    "负责诉讼服务中心建设，为当事人提供立案、查询、送达、调解等一站式诉讼服务。",
    "负责本院队伍建设、司法警察管理、司法行政装备和经费管理工作。",
    "开展法治宣传教育，参与社会治安综合治理，推进诉源治理和多元化纠纷解决机制建设。",
)
PRIORITIES = (
    "坚持以审判执行工作为中心，全面落实司法责任制，提高审判质效，确保案件审理质量和效率稳步提升。",
    "深入推进智慧法院建设，完善电子卷宗随案生成和深度应用，推动科技法庭、在线诉讼平台常态化运行。",
    "持续巩固解决执行难成果，加强执行指挥中心实体化运行，规范执行案款管理，提高执行到位率。",
    "加强诉讼服务体系建设，推进跨域立案、网上立案和集约送达，减轻当事人诉累。",
    "严格落实过紧日子要求，压减一般性支出，加强预算执行管理和资金使用绩效管理。",
    "加强政治建设和队伍建设，开展业务培训和岗位练兵，提升干警司法能力和职业素养。",
)
TERMS = (
    ("财政拨款", "指一般公共预算财政拨款和政府性基金预算财政拨款。"),
    ("一般公共预算", "包括公共财政拨款（补助）资金、专项收入。"),
    ("财政专户管理资金", "包括专户管理行政事业性收费（主要是教育收费）、其他非税收入。"),
    ("其他资金", "包括事业收入、经营收入、其他收入等。"),
    ("基本支出", "指为保障机构正常运转、完成工作任务而发生的人员支出和公用支出。"),
    ("项目支出", "指在基本支出之外为完成特定工作任务和事业发展目标所发生的支出。"),
    ("单位预留机动经费", "指预算单位年初预留用于年度执行中增人、增资等不可预见支出的经费。"),
    ("“三公”经费", "指用一般公共预算财政拨款安排的因公出国（境）费、公务用车购置及运行维护费和公务接待费。"),
    ("机关运行经费", "指为保障行政单位运行用于购买货物和服务的各项资金，包括办公及印刷费、邮电费、差旅费等。"),
)


def money(value: float) -> str:
    return f"{value:,.2f}"


# --------------------------------------------------------------------------- DOCX pieces


def _paragraph(doc, text: str, size: float = ms.BODY_PT, bold: bool = False, align=LEFT, page_break: bool = False,
               indent: bool = False, keep_next: bool = False):
    p = doc.add_paragraph()
    p.alignment = align
    p.paragraph_format.page_break_before = page_break
    p.paragraph_format.keep_with_next = keep_next
    p.paragraph_format.line_spacing = 1.5
    if indent:
        p.paragraph_format.first_line_indent = Pt(size * 2)
    ms._write_text(p, text, size, bold)
    return p


def _footer_page_number(doc) -> None:
    """A centred ``- N -`` in the footer, N the PAGE field, as published budgets have."""
    footer = doc.sections[0].footer.paragraphs[0]
    footer.alignment = CENTER
    ms._write_text(footer, "- ")
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    footer._p.append(field)
    ms._write_text(footer, " -")


def ruled_table(doc, header: Sequence[Sequence[str]], rows: Sequence[Sequence[str]], widths: Sequence[float],
                merges: Sequence[tuple[int, int, int, int]] = ()) -> None:
    """A ruled table: ``header`` rows then ``rows``, all ``len(widths)`` cells wide; ``merges`` are
    (row0, col0, row1, col1) rectangles (header rows included), written once at their top-left cell."""
    grid = [list(r) for r in (*header, *rows)]
    table = doc.add_table(rows=len(grid), cols=len(widths))
    covered: set[tuple[int, int]] = set()
    for r0, c0, r1, c1 in merges:
        table.cell(r0, c0).merge(table.cell(r1, c1))
        covered |= {(r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)} - {(r0, c0)}
    for r, texts in enumerate(grid):
        for c, text in enumerate(texts):
            if (r, c) in covered:
                continue
            cell = table.cell(r, c)
            numeric = r >= len(header) and text.replace(",", "").replace(".", "").isdigit() and c > 0
            ms._fill_cell(cell, text, RIGHT if numeric else (CENTER if r < len(header) else LEFT))
        for cell in ms._row_cells(table, r):
            ms._set_borders(cell._tc, "single")
    ms._finish_table(table, tuple(widths), ROW_CM)


def table_page(doc, number: int, name: str, unit: str, header, rows, widths, merges=(), note: str = "") -> None:
    """One budget table as published: 公开NN表, its name, the unit line, the ruled table, a note; from a new page."""
    _paragraph(doc, f"公开{number:02d}表", align=LEFT, page_break=True)
    _paragraph(doc, name, size=ms.TITLE_PT, bold=True, align=CENTER)
    _paragraph(doc, f"部门名称：{unit}                                              单位：万元")
    ruled_table(doc, header, rows, widths, merges)
    if note:
        _paragraph(doc, note)


# --------------------------------------------------------------------------- budget numbers


class Budget:
    """A court's budget: functional and economic breakdowns whose totals add up."""

    def __init__(self, rng: random.Random, projects: Sequence[tuple[str, float]]):
        self.rng = rng
        self.projects = projects
        leaves_f = [c for c, _ in FUNCTIONAL if len(c) == 7]
        self.basic_f = {c: round(rng.uniform(80, 2400), 2) if c in {"2040501", "2080505", "2080506", "2101101", "2210201"}
                        else 0.0 for c in leaves_f}
        self.project_f = {c: 0.0 for c in leaves_f}
        for i, (_, amount) in enumerate(projects):
            self.project_f[("2040504", "2040505", "2040502", "2040599")[i % 4]] += amount
        self.reserve = round(rng.uniform(20, 200), 2)
        self.basic = round(sum(self.basic_f.values()), 2)
        self.project = round(sum(self.project_f.values()), 2)
        self.total = round(self.basic + self.project + self.reserve, 2)
        self.other_income = round(rng.uniform(0, 50), 2)
        self.fiscal = round(self.total - self.other_income, 2)
        # economic breakdown of the basic expenditure: leaves share the total, parents sum them
        leaves_e = [c for c, _ in ECONOMIC if len(c) == 5]
        weights = {c: rng.uniform(0.2, 3.0) * (6 if c.startswith("301") else 1) for c in leaves_e}
        scale = self.basic / sum(weights.values())
        self.economic = {c: round(w * scale, 2) for c, w in weights.items()}
        self.economic[leaves_e[0]] += round(self.basic - sum(self.economic.values()), 2)

    def functional_rows(self, columns: str) -> list[list[str]]:
        """科目编码 | 科目名称 | 合计 | … rows, ``columns`` ``"bp"`` (基本, 项目) or ``"bpr"`` (… 预留机动)."""
        rows = [["", "合计", money(self.total if "r" in columns else self.basic + self.project),
                 money(self.basic), money(self.project)] + ([money(self.reserve)] if "r" in columns else [])]
        for code, name in FUNCTIONAL:
            b = sum(v for c, v in self.basic_f.items() if c.startswith(code))
            p = sum(v for c, v in self.project_f.items() if c.startswith(code))
            if b + p == 0:
                continue
            row = [code, name, money(b + p), money(b), money(p)]
            rows.append(row + (["0.00"] if "r" in columns else []))
        return rows

    def economic_rows(self) -> list[list[str]]:
        rows = [["", "合计", money(self.basic)]]
        for code, name in ECONOMIC:
            value = sum(v for c, v in self.economic.items() if c.startswith(code))
            rows.append([code, name, money(value)])
        return rows


def budget_section(doc, unit: str, budget: Budget, rng: random.Random) -> None:
    """公开01表-公开13表, each from a new page."""
    b = budget
    two_sides = [
        ["一、一般公共预算拨款", money(b.fiscal), "一、公共安全支出", money(sum(v for c, v in b.basic_f.items() if c.startswith("204")) + b.project)],
        ["二、政府性基金预算拨款", "0.00", "二、社会保障和就业支出", money(sum(v for c, v in b.basic_f.items() if c.startswith("208")))],
        ["三、财政专户管理资金", "0.00", "三、卫生健康支出", money(b.basic_f["2101101"])],
        ["四、事业收入", money(b.other_income), "四、住房保障支出", money(b.basic_f["2210201"] + b.basic_f["2210203"])],
        ["五、事业单位经营收入", "0.00", "五、单位预留机动经费", money(b.reserve)],
        ["六、上级补助收入", "0.00", "", ""],
        ["七、附属单位上缴收入", "0.00", "", ""],
        ["八、其他收入", "0.00", "", ""],
        ["本年收入合计", money(b.total), "本年支出合计", money(b.total)],
        ["上年结转资金", "0.00", "结转下年资金", "0.00"],
        ["收入总计", money(b.total), "支出总计", money(b.total)],
    ]
    w4 = (5.4, 3.3, 5.4, 3.3)
    table_page(doc, 1, "收支预算总表", unit, [["收入", "", "支出", ""], ["项目", "预算数", "项目", "预算数"]], two_sides, w4,
               merges=((0, 0, 0, 1), (0, 2, 0, 3)))
    income = [["", "合计", money(b.total), money(b.fiscal), "0.00", "0.00", money(b.other_income)]]
    for row in b.functional_rows("bp")[1:]:
        total = float(row[2].replace(",", ""))
        income.append([row[0], row[1], row[2], row[2], "0.00", "0.00", "0.00"] if total else row[:2] + ["0.00"] * 5)
    table_page(doc, 2, "收入预算总表", unit,
               [["科目编码", "科目名称", "合计", "一般公共预算拨款", "政府性基金预算拨款", "财政专户管理资金", "其他资金"]],
               income, (2.0, 4.6, 2.2, 2.3, 2.3, 2.0, 2.0))
    table_page(doc, 3, "支出预算总表", unit, [["科目编码", "科目名称", "合计", "基本支出", "项目支出", "单位预留机动经费"]],
               b.functional_rows("bpr"), (2.0, 5.4, 2.5, 2.5, 2.5, 2.5))
    table_page(doc, 4, "财政拨款收支预算总表", unit, [["收入", "", "支出", ""], ["项目", "预算数", "项目", "预算数"]],
               [r for r in two_sides if not r[0].startswith(("五", "六", "七"))], w4, merges=((0, 0, 0, 1), (0, 2, 0, 3)))
    table_page(doc, 5, "财政拨款支出预算表（功能科目）", unit, [["科目编码", "科目名称", "合计", "基本支出", "项目支出"]],
               b.functional_rows("bp"), (2.2, 6.6, 2.8, 2.8, 3.0))
    table_page(doc, 6, "财政拨款基本支出预算表（经济科目）", unit, [["科目编码", "科目名称", "金额"]], b.economic_rows(),
               (3.0, 10.0, 4.4))
    table_page(doc, 7, "一般公共预算支出预算表（功能科目）", unit, [["科目编码", "科目名称", "合计", "基本支出", "项目支出"]],
               b.functional_rows("bp"), (2.2, 6.6, 2.8, 2.8, 3.0))
    table_page(doc, 8, "一般公共预算基本支出预算表（经济科目）", unit, [["科目编码", "科目名称", "基本支出"]], b.economic_rows(),
               (3.0, 10.0, 4.4))
    abroad, car_buy, car_run, reception = (round(rng.uniform(lo, hi), 2) for lo, hi in ((0, 30), (0, 40), (20, 90), (3, 25)))
    meeting, training = round(b.economic["30215"], 2), round(b.economic["30216"], 2)
    three = [[money(abroad + car_buy + car_run + reception), money(abroad), money(car_buy + car_run), money(car_buy),
              money(car_run), money(reception), money(meeting), money(training)]]
    table_page(doc, 9, "一般公共预算“三公”经费、会议费、培训费支出预算表", unit,
               [["合计", "因公出国（境）费", "公务用车购置及运行维护费", "", "", "公务接待费", "会议费", "培训费"],
                ["", "", "小计", "购置费", "运行维护费", "", "", ""]],
               three, (2.4, 2.2, 2.0, 1.8, 2.2, 2.2, 2.3, 2.3),
               merges=((0, 0, 1, 0), (0, 1, 1, 1), (0, 2, 0, 4), (0, 5, 1, 5), (0, 6, 1, 6), (0, 7, 1, 7)),
               note="注：“三公”经费预算数为一般公共预算财政拨款安排的数额。")
    table_page(doc, 10, "政府性基金预算支出预算表", unit, [["科目编码", "科目名称", "合计", "基本支出", "项目支出"]],
               [["", "合计", "0.00", "0.00", "0.00"]], (2.2, 6.6, 2.8, 2.8, 3.0), note="注：本部门2023年度无政府性基金预算收支。")
    running = [[c, n, money(b.economic[c])] for c, n in ECONOMIC if len(c) == 5 and c.startswith("302")]
    table_page(doc, 11, "一般公共预算机关运行经费支出预算表", unit, [["科目编码", "科目名称", "金额"]],
               [["", "合计", money(sum(b.economic[r[0]] for r in running))], *running],
               (3.0, 10.0, 4.4))
    items = ("台式计算机", "便携式计算机", "打印设备", "复印机", "执法执勤车辆", "物业管理服务", "印刷服务", "信息系统运行维护服务")
    purchase = []
    for item in items:
        purchase.append([item, rng.choice(("货物", "服务")), rng.choice(("公开招标", "询价", "竞争性磋商", "网上商城")),
                         str(rng.randint(1, 60)), money(round(rng.uniform(2, 120), 2))])
    table_page(doc, 12, "政府采购支出预算表", unit, [["采购项目", "采购类别", "采购方式", "数量", "金额"]], purchase,
               (5.0, 2.6, 3.6, 2.2, 4.0))
    project_rows = [[name, "一般公共预算", money(amount), money(amount), "0.00"] for name, amount in b.projects]
    table_page(doc, 13, "项目支出预算表", unit, [["项目名称", "资金性质", "合计", "财政拨款", "其他资金"]],
               [["合计", "", money(b.project), money(b.project), "0.00"], *project_rows], (6.6, 2.8, 2.6, 2.8, 2.6))


def prose_sections(doc, unit: str) -> None:
    """第一部分 部门概况 (functions, structure, priorities), from a new page."""
    name = unit[6:]
    _paragraph(doc, "第一部分  部门概况", size=ms.TITLE_PT, bold=True, align=CENTER, page_break=True)
    _paragraph(doc, "一、主要职能", bold=True)
    for i, duty in enumerate(DUTIES * 2, start=1):
        _paragraph(doc, f"{i}.{duty}", indent=True)
    _paragraph(doc, "二、部门预算单位构成", bold=True)
    _paragraph(doc, f"从预算单位构成看，{name}部门预算包括：本级预算，无下属预算单位。{name}内设立案庭、刑事审判庭、"
                    "民事审判第一庭、民事审判第二庭、行政审判庭、审判监督庭、执行局、诉讼服务中心、办公室、政治部、"
                    "司法警察大队等机构。", indent=True)
    _paragraph(doc, "三、2023年主要工作任务", bold=True)
    for i, text in enumerate(PRIORITIES * 2, start=1):
        _paragraph(doc, f"（{i}）{text}", indent=True)


def explanations(doc, unit: str, budget: Budget, n_projects: int) -> None:
    """第三部分 情况说明, from a new page."""
    name, b = unit[6:], budget
    _paragraph(doc, "第三部分  2023年度部门预算情况说明", size=ms.TITLE_PT, bold=True, align=CENTER, page_break=True)
    sections = (
        ("收支预算总体情况说明", f"按照综合预算的原则，{name}所有收入和支出均纳入部门预算管理。收入包括：一般公共预算拨款、"
                          f"事业收入；支出包括：公共安全支出、社会保障和就业支出、卫生健康支出、住房保障支出。{name}"
                          f"2023年度收支总预算{money(b.total)}万元。"),
        ("收入预算情况说明", f"{name}本年收入预算合计{money(b.total)}万元，其中：一般公共预算拨款{money(b.fiscal)}万元，"
                         f"事业收入{money(b.other_income)}万元。"),
        ("支出预算情况说明", f"{name}本年支出预算合计{money(b.total)}万元，其中：基本支出{money(b.basic)}万元，"
                         f"项目支出{money(b.project)}万元，单位预留机动经费{money(b.reserve)}万元。"),
        ("财政拨款收支预算总体情况说明", f"{name}2023年度财政拨款收、支总预算{money(b.fiscal)}万元，与上年相比基本持平，"
                                "主要原因是严格落实过紧日子要求，压减一般性支出。"),
        ("财政拨款基本支出预算情况说明", f"{name}2023年度财政拨款基本支出预算{money(b.basic)}万元，其中：人员经费主要包括"
                                "基本工资、津贴补贴、奖金、绩效工资、机关事业单位基本养老保险缴费、职业年金缴费、住房公积金、"
                                "医疗费等；公用经费主要包括办公费、水费、电费、邮电费、差旅费、维修（护）费、会议费、培训费、"
                                "公务接待费、工会经费、福利费、公务用车运行维护费等。"),
        ("“三公”经费支出预算情况说明", f"{name}2023年度一般公共预算拨款安排的“三公”经费预算严格控制在上年规模以内，"
                               "主要用于执法执勤车辆运行维护和必要的公务接待。"),
        ("机关运行经费支出预算情况说明", f"{name}2023年度机关运行经费支出预算与上年相比略有减少，主要原因是压减公用经费。"),
        ("政府采购支出预算情况说明", f"{name}2023年度政府采购支出预算主要用于办公设备、执法执勤车辆和信息系统运行维护服务。"),
        ("国有资产占用情况", f"截至上年末，{name}共有车辆24辆，其中执法执勤用车18辆、特种专业技术用车6辆；"
                         "单价20万元（含）以上的设备12台（套）。"),
        ("预算绩效管理情况说明", f"2023年本部门共{n_projects}个项目实行绩效目标管理，涉及财政性资金合计{money(b.project)}万元。"
                           "项目支出全部编制了绩效目标，并随部门预算一并公开。"),
    )
    numerals = "一二三四五六七八九十"
    for i, (title, text) in enumerate(sections):
        _paragraph(doc, f"{numerals[i]}、{title}", bold=True)
        for _ in range(2):
            _paragraph(doc, text, indent=True)


def glossary(doc) -> None:
    _paragraph(doc, "第四部分  名词解释", size=ms.TITLE_PT, bold=True, align=CENTER, page_break=True)
    numerals = "一二三四五六七八九十"
    for i, (term, text) in enumerate(TERMS):
        _paragraph(doc, f"{numerals[i]}、{term}：{text}", indent=True)


def front_matter(doc, unit: str, goal_toc: bool) -> None:
    for _ in range(8):
        _paragraph(doc, " ")
    _paragraph(doc, unit[6:], size=22, bold=True, align=CENTER)
    _paragraph(doc, "2023年度部门预算公开", size=22, bold=True, align=CENTER)
    _paragraph(doc, "目    录", size=ms.TITLE_PT, bold=True, align=CENTER, page_break=True)
    toc = ["第一部分  部门概况", "一、主要职能", "二、部门预算单位构成", "三、2023年主要工作任务", "第二部分  2023年度部门预算表",
           "一、收支预算总表", "二、收入预算总表", "三、支出预算总表", "四、财政拨款收支预算总表", "五、财政拨款支出预算表",
           "六、“三公”经费支出预算表", "七、政府采购支出预算表"]
    if goal_toc:
        toc.append("八、项目支出绩效目标表")
    toc += ["第三部分  2023年度部门预算情况说明", "第四部分  名词解释"]
    for line in toc:
        _paragraph(doc, line)


# --------------------------------------------------------------------------- goal tables


def merged_indicator_table(doc, goal: SeedTable) -> None:
    """Layout A's indicator table with 一级指标 and 二级指标 both merged down their groups (a real variant)."""
    rows = goal.indicator_rows
    widths = ms.INDICATOR_WIDTHS_CM
    table = doc.add_table(rows=len(rows), cols=len(widths))
    level1 = [r[0] for r in rows]
    for i in range(1, len(level1)):
        level1[i] = level1[i] or level1[i - 1]
    covered: set[tuple[int, int]] = set()
    for col, keys in ((0, [(g, g) for g in level1]), (1, [(g, r[1]) for g, r in zip(level1, rows)])):
        start = 1
        for i in range(2, len(rows) + 1):
            if i == len(rows) or keys[i] != keys[start]:
                if i - 1 > start:
                    table.cell(start, col).merge(table.cell(i - 1, col))
                    covered |= {(r, col) for r in range(start + 1, i)}
                start = i
    for r, texts in enumerate(rows):
        for c, text in enumerate(texts):
            if (r, c) not in covered:
                ms._fill_cell(table.cell(r, c), text if c else level1[r], CENTER)
        for cell in ms._row_cells(table, r):
            ms._set_borders(cell._tc, "single")
    ms._finish_table(table, widths, ms.INDICATOR_ROW_HEIGHT_CM)


def long_goal_table(base: SeedTable, number: int) -> SeedTable:
    """``base`` renumbered, with 96 more 数量指标 rows (cases closed per division and month) after its first."""
    divisions = ("立案庭", "刑事审判庭", "民事审判第一庭", "民事审判第二庭", "民事审判第三庭", "行政审判庭", "审判监督庭",
                 "执行局")
    extra = tuple(("", "数量指标", "分庭审结案件数", f"{d}{m}月审结案件数", f"≥{60 + (7 * m + 13 * k) % 90}件")
                  for k, d in enumerate(divisions) for m in range(1, 13))
    header, first, *rest = base.indicator_rows
    title = f"{number}.审判执行分庭办案经费-2023区级绩效目标表"
    head = tuple(tuple(r) for r in base.header_rows)
    head = (head[0], ("项目名称", "审判执行分庭办案经费-2023区级"), *head[2:])
    return SeedTable(title=title, header_rows=head, indicator_rows=(header, first, *extra, *rest))


def goal_appendix(doc, goals: Sequence[SeedTable], new_page_each: bool, merged: bool, page_break: bool = True) -> None:
    """附件 heading, then each goal table: title, header block, spacer, indicator table.

    Without ``page_break`` the appendix follows the text before it on the same page, and the
    first title is not kept with its table, so it can end a page whose table starts the next.
    """
    _paragraph(doc, "附件：2023年度项目支出绩效目标表", size=ms.TITLE_PT, bold=True, align=CENTER, page_break=page_break)
    for i, goal in enumerate(goals):
        spacer = doc.add_paragraph()
        ms._write_text(spacer, " ")
        spacer.paragraph_format.page_break_before = new_page_each and i > 0
        heading = doc.add_paragraph()
        heading.alignment = CENTER
        heading.paragraph_format.space_after = Pt(6)
        heading.paragraph_format.keep_with_next = page_break or i > 0
        ms._write_text(heading, goal.title, ms.TITLE_PT, bold=True)
        ms._header_table(doc, goal)
        ms._write_text(doc.add_paragraph(), " ")
        (merged_indicator_table if merged else ms._indicator_table)(doc, goal)


# --------------------------------------------------------------------------- documents


def build(stem: str, goals: Sequence[SeedTable], *, goal_toc: bool, new_page_each: bool, merged: bool,
          glossary_last: bool, appendix_break: bool = True, filler: int = 0) -> bytes:
    unit = goals[0].header_rows[0][0]
    rng = random.Random(unit[:6])
    projects = []
    for goal in goals:
        amount = float(goal.header_rows[2][2].replace(",", ""))
        projects.append((goal.header_rows[1][1], amount / 10000 if goal.header_rows[0][1].endswith("：元") else amount))
    budget = Budget(rng, projects)
    doc = Document()
    ms._setup_document(doc, stem)
    _footer_page_number(doc)
    front_matter(doc, unit, goal_toc)
    prose_sections(doc, unit)
    _paragraph(doc, "第二部分  2023年度部门预算表", size=ms.TITLE_PT, bold=True, align=CENTER, page_break=True)
    budget_section(doc, unit, budget, rng)
    explanations(doc, unit, budget, len(goals))
    for _ in range(filler):  # blank lines that move the appendix down the page
        _paragraph(doc, " ")
    if glossary_last:
        goal_appendix(doc, goals, new_page_each, merged, appendix_break)
        glossary(doc)
    else:
        glossary(doc)
        goal_appendix(doc, goals, new_page_each, merged)
    last = doc.add_paragraph()
    last.paragraph_format.line_spacing = Pt(1)
    buf = io.BytesIO()
    doc.save(buf)
    return ms._normalize_zip(buf.getvalue())


def documents() -> dict[str, bytes]:
    """File stem → DOCX bytes of every generated budget."""
    samples = sample_documents()
    wuqing = samples["wuqing_court_2023"]
    return {
        "budget_jizhou_2023": build("budget_jizhou_2023", samples["jizhou_court_2023"], goal_toc=True,
                                    new_page_each=True, merged=False, glossary_last=False),
        "budget_ninghe_2023": build("budget_ninghe_2023", samples["ninghe_court_2023"], goal_toc=False,
                                    new_page_each=False, merged=False, glossary_last=True,
                                    appendix_break=False, filler=6),
        "budget_wuqing_2023": build("budget_wuqing_2023", (*wuqing, long_goal_table(wuqing[0], len(wuqing) + 1)),
                                    goal_toc=False, new_page_each=False, merged=True, glossary_last=False),
    }


def make_budget_pdfs(out_dir: Path = DATA_DIR) -> list[Path]:
    ms.check_font()
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory(prefix="perfgoals-budgets-") as tmp:
        tmp_path = Path(tmp)
        docx_dir, pdf_dir = tmp_path / "docx", tmp_path / "pdf"
        docx_dir.mkdir()
        pdf_dir.mkdir()
        paths = []
        for stem, data in documents().items():
            path = docx_dir / f"{stem}.docx"
            path.write_bytes(data)
            paths.append(path)
        ms.convert_to_pdf(paths, pdf_dir, tmp_path / "lo-profile")
        for path in paths:
            target = out_dir / f"{path.stem}.pdf"
            target.write_bytes(ms.normalize_pdf((pdf_dir / target.name).read_bytes()))
            written.append(target)
    return written


def main(argv: list[str]) -> int:
    import pypdfium2 as pdfium

    out_dir = Path(argv[1]) if len(argv) > 1 else DATA_DIR
    start = time.perf_counter()
    for path in make_budget_pdfs(out_dir):
        pdf = pdfium.PdfDocument(path)
        print(f"{path.stat().st_size:>8} {len(pdf):>3} pages  {path}")
        pdf.close()
    print(f"done in {time.perf_counter() - start:.1f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
