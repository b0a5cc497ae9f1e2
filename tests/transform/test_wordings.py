"""The seed's real Word file with its header cells and money unit reworded as other provinces word them.

Each case rewrites one cell text of ``samples/jizhou_court_2023.docx`` (or
of the layout-B fixture) inside its ``word/document.xml`` and reads the
file again: the header wordings real-layouts.md lists must still give the
seed's four goal tables and forty rows, and each money unit must give the
exact 万元 amounts.
"""

from __future__ import annotations

import zipfile
from decimal import Decimal
from pathlib import Path

import pytest

import extract
from transform.layout import parse_goal_tables
from transform.normalize import normalize

ROOT = Path(__file__).parents[2]
SEED = ROOT / "samples" / "jizhou_court_2023.docx"
LAYOUT_B = ROOT / "tests" / "data" / "layouts" / "layout_b_project.docx"


def _reworded(source: Path, tmp_path: Path, **changes: str) -> Path:
    """A copy of ``source`` whose cell texts equal to each key are replaced by its value."""
    out = tmp_path / source.name
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item)
            if item.filename == "word/document.xml":
                text = data.decode("utf-8")
                for old, new in changes.items():
                    assert f"<w:t>{old}</w:t>" in text, old
                    text = text.replace(f"<w:t>{old}</w:t>", f"<w:t>{new}</w:t>")
                data = text.encode("utf-8")
            zout.writestr(item, data)
    return out


def _seed_rows(path: Path) -> list[tuple]:
    return [(r.level1, r.level2, r.level3, r.description, r.target_raw)
            for t in parse_goal_tables(extract.read_document(path)) for r in t.indicators]


@pytest.fixture(scope="module")
def seed_rows() -> list[tuple]:
    return _seed_rows(SEED)


@pytest.mark.parametrize("value", ["指标值（目标值）", "年度指标值", "目标值", "年度(/项目)指标值", "项目指标值",
                                   "当年预期实现值", "指标值（包含数字及文字描述）", "年度目标值"])
def test_value_column_wordings_give_the_four_tables(tmp_path: Path, seed_rows: list[tuple], value: str):
    path = _reworded(SEED, tmp_path, 指标值=value)
    assert len(parse_goal_tables(extract.read_document(path))) == 4
    assert _seed_rows(path) == seed_rows


@pytest.mark.parametrize(("level1", "level2", "level3"), [("一级", "二级", "三级"), ("一级指标", "二级指标", "指标名称"),
                                                          ("一级指标", "二级指标", "具体指标"),
                                                          ("一级\n指标", "二级\n指标", "三级\n指标")])
def test_level_wordings_give_the_four_tables(tmp_path: Path, seed_rows: list[tuple], level1, level2, level3):
    path = _reworded(SEED, tmp_path, 一级指标=level1, 二级指标=level2, 三级指标=level3)
    assert _seed_rows(path) == seed_rows


@pytest.mark.parametrize(("statement", "total"), [
    ("单位：元", Decimal("0.0398")), ("单位：千元", Decimal("39.8000")), ("单位：万元", Decimal("398.0000")),
    ("单位：亿元", Decimal("3980000.0000")), ("金额单位：元", Decimal("0.0398")),
])
def test_each_money_unit_gives_exact_wan_yuan(tmp_path: Path, statement: str, total: Decimal):
    path = _reworded(SEED, tmp_path, **{"单位：万元": statement})
    frames = normalize(parse_goal_tables(extract.read_document(path)), path=str(path))
    assert frames.goal_tables["budget_total"][0] == total  # 398.00 in the stated unit
    assert frames.goal_tables["money_unit"][0] == statement.split("：")[1]


def test_a_unit_in_the_money_labels_brackets(tmp_path: Path):
    path = _reworded(LAYOUT_B, tmp_path, **{"项目资金（万元）": "项目资金（元）"})
    frames = normalize(parse_goal_tables(extract.read_document(path)), path=str(path))
    # 186.50 元 and 56.80 元, in 万元 to the four places the warehouse keeps (DECIMAL(18,4): one 元 is 0.0001)
    assert frames.goal_tables["budget_total"].to_list() == [Decimal("0.0187"), Decimal("0.0057")]
    assert frames.goal_tables["money_unit"].to_list() == ["元", "元"]


def test_no_unit_stated_is_read_as_wan_yuan_and_said(tmp_path: Path):
    path = _reworded(SEED, tmp_path, **{"单位：万元": ""})
    frames = normalize(parse_goal_tables(extract.read_document(path)), path=str(path))
    assert frames.goal_tables["budget_total"][0] == Decimal("398.0000")
    assert frames.goal_tables["money_unit"].to_list() == [None] * 4
