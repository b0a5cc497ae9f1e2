"""Goal tables as a unit writes them (``GoalTable`` records of strings), for tests that run them through normalize.

``table(rows, **header)`` is a table no reviewer rule objects to unless ``rows`` or the header says otherwise;
``set_row(rows, "干警满意度", target="≥90%")`` changes one row of ``rows``.
"""

from __future__ import annotations

from transform.records import GoalTable, IndicatorRow

Rows = list[tuple[str, str, str, str | None, str]]

# (level1, level2, level3, description, target_raw) of a table no rule objects to; budget 10 万元.
BASE: Rows = [
    ("产出指标", "数量指标", "案件受理数量", None, "≥18000件"),
    ("产出指标", "质量指标", "服务验收合格率", None, "100%"),
    ("产出指标", "时效指标", "保障期限", None, "1年"),
    ("成本指标", "经济成本指标", "项目服务费用", None, "10万元"),
    ("效益指标", "社会效益指标", "民事案件调解率", None, "≥17.5%"),
    ("满意度指标", "服务对象满意度指标", "干警满意度", None, "≥90%"),
]


def table(rows: Rows | None = None, **header: str | None) -> GoalTable:
    fields = {"unit_name": "天津市蓟州区人民法院", "project_name": "审判执行经费-2023市级", "budget_total": "10",
              "budget_fiscal": "10", "budget_other": ""} | header
    indicators = tuple(IndicatorRow(l1, l2, l3, d, t, f"row {i}") for i, (l1, l2, l3, d, t) in
                       enumerate(rows if rows is not None else BASE, start=1))
    return GoalTable(seq=1, title="1.审判执行经费-2023市级绩效目标表", unit_code="216101", money_unit="万元",
                     purpose="", goal_text="", indicators=indicators, **fields)  # type: ignore[arg-type]


def set_row(rows: Rows, row: str, **change: str) -> Rows:
    """``rows`` with the row whose 三级指标 is ``row`` changed (level3=…, description=…, target=…)."""
    out = []
    for l1, l2, l3, d, t in rows:
        if l3 == row:
            l3, d, t = change.get("level3", l3), change.get("description", d), change.get("target", t)
        out.append((l1, l2, l3, d, t))
    return out


# (level1, level2, level3, target_raw, actual_raw, weight, score, deviation) of a self-evaluation no rule objects
# to: every target met and scored in full, the weights adding to 100; budget 120 万元, 108 spent.
SelfRows = list[tuple[str, str, str, str, str, str, str, str | None]]
SELF_BASE: SelfRows = [
    ("产出指标", "数量指标", "培训人次", "≥3000人次", "3200人次", "30", "30", None),
    ("产出指标", "质量指标", "培训合格率", "≥90%", "95%", "30", "30", None),
    ("效益指标", "社会效益指标", "培训后就业率", "≥80%", "85%", "20", "20", None),
    ("满意度指标", "服务对象满意度指标", "学员满意度", "≥90%", "93%", "20", "20", None),
]


def self_evaluation(rows: SelfRows | None = None, **header: str) -> GoalTable:
    """A self-evaluation (kind self_evaluation) of ``rows``, its header fields overridden by ``header``."""
    fields = {"unit_name": "天津市蓟州区人力资源和社会保障局", "project_name": "职业技能提升培训补贴",
              "budget_total": "120", "budget_fiscal": "", "budget_other": "", "budget_executed": "108"} | header
    indicators = tuple(IndicatorRow(l1, l2, l3, None, t, f"row {i}", actual_raw=a, weight_raw=w, score_raw=s,
                                    deviation=d)
                       for i, (l1, l2, l3, t, a, w, s, d) in enumerate(rows if rows is not None else SELF_BASE, 1))
    return GoalTable(seq=1, title="2023年度项目支出绩效自评表", unit_code=None, money_unit="万元", purpose="",
                     goal_text="", indicators=indicators, kind="self_evaluation", **fields)  # type: ignore[arg-type]


def set_self_row(rows: SelfRows, row: str, **change: str | None) -> SelfRows:
    """``rows`` with the row whose 三级指标 is ``row`` changed (actual=…, weight=…, score=…, deviation=…)."""
    out = []
    for l1, l2, l3, t, a, w, s, d in rows:
        if l3 == row:
            a, w, s = change.get("actual", a), change.get("weight", w), change.get("score", s)
            d = change["deviation"] if "deviation" in change else d
        out.append((l1, l2, l3, t, a, w, s, d))
    return out
