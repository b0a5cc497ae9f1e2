"""Where the repository's sample documents and test data are."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"  # the five real sample documents (.docx, .pdf) and their README
DATA = ROOT / "tests" / "data"
