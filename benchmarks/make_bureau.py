"""A bureau-sized corpus: one goal-table file per budget unit, mostly Word, some Excel, a few PDF.

    .venv/bin/python benchmarks/make_bureau.py OUT_DIR N_UNITS [SEED]

``make_bureau(out_dir, n_units, seed)`` writes ``unit_0001_<code>.docx`` …
into ``out_dir`` and returns a summary: files and goal tables per format,
the tables expected in total and in each file. The formats are shuffled
over the units in fixed shares: 60% DOCX, 25% XLSX, 15% PDF.

* **DOCX** (layout A): 6–12 goal tables a unit, 10–25 indicator rows a
  table, built from ``tests/family_corpus.py``'s catalogue of court
  projects and indicator families (wordings, values and budgets drawn per
  unit), several tables of a project kind told apart by fund source or
  phase. Every unit has its own name and 6-digit code. The bytes are
  those ``tests/make_samples.build_docx`` writes for the same tables, but
  python-docx takes ~50 ms a table, so ``build_docx`` is run once, on
  placeholder tables, and its document.xml is cut into pieces (the table
  with its header block, and one indicator row of each merge kind) that
  are stamped with each unit's text.
* **XLSX** (layout B, the national template): 6–12 tables a unit, stacked
  2–4 to a sheet, amounts and 指标值 as numbers or as text, written with
  ``tests/make_layouts.py``'s layout-B rows and merges (as its
  ``xlsx_layout_b_project``); 主管部门 and 实施单位, no unit code.
* **PDF**: LibreOffice is too slow for hundreds of files, so a PDF unit is
  a copy of one of the three long budget PDFs of ``benchmarks/data/``
  (25–30 pages, 3–4 goal tables after 20+ pages of other tables) with a
  comment ``%unit NNNN`` appended after ``%%EOF``: every file's sha256
  differs (no file is skipped as a duplicate), but **PDF units repeat those
  three documents' content** (their unit names included).

Deterministic for a seed: one ``random.Random(seed)``, fixed zip dates.
"""

from __future__ import annotations

import io
import random
import re
import sys
import time
import zipfile
from copy import copy
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import openpyxl  # noqa: E402
from openpyxl.styles import Alignment, Border, Font, Side  # noqa: E402
from openpyxl.utils import get_column_letter  # noqa: E402
from openpyxl.worksheet.merge import MergedCellRange  # noqa: E402

import family_corpus as fc  # noqa: E402
from make_layouts import (B_TITLE, B_WIDTHS, XLSX_ALIGN, Cell, LayoutB, _fix_core_dates, _placed,  # noqa: E402
                          _vertical_runs, layout_b_rows)
from make_samples import FIXED_DATE, FONT, ZIP_DATE, _normalize_zip, build_docx  # noqa: E402
from sample_units import goal_table  # noqa: E402

SHARES = (("docx", 0.60), ("xlsx", 0.25), ("pdf", 0.15))
TABLES_PER_UNIT = (6, 12)  # DOCX/XLSX; with the PDFs' 3-4, about 8 a unit overall
YEAR = 2024
# The budget PDFs and their goal tables (benchmarks/data/README.md).
PDFS = (("budget_jizhou_2023.pdf", 4), ("budget_ninghe_2023.pdf", 3), ("budget_wuqing_2023.pdf", 4))
PROVINCES = (("河北省", "13"), ("山西省", "14"), ("江苏省", "32"), ("浙江省", "33"), ("安徽省", "34"),
             ("福建省", "35"), ("江西省", "36"), ("山东省", "37"), ("河南省", "41"), ("湖北省", "42"),
             ("湖南省", "43"), ("四川省", "51"))
FIRST, SECOND = "东西南北安平永宁新长青和清丰兴高临泰德", "阳城河山丰宁安泉川林江源溪州台原"
PHASES = ("", "（一期）", "（二期）", "（三期）", "（续建）", "（追加）")
_TOKEN = re.compile(r"QQ([A-Z0-9]+)QQ")
_THIN = Side(style="thin", color="000000")


# --------------------------------------------------------------------------- content


def _units(rng: random.Random, n: int) -> list[tuple[str, str, str, str]]:
    """n distinct courts: (code, name, supervisor, short name for project titles)."""
    places = [(p, a + b + s) for p in PROVINCES for a in FIRST for b in SECOND for s in "县区" if a != b]
    if n > len(places):
        raise ValueError(f"at most {len(places)} units")
    out = []
    for i, (province, county) in enumerate(sorted(rng.sample(places, n), key=lambda x: (x[0][1], x[1]))):
        name, code = f"{province[0]}{county}人民法院", f"{province[1]}{i + 1:04d}"
        out.append((code, name, f"{province[0]}高级人民法院", county[:2]))
    return out


def _tables(rng: random.Random, short: str) -> list[tuple[str, dict, list[tuple[str, ...]]]]:
    """A unit's goal tables: (project name, table context, rows (一级, 二级, 三级, 描述, 指标值) filled in)."""
    unit_ctx: fc.Ctx = {"cases": rng.randint(60, 400) * 100 + rng.randint(0, 99),
                        "ge": "不低于" if rng.random() < 0.1 else "≥"}
    wording: dict[str, str] = {}
    kinds = list(fc.PROJECTS)
    used: set[str] = set()
    out = []
    for _ in range(rng.randint(*TABLES_PER_UNIT)):
        kind = rng.choices(kinds, weights=[fc.PROJECTS[k][4] for k in kinds])[0]
        names, _, purpose, goal, _ = fc.PROJECTS[kind]
        base = rng.choice(names).format(short=short)
        for phase in PHASES:  # the same project kind again: another fund source, else another phase
            source = rng.choice(("-2024中央", "-2024省级", "-2024县级", ""))
            project = base + phase + source
            if project not in used:
                break
        used.add(project)
        ctx = fc._table_context(rng, unit_ctx, kind)
        rows = []
        for family in fc._pick_families(rng, kind):
            level3 = wording.setdefault(family.name, fc._wording(rng, family))
            desc = level3 if rng.random() < 0.6 else family.desc
            rows.append((family.level[0], family.level[1], level3, desc, family.value(rng, ctx)))
        out.append((project, {**ctx, "purpose": purpose, "goal": goal}, rows))
    return out


# --------------------------------------------------------------------------- DOCX, stamped from build_docx


class DocxStamp:
    """build_docx's output for placeholder tables, cut into pieces to stamp each unit's text into."""

    def __init__(self) -> None:
        rows = (("QQL1QQ", "QQL2QQ", "QQL3QQ", "QQDQQ", "QQVQQ"),) * 2 + (("", "QQL2QQ", "QQL3QQ", "QQDQQ", "QQVQQ"),) * 2
        table = goal_table("QQNQQ", "QQUNITQQ", "万元", "QQPQQ", "QQBQQ", "QQFQQ", " ", "QQPURQQ", "QQGQQ", rows)
        data = build_docx((table, table), "QQTITLEQQ")
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            self.parts = {i.filename: z.read(i.filename) for i in z.infolist()}
        xml = self.parts["word/document.xml"].decode()
        body = xml.index("<w:body>") + len("<w:body>")
        second = xml.index("<w:p><w:pPr><w:pageBreakBefore/>")
        end = xml.rindex("</w:tbl>") + len("</w:tbl>")
        self.prefix, self.suffix = xml[:body], xml[end:]
        self.first, self.rest = self._cut(xml[body:second]), self._cut(xml[second:end])
        assert self.first[1:] == self.rest[1:], "both placeholder tables should give the same rows"

    @staticmethod
    def _cut(segment: str) -> tuple[str, str, str, str, str]:
        """(up to the indicator header row, a row alone in its 一级 group, a group's first row, a continued row,
        the end of the table)."""
        tbl = segment.rindex("<w:tbl>")
        trs = [m.end() for m in re.finditer("</w:tr>", segment) if m.start() > tbl]
        assert len(trs) == 5, "header row and four indicator rows expected"
        head, rows = segment[: trs[0]], [segment[a:b] for a, b in zip(trs, trs[1:])]
        assert rows[2] == rows[3], "every continued row should be alike"
        return head, rows[0], rows[1], rows[2], segment[trs[-1]:]

    def document(self, tables: list[tuple[str, str, dict, list[tuple[str, ...]]]], title: str) -> bytes:
        """The DOCX of tables (unit cell, project, context, rows): the bytes build_docx writes for them."""
        out = [self.prefix]
        for n, (unit, project, ctx, rows) in enumerate(tables, start=1):
            head, single, start, cont, tail = self.first if n == 1 else self.rest
            values = {"N": str(n), "UNIT": unit, "P": project, "B": ctx["budget"], "F": ctx["budget"],
                      "PUR": ctx["purpose"], "G": ctx["goal"]}
            out.append(_stamp(head, values))
            for i, row in enumerate(rows):
                cells = dict(zip(("L1", "L2", "L3", "D", "V"), row))
                merged = i + 1 < len(rows) and not rows[i + 1][0]
                out.append(_stamp(cont if not row[0] else start if merged else single, cells))
            out.append(tail)
        out.append(self.suffix)
        parts = dict(self.parts)
        parts["word/document.xml"] = "".join(out).encode()
        parts["docProps/core.xml"] = _stamp(parts["docProps/core.xml"].decode(), {"TITLE": title}).encode()
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:  # as make_samples._normalize_zip writes them
            for name, blob in parts.items():
                info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
                info.compress_type, info.external_attr = zipfile.ZIP_DEFLATED, 0o644 << 16
                z.writestr(info, blob)
        return buf.getvalue()


def _stamp(template: str, values: dict[str, str]) -> str:
    def sub(m: re.Match) -> str:
        text = str(values[m.group(1)])
        if not text or any(c in text for c in " \t\n"):  # the skeleton's runs hold one plain word
            raise ValueError(f"cannot stamp {text!r}")
        return escape(text)

    return _TOKEN.sub(sub, template)


def docx_tables(code: str, name: str, tables: list) -> list[tuple[str, str, dict, list[tuple[str, ...]]]]:
    """Layout A rows: 一级 blank under the first row of its group (merged down)."""
    out = []
    for project, ctx, rows in tables:
        a_rows = [(r[0] if i == 0 or r[0] != rows[i - 1][0] else "", *r[1:]) for i, r in enumerate(rows)]
        out.append((code + name, project, ctx, a_rows))
    return out


# --------------------------------------------------------------------------- XLSX, layout B


def _b_target(value: str) -> tuple[str, str, str]:
    """``≥95%`` → (``≥``, ``95``, ``%``); ``30万`` → (``＝``, ``30``, ``万元``); words → (``定性``, words, "")."""
    m = re.fullmatch(r"(≥|≤|不低于|)(\d+(?:\.\d+)?)(.*)", value)
    if not m:
        return "定性", value, ""
    op = {"≥": "≥", "不低于": "≥", "≤": "≤", "": "＝"}[m.group(1)]
    return op, m.group(2), "万元" if m.group(3) == "万" else m.group(3)


def layout_b(supervisor: str, unit: str, project: str, ctx: dict, rows: list) -> LayoutB:
    indicators, prev = [], ("", "")
    for l1, l2, l3, _desc, value in rows:
        level = ("成本指标", "经济成本指标") if l2 == "成本指标" else (l1, l2)
        indicators.append((level[0] if level[0] != prev[0] else "", level[1] if level != prev else "",
                           l3, *_b_target(value)))
        prev = level
    other = "" if float(ctx["budget"]) > 100 else "0.00"
    return LayoutB(B_TITLE, supervisor, unit, project, ctx["budget"], ctx["budget"], other, ctx["goal"],
                   tuple(indicators))


def build_xlsx(sheets: list[tuple[str, list[tuple[LayoutB, bool]]]]) -> bytes:
    """Sheets of stacked layout-B tables, styled and merged as make_layouts.xlsx_layout_b_project writes its own.

    openpyxl hashes every style object each time one is assigned (most of the time here), so each distinct
    style is made once per workbook and copied (``cell._style``, what openpyxl's own sheet copy does), and
    merged ranges are added without restyling their edges (the cells are ruled already).
    """
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    made: dict[tuple, object] = {}

    def style(target, align: str | None, title: bool, ruled: bool, as_text: bool) -> None:
        key = (align, title, ruled, as_text)
        if key in made:
            target._style = copy(made[key])
            return
        if align:
            target.alignment = Alignment(horizontal=XLSX_ALIGN[align], vertical="center", wrap_text=True)
            target.font = Font(name=FONT, size=14 if title else 10.5, bold=title)
        if ruled:
            target.border = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
        if as_text:
            target.number_format = "@"  # text that looks like a number stays text
        made[key] = copy(target._style)

    def merge(ws, r0: int, c0: int, r1: int, c1: int) -> None:
        ws.merged_cells.add(MergedCellRange(ws, f"{get_column_letter(c0)}{r0}:{get_column_letter(c1)}{r1}"))

    for name, tables in sheets:
        ws, r0 = wb.create_sheet(name), 1
        for i, (t, as_number) in enumerate(tables):
            r0 += 1 if i else 0  # a blank row between stacked tables
            widths, placed = _placed([(Cell(t.title, sum(B_WIDTHS)),), *layout_b_rows(t, as_number)])
            for j, w in enumerate(widths, start=1):
                ws.column_dimensions[get_column_letter(j)].width = round(w * 4.6, 1)
            for r, cells in enumerate(placed):
                for cell, c0, c1 in cells:
                    if cell.text is not None:
                        target = ws.cell(r0 + r, c0 + 1, cell.text if cell.text != "" else None)
                        as_text = isinstance(cell.text, str) and re.fullmatch(r"\d+(\.\d+)?", cell.text) is not None
                        style(target, cell.align, r == 0, r > 0, as_text)
                        if c1 - c0 > 1:
                            merge(ws, r0 + r, c0 + 1, r0 + r, c1)
                    for c in range(c0 + (cell.text is not None), c1) if r else ():
                        style(ws.cell(r0 + r, c + 1), None, False, True, False)
            for start, end, c0 in _vertical_runs(placed):
                merge(ws, r0 + start, c0 + 1, r0 + end, next(e for _, s, e in placed[start] if s == c0))
            r0 += len(placed)
    wb.properties.creator = wb.properties.lastModifiedBy = "perfgoals benchmarks/make_bureau.py"
    wb.properties.created = wb.properties.modified = FIXED_DATE.replace(tzinfo=None)
    buf = io.BytesIO()
    wb.save(buf)
    return _normalize_zip(_fix_core_dates(buf.getvalue()))


# --------------------------------------------------------------------------- the corpus


def make_bureau(out_dir: Path, n_units: int, seed: int = 0) -> dict:
    """Write n_units files into out_dir (see the module docstring); return what was written."""
    started = time.perf_counter()
    rng = random.Random(seed)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    counts = [round(n_units * share) for _, share in SHARES[1:]]
    formats = ["xlsx"] * counts[0] + ["pdf"] * counts[1]
    formats = ["docx"] * (n_units - len(formats)) + formats
    rng.shuffle(formats)
    stamp = DocxStamp()
    pdfs = [(ROOT / "benchmarks" / "data" / f).read_bytes() for f, _ in PDFS]
    files, tables, rows_written, per_file = dict.fromkeys(formats, 0), dict.fromkeys(formats, 0), 0, {}
    for i, ((code, name, supervisor, short), fmt) in enumerate(zip(_units(rng, n_units), formats), start=1):
        path = out_dir / f"unit_{i:04d}_{code}.{fmt}"
        if fmt == "pdf":
            k = rng.randrange(len(PDFS))
            path.write_bytes(pdfs[k] + f"\n%unit {i:04d}\n".encode())
            n = PDFS[k][1]
        else:
            unit_tables = _tables(rng, short)
            rows_written += sum(len(rows) for _, _, rows in unit_tables)
            n = len(unit_tables)
            if fmt == "docx":
                path.write_bytes(stamp.document(docx_tables(code, name, unit_tables), path.stem))
            else:
                b = [(layout_b(supervisor, name, p, ctx, rows), rng.random() < 0.5) for p, ctx, rows in unit_tables]
                sheets, j = [], 0
                while j < len(b):
                    size = rng.randint(2, 4)
                    sheets.append((f"绩效目标表{len(sheets) + 1}", b[j : j + size]))
                    j += size
                path.write_bytes(build_xlsx(sheets))
        files[fmt] += 1
        tables[fmt] += n
        per_file[path.name] = n
    return {"units": n_units, "seed": seed, "files": files, "tables": tables,
            "expected_tables": sum(tables.values()), "indicator_rows_docx_xlsx": rows_written,
            "seconds": round(time.perf_counter() - started, 2), "per_file": per_file}


def main(argv: list[str]) -> int:
    if len(argv) < 3:
        print("usage: make_bureau.py OUT_DIR N_UNITS [SEED]", file=sys.stderr)
        return 2
    summary = make_bureau(Path(argv[1]), int(argv[2]), int(argv[3]) if len(argv) > 3 else 0)
    summary.pop("per_file")
    print(summary)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
