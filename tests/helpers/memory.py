"""Reading targets that misbehave with memory, for the tests of the bounded readers."""

from __future__ import annotations

from pathlib import Path

import extract
from extract.limits import MB, Limits


def exhaust_then(error: Exception):
    """A target that maps memory until the address-space limit refuses it, lets it go (as a reader's frames do
    when they unwind) and raises ``error``: what a C function that returned NULL there looks like."""

    def target(path: Path, limits: Limits) -> extract.RawDocument:
        hog = []
        try:
            while True:
                hog.append(bytearray(MB))
        except MemoryError:
            hog.clear()
        raise error

    return target
