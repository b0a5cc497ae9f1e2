"""Bounds on what an untrusted file may cost to read: its size, pages, unpacked size, time and memory.

A file sent in is never trusted to be what it claims. Before anything is
parsed, ``check_file`` refuses a file larger than ``max_file_mb``; before
anything inflates a .docx/.xlsx, ``check_zip`` reads only the zip's
central directory and refuses a file whose parts would unpack to more
than ``max_unpacked_mb``, a part compressed more than
``max_compression_ratio`` to one, or more than ``max_zip_members`` parts
(the marks of a "zip bomb"), and, as damaged, a file holding a part
twice (Word reads the first copy, Python's zipfile the last: which is
real cannot be told) or a part packed in a way Word and Excel never write
(an unknown compression method or the encryption flag: a flipped bit in
the directory, which zipfile would report as a bare NotImplementedError
or RuntimeError); before pdfplumber reads a PDF,
``check_pdf_pages`` counts its pages with pypdfium2 (which reads only the
page tree) and refuses more than ``max_pages``. Time and memory
(``timeout_s``, ``max_memory_mb``) are enforced by ``flows.bounded``, which
reads the file in a child process.

Each refusal is a ``TooLargeError`` that says, in Chinese and English,
what was over which limit and how to raise it (``PERFGOALS_*``
environment variables, or the ``perfgoals ingest`` options).

Python's ``zipfile`` (which python-docx and openpyxl read through) stops
inflating a member at its declared size and fails its CRC check, so the
sizes declared in the central directory bound what reading can unpack,
even for an archive that lies about them.
"""

from __future__ import annotations

import dataclasses
import io
import math
import os
import zipfile
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from core.errors import CorruptFileError, FileChangingError, FileLockedError, TooLargeError, UsageError

MB = 1024 * 1024
# The compression methods zipfile can inflate (stored, deflate, bzip2, LZMA); Word and Excel write the first two.
READABLE_ZIP_METHODS = frozenset({zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA})
ZIP_ENCRYPTED_FLAG = 0x1  # general-purpose bit 0: the member is encrypted (Office encrypts in an OLE file instead)
MAX_PART_NAME_CHARS = 80  # a part's name longer than this is cut in messages
RATIO_FLOOR_BYTES = 1 * MB  # below this unpacked size a high ratio is harmless (a short run of spaces compresses well)

ENV = {
    "max_file_mb": "PERFGOALS_MAX_FILE_MB",
    "max_pages": "PERFGOALS_MAX_PAGES",
    "max_unpacked_mb": "PERFGOALS_MAX_UNPACKED_MB",
    "max_compression_ratio": "PERFGOALS_MAX_COMPRESSION_RATIO",
    "max_zip_members": "PERFGOALS_MAX_ZIP_MEMBERS",
    "timeout_s": "PERFGOALS_TIMEOUT_S",
    "max_memory_mb": "PERFGOALS_MAX_MEMORY_MB",
}
"""The environment variable that sets each limit."""

OPTION = {
    "max_file_mb": "--max-file-mb",
    "max_pages": "--max-pages",
    "timeout_s": "--timeout",
    "max_memory_mb": "--max-memory-mb",
}
"""The ``perfgoals ingest`` option that sets a limit, where there is one."""


def _num(value: float) -> str:
    """100.0 -> '100', 0.5 -> '0.5': a limit as a person would write it."""
    return f"{value:g}"


def how_to_raise(name: str) -> tuple[str, str]:
    """('可设置 PERFGOALS_X 或 --x 提高上限', 'raise it with PERFGOALS_X or --x'): how to change limit ``name``."""
    knobs = ENV[name] + (f" / {OPTION[name]}" if name in OPTION else "")
    return f"如确需处理，可设置 {knobs} 提高上限。", f"To process it anyway, raise the limit with {knobs}."


@dataclass(frozen=True)
class Limits:
    """What reading one file may cost at most; every value must be positive and finite (a large value is no limit)."""

    max_file_mb: float = 100
    max_pages: int = 500
    max_unpacked_mb: float = 200  # .docx/.xlsx: total of the parts, unpacked
    max_compression_ratio: float = 100  # .docx/.xlsx: unpacked/packed size of any part over 1 MB
    max_zip_members: int = 10_000  # .docx/.xlsx: parts in the zip
    timeout_s: float = 120  # wall clock for reading one file (flows.bounded)
    max_memory_mb: float = 2048  # memory reading one file may take (flows.bounded)

    def __post_init__(self) -> None:
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value < math.inf:
                raise UsageError(
                    f"上限 {f.name} 必须是有限的正数，而不是 {value!r}。"
                    f" The limit {f.name} must be a positive, finite number, not {value!r}."
                )

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: float | None) -> Limits:
        """The defaults, replaced by any ``PERFGOALS_*`` variable set in ``environ`` (default ``os.environ``),
        then by any ``overrides`` that are not None (command-line options)."""
        environ = os.environ if environ is None else environ
        values: dict[str, float] = {}
        for f in dataclasses.fields(cls):
            raw = environ.get(ENV[f.name], "").strip()
            if raw:
                values[f.name] = _parse(ENV[f.name], raw, int if f.type in ("int", int) else float)
        unknown = set(overrides) - set(ENV)
        if unknown:
            raise TypeError(f"unknown limits: {sorted(unknown)}")
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)


def _parse(variable: str, raw: str, kind: type) -> float:
    try:
        value = kind(raw)
    except ValueError:
        value = None
    if value is None or not 0 < value < math.inf:
        want = "正整数" if kind is int else "正数"
        raise UsageError(
            f"环境变量 {variable}={raw!r} 不是有效的{want}，请改正或删除该变量。"
            f" The environment variable {variable}={raw!r} is not a positive {'whole ' if kind is int else ''}number;"
            " correct it or unset it."
        )
    return value


def opened(path: Path, data: bytes | None) -> BinaryIO:
    """The file's bytes as a binary stream: ``data`` when the caller read them already (``read_file``), else the
    file itself."""
    return io.BytesIO(data) if data is not None else path.open("rb")


def changed_file(path: str | Path) -> FileChangingError:
    """The error for a file whose bytes are not those the run planned to read, or that has gone."""
    return FileChangingError(
        "文件在读取过程中发生了变化（可能仍在复制或保存中），稍后会自动重试。"
        " The file changed while it was read; it may still be copying or saving. perfgoals tries again.",
        path=path)


def read_file(path: str | Path, limits: Limits) -> bytes:
    """The file's bytes, read once for every reader after it, when its size is within ``limits``.

    A file another program holds (or whose permissions are being set) raises FileLockedError, a file that is
    gone FileChangingError: both may pass, and the run tries the file again.
    """
    path = Path(path)
    try:
        check_file(path, limits)
        return path.read_bytes()
    except FileNotFoundError:
        raise changed_file(path) from None
    except (PermissionError, BlockingIOError) as exc:
        raise FileLockedError(
            f"文件暂时无法打开（可能被其他程序占用），稍后会自动重试。 The file cannot be opened now ({exc.strerror});"
            " another program may hold it. perfgoals tries again.", path=path) from None


def check_file(path: str | Path, limits: Limits) -> None:
    """Refuse a file larger than ``limits.max_file_mb``, before any of it is read."""
    path = Path(path)
    size = path.stat().st_size
    if size <= limits.max_file_mb * MB:
        return
    zh, en = how_to_raise("max_file_mb")
    raise TooLargeError(
        f"文件大小 {size / MB:.1f} MB，超过 {_num(limits.max_file_mb)} MB 的上限，未读取。"
        f"绩效目标表通常只有几 MB，请确认提交的是正确的文件（或删除其中的大图片后重新导出）。{zh}"
        f" The file is {size / MB:.1f} MB, over the {_num(limits.max_file_mb)} MB limit, and was not read."
        f" Goal tables are usually a few MB: check that this is the right file (or remove large images and export it again)."
        f" {en}",
        path=path,
    )


def check_zip(path: str | Path, limits: Limits) -> None:
    """Refuse a .docx/.xlsx whose central directory declares too much to unpack; nothing is inflated."""
    path = Path(path)
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError) as exc:
        raise CorruptFileError(  # zipfile's own words stay in the chained exception
            "文件已损坏或不完整（压缩包结构无法读取），请重新保存或导出后再提交。"
            " The file is damaged or incomplete (its zip structure cannot be read); save or export it again and resubmit.",
            path=path,
        ) from exc
    check_zip_infos(path, infos, limits)


def shown_part(name: str) -> str:
    """A part's name as a message shows it: unprintable characters dropped, cut at MAX_PART_NAME_CHARS."""
    kept = "".join(ch for ch in name if ch.isprintable())
    return kept[:MAX_PART_NAME_CHARS] + ("…" if len(kept) > MAX_PART_NAME_CHARS else "")


def _twice(infos: list[zipfile.ZipInfo]) -> str | None:
    """The first part name the zip holds twice, or None; OPC part names are equal whatever their ASCII case."""
    counts = Counter(info.filename.lower() for info in infos)
    return next((info.filename for info in infos if counts[info.filename.lower()] > 1), None)


def _unreadable_part(infos: list[zipfile.ZipInfo]) -> str | None:
    """The first part packed with a compression method zipfile cannot inflate, or flagged as encrypted, or None."""
    return next((info.filename for info in infos
                 if info.compress_type not in READABLE_ZIP_METHODS or info.flag_bits & ZIP_ENCRYPTED_FLAG), None)


def _resave(path: str | Path, zh: str, en: str) -> CorruptFileError:
    """A damaged package, said in ``zh`` and ``en``, with what cures it: Word or Excel saving it anew."""
    return CorruptFileError(f"{zh}请用 Word/Excel 打开后另存为新文件再提交。"
                            f" {en} Open it in Word/Excel, save it as a new file and resubmit.", path=path)


def check_zip_parts(path: str | Path, infos: list[zipfile.ZipInfo]) -> None:
    """Refuse as damaged a zip holding a part twice or a part packed in a way Word and Excel never write."""
    twice = _twice(infos)
    if twice is not None:
        part = shown_part(twice)
        raise _resave(path, f"文件中的部件 {part} 出现了两次，两份内容可能不同（文件被改动过或已损坏），无法确定哪一份是真的，未读取。",
                      f"The file holds its part {part} twice, perhaps with different content (it was altered or is"
                      " damaged), so which one is real cannot be told, and it was not read.")
    odd = _unreadable_part(infos)
    if odd is not None:
        part = shown_part(odd)
        raise _resave(path, f"文件已损坏（部件 {part} 的压缩方式无法识别，Word/Excel 不会这样保存文件），未读取。",
                      f"The file is damaged (its part {part} is packed in a way Word and Excel never write),"
                      " and it was not read.")


def check_zip_infos(path: str | Path, infos: list[zipfile.ZipInfo], limits: Limits) -> None:
    """``check_zip`` on a central directory already read (``ZipFile.infolist()``), ``check_zip_parts`` included."""
    bomb_zh = "这通常说明文件是恶意构造的“压缩炸弹”或已损坏，未读取。请确认文件来源，用 Word/Excel 打开后另存为新文件再提交。"
    bomb_en = ("This is the mark of a maliciously built \"zip bomb\" or a damaged file, and it was not read."
               " Check where the file came from, open it in Word/Excel, save it as a new file and resubmit.")
    if len(infos) > limits.max_zip_members:
        zh, en = how_to_raise("max_zip_members")
        raise TooLargeError(
            f"文件内含 {len(infos)} 个部件，超过 {limits.max_zip_members} 个的上限。{bomb_zh}{zh}"
            f" The file holds {len(infos)} parts, over the limit of {limits.max_zip_members}. {bomb_en} {en}",
            path=path,
        )
    check_zip_parts(path, infos)
    total = sum(info.file_size for info in infos)
    if total > limits.max_unpacked_mb * MB:
        zh, en = how_to_raise("max_unpacked_mb")
        raise TooLargeError(
            f"文件解压后共 {total / MB:.0f} MB，超过 {_num(limits.max_unpacked_mb)} MB 的上限"
            f"（文件本身 {sum(i.compress_size for i in infos) / MB:.1f} MB）。{bomb_zh}{zh}"
            f" Unpacked, the file would take {total / MB:.0f} MB, over the {_num(limits.max_unpacked_mb)} MB limit. {bomb_en} {en}",
            path=path,
        )
    for info in infos:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > RATIO_FLOOR_BYTES and ratio > limits.max_compression_ratio:
            zh, en = how_to_raise("max_compression_ratio")
            raise TooLargeError(
                f"文件中的部件 {shown_part(info.filename)} 压缩比为 {ratio:.0f}:1，超过 {_num(limits.max_compression_ratio)}:1 的上限。"
                f"{bomb_zh}{zh}"
                f" The part {shown_part(info.filename)} is compressed {ratio:.0f} to 1, over the limit of"
                f" {_num(limits.max_compression_ratio)} to 1. {bomb_en} {en}",
                path=path,
            )


def pdf_page_count(path: str | Path, data: bytes | None = None) -> int | None:
    """The number of pages in the PDF, read by pypdfium2 from the page tree alone; None if pypdfium2 cannot open it
    (a damaged or password-protected file: the PDF reader reports those in its own words)."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data if data is not None else str(path))
    except (pdfium.PdfiumError, OSError):
        return None
    try:
        return len(pdf)
    finally:
        pdf.close()


def check_pdf_pages(path: str | Path, limits: Limits, data: bytes | None = None) -> None:
    """Refuse a PDF of more than ``limits.max_pages`` pages, before pdfplumber parses any of it."""
    n_pages = pdf_page_count(path, data)
    if n_pages is None or n_pages <= limits.max_pages:
        return
    zh, en = how_to_raise("max_pages")
    raise TooLargeError(
        f"PDF 共 {n_pages} 页，超过 {limits.max_pages} 页的上限，未读取。"
        f"请只提交包含绩效目标表的页（例如用“打印为 PDF”选择页码范围）。{zh}"
        f" The PDF has {n_pages} pages, over the {limits.max_pages}-page limit, and was not read."
        f" Send only the pages that hold the goal tables (for example with \"Print to PDF\" and a page range). {en}",
        path=path,
    )
