"""What reading one file may map, and whether a failure was the memory limit: the reader's own accounting.

A reader process (``flows.readers``) lowers its address-space limit
(``RLIMIT_AS``) before each file to what it has mapped then plus the
file's budget, so the budget is what reading may take *on top of* the
process: a forked reader inherits the parent's address space (about
0.5 GB of mostly reserved, untouched mappings once polars and DuckDB are
imported, more under Prefect), and a bare limit of 2048 MB would leave a
Prefect worker far less than that for the file.

Running out of memory shows as a MemoryError, mostly, somewhere in the
chain of exceptions a reader raised (pdfplumber wraps it), or as an
OSError with ENOMEM; but a C function (in CPython or an extension such as
pypdfium2) whose allocation fails may return NULL with no exception set,
a SystemError (seen: pdfplumber parsing a page a few MB short of the
limit, "error return without exception set"). That is taken for the limit
only when it names memory or when the address space had grown to its
limit (``Budget.reached``); any other SystemError is a bug, reported as one.
"""

from __future__ import annotations

import errno
from dataclasses import dataclass

from extract.limits import MB

# A SystemError with the address space grown to within this of its limit is a failed allocation: under the limit,
# reads that died that way had mapped their whole budget (VmPeak equal to the limit, measured on real PDFs).
LIMIT_HEADROOM_MB = 64
MEMORY_WORDS = ("memory", "alloc")  # in a SystemError's message: "out of memory", "cannot allocate"
MAP_FAILED = "failed to map"  # ctypes' OSError when dlopen finds no room for a library (errno not set)


def status_bytes(field: str = "VmSize") -> int | None:
    """A size from /proc/self/status (VmSize: mapped now; VmPeak: the most ever mapped), or None where /proc does
    not say (macOS, where RLIMIT_AS is not enforced anyway: there only the timeout bounds a read)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(f"{field}:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


@dataclass(frozen=True)
class Budget:
    """The address-space limit a reader set itself for one file, and its peak mapping (VmPeak) then: the peak of
    earlier files, or of the parent before the fork, says nothing about what this file took."""

    limit: int
    peak_at_start: int | None

    def blind(self) -> bool:
        """True when the peak so far already lies within LIMIT_HEADROOM_MB of the limit, so that ``reached``
        could not see this file reach it: the reader should be replaced by a fresh one before it reads."""
        return self.peak_at_start is not None and self.peak_at_start >= self.limit - LIMIT_HEADROOM_MB * MB

    def reached(self) -> bool:
        """True when the mapping has grown, since the limit was set, to within LIMIT_HEADROOM_MB of it (or when
        there is no room left even to read how far it grew)."""
        try:
            peak = status_bytes("VmPeak")
        except MemoryError:
            return True
        if peak is None or self.peak_at_start is None or peak <= self.peak_at_start:
            return False
        return peak >= self.limit - LIMIT_HEADROOM_MB * MB


def limit_memory(max_memory_mb: float) -> Budget:
    """Let this process map at most ``max_memory_mb`` more than it has mapped now (raising a lower limit that an
    earlier file set: the hard limit is never lowered)."""
    import resource

    soft = int((status_bytes("VmSize") or 0) + max_memory_mb * MB)
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        soft = min(soft, hard)
    resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
    return Budget(soft, status_bytes("VmPeak"))


def _failed_allocation(exc: BaseException, at_limit: bool) -> bool:
    """True when ``exc`` itself shows a failed allocation: a MemoryError, an OSError with ENOMEM, or, when it names
    memory or was raised with the address space at its limit (``at_limit``), a SystemError (a C function that
    returned NULL) or a shared library that could not be mapped."""
    if isinstance(exc, MemoryError):
        return True
    if isinstance(exc, OSError):  # or a library that could not be mapped (dlopen: "failed to map segment")
        return exc.errno == errno.ENOMEM or (at_limit and exc.errno is None and MAP_FAILED in str(exc))
    if isinstance(exc, SystemError):
        return at_limit or any(word in str(exc).lower() for word in MEMORY_WORDS)
    return False


def out_of_memory_inside(exc: BaseException, at_limit: bool = False) -> bool:
    """True when ``exc``, or an exception it was raised from (a reader may wrap it: pdfplumber does), is a failed
    allocation (``_failed_allocation``)."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if _failed_allocation(current, at_limit):
            return True
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return False
