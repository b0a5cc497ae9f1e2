"""What a parser's exception on a damaged file means, in plain words, and the one error built from it.

The readers (zipfile, zlib, lxml, python-docx, openpyxl, pdfminer) say
what broke in their own terms: ``Bad CRC-32 for file 'word/styles.xml'``,
``Error -3 while decompressing data``, ``PSSyntaxError: … b'\\xfe\\xff…'``.
That is for a maintainer (the exception stays chained, and the run's log
keeps it); the person who sent the file reads which part is damaged and
what to do. A part's name is kept, cleaned of anything unprintable.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path

from lxml import etree

from core.errors import CorruptFileError
from extract.limits import shown_part

# Where a parser names the zip member it failed on: "… for file 'word/styles.xml'", "no item named 'x' in …".
PART_NAME = re.compile(r"""(?:for file|named|item) ['"]([^'"]{1,120})['"]""")
# The exceptions a damaged zip-based file provokes in zipfile, zlib, lxml, python-docx and openpyxl.
ZIP_DAMAGE: tuple[type[BaseException], ...] = (
    zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, KeyError, etree.XMLSyntaxError, OSError,
)
FORMAT_WORDS = {"docx": ("Word 文件", "Word file", "Word"), "xlsx": ("Excel 文件", "Excel file", "Excel 或 WPS"),
                "zip": ("文件", "file", "Word/Excel")}


def part_of(exc: BaseException) -> str | None:
    """The zip member ``exc`` names, if it names one.

    >>> part_of(zipfile.BadZipFile("Bad CRC-32 for file 'word/styles.xml'"))
    'word/styles.xml'
    """
    found = PART_NAME.search(str(exc))
    return shown_part(found.group(1)) if found else None


def zip_damage(exc: BaseException) -> tuple[str, str]:
    """(Chinese, English) words for what is wrong inside a zip-based file, from the exception a reader raised."""
    part = part_of(exc)
    if isinstance(exc, KeyError) and part:
        return f"缺少其中的部件 {part}", f"its part {part} is missing"
    if isinstance(exc, etree.XMLSyntaxError):
        line = f"（第 {exc.lineno} 行）" if exc.lineno else ""
        return f"其中一个部件不是有效的 XML{line}", "one of its parts is not valid XML" + (
            f" (line {exc.lineno})" if exc.lineno else "")
    if isinstance(exc, zlib.error | EOFError) or "CRC" in str(exc) or "magic number" in str(exc):
        where_zh, where_en = (f"部件 {part} 的", f"of its part {part} ") if part else ("", "")
        return f"{where_zh}压缩数据已损坏", f"the compressed data {where_en}is damaged"
    return "其结构无法读取", "its structure cannot be read"


def damaged_zip(path: str | Path, exc: BaseException, kind: str = "zip") -> CorruptFileError:
    """The error for a .docx/.xlsx (``kind``) that a reader failed on with ``exc``; raise it ``from exc``."""
    zh_kind, en_kind, app = FORMAT_WORDS[kind]
    zh, en = zip_damage(exc)
    return CorruptFileError(
        f"{zh_kind}已损坏或不完整（{zh}），无法读取。请用 {app} 打开确认后重新保存再提交。"
        f" The {en_kind} is damaged or incomplete ({en}) and cannot be read; open it in {app.replace(' 或 ', ' or ')},"
        " save it again and resubmit.",
        path=path,
    )
