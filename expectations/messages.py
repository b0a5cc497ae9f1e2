"""What each rule says to the unit's finance officer: Chinese, then English, naming the table, row and value.

Each function takes one row of the rule's facts frame (``expectations.facts``)
and returns the message stored in ``dq_issues.message``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

Row = Mapping[str, Any]
Message = Callable[[Row], str]


def money(value: object) -> str:
    return f"{Decimal(0) if value is None else Decimal(str(value)):.2f}"


def number(value: float | None) -> str:
    if value is None:
        return "空"
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def table(row: Row) -> tuple[str, str]:
    """How a message names the goal table (or self-evaluation), in Chinese and in English."""
    seq, name = row["seq"], (row.get("project_name") or "").strip()
    zh, en = ("自评表", "Self-evaluation") if row.get("kind") == "self_evaluation" else ("目标表", "Goal table")
    if not name:
        return f"第{seq}张{zh}（未填项目名称）", f"{en} {seq} (no project name)"
    return f"第{seq}张{zh}《{name}》", f"{en} {seq} ({name})"


def indicator(row: Row) -> tuple[str, str]:
    """How a message names the indicator row, in Chinese and in English."""
    zh, en = table(row)
    level3 = (row.get("level3") or "").strip() or "（未填三级指标）"
    return f"{zh}第{row['row_no']}行指标“{level3}”", f"{en}, row {row['row_no']} “{level3}”"


def _target(row: Row) -> str:
    return (row.get("target_raw") or "").strip()


def unit_name_present(row: Row) -> str:
    zh, en = table(row)
    return f"{zh}未填写预算单位名称，请补充。 {en} does not name its budget unit; add it."


def project_name_present(row: Row) -> str:
    zh, en = table(row)
    return f"{zh}未填写项目名称，请补充。 {en} has no project name; add it."


def budget_balance(row: Row) -> str:
    zh, en = table(row)
    total, fiscal, carryover, other = (money(row.get(c)) for c in
                                       ("budget_total", "budget_fiscal", "budget_carryover", "budget_other"))
    if row.get("budget_carryover") is None:
        return (f"{zh}：预算数 {total} 万元不等于财政资金 {fiscal} 万元与其他资金 {other} 万元之和。"
                f" {en}: budget total {total} does not equal fiscal {fiscal} + other {other} (万元).")
    return (f"{zh}：预算数 {total} 万元不等于财政资金 {fiscal} 万元、上年结转资金 {carryover} 万元与其他资金"
            f" {other} 万元之和。 {en}: budget total {total} does not equal fiscal {fiscal} + carried over"
            f" {carryover} + other {other} (万元).")


def money_unit_assumed(row: Row) -> str:
    zh, en = table(row)
    return (f"{zh}未注明金额单位（如“单位：万元”），已按万元读取，请核对并在表中注明。"
            f" {en} does not state its money unit (such as 单位：万元); its amounts were read as 万元."
            " Check them and state the unit in the table.")


def missing_category(category: str, english: str, why_zh: str, why_en: str) -> Message:
    def message(row: Row) -> str:
        zh, en = table(row)
        return f"{zh}缺少{category}，{why_zh}，请补充。 {en} has no {category} ({english}); {why_en}."

    return message


def cost_within_budget(row: Row) -> str:
    zh, en = table(row)
    cost, total = money(row["cost_max"]), money(row["budget_total"])
    return (f"{zh}的成本指标 {cost} 万元高于预算数 {total} 万元，请核对。"
            f" {en}: a cost indicator of {cost} 万元 is above the budget of {total} 万元; check it.")


def cost_total(row: Row) -> str:
    zh, en = table(row)
    cost, total = money(row["cost_sum"]), money(row["budget_total"])
    return (f"{zh}的金额类成本指标合计 {cost} 万元，与预算数 {total} 万元不一致，请核对。"
            f" {en}: the cost indicators in money add up to {cost} 万元, not the budget of {total} 万元.")


def components_within_total(row: Row) -> str:
    zh, en = table(row)
    excess = number(row["components_excess"])
    return (f"{zh}中分项数量之和比合计数多 {excess}，分项之和不应超过合计，请核对。"
            f" {en}: component counts add up to {excess} more than their total; check them.")


def quantitative_share(row: Row) -> str:
    zh, en = table(row)
    share = f"{(row['quantitative_share'] or 0) * 100:.0f}%"
    return (f"{zh}中量化指标仅占 {share}，绩效指标应以可衡量的定量指标为主。"
            f" {en}: only {share} of its indicators are quantitative; most should be measurable numbers.")


def target_present(row: Row) -> str:
    zh, en = indicator(row)
    return f"{zh}未填写指标值，请补充。 {en} has no target; add one."


def number_glued_to_words(row: Row) -> str:
    zh, en = indicator(row)
    raw = _target(row)
    return (f"{zh}的指标值“{raw}”数字与文字连写，无法判断是数值还是文字描述，请改为数值加单位或纯文字。"
            f" {en}: target “{raw}” runs a number into words; write a number with its unit, or words only.")


def target_defect(row: Row) -> str:
    zh, en = indicator(row)
    raw, flags = _target(row), row.get("target_flags") or ""
    return (f"{zh}的指标值“{raw}”写法有误（{flags}），请核对。"
            f" {en}: target “{raw}” is malformed ({flags}); check it.")


def name_cut_off(row: Row) -> str:
    zh, en = indicator(row)
    full = (row.get("description") or "").strip()
    return (f"{zh}的三级指标名称不完整，与绩效指标描述“{full}”相比被截断，请补全。"
            f" {en}: the indicator name is cut off; its description reads “{full}”.")


def duplicate_indicator(row: Row) -> str:
    zh, en = indicator(row)
    return f"{zh}在本表中重复出现，请合并或区分。 {en} appears more than once in this table; merge or tell them apart."


def unit_missing(row: Row) -> str:
    zh, en = indicator(row)
    raw = _target(row)
    return (f"{zh}的指标值“{raw}”是数值但没有计量单位，请补充单位。"
            f" {en}: target “{raw}” is a number without a unit; add the unit.")


def rate_range(row: Row) -> str:
    zh, en = indicator(row)
    raw, value = _target(row), number(row["rate_value"])
    return (f"{zh}的目标值“{raw}”（{value}）超出 0–100 的范围，比率和满意度应在 0 到 100 之间。"
            f" {en}: target “{raw}” ({value}) is outside 0–100; a rate or satisfaction level lies"
            f" between 0 and 100.")


def per_capita_unit(row: Row) -> str:
    zh, en = indicator(row)
    raw, unit = _target(row), row.get("target_unit") or ""
    return (f"{zh}是人均指标，单位应为“…/人”，而指标值“{raw}”的单位是“{unit}”，疑似写反，请核对。"
            f" {en} is per person, so its unit should be “…/人”; target “{raw}” is in “{unit}”, probably inverted.")


def satisfaction_floor(floor: float) -> Message:
    def message(row: Row) -> str:
        zh, en = indicator(row)
        raw, value = _target(row), number(row["satisfaction_value"])
        return (f"{zh}的满意度目标“{raw}”（{value}%）低于通常的 {number(floor)}%，请确认是否偏低。"
                f" {en}: satisfaction target “{raw}” ({value}%) is below the usual {number(floor)}%; is it too low?")

    return message


def unmapped_category(row: Row) -> str:
    zh, en = indicator(row)
    label = f"{row.get('level1') or ''}/{row.get('level2') or ''}"
    return (f"{zh}的指标类别“{label}”不在标准指标体系中（产出、成本、效益、满意度及其二级指标），已按原文保留，请核对。"
            f" {en}: category “{label}” is not in the standard taxonomy; it is kept as written, please check it.")


def category_mismatch(row: Row) -> str:
    zh, en = indicator(row)
    label = f"{row.get('level1') or ''}/{row.get('level2') or ''}"
    return (f"{zh}的二级指标与一级指标不符（“{label}”），二级指标已按标准体系归类，一级指标按原文保留，请核对。"
            f" {en}: its level two does not belong to its level one (“{label}”); the level two is mapped,"
            " the level one kept as written. Please check it.")


def multiple_values(row: Row) -> str:
    zh, en = indicator(row)
    raw = _target(row)
    return (f"{zh}的指标值“{raw}”包含多个数值，一个指标只能有一个目标值，请拆分为多个指标。"
            f" {en}: target “{raw}” holds several numbers; an indicator has one target, so split it into"
            " several indicators.")


def approximate_target(row: Row) -> str:
    zh, en = indicator(row)
    raw = _target(row)
    return (f"{zh}的指标值“{raw}”是约数，目标值应明确，请改为确定的数值（可加“≥”“≤”）。"
            f" {en}: target “{raw}” is approximate; state a definite number (with ≥ or ≤ if need be).")


def weights_total(total: float) -> Message:
    def say(row: Row) -> str:
        zh, en = table(row)
        got = number(row["weights_total"])
        return (f"{zh}各指标权重（分值）合计为 {got}，应为 {number(total)}，请核对。"
                f" {en}: the weights add up to {got}, not {number(total)}; check them.")
    return say


def executed_within_budget(row: Row) -> str:
    zh, en = table(row)
    executed, total = money(row.get("budget_executed")), money(row.get("budget_total"))
    return (f"{zh}的全年执行数 {executed} 万元超过全年预算数 {total} 万元，请核对。"
            f" {en}: money spent ({executed} 万元) is more than the year's budget ({total} 万元); check both.")


def execution_rate_consistent(row: Row) -> str:
    zh, en = table(row)
    stated, diff = number(row.get("execution_rate")), row.get("rate_diff") or 0.0
    computed = number((row.get("execution_rate") or 0.0) - diff)
    return (f"{zh}填写的执行率 {stated}% 与全年执行数/全年预算数（{computed}%）不符，请核对。"
            f" {en}: the stated execution rate {stated}% is not money spent / budget ({computed}%); check it.")


def score_within_weight(row: Row) -> str:
    zh, en = indicator(row)
    score, weight = number(row.get("score")), number(row.get("weight"))
    return (f"{zh}得分 {score} 高于其权重（分值）{weight}，得分不能超过分值。"
            f" {en}: scored {score}, more than its weight {weight}; a score cannot exceed its weight.")


def full_score_on_miss(row: Row) -> str:
    zh, en = indicator(row)
    raw, actual, score = _target(row), (row.get("actual_raw") or "").strip(), number(row.get("score"))
    return (f"{zh}实际完成值“{actual}”未达到指标值“{raw}”，却得了满分 {score}，请核实评分。"
            f" {en}: the actual “{actual}” misses the target “{raw}”, yet it scored the full {score}; check"
            " the score.")


def deviation_reason_given(row: Row) -> str:
    zh, en = indicator(row)
    raw, actual = _target(row), (row.get("actual_raw") or "").strip()
    return (f"{zh}实际完成值“{actual}”未达到指标值“{raw}”，请填写偏差原因分析及改进措施。"
            f" {en}: the actual “{actual}” misses the target “{raw}”; say why, and what will be done.")


def actual_unit_given(row: Row) -> str:
    zh, en = indicator(row)
    raw, actual = _target(row), (row.get("actual_raw") or "").strip()
    return (f"{zh}实际完成值“{actual}”没有写计量单位（指标值为“{raw}”），已按指标值的单位理解，请补充单位。"
            f" {en}: the actual “{actual}” has no unit (the target is “{raw}”); it was read in the target's"
            " unit. Add the unit.")
