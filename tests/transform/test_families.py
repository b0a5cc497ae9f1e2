"""Indicator families: wordings of one indicator join, near-identical names of different ones stay apart."""

from __future__ import annotations

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transform.families import assign_families, canonical, family_id_of, same_indicator


@pytest.mark.parametrize(("a", "b"), [
    ("干警满意度", "干警满意率"),
    ("干警满意度", "法院干警满意度"),
    ("干警满意度", "全院干警满意度"),
    ("法官人均结案数", "员额法官人均结案数"),
    ("人均结案数（员额法官）", "员额法官人均结案数"),
    ("案件受理数", "案件受理数量"),
    ("全年受理案件数", "案件受理数"),
    ("送达诉讼文书数量", "诉讼文书送达数量"),
    ("同城邮寄费", "同城邮寄费用"),
    ("同城邮寄费", "同城邮寄单价"),
    ("保障期限", "保障时限"),
    ("拨款到位及时率", "资金拨付及时率"),
    ("一审判决改判发回率", "一审改判发回率"),
    ("12368热线接听量", "12368热线来电接听数量"),
    ("促进司法民主", "推进司法民主"),
])
def test_wordings_of_one_indicator_join(a, b):
    assert same_indicator(canonical(a), canonical(b))


@pytest.mark.parametrize(("a", "b"), [
    ("民事案件调解率", "民事案件撤诉率"),
    ("同城邮寄费", "异地邮寄费"),
    ("民事案件受理数", "刑事案件受理数"),
    ("干警满意度", "当事人满意度"),
    ("执行到位率", "执行完毕率"),
    ("电子卷宗随案生成率", "电子卷宗深度应用率"),
    ("司法救助人数", "司法救助案件数"),
    ("故障响应时间", "故障修复时间"),
    ("人民陪审员参审案件数", "人民陪审员参审率"),
    ("邮寄成功率", "邮寄及时率"),
])
def test_near_identical_names_of_different_indicators_stay_apart(a, b):
    assert not same_indicator(canonical(a), canonical(b))


def _rows(*rows: tuple[str, str, str | None, str]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema=["indicator_key", "level2_std", "target_unit_std", "table_id"], orient="row")


def _families(frame: pl.DataFrame) -> set[frozenset[str]]:
    return {frozenset(g.get_column("indicator_key")) for _, g in frame.group_by("family_id")}


def test_families_across_units():
    got = assign_families(_rows(
        ("干警满意度", "服务对象满意度指标", "%", "a-1"),
        ("干警满意率", "服务对象满意度指标", "%", "b-1"),
        ("法院干警满意度", "服务对象满意度指标", "%", "c-1"),
        ("当事人满意度", "服务对象满意度指标", "%", "a-1"),
        ("同城邮寄费", "经济成本指标", "元/件", "a-2"),
        ("异地邮寄费", "经济成本指标", "元/件", "a-2"),
    ))
    assert _families(got) == {frozenset({"干警满意度", "干警满意率", "法院干警满意度"}), frozenset({"当事人满意度"}),
                              frozenset({"同城邮寄费"}), frozenset({"异地邮寄费"})}
    assert set(got.filter(pl.col("indicator_key") == "干警满意率").get_column("family_name")) == {"干警满意度"}


def test_two_keys_of_one_table_are_never_one_family():
    """结案率 and 审限内结案率 read alike; written side by side in one table, they are two indicators."""
    got = assign_families(_rows(("结案率", "质量指标", "%", "t1"), ("审限内结案率", "质量指标", "%", "t1"),
                                ("案件结案率", "质量指标", "%", "t2")))
    assert _families(got) == {frozenset({"结案率", "案件结案率"}), frozenset({"审限内结案率"})}


def test_different_units_or_categories_are_different_families():
    got = assign_families(_rows(("培训人次", "数量指标", "人次", "a"), ("培训人次数", "数量指标", "天", "b"),
                                ("办案时间", "时效指标", "天", "a"), ("办案时间数", "数量指标", "天", "b")))
    assert len(_families(got)) == 4


def test_a_pin_moves_a_key_and_names_its_family():
    rows = _rows(("干警满意度", "服务对象满意度指标", "%", "a"), ("全体干警对后勤保障满意程度", "服务对象满意度指标", "%", "b"),
                 ("法院干警满意度", "服务对象满意度指标", "%", "c"))
    assert len(_families(assign_families(rows))) == 2
    pinned = assign_families(rows, {"全体干警对后勤保障满意程度": "干警满意度"})
    assert _families(pinned) == {frozenset({"干警满意度", "法院干警满意度", "全体干警对后勤保障满意程度"})}
    assert pinned.filter(pl.col("pinned")).get_column("indicator_key").to_list() == ["全体干警对后勤保障满意程度"]
    separated = assign_families(rows, {"法院干警满意度": "法院干警满意度（单列）"})
    assert len(_families(separated)) == 3


def test_family_id_is_stable():
    assert family_id_of("干警满意度") == family_id_of("干警满意度") != family_id_of("当事人满意度")


NAMES = ["干警满意度", "干警满意率", "法院干警满意度", "当事人满意度", "民事案件调解率", "民事案件撤诉率", "同城邮寄费",
         "同城邮寄费用", "异地邮寄费", "结案率", "审限内结案率", "案件结案率"]


@settings(max_examples=50, deadline=None)
@given(st.permutations(NAMES))
def test_families_do_not_depend_on_the_order_rows_arrive_in(order):
    rows = _rows(*((k, "x", None, f"t{NAMES.index(k)}") for k in order))
    assert assign_families(rows).to_dicts() == assign_families(_rows(*((k, "x", None, f"t{NAMES.index(k)}")
                                                                        for k in NAMES))).to_dicts()


@pytest.mark.parametrize("order", [(0, 1, 2), (1, 0, 2), (2, 1, 0), (1, 2, 0)])
def test_a_tie_between_categories_is_broken_the_same_way_every_time(order):
    """干警满意度 is written once under each of three level2s: the tie goes to the first in sorted order (服务对象满意度指标
    sorts first, by code point), whatever the rows' order; polars' mode() lists tied values in no fixed order."""
    written = [("干警满意度", "服务对象满意度指标", "%", "a-1"), ("干警满意度", "质量指标", "%", "b-1"),
               ("干警满意度", "社会效益指标", "%", "c-1")]
    got = assign_families(_rows(*(written[i] for i in order), ("干警满意率", "服务对象满意度指标", "%", "d-1")))
    assert _families(got) == {frozenset({"干警满意度", "干警满意率"})}
