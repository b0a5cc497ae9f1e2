"""Files extract/ cannot read raise the DocumentError that says what is wrong, in Chinese and English."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest

import extract
from bad_files import JUNK_ZIP, PNG_BYTES
from core.errors import (
    CorruptFileError,
    DocumentError,
    EmptyFileError,
    EncryptedFileError,
    UnsupportedFormatError,
)

CJK = re.compile(r"[\u4e00-\u9fff]")


def _assert_bilingual(exc: DocumentError, path: Path) -> None:
    """The message names the file and speaks both Chinese and English."""
    message = str(exc)
    assert message.startswith(path.name), message
    assert CJK.search(message), message
    assert re.search(r"[A-Za-z]{4,} [a-z]+", message), message
    assert not exc.transient


def _zip(entries: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buf.getvalue()


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    with pytest.raises(EmptyFileError) as info:
        extract.read_document(path)
    _assert_bilingual(info.value, path)


def test_truncated_pdf_first_half_of_the_seed(tmp_path: Path, seed_pdf: Path) -> None:
    data = seed_pdf.read_bytes()
    path = tmp_path / "truncated.pdf"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(CorruptFileError) as info:
        extract.read_document(path)
    _assert_bilingual(info.value, path)
    assert "损坏或不完整" in str(info.value) and "export it again" in str(info.value)


@pytest.mark.parametrize("fraction", [0.05, 0.3, 0.9, 0.99])
def test_pdf_cut_anywhere_is_corrupt(tmp_path: Path, seed_pdf: Path, fraction: float) -> None:
    data = seed_pdf.read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[: int(len(data) * fraction)])
    with pytest.raises(CorruptFileError):
        extract.read_document(path)


def test_pdf_missing_a_page_content_names_the_page(tmp_path: Path, seed_pdf: Path) -> None:
    """Bytes cut out of the middle: the cross-reference is rebuilt but page contents are gone."""
    data = seed_pdf.read_bytes()
    path = tmp_path / "holed.pdf"
    path.write_bytes(data[: len(data) // 50] + data[int(len(data) * 0.3) :])
    with pytest.raises(CorruptFileError) as info:
        extract.read_document(path)
    assert re.search(r"第 \d+ 页 page \d+", str(info.value))


def test_pdf_cut_after_its_objects_is_corrupt(tmp_path: Path, pdf_maker) -> None:
    """Every object and the trailer are there but startxref and %%EOF are cut off: pdfminer rebuilds the
    cross-reference and would read on, but a file without its end marker may be missing pages, so it is refused."""
    data = pdf_maker(tmp_path / "whole.pdf").read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[: data.index(b"startxref")])
    with pytest.raises(CorruptFileError, match="cut off"):
        extract.read_document(path)


def test_pdf_with_only_a_header_is_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "header.pdf"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog")
    with pytest.raises(CorruptFileError):
        extract.read_document(path)


def test_encrypted_pdf(tmp_path: Path, pdf_maker) -> None:
    path = pdf_maker(tmp_path / "locked.pdf", user_password="secret", owner_password="owner")
    with pytest.raises(EncryptedFileError) as info:
        extract.read_document(path)
    _assert_bilingual(info.value, path)
    assert "密码" in str(info.value) and "password" in str(info.value)


def test_encrypted_fixture_is_real(tmp_path: Path, pdf_maker) -> None:
    """The fixture decrypts with its password, so the error above is about the password, not a broken file."""
    import pdfplumber

    path = pdf_maker(tmp_path / "locked.pdf", text="Budget 2023", user_password="secret")
    with pdfplumber.open(path, password="secret") as pdf:
        assert pdf.pages[0].extract_text() == "Budget 2023"


def test_pdf_with_only_an_owner_password_is_read(tmp_path: Path, pdf_maker) -> None:
    """Permissions-only encryption (no password to open) does not stop reading."""
    path = pdf_maker(tmp_path / "restricted.pdf", text="Budget 2023", owner_password="owner")
    doc = extract.read_document(path)
    assert [b.text for b in doc.blocks] == ["Budget 2023"]


def test_pdf_without_text_layer_is_a_scan(tmp_path: Path, pdf_maker) -> None:
    path = pdf_maker(tmp_path / "scan.pdf", texts=((40, 150, ""),), lines=((20, 20, 280, 20),))
    with pytest.raises(UnsupportedFormatError, match="no text layer") as info:
        extract.read_document(path)
    _assert_bilingual(info.value, path)
    assert "扫描件" in str(info.value)


def test_png_named_pdf_is_an_image(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(PNG_BYTES)
    with pytest.raises(UnsupportedFormatError) as info:
        extract.read_document(path)
    _assert_bilingual(info.value, path)
    assert "图片" in str(info.value) and "PNG image" in str(info.value) and ".pdf" in str(info.value)


@pytest.mark.parametrize("name", ["garbage.pdf", "garbage.docx", "garbage"])
def test_garbage_is_unsupported(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"this is not a document \x00\x01\x02" * 10)
    with pytest.raises(UnsupportedFormatError) as info:
        extract.read_document(path)
    _assert_bilingual(info.value, path)


def test_junk_zip_named_docx_is_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "broken.docx"
    path.write_bytes(JUNK_ZIP)
    with pytest.raises(CorruptFileError) as info:
        extract.read_document(path)
    _assert_bilingual(info.value, path)


def test_truncated_docx_is_corrupt(tmp_path: Path, seed_docx: Path) -> None:
    data = seed_docx.read_bytes()
    path = tmp_path / "truncated.docx"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(CorruptFileError):
        extract.read_document(path)


def test_docx_with_broken_xml_is_corrupt(tmp_path: Path, seed_docx: Path) -> None:
    with zipfile.ZipFile(seed_docx) as src:
        entries = {name: src.read(name) for name in src.namelist()}
    entries["word/document.xml"] = entries["word/document.xml"][:500]
    path = tmp_path / "badxml.docx"
    path.write_bytes(_zip(entries))
    with pytest.raises(CorruptFileError):
        extract.read_document(path)


def test_plain_zip_named_docx_is_unsupported(tmp_path: Path) -> None:
    path = tmp_path / "tables.docx"
    path.write_bytes(_zip({"readme.txt": b"hello"}))
    with pytest.raises(UnsupportedFormatError, match="zip archive"):
        extract.read_document(path)


def test_docx_named_pdf_is_read_as_docx(tmp_path: Path, seed_docx: Path) -> None:
    path = tmp_path / "misnamed.pdf"
    path.write_bytes(seed_docx.read_bytes())
    assert extract.read_document(path).format == "docx"


def test_pdf_named_docx_is_read_as_pdf(tmp_path: Path, seed_pdf: Path) -> None:
    path = tmp_path / "misnamed.docx"
    path.write_bytes(seed_pdf.read_bytes())
    assert extract.read_document(path).format == "pdf"


@pytest.mark.parametrize(
    ("data", "match"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, r"\.doc/\.xls"),
        (b"{\\rtf1\\ansi hello}", "RTF"),
        (b"<!DOCTYPE html><html><body>404</body></html>", "HTML"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG image"),
    ],
)
def test_other_formats_are_named(tmp_path: Path, data: bytes, match: str) -> None:
    path = tmp_path / "goals.docx"
    path.write_bytes(data)
    with pytest.raises(UnsupportedFormatError, match=match):
        extract.read_document(path)


def test_password_protected_office_file(tmp_path: Path) -> None:
    """An encrypted .docx/.xlsx is an OLE file holding an EncryptionInfo stream."""
    path = tmp_path / "locked.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100 + "EncryptionInfo".encode("utf-16-le") + b"\x00" * 100)
    with pytest.raises(EncryptedFileError) as info:
        extract.read_document(path)
    _assert_bilingual(info.value, path)
