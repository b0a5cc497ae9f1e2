"""The seed's four goal tables read from its DOCX and its PDF, every cell equal to the seed."""

from __future__ import annotations

from pathlib import Path

import pytest

import extract
from seed import load_seed
from sample_units import sample_documents
from transform.clean import clean_text
from transform.layout import parse_goal_tables
from transform.records import GoalTable

SAMPLES = Path(__file__).parents[2] / "samples"
SEED_FILES = ["jizhou_court_2023.docx", "jizhou_court_2023.pdf"]


@pytest.fixture(scope="module", params=SEED_FILES)
def seed_tables(request: pytest.FixtureRequest) -> tuple[str, tuple[GoalTable, ...]]:
    return request.param, parse_goal_tables(extract.read_document(SAMPLES / request.param))


def _filled(rows: tuple[tuple[str, ...], ...]) -> list[tuple[str, ...]]:
    """The seed's indicator rows (header dropped) cleaned, 一级指标 filled down from the row above."""
    out, level1 = [], ""
    for row in rows[1:]:
        cells = tuple(clean_text(c) for c in row)
        level1 = cells[0] or level1
        out.append((level1, *cells[1:]))
    return out


def test_four_tables_forty_rows(seed_tables):
    _, tables = seed_tables
    assert [t.seq for t in tables] == [1, 2, 3, 4]
    assert sum(len(t.indicators) for t in tables) == 40


def test_every_indicator_cell_equals_the_seed(seed_tables):
    _, tables = seed_tables
    for table, seed in zip(tables, load_seed(), strict=True):
        got = [(r.level1, r.level2, r.level3, r.description, r.target_raw) for r in table.indicators]
        assert got == _filled(seed.indicator_rows)


def test_header_block_equals_the_seed(seed_tables):
    _, tables = seed_tables
    for table, seed in zip(tables, load_seed(), strict=True):
        unit, project, budget, purpose, goal = (tuple(clean_text(c) for c in r) for r in seed.header_rows)
        assert table.title == seed.title
        assert (table.unit_code, table.unit_name, table.money_unit) == ("216101", "天津市蓟州区人民法院", "万元")
        assert unit == ("216101天津市蓟州区人民法院", "单位：万元")
        assert table.project_name == project[1]
        assert (table.budget_total, table.budget_fiscal, table.budget_other) == (budget[2], budget[4], budget[6])
        assert table.purpose == purpose[1]
        assert table.goal_text == goal[1]


def test_pdf_rows_carry_their_page_and_box(seed_tables):
    name, tables = seed_tables
    for table in tables:
        if name.endswith(".pdf"):
            assert table.page == table.seq  # the generator starts each goal table on a new page
            assert all(r.source_page == table.seq and r.source_ref.startswith(f"p{table.seq} (")
                       for r in table.indicators)
        else:
            assert table.page is None
            assert all(r.source_page is None and r.source_ref.startswith("table ") for r in table.indicators)


@pytest.mark.parametrize("stem", sorted(sample_documents()))
def test_every_sample_reads_as_generated(stem: str):
    path = next(SAMPLES.glob(f"{stem}.*"))
    tables = parse_goal_tables(extract.read_document(path))
    truth = sample_documents()[stem]
    assert [t.title for t in tables] == [s.title for s in truth]
    for table, seed in zip(tables, truth, strict=True):
        got = [(r.level1, r.level2, r.level3, r.description, r.target_raw) for r in table.indicators]
        assert got == _filled(seed.indicator_rows)


@pytest.mark.parametrize(
    ("text", "other_table"),
    [
        ("附表：项目支出预算明细表", True),
        ("附表3", True),
        ("表5 一般公共预算财政拨款支出表", True),
        ("2023年一般公共预算“三公”经费支出表（单位：万元）", True),
        ("- 25 -", False),
        ("第 3 页", False),
        ("天津市蓟州区人民法院2023年部门预算", False),
        ("注：本表为空表。", False),
    ],
)
def test_other_table_title(text, other_table):
    from transform.layout import OTHER_TABLE_TITLE

    assert bool(OTHER_TABLE_TITLE.search(text)) is other_table
