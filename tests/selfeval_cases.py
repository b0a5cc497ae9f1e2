"""Self-evaluation fixtures (绩效自评表) and the goal tables they report on: the data and its truth.

``tests/make_selfevals.py`` writes the files of ``tests/data/selfeval/`` from
the ``SELF_EVALS`` and ``GOALS`` below; ``TRUTH`` (file name → ``FileTruth``)
and ``PAIRS`` are derived from the same objects, so files and truth cannot
disagree. Every hand-made judgement (``expect_achieved`` on each row, the
``planted`` set of each pair) is checked at import against the rule that
``achieved`` and ``inconsistencies`` implement, so a slip in either fails
loudly.

Two self-evaluation forms (see ``shared/real-layouts.md`` and the Chongqing
file of ``shared/samples/real-goal-tables/``):

* form ``"two"`` (指标类型 | 指标名称 | 指标性质 | 指标值 | 计量单位 | 指标权重 |
  全年完成值 | 评价标准): ``level2`` is None; 指标性质 is ≥ ≤ = or 无; there is
  no 得分 and no deviation column (``score`` and ``deviation_reason`` None);
  全年完成值 is a bare number (the unit is the 计量单位 column).
* form ``"three"`` (一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 |
  分值 | 得分 | 偏差原因分析及改进措施): level-one labels carry points
  (``产出指标(50分)``); 年度指标值 holds operator, value and unit.

**Weights convention.** Form three: the indicator 分值 add to 90 and the
预算执行情况 分值 (10) makes 100; its 得分 is 分值 × 执行率 (90% → 9).
Form two: there is no budget 分值; the 指标权重 alone add to 100. A 总分 /
合计 row closes each grid (not an indicator row); it holds the plain sums
(for pair (c) 95, as the unit would add them).

Truth conventions (``FileTruth``):

* strings as written, one line; ``budget_total`` / ``budget_executed`` are
  万元 strings as written (``"120.00"``); in the XLSX every cell whose text
  is a plain number or percentage is stored as a number whose number format
  shows that same text (``120.00`` in ``0.00``, ``0.9`` in ``0%``, ``318`` in
  General), so the three formats share one truth;
* ``execution_rate`` is 执行率 as written (``"90%"``), None in form two (no
  such cell); goal tables have ``budget_executed`` and ``execution_rate``
  None and ``budget_total`` their 预算数 / 年度资金总额;
* ``target_raw``: form three the 年度指标值 cell; form two 指标性质 + 指标值 +
  计量单位 joined, 无 left out (``≥300人``, ``合规``); goal tables the same
  string (layout B joins 指标性质 + 指标值 + 度量单位, 定性 left out);
* ``actual_raw`` the 实际完成值 / 全年完成值 cell (``"318"`` in form two);
* ``achieved``: ``>=``/``>``/``<=``/``<`` as written; ``=`` or no operator:
  met when equal; ``90-95%`` met when inside; a 成本指标 (level one or two)
  target with no operator is a cap (met when actual <= it); None when the
  target or the actual is words; an actual without a unit takes the
  target's unit; None for every goal-table row.

Inconsistency names (``PairTruth.planted``): ``weights_total`` (indicator
weights + budget 分值 ≠ 100), ``score_above_weight``, ``full_score_on_miss``
(score == weight on a row with achieved False), ``missing_deviation_reason``
(form three, achieved False, empty 偏差原因), ``executed_above_budget``
(全年执行数 > 全年预算数), ``actual_without_unit`` (form three: the target has
a unit, the actual is a bare number).

Unit codes (layout A only, glued to the unit cell) are invented.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

FISCAL_YEAR = 2023
SELFEVAL_TITLE = "2023年度项目支出绩效自评表"
GOAL_B_TITLE = "项目支出绩效目标表（2023年度）"

JIZHOU_HRSS = "天津市蓟州区人力资源和社会保障局"
NINGHE_HRSS = "天津市宁河区人力资源和社会保障局"
NINGHE_JOBS = "天津市宁河区就业服务中心"
WUQING_HRSS = "天津市武清区人力资源和社会保障局"

INCONSISTENCIES = (
    "weights_total",
    "score_above_weight",
    "full_score_on_miss",
    "missing_deviation_reason",
    "executed_above_budget",
    "actual_without_unit",
)


# --------------------------------------------------------------------------- the data as written


@dataclass(frozen=True)
class Row:
    """One indicator row of a self-evaluation as written.

    Form three: ``target`` is the 年度指标值 text, ``criterion`` unused.
    Form two: ``target`` is (指标性质, 指标值, 计量单位), ``level2`` None,
    ``score``/``reason`` unused, ``criterion`` the 评价标准 text.
    """

    level1: str
    level2: str | None
    level3: str
    target: str | tuple[str, str, str]
    actual: str
    weight: str
    score: str | None
    reason: str
    expect_achieved: bool | None
    criterion: str = ""


@dataclass(frozen=True)
class SelfEval:
    stem: str
    form: str  # "two" | "three"
    unit: str
    supervisor: str
    project: str
    budget_total: str
    budget_executed: str
    goal_text: str
    achieved_text: str
    rows: tuple[Row, ...]
    budget_points: str | None = None  # form three: 分值 of 预算执行情况
    execution_rate: str | None = None
    budget_score: str | None = None
    goal: str | None = None  # stem of the goal table it reports on
    planted: frozenset[str] = frozenset()
    note: str = ""


@dataclass(frozen=True)
class Goal:
    """A goal table filed at the start of the year, its indicators taken from a self-evaluation."""

    stem: str
    layout: str  # "A" (tests/make_samples.py) | "B" (tests/make_layouts.py)
    unit_code: str | None
    unit: str
    supervisor: str
    project: str
    budget_total: str
    fiscal: str
    other: str
    purpose: str
    goal_text: str
    selfeval: str  # the stem whose indicators it carries


CRIT = "达到目标得满分，未达到按完成比例得分"
CRIT_WORDS = "符合要求得满分，否则酌情扣分"

# (a) clean, form three -------------------------------------------------------------
A_SELF = SelfEval(
    stem="a_jizhou_hrss_2023_peixun_selfeval",
    form="three",
    unit=JIZHOU_HRSS,
    supervisor=JIZHOU_HRSS,
    project="职业技能提升培训补贴",
    budget_total="120.00",
    budget_executed="108.00",
    budget_points="10",
    execution_rate="90%",
    budget_score="9",
    goal_text="开展补贴性职业技能培训3000人次以上，培训合格率90%-95%，参训学员满意度95%以上。",
    achieved_text="完成补贴性职业技能培训3260人次，培训合格率93%，参训学员满意度96.5%，培训后就业率76%。",
    rows=(
        Row("产出指标(50分)", "数量指标", "补贴性职业技能培训人次", "≥3000人次", "3260人次", "10", "10", "", True),
        Row("产出指标(50分)", "数量指标", "新建培训基地数量", "3个", "3个", "5", "5", "", True),
        Row("产出指标(50分)", "质量指标", "培训合格率", "90-95%", "93%", "5", "5", "", True),
        Row("产出指标(50分)", "质量指标", "补贴资金使用合规性", "合规", "合规", "5", "5", "", None),
        Row("产出指标(50分)", "时效指标", "补贴资金拨付及时率", "100%", "100%", "5", "5", "", True),
        Row("产出指标(50分)", "成本指标", "人均培训补贴标准", "≤1500元/人", "1380元/人", "10", "10", "", True),
        Row("产出指标(50分)", "成本指标", "培训场地及教材费用", "50万元", "46.5万元", "10", "10", "", True),
        Row("效益指标(30分)", "社会效益指标", "培训后就业率", "≥80%", "76%", "15", "12",
            "受经济形势影响部分学员就业推迟，下一步加强培训与岗位对接，开展跟踪就业服务。", False),
        Row("效益指标(30分)", "社会效益指标", "劳动者职业技能水平", "明显提升", "明显提升", "10", "10", "", None),
        Row("效益指标(30分)", "可持续影响指标", "职业技能培训体系", "持续完善", "持续完善", "5", "5", "", None),
        Row("满意度指标(10分)", "服务对象满意度指标", "参训学员满意度", "≥95%", "96.5%", "10", "10", "", True),
    ),
    goal="a_jizhou_hrss_2023_peixun_goal",
    note="clean, form three: ≥, = (3个, 100%), a range, a ≤ cost cap, a cost cap without operator, words; one miss with its reason",
)

# (b) clean, form two ---------------------------------------------------------------
B_SELF = SelfEval(
    stem="b_ninghe_jobs_2023_gongyi_selfeval",
    form="two",
    unit=NINGHE_JOBS,
    supervisor=NINGHE_HRSS,
    project="公益性岗位补贴",
    budget_total="360.00",
    budget_executed="352.80",
    goal_text="开发公益性岗位320个，安置就业困难人员300人以上，补贴按月足额发放。",
    achieved_text="开发公益性岗位326个，安置就业困难人员318人，补贴按月足额发放，发放准确率100%。",
    rows=(
        Row("数量指标", None, "公益性岗位安置人数", ("≥", "300", "人"), "318", "20", None, "", True, CRIT),
        Row("数量指标", None, "开发公益性岗位数量", ("≥", "320", "个"), "326", "10", None, "", True, CRIT),
        Row("质量指标", None, "补贴发放准确率", ("=", "100", "%"), "100", "10", None, "", True, CRIT),
        Row("质量指标", None, "补贴资金使用合规性", ("无", "合规", "无"), "合规", "10", None, "", None, CRIT_WORDS),
        Row("时效指标", None, "补贴按月发放及时率", ("≥", "95", "%"), "98", "10", None, "", True, CRIT),
        Row("成本指标", None, "人均岗位补贴标准", ("≤", "1000", "元/人·月"), "980", "10", None, "", True, CRIT),
        Row("社会效益指标", None, "就业困难人员安置稳定率", ("≥", "90", "%"), "92", "10", None, "", True, CRIT),
        Row("社会效益指标", None, "公益性岗位管理规范程度", ("无", "规范", "无"), "规范", "10", None, "", None, CRIT_WORDS),
        Row("满意度指标", None, "安置人员满意度", ("≥", "90", "%"), "94", "10", None, "", True, CRIT),
    ),
    goal="b_ninghe_jobs_2023_gongyi_goal",
    note="clean, form two: 指标性质 ≥ ≤ = 无, header cells with line breaks, weights 100",
)

# (c) planted inconsistencies, form three ---------------------------------------------
C_SELF = SelfEval(
    stem="c_wuqing_hrss_2023_chuangye_selfeval",
    form="three",
    unit=WUQING_HRSS,
    supervisor=WUQING_HRSS,
    project="创业担保贷款贴息",
    budget_total="200.00",
    budget_executed="206.50",
    budget_points="10",
    execution_rate="103.25%",
    budget_score="10",
    goal_text="发放创业担保贷款400笔以上，新建创业孵化基地3个，带动就业1200人以上。",
    achieved_text="发放创业担保贷款436笔，新建创业孵化基地2个，带动就业1350人。",
    rows=(
        # score 12 over a weight of 10
        Row("产出指标(50分)", "数量指标", "发放创业担保贷款笔数", "≥400笔", "436笔", "10", "12", "", True),
        # target ≥3个, actual "2" without its unit (a miss, with its reason)
        Row("产出指标(50分)", "数量指标", "新建创业孵化基地数量", "≥3个", "2", "10", "6",
            "场地改造进度滞后，1个基地延至次年一季度投入使用。", False),
        # target ≥95%, actual 90%, full score
        Row("产出指标(50分)", "质量指标", "贴息资金拨付准确率", "≥95%", "90%", "10", "10",
            "部分借款人信息核验不及时，下一步加强与经办银行的数据比对。", False),
        Row("产出指标(50分)", "时效指标", "贴息资金拨付及时率", "100%", "100%", "10", "10", "", True),
        # a cost cap missed, partial score, no deviation reason
        Row("产出指标(50分)", "成本指标", "贴息资金总额", "≤200万元", "206.5万元", "10", "8", "", False),
        Row("效益指标(30分)", "社会效益指标", "带动就业人数", "≥1200人", "1350人", "15", "15", "", True),
        Row("效益指标(30分)", "可持续影响指标", "创业扶持政策知晓度", "明显提高", "明显提高", "10", "10", "", None),
        Row("满意度指标(10分)", "服务对象满意度指标", "创业者满意度", "≥90%", "93%", "10", "10", "", True),
    ),
    goal="c_wuqing_hrss_2023_chuangye_goal",
    planted=frozenset(INCONSISTENCIES),
    note="planted: weights 85 + 10 = 95 (效益指标(30分) rows add to 25), score 12 > weight 10, full score on 90% vs ≥95%, "
    "a missed cost cap without reason, 全年执行数 206.50 > 全年预算数 200.00, actual 2 for ≥3个",
)

# (d) no goal table, form two -----------------------------------------------------------
D_SELF = SelfEval(
    stem="d_jizhou_hrss_2023_jiancha_selfeval",
    form="two",
    unit=JIZHOU_HRSS,
    supervisor=JIZHOU_HRSS,
    project="劳动保障监察执法专项经费",
    budget_total="45.00",
    budget_executed="43.20",
    goal_text="开展劳动保障监察执法检查600户次以上，举报投诉案件按期结案率95%以上，有效维护劳动者合法权益。",
    achieved_text="开展执法检查652户次，办结欠薪案件163件，按期结案率97%。",
    rows=(
        Row("数量指标", None, "劳动保障监察执法检查户次", ("≥", "600", "户次"), "652", "20", None, "", True, CRIT),
        Row("数量指标", None, "欠薪案件办结数量", ("≥", "150", "件"), "163", "15", None, "", True, CRIT),
        Row("质量指标", None, "举报投诉案件按期结案率", ("≥", "95", "%"), "97", "15", None, "", True, CRIT),
        Row("时效指标", None, "欠薪案件处置时限", ("≤", "30", "天"), "21", "10", None, "", True, CRIT),
        Row("成本指标", None, "执法专项经费", ("≤", "45", "万元"), "43.2", "10", None, "", True, CRIT),
        Row("社会效益指标", None, "劳动者合法权益", ("无", "有效维护", "无"), "有效维护", "15", None, "", None, CRIT_WORDS),
        Row("满意度指标", None, "投诉举报人满意度", ("≥", "90", "%"), "92", "15", None, "", True, CRIT),
    ),
    goal=None,
    note="clean, form two, same unit as (a), a project with no goal table",
)

SELF_EVALS: tuple[SelfEval, ...] = (A_SELF, B_SELF, C_SELF, D_SELF)

GOALS: tuple[Goal, ...] = (
    Goal(
        stem="a_jizhou_hrss_2023_peixun_goal",
        layout="A",
        unit_code="231101",
        unit=JIZHOU_HRSS,
        supervisor=JIZHOU_HRSS,
        project=A_SELF.project,
        budget_total="120.00",
        fiscal="120.00",
        other=" ",
        purpose="用于城乡劳动者参加补贴性职业技能培训的培训补贴、培训场地及教材费用。",
        goal_text=A_SELF.goal_text,
        selfeval=A_SELF.stem,
    ),
    Goal(
        stem="b_ninghe_jobs_2023_gongyi_goal",
        layout="B",
        unit_code=None,
        unit=NINGHE_JOBS,
        supervisor=NINGHE_HRSS,
        project=B_SELF.project,
        budget_total="360.00",
        fiscal="360.00",
        other="0.00",
        purpose="",
        goal_text=B_SELF.goal_text,
        selfeval=B_SELF.stem,
    ),
    Goal(
        stem="c_wuqing_hrss_2023_chuangye_goal",
        layout="A",
        unit_code="231114",
        unit=WUQING_HRSS,
        supervisor=WUQING_HRSS,
        project=C_SELF.project,
        budget_total="200.00",
        fiscal="180.00",
        other="20.00",
        purpose="用于符合条件的创业者创业担保贷款贴息及创业孵化基地建设补助。",
        goal_text=C_SELF.goal_text,
        selfeval=C_SELF.stem,
    ),
)

# Form-two 指标类型 → the (一级, 二级) of the layout-B goal table.
FORM_TWO_LEVELS = {
    "数量指标": ("产出指标", "数量指标"),
    "质量指标": ("产出指标", "质量指标"),
    "时效指标": ("产出指标", "时效指标"),
    "成本指标": ("成本指标", "经济成本指标"),
    "社会效益指标": ("效益指标", "社会效益指标"),
    "满意度指标": ("满意度指标", "服务对象满意度指标"),
}

SELFEVAL_FORMATS = ("xlsx", "docx", "pdf")
GOAL_FORMATS = ("docx", "pdf")


# --------------------------------------------------------------------------- derived reading


def target_raw(row: Row) -> str:
    if isinstance(row.target, tuple):
        op, value, unit = row.target
        return ("" if op == "无" else op) + value + ("" if unit == "无" else unit)
    return row.target


_OPS = {"≥": ">=", "≧": ">=", ">": ">", "≤": "<=", "≦": "<=", "<": "<", "=": "=", "＝": "="}
_NUM = r"(\d+(?:\.\d+)?)"
_TARGET = re.compile(rf"^([≥≧>≤≦<=＝]?){_NUM}(?:-{_NUM})?(.*)$")
_ACTUAL = re.compile(rf"^{_NUM}(.*)$")


def parse_target(text: str) -> tuple[str | None, Decimal, Decimal | None, str] | None:
    """(op, value, range end, unit) of a target, None for words."""
    m = _TARGET.match(text)
    if not m:
        return None
    op, lo, hi, unit = m.groups()
    return _OPS.get(op), Decimal(lo), Decimal(hi) if hi else None, unit


def parse_actual(text: str) -> tuple[Decimal, str] | None:
    m = _ACTUAL.match(text)
    return (Decimal(m.group(1)), m.group(2)) if m else None


def is_cost(row: Row) -> bool:
    return any(level and level.startswith("成本指标") for level in (row.level1, row.level2))


def achieved(row: Row) -> bool | None:
    """The rule of the module docstring."""
    target, actual = parse_target(target_raw(row)), parse_actual(row.actual)
    if target is None or actual is None:
        return None
    op, value, end, unit = target
    got, got_unit = actual
    got_unit = got_unit or unit
    if got_unit != unit:
        raise ValueError(f"{row.level3}: actual in {got_unit!r}, target in {unit!r}")
    if end is not None:
        return value <= got <= end
    if op is None:
        op = "<=" if is_cost(row) else "="
    return {">=": got >= value, ">": got > value, "<=": got <= value, "<": got < value, "=": got == value}[op]


def inconsistencies(s: SelfEval) -> frozenset[str]:
    found = set()
    total = sum(Decimal(r.weight) for r in s.rows) + Decimal(s.budget_points or 0)
    if total != 100:
        found.add("weights_total")
    for r in s.rows:
        hit, weight = achieved(r), Decimal(r.weight)
        score = Decimal(r.score) if r.score is not None else None
        if score is not None and score > weight:
            found.add("score_above_weight")
        if hit is False and score == weight:
            found.add("full_score_on_miss")
        if s.form == "three" and hit is False and not r.reason:
            found.add("missing_deviation_reason")
        if s.form == "three" and parse_target(r.target) and parse_target(r.target)[3] and parse_actual(r.actual) \
                and not parse_actual(r.actual)[1]:
            found.add("actual_without_unit")
    if Decimal(s.budget_executed) > Decimal(s.budget_total):
        found.add("executed_above_budget")
    return frozenset(found)


def total_weight(s: SelfEval) -> str:
    """What the 总分 / 合计 row shows under 分值 / 指标权重: indicator weights plus the budget 分值."""
    return str(sum(Decimal(r.weight) for r in s.rows) + Decimal(s.budget_points or 0))


def total_score(s: SelfEval) -> str | None:
    if s.form == "two":
        return None
    return str(sum(Decimal(r.score) for r in s.rows) + Decimal(s.budget_score or 0))


def goal_rows(g: Goal) -> tuple[tuple[str, str, str, str], ...]:
    """(一级, 二级, 三级, target) of a goal table's indicators, filled down."""
    s = SELF_BY_STEM[g.selfeval]
    out = []
    for r in s.rows:
        if s.form == "two":
            l1, l2 = FORM_TWO_LEVELS[r.level1]
        else:
            l1, l2 = re.sub(r"\(\d+分\)$", "", r.level1), r.level2
        out.append((l1, l2, r.level3, target_raw(r)))
    return tuple(out)


def goal_b_row(r: Row) -> tuple[str, str, str]:
    """(指标性质, 指标值, 度量单位) of a form-two row in its layout-B goal table: 无 → 定性 / blank."""
    op, value, unit = r.target
    return ("定性" if op == "无" else op, value, "" if unit == "无" else unit)


SELF_BY_STEM = {s.stem: s for s in SELF_EVALS}
GOAL_BY_STEM = {g.stem: g for g in GOALS}


# --------------------------------------------------------------------------- the truth


@dataclass(frozen=True)
class IndicatorTruth:
    level1: str
    level2: str | None
    level3: str
    target_raw: str
    actual_raw: str | None
    weight: Decimal | None
    score: Decimal | None
    deviation_reason: str | None
    achieved: bool | None


@dataclass(frozen=True)
class FileTruth:
    file: str
    kind: str  # "project" | "self_evaluation"
    form: str  # "two" | "three" (self-evaluations), "A" | "B" (goal tables)
    title: str
    unit_name: str
    unit_code: str | None
    supervisor: str
    fiscal_year: int
    project_name: str
    budget_total: str
    budget_executed: str | None
    execution_rate: str | None
    budget_points: str | None
    budget_score: str | None
    indicators: tuple[IndicatorTruth, ...]


@dataclass(frozen=True)
class PairTruth:
    name: str  # "a" .. "d"
    selfeval_files: tuple[str, ...]
    goal_files: tuple[str, ...]  # () for (d)
    goal_stem: str | None
    planted: frozenset[str]
    note: str


def _selfeval_truth(s: SelfEval, ext: str) -> FileTruth:
    return FileTruth(
        file=f"{s.stem}.{ext}",
        kind="self_evaluation",
        form=s.form,
        title=SELFEVAL_TITLE,
        unit_name=s.unit,
        unit_code=None,
        supervisor=s.supervisor,
        fiscal_year=FISCAL_YEAR,
        project_name=s.project,
        budget_total=s.budget_total,
        budget_executed=s.budget_executed,
        execution_rate=s.execution_rate,
        budget_points=s.budget_points,
        budget_score=s.budget_score,
        indicators=tuple(
            IndicatorTruth(
                level1=r.level1,
                level2=r.level2,
                level3=r.level3,
                target_raw=target_raw(r),
                actual_raw=r.actual,
                weight=Decimal(r.weight),
                score=Decimal(r.score) if r.score is not None else None,
                deviation_reason=(r.reason or None) if s.form == "three" else None,
                achieved=achieved(r),
            )
            for r in s.rows
        ),
    )


def goal_title(g: Goal) -> str:
    return f"1.{g.project}绩效目标表" if g.layout == "A" else GOAL_B_TITLE


def _goal_truth(g: Goal, ext: str) -> FileTruth:
    return FileTruth(
        file=f"{g.stem}.{ext}",
        kind="project",
        form=g.layout,
        title=goal_title(g),
        unit_name=g.unit,
        unit_code=g.unit_code,
        supervisor=g.supervisor,
        fiscal_year=FISCAL_YEAR,
        project_name=g.project,
        budget_total=g.budget_total,
        budget_executed=None,
        execution_rate=None,
        budget_points=None,
        budget_score=None,
        indicators=tuple(
            IndicatorTruth(l1, l2, l3, target, None, None, None, None, None) for l1, l2, l3, target in goal_rows(g)
        ),
    )


def _build() -> tuple[dict[str, FileTruth], tuple[PairTruth, ...]]:
    truth: dict[str, FileTruth] = {}
    pairs = []
    for s in SELF_EVALS:
        for r in s.rows:
            if achieved(r) is not r.expect_achieved:
                raise AssertionError(f"{s.stem} {r.level3}: rule says {achieved(r)}, data says {r.expect_achieved}")
        if inconsistencies(s) != s.planted:
            raise AssertionError(f"{s.stem}: found {sorted(inconsistencies(s))}, planted {sorted(s.planted)}")
        for ext in SELFEVAL_FORMATS:
            truth[f"{s.stem}.{ext}"] = _selfeval_truth(s, ext)
        goal_files: tuple[str, ...] = ()
        if s.goal is not None:
            g = GOAL_BY_STEM[s.goal]
            assert g.selfeval == s.stem and g.project == s.project and g.unit == s.unit
            goal_files = tuple(f"{g.stem}.{ext}" for ext in GOAL_FORMATS)
            for ext in GOAL_FORMATS:
                truth[f"{g.stem}.{ext}"] = _goal_truth(g, ext)
        pairs.append(PairTruth(s.stem[0], tuple(f"{s.stem}.{e}" for e in SELFEVAL_FORMATS), goal_files,
                               s.goal, s.planted, s.note))
    return truth, tuple(pairs)


TRUTH, PAIRS = _build()
"""``TRUTH``: every committed file → its truth. ``PAIRS``: (a) .. (d), with the goal files each matches."""

MATCHES: dict[str, str | None] = {f: p.goal_stem for p in PAIRS for f in p.selfeval_files}
"""Self-evaluation file → the stem of the goal table it reports on (None: no goal table)."""
