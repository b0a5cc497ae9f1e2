"""The parts of an .xlsx around its sheets, read as openpyxl's full mode reads them: which sheets the workbook
has (title, visibility, zip part) and its date system, its shared strings, the number format of each cell style.

Only the small parts whose rules are subtle go through openpyxl's own classes: ``[Content_Types].xml`` (which
part is the workbook, which the shared strings), ``workbook.xml`` and its relationships (under a millisecond
together). openpyxl's ``Workbook()`` and ``Stylesheet.from_tree`` are not used: they cost 1-30 ms a file, the
stylesheet of a workbook saved by Excel or WPS holding hundreds of fonts, fills and borders that a reader of
values never looks at. The shared strings and the number formats of ``cellXfs`` are read here with lxml,
following openpyxl's rules (``read_string_table``, ``Stylesheet._normalise_numbers``) to the letter, so that
every value reads as it did through openpyxl.
"""

from __future__ import annotations

import datetime as dt
import warnings
import zipfile
from dataclasses import dataclass

from lxml import etree
from openpyxl.packaging.manifest import Manifest
from openpyxl.packaging.relationship import get_dependents, get_rels_path
from openpyxl.packaging.workbook import WorkbookPackage
from openpyxl.reader.excel import _find_workbook_part
from openpyxl.styles.numbers import (
    BUILTIN_FORMATS,
    BUILTIN_FORMATS_MAX_SIZE,
    BUILTIN_FORMATS_REVERSE,
    is_date_format,
    is_timedelta_format,
)
from openpyxl.utils.datetime import CALENDAR_MAC_1904, WINDOWS_EPOCH
from openpyxl.workbook.child import INVALID_TITLE_REGEX, avoid_duplicate_name
from openpyxl.xml.constants import ARC_CONTENT_TYPES, ARC_STYLE, SHARED_STRINGS, SHEET_MAIN_NS
from openpyxl.xml.functions import fromstring

SAFE_XML = {"resolve_entities": False, "no_network": True, "huge_tree": False,
            # openpyxl parses sheets and strings with ElementTree, which drops comments and processing
            # instructions and joins the text around them; lxml does the same with these two.
            "remove_comments": True, "remove_pis": True}
"""How every part is parsed: no entities expanded, nothing fetched, no node past libxml2's safe size."""

MAIN = f"{{{SHEET_MAIN_NS}}}"
TEXT = MAIN + "t"
DEFAULT_SHEET_TITLE = "Sheet"  # openpyxl's title for a worksheet listed with an empty name
GENERAL = "General"


def localname(element: etree._Element) -> str:
    """An element's tag without its namespace: openpyxl matches the children of a string by this alone."""
    return element.tag.rpartition("}")[2]


# --------------------------------------------------------------------------- the workbook


@dataclass(frozen=True)
class SheetPart:
    """A sheet as workbook.xml lists it (``name``) and as openpyxl titles it (``title``: ``Sheet`` for an empty
    name, a number appended to a name already taken); ``state`` is visible, hidden or veryHidden."""

    name: str
    title: str
    state: str
    part: str
    chart: bool


@dataclass(frozen=True)
class Package:
    """The sheets in workbook order, the workbook's date system, and where its shared strings are (None: none)."""

    sheets: tuple[SheetPart, ...]
    epoch: dt.datetime
    strings: str | None


def _title(name: str, taken: list[str], chart: bool) -> str:
    """The title openpyxl gives a sheet named ``name`` after the sheets titled ``taken``; ValueError where
    openpyxl refuses the name."""
    title = name if chart else (name or DEFAULT_SHEET_TITLE)
    if not title:
        raise ValueError("Title must have at least one character")
    found = INVALID_TITLE_REGEX.search(title)
    if found:
        raise ValueError(f"Invalid character {found.group(0)} found in sheet title")
    return avoid_duplicate_name(taken, title)


def read_package(archive: zipfile.ZipFile) -> Package:
    """The workbook's sheets, date system and shared strings part, found the way ``openpyxl.load_workbook`` finds
    them; whatever a damaged or malformed part provokes is raised as it comes."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a sheet without a relationship id, invalid relationships: skipped
        manifest = Manifest.from_tree(fromstring(archive.read(ARC_CONTENT_TYPES)))
        workbook = _find_workbook_part(manifest).PartName[1:]
        package = WorkbookPackage.from_tree(fromstring(archive.read(workbook)))
        listed = [sheet for sheet in package.sheets if sheet.id]
        # openpyxl reads the relationships only when a sheet needs them: a workbook of no sheets needs none
        rels = get_dependents(archive, get_rels_path(workbook)).to_dict() if listed else {}
    titles: list[str] = []
    sheets = []
    for sheet in listed:
        rel = rels[sheet.id]
        chart = "chartsheet" in rel.Type
        titles.append(_title(sheet.name, titles, chart))
        sheets.append(SheetPart(sheet.name, titles[-1], sheet.state, rel.target, chart))
    strings = manifest.find(SHARED_STRINGS)
    epoch = CALENDAR_MAC_1904 if package.properties.date1904 else WINDOWS_EPOCH
    return Package(tuple(sheets), epoch, strings.PartName[1:] if strings is not None else None)


# --------------------------------------------------------------------------- strings


def text_content(element: etree._Element) -> str:
    """The text of a shared or inline string as openpyxl's ``Text.content`` gives it: the plain ``<t>`` (the
    last, if several), then the ``<t>`` of each rich-text run; phonetic guides (``<rPh>``) are not shown."""
    plain = None
    runs = []
    for child in element:
        name = "t" if child.tag == TEXT else localname(child)
        if name == "t":
            plain = child.text
        elif name == "r":
            run = None
            for part in child:
                if localname(part) == "t":
                    run = part.text
            if run is not None:
                runs.append(run)
    return (plain or "") + "".join(runs)


def read_strings(archive: zipfile.ZipFile, part: str) -> list[str]:
    """The workbook's shared strings in order, streamed (each ``<si>`` dropped once read)."""
    strings = []
    with archive.open(part) as stream:
        for _, item in etree.iterparse(stream, events=("end",), tag=MAIN + "si", **SAFE_XML):
            # openpyxl drops every "x005F_" (the escape of "_"), in shared strings only
            strings.append(text_content(item).replace("x005F_", ""))
            item.clear()
            parent = item.getparent()
            while parent is not None and item.getprevious() is not None:
                del parent[0]
    return strings


# --------------------------------------------------------------------------- number formats


@dataclass(frozen=True)
class Styles:
    """For each cell style (``cellXfs``, by index) its number format code; the styles whose numbers openpyxl
    turns into dates (``dates``) or durations (``durations``)."""

    formats: tuple[str, ...]
    dates: frozenset[int]
    durations: frozenset[int]


DEFAULT_STYLES = Styles((GENERAL,), frozenset(), frozenset())
"""openpyxl's styles for a workbook without a stylesheet, or with no cell style in it: one style, General."""


def _children(element: etree._Element | None, name: str) -> list[etree._Element]:
    return [] if element is None else [child for child in element if localname(child) == name]


def _formats(custom: dict[int, str], ids: list[int]) -> list[str]:
    """The format code of a style of number format id ``ids[i]``, as openpyxl's ``cell.number_format`` says it."""
    # openpyxl renumbers the custom codes that are not built in from 164 in the order cellXfs first uses them,
    # and looks an id of 164 or more up in that list even when numFmts does not define it.
    renumbered = list(dict.fromkeys(custom[i] for i in ids if i in custom and custom[i] not in BUILTIN_FORMATS_REVERSE))
    formats = []
    for i in ids:
        if i in custom:
            formats.append(custom[i])
        elif i < BUILTIN_FORMATS_MAX_SIZE:
            formats.append(BUILTIN_FORMATS.get(i, GENERAL))
        else:
            at = i - BUILTIN_FORMATS_MAX_SIZE  # where openpyxl would fail (IndexError), General
            formats.append(renumbered[at] if at < len(renumbered) else GENERAL)
    return formats


def read_styles(archive: zipfile.ZipFile) -> Styles:
    """The number format of each cell style in ``xl/styles.xml`` (where openpyxl looks, whatever the manifest
    says); DEFAULT_STYLES when the part or its cell styles are missing."""
    try:
        data = archive.read(ARC_STYLE)
    except KeyError:
        return DEFAULT_STYLES
    root = etree.fromstring(data, etree.XMLParser(**SAFE_XML))
    found = {localname(child): child for child in root}  # a part listed twice: openpyxl keeps the last
    custom = {}
    for fmt in _children(found.get("numFmts"), "numFmt"):
        code = fmt.get("formatCode")
        if code is None:
            raise ValueError("a number format without its formatCode")
        custom[int(fmt.get("numFmtId"))] = code
    ids = [int(xf.get("numFmtId", 0)) for xf in _children(found.get("cellXfs"), "xf")]
    if not ids:
        return DEFAULT_STYLES
    # Dates are told by the code numFmts gives or the built-in code, not by the code renumbering shows.
    kinds = [custom[i] if i in custom else BUILTIN_FORMATS.get(i) for i in ids]
    return Styles(tuple(_formats(custom, ids)),
                  frozenset(s for s, code in enumerate(kinds) if is_date_format(code)),
                  frozenset(s for s, code in enumerate(kinds) if is_timedelta_format(code)))
