"""Damaged copies of the sample documents, for the fuzz test (issue 13).

Run ``.venv/bin/python tests/make_mutants.py OUT_DIR [--seed N] [--count N]``
or call ``make_mutants(out_dir, seed, count)``. Every mutant is derived from
one source file (``sources()``: the samples, plus two workbooks, since
``samples/`` holds no .xlsx) by one mutation, chosen deterministically from
``random.Random(seed)``:

* any file: ``truncate`` (at a random or a telling point), ``bitflip`` (one
  bit), ``byterun`` (a run of changed bytes), ``zeroed`` (a block of zeros);
* PDF: ``pdf_stream`` (bytes changed inside a stream … endstream span: page
  content, font or ToUnicode map), ``pdf_xref`` (inside the xref table,
  trailer or startxref);
* DOCX/XLSX: ``zip_dup`` (a member twice under one name, the second copy
  different: for the main part, its tables doubled), ``zip_delete`` (a
  member left out), ``zip_size`` (a member's declared size a lie),
  ``zip_deflate`` (changed bytes in a member's compressed data, the zip
  directory intact), ``zip_rename`` (a member renamed to a name holding rich
  markup such as ``[/x].xml``, the relationship pointing at it, or not),
  ``xml_malformed`` (a part's XML broken), ``markup`` (a text of the table
  given ``[/x]``, ``[red]``, ``[link=http://x]``: the file must load, the
  text verbatim, ``Mutant.marked_text``);
* XLSX: ``sheet_markup`` (a sheet's name given markup: Excel forbids
  brackets there, so a refusal is fair, but a reading that loads it must
  keep the name).

A mutant is named ``<original-stem>__<kind>_<n>.<ext>``; no two mutants, and
no mutant and its source, have the same bytes (the warehouse would record a
copy as a duplicate, not read it).
"""

from __future__ import annotations

import argparse
import hashlib
import html
import io
import random
import re
import struct
import sys
import warnings
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).parents[1]
SAMPLES = ROOT / "samples"
# samples/ has no workbook: one with inline strings (two tables stacked) and one with a shared-strings table.
EXTRA_SOURCES = (
    ROOT / "tests" / "data" / "layouts" / "real_project.xlsx",
    ROOT / "tests" / "data" / "real-goal-tables" / "wuhan_donghu_hrss_2020_project_apply.xlsx",
)
MARKUP = ("[/x]", "[red]", "[link=http://x]", "[bold]", "[/]")
MARKUP_NAMES = ("[/x].xml", "[red].xml", "[link=http://x].xml", "[bold]part[/bold].xml")
# The kinds in turn: the commonest damage (truncation, flips, zeros), PDF streams and text markup twice a round;
# a sheet's name given markup every other round.
ROUND = ("truncate", "bitflip", "byterun", "zeroed", "pdf_stream", "pdf_xref", "zip_dup", "zip_delete", "zip_size",
         "zip_deflate", "zip_rename", "xml_malformed", "markup", "truncate", "bitflip", "pdf_stream", "zeroed", "markup")
SCHEDULE = ROUND + ROUND[:-1] + ("sheet_markup",)
ZIP_FORMATS = (".docx", ".xlsx")


@dataclass(frozen=True)
class Mutant:
    """One damaged file: where it is, the source's file name, the mutation's kind and what exactly was done."""

    path: Path
    original: str
    kind: str
    description: str
    marked_text: str | None = None  # a text with markup that a reading which loads the file must store verbatim


class Skip(Exception):
    """This mutation does not apply to this source (no such member, no such text); the next source is tried."""


# (source bytes, source path, the generator, how many of this kind came before) -> (bytes, description, marked text)
Mutation = Callable[[bytes, Path, random.Random, int], tuple[bytes, str, str | None]]
Members = list[tuple[zipfile.ZipInfo, bytes]]


def sources() -> list[Path]:
    """The good files the mutants come from, in a fixed order."""
    found = [p for p in sorted(SAMPLES.iterdir()) if p.suffix in (".pdf", ".docx", ".xlsx")]
    return found + list(EXTRA_SOURCES)


# --- any file ---------------------------------------------------------------------------------------------


def _truncate(data: bytes, src: Path, rng: random.Random, n: int) -> tuple[bytes, str, str | None]:
    """Cut the file short: one time in three at a point a reader cares about (the zip directory, the PDF
    trailer), else anywhere."""
    telling = [len(data) - 1, len(data) // 2, 64]
    if src.suffix in ZIP_FORMATS:
        telling.append(data.rfind(b"PK\x01\x02") + 10)  # inside the last central directory entry
        telling.append(data.find(b"PK\x01\x02"))  # the whole central directory gone
    else:
        telling.append(data.rfind(b"startxref"))
        telling.append(data.rfind(b"endstream") - 20)
    cut = rng.choice(telling) if n % 3 == 0 else rng.randrange(1, len(data))
    return data[:cut], f"truncated to {cut} of {len(data)} bytes", None


def _bitflip(data: bytes, src: Path, rng: random.Random, n: int) -> tuple[bytes, str, str | None]:
    """Flip one bit anywhere."""
    at, bit = rng.randrange(len(data)), rng.randrange(8)
    out = bytearray(data)
    out[at] ^= 1 << bit
    return bytes(out), f"bit {bit} of byte {at} flipped", None


def _flip_run(data: bytes, rng: random.Random, start: int, end: int) -> tuple[bytes, str]:
    """XOR a run of 2-64 bytes within [start, end) with nonzero random bytes."""
    length = min(rng.randint(2, 64), end - start)
    at = rng.randrange(start, end - length + 1)
    out = bytearray(data)
    for i in range(at, at + length):
        out[i] ^= rng.randint(1, 255)
    return bytes(out), f"{length} bytes changed at {at}"


def _byterun(data: bytes, src: Path, rng: random.Random, n: int) -> tuple[bytes, str, str | None]:
    """Change a run of bytes anywhere."""
    out, what = _flip_run(data, rng, 0, len(data))
    return out, what, None


def _zeroed(data: bytes, src: Path, rng: random.Random, n: int) -> tuple[bytes, str, str | None]:
    """Overwrite a block with zeros, as a bad disk sector or an interrupted copy leaves it."""
    length = min(rng.choice((16, 64, 512, 4096)), len(data) // 2)
    at = rng.randrange(len(data) - length)
    out = data[:at] + bytes(length) + data[at + length:]
    return out, f"{length} bytes zeroed at {at}", None


# --- PDF --------------------------------------------------------------------------------------------------


def _pdf_streams(data: bytes) -> list[tuple[int, int, str]]:
    """(start, end, what) of every stream's data: 'content' (page text and lines), 'font', 'cmap' or 'other'."""
    spans = []
    for m in re.finditer(rb"(?<!end)stream\r?\n", data):
        end = data.find(b"endstream", m.end())
        header = data[data.rfind(b" obj", 0, m.start()):m.start()]
        body = data[m.end():end]
        try:
            plain = zlib.decompressobj().decompress(body, 4096)
        except zlib.error:
            plain = b""
        if b"/Length1" in header or b"/FontFile" in header:
            what = "font"
        elif b"begincmap" in plain:
            what = "cmap"
        elif b"BT" in plain or b" re" in plain:
            what = "content"
        else:
            what = "other"
        spans.append((m.end(), end, what))
    return spans


def _pdf_stream(data: bytes, src: Path, rng: random.Random, n: int) -> tuple[bytes, str, str | None]:
    """Change bytes inside one stream's data, a page's content three times in four."""
    spans = _pdf_streams(data)
    content = [s for s in spans if s[2] == "content"]
    start, end, what = rng.choice(content if rng.random() < 0.75 and content else spans)
    if rng.random() < 0.3:
        at, bit = rng.randrange(start, end), rng.randrange(8)
        out = bytearray(data)
        out[at] ^= 1 << bit
        return bytes(out), f"bit {bit} of byte {at} flipped in a {what} stream", None
    out, changed = _flip_run(data, rng, start, end)
    return out, f"{changed}, in a {what} stream", None


def _pdf_xref(data: bytes, src: Path, rng: random.Random, n: int) -> tuple[bytes, str, str | None]:
    """Damage the cross-reference table, the trailer or the startxref offset."""
    xref = re.search(rb"\nxref\r?\n", data)
    start = xref.start() + 1 if xref else data.rfind(b"trailer")
    variant = rng.randrange(4)
    if variant == 0:  # an object's offset off by some digits
        entries = [m for m in re.finditer(rb"(\d{10}) \d{5} n", data[start:])]
        m = rng.choice(entries)
        digit = start + m.start() + rng.randrange(4, 10)
        new = str((int(chr(data[digit])) + rng.randint(1, 9)) % 10).encode()
        return data[:digit] + new + data[digit + 1:], f"a digit of the xref entry at {start + m.start()} changed", None
    if variant == 1:  # the startxref offset wrong
        m = re.search(rb"startxref\s+(\d+)", data[start:])
        old = int(m.group(1))
        new = str(old + rng.choice((-7, 13, 500, -old))).encode()
        at = start + m.start(1)
        return data[:at] + new + data[start + m.end(1):], f"startxref {old} -> {new.decode()}", None
    if variant == 2:  # the trailer's /Root or /Size pointing elsewhere
        m = re.search(rb"/(Root|Size) (\d+)", data[start:])
        new = str(int(m.group(2)) + rng.randint(1, 40)).encode()
        at = start + m.start(2)
        return data[:at] + new + data[start + m.end(2):], f"trailer /{m.group(1).decode()} -> {new.decode()}", None
    out, changed = _flip_run(data, rng, start, len(data))
    return out, f"{changed}, in the xref table or trailer", None


# --- zip: DOCX and XLSX -----------------------------------------------------------------------------------


def _read_zip(data: bytes) -> Members:
    """Every member of a zip, in order, with its bytes."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [(info, archive.read(info)) for info in archive.infolist()]


def _write_zip(members: list[tuple[zipfile.ZipInfo | str, bytes]]) -> bytes:
    """A zip of ``members``, each compressed like its original (fixed dates, so the bytes are reproducible)."""
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Duplicate name": on purpose
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for info, body in members:
                if isinstance(info, str):
                    info = zipfile.ZipInfo(info, date_time=(2023, 1, 1, 0, 0, 0))
                    info.compress_type = zipfile.ZIP_DEFLATED
                else:
                    info = _copy_info(info, info.filename)
                archive.writestr(info, body)
    return buffer.getvalue()


def _copy_info(info: zipfile.ZipInfo, name: str) -> zipfile.ZipInfo:
    """A fresh ZipInfo named ``name`` with the date and compression of ``info``."""
    new = zipfile.ZipInfo(name, date_time=info.date_time)
    new.compress_type = info.compress_type
    return new


def _main_part(names: list[str]) -> str:
    """The part holding the tables: the document body or the first worksheet."""
    if "word/document.xml" in names:
        return "word/document.xml"
    return min(n for n in names if n.startswith("xl/worksheets/sheet"))


def _text_part(names: list[str]) -> str:
    """The part holding the texts: the document body, the shared strings, or the worksheet's inline strings."""
    return "xl/sharedStrings.xml" if "xl/sharedStrings.xml" in names else _main_part(names)


def _double_body(xml: bytes) -> bytes:
    """The document with its body's content twice over (twice the tables), the section properties once."""
    start = xml.index(b">", xml.index(b"<w:body")) + 1
    end = xml.rfind(b"<w:sectPr")
    end = end if end > start else xml.rindex(b"</w:body>")
    return xml[:start] + xml[start:end] * 2 + xml[end:]


def _shift_cell(ref: str, by: int) -> str:
    col, row = re.fullmatch(r"([A-Z]+)(\d+)", ref).groups()
    return f"{col}{int(row) + by}"


def _double_sheet(xml: bytes) -> bytes:
    """The worksheet with its rows (and merged ranges) copied again below a blank row: twice the tables."""
    text = xml.decode("utf-8")
    rows = re.findall(r"<row [^>]*?(?:/>|>.*?</row>)", text, re.S)
    by = max(int(m) for m in re.findall(r'<row [^>]*?\br="(\d+)"', text)) + 1
    moved = "".join(re.sub(r'(<c [^>]*?\br=")([A-Z]+\d+)"', lambda m: f'{m.group(1)}{_shift_cell(m.group(2), by)}"',
                           re.sub(r'(<row [^>]*?\br=")(\d+)"', lambda m: f'{m.group(1)}{int(m.group(2)) + by}"', row))
                    for row in rows)
    text = text.replace("</sheetData>", moved + "</sheetData>", 1)
    merges = re.findall(r'<mergeCell ref="([A-Z]+\d+):([A-Z]+\d+)"/>', text)
    if merges:
        extra = "".join(f'<mergeCell ref="{_shift_cell(a, by)}:{_shift_cell(b, by)}"/>' for a, b in merges)
        text = re.sub(r'<mergeCells count="\d+">', f'<mergeCells count="{2 * len(merges)}">', text)
        text = text.replace("</mergeCells>", extra + "</mergeCells>", 1)
    text = re.sub(r'<dimension ref="[^"]*"/>', "", text)  # the old extent would hide the copy from some readers
    return text.encode("utf-8")


def _changed_digits(xml: bytes, shift: int) -> bytes:
    """The XML with every digit of its text (not its markup) moved ``shift`` up: other numbers, same shape."""
    text = xml.decode("utf-8")
    return re.sub(r">([^<]+)<", lambda m: ">" + re.sub(r"\d", lambda d: str((int(d.group()) + shift) % 10),
                                                         m.group(1)) + "<", text).encode("utf-8")


def _zip_dup(data: bytes, src: Path, rng: random.Random, n: int) -> tuple[bytes, str, str | None]:
    """A member written twice under one name, the second copy different (readers of zips disagree on which
    counts: a loader must refuse such a file, not pick one)."""
    members = _read_zip(data)
    names = [i.filename for i, _ in members]
    main = _main_part(names)
    choices = [(main, "its tables doubled"), (_text_part(names), "its digits changed"),
               ("[Content_Types].xml", "its digits changed"), (main, "its digits changed")]
    name, how = choices[n % len(choices)]
    first = dict((i.filename, b) for i, b in members)[name]
    second = (_double_body(first) if name.endswith("document.xml") else _double_sheet(first)) \
        if how == "its tables doubled" else _changed_digits(first, rng.randint(1, 9))
    if second == first:
        raise Skip
    order = rng.choice(("last", "right after"))
    dup = [(_copy_info(i, name), second) for i, _ in members if i.filename == name][:1]
    if order == "last":
        out = members + dup
    else:
        at = names.index(name) + 1
        out = members[:at] + dup + members[at:]
    return _write_zip(out), f"{name} twice, the second copy ({order}) with {how}", None


DELETABLE = ("word/document.xml", "xl/sharedStrings.xml", "[Content_Types].xml", "_rels/.rels",
             "xl/worksheets/sheet1.xml", "word/_rels/document.xml.rels", "xl/workbook.xml",
             "xl/_rels/workbook.xml.rels", "word/styles.xml", "xl/styles.xml", "word/numbering.xml")


def _zip_delete(data: bytes, src: Path, rng: random.Random, n: int) -> tuple[bytes, str, str | None]:
    """The zip without one of the parts a reader needs."""
    members = _read_zip(data)
    present = [name for name in DELETABLE if any(i.filename == name for i, _ in members)]
    name = present[n % len(present)]
    return _write_zip([(i, b) for i, b in members if i.filename != name]), f"{name} deleted", None


def _central_entries(data: bytes) -> dict[str, int]:
    """Member name -> offset of its central directory entry."""
    entries, at = {}, data.find(b"PK\x01\x02")
    while at != -1:
        name_len = struct.unpack_from("<H", data, at + 28)[0]
        entries[data[at + 46:at + 46 + name_len].decode("utf-8", "replace")] = at
        at = data.find(b"PK\x01\x02", at + 46 + name_len)
    return entries


def _zip_size(data: bytes, src: Path, rng: random.Random, n: int) -> tuple[bytes, str, str | None]:
    """A member whose declared (uncompressed or compressed) size is a lie, in the central directory and
    sometimes in its local header too; its data untouched."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = {i.filename: i for i in archive.infolist()}
    names = list(infos)
    name = _main_part(names) if n % 2 == 0 else rng.choice(names)
    info = infos[name]
    field, true = rng.choice((("uncompressed", info.file_size), ("compressed", info.compress_size)))
    lie = rng.choice((true // 2, true - 1, true + 1, true * 3, 0, 0xFFFFFFFF, 0x7FFFFFFF))
    if lie == true or not 0 <= lie <= 0xFFFFFFFF:  # an empty member has no smaller size to claim
        raise Skip
    out = bytearray(data)
    central = _central_entries(data)[name]
    struct.pack_into("<I", out, central + (24 if field == "uncompressed" else 20), lie)
    where = "central directory"
    if rng.random() < 0.5:
        struct.pack_into("<I", out, info.header_offset + (22 if field == "uncompressed" else 18), lie)
        where += " and local header"
    return bytes(out), f"{name} {field} size {true} declared {lie} ({where})", None


def _data_span(data: bytes, info: zipfile.ZipInfo) -> tuple[int, int]:
    """Where a member's compressed bytes are in the file."""
    name_len, extra_len = struct.unpack_from("<HH", data, info.header_offset + 26)
    start = info.header_offset + 30 + name_len + extra_len
    return start, start + info.compress_size


def _zip_deflate(data: bytes, src: Path, rng: random.Random, n: int) -> tuple[bytes, str, str | None]:
    """Changed bytes inside a member's deflate data, the zip's directory (and the CRC it declares) intact."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = {i.filename: i for i in archive.infolist()}
    names = list(infos)
    targets = [_main_part(names), _text_part(names), _main_part(names), "[Content_Types].xml"]
    name = targets[n % len(targets)]
    start, end = _data_span(data, infos[name])
    variant = rng.randrange(3)
    out = bytearray(data)
    if variant == 0:
        at, bit = rng.randrange(start, end), rng.randrange(8)
        out[at] ^= 1 << bit
        what = f"bit {bit} of byte {at - start} flipped"
    elif variant == 1:
        out, what = _flip_run(data, rng, start, end)
    else:
        length = min(64, (end - start) // 2)
        at = rng.randrange(start, end - length)
        out[at:at + length] = bytes(length)
        what = f"{length} bytes zeroed at {at}"
    return bytes(out), f"{name} deflate data: {what}", None


def _rename_references(members: Members, old: str, new: str) -> Members:
    """Point the relationships and content types at ``new`` instead of ``old`` (absolute and relative targets)."""
    folder = old.rsplit("/", 1)[0] if "/" in old else ""
    old_base, new_base = old[len(folder) + 1:], new[len(folder) + 1:]  # "[/x].xml" holds a slash of its own
    out = []
    for info, body in members:
        if info.filename.endswith(".rels") or info.filename == "[Content_Types].xml":
            text = body.decode("utf-8").replace(f'"/{old}"', f'"/{new}"').replace(f'"{old}"', f'"{new}"')
            if info.filename.startswith(f"{folder}/_rels/"):  # relationships of the part's siblings: relative
                text = text.replace(f'Target="{old_base}"', f'Target="{new_base}"')
            body = text.encode("utf-8")
        out.append((info, body))
    return out


def _zip_rename(data: bytes, src: Path, rng: random.Random, n: int) -> tuple[bytes, str, str | None]:
    """A part renamed to a name holding rich markup, the relationships pointing at the new name (or, now and
    then, still at the old one)."""
    members = _read_zip(data)
    names = [i.filename for i, _ in members]
    styles = "word/styles.xml" if "word/styles.xml" in names else "xl/styles.xml"
    old = (_main_part(names), _text_part(names), styles)[n % 3]
    new = old.rsplit("/", 1)[0] + "/" + MARKUP_NAMES[n % len(MARKUP_NAMES)]
    renamed = [(_copy_info(i, new) if i.filename == old else i, b) for i, b in members]
    follow = rng.random() >= 0.25
    if follow:
        renamed = _rename_references(renamed, old, new)
    what = f"{old} renamed {new}" + ("" if follow else ", the relationship still at the old name")
    return _write_zip(renamed), what, None


def _replace_part(data: bytes, name: str, body: bytes) -> bytes:
    """The zip with member ``name``'s bytes replaced by ``body``."""
    return _write_zip([(i, body if i.filename == name else b) for i, b in _read_zip(data)])


def _xml_malformed(data: bytes, src: Path, rng: random.Random, n: int) -> tuple[bytes, str, str | None]:
    """A part (the tables' or the texts', now and then another) whose XML is no longer well-formed."""
    members = _read_zip(data)
    names = [i.filename for i, _ in members]
    name = (_main_part(names), _text_part(names), "[Content_Types].xml", _main_part(names))[n % 4]
    xml = dict((i.filename, b) for i, b in members)[name]
    texts = [m for m in re.finditer(rb">([^<>]+)</", xml)]
    pick = rng.choice(texts) if texts else None
    variant = n % 7
    if variant == 0:
        cut = rng.randrange(len(xml) // 4, len(xml) - 1)
        broken, what = xml[:cut], f"cut at {cut} of {len(xml)}"
    elif variant == 1:
        close = [m for m in re.finditer(rb"</[\w:]+>", xml)]
        m = rng.choice(close)
        broken, what = xml[:m.start()] + xml[m.end():], f"closing tag {m.group().decode()} removed"
    elif variant == 2 and pick:
        broken, what = xml[:pick.start(1)] + b"<" + xml[pick.start(1):], "a stray '<' in a text"
    elif variant == 3 and pick:
        broken, what = xml[:pick.start(1)] + b"&bogus;" + xml[pick.start(1):], "an undefined entity in a text"
    elif variant == 4 and pick:
        broken, what = xml[:pick.start(1)] + b"\xff\xfe\xc3" + xml[pick.start(1):], "invalid UTF-8 in a text"
    elif variant == 5 and pick:
        broken, what = xml[:pick.start(1)] + b"\x00\x01" + xml[pick.start(1):], "control characters in a text"
    else:
        broken, what = b"<?xml version='1.0'?>" + xml, "a second XML declaration"
    return _replace_part(data, name, broken), f"{name}: {what}", None


# --- markup in the document's text --------------------------------------------------------------------------

UNIT = re.compile(r"^\d{6}\D{4,}$")
LABELS = ("项目名称", "数量指标", "实施单位", "绩效目标", "质量指标", "项目执行单位")  # the value follows the label


def _texts(xml: str) -> list[re.Match[str]]:
    """The text nodes (w:t of Word, t of a workbook) of a part."""
    return list(re.finditer(r"<(w:)?t(?: [^>]*)?>([^<]*)</(?:w:)?t>", xml))


def _markup_target(texts: list[str], n: int) -> str:
    """A value the warehouse stores (a unit, project or indicator name, a goal), found by the label before it."""
    wanted = ("unit",) + LABELS
    for label in wanted[n % len(wanted):] + wanted[:n % len(wanted)]:
        if label == "unit":
            found = [t for t in texts if UNIT.match(t)]
        else:
            found = [texts[i + 1] for i, t in enumerate(texts[:-1]) if t == label and len(texts[i + 1]) >= 4]
        if found:
            return found[0]
    raise Skip


def _markup(data: bytes, src: Path, rng: random.Random, n: int) -> tuple[bytes, str, str | None]:
    """A stored text (a unit, project or indicator name, a goal; everywhere it occurs) given rich markup."""
    members = _read_zip(data)
    names = [i.filename for i, _ in members]
    token = rng.choice(MARKUP)
    part = _text_part(names)
    xml = dict((i.filename, b) for i, b in members)[part].decode("utf-8")
    texts = [html.unescape(m.group(2)) for m in _texts(xml)]
    old = _markup_target(texts, n)
    code = len(old) - len(old.lstrip("0123456789."))  # after a unit code or an item number, never inside it
    at = min(code + rng.randint(1, 4), len(old) - 1)
    new = old[:at] + token + old[at:]

    def swap(m: re.Match[str]) -> str:
        text = html.unescape(m.group(2))
        if old not in text:
            return m.group()
        return m.group().replace(f">{m.group(2)}<", f">{html.escape(text.replace(old, new), quote=False)}<", 1)

    xml = re.sub(r"<(w:)?t(?: [^>]*)?>([^<]*)</(?:w:)?t>", swap, xml)
    stored = new[code:] if UNIT.match(old) else new  # the warehouse keeps a unit's code and name apart
    return _replace_part(data, part, xml.encode("utf-8")), f"{old!r} -> {new!r} in {part}", stored


def _sheet_markup(data: bytes, src: Path, rng: random.Random, n: int) -> tuple[bytes, str, str | None]:
    """The first sheet's name given rich markup: Excel forbids [ ] there, so a reader may refuse the file, but
    one that loads it must keep the name (the indicators' source_ref quotes it)."""
    members = dict((i.filename, b) for i, b in _read_zip(data))
    xml = members["xl/workbook.xml"].decode("utf-8")
    old = html.unescape(re.search(r'<sheet [^>]*?name="([^"]*)"', xml).group(1))
    token = rng.choice(MARKUP)
    at = rng.randint(0, len(old))
    new = old[:at] + token + old[at:]
    xml = xml.replace(f'name="{html.escape(old)}"', f'name="{html.escape(new)}"', 1)
    return _replace_part(data, "xl/workbook.xml", xml.encode("utf-8")), f"sheet {old!r} renamed {new!r}", new


MUTATIONS: dict[str, Mutation] = {
    "truncate": _truncate, "bitflip": _bitflip, "byterun": _byterun, "zeroed": _zeroed,
    "pdf_stream": _pdf_stream, "pdf_xref": _pdf_xref,
    "zip_dup": _zip_dup, "zip_delete": _zip_delete, "zip_size": _zip_size, "zip_deflate": _zip_deflate,
    "zip_rename": _zip_rename, "xml_malformed": _xml_malformed, "markup": _markup, "sheet_markup": _sheet_markup,
}
FORMATS = {kind: (".pdf",) if kind.startswith("pdf_") else ZIP_FORMATS for kind in MUTATIONS} | {
    kind: (".pdf", ".docx", ".xlsx") for kind in ("truncate", "bitflip", "byterun", "zeroed")} | {
    "sheet_markup": (".xlsx",)}


def _one(kind: str, n: int, files: list[Path], blobs: dict[Path, bytes], rng: random.Random,
         seen: set[bytes]) -> tuple[Path, bytes, str, str | None]:
    """The ``n``-th mutant of ``kind``: from the next source of a format it applies to, in turn (the source
    after, if it does not apply or the result repeats a file already made)."""
    usable = [f for f in files if f.suffix in FORMATS[kind]]
    for attempt in range(4 * len(usable)):
        src = usable[(n + attempt) % len(usable)]
        try:
            out, what, marked = MUTATIONS[kind](blobs[src], src, rng, n + attempt)
        except Skip:
            continue
        digest = hashlib.sha256(out).digest()
        if digest not in seen:
            seen.add(digest)
            return src, out, what, marked
    raise RuntimeError(f"no source takes a {kind} mutation")


def make_mutants(out_dir: Path, seed: int = 13, count: int = 160) -> list[Mutant]:
    """Write ``count`` mutants of ``sources()`` into ``out_dir`` and describe them; the same seed and count give
    the same files."""
    rng = random.Random(seed)
    files = sources()
    blobs = {p: p.read_bytes() for p in files}
    seen = {hashlib.sha256(b).digest() for b in blobs.values()}
    made: Counter[str] = Counter()
    mutants = []
    out_dir.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        kind = SCHEDULE[i % len(SCHEDULE)]
        src, out, what, marked = _one(kind, made[kind], files, blobs, rng, seen)
        made[kind] += 1
        path = out_dir / f"{src.stem}__{kind}_{made[kind]}{src.suffix}"
        path.write_bytes(out)
        mutants.append(Mutant(path, src.name, kind, what, marked))
    return mutants


def main(argv: list[str]) -> int:
    """The command line: write the mutants and print one line each, then the count of each kind."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--count", type=int, default=160)
    args = parser.parse_args(argv)
    mutants = make_mutants(args.out_dir, args.seed, args.count)
    for m in mutants:
        print(f"{m.path.name}\t{m.description}")
    kinds = Counter(m.kind for m in mutants)
    print(f"{len(mutants)} mutants, {sum(m.path.stat().st_size for m in mutants) // 1024} KB: "
          + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
