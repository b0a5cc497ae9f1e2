"""The rows under an indicator header → ``IndicatorRow`` records, merged cells filled down, empty groups left out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from transform.grid import Header, fields_of
from transform.lines import Line
from transform.records import IndicatorRow
from transform.taxonomy import is_category

# What an operator column (指标性质) holds when there is no operator: the kind of target, or nothing.
NOT_OPERATORS = frozenset({"定性", "定量", "无", "-", "—", "/", "正向", "反向", "正向指标", "反向指标"})
NO_UNIT = frozenset({"无", "-", "—", "/"})


def target_raw(values: dict[str, str]) -> str:
    """The 指标值 as a person reads it, the operator and unit columns joined on: ``≥`` ``95`` ``%`` → ``≥95%``."""
    op, unit = values.get("op", ""), values.get("unit", "")
    return ((op if op not in NOT_OPERATORS else "") + values.get("target", "")
            + (unit if unit not in NO_UNIT else ""))


def indicator_rows(header: Header, lines: Sequence[Line]) -> list[IndicatorRow]:
    """The indicator rows of ``lines`` (the grid's rows under ``header``, header repeats already left out).

    一级/二级 cells merged down, left blank or repeated take the value above; a blank 二级 on a row that
    starts a new 一级 group stays blank. A row with no 三级, description or target (an empty level-two group, 成本指标
    merged over blank rows) is not an indicator row, but its labels still fill the rows after it. A PDF row
    cut by a page break leaves the rest of its description at the top of the next page: it is joined back on.
    """
    rows: list[IndicatorRow] = []
    level1 = level2 = ""
    has_description = "description" in header.fields
    page = None
    for line in lines:
        values = fields_of(header, line)
        new_page, page = line.page != page, line.page
        if rows and new_page and set(values) == {"description"} and rows[-1].description is not None:
            rows[-1] = replace(rows[-1], description=rows[-1].description + values["description"])
            continue
        if values.get("level1", level1) != level1:  # a new 一级 group; the same one repeated is not
            level1, level2 = values["level1"], values.get("level2", "")
        elif values.get("level2"):
            level2 = values["level2"]
        if not any(values.get(k) for k in ("level3", "description", "target")):
            continue
        rows.append(IndicatorRow(
            level1=level1,
            level2=None if header.two_level else level2,
            level3=values.get("level3", ""),
            description=values.get("description") if has_description else None,
            target_raw=target_raw(values),
            source_ref=line.ref,
            source_page=line.page,
            actual_raw=values.get("actual"),
            weight_raw=values.get("weight"),
            score_raw=values.get("score"),
            deviation=values.get("deviation"),
            unit_column="unit" in header.fields,
        ))
    return rows


def has_categories(rows: Sequence[IndicatorRow]) -> bool:
    """True when some row's 一级 or 二级 is a category word (产出指标, 数量指标, 效益类指标 …)."""
    return any(is_category(r.level1) or is_category(r.level2) for r in rows)
