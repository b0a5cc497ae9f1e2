"""The main document part of a Word package, found as Word finds it, read with zipfile and lxml alone.

python-docx built its whole object tree (every part loaded, its XML parts parsed into element classes) only to
hand over the body element. This walks the same package the same way and keeps only the main part's tree, yet
refuses what python-docx refused, for the same reasons and in the same words: every part the relationships reach
is read (a missing part, or one whose data or CRC is damaged, makes the file damaged), the XML parts python-docx
parsed must parse, the main part is the target of the package's one officeDocument relationship, and a main part
of another content type (a .docm, a .dotx) is not a Word document. The errors python-docx met are raised here as
the same exceptions, with the same wording, so that ``extract.damage`` tells the sender the same thing.
"""

from __future__ import annotations

import posixpath
import struct
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from core.errors import CorruptFileError, UnsupportedFormatError
from extract.damage import ZIP_DAMAGE, damaged_zip
from extract.limits import opened

_PR = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
OFFICE_DOCUMENT = _OFFICE + "officeDocument"
IMAGE = _OFFICE + "image"  # python-docx never parsed a part an image relationship reaches, whatever its type
DOCUMENT_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml."
# The content types python-docx parsed on opening (a part of any other type it only read): one of these that is
# not well-formed XML made the file damaged, so it still does.
PARSED_TYPES = frozenset({
    "application/vnd.openxmlformats-package.core-properties+xml", DOCUMENT_MAIN,
    *(f"{_WML}{kind}+xml" for kind in ("comments", "footer", "header", "numbering", "settings", "styles")),
})
CONTENT_TYPES = "[Content_Types].xml"
PACKAGE = "/"  # the package itself, source of the relationships in _rels/.rels
EXTERNAL = "External"
# python-docx's parser flags (blank text between elements dropped), hardened: no entity is expanded, nothing is
# fetched, and libxml2's limits on depth and text size stay on.
PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False, no_network=True, huge_tree=False)
NOT_A_DOCUMENT = (
    "这是宏或模板格式的 Word 文件（.docm/.dotx），请在 Word 中另存为 .docx 后再提交。"
    " This is a macro-enabled or template Word file (.docm/.dotx); save it as .docx in Word and resubmit."
)


@dataclass(frozen=True)
class Relationship:
    """One w:Relationship of a .rels part; ``target`` is an absolute part name unless ``external``."""

    rid: str | None
    reltype: str | None
    target: str
    external: bool


@dataclass(frozen=True)
class Part:
    """A part the relationships reach: its name (``/word/document.xml``), content type, and how it was reached."""

    name: str
    content_type: str | None
    reltype: str | None
    blob: bytes


def _rels_member(source: str) -> str:
    """The zip member holding the relationships of part ``source`` (``word/_rels/document.xml.rels``)."""
    base, filename = posixpath.split(source)
    return posixpath.join(base, "_rels", f"{filename}.rels")[1:]


def _relationships(archive: zipfile.ZipFile, source: str) -> list[Relationship]:
    """The relationships of part ``source`` (or of the package, ``PACKAGE``), in file order; none without a .rels."""
    try:
        xml = archive.read(_rels_member(source))
    except KeyError:
        return []
    base = posixpath.split(source)[0]
    rels = []
    for element in etree.fromstring(xml, PARSER).findall(_PR + "Relationship"):
        target, external = element.get("Target"), element.get("TargetMode") == EXTERNAL
        if target is None:
            raise ValueError(f"relationship {element.get('Id')!r} of {source!r} has no target")
        # abspath, not normpath: the part name python-docx resolved, "//x" kept as it is
        rels.append(Relationship(element.get("Id"), element.get("Type"), target if external
                                 else posixpath.abspath(posixpath.join(base, target)), external))
    return rels


def _content_types(xml: bytes) -> tuple[dict[str, str | None], dict[str, str | None]]:
    """([Content_Types].xml's overrides by lower-case part name, its defaults by lower-case extension)."""
    root = etree.fromstring(xml, PARSER)
    overrides = {o.get("PartName").lower(): o.get("ContentType")
                 for o in root.findall(_CT + "Override") if o.get("PartName") is not None}
    defaults = {d.get("Extension").lower(): d.get("ContentType")
                for d in root.findall(_CT + "Default") if d.get("Extension") is not None}
    return overrides, defaults


def _content_type(types: tuple[dict[str, str | None], dict[str, str | None]], name: str) -> str | None:
    """The content type of part ``name``: its override, else the default for its extension (OPC, ASCII case
    ignored); KeyError, in python-docx's words, when there is neither."""
    overrides, defaults = types
    if name.lower() in overrides:
        return overrides[name.lower()]
    extension = posixpath.splitext(name)[1].removeprefix(".").lower()
    if extension in defaults:
        return defaults[extension]
    raise KeyError(f"no content type for partname '{name}' in [Content_Types].xml")


def _reachable_parts(archive: zipfile.ZipFile, package_rels: list[Relationship],
                     types: tuple[dict[str, str | None], dict[str, str | None]]) -> list[Part]:
    """Every internal part the relationships reach from the package, each once, depth first in python-docx's order
    (so that of two faults the same one is reported); a part's .rels is read before the part itself."""
    visited: set[str] = set()
    parts: list[Part] = []
    stack = [iter(package_rels)]  # a stack, not recursion: a long chain of parts must not exhaust Python's
    while stack:
        rel = next(stack[-1], None)
        if rel is None:
            stack.pop()
            continue
        if rel.external or rel.target in visited:
            continue
        visited.add(rel.target)
        rels = _relationships(archive, rel.target)
        blob = archive.read(rel.target[1:])  # read whole, so zipfile checks the CRC of every part
        parts.append(Part(rel.target, _content_type(types, rel.target), rel.reltype, blob))
        stack.append(iter(rels))
    return parts


def _main_relationship(package_rels: list[Relationship]) -> Relationship:
    """The package's one officeDocument relationship (a later one of the same Id replacing the first)."""
    by_id = {rel.rid: rel for rel in package_rels}
    matching = [rel for rel in by_id.values() if rel.reltype == OFFICE_DOCUMENT]
    if not matching:
        raise KeyError(f"no relationship of type '{OFFICE_DOCUMENT}' in collection")
    if len(matching) > 1:
        raise ValueError(f"multiple relationships of type '{OFFICE_DOCUMENT}' in collection")
    if matching[0].external:
        raise ValueError("the officeDocument relationship points outside the package")
    return matching[0]


def _main_part(path: Path, data: bytes | None) -> tuple[Part, etree._Element | None]:
    """The main part and its parsed XML (None when its type is not one python-docx parsed), every XML part of a
    type python-docx parsed checked on the way."""
    with opened(path, data) as stream, zipfile.ZipFile(stream) as archive:
        types = _content_types(archive.read(CONTENT_TYPES))
        package_rels = _relationships(archive, PACKAGE)
        parts = _reachable_parts(archive, package_rels, types)
    trees: dict[str, etree._Element] = {}
    for part in parts:
        if part.reltype != IMAGE and part.content_type in PARSED_TYPES:
            tree = etree.fromstring(part.blob, PARSER)  # the others parsed only to be refused if not XML
            if part.content_type == DOCUMENT_MAIN:
                trees[part.name] = tree
    target = _main_relationship(package_rels).target
    main = next(part for part in parts if part.name == target)  # every internal target was read
    return main, trees.get(main.name)


def main_document(path: str | Path, data: bytes | None = None) -> etree._Element:
    """The root element of the main document part of the .docx at ``path`` (or of its bytes, ``data``).

    A damaged package raises CorruptFileError, a macro-enabled or template file (.docm/.dotx) or any other main
    part that is not a Word document UnsupportedFormatError.
    """
    path = Path(path)
    try:
        main, root = _main_part(path, data)
        if main.content_type == DOCUMENT_MAIN and root is None:  # first reached as an image: parse it now
            root = etree.fromstring(main.blob, PARSER)
    except (struct.error, ValueError, *ZIP_DAMAGE) as exc:  # struct: a header cut short, unwrapped by zipfile
        raise corrupt(path, exc) from exc
    if main.content_type != DOCUMENT_MAIN:
        raise UnsupportedFormatError(NOT_A_DOCUMENT, path=path)
    return root


def corrupt(path: Path, exc: BaseException) -> CorruptFileError:
    """The error for a .docx whose package or XML cannot be parsed, in words (``exc`` stays chained for whoever helps)."""
    return damaged_zip(path, exc, "docx")
