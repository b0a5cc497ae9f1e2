"""ole_info on compound files that lie: olefile reads the directory, and what it cannot read is no Office file."""

from __future__ import annotations

import struct

from bad_files import minimal_ole
from extract import legacy

WORD = minimal_ole("WordDocument", struct.pack("<H8xH", 0xA5EC, 0) + bytes(4096 - 12))


def _with(data: bytes, offset: int, fmt: str, *values: int) -> bytes:
    out = bytearray(data)
    struct.pack_into(fmt, out, offset, *values)
    return bytes(out)


def test_a_sector_size_other_than_512_or_4096_is_no_compound_file() -> None:
    assert legacy.ole_info(_with(WORD, 0x1E, "<H", 10)) == legacy.OleInfo(frozenset(), None, False)


def test_an_unreadable_directory_falls_back_to_the_raw_bytes() -> None:
    truncated = WORD[:700]
    assert legacy.ole_info(truncated) == legacy.OleInfo(frozenset(), None, False)
    locked = _with(minimal_ole("EncryptionInfo", bytes(4096)), 0x1E, "<H", 10)
    assert legacy.ole_info(locked) == legacy.OleInfo(frozenset(), None, True)


def test_a_directory_chain_that_loops_is_read_once() -> None:
    fat_of_directory = 512 + 4 * 1  # FAT entry of sector 1, the directory: point it at itself
    assert legacy.ole_info(_with(WORD, fat_of_directory, "<I", 1)).kind == "doc"


def test_a_stream_that_claims_more_than_the_file_holds_is_still_named() -> None:
    size_of_stream = 1024 + 128 + 120  # the second directory entry's size
    assert legacy.ole_info(_with(WORD, size_of_stream, "<Q", 2**62)).kind == "doc"


def test_a_small_workbook_in_the_mini_stream_is_read_for_its_password() -> None:
    """A workbook under 4096 bytes lives in the mini stream; its FILEPASS record is found there too."""
    body = struct.pack("<HH", 0x0809, 16) + bytes(16) + struct.pack("<HH", 0x002F, 0) + bytes(64 - 24)
    assert legacy.ole_info(_mini_stream_file("Workbook", body)) == legacy.OleInfo(
        frozenset({"Workbook"}), "xls", True)


def _mini_stream_file(stream: str, body: bytes) -> bytes:
    """``minimal_ole``'s file turned into one whose stream (at most 64 bytes) is in the mini stream.

    Sector 2 becomes the mini FAT and sector 3 the mini stream (the root entry's data), each one sector long.
    """
    end, free = 0xFFFFFFFE, 0xFFFFFFFF
    data = minimal_ole(stream, bytes(4096))
    data = _with(data, 0x3C, "<II", 2, 1)  # the mini FAT: first sector 2, one sector
    data = _with(data, 512 + 4 * 2, "<II", end, end)  # FAT: sectors 2 and 3 are chains of one
    data = _with(data, 1024 + 116, "<IQ", 3, 64)  # the root entry: the mini stream in sector 3, 64 bytes
    data = _with(data, 1024 + 128 + 116, "<IQ", 0, len(body))  # the stream: mini sector 0
    data = _with(data, 1536, "<128I", end, *([free] * 127))
    return data[:2048] + body.ljust(512, b"\0") + data[2560:]
