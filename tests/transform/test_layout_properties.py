"""Random but realistic goal tables, written as real DOCX and XLSX files, read back exactly.

The strategy (``documents``) draws one or two goal tables per document with
the wordings, column orders, merges and money forms that real tables use
(``../shared/real-layouts.md``); ``tests/goal_docs.py`` writes them and
says what ``docs/reading.md`` makes of them. Each draw's plainest choice comes
first, so a failure shrinks to the simplest table that still fails; the
failing table is printed as text rows (``^`` under a cell merged down, ``<``
right of one merged across).

Every example first checks the writer, not the parser: the extractor must
see exactly the lines, cells, spans and merges written (``raw_expected``). A
failure that says "the writer is wrong" is for ``goal_docs`` (or
``extract/``), not for the layout parser.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

import extract
from goal_docs import (
    ANNUAL_LABELS, DESCRIPTION_HEADERS, EXTRA_PAIRS, FORBIDDEN, GOALS, GRID_LABELS, INDICATORS, LEVEL1, LEVEL2,
    LEVELS2, LEVELS3, MONEY_UNITS, OP_HEADER, PROJECTS, REMARK_HEADER, REMARKS, SUPERVISOR_LABELS, SUPERVISORS,
    TITLES, TWO_LEVEL_WORDS, UNIT_HEADERS, UNIT_LABELS, UNITS, VALUE_HEADERS, WHOLE_GOALS, WHOLE_LABELS, DocSpec,
    Goal, Grid, Group, Indicator, Level1, Money, TableSpec, Target, docx_bytes, expected, free_texts, raw_expected,
    raw_found, reading, render, xlsx_bytes,
)
from transform.layout import parse_goal_tables

SETTINGS = settings(max_examples=200, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow])
WRITERS = {"docx": docx_bytes, "xlsx": xlsx_bytes}
_IDEOGRAPH = re.compile(r"[\u4e00-\u9fff]")
# Money in cents by unit: a plausible range for one project's year.
CENTS = {"元": (5_000_000, 5_000_000_000), "千元": (5_000, 5_000_000), "万元": (500, 999_900), "亿元": (50, 5_000)}


# --------------------------------------------------------------------------- strategies


def sometimes(draw, one_in: int) -> bool:
    """True one time in ``one_in``; shrinks to False."""
    return draw(st.integers(0, one_in - 1)) == one_in - 1


def broken(draw, text: str, one_in: int) -> str:
    """``text``, sometimes with a line break between two Chinese characters (``指标\\n性质``)."""
    spots = [i for i in range(1, len(text)) if _IDEOGRAPH.match(text[i - 1]) and _IDEOGRAPH.match(text[i])]
    if not spots or not sometimes(draw, one_in):
        return text
    i = draw(st.sampled_from(spots))
    return text[:i] + "\n" + text[i:]


@st.composite
def indicators(draw) -> Indicator:
    name, description, ops, values, unit = draw(st.sampled_from(INDICATORS))
    if ops:
        target = Target(op=draw(st.sampled_from(ops)), number=draw(st.sampled_from(values)), unit=unit,
                        op_cell=draw(st.sampled_from(("", "定量"))))
    else:
        target = Target(words=draw(st.sampled_from(values)))
    return Indicator(name, target, broken(draw, description, 6), draw(st.sampled_from(REMARKS)))


MODES = st.sampled_from(("merge", "repeat", "blank"))


@st.composite
def group(draw, word: str | None) -> Group:
    if sometimes(draw, 6):  # an empty group (成本指标 with nothing beside it) over one or two blank rows
        return Group(word, (), "merge", draw(st.integers(1, 2)))
    return Group(word, tuple(draw(st.lists(indicators(), min_size=1, max_size=3))), draw(MODES))


@st.composite
def level_groups(draw, three: bool) -> tuple[Level1, ...]:
    if three:
        kinds = sorted(draw(st.lists(st.sampled_from(tuple(LEVEL2)), min_size=1, max_size=4, unique=True)),
                       key=list(LEVEL2).index)
        lei = draw(st.booleans())  # 产出类指标 …
        out = []
        for kind in kinds:
            words = sorted(draw(st.lists(st.sampled_from(LEVEL2[kind]), min_size=1, max_size=3, unique=True)),
                           key=LEVEL2[kind].index)
            out.append(Level1(LEVEL1[kind] if lei else kind, tuple(draw(group(w)) for w in words), draw(MODES)))
    else:
        words = draw(st.lists(st.sampled_from(TWO_LEVEL_WORDS), min_size=1, max_size=4, unique=True))
        out = []
        for w in words:
            g = draw(group(None))  # an empty group's category cell is merged over its blank rows
            out.append(Level1(w, (g,), draw(MODES) if g.indicators else "merge"))
    last = out[-1].groups[-1]
    if not last.indicators:  # the grid ends with an indicator row (as real ones do)
        out[-1] = replace(out[-1], groups=(*out[-1].groups[:-1], Group(last.word, (draw(indicators()),))))
    return tuple(out)


@st.composite
def grids(draw) -> Grid:
    three = draw(st.sampled_from((True, False)))
    levels = draw(st.sampled_from(LEVELS3 if three else LEVELS2))
    optional = [f for f in ("description", "op", "unit", "remark") if draw(st.booleans())]
    descriptions = DESCRIPTION_HEADERS + (("指标内容",) if three and levels[2] != "指标内容" else ())
    headers = {"target": st.sampled_from(VALUE_HEADERS), "description": st.sampled_from(descriptions),
               "op": st.just(OP_HEADER), "unit": st.sampled_from(UNIT_HEADERS), "remark": st.just(REMARK_HEADER)}
    columns = tuple((f, broken(draw, draw(headers[f]), 4)) for f in draw(st.permutations(["target", *optional])))
    label = draw(st.sampled_from((None, *GRID_LABELS)))
    return Grid(
        levels=tuple(broken(draw, h, 4) for h in levels), columns=columns, groups=draw(level_groups(three)),
        label=broken(draw, label, 4) if label else None, label_in_header=draw(st.sampled_from((True, False))),
    )


def amount(cents: int, decimals: int, sep: bool) -> str:
    value = Decimal(cents) / 100 if decimals else cents // 100
    return f"{value:,.{decimals}f}" if sep else f"{value:.{decimals}f}"


@st.composite
def money(draw, width: int) -> Money:
    unit = draw(st.sampled_from(("万元", *(u for u in MONEY_UNITS if u != "万元"))))
    where = draw(st.sampled_from(("label", "line", "none")))
    decimals, sep = draw(st.sampled_from((2, 0))), draw(st.booleans())
    step = 1 if decimals else 100
    lo, hi = CENTS[unit]
    total = draw(st.integers(max(1, lo // step), hi // step)) * step
    fiscal = draw(st.integers(1, total // step)) * step
    carryover = draw(st.integers(0, (total - fiscal) // step)) * step if sometimes(draw, 3) else None
    other = total - fiscal - (carryover or 0)
    blank_other = other == 0 and draw(st.booleans())

    def fmt(cents: int | None, blank: bool = False) -> str:
        return "" if blank or cents is None else amount(cents, decimals, sep)

    parts = {"total": total, "fiscal": fiscal, "carryover": carryover, "other": other}
    annual = tuple((f, broken(draw, draw(st.sampled_from(ANNUAL_LABELS[f])), 10), fmt(parts[f], f == "other" and blank_other))
                   for f in ("total", "fiscal", "carryover", "other") if parts[f] is not None)
    whole: tuple[tuple[str, str], ...] = ()
    if width >= 5 and sometimes(draw, 3):  # the whole project's pair beside this year's, different amounts
        factor = draw(st.integers(2, 5))
        whole = tuple((WHOLE_LABELS[f], fmt(parts[f] * factor, f == "other" and blank_other)) if f in WHOLE_LABELS
                      else ("", "") for f, _, _ in annual)
    brackets = draw(st.sampled_from(("（）", "()")))
    return Money(
        annual=annual, unit=None if where == "none" else unit,
        label=f"项目资金{brackets[0]}{unit}{brackets[1]}" if where == "label" else "项目资金",
        unit_line=draw(st.sampled_from(("单位：", "金额单位："))) + unit if where == "line" else "",
        whole=whole, whole_first=draw(st.booleans()), as_numbers=draw(st.booleans()),
    )


@st.composite
def goals(draw, width: int) -> Goal:
    form = draw(st.sampled_from(("single", "beside", "under")))
    if form == "beside" and width < 4:
        form = "single"
    return Goal(annual=broken(draw, draw(st.sampled_from(GOALS)), 6), form=form,
                whole=draw(st.sampled_from(WHOLE_GOALS)), annual_first=draw(st.booleans()),
                label="年度绩效目标" if form == "single" else draw(st.sampled_from(("绩效目标", "项目绩效目标"))))


@st.composite
def tables(draw) -> TableSpec:
    grid = draw(grids())
    rest = [("unit", draw(st.sampled_from(UNIT_LABELS)), draw(st.sampled_from(UNITS)))]
    if draw(st.sampled_from((True, False))):
        rest.append(("supervisor", draw(st.sampled_from(SUPERVISOR_LABELS)), draw(st.sampled_from(SUPERVISORS))))
    rest += [("other", label, value) for label, value in draw(st.lists(st.sampled_from(EXTRA_PAIRS), max_size=2, unique=True))]
    pairs = (("project", "项目名称", draw(st.sampled_from(PROJECTS))), *draw(st.permutations(rest)))
    pairs = tuple((f, broken(draw, label, 10), value) for f, label, value in pairs)
    return TableSpec(
        pairs=pairs, pairs_per_row=draw(st.sampled_from((1, 2, 3))), money=draw(money(grid.width)),
        goal=draw(goals(grid.width)), grid=grid, title=draw(st.sampled_from(((), *TITLES))),
        split=draw(st.booleans()), values_as_numbers=draw(st.booleans()),
    )


@st.composite
def documents(draw) -> DocSpec:
    return DocSpec(tuple(draw(st.lists(tables(), min_size=1, max_size=2))), one_sheet=draw(st.sampled_from((True, False))))


# --------------------------------------------------------------------------- the properties


def read_back(spec: DocSpec, fmt: str, folder: Path):
    path = folder / f"goal.{fmt}"
    path.write_bytes(WRITERS[fmt](spec))
    return extract.read_document(path)


def check_reading(spec: DocSpec, fmt: str, folder: Path) -> None:
    """The file holds what was meant (else the writer is wrong), and the parser reads it as ``expected`` says."""
    doc = read_back(spec, fmt, folder)
    assert raw_found(doc) == raw_expected(spec), f"{fmt}: the writer (tests/goal_docs.py) is wrong, not the parser"
    got, want = reading(parse_goal_tables(doc)), expected(spec)
    assert len(got) == len(want), f"{fmt}: {len(got)} goal tables read, {len(want)} written"
    for i, (g, w) in enumerate(zip(got, want), start=1):
        assert g == w, f"{fmt}: table {i}"


@SETTINGS
@given(documents())
def test_written_tables_read_back_exactly(spec: DocSpec) -> None:
    note(render(spec))
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in WRITERS:
            check_reading(spec, fmt, Path(tmp))


def test_free_text_holds_no_label_word() -> None:
    bad = [(text, word) for text in free_texts() for word in FORBIDDEN if word in text]
    assert not bad


# --------------------------------------------------------------------------- hand-picked tables

PAIRS = (("project", "项目名称", "河道综合治理"), ("supervisor", "主管部门", "某区农业农村局"), ("unit", "实施单位", "某区水务局"))
MONEY_WAN = Money(annual=(("total", "年度资金总额", "186.50"), ("fiscal", "其中：财政拨款", "180.00"),
                          ("other", "其他资金", "6.50")), label="项目资金（万元）", unit="万元")
GOAL = Goal("完成河道清淤疏浚8公里，河道水质持续改善，防洪能力显著增强。")
I_LENGTH = Indicator("新建道路长度", Target("≥", "12.5", "公里"), "年内建成通车的道路长度", "按季度统计")
I_RATE = Indicator("工程验收合格率", Target("", "100", "%", op_cell="定量"), "通过竣工验收的工程所占比例")
I_WORDS = Indicator("水环境状况", Target(words="持续改善"), "河道水体及岸线环境状况", "逐月核查")
I_TIME = Indicator("工程完工时限", Target("≤", "90", "天"), "自开工之日起至竣工验收的时间")
I_HAPPY = Indicator("群众满意度", Target("≥", "95", "%"), "受益群众对服务的满意程度")
THREE_LEVELS = (
    Level1("产出指标", (Group("数量指标", (I_LENGTH, I_RATE)), Group("时效指标", (I_TIME,), "repeat"))),
    Level1("效益指标", (Group("生态效益指标", (I_WORDS,)),), "repeat"),
    Level1("满意度指标", (Group("服务对象满意度指标", (I_HAPPY,)),)),
)


def table(**changes) -> TableSpec:
    base = TableSpec(pairs=PAIRS, pairs_per_row=2, money=MONEY_WAN, goal=GOAL, grid=Grid(
        levels=("一级指标", "二级指标", "三级指标"), columns=(("target", "指标值"),), groups=THREE_LEVELS))
    return replace(base, **changes)


HAND_PICKED = {
    # 项目年度绩效指标 merged down from the first indicator row, op and unit split, columns out of the usual order.
    "label_column_op_unit_shuffled": table(grid=Grid(
        levels=("一级指标", "二级指标", "三级指标"), groups=THREE_LEVELS, label="项目年度绩效指标", label_in_header=False,
        columns=(("unit", "度量\n单位"), ("remark", "备注"), ("target", "年度指标值"), ("op", "指标\n性质"),
                 ("description", "绩效指标描述")))),
    # 指标类型 | 指标名称: level2 None, the category in level1 as written; an empty 成本指标 over two blank rows.
    "two_level_grid": table(grid=Grid(levels=("指标类型", "指标名称"), columns=(("target", "指标值"), ("op", "指标性质")),
                                      groups=(Level1("数量指标", (Group(None, (I_LENGTH, I_RATE)),)),
                                              Level1("成本指标", (Group(None, (), blank_rows=2),)),
                                              Level1("满意度指标", (Group(None, (I_HAPPY,)),), "repeat")))),
    # 项目资金（元） with thousands separators, 上年结转资金, and the whole project's pair to the left.
    "money_yuan_separators": table(money=Money(
        annual=(("total", "年度资金申请总额", "4,100,000.00"), ("fiscal", "其中：当年财政拨款", "3,600,000.00"),
                ("carryover", "上年结转资金", "300,000.00"), ("other", "其他资金", "200,000.00")),
        label="项目资金（元）", unit="元", whole_first=True,
        whole=(("项目资金总额", "12,300,000.00"), ("其中：财政资金", "10,800,000.00"), ("", ""), ("其他资金", "600,000.00"))),
        grid=Grid(levels=("一级", "二级", "三级"), columns=(("target", "指标值"), ("op", "指标性质"), ("unit", "计量单位")),
                  groups=THREE_LEVELS)),
    # 一级 repeated on every row while 二级 is merged down (bug: the repeat read as a new group, 二级 left blank).
    "level1_repeated_level2_merged": table(grid=Grid(
        levels=("一级指标", "二级指标", "三级指标"), columns=(("target", "指标值"),),
        groups=(Level1("产出指标", (Group("数量指标", (I_LENGTH, I_RATE)),), "repeat"), *THREE_LEVELS[1:]))),
    # No unit stated anywhere: money_unit None; amounts as written.
    "no_money_unit": table(money=Money(annual=(("total", "年度资金总额", "56.80"), ("fiscal", "财政资金", "56.80"),
                                              ("other", "其他资金", "")), label="项目资金", unit=None)),
}


@pytest.mark.parametrize("fmt", sorted(WRITERS))
@pytest.mark.parametrize("name", sorted(HAND_PICKED))
def test_hand_picked(name: str, fmt: str, tmp_path: Path) -> None:
    check_reading(DocSpec((HAND_PICKED[name],)), fmt, tmp_path)
