"""Goal tables found in a document's line stream by their indicator grid, whatever template they follow.

A goal table is anchored on its indicator header (``transform.grid``): the
rows under it, across page breaks and repeated header rows, are its
indicator rows (``transform.indicators``), and what stands between the
previous goal table (or its own title) and the header is its header block
(``transform.block``). A title is metadata, never the test. Where something
looks like a goal table but none can be read from it (an indicator header
without a value column, a goal-table title over a table without a grid, a
grid without category rows), the document is refused with a LayoutError
naming the place; a self-evaluation table (绩效自评表) is refused too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from core.errors import LayoutError
from core.text import TITLE_NUMBER
from extract.records import RawDocument, RawText
from transform.block import HeaderBlock, classify, is_goal_title, is_title, read_block
from transform.grid import Header, fields_of, header_at, looks_like_header
from transform.indicators import has_categories, indicator_rows
from transform.lines import Line, document_lines
from transform.records import GoalTable, IndicatorRow
from transform.vocab import fold, strip_notes, vocabulary

MAX_LOOSE_LINES = 3  # text lines (no title among them) a header block reaches back over before its tables
BLOCK_LABELS = frozenset({"project", "unit", "supervisor", "money", "goal", "tasks", "purpose"})
TITLE_KIND = re.compile(r"(?:项目支出|部门整体支出|单位整体支出|部门（单位）整体支出|整体支出)?绩效目标(?:申报|填报)?表.*$")
# The title of some other table (附表3, 一般公共预算支出表, 表5 …): a goal table does not continue past it.
OTHER_TABLE_TITLE = re.compile(r"表\s*(?:[（(][^）)]*[）)])?\s*$|^(?:附表|表)\s*[\d一二三四五六七八九十]")
SHEET_REF = re.compile(r"^sheet '(?P<sheet>.*)' row (?P<row>\d+)$")
DOCX_REF = re.compile(r"^table (?P<table>\d+) row (?P<row>\d+)$")
PARAGRAPH_REF = re.compile(r"^paragraph (?P<n>\d+)$")


@dataclass(frozen=True)
class _Found:
    """One goal table's lines: its header block, its header, its grid rows."""

    block: tuple[Line, ...]
    header: Header
    grid: tuple[Line, ...]
    rows: tuple[IndicatorRow, ...]
    span: range  # the indices of every line it takes, header repeats and page furniture between included


def where(line: Line) -> str:
    """A line's place as a message names it, in Chinese and English: page, sheet and row, or table and row."""
    if line.page is not None:
        return f"第 {line.page} 页 page {line.page}"
    if m := SHEET_REF.match(line.ref):
        return f"工作表“{m['sheet']}”第 {m['row']} 行 sheet '{m['sheet']}' row {m['row']}"
    if m := DOCX_REF.match(line.ref):
        return f"第 {m['table']} 个表格第 {m['row']} 行 table {m['table']} row {m['row']}"
    if m := PARAGRAPH_REF.match(line.ref):
        return f"第 {m['n']} 段 paragraph {m['n']}"
    return line.ref


def _one_cell(line: Line) -> bool:
    return not line.in_table or len(line.nonblank) == 1


def _block_start(lines: Sequence[Line], lo: int, header_at_index: int) -> int:
    """Where the header block of the header at ``header_at_index`` begins: its title, else the tables before it
    and at most MAX_LOOSE_LINES text lines, never before ``lo`` (the end of the goal table before)."""
    loose = 0
    k = header_at_index - 1
    while k >= lo:
        line = lines[k]
        if _one_cell(line) and is_title(line.text):
            before = lines[k - 1] if k - 1 >= lo else None
            if before is not None and not before.in_table and TITLE_NUMBER.match(before.text):
                return k - 1  # a title wrapped as 12.某某项目 / 绩效目标表
            return k
        if not line.in_table:
            loose += 1
            if loose > MAX_LOOSE_LINES:
                return k + 1
        k -= 1
    return lo


def _ends_grid(line: Line) -> bool:
    """A row that cannot be an indicator row: 合计/说明 …, a header-block label, or a title."""
    first = next((c for c in line.cells if c), "")
    if fold(first) in vocabulary().grid_end:
        return True
    label = classify(first)
    return (label is not None and label.kind in BLOCK_LABELS) or (_one_cell(line) and is_title(first))


def _fits(header: Header, line: Line) -> bool:
    """Whether a row of another table can be read under ``header``: by position on the page or by order."""
    order = header.order
    widths = {len(order), len(order) - 1 if order and order[0] is None else len(order)}
    if len(line.cells) in widths:
        return True
    return bool(line.boxes) and len(fields_of(header, line)) >= 2


def _continues(header: Header, last: Line, line: Line, gap: Sequence[Line]) -> bool:
    """Whether ``line``, in a new table, carries on the grid: across a page break with nothing titled between,
    or right after it (no text between) in the same shape."""
    if any(is_title(g.text) or OTHER_TABLE_TITLE.search(g.text) for g in gap):
        return False
    if line.page is not None and last.page is not None and line.page > last.page:
        return _fits(header, line)
    return not gap and _fits(header, line)


def _grid(lines: Sequence[Line], start: int, header: Header) -> tuple[tuple[Line, ...], int]:
    """The grid rows under ``header`` from ``lines[start]``, and the index just after the last one taken."""
    rows: list[Line] = []
    gap: list[Line] = []
    last, end, k = header.line, start, start
    while k < len(lines):
        line = lines[k]
        if not line.in_table:
            gap.append(line)
            k += 1
            continue
        if line.table != last.table and not _continues(header, last, line, gap):
            break
        if _ends_grid(line):
            break
        again = header_at(lines, k)
        if again is not None:
            if again.signature != header.signature or (rows and line.table == last.table):
                break  # another goal table's header
            k += again.n_rows  # the header repeated on a new page
        else:
            rows.append(line)
            k += 1
        last, end, gap = lines[k - 1], k, []
    return tuple(rows), end


def _find(lines: Sequence[Line]) -> list[_Found]:
    found: list[_Found] = []
    done = i = 0
    while i < len(lines):
        header = header_at(lines, i) if lines[i].in_table else None
        if header is None:
            i += 1
            continue
        start = _block_start(lines, done, i)
        grid, end = _grid(lines, i + header.n_rows, header)
        done = max(end, i + header.n_rows)
        found.append(_Found(tuple(lines[start:i]), header, grid, tuple(indicator_rows(header, grid)),
                            range(start, done)))
        i = done
    return found


def _problems(lines: Sequence[Line], found: Sequence[_Found]) -> list[tuple[Line, str]]:
    """What looks like a goal table and gives none: (where, what is wrong), what a header says before what a
    title says (a header without a value column explains its title), each in document order."""
    used = {k for f in found for k in f.span}
    out: list[tuple[int, int, str]] = []  # (rank: 0 a header's problem, 1 a title's; line index; message)
    for k, line in enumerate(lines):
        if k in used:
            continue
        if line.in_table and looks_like_header(line):
            out.append((0, k, _no_value_column(line)))
        elif _one_cell(line) and is_goal_title(line.text) and _over_table(lines, k):
            out.append((1, k, f"此处有绩效目标表标题“{line.text}”，但其下的表格中找不到绩效指标表头（一级指标、二级指标、"
                              f"三级指标、指标值），无法读取。 The goal-table title “{line.text}” is here, but the table"
                              " under it has no indicator header (一级指标, 二级指标, 三级指标, 指标值)."))
    for f in found:
        cells = "、".join(c for c in f.header.line.cells if c)
        at = f.span.start + len(f.block)
        if not f.rows:
            out.append((0, at, f"此处的绩效指标表头（{cells}）下没有指标行，无法读取。"
                                       f" The indicator header here ({cells}) has no indicator rows under it."))
        elif not has_categories(f.rows):
            out.append((0, at, f"此处绩效指标表头（{cells}）下的行中找不到指标类别（产出指标、效益指标、满意度指标等），"
                                       f"无法读取。 The rows under the indicator header here ({cells}) name no"
                                       " indicator category (产出指标, 效益指标, 满意度指标 …)."))
    return [(lines[k], message) for _, k, message in sorted(out)]


def _no_value_column(line: Line) -> str:
    cells = "、".join(c for c in line.cells if c)
    return (f"此处有绩效指标表头（{cells}），但缺少三级指标或指标值列，无法读取绩效目标表。请使用包含一级、二级、三级指标"
            f"和指标值列的表头后重新提交。 An indicator header is here ({cells}), but it has no indicator-name or"
            " 指标值 (target) column, so the goal table cannot be read; use a header with the indicator levels and"
            " a 指标值 column and resubmit.")


def _over_table(lines: Sequence[Line], k: int) -> bool:
    """True when the title at ``k`` stands right over a table (perhaps with a unit line between)."""
    after = lines[k + 1 : k + 3]
    return bool(after) and (after[0].in_table or (len(after) > 1 and after[1].in_table and "单位" in after[0].text))


def _kind(f: _Found, block: HeaderBlock) -> str:
    """project, department, or self_evaluation: a grid with actual results or scores, a block with the money
    spent, or a title such as …绩效自评表."""
    if f.header.self_evaluation or block.self_evaluation or any(
            w in fold(block.title) for w in vocabulary().title["self_evaluation"]):
        return "self_evaluation"
    return "department" if block.department or _is_department_title(block.title) else "project"


def _name_from_title(title: str) -> str:
    """The project named in a title: ``1.司法救助-2023中央绩效目标表`` → ``司法救助-2023中央``."""
    return TITLE_KIND.sub("", TITLE_NUMBER.sub("", title)) or title


def _is_department_title(title: str) -> bool:
    bare = strip_notes(fold(title))
    return any(w in bare for w in vocabulary().title["department"])


def _page(f: _Found) -> int | None:
    titled = next((line for line in f.block if _one_cell(line) and is_title(line.text)), None)
    first = titled or next((line for line in f.block if line.in_table), f.header.line)
    return first.page


def _table(seq: int, f: _Found, block: HeaderBlock) -> GoalTable:
    return GoalTable(
        seq=seq, title=block.title, unit_code=block.unit_code, unit_name=block.unit_name,
        money_unit=block.money_unit, project_name=block.project_name or _name_from_title(block.title),
        budget_total=block.budget_total, budget_fiscal=block.budget_fiscal, budget_other=block.budget_other,
        purpose=block.purpose, goal_text=block.goal_text, indicators=f.rows,
        page=_page(f), fiscal_year=block.fiscal_year,
        kind=_kind(f, block), tasks=block.tasks, budget_carryover=block.budget_carryover,
        budget_executed=block.budget_executed, execution_rate=block.execution_rate,
        execution_weight=block.execution_weight, execution_score=block.execution_score,
    )


def parse_goal_tables(doc: RawDocument) -> tuple[GoalTable, ...]:
    """Every goal table in ``doc``, in document order; () only when nothing in it looks like a goal table.

    A self-evaluation table (绩效自评表) is read as one of kind ``self_evaluation``. Raises LayoutError, naming
    the page, sheet or table, for an indicator header or goal-table title from which no goal table can be read.
    """
    lines = document_lines(doc)
    found = _find(lines)
    blocks = [read_block(f.block) for f in found]
    problems = _problems(lines, found)
    if problems:
        line, message = problems[0]
        more = f"（另有 {len(problems) - 1} 处问题） ({len(problems) - 1} more)" if len(problems) > 1 else ""
        raise LayoutError(message + more, path=doc.path, where=where(line))
    return tuple(_table(seq, f, block) for seq, (f, block) in enumerate(zip(found, blocks), start=1))


def no_goal_table_reason(doc: RawDocument) -> str:
    """Why ``doc``, for which ``parse_goal_tables`` found nothing, holds no goal table: what was read instead.

    >>> no_goal_table_reason(RawDocument("a.docx", "docx", ()))
    '文件中没有表格，也没有文字。 The file holds no table and no text.'
    """
    tables = doc.tables
    n_lines = sum(isinstance(b, RawText) for b in doc.blocks)
    if doc.format == "pdf" and not doc.blocks:
        return (f"PDF 共 {doc.n_pages or 0} 页，没有一页含有绩效目标表的字样（如 绩效目标、绩效指标、指标值）。"
                f" None of the PDF's {doc.n_pages or 0} pages holds the words of a goal table (绩效目标, 绩效指标,"
                " 指标值 …).")
    if not tables:
        if not n_lines:
            return "文件中没有表格，也没有文字。 The file holds no table and no text."
        return (f"文件中没有表格（只有 {n_lines} 行文字）；绩效目标表须是表格，而不是图片或用空格排出的文字。"
                f" The file holds no table, only {n_lines} lines of text; a goal table must be a real table,"
                " not a picture or text laid out with spaces.")
    return (f"文件中有 {len(tables)} 个表格，但没有一个带有绩效指标的表头（如 一级指标、二级指标、三级指标、指标值）。"
            f" The file holds {len(tables)} tables, but none has the header of a goal table's indicators"
            " (一级指标, 二级指标, 三级指标, 指标值 …).")
