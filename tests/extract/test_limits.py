"""Untrusted files are bounded: size, pages and zip bombs are refused before parsing; old .doc/.xls are converted."""

from __future__ import annotations

import multiprocessing
import os
import re
import resource
import shutil
import struct
import subprocess
import zipfile
from pathlib import Path

import olefile
import pytest

import extract
from bad_files import minimal_ole, zip_bomb
from extract import legacy
from extract.limits import MB, Limits, check_file, check_zip, pdf_page_count
from core.errors import CorruptFileError, EncryptedFileError, TooLargeError, UnsupportedFormatError, UsageError
from transform.layout import parse_goal_tables

CJK = re.compile(r"[\u4e00-\u9fff]")
SEED_DOCX = Path(__file__).resolve().parents[2] / "samples" / "jizhou_court_2023.docx"
SOFFICE = legacy.soffice_path()
needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed: cannot make a .doc")


def _assert_plain(exc: Exception, path: Path, *words: str) -> None:
    """The message names the file, speaks Chinese and English, and holds ``words`` (the limit and how to change it)."""
    message = str(exc)
    assert message.startswith(path.name), message
    assert CJK.search(message) and re.search(r"[A-Za-z]{4,} [a-z]+", message), message
    for word in words:
        assert word in message, (word, message)


@pytest.fixture(scope="module")
def bomb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed .docx with its word/document.xml replaced by 300 MB of zeros: python-docx would read it all."""
    path = tmp_path_factory.mktemp("bomb") / "goals.docx"
    chunk = bytes(MB)
    with zipfile.ZipFile(SEED_DOCX) as seed, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in seed.infolist():
            if info.filename != "word/document.xml":
                archive.writestr(info.filename, seed.read(info))
        with archive.open("word/document.xml", "w") as part:
            for _ in range(300):
                part.write(chunk)
    return path


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def _measure_in_fresh_child(bomb: Path, conn) -> None:
    """In a forked child (whose peak RSS starts at its RSS now): peak RSS growth reading the bomb, then reading it
    again with the zip check switched off (the control: what the check saves)."""
    import sys

    sniff_module = sys.modules["extract.sniff"]  # `extract.sniff` is the function of that name
    before = _peak_rss_mb()
    try:
        extract.read_document(bomb)
        outcome = "read"
    except TooLargeError as exc:
        outcome = str(exc)
    refused = _peak_rss_mb()
    sniff_module.check_zip_infos = lambda *args: None  # in this child only
    try:
        extract.read_document(bomb)
    except Exception as exc:  # noqa: BLE001 - zeros are no XML; what matters is what reading took
        unchecked = type(exc).__name__
    inflated = _peak_rss_mb()
    conn.send((outcome, refused - before, unchecked, inflated - before))
    conn.close()


def test_zip_bomb_is_refused_before_it_inflates(bomb: Path) -> None:
    assert bomb.stat().st_size < 2 * MB  # 300 MB of zeros on a few hundred KB
    fork = multiprocessing.get_context("fork")
    receiver, sender = fork.Pipe(duplex=False)
    child = fork.Process(target=_measure_in_fresh_child, args=(bomb, sender))
    child.start()
    sender.close()
    outcome, refused_growth, unchecked, inflated_growth = receiver.recv()
    child.join()
    assert "压缩炸弹" in outcome and "zip bomb" in outcome and "301 MB" in outcome, outcome
    assert refused_growth < 50, f"refusing the bomb grew peak RSS by {refused_growth:.0f} MB"
    assert unchecked == "CorruptFileError" and inflated_growth > 250, (
        f"without the check reading must inflate the bomb ({unchecked}, +{inflated_growth:.0f} MB)")


def test_zip_bomb_error_is_plain(bomb: Path) -> None:
    with pytest.raises(TooLargeError) as info:
        extract.read_document(bomb, Limits())
    _assert_plain(info.value, bomb, "200 MB", "PERFGOALS_MAX_UNPACKED_MB")
    with pytest.raises(TooLargeError):
        check_zip(bomb, Limits())


def test_one_part_compressed_too_far_is_refused(tmp_path: Path) -> None:
    """20 MB unpacked is under the 200 MB total, but 20 MB of zeros in a few KB is a bomb's ratio."""
    path = zip_bomb(tmp_path / "ratio.docx", 20)
    with pytest.raises(TooLargeError) as info:
        extract.read_document(path, Limits())
    _assert_plain(info.value, path, "word/media/image1.bin", "压缩比", "PERFGOALS_MAX_COMPRESSION_RATIO")


def test_too_many_parts_are_refused(tmp_path: Path, seed_docx: Path) -> None:
    with pytest.raises(TooLargeError) as info:
        extract.read_document(seed_docx, Limits(max_zip_members=5))
    _assert_plain(info.value, seed_docx, "17", "PERFGOALS_MAX_ZIP_MEMBERS")


def test_real_files_pass_the_default_limits(seed_docx: Path, seed_pdf: Path) -> None:
    check_zip(seed_docx, Limits())
    check_file(seed_pdf, Limits())
    assert extract.read_document(seed_docx, Limits()).tables


def test_file_over_max_file_mb_is_not_read(seed_pdf: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import extract.pdf

    monkeypatch.setattr(extract.pdf, "read_pdf", lambda *a, **k: pytest.fail("the parser must not run"))
    with pytest.raises(TooLargeError) as info:
        extract.read_document(seed_pdf, Limits(max_file_mb=0.01))
    _assert_plain(info.value, seed_pdf, "0.01 MB", "PERFGOALS_MAX_FILE_MB", "--max-file-mb")


def test_pdf_over_max_pages_is_not_parsed(seed_pdf: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import extract.pdf

    assert pdf_page_count(seed_pdf) == 4
    real = extract.pdf.read_pdf
    monkeypatch.setattr(extract.pdf, "read_pdf", lambda *a, **k: pytest.fail("pdfplumber must not run"))
    with pytest.raises(TooLargeError) as info:
        extract.read_document(seed_pdf, Limits(max_pages=3))
    _assert_plain(info.value, seed_pdf, "4 页", "3 页", "4 pages", "PERFGOALS_MAX_PAGES", "--max-pages")
    monkeypatch.setattr(extract.pdf, "read_pdf", real)
    assert extract.read_document(seed_pdf, Limits(max_pages=4)).n_pages == 4


def test_limits_come_from_the_environment(monkeypatch: pytest.MonkeyPatch, seed_pdf: Path) -> None:
    assert Limits.from_env({}) == Limits()
    env = {"PERFGOALS_MAX_PAGES": "3", "PERFGOALS_TIMEOUT_S": "7.5", "PERFGOALS_MAX_MEMORY_MB": " 512 "}
    limits = Limits.from_env(env, timeout_s=None, max_file_mb=5)
    assert (limits.max_pages, limits.timeout_s, limits.max_memory_mb, limits.max_file_mb) == (3, 7.5, 512, 5)
    assert Limits.from_env(env, max_pages=9).max_pages == 9  # a command-line option wins
    monkeypatch.setenv("PERFGOALS_MAX_PAGES", "3")
    with pytest.raises(TooLargeError):
        extract.read_document(seed_pdf)  # read_document without limits reads the environment


@pytest.mark.parametrize(("variable", "value"), [("PERFGOALS_MAX_PAGES", v) for v in ("0", "-1", "many", "2.5")]
                         + [("PERFGOALS_TIMEOUT_S", v) for v in ("inf", "nan", "-3")])
def test_a_bad_limit_in_the_environment_is_a_usage_error(variable: str, value: str) -> None:
    with pytest.raises(UsageError, match=variable):
        Limits.from_env({variable: value})


def test_a_limit_must_be_positive() -> None:
    with pytest.raises(UsageError, match="timeout_s"):
        Limits(timeout_s=0)


# --- old binary .doc / .xls ---------------------------------------------------------------------------------------


def _soffice_convert(source: Path, target: str, outdir: Path) -> Path:
    """``source`` converted by soffice; skips the test when this LibreOffice cannot (Calc or Writer not installed)."""
    outdir.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        [SOFFICE, f"-env:UserInstallation={(outdir / 'profile').as_uri()}", "--headless", "--norestore",
         "--convert-to", target, "--outdir", str(outdir), str(source)],
        capture_output=True, timeout=120,
    )
    made = outdir / f"{source.stem}.{target.split(':')[0]}"
    if not made.is_file():
        output = (done.stdout + done.stderr).decode("utf-8", "replace").strip()
        pytest.skip(f"this LibreOffice cannot convert {source.suffix} to {target} (component not installed?): {output}")
    return made


@pytest.fixture(scope="module")
def legacy_doc(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed .docx saved by LibreOffice as an old binary Word 97 .doc."""
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed: cannot make a .doc to read")
    return _soffice_convert(SEED_DOCX, "doc:MS Word 97", tmp_path_factory.mktemp("legacy") / "doc")


@pytest.fixture(scope="module")
def legacy_xls(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed: cannot make an .xls to read")
    import openpyxl

    folder = tmp_path_factory.mktemp("xls")
    book = openpyxl.Workbook()
    book.active.append(["项目名称", "预算数"])
    book.save(folder / "goals.xlsx")
    return _soffice_convert(folder / "goals.xlsx", "xls:MS Excel 97", folder / "xls")


def _texts(doc: extract.RawDocument) -> list[list[str]]:
    return [[" ".join(t.split()) for row in table.rows for t in row.texts] for table in doc.tables]


@needs_soffice
def test_legacy_doc_is_converted_and_read(legacy_doc: Path, seed_docx: Path) -> None:
    assert legacy.ole_info(legacy_doc.read_bytes()).kind == "doc"
    doc = extract.read_document(legacy_doc)
    original = extract.read_document(seed_docx)
    assert doc.path == str(legacy_doc) and doc.format == "docx"
    assert _texts(doc) == _texts(original)
    assert len(parse_goal_tables(doc)) == len(parse_goal_tables(original)) == 4


@needs_soffice
def test_legacy_doc_named_docx_is_converted(legacy_doc: Path, tmp_path: Path) -> None:
    misnamed = tmp_path / "goals.docx"
    shutil.copy(legacy_doc, misnamed)
    assert extract.read_document(misnamed).path == str(misnamed)


@needs_soffice
def test_legacy_xls_is_converted_and_given_to_the_excel_reader(legacy_xls: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[Path] = []

    def fake_xlsx(path: Path, data: bytes | None = None) -> extract.RawDocument:
        seen.append(path)
        assert zipfile.ZipFile(path).read("xl/workbook.xml")
        return extract.RawDocument(path=str(path), format="xlsx", blocks=())

    monkeypatch.setattr(extract, "_read_xlsx", fake_xlsx)
    assert legacy.ole_info(legacy_xls.read_bytes()).kind == "xls"
    doc = extract.read_document(legacy_xls)
    assert len(seen) == 1 and seen[0].suffix == ".xlsx"
    assert doc.path == str(legacy_xls)  # the file the user sent, not the temporary copy


@needs_soffice
def test_errors_on_the_converted_file_name_the_original(legacy_xls: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(path: Path, data: bytes | None = None) -> extract.RawDocument:
        raise UnsupportedFormatError("暂不支持。 Not supported.", path=path)

    monkeypatch.setattr(extract, "_read_xlsx", refuse)
    with pytest.raises(UnsupportedFormatError) as info:
        extract.read_document(legacy_xls)
    assert str(info.value).startswith(legacy_xls.name) and info.value.path == str(legacy_xls)


def test_without_libreoffice_the_error_says_how_to_convert(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, legacy_doc_bytes: bytes
) -> None:
    path = tmp_path / "goals.doc"
    path.write_bytes(legacy_doc_bytes)
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    assert legacy.soffice_path() is None
    with pytest.raises(UnsupportedFormatError) as info:
        extract.read_document(path)
    _assert_plain(info.value, path, "另存为", ".docx", "LibreOffice", "Save As")


@pytest.fixture
def legacy_doc_bytes(request: pytest.FixtureRequest) -> bytes:
    """A real .doc when LibreOffice can make one, else a minimal compound file with a WordDocument stream."""
    if SOFFICE is not None:
        return request.getfixturevalue("legacy_doc").read_bytes()
    return minimal_ole("WordDocument", struct.pack("<H8xH", 0xA5EC, 0) + bytes(4096 - 12))


def test_minimal_compound_files_are_recognised() -> None:
    word = minimal_ole("WordDocument", struct.pack("<H8xH", 0xA5EC, 0) + bytes(4096 - 12))
    assert legacy.ole_info(word).kind == "doc" and not legacy.ole_info(word).encrypted
    locked = minimal_ole("WordDocument", struct.pack("<H8xH", 0xA5EC, 0x0100) + bytes(4096 - 12))
    assert legacy.ole_info(locked).encrypted
    book = minimal_ole("Workbook", struct.pack("<HH", 0x0809, 16) + bytes(16) + struct.pack("<HH", 0x002F, 0)
                        + bytes(4096 - 24))
    assert legacy.ole_info(book) == legacy.OleInfo(frozenset({"Workbook"}), "xls", True)
    ooxml = minimal_ole("EncryptionInfo", bytes(4096))
    assert legacy.ole_info(ooxml).encrypted and legacy.ole_info(ooxml).kind is None


@pytest.mark.parametrize("name", ["locked.doc", "locked.docx"])
def test_password_protected_doc_is_encrypted_not_converted(tmp_path: Path, name: str, monkeypatch: pytest.MonkeyPatch,
                                                           legacy_doc_bytes: bytes) -> None:
    """Setting the FIB's fEncrypted bit of a real .doc makes it a password-protected one, as far as reading goes."""
    data = bytearray(legacy_doc_bytes)
    ole = olefile.OleFileIO(bytes(data))
    word = next(entry for entry in ole.root.kids if entry.name == "WordDocument")
    flags_at = (word.isectStart + 1) * ole.sectorsize + 0x0A
    data[flags_at:flags_at + 2] = struct.pack("<H", struct.unpack_from("<H", data, flags_at)[0] | 0x0100)
    path = tmp_path / name
    path.write_bytes(bytes(data))
    monkeypatch.setattr(legacy, "convert", lambda *a: pytest.fail("an encrypted file must not be converted"))
    with pytest.raises(EncryptedFileError) as info:
        extract.read_document(path)
    _assert_plain(info.value, path, "密码", "password")


@needs_soffice
def test_libreoffice_that_takes_too_long_is_stopped(legacy_doc: Path, tmp_path: Path) -> None:
    path = tmp_path / "slow.doc"
    shutil.copy(legacy_doc, path)
    with pytest.raises(TooLargeError) as info:
        extract.read_document(path, Limits(timeout_s=0.2))
    _assert_plain(info.value, path, "LibreOffice", "0.2", "PERFGOALS_TIMEOUT_S")
    left = [pid for pid in os.listdir("/proc") if pid.isdigit() and _cmdline(pid).count("perfgoals-legacy-")]
    assert not left, f"LibreOffice processes left running: {left}"


def _cmdline(pid: str) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().decode("utf-8", "replace")
    except OSError:
        return ""


FAKE_SOFFICE = """#!/bin/sh
# A stand-in for LibreOffice: copies $FAKE_RESULT to OUTDIR/<source stem>.<target>, as soffice --convert-to would.
echo "$@" > "$FAKE_ARGS"
while [ $# -gt 1 ]; do
  case "$1" in
    --convert-to) shift; target="$1" ;;
    --outdir) shift; out="$1" ;;
  esac
  shift
done
mkdir -p "$out"
name=$(basename "$1")
cp "$FAKE_RESULT" "$out/${name%.*}.$target"
"""


@pytest.fixture
def fake_soffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """PATH holding only a fake ``soffice`` that 'converts' by copying $FAKE_RESULT; returns the file its args go to."""
    folder = tmp_path / "fakebin"
    folder.mkdir()
    script = folder / "soffice"
    script.write_text(FAKE_SOFFICE)
    script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}:/usr/bin:/bin")
    monkeypatch.setenv("FAKE_ARGS", str(tmp_path / "args.txt"))
    assert legacy.soffice_path() == str(script)
    return tmp_path / "args.txt"


def test_xls_goes_through_libreoffice_to_the_excel_reader(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                         fake_soffice: Path) -> None:
    """The .xls plumbing, whether or not this LibreOffice has Calc: command line, output name, reader, path."""
    import openpyxl

    result = tmp_path / "made.xlsx"
    openpyxl.Workbook().save(result)
    monkeypatch.setenv("FAKE_RESULT", str(result))
    path = tmp_path / "goals.xls"
    path.write_bytes(minimal_ole("Workbook", struct.pack("<HH", 0x0809, 16) + bytes(4096 - 4)))
    seen: list[Path] = []

    def fake_xlsx(converted: Path, data: bytes | None = None) -> extract.RawDocument:
        seen.append(converted)
        return extract.RawDocument(path=str(converted), format="xlsx", blocks=())

    monkeypatch.setattr(extract, "_read_xlsx", fake_xlsx)
    doc = extract.read_document(path)
    assert doc.path == str(path) and seen and seen[0].suffix == ".xlsx"
    args = fake_soffice.read_text()
    assert "--headless" in args and "--convert-to xlsx" in args and "-env:UserInstallation=file://" in args
    assert not seen[0].exists(), "the temporary conversion is removed"


@needs_soffice
def test_a_file_libreoffice_cannot_load_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "broken.doc"
    path.write_bytes(minimal_ole("WordDocument", struct.pack("<H8xH", 0xA5EC, 0) + bytes(4096 - 12)))
    with pytest.raises(CorruptFileError) as info:
        extract.read_document(path)
    _assert_plain(info.value, path, "LibreOffice", "另存为", "Save As")
