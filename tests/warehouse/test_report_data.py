"""warehouse.report on the five sample documents: what the report's charts and unit sections are drawn from."""

from __future__ import annotations

from pathlib import Path

import pytest

from flows.run import run_ingest
from flows.settings import IngestSettings
from warehouse.report import report_data

SAMPLES = Path(__file__).parents[2] / "samples"
BAODI, JIZHOU, NINGHE, WUQING = (f"天津市{d}区人民法院" for d in ("宝坻", "蓟州", "宁河", "武清"))


@pytest.fixture(scope="module")
def data(samples_db: Path):
    return report_data(samples_db)


def test_overview_counts(data):
    assert {k: v for k, v in data.overview.items() if k != "last_run"} == {
        "n_documents": 5, "n_failed": 0, "n_tables": 16, "n_indicators": 156, "n_units": 4, "n_families": 48,
        "years": "2023"}
    assert data.overview["last_run"] is not None


def test_budget_counts_a_table_loaded_from_two_files_once(data):
    # 蓟州's four tables are in its Word file and its PDF: 398 + 46 + 28 + 17 = 489, not 978.
    assert data.budget.rows() == [
        (WUQING, 3, 647.5, "财政拨款 fiscal", 647.5),
        (JIZHOU, 4, 489.0, "财政拨款 fiscal", 489.0),
        (NINGHE, 3, 355.0, "其他资金 other", 10.0),
        (NINGHE, 3, 355.0, "财政拨款 fiscal", 345.0),
        (BAODI, 2, 42.0, "财政拨款 fiscal", 42.0),
    ]


def test_targets_are_each_units_targets_with_tukey_outliers(data):
    postage = data.targets.filter(data.targets["family_name"] == "同城邮寄费")
    # Units' targets 18, 20, 20, 25: quartiles 19.5 and 21.25, upper fence 21.25 + 1.5 × 1.75 = 23.875.
    assert postage.select("value", "outlier", "n_units_at", "units").rows() == [
        (18.0, False, 1, NINGHE), (20.0, False, 2, f"{BAODI}、{JIZHOU}"), (25.0, True, 1, WUQING)]
    assert data.target_boxes.filter(data.target_boxes["family_name"] == "同城邮寄费").rows(named=True) == [
        {"family_name": "同城邮寄费", "unit": "元/件", "n_units": 4, "q1": 19.5, "median": 20.0, "q3": 21.25,
         "low": 18.0, "high": 20.0}]  # the whisker stops at the last target inside the fences


def test_a_unit_stating_one_target_in_many_projects_is_one_point(data):
    # 干警满意度 is in 12 rows (10 projects), but the four units state only 90, 95 and 98.
    satisfaction = data.targets.filter(data.targets["family_name"] == "干警满意度")
    assert satisfaction.select("value", "n_units_at").rows() == [(90.0, 2), (95.0, 3), (98.0, 1)]
    assert satisfaction.row(1, named=True)["units"] == f"{NINGHE}、{WUQING}、{JIZHOU}"  # three names, sorted


def test_the_families_in_most_units_come_first(data):
    boxes = data.target_boxes
    assert boxes.height == 12  # TOP_FAMILIES
    assert boxes.get_column("n_units").to_list() == sorted(boxes.get_column("n_units").to_list(), reverse=True)
    assert boxes.get_column("n_units").min() >= 2
    assert set(data.targets.get_column("family_name")) == set(boxes.get_column("family_name"))


def test_targets_leave_out_a_target_in_another_unit(samples_db: Path):
    every = report_data(samples_db, top_families=100)
    assert every.target_boxes.height == 28  # the 29 families in 2+ units but one without numbers
    judges = every.targets.filter(every.targets["family_name"] == "法官人均结案数")
    assert judges.select("value", "units").rows() == [(228.0, BAODI), (236.0, NINGHE), (265.0, WUQING)]  # not 蓟州's 人/件


def test_quality_and_defects_count_each_table_once(data):
    assert data.quality.rows() == [
        (JIZHOU, 4, 40, 3, 0, 0.975, 0.5),
        (NINGHE, 3, 29, 0, 0, pytest.approx(0.931, abs=1e-3), 1.0),  # then by name: 宁 U+5B81 before 宝 U+5B9D
        (BAODI, 2, 16, 0, 0, 0.9375, 1.0),
        (WUQING, 3, 31, 0, 0, pytest.approx(0.9355, abs=1e-4), 1.0),
    ]
    assert data.defects.select("rule", "severity", "n_issues", "n_units").rows() == [
        ("name_cut_off", "error", 1, 1), ("number_glued_to_words", "error", 1, 1), ("per_capita_unit", "error", 1, 1)]
    assert "人/件" in data.defects.filter(data.defects["rule"] == "per_capita_unit")["example"][0]


def test_unit_sections_list_every_file(data):
    jizhou = data.unit_tables.filter(data.unit_tables["unit_name"] == JIZHOU)
    assert jizhou.select("file", "seq").rows() == [
        *(("jizhou_court_2023.docx", n) for n in range(1, 5)), *(("jizhou_court_2023.pdf", n) for n in range(1, 5))]
    assert data.unit_issues.filter(data.unit_issues["unit_name"] == JIZHOU).height == 6
    assert data.unit_tables.get_column("unit_name").unique().sort().to_list() == sorted([BAODI, JIZHOU, NINGHE, WUQING])


def test_a_fiscal_year_without_tables_gives_empty_frames(tmp_path: Path, data):
    db = tmp_path / "w.duckdb"
    run_ingest(IngestSettings([str(SAMPLES / "baodi_court_2023.docx")], db))
    empty = report_data(db, year=2024)
    assert empty.overview["n_tables"] == 0 and empty.overview["years"] is None
    for frame in (empty.budget, empty.targets, empty.target_boxes, empty.quality, empty.defects, empty.unit_tables, empty.unit_issues):
        assert frame.is_empty()
