"""The reader pool: one process reads file after file, each under its own limits, and is replaced when one acts."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

import extract
from core.errors import TooLargeError
from extract.limits import MB, Limits
from flows import readers
from flows.bounded import read_bounded
from helpers.memory import exhaust_then

PDF = Path(__file__).parents[2] / "samples" / "jizhou_court_2023.pdf"


def _pid_of_reader(path: Path, limits: Limits) -> extract.RawDocument:
    """A target whose document says which process read it."""
    return extract.RawDocument(path=str(os.getpid()), format="pdf", blocks=())


def _then_pid(action):
    """A target that does ``action`` with the limits, then answers like ``_pid_of_reader``."""
    def target(path: Path, limits: Limits) -> extract.RawDocument:
        action(limits)
        return _pid_of_reader(path, limits)
    return target


def _peak(mb: int):
    """Map and touch ``mb`` MB, then let them go."""
    def action(limits: Limits) -> None:
        block = bytearray(mb * MB)
        block[:: 4096] = b"\1" * len(block[:: 4096])
        del block
    return action


def _mode(limits: Limits) -> None:
    """Sleep forever when the timeout is short, allocate 3 GB when the memory limit is small, else nothing."""
    if limits.timeout_s < 5:
        time.sleep(60)
    if limits.max_memory_mb < 1000:
        _peak(3 * 1024)(limits)


TARGET = _then_pid(_mode)


@pytest.fixture(autouse=True)
def _fresh_pool():
    readers.close_readers()
    yield
    readers.close_readers()


def test_one_reader_reads_file_after_file() -> None:
    first = read_bounded(PDF, Limits(), target=_pid_of_reader).path
    assert read_bounded(PDF, Limits(), target=_pid_of_reader).path == first != str(os.getpid())


def test_the_memory_limit_acts_on_a_reader_that_has_read_before_and_it_is_replaced() -> None:
    first = read_bounded(PDF, Limits(), target=TARGET).path
    with pytest.raises(TooLargeError, match="500 MB memory limit"):
        read_bounded(PDF, Limits(max_memory_mb=500), target=TARGET)
    after = read_bounded(PDF, Limits(), target=TARGET).path
    assert after != first  # the reader that ran out of memory was not used again
    assert read_bounded(PDF, Limits(), target=TARGET).path == after


def test_a_timeout_kills_the_reader_and_the_next_file_gets_a_new_one() -> None:
    first = read_bounded(PDF, Limits(), target=TARGET).path
    with pytest.raises(TooLargeError, match="1 seconds"):
        read_bounded(PDF, Limits(timeout_s=1), target=TARGET)
    assert not Path(f"/proc/{first}").exists() or "Z" in Path(f"/proc/{first}/stat").read_text().split()[2]
    assert read_bounded(PDF, Limits(), target=TARGET).path != first


def test_a_reader_that_grew_far_is_replaced() -> None:
    grow = _then_pid(_peak(readers.RECYCLE_GROWTH_MB + 64))
    first = read_bounded(PDF, Limits(), target=grow).path
    assert read_bounded(PDF, Limits(), target=grow).path != first


def test_an_earlier_peak_near_this_files_limit_does_not_hide_this_files_failed_allocation() -> None:
    """A reader that peaked at 400 MB (kept: under its growth limit) reads a file allowed 300 MB whose C code fails
    to allocate: without a fresh reader the peak would not show the limit reached, and a SystemError a bug."""
    def starve_or_peak(limits: Limits) -> None:
        if limits.max_memory_mb > 600:
            return _peak(400)(limits)
        exhaust_then(SystemError("error return without exception set"))(PDF, limits)

    target = _then_pid(starve_or_peak)
    first = read_bounded(PDF, Limits(max_memory_mb=1000), target=target).path
    assert read_bounded(PDF, Limits(max_memory_mb=1000), target=target).path == first  # 400 MB: kept
    with pytest.raises(TooLargeError, match="300 MB memory limit"):
        read_bounded(PDF, Limits(max_memory_mb=300), target=target)


def test_real_files_read_in_one_reader_give_the_in_process_documents() -> None:
    docx = PDF.with_suffix(".docx")
    for path in (PDF, docx, PDF, docx):
        assert read_bounded(path, Limits()) == extract.read_document(path, Limits())
    assert len(readers._POOL.idle) == 1


def test_close_readers_stops_the_idle_ones() -> None:
    pid = int(read_bounded(PDF, Limits(), target=_pid_of_reader).path)
    readers.close_readers()
    assert not Path(f"/proc/{pid}").exists()
