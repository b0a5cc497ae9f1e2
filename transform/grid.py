"""The indicator grid's header: which row names the indicator levels and the value, and which column holds what.

A header is recognised by scoring each cell against the field words of
``vocabulary.toml`` ``[grid]`` (``transform.vocab``), never by an exact set:
``三级指标``, ``三级``, ``指标名称`` and ``指标内容`` all name the third level.
It may sit in one row or in two (``绩效指标`` spanning the level columns
over ``一级 | 二级 | 三级``, ``指标值`` merged down beside them), and its
first cell may be blank or a label over a merged left column. A grid of
two levels (指标类型 | 指标名称) has no ``level2``. ``fields_of`` then
reads a row under the header by grid column, by position on the page, or
by order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from transform.lines import Line
from transform.vocab import fold, match, vocabulary

FIELD_ORDER = ("level3", "level1", "level2", "target", "op", "unit", "description",
               "actual", "weight", "score", "deviation", "label", "ignored")
"""Fields are given their column in this order, each the best cell left; the levels and the value come first."""
LEVELS = ("level1", "level2", "level3")
SELF_EVALUATION_FIELDS = ("actual", "weight", "score", "deviation")
READ_FIELDS = ("level1", "level2", "level3", "description", "target", "op", "unit")
VALUE_FIELDS = READ_FIELDS + SELF_EVALUATION_FIELDS  # the fields a row's values are read for
MIN_SCORE = 0.8  # a cell names a field at this score or more (vocab.CONTAINED)
NEAR_TIE = 0.06  # a cell may go to a field scoring this much below its best one (指标内容: level3 or description)
SEEN_SCORE = 0.9  # two cells naming grid fields this well make a row look like an indicator header
HINT_WORDS = ("指标", "级", "值", "目标", "标准")  # a header row holds one of these; other rows are not scored
X_TOLERANCE = 2.0  # points: a cell's middle this far outside a header cell still lies under it


@dataclass(frozen=True)
class Column:
    """One field of the grid: the grid columns [start, end) its header cell covers, and its box on a PDF page."""

    field: str
    start: int
    end: int
    x0: float | None = None
    x1: float | None = None


@dataclass(frozen=True)
class Header:
    """An indicator header: its columns, the rows it takes, and what it says about the table."""

    columns: tuple[Column, ...]
    line: Line  # the last header row (the one right above the indicator rows)
    n_rows: int
    order: tuple[str | None, ...]  # the field under each cell of ``line``, left to right (for rows read by order)

    @property
    def fields(self) -> frozenset[str]:
        return frozenset(c.field for c in self.columns)

    @property
    def two_level(self) -> bool:
        return "level2" not in self.fields

    @property
    def self_evaluation(self) -> bool:
        return bool(self.fields & set(SELF_EVALUATION_FIELDS))

    @property
    def signature(self) -> tuple[str, ...]:
        """The fields left to right: a row with the same signature repeats the header (a new PDF page)."""
        return tuple(c.field for c in sorted(self.columns, key=lambda c: c.start) if c.field in READ_FIELDS)


@dataclass(frozen=True)
class _Scored:
    text: str
    start: int
    end: int
    scores: dict[str, float]
    box: tuple[float, float] | None


@lru_cache(maxsize=65536)
def cell_scores(text: str) -> dict[str, float]:
    """The grid fields a cell's text names, with their scores (at least MIN_SCORE)."""
    folded = fold(text)
    return {name: s for name, words in vocabulary().grid.items() if (s := match(folded, words)) >= MIN_SCORE}


def _scored(line: Line) -> list[_Scored]:
    out = []
    for i, (text, col) in enumerate(zip(line.cells, line.cols)):
        span = line.spans[i] if line.spans else 1
        box = line.boxes[i] if line.boxes else None
        out.append(_Scored(text, col, col + span, cell_scores(text), box))
    return out


def _assign(cells: Sequence[_Scored]) -> dict[int, str]:
    """Cell index → field: each field, in FIELD_ORDER, takes the unassigned cell that names it best."""
    taken: dict[int, str] = {}
    named = [(i, cell.scores, max(cell.scores.values())) for i, cell in enumerate(cells) if cell.scores]
    for name in FIELD_ORDER if named else ():  # most rows of a grid name no field
        best, best_score = None, 0.0
        for i, scores, top in named:
            score = scores.get(name, 0.0)
            if i in taken or score < MIN_SCORE or score < top - NEAR_TIE:
                continue
            if score > best_score:
                best, best_score = i, score
        if best is not None:
            taken[best] = name
    return taken


def _hinted(line: Line) -> bool:
    text = line.text
    return line.in_table and any(word in text for word in HINT_WORDS)


def _columns(rows: Sequence[Sequence[_Scored]]) -> list[Column]:
    """The grid's columns from one header row, or two: a field of the lower row wins where both name one."""
    by_start: dict[int, Column] = {}
    for cells in rows:  # upper row first, so the lower one overrides it
        for i, name in _assign(cells).items():
            cell = cells[i]
            for other in [c for c in by_start.values() if c.start < cell.end and cell.start < c.end]:
                del by_start[other.start]
            x0, x1 = cell.box if cell.box else (None, None)
            by_start[cell.start] = Column(name, cell.start, cell.end, x0, x1)
    return sorted(by_start.values(), key=lambda c: c.start)


def _two_levels(columns: list[Column]) -> list[Column]:
    """一级指标 | 二级指标 with no third level: the second is the indicator's name (level3), level2 none."""
    names = {c.field for c in columns}
    if "level3" not in names and "level2" in names:
        return [Column("level3", c.start, c.end, c.x0, c.x1) if c.field == "level2" else c for c in columns]
    return columns


def _valid(columns: list[Column]) -> bool:
    names = {c.field for c in columns}
    return "level3" in names and "target" in names and bool(names & {"level1", "level2"})


def looks_like_header(line: Line) -> bool:
    """True for a row that names two or more indicator-grid fields (一级指标 | 二级指标, 三级指标 | 指标值 …)."""
    if not _hinted(line):
        return False
    named = {name for cell in _scored(line) for name, s in cell.scores.items()
             if s >= SEEN_SCORE and name in READ_FIELDS}
    return len(named) >= 2 and bool(named & set(LEVELS))


def header_at(lines: Sequence[Line], i: int) -> Header | None:
    """The indicator header that starts at ``lines[i]`` (one row, or two in the same table), or None."""
    line = lines[i]
    if not _hinted(line):
        return None
    first = _scored(line)
    columns = _two_levels(_columns([first]))
    if _valid(columns):
        return _header(columns, line, 1, first)
    below = lines[i + 1] if i + 1 < len(lines) else None
    if below is None or below.table != line.table or not below.in_table:
        return None
    second = _scored(below)
    columns = _two_levels(_columns([first, second]))
    if _valid(columns) and any(c.scores for c in first) and any(c.scores for c in second):
        return _header(columns, below, 2, second)
    return None


def _header(columns: list[Column], line: Line, n_rows: int, cells: Sequence[_Scored]) -> Header:
    order = tuple(next((c.field for c in columns if c.start < cell.end and cell.start < c.end), None)
                  for cell in cells)
    return Header(tuple(columns), line, n_rows, order)


def _by_box(header: Header, box: tuple[float, float]) -> list[str]:
    middle = (box[0] + box[1]) / 2
    return [c.field for c in header.columns
            if c.x0 is not None and c.x1 is not None and c.x0 - X_TOLERANCE <= middle <= c.x1 + X_TOLERANCE]


def fields_of(header: Header, line: Line) -> dict[str, str]:
    """The row's cell texts by field: by grid column in the header's table, by position on the page in a table
    that continues it on a later PDF page, else by order (with or without the merged label column).

    A cell merged across several field columns (三级指标 and 绩效指标描述 written once) gives its text to each.
    """
    same_grid = line.table == header.line.table
    use_boxes = not same_grid and bool(line.boxes) and all(c.x0 is not None for c in header.columns)
    order = header.order
    if not same_grid and not use_boxes and len(line.cells) != len(order):
        trimmed = order[1:] if order and order[0] is None else order
        order = trimmed if len(line.cells) == len(trimmed) else order
    by_order = not same_grid and not use_boxes and len(line.cells) == len(order)
    out: dict[str, str] = {}
    for i, (text, col) in enumerate(zip(line.cells, line.cols)):
        if not text:
            continue
        span = line.spans[i] if line.spans else 1
        if use_boxes:
            names = _by_box(header, line.boxes[i])
        elif by_order:
            names = [order[i]] if order[i] else []
        else:
            names = [c.field for c in header.columns if c.start < col + span and col < c.end]
        for name in names:
            if name in VALUE_FIELDS:
                out[name] = out.get(name, "") + text
    return out
