"""The mutants of ../shared/samples/broken (kept in tests/data/broken): each once broke a run, crashed the printing
or loaded less, or other, than its file holds. Each reads to its exact tables or fails as damaged, in words.
Then the same damage made here, on the samples, in each part of a .docx and an .xlsx: a flipped bit in the
deflate data, a lying CRC, a member cut short, a compression method or encryption flag no Office file has."""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

import pytest

import extract
from bad_files import RAW_DUMP
from core.errors import CorruptFileError

DATA = Path(__file__).parents[1] / "data" / "broken"
SAMPLES = Path(__file__).parents[2] / "samples"
XLSX = Path(__file__).parents[1] / "data" / "layouts" / "real_project.xlsx"
RAW = RAW_DUMP  # no bytes, escapes or parser dumps may reach a message (b"..", PSSyntaxError, zlib, tracebacks)

DAMAGED = {
    # file → (where, words of the message)
    "wuqing_court_2023__flip100_0.pdf": (None, ("其结构无法解析", "its structure cannot be parsed")),
    "wuqing_court_2023__flip1_0.pdf": ("第 2 页 page 2", ("the compressed data holding the page's text is damaged",)),
    "jizhou_court_2023__flip10_0.pdf": ("第 1 页 page 1", ("the compressed data holding the page's text is damaged",)),
    "a_markup.docx": (None, ("缺少其中的部件 word/[/x].xml", "its part word/[/x].xml is missing")),
    "baodi_court_2023__dup_member.docx": (None, ("word/document.xml 出现了两次", "holds its part word/document.xml twice",
                                                 "altered or is damaged", "save it as a new file")),
    "baodi_court_2023__flip10_1.docx": (None, ("The Word file is damaged", "the compressed data", "is damaged")),
}
# The parser's own exception stays chained to the error (for the run's log) where a parser raised one.
CHAINED = {"wuqing_court_2023__flip100_0.pdf", "a_markup.docx", "baodi_court_2023__flip10_1.docx"}


def _assert_plain(error: CorruptFileError, name: str) -> None:
    """A CorruptFileError itself, naming the file first, Chinese before English, with no parser dump in it."""
    message = str(error)
    assert type(error) is CorruptFileError, type(error)
    assert message.startswith(name) and "damaged" in message and "损坏" in message, message
    assert message.index("损坏") < message.index("damaged"), message
    assert not RAW.search(message), message


@pytest.mark.parametrize("name", sorted(DAMAGED))
def test_a_damaged_file_fails_as_damaged_in_plain_words(name: str) -> None:
    where, words = DAMAGED[name]
    with pytest.raises(CorruptFileError) as info:
        extract.read_document(DATA / name)
    _assert_plain(info.value, name)
    assert info.value.where == where
    for word in words:
        assert word in str(info.value), str(info.value)
    assert (info.value.__cause__ is not None) == (name in CHAINED)


def test_a_unit_named_with_markup_reads_verbatim() -> None:
    doc = extract.read_document(DATA / "unit_name_markup.docx")
    texts = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    assert "216104天津市[/x]法院" in texts and "[red]邮寄[/red]费" in texts
    assert len(doc.tables) == len(extract.read_document(SAMPLES / "baodi_court_2023.docx").tables)


@pytest.mark.parametrize("name", ["wuqing_court_2023.pdf", "jizhou_court_2023.pdf"])
def test_the_originals_still_read_whole(name: str) -> None:
    doc = extract.read_document(SAMPLES / name)
    assert len(doc.tables) == {"wuqing_court_2023.pdf": 6, "jizhou_court_2023.pdf": 8}[name]


# --------------------------------------------------------------------------- zip damage made here


def _central_entry(data: bytes, name: str) -> int:
    """The offset of ``name``'s entry in the zip's central directory."""
    at = data.find(b"PK\x01\x02")
    while at != -1:
        n = struct.unpack("<H", data[at + 28 : at + 30])[0]
        if data[at + 46 : at + 46 + n] == name.encode():
            return at
        at = data.find(b"PK\x01\x02", at + 4)
    raise AssertionError(f"no {name}")


def _data_span(data: bytes, name: str) -> tuple[int, int]:
    """Where ``name``'s compressed bytes lie in the file."""
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo(name)
    n, extra = struct.unpack("<HH", data[info.header_offset + 26 : info.header_offset + 30])
    start = info.header_offset + 30 + n + extra
    return start, start + info.compress_size


def _flip_deflate(data: bytes, name: str) -> bytes:
    start, _ = _data_span(data, name)
    out = bytearray(data)
    for i in range(start + 10, start + 20):  # early in the stream: zlib meets an invalid code
        out[i] ^= 0x55
    return bytes(out)


def _lie_about_crc(data: bytes, name: str) -> bytes:
    at = _central_entry(data, name)
    out = bytearray(data)
    out[at + 16 : at + 20] = struct.pack("<I", struct.unpack("<I", data[at + 16 : at + 20])[0] ^ 1)
    return bytes(out)


def _cut_member(data: bytes, name: str) -> bytes:
    """The member's last bytes zeroed: its deflate stream ends early or wrong, its CRC fails."""
    _, end = _data_span(data, name)
    return data[: end - 8] + b"\0" * 8 + data[end:]


def _central_field(data: bytes, name: str, offset: int, value: int, local_offset: int) -> bytes:
    """A 16-bit field of ``name``'s entry set to ``value`` in the central directory and the local header."""
    at = _central_entry(data, name)
    header = struct.unpack("<I", data[at + 42 : at + 46])[0]
    out = bytearray(data)
    out[at + offset : at + offset + 2] = struct.pack("<H", value)
    out[header + local_offset : header + local_offset + 2] = struct.pack("<H", value)
    return bytes(out)


def _odd_method(data: bytes, name: str) -> bytes:
    return _central_field(data, name, 10, 99, 8)  # compression method 99: none zipfile knows


def _encrypted_flag(data: bytes, name: str) -> bytes:
    at = _central_entry(data, name)
    return _central_field(data, name, 8, struct.unpack("<H", data[at + 8 : at + 10])[0] | 1, 6)


MUTATIONS = {
    "deflate": (_flip_deflate, ("压缩数据已损坏", "compressed data")),
    "crc": (_lie_about_crc, ("压缩数据已损坏", "compressed data")),
    "cut": (_cut_member, ("压缩数据已损坏", "compressed data")),
    "method": (_odd_method, ("压缩方式无法识别", "packed in a way Word and Excel never write")),
    "encrypted": (_encrypted_flag, ("压缩方式无法识别", "packed in a way Word and Excel never write")),
}
PARTS = [
    (SAMPLES / "baodi_court_2023.docx", "word/document.xml"),
    (SAMPLES / "baodi_court_2023.docx", "word/styles.xml"),
    (SAMPLES / "baodi_court_2023.docx", "[Content_Types].xml"),
    (XLSX, "xl/worksheets/sheet1.xml"),
    (XLSX, "xl/workbook.xml"),
    (XLSX, "xl/styles.xml"),
    (XLSX, "[Content_Types].xml"),
]


@pytest.mark.parametrize("kind", sorted(MUTATIONS))
@pytest.mark.parametrize(("source", "part"), PARTS, ids=lambda x: x.name if isinstance(x, Path) else x)
def test_zip_damage_in_any_part_fails_as_damaged(tmp_path: Path, source: Path, part: str, kind: str) -> None:
    mutate, words = MUTATIONS[kind]
    path = tmp_path / f"{kind}{source.suffix}"
    path.write_bytes(mutate(source.read_bytes(), part))
    with pytest.raises(CorruptFileError) as info:
        extract.read_document(path)
    _assert_plain(info.value, path.name)
    message = str(info.value)
    # A flipped bit in a sheet's deflate data may first give XML nonsense: damaged, in other words.
    assert any(word in message for word in words) or "not valid XML" in message, message
    if kind in ("method", "encrypted"):
        assert part in message, message


def test_a_part_held_twice_in_another_case_is_refused(tmp_path: Path) -> None:
    """OPC part names are equal whatever their ASCII case: Word reads one of the two, Python's zipfile the other."""
    source = SAMPLES / "baodi_court_2023.docx"
    out = io.BytesIO()
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, zin.read(info))
        zout.writestr("word/Document.xml", zin.read("word/document.xml").replace("法院".encode(), "机关".encode()))
    path = tmp_path / "case_twice.docx"
    path.write_bytes(out.getvalue())
    with pytest.raises(CorruptFileError) as info:
        extract.read_document(path)
    _assert_plain(info.value, path.name)
    assert "word/document.xml 出现了两次" in str(info.value), str(info.value)
