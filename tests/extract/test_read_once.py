"""A document's bytes are read from disk once: every reader after the first works on those bytes.

The opens are counted by the kernel (inotify's IN_OPEN on the file), so an
open by a C library (pypdfium2 given a path) counts as much as Python's.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import hashlib
import os
import select
import shutil
import struct
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

import extract
from core.errors import FileChangingError

ROOT = Path(__file__).parents[2]
IN_OPEN = 0x20
# Watched too, though not counted: inotify merges an event identical to the last one unread, so two opens in a
# row would count once; the reads and closes between them keep them apart.
IN_ACCESS, IN_CLOSE = 0x01, 0x08 | 0x10
DOCUMENTS = [ROOT / "samples" / "jizhou_court_2023.pdf", ROOT / "samples" / "baodi_court_2023.docx",
             ROOT / "tests" / "data" / "real-goal-tables" / "zhanjiang_hrss_2023_dept_overall.xlsx"]

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="inotify is Linux's")


@contextmanager
def opens_of(path: Path) -> Iterator[list[int]]:
    """Counts the times ``path`` is opened inside the block, by any code of this process (``[count]``)."""
    libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    fd = libc.inotify_init1(os.O_NONBLOCK)
    assert fd >= 0, os.strerror(ctypes.get_errno())
    counted = [0]
    try:
        assert libc.inotify_add_watch(fd, str(path).encode(), IN_OPEN | IN_ACCESS | IN_CLOSE) >= 0
        yield counted
        while select.select([fd], [], [], 0.05)[0]:
            buffer = os.read(fd, 4096)
            at = 0
            while at < len(buffer):
                _wd, mask, _cookie, size = struct.unpack_from("iIII", buffer, at)
                counted[0] += bool(mask & IN_OPEN)
                at += 16 + size
    finally:
        os.close(fd)


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.suffix)
def test_a_document_is_opened_once(path: Path, tmp_path: Path):
    copy = tmp_path / path.name  # a file of its own: nothing else opens it meanwhile
    shutil.copy(path, copy)
    planned = hashlib.sha256(copy.read_bytes()).hexdigest()
    with opens_of(copy) as opened:
        doc = extract.read_document(copy, sha256=planned)
    assert doc.blocks and opened == [1]
    with opens_of(copy) as opened:
        copy.read_bytes()
        copy.read_bytes()
    assert opened == [2]  # the counter counts opens in a row


def test_the_counter_sees_a_c_library_open(tmp_path: Path):
    import pypdfium2 as pdfium

    copy = tmp_path / "x.pdf"
    shutil.copy(DOCUMENTS[0], copy)
    with opens_of(copy) as opened:
        pdfium.PdfDocument(str(copy)).close()
    assert opened == [1]


def test_bytes_other_than_planned_are_a_changing_file(tmp_path: Path):
    copy = tmp_path / "x.docx"
    shutil.copy(DOCUMENTS[1], copy)
    with pytest.raises(FileChangingError, match="changed while it was read"):
        extract.read_document(copy, sha256="0" * 64)
