"""Issue 13, the fuzz test: damaged copies of the samples (``make_mutants``: truncation, flips, zeroed blocks,
zip member tricks, broken XML, rich markup in the text), ingested in one batch with the good samples by a real
``perfgoals ingest``, must each get a row, fail with a message a person can read (the file's fault, not an
internal error, no bytes or parser dump), never load more tables than their original, and keep markup verbatim;
the good samples beside them must load exactly as they do alone.

The batch runs once for the module, as a real process; the reference ingest of the good samples alone runs
in this process meanwhile (the readers and great-expectations are imported here already, so it costs seconds).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from bad_files import RAW_DUMP as RAW
from db_rows import rows
from make_mutants import Mutant, make_mutants, sources

ROOT = Path(__file__).parents[2]
CLI = [sys.executable, "-c", "from perfgoals.cli import app; app()"]
# Small limits: a mutant that sends a reader into a loop or a memory blow-up costs 20 s, not the default 120.
LIMITS = {"PERFGOALS_TIMEOUT_S": "20", "PERFGOALS_MAX_MEMORY_MB": "1024"}
RUN_TIMEOUT_S = 600  # the whole batch; far above its minute, so only a hang of the run itself trips it
FILE = "regexp_extract(d.path, '[^/]+$')"
INTERNAL = ("internal error", "内部错误")


@dataclass(frozen=True)
class Ingest:
    """One finished ``perfgoals ingest``: its warehouse, exit status and output."""

    db: Path
    returncode: int
    stdout: str
    stderr: str


@dataclass(frozen=True)
class Fuzz:
    """The batch of mutants and good samples, and the warehouse of the good samples ingested alone."""

    mutants: tuple[Mutant, ...]
    good: tuple[str, ...]
    batch: Ingest
    alone: Path


def _env(home: Path) -> dict[str, str]:
    """The environment of an ingest: no Prefect server, the default rules, small limits, a wide terminal."""
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL" and not k.startswith("PERFGOALS_")}
    return env | LIMITS | {"PREFECT_HOME": str(home / "prefect-home"), "COLUMNS": "200"}


def _start(folder: Path, db: Path) -> subprocess.Popen[str]:
    return subprocess.Popen([*CLI, "ingest", str(folder), "--db", str(db)], cwd=ROOT, env=_env(db.parent), text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)


def _ingest_here(folder: Path, db: Path) -> Path:
    """Ingest ``folder`` into ``db`` in this process, with the batch's limits and rules."""
    from extract.limits import Limits
    from flows.run import run_ingest
    from flows.settings import IngestSettings

    with pytest.MonkeyPatch.context() as env:
        env.delenv("PREFECT_API_URL", raising=False)
        env.delenv("PERFGOALS_RULES", raising=False)
        run_ingest(IngestSettings([str(folder)], db, limits=Limits.from_env(LIMITS)))
    return db


def _finish(proc: subprocess.Popen[str], db: Path) -> Ingest:
    """Wait for ``proc``; a run that outlives RUN_TIMEOUT_S is killed (with its children) and fails the test."""
    try:
        out, err = proc.communicate(timeout=RUN_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
        pytest.fail(f"the ingest hung for {RUN_TIMEOUT_S} s; its output:\n{out[-3000:]}\n{err[-3000:]}")
    (db.parent / "stdout.txt").write_text(out, encoding="utf-8")  # kept beside the warehouse for a post-mortem
    (db.parent / "stderr.txt").write_text(err, encoding="utf-8")
    return Ingest(db, proc.returncode, out, err)


@pytest.fixture(scope="module")
def fuzz(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Fuzz]:
    tmp = tmp_path_factory.mktemp("fuzz")
    inbox, good = tmp / "inbox", tmp / "good"
    mutants = make_mutants(inbox)
    good.mkdir()
    for src in sources():
        shutil.copy(src, inbox / src.name)
        shutil.copy(src, good / src.name)
    (tmp / "batch").mkdir()
    (tmp / "reference").mkdir()
    batch = _start(inbox, tmp / "batch" / "fuzz.duckdb")
    try:
        reference = _ingest_here(good, tmp / "reference" / "good.duckdb")  # while the batch runs: two cores
        yield Fuzz(tuple(mutants), tuple(p.name for p in sources()),
                   _finish(batch, tmp / "batch" / "fuzz.duckdb"), reference)
    finally:
        if batch.poll() is None:
            os.killpg(batch.pid, signal.SIGKILL)


def _documents(db: Path) -> dict[str, tuple[str, str | None, int]]:
    """File name -> (status, error, n_tables) of every document of the warehouse."""
    return {name: (status, error, n) for name, status, error, n in
            rows(db, f"SELECT {FILE}, status, error, n_tables FROM documents d")}


def _indicator_counts(db: Path) -> dict[str, int]:
    """File name -> number of indicator rows loaded from it."""
    return dict(rows(db, f"""SELECT {FILE}, count(i.row_no) FROM documents d LEFT JOIN goal_tables g USING (doc_id)
                             LEFT JOIN indicators i USING (table_id) GROUP BY ALL"""))


def _goal_rows(db: Path, names: tuple[str, ...]) -> list[tuple]:
    """Every goal table of these files, without the ids that differ between warehouses."""
    return rows(db, f"""SELECT {FILE} AS file, g.* EXCLUDE (table_id, doc_id) FROM goal_tables g
                        JOIN documents d USING (doc_id) WHERE list_contains(?, {FILE}) ORDER BY ALL""", list(names))


def _indicator_rows(db: Path, names: tuple[str, ...]) -> list[tuple]:
    """Every indicator row of these files, keyed by file and table number instead of ids."""
    return rows(db, f"""SELECT {FILE} AS file, g.seq, i.* EXCLUDE (table_id) FROM indicators i
                        JOIN goal_tables g USING (table_id) JOIN documents d USING (doc_id)
                        WHERE list_contains(?, {FILE}) ORDER BY ALL""", list(names))


def _stored_text(db: Path, name: str) -> str:
    """All the texts the warehouse holds for one file (its goal tables' and indicators' string columns)."""
    tables = rows(db, f"SELECT g.* FROM goal_tables g JOIN documents d USING (doc_id) WHERE {FILE} = ?", name)
    indicators = rows(db, f"""SELECT i.* FROM indicators i JOIN goal_tables g USING (table_id)
                              JOIN documents d USING (doc_id) WHERE {FILE} = ?""", name)
    return "\n".join(v for row in tables + indicators for v in row if isinstance(v, str))


def _listing(found: dict[str, str], mutants: tuple[Mutant, ...]) -> str:
    """One line per offending file: its name, what was done to it, and what went wrong."""
    how = {m.path.name: m.description for m in mutants}
    return "\n".join(f"  {name} [{how.get(name, 'good sample')}]: {what}" for name, what in sorted(found.items()))


def test_the_run_ends_without_a_traceback(fuzz: Fuzz):
    output = fuzz.batch.stdout + fuzz.batch.stderr
    assert fuzz.batch.returncode == 1, output[-3000:]  # 1: some documents failed, as damaged files must
    assert "Traceback" not in output, output[max(0, output.index("Traceback") - 500):][:5000]


def test_every_file_has_exactly_one_row(fuzz: Fuzz):
    names = [name for (name,) in rows(fuzz.batch.db, f"SELECT {FILE} FROM documents d")]
    expected = sorted([m.path.name for m in fuzz.mutants] + list(fuzz.good))
    assert len(fuzz.mutants) >= 150
    assert sorted(names) == expected


def test_the_good_samples_load_exactly_as_alone(fuzz: Fuzz):
    batch, alone = _documents(fuzz.batch.db), _documents(fuzz.alone)
    assert {n: batch.get(n) for n in fuzz.good} == {n: alone[n] for n in fuzz.good}
    assert all(alone[n][0] == "loaded" for n in fuzz.good), alone
    assert _goal_rows(fuzz.batch.db, fuzz.good) == _goal_rows(fuzz.alone, fuzz.good)
    assert _indicator_rows(fuzz.batch.db, fuzz.good) == _indicator_rows(fuzz.alone, fuzz.good)


def _failures(fuzz: Fuzz) -> dict[str, str]:
    """File name -> error of every failed document of the batch."""
    return {name: error or "" for name, (status, error, _) in _documents(fuzz.batch.db).items() if status == "failed"}


def test_no_damaged_file_is_reported_as_an_internal_error(fuzz: Fuzz):
    # A damaged file is the file's fault: its message must say so and how to fix it, not blame perfgoals.
    internal = {name: error for name, error in _failures(fuzz).items() if any(word in error for word in INTERNAL)}
    assert not internal, f"{len(internal)} damaged files reported as internal errors:\n" + _listing(internal, fuzz.mutants)


def test_no_failure_message_holds_bytes_or_a_parsers_dump(fuzz: Fuzz):
    raw = {name: f"{RAW.search(error).group()!r} in {error!r}" if error else "no message"
           for name, error in _failures(fuzz).items() if not error or RAW.search(error)}
    assert not raw, f"{len(raw)} messages with bytes or a parser's dump:\n" + _listing(raw, fuzz.mutants)


def _losses(fuzz: Fuzz) -> dict[str, str]:
    """Mutants loaded (or found without goal tables) with fewer tables or indicator rows than their original."""
    batch, alone = _documents(fuzz.batch.db), _documents(fuzz.alone)
    rows_batch, rows_alone = _indicator_counts(fuzz.batch.db), _indicator_counts(fuzz.alone)
    lost = {}
    for m in fuzz.mutants:
        name, (status, _, n) = m.path.name, batch[m.path.name]
        n_orig, r_orig = alone[m.original][2], rows_alone[m.original]
        if status in ("loaded", "no_goal_tables") and (n < n_orig or rows_batch[name] < r_orig):
            lost[name] = f"{status}, {n}/{n_orig} tables, {rows_batch[name]}/{r_orig} indicator rows"
    return lost


def test_no_mutant_loads_less_than_its_original_in_silence(fuzz: Fuzz):
    # A damaged stream once dropped a whole goal table and loaded the rest: the worst outcome, a silent loss.
    lost = _losses(fuzz)
    assert not lost, f"{len(lost)} mutants loaded with less than their original:\n" + _listing(lost, fuzz.mutants)


def test_no_loaded_mutant_has_more_tables_than_its_original(fuzz: Fuzz):
    batch, alone = _documents(fuzz.batch.db), _documents(fuzz.alone)
    more = {m.path.name: f"{batch[m.path.name][2]} tables, the original {alone[m.original][2]}" for m in fuzz.mutants
            if batch[m.path.name][0] == "loaded" and batch[m.path.name][2] > alone[m.original][2]}
    assert not more, f"{len(more)} mutants loaded with more tables than their original:\n" + _listing(more, fuzz.mutants)


def test_text_with_markup_loads_verbatim(fuzz: Fuzz):
    batch = _documents(fuzz.batch.db)
    wrong = {}
    for m in fuzz.mutants:
        if m.marked_text is None:
            continue
        status = batch[m.path.name][0]
        if status != "loaded":
            if m.kind == "markup":  # only the text changed: the file is as good as its original
                wrong[m.path.name] = f"{status}: {batch[m.path.name][1]}"
        elif m.marked_text not in _stored_text(fuzz.batch.db, m.path.name):
            wrong[m.path.name] = f"{m.marked_text!r} not stored verbatim"
    assert any(m.marked_text and "[/x]" in m.marked_text for m in fuzz.mutants)
    assert not wrong, f"{len(wrong)} mutants with markup in their text:\n" + _listing(wrong, fuzz.mutants)



def test_a_loaded_mutant_holds_exactly_its_originals_rows(fuzz: Fuzz):
    # Damage that still loads (a flip the zip's or the PDF stream's checksum did not cover) must change nothing:
    # otherwise garbled text (车辆脭置数量) would be loaded as if the unit had written it.
    batch = _documents(fuzz.batch.db)
    changed = {}
    for m in fuzz.mutants:
        if batch[m.path.name][0] != "loaded" or m.marked_text is not None:
            continue
        got = [row[1:] for row in _indicator_rows(fuzz.batch.db, (m.path.name,))]
        want = [row[1:] for row in _indicator_rows(fuzz.alone, (m.original,))]
        if got != want:
            diff = next((f"{w} → {g}" for g, w in zip(got, want, strict=False) if g != w), "rows differ")
            changed[m.path.name] = diff[:300]
    assert not changed, f"{len(changed)} mutants loaded with other rows than their original:\n" + _listing(
        changed, fuzz.mutants)
