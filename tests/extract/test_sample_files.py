"""Every committed sample document reads back as the literals it was generated from (``sample_units``)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sample_units import SAMPLE_FORMATS, sample_documents  # tests/ is on sys.path (see conftest.py)

import extract
from extract.records import RawText

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
CASES = [(stem, fmt) for stem, formats in sorted(SAMPLE_FORMATS.items()) for fmt in formats]


def norm(text: str) -> str:
    """Remove all whitespace, the comparison used for Chinese cells."""
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize(("stem", "fmt"), CASES)
def test_sample_reads_back(stem: str, fmt: str) -> None:
    goals = sample_documents()[stem]
    doc = extract.read_document(SAMPLES / f"{stem}.{fmt}")
    got = [tuple(map(norm, r.texts)) for t in doc.tables for r in t.rows]
    want = []
    for goal in goals:
        # In the PDF the borderless unit row is not part of the ruled table: it comes as a text line.
        header = goal.header_rows if fmt == "docx" else goal.header_rows[1:]
        want += [tuple(map(norm, r)) for r in (*header, *goal.indicator_rows)]
    assert got == want
    texts = [norm(b.text) for b in doc.blocks if isinstance(b, RawText)]
    for goal in goals:
        assert norm(goal.title) in texts
        if fmt == "pdf":
            assert norm("".join(goal.header_rows[0])) in texts
