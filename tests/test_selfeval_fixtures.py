"""The committed self-evaluation fixtures (``tests/data/selfeval/``) against their truth (``tests/selfeval_cases.py``).

The cells are read here with openpyxl and python-docx directly, not through
perfgoals' readers, so fixtures and truth cannot drift whatever the readers do.
Regenerate the files with ``.venv/bin/python tests/make_selfevals.py``.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from docx import Document
from docx.table import _Cell
from selfeval_cases import (
    GOAL_BY_STEM,
    INCONSISTENCIES,
    MATCHES,
    PAIRS,
    SELF_BY_STEM,
    TRUTH,
    FileTruth,
)

DATA = Path(__file__).parent / "data" / "selfeval"


def _one_line(text: str | None) -> str:
    return re.sub(r"\s*\n\s*", "", (text or "").strip())


# --------------------------------------------------------------------------- grids, read independently


def docx_grids(path: Path) -> tuple[str, list[list[list[str]]]]:
    """The first non-blank paragraph, and every table as a full grid (spans and vertical merges filled in)."""
    doc = Document(str(path))
    title = next(p.text.strip() for p in doc.paragraphs if p.text.strip())
    grids = []
    for table in doc.tables:
        grid: list[list[str]] = []
        for r, tr in enumerate(table._tbl.tr_lst):
            row: list[str] = []
            for tc in tr.tc_lst:
                col = len(row)
                text = grid[r - 1][col] if tc.vMerge == "continue" else _Cell(tc, table).text
                row.extend([text] * tc.grid_span)
            grid.append(row)
        grids.append(grid)
    return title, grids


def _shown(cell) -> str:
    """A cell's text as a spreadsheet shows it, for the number formats the fixtures use."""
    value, fmt = cell.value, cell.number_format
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if fmt.endswith("%"):
        decimals = len(fmt.split(".")[1]) - 1 if "." in fmt else 0
        return f"{value * 100:.{decimals}f}%"
    if fmt.startswith("0."):
        return f"{value:.{len(fmt) - 2}f}"
    assert fmt == "General", fmt
    return str(value)


def xlsx_grid(path: Path) -> tuple[str, list[list[str]]]:
    """Row 1 (the title) and the rows below it, merged ranges filled with their top-left cell's text."""
    ws = openpyxl.load_workbook(path).active
    grid = [[_shown(c) for c in row] for row in ws.iter_rows(min_row=1, max_row=ws.max_row, max_col=ws.max_column)]
    for rng in ws.merged_cells.ranges:
        text = grid[rng.min_row - 1][rng.min_col - 1]
        for r in range(rng.min_row, rng.max_row + 1):
            for c in range(rng.min_col, rng.max_col + 1):
                grid[r - 1][c - 1] = text
    return grid[0][0], grid[1:]


# --------------------------------------------------------------------------- reading the fields


def right_of(grid: list[list[str]], label: str) -> str:
    for row in grid:
        for c, text in enumerate(row):
            if _one_line(text) == label:
                return next(t for t in row[c:] if _one_line(t) != label)
    raise AssertionError(f"label {label!r} not found")


def below(grid: list[list[str]], label: str) -> str:
    for r, row in enumerate(grid):
        for c, text in enumerate(row):
            if _one_line(text) == label:
                return grid[r + 1][c]
    raise AssertionError(f"label {label!r} not found")


def indicator_rows(grid: list[list[str]]) -> tuple[dict[str, int], list[list[str]]]:
    start = next(r for r, row in enumerate(grid) if _one_line(row[0]) in {"一级指标", "指标类型"})
    header = {}
    for c, text in enumerate(grid[start]):
        header.setdefault(_one_line(text), c)
    rows = []
    for row in grid[start + 1:]:
        if _one_line(row[0]) in {"总分", "合计"}:
            break
        rows.append(row)
    return header, rows


def _dec(text: str) -> Decimal | None:
    return Decimal(text) if text else None


def read_selfeval(title: str, grid: list[list[str]], form: str) -> dict:
    header, rows = indicator_rows(grid)
    got = {"title": title, "project_name": right_of(grid, "项目名称"), "unit_name": right_of(grid, "实施单位"),
           "supervisor": right_of(grid, "主管部门")}
    indicators = []
    if form == "three":
        got |= {"budget_total": below(grid, "全年预算数"), "budget_executed": below(grid, "全年执行数"),
                "execution_rate": below(grid, "执行率"), "budget_points": below(grid, "分值"),
                "budget_score": below(grid, "得分")}
        for row in rows:
            indicators.append((row[header["一级指标"]], row[header["二级指标"]], row[header["三级指标"]],
                               row[header["年度指标值"]], row[header["实际完成值"]], _dec(row[header["分值"]]),
                               _dec(row[header["得分"]]), row[header["偏差原因分析及改进措施"]] or None))
    else:
        got |= {"budget_total": below(grid, "全年预算数（A）"), "budget_executed": below(grid, "全年执行数（B）"),
                "execution_rate": None, "budget_points": None, "budget_score": None}
        for row in rows:
            op, value, unit = (row[header[h]] for h in ("指标性质", "指标值", "计量单位"))
            target = ("" if op == "无" else op) + value + ("" if unit == "无" else unit)
            indicators.append((row[header["指标类型"]], None, _one_line(row[header["指标名称"]]), target,
                               row[header["全年完成值"]], _dec(row[header["指标权重"]]), None, None))
    got["indicators"] = indicators
    return got


def expected_selfeval(t: FileTruth) -> dict:
    return {
        "title": t.title, "project_name": t.project_name, "unit_name": t.unit_name, "supervisor": t.supervisor,
        "budget_total": t.budget_total, "budget_executed": t.budget_executed, "execution_rate": t.execution_rate,
        "budget_points": t.budget_points, "budget_score": t.budget_score,
        "indicators": [(i.level1, i.level2, i.level3, i.target_raw, i.actual_raw, i.weight, i.score, i.deviation_reason)
                       for i in t.indicators],
    }


# --------------------------------------------------------------------------- tests


def test_every_file_is_committed_and_small():
    present = {p.name for p in DATA.iterdir() if p.suffix in {".xlsx", ".docx", ".pdf"}}
    assert present == set(TRUTH)
    assert sum((DATA / name).stat().st_size for name in TRUTH) < 2_000_000
    for name in TRUTH:
        if name.endswith(".pdf"):
            assert (DATA / name).read_bytes()[:5] == b"%PDF-"


SELFEVAL_FILES = sorted(n for n, t in TRUTH.items() if t.kind == "self_evaluation" and not n.endswith(".pdf"))
GOAL_FILES = sorted(n for n, t in TRUTH.items() if t.kind == "project" and n.endswith(".docx"))


@pytest.mark.parametrize("name", SELFEVAL_FILES)
def test_selfeval_cells_match_truth(name: str):
    truth = TRUTH[name]
    if name.endswith(".xlsx"):
        title, grid = xlsx_grid(DATA / name)
    else:
        title, (grid,) = docx_grids(DATA / name)
    assert read_selfeval(title, grid, truth.form) == expected_selfeval(truth)
    assert str(truth.fiscal_year) in title


@pytest.mark.parametrize("name", GOAL_FILES)
def test_goal_cells_match_truth(name: str):
    truth = TRUTH[name]
    title, grids = docx_grids(DATA / name)
    assert title == truth.title
    assert str(truth.fiscal_year) in title + name
    if truth.form == "A":
        head, grid = grids
        unit = _one_line(head[0][0])
        assert (unit[:6], unit[6:]) == (truth.unit_code, truth.unit_name)
        assert right_of(head, "项目名称") == truth.project_name
        assert right_of(head, "预算数") == truth.budget_total
        header, rows = indicator_rows(grid)
        got = [(r[header["一级指标"]], r[header["二级指标"]], r[header["三级指标"]], r[header["指标值"]]) for r in rows]
    else:
        (grid,) = grids
        assert truth.unit_code is None
        assert right_of(grid, "实施单位") == truth.unit_name
        assert right_of(grid, "主管部门") == truth.supervisor
        assert right_of(grid, "项目名称") == truth.project_name
        assert right_of(grid, "年度资金总额") == truth.budget_total
        header, rows = indicator_rows(grid)
        got = []
        for r in rows:
            op, value, unit = (r[header[h]] for h in ("指标性质", "指标值", "度量单位"))
            got.append((r[header["一级指标"]], r[header["二级指标"]], r[header["三级指标"]],
                        ("" if op == "定性" else op) + value + unit))
    assert got == [(i.level1, i.level2, i.level3, i.target_raw) for i in truth.indicators]


def test_pairs_report_on_their_goal_tables():
    assert [p.name for p in PAIRS] == ["a", "b", "c", "d"]
    for p in PAIRS:
        for f in p.selfeval_files:
            assert MATCHES[f] == p.goal_stem
            s = TRUTH[f]
            for g in p.goal_files:
                goal = TRUTH[g]
                assert (goal.unit_name, goal.fiscal_year, goal.project_name) == (s.unit_name, s.fiscal_year, s.project_name)
                assert [(i.level3, i.target_raw) for i in goal.indicators] == [(i.level3, i.target_raw) for i in s.indicators]
    (d,) = [p for p in PAIRS if p.name == "d"]
    assert d.goal_files == () and d.goal_stem is None
    d_truth = TRUTH[d.selfeval_files[0]]
    assert all(g.project != d_truth.project_name for g in GOAL_BY_STEM.values())
    assert any(g.unit == d_truth.unit_name for g in GOAL_BY_STEM.values())  # same unit as (a), another project


def test_planted_inconsistencies():
    planted = {p.name: p.planted for p in PAIRS}
    assert planted == {"a": frozenset(), "b": frozenset(), "c": frozenset(INCONSISTENCIES), "d": frozenset()}
    c = TRUTH[next(p for p in PAIRS if p.name == "c").selfeval_files[0]]
    assert sum(i.weight for i in c.indicators) + Decimal(c.budget_points) == 95
    assert Decimal(c.budget_executed) > Decimal(c.budget_total)
    for name in ("a", "b", "d"):
        s = SELF_BY_STEM[next(p for p in PAIRS if p.name == name).selfeval_files[0].rsplit(".", 1)[0]]
        t = TRUTH[f"{s.stem}.xlsx"]
        assert sum(i.weight for i in t.indicators) + Decimal(t.budget_points or 0) == 100
        assert all(i.score is None or i.score <= i.weight for i in t.indicators)
        assert all(i.deviation_reason for i in t.indicators if i.achieved is False and t.form == "three")


def test_achieved_covers_every_target_kind():
    a = TRUTH["a_jizhou_hrss_2023_peixun_selfeval.xlsx"]
    got = {i.target_raw: i.achieved for i in a.indicators}
    assert got["≥3000人次"] is True and got["≥80%"] is False  # ≥
    assert got["≤1500元/人"] is True  # ≤ cost cap
    assert got["100%"] is True and got["3个"] is True  # = (no operator, not a cost)
    assert got["90-95%"] is True  # range
    assert got["50万元"] is True  # 成本指标 without operator: a cap (46.5 <= 50)
    assert got["合规"] is None  # words
    c = {i.level3: i for i in TRUTH["c_wuqing_hrss_2023_chuangye_selfeval.docx"].indicators}
    assert c["新建创业孵化基地数量"].actual_raw == "2" and c["新建创业孵化基地数量"].achieved is False
