"""The folds of transform/ and extract/ are compositions of core.text's steps: one idea of width and space."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.text import squeezed
from extract.triage import has_marker, normalize
from transform.clean import clean_text
from transform.keys import clean_name
from transform.units import _norm
from transform.vocab import fold

WORDS = st.text(alphabet="审限内结案率（）【】：１2a \t\n\u3000\u00a0\u200b\u200e\u00ad⼈", max_size=30)


@pytest.mark.parametrize("invisible", ["\u200b", "\u200e", "\u200f", "\u00ad", "\ufeff", "\u2060"])
def test_every_fold_drops_the_same_invisible_characters(invisible: str) -> None:
    text = f"审限内{invisible}结案率"
    assert clean_text(text) == "审限内结案率"
    assert clean_name(text) == fold(text) == _norm(text) == normalize(text) == "审限内结案率"


@given(WORDS)
def test_label_and_name_folds_ignore_width_and_spacing(text: str) -> None:
    assert fold(squeezed(text)) == fold(text)
    assert clean_name(squeezed(text)) == clean_name(text)
    assert _norm(text) == squeezed(text)


def test_the_triage_reads_a_title_through_control_characters() -> None:
    assert normalize("绩效\x02目标\ufffe表 ") == "绩效目标表"
    assert has_marker("1.某某项目绩效\x02目标表")
