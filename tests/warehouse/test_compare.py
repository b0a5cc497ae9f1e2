"""warehouse.compare on the five sample documents: families matched by name, wording or part of a name, ranked."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import polars as pl
import pytest

from flows.run import run_ingest
from flows.settings import IngestSettings
from core.errors import UsageError
from warehouse import compare, connect

SAMPLES = Path(__file__).parents[2] / "samples"
BAODI, JIZHOU, NINGHE, WUQING = (f"天津市{d}区人民法院" for d in ("宝坻", "蓟州", "宁河", "武清"))
SHOWN = ["family_name", "rank", "unit_name", "project_name", "target_raw", "target_value_std", "target_unit_std",
         "n_rows"]

# 蓟州 is loaded twice (its Word file and its PDF), so each of its rows counts 2.
SATISFACTION = [
    ("干警满意度", 1, WUQING, "审判执行业务经费-2023市级", "98%", 98.0, "%", 1),
    ("干警满意度", 1, WUQING, "诉讼服务中心运行维护费", "98%", 98.0, "%", 1),
    ("干警满意度", 3, NINGHE, "司法救助-2023市级", "≥95%", 95.0, "%", 1),
    ("干警满意度", 3, NINGHE, "宁河法院邮寄送达服务费-2023市级", "≥95%", 95.0, "%", 1),
    ("干警满意度", 3, NINGHE, "法院办案业务经费-2023中央", "≥95%", 95.0, "%", 1),
    ("干警满意度", 3, WUQING, "武清法院邮寄送达费-2023市级", "≥95%", 95.0, "%", 1),
    ("干警满意度", 3, JIZHOU, "法院办案业务、业务装备及审判辅助事务外包服务经费-2023中央", "95%", 95.0, "%", 2),
    ("干警满意度", 8, BAODI, "宝坻法院邮寄送达费", "≥90%", 90.0, "%", 1),
    ("干警满意度", 8, BAODI, "法院办案业务经费-2023中央", "≥90%", 90.0, "%", 1),
    ("干警满意度", 8, JIZHOU, "蓟州法院办案业务费", "≥90%", 90.0, "%", 2),
]


@pytest.fixture(scope="module")
def db(samples_db: Path) -> Path:
    return samples_db


def _shown(frame) -> list[tuple]:
    return frame.select(SHOWN).rows()


def test_a_family_across_units_ranked_highest_first(db):
    found = compare(db, ["干警满意度"])
    assert _shown(found.rows) == SATISFACTION
    assert found.families.rows(named=True) == [{
        "family_name": "干警满意度", "n_units": 4, "n_indicators": 12, "min_value": 90.0, "median_value": 95.0,
        "max_value": 98.0, "target_unit_std": "%", "lower_first": False}]
    assert found.unmatched == {}


def test_a_cost_ranks_its_lowest_target_first(db):
    rows = compare(db, ["同城邮寄费"]).rows
    assert rows.select("rank", "unit_name", "target_raw", "n_rows").rows() == [
        (1, NINGHE, "18元/件", 1), (2, BAODI, "20元/件", 1), (2, JIZHOU, "20元/件", 2), (4, WUQING, "25元/件", 1)]
    assert rows.get_column("lower_first").all()


def test_a_target_in_another_unit_is_shown_but_not_ranked(db):
    rows = compare(db, ["法官人均结案数"]).rows
    assert rows.select("rank", "unit_name", "target_raw", "target_unit_std", "comparable").rows() == [
        (1, WUQING, "≥265件/人", "件/人", True),
        (2, NINGHE, "≥236件/人", "件/人", True),
        (3, BAODI, "≥228件/人", "件/人", True),
        (None, JIZHOU, "≥242人/件", "人/件", False),  # the seed's known defect: 人/件 for 件/人
    ]


def test_a_units_own_wording_finds_its_family(db):
    rows = compare(db, ["为审判提供长效保障"]).rows
    assert rows.get_column("family_name").unique().to_list() == ["为审判提供长效有力保障"]
    assert rows.get_column("unit_name").n_unique() == 4


def test_part_of_a_name_finds_every_family_containing_it(db):
    found = compare(db, ["邮寄费"])
    assert found.families.get_column("family_name").to_list() == ["同城邮寄费", "异地邮寄费"]
    assert found.rows.filter(found.rows["family_name"] == "异地邮寄费").select("rank", "unit_name").rows() == [
        (1, NINGHE), (2, WUQING), (3, JIZHOU)]  # a cost: 35, 38, 40 元/件


def test_an_exact_name_does_not_pull_in_longer_ones(db):
    # 干警满意度 is a family; 满意度 alone would also find 受救助人满意度 and others.
    assert compare(db, ["干警满意度"]).families.height == 1
    assert {"干警满意度", "受救助人满意度", "当事人满意度"} <= set(compare(db, ["满意度"]).families["family_name"])


def test_families_keep_the_order_of_the_texts(db):
    found = compare(db, ["法官人均结案数", "干警满意度"])
    assert found.families.get_column("family_name").to_list() == ["法官人均结案数", "干警满意度"]
    assert found.rows.get_column("family_name").unique(maintain_order=True).to_list() == ["法官人均结案数", "干警满意度"]


def test_an_unknown_text_gets_the_closest_family_names(db):
    found = compare(db, ["干警满意率", "干警满意度"])
    assert found.unmatched == {"干警满意率": ["干警满意度"]}
    assert _shown(found.rows) == SATISFACTION
    assert compare(db, ["完全无关的文字"]).unmatched == {"完全无关的文字": []}


def test_the_fiscal_year_filters_rows(db):
    assert _shown(compare(db, ["干警满意度"], year=2023).rows) == SATISFACTION
    empty = compare(db, ["干警满意度"], year=2024)
    assert empty.rows.is_empty() and empty.unmatched == {}


def test_without_texts_the_families_shared_by_units(db):
    found = compare(db)
    assert found.rows.is_empty()
    assert found.families.row(0, named=True) == {
        "family_name": "干警满意度", "n_units": 4, "n_indicators": 12, "target_unit_std": "%", "min_value": 90.0,
        "median_value": 95.0, "max_value": 98.0}
    assert found.families.get_column("n_units").min() == 2
    assert found.families.height == 29
    assert compare(db, year=2024).families.is_empty()


def test_compare_reads_an_open_connection_and_leaves_the_file_untouched(db):
    before = db.stat().st_mtime_ns
    with duckdb.connect(str(db), read_only=True) as con:
        assert _shown(compare(con, ["干警满意度"]).rows) == SATISFACTION
    assert db.stat().st_mtime_ns == before


def test_compare_follows_a_pinned_family(tmp_path: Path):
    path = tmp_path / "w.duckdb"
    run_ingest(IngestSettings([str(SAMPLES / "ninghe_court_2023.docx"), str(SAMPLES / "baodi_court_2023.docx")], path))
    con = connect(path)
    try:
        from flows.identity import refresh_identity
        from warehouse.identity import pin_family

        pin_family(con, "异地邮寄费", "同城邮寄费")
        refresh_identity(con)
        assert set(compare(con, ["同城邮寄费"]).rows["target_raw"]) == {"18元/件", "20元/件", "35元/件"}
    finally:
        con.close()


def test_compare_on_a_missing_file(tmp_path: Path):
    with pytest.raises(UsageError, match="No warehouse at"):
        compare(tmp_path / "nowhere.duckdb", ["干警满意度"])


def test_ranks_are_within_a_fiscal_year_latest_first(samples_db: Path, tmp_path: Path):
    db = tmp_path / "w.duckdb"
    shutil.copy(samples_db, db)
    with duckdb.connect(str(db)) as con:
        con.execute("UPDATE store.goal_tables SET fiscal_year = 2024 WHERE unit_name = ?", [BAODI])
    rows = compare(db, ["干警满意度"]).rows
    assert rows.select("fiscal_year", "rank", "unit_name").rows()[:2] == [(2024, 1, BAODI), (2024, 1, BAODI)]
    assert rows.filter(rows["fiscal_year"] == 2023).get_column("rank").to_list() == [1, 1, 3, 3, 3, 3, 3, 8]


def test_the_list_of_shared_families_spreads_over_the_year_asked_for(samples_db: Path, tmp_path: Path):
    db = tmp_path / "w.duckdb"
    shutil.copy(samples_db, db)
    with duckdb.connect(str(db)) as con:  # 武清 (the 98% targets) and 宁河 move to 2024
        con.execute("UPDATE store.goal_tables SET fiscal_year = 2024 WHERE unit_name IN (?, ?)", [WUQING, NINGHE])
    row = compare(db, year=2023).families.filter(pl.col("family_name") == "干警满意度").row(0, named=True)
    assert (row["n_units"], row["min_value"], row["max_value"]) == (2, 90.0, 95.0)
