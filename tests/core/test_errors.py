"""Every error of the hierarchy survives pickling as it was: a reading child sends its exception whole."""

from __future__ import annotations

import inspect
import pickle

import pytest

from core import errors

CLASSES = [c for _n, c in inspect.getmembers(errors, inspect.isclass)
           if issubclass(c, errors.PerfgoalsError)]


def _make(cls: type[errors.PerfgoalsError]) -> errors.PerfgoalsError:
    if cls is errors.EmptyFileError:
        return cls("/in/空.pdf")
    return cls("第 3 页无法读取。 Page 3 cannot be read.", path="/in/单位.pdf", where="第 3 页")


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_pickled_error_is_the_same_error(cls: type[errors.PerfgoalsError]) -> None:
    exc = _make(cls)
    exc.add_note("read in a child process")
    back = pickle.loads(pickle.dumps(exc))
    assert type(back) is cls
    assert (str(back), back.path, back.where, back.reason, back.transient) == (
        str(exc), exc.path, exc.where, exc.reason, exc.transient)
    assert back.__notes__ == ["read in a child process"]


def test_transient_marks_what_a_retry_may_cure() -> None:
    assert errors.FileChangingError("x").transient and errors.WarehouseBusyError("x").transient
    assert not errors.CorruptFileError("x").transient
