"""What a file really is, decided from its first bytes rather than its name.

``sniff`` returns ``"pdf"``, ``"docx"`` or ``"xlsx"`` (or ``"doc"``/``"xls"``
for an old binary Word/Excel file, which ``extract.legacy`` converts), or
raises a ``DocumentError`` that tells the sender what the file turned out
to be (an image, a password-protected Office file, a broken zip) and what
to send instead.

``sniff`` also enforces the cheap ``extract.limits`` checks, since it is
the first to touch the file: the file's size before reading it, the zip's
central directory before inflating any part of a .docx/.xlsx (with the
damage it shows: a part held twice, a part packed in a way Office never
writes; ``limits.check_zip_parts``), and a PDF's page count before any
parser reads it.
"""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path
from typing import NoReturn

from core.errors import EmptyFileError, EncryptedFileError, UnsupportedFormatError
from extract.damage import ZIP_DAMAGE, damaged_zip
from extract.legacy import Legacy, ole_info
from extract.limits import Limits, check_file, check_pdf_pages, check_zip_infos, opened
from extract.records import Format

HEAD_BYTES = 8192
PDF_HEADER_WINDOW = 1024  # the PDF spec lets a few bytes of junk precede %PDF-
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
Kind = Format | Legacy

_IMAGE_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
)

_SEND_INSTEAD = (
    "请提交 Word（.docx）文件、由 Word/Excel 导出的 PDF，或预算系统导出的 Excel（.xlsx）文件。",
    "Please send the Word (.docx) file, a PDF exported from Word/Excel, or the Excel (.xlsx) export of the budget system.",
)


def _unsupported(path: Path, zh: str, en: str) -> UnsupportedFormatError:
    """An UnsupportedFormatError saying what the file is (zh, en) and what to send instead."""
    return UnsupportedFormatError(f"{zh}{_SEND_INSTEAD[0]} {en} {_SEND_INSTEAD[1]}", path=path)


def _named(path: Path) -> tuple[str, str]:
    """How the file's name presents it, for messages: ('文件名为 .pdf，但', 'Its name ends in .pdf but ')."""
    suffix = path.suffix.lower()
    if not suffix:
        return "", ""
    return f"文件名为 {suffix}，但", f"Its name ends in {suffix} but "


def _image_kind(head: bytes) -> str | None:
    """The image format the bytes start with (PNG, JPEG, ...), or None."""
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WebP"
    if head[:2] == b"BM" and head[6:10] == b"\0\0\0\0":  # BMP: reserved header bytes are zero
        return "BMP"
    return next((kind for magic, kind in _IMAGE_MAGIC if head.startswith(magic)), None)


def _sniff_zip(path: Path, limits: Limits, data: bytes | None = None) -> Format:
    """Tell a .docx from an .xlsx (or another zip-based format) by the parts inside the zip.

    The central directory is checked against ``limits`` before any part is inflated.
    """
    names: set[str] = set()
    try:
        with zipfile.ZipFile(opened(path, data)) as archive:
            check_zip_infos(path, archive.infolist(), limits)
            names = set(archive.namelist())
            types = archive.read("[Content_Types].xml") if "[Content_Types].xml" in names else b""
    except (struct.error, *ZIP_DAMAGE) as exc:  # struct: a header cut short, should zipfile not wrap it
        kind = "docx" if "word/document.xml" in names else "xlsx" if "xl/workbook.xml" in names else "zip"
        raise damaged_zip(path, exc, kind) from exc
    if "word/document.xml" in names or b"wordprocessingml.document.main" in types:
        return "docx"
    if "xl/workbook.xml" in names or b"spreadsheetml.sheet.main" in types:
        return "xlsx"
    zh, en = _named(path)
    if "ppt/presentation.xml" in names:
        raise _unsupported(path, f"{zh}这是 PowerPoint 演示文稿。", f"{en}this is a PowerPoint presentation.")
    if "OFD.xml" in names:
        raise _unsupported(path, f"{zh}这是 OFD 版式文件，请另存为 PDF。", f"{en}this is an OFD document; save it as PDF.")
    if "content.xml" in names and "mimetype" in names:
        raise _unsupported(
            path,
            f"{zh}这是 OpenDocument（WPS/LibreOffice）文件，请另存为 .docx 或 .xlsx。",
            f"{en}this is an OpenDocument (WPS/LibreOffice) file; save it as .docx or .xlsx.",
        )
    raise _unsupported(
        path,
        f"{zh}这是一个普通压缩包，不是 Word 或 Excel 文件，请解压后提交其中的文件。",
        f"{en}this is a plain zip archive, not a Word or Excel file; unzip it and send the files inside.",
    )


def _sniff_ole(path: Path, data: bytes | None = None) -> Legacy:
    """An old binary Word/Excel file's kind; raise for a password-protected Office file or another OLE file."""
    info = ole_info(data if data is not None else path.read_bytes())  # the file's size was checked first
    if info.kind and not info.encrypted:
        return info.kind
    if info.encrypted:
        raise EncryptedFileError(
            "文件设有打开密码，无法读取。请取消密码后重新保存再提交。"
            " The file is password-protected and cannot be read; remove the password, save it again and resubmit.",
            path=path,
        )
    zh, en = _named(path)
    if "PowerPoint Document" in info.streams:
        raise _unsupported(path, f"{zh}这是 PowerPoint 演示文稿。", f"{en}this is a PowerPoint presentation.")
    raise _unsupported(
        path,
        f"{zh}这是旧版 Word/Excel/WPS 二进制文件（.doc/.xls/.wps），请用 Word、Excel 或 WPS 打开后另存为 .docx 或 .xlsx。",
        f"{en}this is an old binary Word/Excel/WPS file (.doc/.xls/.wps); open it and save it as .docx or .xlsx.",
    )


def _sniff_other(path: Path, head: bytes) -> NoReturn:
    """Raise an UnsupportedFormatError that names what the bytes look like."""
    zh, en = _named(path)
    image = _image_kind(head)
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if image:
        what = (f"{zh}内容是 {image} 图片（扫描件或照片），不是 PDF 或 Word 文件。",
                f"{en}it is a {image} image (a scan or photo), not a PDF or Word file.")
    elif text.startswith(b"{\\rtf"):
        what = (f"{zh}这是 RTF 文件，请用 Word 另存为 .docx。", f"{en}it is an RTF file; save it as .docx in Word.")
    elif text.startswith((b"<!doctype html", b"<html")) or b"<table" in text:
        what = (f"{zh}这是网页（HTML）文件，可能是下载失败的页面；若为系统导出的 .xls，请用 Excel 另存为 .xlsx。",
                (f"{en}it is a web page (HTML), perhaps a failed download; if the budget system exported it as .xls, "
                 "open it in Excel and save it as .xlsx."))
    elif text.startswith(b"<?xml"):
        what = (f"{zh}这是 XML 文件（如 Word/Excel 2003 XML），请另存为 .docx 或 .xlsx。",
                f"{en}it is an XML file (such as Word/Excel 2003 XML); save it as .docx or .xlsx.")
    else:
        what = (f"{zh}内容不是 PDF、Word（.docx）或 Excel（.xlsx）文件。",
                f"{en}its content is not a PDF, Word (.docx) or Excel (.xlsx) file.")
    raise _unsupported(path, *what)


def sniff(path: str | Path, limits: Limits | None = None, data: bytes | None = None) -> Kind:
    """The format of the file at ``path`` from its magic bytes; raises a DocumentError for anything unreadable
    and a TooLargeError for a file over ``limits`` (default: ``Limits.from_env()``). ``data`` is the file's
    bytes when the caller has read them (``limits.read_file``, which checked the size)."""
    path = Path(path)
    limits = limits if limits is not None else Limits.from_env()
    if data is None:
        check_file(path, limits)
        with path.open("rb") as handle:
            head = handle.read(HEAD_BYTES)
    else:
        head = data[:HEAD_BYTES]
    if not head:
        raise EmptyFileError(path)
    if b"%PDF-" in head[:PDF_HEADER_WINDOW]:
        check_pdf_pages(path, limits, data)
        return "pdf"
    if head.startswith(ZIP_MAGIC):
        return _sniff_zip(path, limits, data)
    if head.startswith(OLE_MAGIC):
        return _sniff_ole(path, data)
    _sniff_other(path, head)
