"""Which files a run reads, and what each one needs: extraction, a skip, or a duplicate record."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from core.errors import UsageError
from core.status import CONTENT, Status
from extract.limits import Limits
from warehouse import KnownDoc

# .doc/.xls are old binary Office files: read through LibreOffice when it is installed (extract.legacy),
# else recorded as failed with how to convert them, so a folder of them is never skipped in silence.
SUFFIXES = {".pdf": "pdf", ".docx": "docx", ".xlsx": "xlsx", ".doc": "doc", ".xls": "xls"}
HASH_CHUNK = 1 << 20


@dataclass(frozen=True)
class Job:
    """One file to extract, transform, validate and load."""

    path: str
    sha256: str
    format: str
    year: int | None = None
    limits: Limits = Limits()  # what reading the file may cost (flows.bounded)


@dataclass(frozen=True)
class Plan:
    """What a run does with each file it found."""

    jobs: tuple[Job, ...]
    unchanged: tuple[Job, ...]
    duplicates: tuple[tuple[Job, str], ...]  # (the copy, the path whose bytes it repeats)


def discover(paths: list[str]) -> list[Path]:
    """Every .pdf/.docx/.xlsx/.doc/.xls file under ``paths`` (files or folders, recursive), absolute and sorted.

    Raises UsageError for a path that does not exist, before anything is read.
    """
    found: set[Path] = set()
    for given in paths:
        p = Path(given).expanduser().absolute()
        if not p.exists():
            raise UsageError(f"找不到路径 {given}。 No such file or folder: {given}")
        if p.is_file():
            found.add(p)
            continue
        found.update(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES)
    return sorted(found)


def sha256_of(path: Path) -> str:
    """The hex sha256 of the file's bytes, read in chunks so a large file is not held in memory."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(HASH_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def make_plan(files: list[Path], known: Mapping[str, KnownDoc], loaded_shas: dict[str, str],
              year: int | None, limits: Limits | None = None) -> Plan:
    """Split ``files`` into new work, unchanged files and duplicates.

    ``known`` maps a path already in the warehouse to its sha256 and status;
    ``loaded_shas`` maps the sha256 of every loaded document to its path. A
    file is unchanged when its bytes and path were loaded before, and a
    duplicate when the same bytes were (or are in this run) loaded from
    another path.
    """
    jobs, unchanged, duplicates = [], [], []
    claimed = dict(loaded_shas)
    for f in files:
        job = Job(str(f), sha256_of(f), SUFFIXES.get(f.suffix.lower(), f.suffix.lower().lstrip(".")), year,
                  limits or Limits())
        before = known.get(job.path)
        owner = claimed.get(job.sha256)
        same_bytes = before is not None and before.sha256 == job.sha256
        if same_bytes and before.status in CONTENT:
            unchanged.append(job)
        elif owner and owner != job.path and same_bytes and before.status == Status.DUPLICATE:
            unchanged.append(job)
        elif owner and owner != job.path:
            duplicates.append((job, owner))
        else:
            claimed.setdefault(job.sha256, job.path)
            jobs.append(job)
    return Plan(tuple(jobs), tuple(unchanged), tuple(duplicates))


def disappeared(paths: list[str], files: list[Path], known: Mapping[str, KnownDoc]) -> list[str]:
    """The paths the warehouse knows under the folders in ``paths`` that are no longer there (``--prune``).

    Only folders count: a path outside every folder given is another
    collection's, and is never pruned by this run.
    """
    roots = [str(Path(p).expanduser().absolute()) for p in paths if Path(p).is_dir()]
    found = {str(f) for f in files}
    return sorted(path for path in known if path not in found and any(
        path.startswith(root.rstrip("/\\") + sep) for root in roots for sep in ("/", "\\")))
