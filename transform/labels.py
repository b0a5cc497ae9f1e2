"""The label cells of goal tables, as the layouts and provinces spell them.

The layout parser keys on these, not on positions, so a new spelling is a
new entry here. Labels are compared after ``clean_text`` (no spaces between
Chinese characters), full-width and half-width brackets both listed.
"""

from __future__ import annotations

import re

TITLE_END = re.compile(r"绩效目标(?:申报)?表\s*(?:[（(][^）)]*[）)])?$")
TITLE_START = re.compile(r"^\d+\s*[.．、]")
TITLE_NUMBER = re.compile(r"^(?:\d+\s*[.．、]\s*)")
TITLE_KIND = re.compile(r"(?:(?:项目支出|部门整体支出|单位整体支出|部门（单位）整体支出|整体支出)?绩效目标(?:申报)?表).*$")
DEPARTMENT_TITLE = re.compile(r"整体支出|部门绩效目标表|单位绩效目标表")
# The title of some other table (附表3, 一般公共预算支出表, 表5 …): a goal table does not continue past it.
OTHER_TABLE_TITLE = re.compile(r"表\s*(?:[（(][^）)]*[）)])?\s*$|^(?:附表|表)\s*[\d一二三四五六七八九十]")
MONEY_UNIT = re.compile(r"(?:金额)?单位[:：]\s*(万元|元)")
UNIT_CODE = re.compile(r"^(\d{6})\s*(.*)$")
YEAR = re.compile(r"(?<!\d)(20\d{2})(?!\d)")


def _both_brackets(*labels: str) -> set[str]:
    return {v for label in labels for v in (label, label.replace("（", "(").replace("）", ")"))}


PROJECT = {"项目名称"}
UNIT = _both_brackets("实施单位", "部门（单位）名称", "单位名称", "部门名称", "预算单位")
SUPERVISOR = {"主管部门"}
BUDGET_BLOCK = _both_brackets("预算规模及资金用途", "项目资金（万元）", "项目资金", "资金情况",
                              "年度预算资金（万元）", "年度预算", "部门预算资金（万元）", "资金情况（万元）")
TOTAL = _both_brackets("预算数", "年度资金总额", "资金总额", "预算资金", "年度预算数", "收入预算合计")
FISCAL = _both_brackets("其中：财政资金", "财政资金", "其中：财政拨款", "财政拨款", "其中:财政资金", "其中:财政拨款")
OTHER = {"其他资金"}
PURPOSE = {"资金用途"}
GOAL = {"绩效目标", "年度绩效目标", "年度目标", "年度总体目标", "部门整体绩效目标", "整体绩效目标"}
TASKS = {"年度主要任务", "主要任务"}
TASK_FIELDS = _both_brackets("年度主要任务", "主要任务", "主要内容", "任务内容", "预算金额（万元）", "预算金额",
                             "对应项目", "金额（万元）")

# 指标 header cells → the field each column holds.
HEADER_FIELDS = {
    "一级指标": "level1",
    "二级指标": "level2",
    "三级指标": "level3",
    "绩效指标描述": "description",
    "指标解释": "description",
    "指标内容": "description",
    "指标值": "target",
    "目标值": "target",
    "指标值（包含数字及文字描述）": "target",
    "指标性质": "op",
    "度量单位": "unit",
    "计量单位": "unit",
}
REQUIRED_HEADER = {"level1", "level2", "level3", "target"}


def task_field(label: str) -> str | None:
    """Which department-task field a task-block header cell names: task, content or amount."""
    if label in TASKS:
        return "task"
    if "金额" in label:
        return "amount"
    if label in TASK_FIELDS:
        return "content"
    return None
