"""Fixtures for the extraction tests: the seed sample files, and small PDFs written byte by byte (``bad_files``)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent.parent
ROOT = TESTS.parent
sys.path.insert(0, str(TESTS))

from bad_files import make_pdf  # noqa: E402
from seed import SeedTable, load_seed  # noqa: E402

SEED_DOCX = ROOT / "samples" / "jizhou_court_2023.docx"
SEED_PDF = ROOT / "samples" / "jizhou_court_2023.pdf"

@pytest.fixture(scope="session")
def pdf_maker():
    """``make_pdf`` as a fixture, so tests need not import this conftest by name."""
    return make_pdf


@pytest.fixture(scope="session")
def seed() -> tuple[SeedTable, ...]:
    return load_seed()


@pytest.fixture(scope="session")
def seed_docx() -> Path:
    if not SEED_DOCX.exists():
        pytest.fail(f"{SEED_DOCX} missing: run tests/make_samples.py")
    return SEED_DOCX


@pytest.fixture(scope="session")
def seed_pdf() -> Path:
    if not SEED_PDF.exists():
        pytest.fail(f"{SEED_PDF} missing: run tests/make_samples.py")
    return SEED_PDF
