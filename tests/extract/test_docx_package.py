"""The Word package read as Word reads it: the main part found through the relationships and the content types,
refusals as python-docx made them (damaged or missing parts, a .docm or .dotx), hostile XML defused."""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import extract
from bad_files import RAW_DUMP
from core.errors import CorruptFileError, UnsupportedFormatError
from extract.docxpackage import DOCUMENT_MAIN

Parts = dict[str, bytes]
MAIN = "word/document.xml"
MAIN_RELS = "word/_rels/document.xml.rels"
PACKAGE_RELS = "_rels/.rels"
TYPES = "[Content_Types].xml"
OFFICE_DOCUMENT = b"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
W_NS = b"http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _parts(source: Path) -> Parts:
    with zipfile.ZipFile(source) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _write(path: Path, parts: Parts) -> Path:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, blob in parts.items():
            archive.writestr(name, blob)
    path.write_bytes(out.getvalue())
    return path


def _replace(parts: Parts, name: str, old: bytes, new: bytes) -> Parts:
    assert parts[name].count(old) == 1, (name, old)
    return {**parts, name: parts[name].replace(old, new)}


def _moved(parts: Parts, member: str, target: str, override: str | None = None) -> Parts:
    """The package with its main part at zip member ``member``, the package relationship's Target ``target`` and
    the content-type override naming it ``override`` (default ``/member``); the main part's own relationships
    are moved along, their targets made absolute so that they still reach the parts they reached."""
    rels = re.sub(rb'Target="(?!http)([^"/][^"]*)"', lambda m: b'Target="/word/' + m.group(1) + b'"', parts[MAIN_RELS])
    base, filename = posixpath.split(member)
    moved = {name: blob for name, blob in parts.items() if name not in (MAIN, MAIN_RELS)}
    moved[member] = parts[MAIN]
    moved[posixpath.join(base, "_rels", filename + ".rels")] = rels
    moved = _replace(moved, PACKAGE_RELS, b'Target="word/document.xml"', f'Target="{target}"'.encode())
    return _replace(moved, TYPES, b'PartName="/word/document.xml"', f'PartName="{override or "/" + member}"'.encode())


@pytest.fixture(scope="module")
def original(seed_docx: Path) -> extract.RawDocument:
    return extract.read_document(seed_docx)


@pytest.fixture(scope="module")
def parts(seed_docx: Path) -> Parts:
    return _parts(seed_docx)


def _assert_corrupt(path: Path, *words: str) -> CorruptFileError:
    """A CorruptFileError naming the file first, in Chinese then English, with ``words`` and no parser dump."""
    with pytest.raises(CorruptFileError) as info:
        extract.read_document(path)
    message = str(info.value)
    assert message.startswith(path.name) and "损坏" in message and "damaged" in message, message
    assert not RAW_DUMP.search(message), message
    for word in words:
        assert word in message, message
    return info.value


# --------------------------------------------------------------------------- the main part, wherever it is


@pytest.mark.parametrize(("member", "target"), [
    ("word/main.xml", "word/main.xml"),
    ("word/main.xml", "/word/main.xml"),
    ("content/body/goals.xml", "content/./body/../body/goals.xml"),
    ("goals.xml", "goals.xml"),
])
def test_main_part_is_found_through_the_relationship(tmp_path: Path, parts: Parts, original, seed, member: str,
                                                     target: str) -> None:
    path = _write(tmp_path / "moved.docx", _moved(parts, member, target))
    doc = extract.read_document(path)
    assert doc.blocks == original.blocks
    assert [r.texts for r in doc.tables[0].rows] == list(seed[0].header_rows)


def test_no_document_xml_is_needed_only_the_relationship(tmp_path: Path, parts: Parts, original) -> None:
    """The old place holds a stale copy no relationship reaches: Word reads the related part, so do we."""
    moved = _moved(parts, "word/main.xml", "word/main.xml")
    moved[MAIN] = parts[MAIN].replace("法院".encode(), "机关".encode())
    assert extract.read_document(_write(tmp_path / "stale.docx", moved)).blocks == original.blocks


# One path segment of a part name: what OPC allows that a generator of test names can keep readable.
SEGMENT = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789_-", min_size=1, max_size=8)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(dirs=st.lists(SEGMENT, max_size=3), name=SEGMENT, absolute=st.booleans(),
       detours=st.lists(st.sampled_from(["./", "zz/../"]), max_size=2), upper=st.booleans())
def test_any_main_part_name_and_way_of_writing_it_reads_the_same(tmp_path: Path, parts: Parts, original,
                                                                  dirs: list[str], name: str, absolute: bool,
                                                                  detours: list[str], upper: bool) -> None:
    member = "/".join(["m", *dirs, f"{name}.xml"])  # under m/: no clash with a part the package already has
    target = ("/" if absolute else "") + "".join(detours) + member
    override = "/" + (member.upper() if upper else member)  # OPC part names are compared ignoring ASCII case
    path = _write(tmp_path / "any.docx", _moved(parts, member, target, override))
    assert extract.read_document(path).blocks == original.blocks


# --------------------------------------------------------------------------- refused as python-docx refused


@pytest.mark.parametrize("content_type", [
    b"application/vnd.ms-word.document.macroEnabled.main+xml",
    b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    b"application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
])
def test_macro_enabled_and_template_files_are_refused(tmp_path: Path, parts: Parts, content_type: bytes) -> None:
    path = _write(tmp_path / "goals.docm", _replace(parts, TYPES, DOCUMENT_MAIN.encode(), content_type))
    with pytest.raises(UnsupportedFormatError) as info:
        extract.read_document(path)
    assert str(info.value) == (
        "goals.docm: 这是宏或模板格式的 Word 文件（.docm/.dotx），请在 Word 中另存为 .docx 后再提交。"
        " This is a macro-enabled or template Word file (.docm/.dotx); save it as .docx in Word and resubmit.")


def test_a_missing_document_part_is_damage_naming_the_file(tmp_path: Path, parts: Parts) -> None:
    path = _write(tmp_path / "no_body_part.docx", {n: b for n, b in parts.items() if n != MAIN})
    error = _assert_corrupt(path, "缺少其中的部件 word/document.xml", "its part word/document.xml is missing")
    assert error.path == str(path) and isinstance(error.__cause__, KeyError)


def test_a_missing_part_the_main_part_relates_to_is_damage(tmp_path: Path, parts: Parts) -> None:
    path = _write(tmp_path / "no_styles.docx", {n: b for n, b in parts.items() if n != "word/styles.xml"})
    _assert_corrupt(path, "缺少其中的部件 word/styles.xml", "its part word/styles.xml is missing")


@pytest.mark.parametrize(("part", "refused"), [
    ("word/styles.xml", True), ("word/settings.xml", True), ("word/numbering.xml", True), ("docProps/core.xml", True),
    # python-docx only read these: damaged XML in them never stopped a file being read, and does not now
    ("word/theme/theme1.xml", False), ("word/fontTable.xml", False), ("docProps/app.xml", False),
])
def test_xml_damage_refuses_the_file_where_python_docx_parsed_the_part(tmp_path: Path, parts: Parts, original,
                                                                     part: str, refused: bool) -> None:
    path = _write(tmp_path / "bad_part.docx", {**parts, part: b'<w:styles xmlns:w="' + W_NS + b'"><w:style>'})
    if refused:
        _assert_corrupt(path, "其中一个部件不是有效的 XML", "one of its parts is not valid XML")
    else:
        assert extract.read_document(path).blocks == original.blocks


def test_an_undeclared_prefix_is_not_valid_xml(tmp_path: Path, parts: Parts) -> None:
    """Namespace errors are the parser's to find: a check without building the tree would let this through."""
    path = _write(tmp_path / "prefix.docx", {**parts, "word/styles.xml": b"<w:styles/>"})
    _assert_corrupt(path, "one of its parts is not valid XML (line 1)")


@pytest.mark.parametrize("edit", [
    pytest.param(lambda p: _replace(p, PACKAGE_RELS, OFFICE_DOCUMENT, OFFICE_DOCUMENT + b"X"), id="no-officeDocument"),
    pytest.param(lambda p: _replace(p, PACKAGE_RELS, b"</Relationships>", b'<Relationship Id="rId9" Type="'
                                    + OFFICE_DOCUMENT + b'" Target="word/document.xml"/></Relationships>'), id="two"),
    pytest.param(lambda p: {n: b for n, b in p.items() if n != PACKAGE_RELS}, id="no-package-rels"),
    pytest.param(lambda p: {**p, MAIN: b'<w:document xmlns:w="' + W_NS + b'"/>'}, id="no-body"),
    pytest.param(lambda p: {**p, MAIN: b'<w:body xmlns:w="' + W_NS + b'"/>'}, id="not-a-document"),
])
def test_a_package_without_one_main_document_body_is_damaged(tmp_path: Path, parts: Parts,
                                                             edit: Callable[[Parts], Parts]) -> None:
    _assert_corrupt(_write(tmp_path / "structure.docx", edit(parts)), "其结构无法读取", "its structure cannot be read")


def test_a_part_without_a_content_type_is_damage(tmp_path: Path, parts: Parts) -> None:
    edited = _replace(parts, MAIN_RELS, b"</Relationships>",
                      b'<Relationship Id="rId99" Type="x" Target="media/a.qqq"/></Relationships>')
    _assert_corrupt(_write(tmp_path / "untyped.docx", {**edited, "word/media/a.qqq": b"?"}), "its structure cannot be read")


def test_an_external_target_is_not_read(tmp_path: Path, parts: Parts, original) -> None:
    edited = _replace(parts, MAIN_RELS, b"</Relationships>", b'<Relationship Id="rId99" Type="x" '
                      b'Target="http://example.invalid/logo.png" TargetMode="External"/></Relationships>')
    assert extract.read_document(_write(tmp_path / "linked.docx", edited)).blocks == original.blocks


# --------------------------------------------------------------------------- hostile XML


def _with_doctype(parts: Parts, doctype: bytes, old: str, new: str) -> Parts:
    """The package with ``doctype`` declared in the main part and its first ``old`` text replaced by ``new``."""
    xml = parts[MAIN]
    at = xml.index(b"?>") + 2
    return {**parts, MAIN: xml[:at] + doctype + xml[at:].replace(old.encode(), new.encode(), 1)}


LAUGHS = (b'<!DOCTYPE w:document [<!ENTITY l0 "lol">'
          + b"".join(b'<!ENTITY l%d "' % i + b"&l%d;" % (i - 1) * 10 + b'">' for i in range(1, 10)) + b"]>")
QUADRATIC = b'<!DOCTYPE w:document [<!ENTITY q "' + b"q" * 100_000 + b'">]>'


@pytest.mark.parametrize(("doctype", "uses"), [(LAUGHS, "&l9;"), (QUADRATIC, "&q;" * 20_000)], ids=["laughs", "quadratic"])
def test_an_entity_bomb_is_refused_unexpanded(tmp_path: Path, parts: Parts, doctype: bytes, uses: str) -> None:
    path = _write(tmp_path / "bomb.docx", _with_doctype(parts, doctype, "预算", "预算" + uses))
    _assert_corrupt(path, "one of its parts is not valid XML")


def test_an_entity_bomb_declared_but_unused_costs_nothing(tmp_path: Path, parts: Parts, original) -> None:
    path = _write(tmp_path / "armed.docx", _with_doctype(parts, LAUGHS, "预算", "预算"))
    assert extract.read_document(path).blocks == original.blocks


def test_an_external_entity_is_not_fetched(tmp_path: Path, parts: Parts) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-42")
    doctype = f'<!DOCTYPE w:document [<!ENTITY e SYSTEM "{secret.as_uri()}">]>'.encode()
    doc = extract.read_document(_write(tmp_path / "xxe.docx", _with_doctype(parts, doctype, "预算", "预算&e;")))
    texts = [b.text for b in doc.blocks if isinstance(b, extract.RawText)]
    texts += [c.text for t in doc.tables for r in t.rows for c in r.cells]
    assert not any("SECRET" in text for text in texts)
    assert any("预算" in text for text in texts)
