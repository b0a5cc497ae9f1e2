"""Reading in a child process: the same RawDocument, the child's errors, and the time and memory limits acting."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import time
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

import extract
from extract.limits import MB, Limits
from flows.bounded import read_bounded
from flows.documents import Job, sha256_of
from flows.process import process_document
from helpers.memory import exhaust_then
from perfgoals.cli import app
from core.errors import EmptyFileError, TooLargeError

SAMPLES = Path(__file__).parents[2] / "samples"
PDF = SAMPLES / "jizhou_court_2023.pdf"
DOCX = SAMPLES / "jizhou_court_2023.docx"
REAL_PDF = Path(__file__).parents[1] / "data" / "real-goal-tables" / "sh_putuo_wanli_2023_dept_budget.pdf"


@pytest.mark.parametrize("path", [PDF, DOCX], ids=lambda p: p.suffix)
def test_a_bounded_read_gives_the_in_process_document(path: Path) -> None:
    assert read_bounded(path, Limits()) == extract.read_document(path, Limits())


def test_the_childs_document_error_is_raised_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "empty.docx"
    path.write_bytes(b"")
    with pytest.raises(EmptyFileError) as in_process:
        extract.read_document(path)
    with pytest.raises(EmptyFileError) as bounded:
        read_bounded(path, Limits())
    assert str(bounded.value) == str(in_process.value)
    assert bounded.value.path == str(path) and not bounded.value.transient


def test_a_bug_in_the_child_is_raised_as_itself(tmp_path: Path) -> None:
    def buggy(path: Path, limits: Limits) -> extract.RawDocument:
        raise ValueError(f"no such thing in {path.name}")

    with pytest.raises(ValueError, match="no such thing in x.pdf"):
        read_bounded(tmp_path / "x.pdf", Limits(), target=buggy)


def test_a_bug_in_the_child_keeps_the_childs_traceback(tmp_path: Path) -> None:
    def buggy_deep_inside(path: Path, limits: Limits) -> extract.RawDocument:
        return {}["missing"]

    with pytest.raises(KeyError) as info:
        read_bounded(tmp_path / "x.pdf", Limits(), target=buggy_deep_inside)
    (note,) = info.value.__notes__
    assert note.startswith("In the process that read the file:\nTraceback") and "buggy_deep_inside" in note


def test_a_system_error_at_the_memory_limit_is_the_memory_limit() -> None:
    """A C function that fails to allocate under the limit raises SystemError, not MemoryError (pdfplumber did)."""
    starved = exhaust_then(SystemError("error return without exception set"))
    with pytest.raises(TooLargeError, match="500 MB memory limit"):
        read_bounded(PDF, Limits(max_memory_mb=500), target=starved)


def test_a_library_that_cannot_be_mapped_at_the_memory_limit_is_the_memory_limit() -> None:
    unmappable = exhaust_then(OSError("libpdfium.so: failed to map segment from shared object"))
    with pytest.raises(TooLargeError, match="500 MB memory limit"):
        read_bounded(PDF, Limits(max_memory_mb=500), target=unmappable)


def test_a_system_error_far_from_the_memory_limit_is_a_bug() -> None:
    def broken(path: Path, limits: Limits) -> extract.RawDocument:
        raise SystemError("error return without exception set")

    with pytest.raises(SystemError, match="error return without exception set"):
        read_bounded(PDF, Limits(max_memory_mb=500), target=broken)


def test_errors_that_name_a_failed_allocation_are_the_memory_limit() -> None:
    for error in (OSError(errno.ENOMEM, "Cannot allocate memory"), SystemError("out of memory in FPDF_LoadPage")):
        def failing(path: Path, limits: Limits, error: Exception = error) -> extract.RawDocument:
            raise error

        with pytest.raises(TooLargeError, match="500 MB memory limit"):
            read_bounded(PDF, Limits(max_memory_mb=500), target=failing)


def _fill_memory() -> list[list[bytearray]]:
    """Allocate until the address-space limit refuses, in ever smaller pieces, so that no free memory the fork
    inherited (the parent's heap) is left either; the pieces, largest first."""
    pieces: list[list[bytearray]] = []
    for size in (MB, 64 * 1024, 1024, 64):
        pieces.append([])
        try:
            while True:
                pieces[-1].append(bytearray(size))
        except MemoryError:
            pass
    return pieces


def test_a_real_read_with_no_memory_left_is_the_memory_limit() -> None:
    """The child's own reader starts with its address space full: it fails at once, and so may the child's own
    account of it while the traceback still holds the memory; neither is a bug."""
    def squeezed(path: Path, limits: Limits) -> extract.RawDocument:
        pieces = _fill_memory()  # noqa: F841 - held while the reader runs
        return extract.read_document(path, limits)

    with pytest.raises(TooLargeError, match="500 MB memory limit"):
        read_bounded(REAL_PDF, Limits(max_memory_mb=500), target=squeezed)


def _sleeper(pid_file: Path):
    """A target that starts a grandchild (``sleep 60``), records both pids and then hangs."""

    def target(path: Path, limits: Limits) -> extract.RawDocument:
        grandchild = subprocess.Popen(["sleep", "60"])
        pid_file.write_text(f"{os.getpid()} {grandchild.pid}")
        time.sleep(60)
        raise AssertionError("not reached")

    return target


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return Path(f"/proc/{pid}/stat").read_text().split()[2] == "Z"  # a zombie awaiting its (dead) parent's reaper


def test_timeout_stops_the_child_and_what_it_started(tmp_path: Path) -> None:
    pid_file = tmp_path / "pids"
    started = time.monotonic()
    with pytest.raises(TooLargeError) as info:
        read_bounded(PDF, Limits(timeout_s=1), target=_sleeper(pid_file))
    elapsed = time.monotonic() - started
    message = str(info.value)
    assert message.startswith(PDF.name)
    for word in ("处理该文件超过 1 秒", "1 seconds", "PERFGOALS_TIMEOUT_S", "--timeout"):
        assert word in message, message
    assert elapsed < 5, f"the timeout took {elapsed:.1f} s to act"
    child, grandchild = map(int, pid_file.read_text().split())
    deadline = time.monotonic() + 5
    while not (_gone(child) and _gone(grandchild)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _gone(child) and _gone(grandchild)


def test_a_tiny_timeout_stops_a_real_read() -> None:
    with pytest.raises(TooLargeError, match="0.01 秒"):
        read_bounded(PDF, Limits(timeout_s=0.01))


def _allocate(mb: int):
    def target(path: Path, limits: Limits) -> extract.RawDocument:
        block = bytearray(mb * MB)
        block[:: 4096] = b"\1" * len(block[:: 4096])  # touch every page
        return extract.RawDocument(path=str(path), format="pdf", blocks=(), n_pages=len(block) // MB)

    return target


def test_memory_limit_stops_a_child_that_wants_3_gb() -> None:
    with pytest.raises(TooLargeError) as info:
        read_bounded(PDF, Limits(max_memory_mb=500), target=_allocate(3 * 1024))
    message = str(info.value)
    assert message.startswith(PDF.name)
    for word in ("内存超过 500 MB 上限", "500 MB memory limit", "PERFGOALS_MAX_MEMORY_MB", "--max-memory-mb"):
        assert word in message, message


def test_memory_limit_counts_from_what_the_parent_had_mapped() -> None:
    """300 MB fits a 500 MB limit, however much the parent (pytest, polars, duckdb) had mapped at the fork."""
    assert read_bounded(PDF, Limits(max_memory_mb=500), target=_allocate(300)).n_pages == 300


def test_a_child_killed_outright_is_reported_as_out_of_memory() -> None:
    def killed(path: Path, limits: Limits) -> extract.RawDocument:
        os.kill(os.getpid(), signal.SIGKILL)  # what the kernel's OOM killer does
        raise AssertionError("not reached")

    with pytest.raises(TooLargeError, match="2048 MB"):
        read_bounded(PDF, Limits(), target=killed)


def test_process_document_reads_within_the_jobs_limits() -> None:
    job = Job(str(PDF), sha256_of(PDF), "pdf", limits=Limits(max_pages=3))
    outcome = process_document(job)
    assert outcome.status == "failed" and "PERFGOALS_MAX_PAGES" in outcome.error and not outcome.transient
    assert process_document(Job(str(PDF), sha256_of(PDF), "pdf")).status == "loaded"


def test_ingest_options_reach_every_job(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    monkeypatch.setenv("PREFECT_HOME", str(tmp_path / "prefect-home"))
    monkeypatch.setenv("PERFGOALS_MAX_PAGES", "2")  # the option wins over the environment
    db = tmp_path / "w.duckdb"
    result = CliRunner().invoke(app, ["ingest", str(PDF), str(DOCX), "--db", str(db), "--max-pages", "3",
                                      "--timeout", "60", "--max-memory-mb", "1024", "--max-file-mb", "10"])
    assert result.exit_code == 1, result.output
    with duckdb.connect(str(db), read_only=True) as con:
        rows = dict(con.execute("SELECT regexp_extract(path, '[^/]+$'), error FROM documents").fetchall())
    assert rows["jizhou_court_2023.docx"] is None
    assert "PDF 共 4 页，超过 3 页的上限" in rows["jizhou_court_2023.pdf"]


def test_the_child_dies_with_its_parent(tmp_path: Path) -> None:
    """A parent killed outright (it cannot stop its child then) takes the reading child with it."""
    pid_file = tmp_path / "pids"
    parent = os.fork()
    if parent == 0:  # the parent to be killed: reads with a target that hangs
        try:
            read_bounded(PDF, Limits(timeout_s=60), target=_sleeper(pid_file))
        finally:
            os._exit(0)
    deadline = time.monotonic() + 10
    while len(pid_file.read_text().split() if pid_file.exists() else ()) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    child, grandchild = map(int, pid_file.read_text().split())
    os.kill(parent, signal.SIGKILL)
    os.waitpid(parent, 0)
    deadline = time.monotonic() + 5
    while not _gone(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    os.kill(grandchild, signal.SIGKILL)  # nobody is left to kill the child's group: clean up after the test
    assert _gone(child)
