"""The mutants of ../shared/samples/broken (kept in tests/data/broken): each once broke a run, crashed the printing
or loaded less, or other, than its file holds. Each reads to its exact tables or fails as damaged, in words."""

from __future__ import annotations

from pathlib import Path

import pytest

import extract
from bad_files import RAW_DUMP as RAW
from perfgoals.errors import CorruptFileError

DATA = Path(__file__).parents[1] / "data" / "broken"
SAMPLES = Path(__file__).parents[2] / "samples"

DAMAGED = {
    # file → (where, words of the message)
    "wuqing_court_2023__flip100_0.pdf": (None, ("其结构无法解析", "its structure cannot be parsed")),
    "wuqing_court_2023__flip1_0.pdf": ("第 2 页 page 2", ("the compressed data holding the page's text is damaged",)),
    "jizhou_court_2023__flip10_0.pdf": ("第 1 页 page 1", ("the compressed data holding the page's text is damaged",)),
    "a_markup.docx": (None, ("缺少其中的部件 word/[/x].xml", "its part word/[/x].xml is missing")),
    "baodi_court_2023__dup_member.docx": (None, ("word/document.xml 出现了两次", "holds its part word/document.xml twice")),
    "baodi_court_2023__flip10_1.docx": (None, ("The Word file is damaged", "the compressed data", "is damaged")),
}


@pytest.mark.parametrize("name", sorted(DAMAGED))
def test_a_damaged_file_fails_as_damaged_in_plain_words(name: str) -> None:
    where, words = DAMAGED[name]
    with pytest.raises(CorruptFileError) as info:
        extract.read_document(DATA / name)
    message = str(info.value)
    assert info.value.where == where and message.startswith(name)
    for word in words:
        assert word in message, message
    assert not RAW.search(message), message


def test_a_unit_named_with_markup_reads_verbatim() -> None:
    doc = extract.read_document(DATA / "unit_name_markup.docx")
    texts = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    assert "216104天津市[/x]法院" in texts and "[red]邮寄[/red]费" in texts
    assert len(doc.tables) == len(extract.read_document(SAMPLES / "baodi_court_2023.docx").tables)


@pytest.mark.parametrize("name", ["wuqing_court_2023.pdf", "jizhou_court_2023.pdf"])
def test_the_originals_still_read_whole(name: str) -> None:
    doc = extract.read_document(SAMPLES / name)
    assert len(doc.tables) == {"wuqing_court_2023.pdf": 6, "jizhou_court_2023.pdf": 8}[name]
