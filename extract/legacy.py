"""Old binary Word and Excel files (.doc, .xls): recognised from the OLE directory, converted by LibreOffice.

``ole_info`` reads the compound file's directory with olefile (a few
sectors; it bounds every chain it follows by the FAT, so a loop or a
lying header cannot make it read past the file) and says whether the
file is a Word document ("doc"), an Excel workbook ("xls") or something
else, and whether it is
password-protected: an encrypted .docx/.xlsx is an OLE file holding an
``EncryptionInfo`` stream, an encrypted .doc has the fEncrypted bit of its
FIB set, an encrypted .xls has a FILEPASS record right after its first BOF.

``read_legacy`` converts the file with LibreOffice (``soffice --headless
--convert-to docx|xlsx``, in a temporary directory with a throwaway user
profile, so it works beside a running LibreOffice and leaves nothing
behind) and reads the result like any .docx/.xlsx, within the same limits.
LibreOffice runs in its own process group, which is killed when the
conversion ends or times out. Without LibreOffice the error says how to
convert the file by hand (Word/Excel/WPS: 另存为 .docx/.xlsx).
"""

from __future__ import annotations

import dataclasses
import io
import os
import shutil
import signal
import struct
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import olefile

from core.errors import CorruptFileError, PerfgoalsError, TooLargeError, UnsupportedFormatError
from extract.limits import Limits, how_to_raise
from extract.records import RawDocument

Legacy = Literal["doc", "xls"]

OLE_MAGIC = olefile.MAGIC
SECTOR_SIZES = (512, 4096)  # [MS-CFB] versions 3 and 4
ENCRYPTED_STREAMS = {"EncryptionInfo", "EncryptedPackage"}
WORD_STREAM = "WordDocument"
EXCEL_STREAMS = ("Workbook", "Book")
FIB_MAGIC = 0xA5EC
FIB_ENCRYPTED = 0x0100
BIFF_BOF = 0x0809
BIFF_FILEPASS = 0x002F

TARGET = {"doc": "docx", "xls": "xlsx"}
COMPONENT = {"doc": "Writer", "xls": "Calc"}
WHAT = {
    "doc": ("旧版 Word 二进制文件（.doc）", "an old binary Word file (.doc)", "Word", "Word 文档（.docx）", "Word Document (.docx)"),
    "xls": ("旧版 Excel 二进制文件（.xls）", "an old binary Excel file (.xls)", "Excel", "Excel 工作簿（.xlsx）",
            "Excel Workbook (.xlsx)"),
}


@dataclass(frozen=True)
class OleInfo:
    """What the directory of a compound file says: its top-level stream names, its kind, whether it is encrypted."""

    streams: frozenset[str]
    kind: Legacy | None
    encrypted: bool


# What olefile raises on a compound file it cannot parse: its own OleFileError (an OSError), and, on directories
# and FATs that lie in ways it does not check, the errors of the reads that then go wrong.
_UNPARSEABLE = (OSError, ValueError, struct.error, IndexError, KeyError, TypeError, RecursionError)


def _top_level(ole: olefile.OleFileIO) -> dict[str, olefile.olefile.OleDirectoryEntry]:
    """The root storage's streams and storages by name; the first of two with one name, as Office reads them."""
    found: dict[str, olefile.olefile.OleDirectoryEntry] = {}
    for entry in ole.root.kids:
        if entry.entry_type in (olefile.STGTY_STREAM, olefile.STGTY_STORAGE):
            found.setdefault(entry.name, entry)
    return found


def _head(ole: olefile.OleFileIO, entry: olefile.olefile.OleDirectoryEntry) -> bytes:
    """The first sector's worth of a stream (a FIB, a workbook's first records); b'' when it cannot be read.

    A stream in the mini stream (under 4096 bytes) is read too, which the hand-written reader this replaced
    did not do: a tiny encrypted workbook is now refused as encrypted rather than sent to LibreOffice.
    """
    if entry.entry_type != olefile.STGTY_STREAM:
        return b""
    try:
        return ole.openstream([entry.name]).read(ole.sectorsize)
    except _UNPARSEABLE:
        return b""


def _doc_encrypted(fib: bytes) -> bool:
    if len(fib) < 12:
        return False
    ident, flags = struct.unpack_from("<H8xH", fib, 0)
    return ident == FIB_MAGIC and bool(flags & FIB_ENCRYPTED)


def _xls_encrypted(stream: bytes) -> bool:
    """A FILEPASS record among the first few records after the workbook's BOF."""
    at = 0
    for n in range(4):
        if at + 4 > len(stream):
            return False
        kind, length = struct.unpack_from("<HH", stream, at)
        if n == 0 and kind != BIFF_BOF:
            return False
        if kind == BIFF_FILEPASS:
            return True
        at += 4 + length
    return False


def ole_info(data: bytes) -> OleInfo:
    """The top-level streams of the compound file ``data``, its kind and whether it is encrypted.

    olefile reads the directory (its DEFECT_FATAL level: header oddities that Office and LibreOffice open
    anyway are let pass, as before); a sector size other than 512 or 4096 is not a compound file. A directory
    that cannot be parsed gives no streams; the encryption stream is then looked for in the raw bytes.
    """
    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            if ole.sectorsize not in SECTOR_SIZES:
                raise ValueError(f"sector size {ole.sectorsize}")
            streams = _top_level(ole)
            heads = {name: _head(ole, streams[name]) for name in (WORD_STREAM, *EXCEL_STREAMS) if name in streams}
    except _UNPARSEABLE:
        return OleInfo(frozenset(), None, "EncryptionInfo".encode("utf-16-le") in data)
    names = frozenset(streams)
    encrypted = bool(names & ENCRYPTED_STREAMS)
    kind: Legacy | None = None
    if WORD_STREAM in streams:
        kind = "doc"
        encrypted = encrypted or _doc_encrypted(heads[WORD_STREAM])
    elif excel := next((n for n in EXCEL_STREAMS if n in streams), None):
        kind = "xls"
        encrypted = encrypted or _xls_encrypted(heads[excel])
    return OleInfo(names, kind, encrypted)


def soffice_path() -> str | None:
    """The LibreOffice command on PATH (``soffice``, or ``libreoffice`` as some distributions name it)."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def _save_as_hint(kind: Legacy) -> tuple[str, str]:
    zh_what, en_what, app, zh_target, en_target = WHAT[kind]
    return (f"请用 {app} 或 WPS 打开该文件，“另存为”{zh_target}后再提交。",
            f"Open it in {app} or WPS and use Save As → {en_target}, then resubmit.")


def not_installed(path: Path, kind: Legacy) -> UnsupportedFormatError:
    """The error for a .doc/.xls when LibreOffice is not there to convert it: how to convert it by hand."""
    zh_what, en_what, *_ = WHAT[kind]
    zh_do, en_do = _save_as_hint(kind)
    return UnsupportedFormatError(
        f"这是{zh_what}，本机未安装 LibreOffice，无法自动转换。{zh_do}"
        "或者安装 LibreOffice（提供 soffice 命令）后重新运行。"
        f" This is {en_what} and LibreOffice is not installed to convert it. {en_do}"
        " Or install LibreOffice (the soffice command) and run again.",
        path=path,
    )


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    """Kill LibreOffice and whatever it started (oosplash starts soffice.bin): they share the group we gave them."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    proc.wait()


def convert(path: Path, kind: Legacy, outdir: Path, limits: Limits) -> Path:
    """Convert the .doc/.xls at ``path`` into ``outdir`` with LibreOffice; the path of the .docx/.xlsx written."""
    soffice = soffice_path()
    if soffice is None:
        raise not_installed(path, kind)
    source = outdir / f"source.{kind}"  # LibreOffice chooses its import filter partly by the name
    shutil.copyfile(path, source)
    profile = outdir / "profile"
    command = [
        soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--invisible", "--norestore",
        "--nolockcheck", "--nodefault", "--nologo", "--convert-to", TARGET[kind], "--outdir", str(outdir / "out"),
        str(source),
    ]
    proc = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            start_new_session=True)
    try:
        output, _ = proc.communicate(timeout=limits.timeout_s)
    except subprocess.TimeoutExpired:
        zh, en = how_to_raise("timeout_s")
        raise TooLargeError(
            f"用 LibreOffice 转换该文件超过 {limits.timeout_s:g} 秒仍未完成，已停止。{_save_as_hint(kind)[0]}{zh}"
            f" Converting the file with LibreOffice took more than {limits.timeout_s:g} seconds and was stopped."
            f" {_save_as_hint(kind)[1]} {en}",
            path=path,
        ) from None
    finally:
        _kill_group(proc)
    converted = outdir / "out" / f"source.{TARGET[kind]}"
    if not converted.is_file():
        detail = output.decode("utf-8", "replace").strip().splitlines()[-1:] if output else []
        zh_do, en_do = _save_as_hint(kind)
        raise CorruptFileError(
            f"LibreOffice 无法转换该{WHAT[kind][0]}：文件可能已损坏或设有打开密码"
            f"（也可能是本机 LibreOffice 未安装 {COMPONENT[kind]} 组件）。{zh_do}"
            f" LibreOffice could not convert this file, {WHAT[kind][1]} (exit status {proc.returncode}"
            f"{': ' + detail[0] if detail else ''}): it may be damaged or password-protected (or the LibreOffice"
            f" installed here lacks {COMPONENT[kind]}). {en_do}",
            path=path,
        )
    return converted


def _as_original(exc: PerfgoalsError, path: Path) -> PerfgoalsError:
    """``exc``, raised on the converted copy, re-pointed at the file the user sent."""
    exc.path = str(path)
    exc.args = (exc._format(),)
    return exc


def read_legacy(path: str | Path, kind: Legacy, limits: Limits) -> RawDocument:
    """Read a .doc/.xls by converting it to .docx/.xlsx with LibreOffice; the document names the original file."""
    import extract

    path = Path(path)
    with tempfile.TemporaryDirectory(prefix="perfgoals-legacy-") as tmp:
        converted = convert(path, kind, Path(tmp), limits)
        try:
            doc = extract.read_document(converted, limits)
        except PerfgoalsError as exc:
            raise _as_original(exc, path) from None
    return dataclasses.replace(doc, path=str(path))
