"""The words of goal tables (``vocabulary.toml``) and how a cell is matched against them.

Templates differ by province and year in how they word the same label
(``三级指标`` / ``三级`` / ``指标名称``, ``指标值（包含数字及文字描述）``, ``项目资金（元）``),
so a cell is never compared as written: it is folded first (``fold``) and
then scored against each field's words (``match``), and the reader takes
the best-scoring field. A new wording is an entry in the TOML file.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from core.text import brackets_as_parens, squeezed

VOCABULARY_FILE = Path(__file__).with_name("vocabulary.toml")

EXACT = 1.0
NOTE_STRIPPED = 0.95  # the same words once a bracketed note is removed: 指标值（包含数字及文字描述）
CONTAINED = 0.8  # a short cell that contains the words: 年度指标值(万元) for 指标值
RANK_STEP = 0.001  # each later word of a list scores this much less, so the first wording wins a tie
MAX_EXTRA_CHARS = 4  # a cell containing a word counts only when it is at most this many characters longer

# A leading number (1. 2、 （一） (3) 一、) and a leading 其中： are not part of a label.
_LEADING = re.compile(r"^(?:\d+[.、]|\(?[一二三四五六七八九十]+[)、]|\(\d+\))+|^其中:?")
_NOTE = re.compile(r"\([^()]*\)")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """``text`` as labels are compared: ``core.text.squeezed``, brackets as ``()``, no leading number or 其中：.

    What labels alone drop is their numbering (``1.``, ``（一）``) and a leading 其中: a label's meaning does
    not change with them, while a title keeps its number (``core.text.TITLE_NUMBER``).

    ``"其中：财政    资金"`` → ``"财政资金"``; ``"指标\\n性质"`` → ``"指标性质"``;
    ``"1.一般公共预算财政拨款收入"`` → ``"一般公共预算财政拨款收入"``; ``"项目资金（元）"`` → ``"项目资金(元)"``.
    """
    return _LEADING.sub("", brackets_as_parens(squeezed(text))).rstrip(":")


def strip_notes(folded: str) -> str:
    """A folded label without its bracketed notes: ``年度(/项目)指标值`` → ``年度指标值``, ``产出指标(50分)`` → ``产出指标``."""
    previous = None
    while previous != folded:
        previous, folded = folded, _NOTE.sub("", folded)
    return folded


@lru_cache(maxsize=65536)  # every row of a grid asks again about the same few labels
def match(folded: str, words: tuple[str, ...]) -> float:
    """How well a folded cell matches a list of (folded) words: 0 for not at all, else the best score.

    ``match("年度(/项目)指标值", ("指标值", "年度指标值"))`` → 0.949 (the second word, note stripped).
    """
    if not folded:
        return 0.0
    bare = strip_notes(folded)
    best = 0.0
    for rank, word in enumerate(words):
        if folded == word:
            score = EXACT
        elif bare == word:
            score = NOTE_STRIPPED
        elif word in bare and len(bare) - len(word) <= MAX_EXTRA_CHARS:
            score = CONTAINED
        else:
            continue
        best = max(best, score - RANK_STEP * rank)
    return best


def best_field(folded: str, fields: Mapping[str, tuple[str, ...]]) -> tuple[str | None, float]:
    """The field whose words match a folded cell best, and the score; (None, 0) when none does."""
    best: tuple[str | None, float] = (None, 0.0)
    for name, words in fields.items():
        score = match(folded, words)
        if score > best[1]:
            best = (name, score)
    return best


@dataclass(frozen=True)
class Vocabulary:
    """``vocabulary.toml`` with every word folded; see that file for what each part holds."""

    grid: Mapping[str, tuple[str, ...]]
    grid_end: tuple[str, ...]
    title: Mapping[str, tuple[str, ...]]
    block: Mapping[str, tuple[str, ...]]
    money: Mapping[str, Mapping[str, tuple[str, ...]]]
    tasks: Mapping[str, tuple[str, ...]]
    canonical: Mapping[str, tuple[str, ...]]
    aliases: Mapping[str, str]
    refiled: Mapping[str, tuple[str, ...]]


def _folded(words: list[str]) -> tuple[str, ...]:
    return tuple(fold(w) for w in words)


def _section(table: Mapping[str, list[str]]) -> dict[str, tuple[str, ...]]:
    return {name: _folded(words) for name, words in table.items()}


@cache
def vocabulary(path: Path = VOCABULARY_FILE) -> Vocabulary:
    """The vocabulary in ``path`` (loaded once per process)."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    taxonomy = data["taxonomy"]
    return Vocabulary(
        grid=_section(data["grid"]),
        grid_end=_folded(data["grid_end"]["words"]),
        title=_section(data["title"]),
        block=_section(data["block"]),
        money={slot: _section(scopes) for slot, scopes in data["money"].items()},
        tasks=_section(data["tasks"]),
        canonical={l1: tuple(l2s) for l1, l2s in taxonomy["canonical"].items()},
        aliases=dict(taxonomy["aliases"]),
        refiled={l1: tuple(l2s) for l1, l2s in taxonomy["refiled"].items()},
    )
