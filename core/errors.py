"""The one error hierarchy of perfgoals.

Every message is written for the finance officer who sent the file: it
names the file (and page or cell where known), says what is wrong in plain
words, in Chinese and in English, and says what to do about it. ``transient``
marks the failures a retry may cure (a file still being written, a locked
database); everything else fails once, clearly.
"""

from __future__ import annotations

import pickle
import traceback
from pathlib import Path
from typing import Any


class PerfgoalsError(Exception):
    """Root of every error perfgoals raises on purpose."""

    transient: bool = False

    def __init__(self, message: str, *, path: str | Path | None = None, where: str | None = None) -> None:
        self.path = str(path) if path is not None else None
        self.where = where
        self.reason = message
        super().__init__(self._format())

    def __reduce__(self) -> tuple[Any, ...]:
        # Subclasses' __init__ signatures differ (EmptyFileError takes only a path), so unpickling must not call
        # cls(*args): the exception is rebuilt as it was, notes included, in the parent of a reading child.
        return _rebuild, (type(self), self.args, dict(self.__dict__))

    def _format(self) -> str:
        place = Path(self.path).name if self.path else ""
        if self.where:
            place = f"{place}, {self.where}" if place else self.where
        return f"{place}: {self.reason}" if place else self.reason


class UsageError(PerfgoalsError):
    """The command was called with a path or option that cannot work."""


class DocumentError(PerfgoalsError):
    """A document cannot be read as it is; sending it again unchanged will not help."""


class EmptyFileError(DocumentError):
    """The file has no bytes."""

    def __init__(self, path: str | Path) -> None:
        super().__init__(
            "文件为空（0 字节），请重新导出后再提交。 The file is empty (0 bytes); export it again and resubmit.",
            path=path,
        )


class CorruptFileError(DocumentError):
    """The file is truncated or damaged and its structure cannot be read."""


class EncryptedFileError(DocumentError):
    """The file is password-protected."""


class UnsupportedFormatError(DocumentError):
    """The file is not a PDF, Word (.docx) or Excel (.xlsx) document, whatever its name says."""


class TooLargeError(DocumentError):
    """The file exceeds a configured size, page or unpacked-size limit."""


class LayoutError(DocumentError):
    """A goal table is present but its structure cannot be understood."""


class StorageError(PerfgoalsError):
    """The disk refused to write the warehouse (full, read-only, no permission): the run stops, nothing half-written."""


class TransientError(PerfgoalsError):
    """A failure that may pass by itself, such as a file still being written."""

    transient = True


class FileChangingError(TransientError):
    """The file changed while it was read: it is probably still being copied or saved."""


class FileLockedError(TransientError):
    """The file cannot be opened now: another program holds it, or its permissions are being set."""


class WarehouseBusyError(TransientError):
    """Another perfgoals process holds the warehouse file for writing."""


def _rebuild(cls: type[PerfgoalsError], args: tuple[Any, ...], state: dict[str, Any]) -> PerfgoalsError:
    """``cls`` as pickled by ``PerfgoalsError.__reduce__``: its args and attributes, without calling __init__."""
    exc = cls.__new__(cls, *args)
    exc.args = args
    exc.__dict__.update(state)
    return exc


def sendable(exc: BaseException, where: str) -> BaseException:
    """``exc`` ready to cross to another process: its traceback as a note saying ``where`` it was raised (the
    receiving side's own traceback ends at its re-raise), or a RuntimeError naming it when it does not pickle."""
    trace = "".join(traceback.format_exception(exc)).rstrip()
    try:
        pickle.dumps(exc)
    except Exception:
        exc = RuntimeError(f"{type(exc).__name__}: {exc}")
    exc.add_note(f"{where}:\n{trace}")
    return exc
