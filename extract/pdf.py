"""A PDF with a text layer as a RawDocument: ruled tables and the lines of text around them.

Each page's tables are found from their ruling lines (pdfplumber's
``lines`` strategy) and their merged cells resolved from the same lines
(``extract.pdfgrid``). Text outside every table becomes one RawText per
visual line. Tables and lines are ordered by their top edge, page by page,
so blocks come in reading order across the document.

By default only the pages that can hold a goal table are read this way
(``extract.triage``: pages whose text layer, read with pypdfium2, holds a
goal-table marker, the pages a table continues to, and the page before a
run when a title or untitled table there could reach back into it): a
skipped page gives no blocks at all, so ``RawTable.index`` counts
the tables read, not every table in the file, while ``page`` and ``ref``
stay the real page and position. The blocks of a page read are exactly
those of a full scan. ``read_pdf(path, all_pages=True)`` reads every page.
Files pypdfium2 cannot read, files with no text layer and documents of at
most two pages are always read whole, so errors and scans are reported as
before. A page skipped is not parsed, but it is still checked for missing
content streams, and its text streams are checked whole
(``extract.pdfstreams``, and the form XObjects it draws,
``extract.integrity``), since a page whose text is lost also loses the
words the triage looks for.

What damage is caught (``_page_damage``, ``_read_pages``): on every page,
a content stream missing, or a content stream, font ToUnicode map or form
XObject whose compressed data does not inflate whole; on the pages read,
also any stream pdfminer reports data loss in while parsing them, and text
garbled past belief (``integrity.looks_garbled``). Not caught: damage to
images and font programs (no text comes from them); damage inside the
uncompressed parts of a file (font dictionaries, width tables, an
uncompressed content stream) that still parses and changes a character or
a space here and there (``购`` read as ``脭``): it is indistinguishable from
real text; and garbled text on a page the triage skips.
"""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFXRefFallback
from pdfminer.pdftypes import PDFStream
from pdfminer.psexceptions import PSException
from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

from core.errors import CorruptFileError, EncryptedFileError, UnsupportedFormatError
from extract import integrity, triage
from extract.pdfchars import Char, TextLine, center, text_lines
from extract.pdfgrid import format_box, grid_rows
from extract.pdfpage import LeanPage
from extract.pdfstreams import damaged_text_streams
from extract.records import BBox, Block, RawDocument, RawTable, RawText

TABLE_SETTINGS: dict[str, Any] = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
EOF_MARKER = b"%%EOF"
EOF_TAIL_BYTES = 4096  # a complete PDF ends with %%EOF, perhaps followed by a little padding
# What pdfminer raises, besides its own exception classes, on a damaged object or content stream.
PARSE_ERRORS: tuple[type[Exception], ...] = (
    PdfminerException, MalformedPDFException, PSException,
    ValueError, KeyError, TypeError, IndexError, AttributeError, struct.error, zlib.error, EOFError, RecursionError,
)


# What is wrong, in words, for each way a PDF is found damaged; pdfminer's own message stays in the chained
# exception (it quotes raw bytes and dictionaries: `PSSyntaxError: … [/'Title', b'\xfe\xff…'`).
DAMAGE = {
    "parse": ("其结构无法解析", "its structure cannot be parsed"),
    "missing": ("页面内容在文件中缺失", "the page's content is missing from the file"),
    "cut": ("文件不完整，缺少结尾标记", "the file is cut off: it has no end-of-file marker"),
    "no_pages": ("没有可读取的页面", "it has no readable pages"),
    "streams": ("页面文字所在的压缩数据已损坏，其中的表格会缺失或出错",
                "the compressed data holding the page's text is damaged, so its tables would be lost or wrong"),
    "objects": ("文件内部的压缩数据已损坏，其中的文字或表格会缺失或出错",
                "compressed data inside it is damaged, so its text or tables would be lost or wrong"),
    "garbled": ("页面文字大量无法识别，呈乱码，可能是文件已损坏或导出时字体未正确嵌入",
                "much of the page's text reads as gibberish: the file is damaged, or its fonts were embedded"
                " without a usable character map"),
}


def _corrupt(path: Path, damage: str, where: str | None = None) -> CorruptFileError:
    """The error for a damaged PDF, ``damage`` a key of DAMAGE; raise it ``from`` the parser's exception."""
    zh, en = DAMAGE[damage]
    return CorruptFileError(
        f"PDF 文件已损坏或不完整（{zh}），无法读取。请重新从 Word/Excel 导出 PDF（或重新下载）后再提交。"
        f" The PDF is damaged or incomplete ({en}) and cannot be read; export it again from Word/Excel"
        " (or download it again) and resubmit.",
        path=path,
        where=where,
    )


def _encrypted(path: Path) -> EncryptedFileError:
    """The error for a PDF that needs a password to open."""
    return EncryptedFileError(
        "PDF 文件设有打开密码，无法读取。请提交未加密的版本（导出时不要设置密码）。"
        " The PDF is password-protected and cannot be read; send a version without a password"
        " (do not set one when exporting).",
        path=path,
    )


def _cause(exc: BaseException) -> BaseException:
    """The pdfminer exception that pdfplumber wrapped, or ``exc`` itself."""
    if isinstance(exc, PdfminerException) and exc.args and isinstance(exc.args[0], BaseException):
        return exc.args[0]
    return exc


def looks_truncated(path: Path, data: bytes | None = None) -> bool:
    """True if the file does not end with the %%EOF marker every complete PDF ends with."""
    if data is not None:
        return EOF_MARKER not in data[-EOF_TAIL_BYTES:]
    with path.open("rb") as handle:
        handle.seek(0, 2)
        size = handle.tell()
        handle.seek(max(0, size - EOF_TAIL_BYTES))
        return EOF_MARKER not in handle.read()


def _no_text(path: Path) -> UnsupportedFormatError:
    """The error for a PDF without a text layer: a scan or pictures of pages, which perfgoals does not OCR."""
    return UnsupportedFormatError(
        "PDF 中没有可读取的文字（可能是扫描件或图片），需先做文字识别（OCR）才能读取。"
        "请提交由 Word/Excel 直接导出的 PDF，或原始 Word/Excel 文件。"
        " The PDF has no text layer (it is probably a scan or made of images) and would need OCR;"
        " send a PDF exported directly from Word/Excel, or the original Word/Excel file.",
        path=path,
    )


def contents_missing(page: Any) -> bool:
    """True if the page names content streams that cannot be found in the file (a damaged or cut file)."""
    return any(not isinstance(stream, PDFStream) for stream in page.page_obj.contents)


def page_objects(page: Any) -> tuple[list[Char], list[list[BBox]]]:
    """The page's chars and, for each ruled table pdfplumber finds, its cell boxes (this is where pdfminer parses).

    The page is parsed once, as a ``LeanPage``: its chars hold only what the reader reads of them.
    """
    lean = LeanPage.of(page)
    chars = [c for c in lean.chars if c["text"]]
    tables = [list(t.cells) for t in lean.find_tables(TABLE_SETTINGS)]
    return chars, [cells for cells in tables if cells]


def page_blocks(chars: list[Char], tables: list[list[BBox]], page: int) -> list[tuple[float, Block]]:
    """The page's tables and loose text lines, each with its top edge, tables numbered later."""
    return _page_layout(chars, tables, page)[0]


def _page_layout(
    chars: list[Char], tables: list[list[BBox]], page: int
) -> tuple[list[tuple[float, Block]], list[BBox], list[TextLine]]:
    """``page_blocks``, and the boxes of the tables that gave rows and the loose text lines (for the triage)."""
    placed: list[tuple[float, Block]] = []
    kept: list[BBox] = []
    loose: list[Char] = []
    table_boxes = [(min(b[0] for b in t), min(b[1] for b in t), max(b[2] for b in t), max(b[3] for b in t)) for t in tables]
    inside: list[list[Char]] = [[] for _ in tables]
    # Each char into the first table whose box holds its middle, tested inline: a generator and a call per char and
    # table cost 11 of the 70 ms CPU of laying out 23 goal-table pages (issue 16).
    for char in chars:
        x, y = center(char)
        for k, (x0, top, x1, bottom) in enumerate(table_boxes):
            if x0 <= x <= x1 and top <= y <= bottom:
                inside[k].append(char)
                break
        else:
            loose.append(char)
    for cells, box, table_chars in zip(tables, table_boxes, inside):
        rows, stray = grid_rows(cells, table_chars, page)
        loose.extend(stray)
        if rows:
            placed.append((box[1], RawTable(rows, index=-1, page=page)))
            kept.append(box)
    lines = text_lines(loose)
    for n, line in enumerate(lines, start=1):
        box = (line.x0, line.top, line.x1, line.bottom)
        placed.append((line.top, RawText(line.text, ref=f"p{page} line {n} {format_box(box)}", page=page)))
    placed.sort(key=lambda item: item[0])
    return placed, kept, lines


def _number_tables(blocks: list[Block]) -> tuple[Block, ...]:
    """Give each RawTable its 0-based index in document order."""
    out: list[Block] = []
    n = 0
    for block in blocks:
        if isinstance(block, RawTable):
            block = RawTable(block.rows, index=n, page=block.page)
            n += 1
        out.append(block)
    return tuple(out)


def _page_damage(page: Any, checked: set[int], encrypted: bool) -> str | None:
    """The DAMAGE key for what is wrong with the page's text streams before it is parsed, or None.

    ``checked`` collects the streams inflated already (a font shared by every page is checked once); the streams
    of an encrypted file need its key first and are left to pdfminer.
    """
    if contents_missing(page):
        return "missing"
    if encrypted:
        return None
    if damaged_text_streams(page.page_obj, checked) or integrity.damaged_form_streams(page.page_obj, checked):
        return "streams"
    return None


def _read_pages(
    pdf: Any, path: Path, plan: triage.Triage | None, losses: integrity.DataLossCounter
) -> tuple[list[Block], int]:
    """The blocks of every page (or of the pages ``plan`` wants) in reading order, and the number of characters
    read; a damaged or unparsable page raises CorruptFileError. A data-loss warning counted in ``losses`` while a
    page is checked or parsed is that page's damage."""
    blocks: list[Block] = []
    n_chars = 0
    encrypted = bool(pdf.doc.encryption)
    checked: set[int] = set()
    for page in pdf.pages:
        number = page.page_number
        where = f"第 {number} 页 page {number}"
        wanted = plan is None or plan.wants(number)
        lost_before = losses.lost
        try:
            damage = _page_damage(page, checked, encrypted)
            if damage is None and wanted:
                height = float(page.height)
                chars, tables = page_objects(page)
                if integrity.looks_garbled(integrity.text_signs(c["text"] for c in chars)):
                    damage = "garbled"
        except PARSE_ERRORS as exc:
            raise _corrupt(path, "parse", where) from exc
        finally:
            page.close()
        if losses.lost > lost_before:
            damage = "streams"  # what pdfminer lost may be whole tables, not just a garble
        if damage is not None:
            raise _corrupt(path, damage, where)
        if not wanted:
            continue
        n_chars += len(chars)
        placed, boxes, lines = _page_layout(chars, tables, number)
        blocks.extend(block for _, block in placed)
        if plan is not None:
            plan.read(number, triage.page_shape(boxes, [(ln.text, ln.top, ln.bottom) for ln in lines], height))
    return blocks, n_chars


def read_pdf(path: str | Path, all_pages: bool = False, data: bytes | None = None) -> RawDocument:
    """Read a PDF into a RawDocument; damaged, truncated or password-protected files raise DocumentErrors.

    Only the pages ``extract.triage`` picks as able to hold a goal table are read, unless ``all_pages``.
    """
    return read_pdf_pages(path, all_pages, data)[0]


def read_pdf_pages(path: str | Path, all_pages: bool = False, data: bytes | None = None
                   ) -> tuple[RawDocument, list[int]]:
    """``read_pdf``, and the 1-based numbers of the pages it read (all of them without a triage); ``data`` is
    the file's bytes when the caller has read them, so that the file is read once."""
    path = Path(path)
    with integrity.watch_data_loss() as losses:
        doc, pages = _read_all(path, all_pages, losses, data)
        if losses.lost:  # a stream that no page's check owned (an object stream read at opening)
            raise _corrupt(path, "objects")
    return doc, pages


def _read_all(path: Path, all_pages: bool, losses: integrity.DataLossCounter, data: bytes | None = None
              ) -> tuple[RawDocument, list[int]]:
    """``read_pdf_pages`` with pdfminer's data-loss warnings counted in ``losses``."""
    try:
        pdf = pdfplumber.open(io.BytesIO(data) if data is not None else path)
    except PARSE_ERRORS as exc:
        cause = _cause(exc)
        if isinstance(cause, PDFEncryptionError):
            raise _encrypted(path) from exc
        raise _corrupt(path, "parse") from exc
    with pdf:
        if any(isinstance(x, PDFXRefFallback) for x in pdf.doc.xrefs) and looks_truncated(path, data):
            raise _corrupt(path, "cut")
        try:
            n_pages = len(pdf.pages)
        except PARSE_ERRORS as exc:
            raise _corrupt(path, "parse") from exc
        if n_pages == 0:
            raise _corrupt(path, "no_pages")
        plan = None if all_pages else triage.plan(data if data is not None else path, n_pages)
        blocks, n_chars = _read_pages(pdf, path, plan, losses)
    if n_chars == 0 and plan is None:  # a plan exists only for a file whose text layer has text
        raise _no_text(path)
    doc = RawDocument(path=str(path), format="pdf", blocks=_number_tables(blocks), n_pages=n_pages)
    return doc, sorted(plan.pages) if plan is not None else list(range(1, n_pages + 1))
