"""一级/二级指标 labels as written → the canonical taxonomy of domain.md.

Provinces spell the labels differently (效果指标 for 效益指标, 进度指标 for
时效指标, 产出类指标, 产出指标(50分)), and older templates file a level two
under another level one (成本指标 under 产出指标). The level-two word is
the more specific one, so when it is recognised it decides both standard
levels, also when it is written as a level one (数量指标 in a two-level
grid). A pair that contradicts itself and is no known re-filing (质量指标
under 效益指标) keeps its written level one and is marked ``mismatch``.
The spellings are data: ``vocabulary.toml``, ``[taxonomy]``.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from functools import cache

from transform.clean import clean_text
from transform.vocab import strip_notes, vocabulary

SUFFIX = "指标"
KIND_INFIX = "类指标"  # 产出类指标, 满意度类指标: the same labels with 类 in them

CANONICAL: Mapping[str, tuple[str, ...]] = vocabulary().canonical
ALIASES: Mapping[str, str] = vocabulary().aliases
PARENT: dict[str, str] = {l2: l1 for l1, l2s in CANONICAL.items() for l2 in l2s}


@dataclass(frozen=True)
class Taxon:
    """Standard first and second level; ``mapped`` is False when either is kept as written.

    ``mismatch`` marks a level two written under a level one it does not belong to (质量指标 under 效益指标).
    """

    level1_std: str
    level2_std: str | None
    mapped: bool
    mismatch: bool = False


def _key(label: str) -> str:
    """A label as looked up: no spaces, no bracketed score (产出指标(50分)), no 类 (产出类指标)."""
    key = strip_notes("".join(clean_text(label).replace("（", "(").replace("）", ")").split()))
    return key.replace(KIND_INFIX, SUFFIX)


def _lookup(label: str | None, known: Collection[str]) -> str | None:
    """The label of ``known`` that ``label`` spells, trying it with and without 指标; None if none."""
    key = _key(label or "")
    if not key:
        return None
    other = key.removesuffix(SUFFIX) if key.endswith(SUFFIX) else key + SUFFIX
    for cand in (key, other):
        if cand in known:
            return cand
        if ALIASES.get(cand) in known:
            return ALIASES[cand]
    return None


@cache
def _refiled(level1: str, level2: str) -> bool:
    return level2 in vocabulary().refiled.get(level1, ())


def is_category(label: str | None) -> bool:
    """True when ``label`` is a first- or second-level category word (产出类指标, 数量指标, 效果指标 …)."""
    return _lookup(label, PARENT) is not None or _lookup(label, CANONICAL) is not None


def standardize(level1: str, level2: str | None) -> Taxon:
    """Map an indicator's 一级/二级 labels to the canonical taxonomy (``level2`` None in a two-level grid).

    ``standardize("产出指标", "成本指标")`` → ``Taxon("成本指标", "经济成本指标", True)``;
    ``standardize("数量指标", None)`` → ``Taxon("产出指标", "数量指标", True)``;
    ``standardize("效益指标", "质量指标")`` → ``Taxon("效益指标", "质量指标", True, mismatch=True)``;
    an unknown second-level label is kept as written (cleaned) with ``mapped=False``.
    """
    l1 = _lookup(level1, CANONICAL)
    l2 = _lookup(level2, PARENT) if level2 is not None else _lookup(level1, PARENT)
    if l2 is not None:
        parent = PARENT[l2]
        if l1 is not None and l1 != parent and not _refiled(l1, l2) and level2 is not None:
            return Taxon(l1, l2, True, mismatch=True)
        return Taxon(parent, l2, True)
    if level2 is None:  # two levels, the first a level one: 产出类指标 | 社会保险补贴发放准确率
        return Taxon(l1 or clean_text(level1), None, l1 is not None)
    return Taxon(l1 or clean_text(level1), clean_text(level2), False)
