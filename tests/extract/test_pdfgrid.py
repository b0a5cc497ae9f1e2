"""The grid of a ruled table, from cell boxes alone: spans, continuations and which cell owns each char."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from extract.pdfchars import line_text, text_lines
from extract.pdfgrid import GRID_TOLERANCE, _index, boundaries, grid_rows


def char(text: str, x0: float, top: float, size: float = 10.0, width: float | None = None) -> dict:
    w = size if width is None else width
    return {"text": text, "x0": x0, "x1": x0 + w, "top": top, "bottom": top + size, "size": size}


def test_boundaries_merge_close_values() -> None:
    assert boundaries([10.0, 10.4, 50.0, 49.9, 90.0]) == [10.0, 49.9, 90.0]


def test_middle_column_merged_down_and_wide_cell() -> None:
    # 3 columns (0-30-60-90), 3 rows (0-20-40-60); column 1 merged over rows 1-2; row 0 cells: [0-30], [30-90].
    boxes = [
        (0, 0, 30, 20), (30, 0, 90, 20),
        (0, 20, 30, 40), (30, 20, 60, 60), (60, 20, 90, 40),
        (0, 40, 30, 60), (60, 40, 90, 60),
    ]
    chars = [char("一", 2, 5), char("二", 35, 5), char("甲", 2, 25), char("乙", 40, 25), char("丙", 62, 25),
             char("丁", 2, 45), char("戊", 62, 45), char("外", 200, 5)]
    rows, stray = grid_rows(boxes, chars, page=3)
    assert [[(c.text, c.col, c.colspan, c.continued) for c in r.cells] for r in rows] == [
        [("一", 0, 1, False), ("二", 1, 2, False)],
        [("甲", 0, 1, False), ("乙", 1, 1, False), ("丙", 2, 1, False)],
        [("丁", 0, 1, False), ("", 1, 1, True), ("戊", 2, 1, False)],
    ]
    assert [c["text"] for c in stray] == ["外"]
    assert rows[2].cells[1].bbox == (30, 40, 60, 60)
    assert rows[2].ref == "p3 (0.0,40.0,90.0,60.0)" and rows[2].page == 3


def test_wrapped_cell_text_joins_without_spaces() -> None:
    boxes = [(0, 0, 60, 40)]
    chars = [char(t, 2 + 10 * i, 2) for i, t in enumerate("地址、邮编")] + [char(t, 2 + 10 * i, 15) for i, t in enumerate("准确率")]
    rows, _ = grid_rows(boxes, chars, page=1)
    assert rows[0].texts == ("地址、邮编准确率",)


def test_gap_spaces() -> None:
    # A small gap between CJK characters (justification) is no space; a wide one is; Latin word gaps are.
    assert line_text([char("财", 0, 0), char("政", 13, 0)]) == "财政"
    assert line_text([char("财", 0, 0), char("政", 25, 0)]) == "财 政"
    assert line_text([char("a", 0, 0, width=5), char("b", 9, 0, width=5)]) == "a b"
    assert line_text([char("a", 0, 0, width=5), char("b", 6, 0, width=5)]) == "ab"
    assert line_text([char("3", 0, 0, width=5), char("中", 7, 0)]) == "3中"


def test_duplicate_glyphs_of_fake_bold_are_read_once() -> None:
    assert line_text([char("标", 0, 0), char("标", 0.3, 0.2), char("题", 10, 0)]) == "标题"


def test_lines_are_grouped_by_vertical_overlap() -> None:
    chars = [char("大", 0, 0, size=14), char("小", 20, 3, size=10), char("下", 0, 20)]
    assert [line.text for line in text_lines(chars)] == ["大小", "下"]


@settings(max_examples=500, deadline=None, derandomize=True, database=None)
@given(values=st.lists(st.floats(-1000, 1000), min_size=1, max_size=30), value=st.floats(-1100, 1100))
def test_nearest_grid_line_is_the_nearest(values: list[float], value: float) -> None:
    """The bisection finds the line a scan of every line finds, the lower one on a tie."""
    assert (_index([0.0, 10.0, 20.0], 5.0), _index([0.0, 10.0, 20.0], 15.0), _index([0.0, 10.0], 99.0)) == (0, 1, 1)
    lines = boundaries(values)
    assert _index(lines, value) == min(range(len(lines)), key=lambda i: abs(lines[i] - value))
    for line in lines:  # on a line and half a tolerance either side of it
        for v in (line, line - GRID_TOLERANCE / 2, line + GRID_TOLERANCE / 2):
            assert _index(lines, v) == min(range(len(lines)), key=lambda i: abs(lines[i] - v))
