"""Regenerate the committed sample documents in ``samples/``.

Run ``.venv/bin/python tests/make_samples.py`` (optionally with an output
folder, default ``samples/``). For every document of
``sample_units.sample_documents()`` it writes a DOCX in layout A with
python-docx and converts it to PDF with LibreOffice headless; which of the
two formats land in ``samples/`` is ``sample_units.SAMPLE_FORMATS``.

Layout of one goal table in the DOCX (as in the seed's Word file):

* a paragraph ``" "`` (with page-break-before for every goal table after
  the first, so a goal table never crosses a page), then the title
  paragraph ``N.<项目名称>绩效目标表`` (bold, centred);
* table 1, 7 grid columns, 5 rows: the unit row (unit cell over 5 columns,
  ``单位：万元`` over 2, no borders), ``项目名称`` + name (gridSpan 6),
  the 7-cell budget row whose first cell ``预算规模及资金用途`` is merged
  down (vMerge) over the purpose row, the purpose text (gridSpan 6),
  ``绩效目标`` + goal text (gridSpan 6); ruled with single borders;
* a paragraph ``" "``;
* table 2, 5 columns: the header row ``一级指标 | 二级指标 | 三级指标 |
  绩效指标描述 | 指标值`` and one row per indicator, the 一级指标 cell
  merged down (vMerge restart/continue) over its group.

A ``\\t`` inside a cell string becomes ``<w:tab/>``; a ``\\n`` starts a new
paragraph in the cell, so ``地址、邮编准确率\\t\\n`` is a paragraph ending in a
tab followed by an empty paragraph (python-docx reads it back as the same
string). All text is set in WenQuanYi Zen Hei (ascii, hAnsi, eastAsia and cs
fonts), which LibreOffice embeds as a subset, so the PDF has a real text
layer.

Output is deterministic: the DOCX zip entries get a fixed timestamp and the
core properties fixed dates; in the PDF the creation date, the document /ID
and LibreOffice's /DocChecksum are overwritten in place (same length, so the
xref offsets stay valid) with a fixed date and a hash of the content.

Needs LibreOffice (``soffice``) and the font: ``apt-get install
libreoffice-writer-nogui fonts-wqy-zenhei``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from docx import Document  # noqa: E402
from docx.enum.table import WD_ALIGN_VERTICAL, WD_TABLE_ALIGNMENT  # noqa: E402
from docx.enum.text import WD_ALIGN_PARAGRAPH  # noqa: E402
from docx.oxml import OxmlElement  # noqa: E402
from docx.oxml.ns import qn  # noqa: E402
from docx.shared import Cm, Pt  # noqa: E402
from docx.table import Table, _Cell  # noqa: E402

from sample_units import SAMPLE_FORMATS, sample_documents  # noqa: E402
from seed import SeedTable  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SAMPLES_DIR = ROOT / "samples"

FONT = "WenQuanYi Zen Hei"
BODY_PT = 10.5  # 五号
TITLE_PT = 14.0  # 四号
# Text width of A4 with 1.8 cm side margins is 17.4 cm.
HEADER_WIDTHS_CM = (2.8, 2.0, 2.4, 3.0, 2.4, 2.0, 2.8)
INDICATOR_WIDTHS_CM = (2.3, 3.8, 3.7, 4.6, 3.0)
UNIT_ROW_SPANS = (5, 2)  # unit name over 5 grid columns, 单位：万元 over 2
HEADER_ROW_HEIGHT_CM = 0.8
INDICATOR_ROW_HEIGHT_CM = 0.7

FIXED_DATE = dt.datetime(2023, 1, 1, tzinfo=dt.timezone.utc)
ZIP_DATE = (2023, 1, 1, 0, 0, 0)
PDF_DATE = b"20230101000000"

# Children of w:tcPr that must come after w:tcBorders (ECMA-376 order).
_TCPR_AFTER_BORDERS = ("w:shd", "w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark")


# --------------------------------------------------------------------------- DOCX


def _set_run_font(run, size_pt: float, bold: bool = False) -> None:
    run.font.name = FONT  # ascii + hAnsi
    run.font.size = Pt(size_pt)
    run.font.bold = bold or None
    rfonts = run._r.get_or_add_rPr().get_or_add_rFonts()
    rfonts.set(qn("w:eastAsia"), FONT)
    rfonts.set(qn("w:cs"), FONT)


def _setup_document(doc, title: str) -> None:
    """A4 portrait, the CJK font everywhere, no paragraph spacing, fixed core properties."""
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = section.right_margin = Cm(1.8)
    section.top_margin = section.bottom_margin = Cm(2.2)

    styles = doc.styles.element
    rpr_default = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    rfonts = rpr_default.find(qn("w:rFonts"))
    for attr in list(rfonts.attrib):
        del rfonts.attrib[attr]
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), FONT)
    for tag in ("w:sz", "w:szCs"):
        rpr_default.find(qn(tag)).set(qn("w:val"), str(int(BODY_PT * 2)))
    lang = rpr_default.find(qn("w:lang"))
    lang.set(qn("w:eastAsia"), "zh-CN")
    spacing = styles.find(qn("w:docDefaults")).find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")

    props = doc.core_properties
    props.author = "perfgoals tests/make_samples.py"
    props.last_modified_by = "perfgoals tests/make_samples.py"
    props.title = title
    props.created = FIXED_DATE
    props.modified = FIXED_DATE
    props.revision = 1


def _write_text(paragraph, text: str, size_pt: float = BODY_PT, bold: bool = False) -> None:
    if text:
        run = paragraph.add_run(text)
        _set_run_font(run, size_pt, bold)
        # python-docx marks only leading/trailing blanks; keep inner runs of spaces (其中：财政    资金) too.
        for t in run._r.findall(qn("w:t")):
            if " " in (t.text or ""):
                t.set(qn("xml:space"), "preserve")


def _fill_cell(cell: _Cell, text: str, align: WD_ALIGN_PARAGRAPH) -> None:
    """Write ``text`` into an empty cell: one paragraph per ``\\n``-separated part, tabs as w:tab."""
    parts = text.split("\n")
    paragraphs = [cell.paragraphs[0]] + [cell.add_paragraph() for _ in parts[1:]]
    for paragraph, part in zip(paragraphs, parts):
        paragraph.alignment = align
        _write_text(paragraph, part)
    cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER


def _set_borders(tc, val: str) -> None:
    """Cell borders on all four edges: ``single`` (ruled) or ``nil`` (none)."""
    tcPr = tc.get_or_add_tcPr()
    old = tcPr.find(qn("w:tcBorders"))
    if old is not None:
        tcPr.remove(old)
    borders = OxmlElement("w:tcBorders")
    for edge in ("top", "left", "bottom", "right"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), val)
        if val != "nil":
            el.set(qn("w:sz"), "4")
            el.set(qn("w:space"), "0")
            el.set(qn("w:color"), "000000")
        borders.append(el)
    successor = next((child for child in tcPr if child.tag in {qn(t) for t in _TCPR_AFTER_BORDERS}), None)
    if successor is None:
        tcPr.append(borders)
    else:
        successor.addprevious(borders)


def _row_cells(table: Table, row: int) -> list[_Cell]:
    """The real cells (w:tc) of a row, merged cells once, vMerge continuations included."""
    return [_Cell(tc, table) for tc in table.rows[row]._tr.tc_lst]


def _finish_table(table: Table, widths_cm: tuple[float, ...], row_height_cm: float) -> None:
    """Fixed layout, grid and cell widths (a spanned cell gets the sum), minimum row heights."""
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for column, width in zip(table.columns, widths_cm):
        column.width = Cm(width)
    for r, row in enumerate(table.rows):
        row.height = Cm(row_height_cm)
        col = 0
        for cell in _row_cells(table, r):
            span = cell.grid_span
            cell.width = Cm(sum(widths_cm[col : col + span]))
            col += span
    tblPr = table._tbl.tblPr
    tblW = tblPr.find(qn("w:tblW"))
    if tblW is None:
        tblW = OxmlElement("w:tblW")
        tblPr.append(tblW)
    tblW.set(qn("w:w"), str(round(sum(widths_cm) / 2.54 * 1440)))
    tblW.set(qn("w:type"), "dxa")


def _header_table(doc, goal: SeedTable) -> Table:
    rows = goal.header_rows
    if [len(r) for r in rows] != [2, 2, 7, 2, 2]:
        raise ValueError(f"{goal.title}: header rows of {[len(r) for r in rows]} cells, layout A has 2, 2, 7, 2, 2")
    n_cols = len(HEADER_WIDTHS_CM)
    table = doc.add_table(rows=5, cols=n_cols)
    table.cell(0, 0).merge(table.cell(0, UNIT_ROW_SPANS[0] - 1))
    table.cell(0, UNIT_ROW_SPANS[0]).merge(table.cell(0, n_cols - 1))
    for r in (1, 3, 4):
        table.cell(r, 1).merge(table.cell(r, n_cols - 1))
    table.cell(2, 0).merge(table.cell(3, 0))  # 预算规模及资金用途 over the purpose row

    center, left, right = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.RIGHT
    aligns = ((left, right), (center, center), (center,) * 7, (center, left), (center, left))
    for r, (texts, row_aligns) in enumerate(zip(rows, aligns)):
        cells = _row_cells(table, r)
        assert len(cells) == len(texts), (goal.title, r, len(cells), len(texts))
        for cell, text, align in zip(cells, texts, row_aligns):
            if cell._tc.vMerge == "continue":
                if text:
                    raise ValueError(f"{goal.title}: text {text!r} in the merged 预算规模及资金用途 cell")
            else:
                _fill_cell(cell, text, align)
            _set_borders(cell._tc, "nil" if r == 0 else "single")
    _finish_table(table, HEADER_WIDTHS_CM, HEADER_ROW_HEIGHT_CM)
    return table


def _indicator_table(doc, goal: SeedTable) -> Table:
    rows = goal.indicator_rows
    if any(len(r) != len(INDICATOR_WIDTHS_CM) for r in rows):
        raise ValueError(f"{goal.title}: indicator rows must have {len(INDICATOR_WIDTHS_CM)} cells")
    if not rows[0][0] or any(not r[0] for r in rows[:2]):
        raise ValueError(f"{goal.title}: header row and first indicator row need a 一级指标")
    table = doc.add_table(rows=len(rows), cols=len(INDICATOR_WIDTHS_CM))
    # 一级指标: a real vertical merge from each named row down over the blank rows below it.
    starts = [i for i, r in enumerate(rows) if r[0]] + [len(rows)]
    for start, end in zip(starts, starts[1:]):
        if end - 1 > start:
            table.cell(start, 0).merge(table.cell(end - 1, 0))
    for r, texts in enumerate(rows):
        for cell, text in zip(_row_cells(table, r), texts):
            if cell._tc.vMerge != "continue":
                _fill_cell(cell, text, WD_ALIGN_PARAGRAPH.CENTER)
            _set_borders(cell._tc, "single")
    _finish_table(table, INDICATOR_WIDTHS_CM, INDICATOR_ROW_HEIGHT_CM)
    return table


def new_document(title: str):
    """An empty python-docx document set up as every sample: A4, the CJK font, fixed core properties."""
    doc = Document()
    _setup_document(doc, title)
    return doc


def add_title(doc, title: str, new_page: bool) -> None:
    """The spacer paragraph ``" "`` (page break before it when ``new_page``) and the bold centred title."""
    spacer = doc.add_paragraph()
    _write_text(spacer, " ")
    spacer.paragraph_format.page_break_before = new_page
    heading = doc.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    heading.paragraph_format.space_after = Pt(6)
    heading.paragraph_format.keep_with_next = True
    _write_text(heading, title, TITLE_PT, bold=True)


def add_goal_table(doc, goal: SeedTable, new_page: bool) -> tuple[Table, Table]:
    """One layout-A goal table (title, header table, spacer, indicator table); returns the two tables."""
    add_title(doc, goal.title, new_page)
    header = _header_table(doc, goal)
    _write_text(doc.add_paragraph(), " ")
    return header, _indicator_table(doc, goal)


def save_docx(doc) -> bytes:
    """The deterministic DOCX bytes of ``doc``, after the closing paragraph Word wants after a final table."""
    # Keep that paragraph tiny so it never spills onto a page of its own.
    last = doc.add_paragraph()
    last.paragraph_format.line_spacing = Pt(1)
    buf = io.BytesIO()
    doc.save(buf)
    return _normalize_zip(buf.getvalue())


def build_docx(goals: tuple[SeedTable, ...], title: str) -> bytes:
    """The DOCX bytes of one document: its goal tables one after another, each from a new page."""
    doc = new_document(title)
    for i, goal in enumerate(goals):
        add_goal_table(doc, goal, new_page=i > 0)
    return save_docx(doc)


def _normalize_zip(data: bytes) -> bytes:
    """Rewrite a zip with a fixed timestamp on every entry, so the same content gives the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


# --------------------------------------------------------------------------- PDF

_PDF_DATE = re.compile(rb"/(CreationDate|ModDate)\s*\(D:(\d{14})")
_PDF_ID = re.compile(rb"/ID\s*\[\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*\]")
_PDF_CHECKSUM = re.compile(rb"/DocChecksum\s*/([0-9A-Fa-f]+)")


def normalize_pdf(data: bytes) -> bytes:
    """Overwrite LibreOffice's time stamps, /ID and /DocChecksum in place (same lengths, so xref offsets stay valid).

    The creation date gets a fixed value; /ID and LibreOffice's private
    /DocChecksum (an MD5 that covers the time stamp) get a hash of the
    rest of the file, so the same content gives the same bytes.
    """
    data = _PDF_DATE.sub(lambda m: m.group(0)[:-14] + PDF_DATE, data)

    def hex_fields(pattern: re.Pattern, blob: bytes, value) -> bytes:
        def sub(m: re.Match) -> bytes:
            whole = m.group(0)
            for group in range(1, pattern.groups + 1):
                whole = whole.replace(m.group(group), value(len(m.group(group))))
            return whole

        return pattern.sub(sub, blob)

    zeros = lambda n: b"0" * n  # noqa: E731
    blanked = hex_fields(_PDF_CHECKSUM, hex_fields(_PDF_ID, data, zeros), zeros)
    digest = hashlib.sha256(blanked).hexdigest().upper().encode() * 4
    stamp = lambda n: digest[:n]  # noqa: E731
    return hex_fields(_PDF_CHECKSUM, hex_fields(_PDF_ID, data, stamp), stamp)


def convert_to_pdf(docx_paths: list[Path], outdir: Path, profile_dir: Path) -> None:
    """Convert DOCX files to PDF with LibreOffice headless, using a throw-away user profile."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("soffice not found: apt-get install libreoffice-writer-nogui fonts-wqy-zenhei")
    env = dict(os.environ, TZ="UTC", LC_ALL="C.UTF-8", SOURCE_DATE_EPOCH=str(int(FIXED_DATE.timestamp())))
    cmd = [
        soffice,
        f"-env:UserInstallation={profile_dir.as_uri()}",
        "--headless",
        "--norestore",
        "--convert-to",
        "pdf:writer_pdf_Export",
        "--outdir",
        str(outdir),
        *map(str, docx_paths),
    ]
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=600)
    missing = [p for p in docx_paths if not (outdir / (p.stem + ".pdf")).exists()]
    if proc.returncode != 0 or missing:
        raise SystemExit(f"LibreOffice conversion failed ({proc.returncode}), missing {missing}:\n{proc.stdout}\n{proc.stderr}")


def check_font() -> None:
    try:
        out = subprocess.run(["fc-list", ":family=" + FONT], capture_output=True, text=True, check=False).stdout
    except FileNotFoundError:
        return
    if not out.strip():
        raise SystemExit(f"font {FONT!r} not installed: apt-get install fonts-wqy-zenhei")


# --------------------------------------------------------------------------- main


def make_samples(out_dir: Path = SAMPLES_DIR) -> list[Path]:
    """Write every sample document in its formats into ``out_dir``; returns the files written."""
    check_font()
    out_dir.mkdir(parents=True, exist_ok=True)
    docs = sample_documents()
    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="perfgoals-samples-") as tmp:
        tmp_path = Path(tmp)
        docx_dir, pdf_dir = tmp_path / "docx", tmp_path / "pdf"
        docx_dir.mkdir()
        pdf_dir.mkdir()
        to_convert = []
        for stem, goals in docs.items():
            formats = SAMPLE_FORMATS[stem]
            data = build_docx(goals, stem)
            path = docx_dir / f"{stem}.docx"
            path.write_bytes(data)
            if "docx" in formats:
                target = out_dir / path.name
                target.write_bytes(data)
                written.append(target)
            if "pdf" in formats:
                to_convert.append(path)
        if to_convert:
            convert_to_pdf(to_convert, pdf_dir, tmp_path / "lo-profile")
            for path in to_convert:
                target = out_dir / f"{path.stem}.pdf"
                target.write_bytes(normalize_pdf((pdf_dir / target.name).read_bytes()))
                written.append(target)
    return sorted(written)


def main(argv: list[str]) -> int:
    out_dir = Path(argv[1]) if len(argv) > 1 else SAMPLES_DIR
    start = time.perf_counter()
    for path in make_samples(out_dir):
        print(f"{path.stat().st_size:>8} {path}")
    print(f"done in {time.perf_counter() - start:.1f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
