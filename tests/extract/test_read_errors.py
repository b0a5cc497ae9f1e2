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


def _refused(path: Path, data: bytes | None, error: type[DocumentError], match: str | None = None) -> DocumentError:
    """The ``error`` reading ``path`` raises, ``data`` written to it first unless None."""
    if data is not None:
        path.write_bytes(data)
    with pytest.raises(error, match=match) as info:
        extract.read_document(path)
    return info.value


def _zip(entries: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buf.getvalue()


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.pdf"
    error = _refused(path, b"", EmptyFileError)
    _assert_bilingual(error, path)


def test_truncated_pdf_first_half_of_the_seed(tmp_path: Path, seed_pdf: Path) -> None:
    data = seed_pdf.read_bytes()
    path = tmp_path / "truncated.pdf"
    error = _refused(path, data[: len(data) // 2], CorruptFileError)
    _assert_bilingual(error, path)
    assert "损坏或不完整" in str(error) and "export it again" in str(error)


@pytest.mark.parametrize("fraction", [0.05, 0.3, 0.9, 0.99])
def test_pdf_cut_anywhere_is_corrupt(tmp_path: Path, seed_pdf: Path, fraction: float) -> None:
    data = seed_pdf.read_bytes()
    path = tmp_path / "cut.pdf"
    _refused(path, data[: int(len(data) * fraction)], CorruptFileError)


def test_pdf_missing_a_page_content_names_the_page(tmp_path: Path, seed_pdf: Path) -> None:
    """Bytes cut out of the middle: the cross-reference is rebuilt but page contents are gone."""
    data = seed_pdf.read_bytes()
    path = tmp_path / "holed.pdf"
    error = _refused(path, data[: len(data) // 50] + data[int(len(data) * 0.3) :], CorruptFileError)
    assert re.search(r"第 \d+ 页 page \d+", str(error))


def test_pdf_cut_after_its_objects_is_corrupt(tmp_path: Path, pdf_maker) -> None:
    """Every object and the trailer are there but startxref and %%EOF are cut off: pdfminer rebuilds the
    cross-reference and would read on, but a file without its end marker may be missing pages, so it is refused."""
    data = pdf_maker(tmp_path / "whole.pdf").read_bytes()
    path = tmp_path / "cut.pdf"
    _refused(path, data[: data.index(b"startxref")], CorruptFileError, "cut off")


def test_pdf_with_only_a_header_is_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "header.pdf"
    _refused(path, b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog", CorruptFileError)


def test_encrypted_pdf(tmp_path: Path, pdf_maker) -> None:
    path = pdf_maker(tmp_path / "locked.pdf", user_password="secret", owner_password="owner")
    error = _refused(path, None, EncryptedFileError)
    _assert_bilingual(error, path)
    assert "密码" in str(error) and "password" in str(error)


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
    error = _refused(path, None, UnsupportedFormatError, "no text layer")
    _assert_bilingual(error, path)
    assert "扫描件" in str(error)


def test_png_named_pdf_is_an_image(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    error = _refused(path, PNG_BYTES, UnsupportedFormatError)
    _assert_bilingual(error, path)
    assert "图片" in str(error) and "PNG image" in str(error) and ".pdf" in str(error)


@pytest.mark.parametrize("name", ["garbage.pdf", "garbage.docx", "garbage"])
def test_garbage_is_unsupported(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    error = _refused(path, b"this is not a document \x00\x01\x02" * 10, UnsupportedFormatError)
    _assert_bilingual(error, path)


def test_junk_zip_named_docx_is_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "broken.docx"
    error = _refused(path, JUNK_ZIP, CorruptFileError)
    _assert_bilingual(error, path)


def test_truncated_docx_is_corrupt(tmp_path: Path, seed_docx: Path) -> None:
    data = seed_docx.read_bytes()
    path = tmp_path / "truncated.docx"
    _refused(path, data[: len(data) // 2], CorruptFileError)


def test_docx_with_broken_xml_is_corrupt(tmp_path: Path, seed_docx: Path) -> None:
    with zipfile.ZipFile(seed_docx) as src:
        entries = {name: src.read(name) for name in src.namelist()}
    entries["word/document.xml"] = entries["word/document.xml"][:500]
    path = tmp_path / "badxml.docx"
    _refused(path, _zip(entries), CorruptFileError)


def test_plain_zip_named_docx_is_unsupported(tmp_path: Path) -> None:
    path = tmp_path / "tables.docx"
    _refused(path, _zip({"readme.txt": b"hello"}), UnsupportedFormatError, "zip archive")


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
    _refused(path, data, UnsupportedFormatError, match)


def test_password_protected_office_file(tmp_path: Path) -> None:
    """An encrypted .docx/.xlsx is an OLE file holding an EncryptionInfo stream."""
    path = tmp_path / "locked.docx"
    error = _refused(path, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100 + "EncryptionInfo".encode("utf-16-le") + b"\x00" * 100, EncryptedFileError)
    _assert_bilingual(error, path)
