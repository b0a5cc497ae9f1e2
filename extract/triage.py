"""Which pages of a PDF can hold a goal table, decided from the text layer before any table is looked for.

A published budget buries its goal tables (绩效目标表) in an appendix
after dozens of pages of other tables, and pdfplumber's table finder, the
slow part of reading a PDF (about 11-40 pages/s here), learns nothing from
those pages. pypdfium2 reads a page's text about 50 times faster, so
``extract.pdf`` first reads every page's text with it and runs the table
finder only on the pages this module picks:

1. **Candidates**: pages whose text (NFKC, all white space removed, so a
   cell wrapped as ``一级指`` / ``标`` still matches) holds a goal-table
   marker (``MARKERS``): a title ``…绩效目标表`` / ``…绩效目标申报表``, an
   indicator-header cell (一级指标, 二级指标, 三级指标, 绩效指标…, 指标值,
   目标值, 指标性质, or 一级 … 二级 … 三级 when wrapped header cells come out
   interleaved), or a first- or second-level indicator label (产出指标,
   数量指标, 时效指标, 社会效益, 服务对象满意度 …, with the provincial variants
   效果指标, 进度指标, 环境效益).
2. **The page after each candidate**, always: a goal table that goes on
   without repeating its header row leaves a page with rows only, and
   when its label columns are merged (the label stays on the first page)
   that page may hold no marker at all.
3. **Further continuation pages**, found while reading: a page read under
   rule 2 or 3 that is a table from top to bottom (no body text above its
   first table or below its last one; page numbers and the outer tenth of
   the page at top and bottom are furniture, not body) passes the table on
   to the next page, which is read too, and so on (``page_shape``,
   ``Triage.read``).
4. **A lead-in page before a run** of pages read, when what begins the
   run could depend on it (``lead_in``): the layout parser joins an
   unnumbered title with a numbered line up to two lines before it (a
   title wrapped as ``12.某某项目`` / ``绩效目标表`` over a page break), and an
   untitled goal table may start (项目名称, 预算数 …) a page before its
   indicator header. So the page before the run is read unless the run's
   first marker is a numbered title (``1.…绩效目标表``: nothing before it
   can change it), or an unnumbered title with no numbered line on the
   page before; when that page has fewer than two lines of text the walk
   goes on back (at most ``MAX_LEAD_IN`` pages).

Everything else is skipped and gives no blocks at all. Why skipping cannot
change a goal table the layout parser builds (``transform/layout.py``): a
goal table is found only from its indicator header row (一级指标, 二级指标,
三级指标 and 指标值/目标值 cells: a candidate page), opened by the title
before it (a candidate page, and rule 4 when the title is split across
the page break) or by the header row itself, and fed by the rows after it
up to the next title or header (rules 1-3). A title at the bottom of a page
whose table starts on the next is on a candidate page (its text holds
绩效目标表), and the header block after it is on the next page (rule 2) or
on a candidate page (with the indicator header).

What is not preserved (the full scan is wrong there, and this is the
better answer): label rows of non-goal tables before an untitled goal
table leak into its header in the full scan. (A later non-goal table no
longer feeds the last goal table in either: the parser ends a goal table
where a new table starts after text, ``transform.layout._continues``.) A page that
pdfium reads no marker from although pdfminer would (a font pdfium maps
differently) is missed unless rules 2-4 reach it. Text that is not in the
text layer (a scan) is not triaged: ``plan`` gives None for a file with no
text, and the reader then reads every page and reports the scan as before.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from core.text import TITLE_NUMBER, nfkc, squeezed

TITLE = re.compile(r"绩效目标(?:申报|填报|批复|审核)?表|自评表")  # a goal table's (or self-evaluation's) title
MARKERS = re.compile(
    TITLE.pattern
    + r"|[一二三]级指标|一级.{0,40}?二级.{0,40}?三级"  # the indicator header, also with wrapped cells interleaved
    r"|绩效指标|指标值|目标值|指标性质|指标类型|指标类别|指标名称|指标内容|具体指标|预期实现值|预期目标|绩效标准"  # other header cells
    r"|产出类?指标|效益类?指标|效果指标|满意度类?指标|成本类?指标"  # first-level labels
    r"|数量指标|质量指标|时效指标|进度指标|经济效益|社会效益|生态效益|环境效益|可持续影响|服务对象满意"  # second level
)
# transform/vocabulary.toml is the reader's vocabulary; tests/extract/test_triage.py checks that every header
# and title word in it is a marker here, so the triage never skips a page the reader would have read.
# A line that is only a page number: 12, - 12 -, 第12页, 12/30, 第 3 页 共 30 页.
PAGE_NUMBER = re.compile(r"^[-—–·\s]*(?:第\s*)?\d+\s*页?\s*(?:[/／]\s*\d+|共\s*\d+\s*页)?[-—–·\s]*$")
FURNITURE_FRACTION = 0.10  # the top and bottom tenth of a page hold running headers and footers, not body text
EDGE_TOLERANCE = 1.0  # points: a text line this close to a table's edge still counts as outside it
MAX_LEAD_IN = 3  # pages to walk back before a run when the pages there are (nearly) empty
# Documents of at most this many pages are read whole: the saving is a page or two, and a short file
# keeps every block it has (hand-made one-page PDFs in the extraction tests rely on that).
SHORT_DOCUMENT_PAGES = 2
_PDFIUM_LOCK = threading.Lock()


def normalize(text: str) -> str:
    """``text`` as markers are matched: NFKC (Kangxi radicals and full-width forms folded), no white space.

    Control characters go too (``controls=True``): a text layer carries them where a glyph has no map
    (pdfium's ``\x02``, ``\ufffe``), and ``"绩效\x02目标表"`` must still be a title.
    """
    return squeezed(text, controls=True)


def has_marker(text: str) -> bool:
    """True if a page's text holds a goal-table marker (a title, a header cell or an indicator label)."""
    return MARKERS.search(normalize(text)) is not None


def page_texts(path: str | Path | bytes) -> list[str]:
    """Every page's text, in page order, read with pypdfium2; raises ``pypdfium2.PdfiumError`` when it cannot.

    PDFium must not be called from two threads at once, even on different
    documents (Prefect's thread pool runs documents side by side), so the
    whole read holds a process-wide lock; it takes milliseconds.
    """
    import pypdfium2 as pdfium

    with _PDFIUM_LOCK:
        return _page_texts(pdfium, path)


def _page_texts(pdfium: Any, path: str | Path | bytes) -> list[str]:
    pdf = pdfium.PdfDocument(path if isinstance(path, bytes) else str(path))
    try:
        texts = []
        for i in range(len(pdf)):
            page = pdf[i]
            try:
                textpage = page.get_textpage()
                try:
                    texts.append(textpage.get_text_range())
                finally:
                    textpage.close()
            finally:
                page.close()
        return texts
    finally:
        pdf.close()


def candidates(texts: Sequence[str]) -> set[int]:
    """Pages (1-based) whose text holds a goal-table marker (rule 1)."""
    return {n for n, text in enumerate(texts, start=1) if has_marker(text)}


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def opens_with_numbered_title(text: str) -> bool:
    """True if the first goal-table marker on a page is a title, and its line starts with a number (``1.…绩效目标表``)."""
    first = MARKERS.search(normalize(text))
    if first is None or not TITLE.fullmatch(first.group()):
        return False
    line = next((ln for ln in _lines(text) if TITLE.search(normalize(ln))), "")
    return TITLE_NUMBER.match(nfkc(line)) is not None


def lead_in(texts: Sequence[str], start: int, chosen: set[int]) -> list[int]:
    """The pages before page ``start`` (which begins a run of ``chosen`` pages) that must be read with it (rule 4).

    The layout parser joins an unnumbered title with a numbered line up to
    two text lines before it (``12.某某项目`` / ``绩效目标表``), and an untitled
    goal table may begin (项目名称, 预算数 …) a page before its header row.
    So the page before is read, and further back while those pages have
    under two lines of text (at most ``MAX_LEAD_IN``), unless the run's
    first page opens with a numbered title (nothing before it can join it),
    or its first marker is an unnumbered title and the pages before hold no
    numbered line it could join.
    """
    back: list[int] = []
    page = start - 1
    while page >= 1 and page not in chosen and len(back) < MAX_LEAD_IN:
        back.append(page)
        if len(_lines(texts[page - 1])) >= 2:
            break
        page -= 1
    if not back or opens_with_numbered_title(texts[start - 1]):
        return []
    first = MARKERS.search(normalize(texts[start - 1]))
    if first is not None and TITLE.fullmatch(first.group()):  # an unnumbered title: is there a line it could join?
        if not any(TITLE_NUMBER.match(nfkc(ln)) for p in back for ln in _lines(texts[p - 1])):
            return []
    return back


def lead_ins(texts: Sequence[str], pages: Iterable[int]) -> set[int]:
    """The lead-in pages of every run of ``pages`` (rule 4)."""
    chosen = set(pages)
    return {p for start in chosen if start - 1 not in chosen for p in lead_in(texts, start, chosen)}


def planned_pages(texts: Sequence[str], found: set[int] | None = None) -> set[int]:
    """The pages known to be read before reading starts: candidates, the page after each, lead-ins (rules 1, 2, 4).

    ``found`` is ``candidates(texts)`` when the caller has it already (each page's NFKC is most of the triage's time).
    """
    found = candidates(texts) if found is None else found
    pages = found | {n + 1 for n in found if n < len(texts)}
    return pages | lead_ins(texts, pages)


def candidate_pages(path: str | Path) -> set[int]:
    """The 1-based pages of the PDF at ``path`` whose text holds a goal-table marker (rule 1)."""
    return candidates(page_texts(path))


@dataclass(frozen=True)
class PageShape:
    """Whether a page read begins and ends with a table, ignoring page furniture (for rule 3)."""

    table_at_top: bool
    table_at_bottom: bool

    @property
    def table_throughout(self) -> bool:
        return self.table_at_top and self.table_at_bottom


def is_furniture(text: str, top: float, bottom: float, height: float) -> bool:
    """True for a running header or footer: a page number, or a line in the outer tenth of the page."""
    margin = FURNITURE_FRACTION * height
    return PAGE_NUMBER.match(text) is not None or bottom <= margin or top >= height - margin


def page_shape(table_boxes: Sequence[tuple[float, float, float, float]],
               lines: Sequence[tuple[str, float, float]], height: float) -> PageShape:
    """The shape of a page from its tables' boxes (x0, top, x1, bottom) and its loose text lines (text, top, bottom)."""
    if not table_boxes:
        return PageShape(False, False)
    first_top = min(b[1] for b in table_boxes)
    last_bottom = max(b[3] for b in table_boxes)
    body = [(top, bottom) for text, top, bottom in lines if not is_furniture(text, top, bottom, height)]
    return PageShape(
        table_at_top=not any(bottom <= first_top + EDGE_TOLERANCE for _, bottom in body),
        table_at_bottom=not any(top >= last_bottom - EDGE_TOLERANCE for top, _ in body),
    )


@dataclass
class Triage:
    """The pages to read in one PDF; grows while reading as continuation pages turn up (rule 3).

    Pages are read in order: ask ``wants(n)``, and after reading page n
    call ``read(n, shape)``; ``pages`` is then every page that was read.
    """

    n_pages: int
    candidates: frozenset[int]
    pages: set[int]
    followers: set[int] = field(default_factory=set)

    @classmethod
    def from_texts(cls, texts: Sequence[str]) -> Triage:
        found = candidates(texts)
        return cls(n_pages=len(texts), candidates=frozenset(found), pages=planned_pages(texts, found),
                   followers={n + 1 for n in found if n < len(texts)})

    def wants(self, page: int) -> bool:
        return page in self.pages

    def read(self, page: int, shape: PageShape) -> None:
        """Record a page read: a follower that is a table throughout passes the table on to the next page."""
        if page in self.followers and shape.table_throughout and page < self.n_pages:
            self.pages.add(page + 1)
            self.followers.add(page + 1)


def plan(path: str | Path | bytes, n_pages: int) -> Triage | None:
    """The triage for the PDF at ``path`` (or of these bytes), or None when every page must be read.

    None when pypdfium2 cannot read the file or counts its pages
    differently (the full scan then reports what is wrong, as before),
    when the text layer is empty (a scan: the full scan says so), and for
    documents of at most ``SHORT_DOCUMENT_PAGES`` pages.
    """
    if n_pages <= SHORT_DOCUMENT_PAGES:
        return None
    import pypdfium2 as pdfium

    try:
        texts = page_texts(path)
    except (pdfium.PdfiumError, OSError):  # a damaged file: the full scan raises the reader's own error
        return None
    if len(texts) != n_pages or not any(t.strip() for t in texts):
        return None
    return Triage.from_texts(texts)
