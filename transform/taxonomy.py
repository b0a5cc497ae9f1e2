"""一级/二级指标 labels as written → the canonical taxonomy of domain.md.

Provinces spell the labels differently (效果指标 for 效益指标, 进度指标 for
时效指标) and layout A files 成本指标 under 产出指标. The second-level label
is the more specific one, so when it is recognised it decides both
standard levels; the first-level label only matters when it is not.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from transform.clean import clean_text

SUFFIX = "指标"

# The canonical taxonomy (domain.md): level1_std → its level2_std values.
CANONICAL: dict[str, tuple[str, ...]] = {
    "产出指标": ("数量指标", "质量指标", "时效指标"),
    "成本指标": ("经济成本指标", "社会成本指标", "生态环境成本指标"),
    "效益指标": ("经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"),
    "满意度指标": ("服务对象满意度指标",),
}

# Spellings seen in practice → canonical label, for either level. Keys are
# without spaces; 经济成本 finds 经济成本指标 on its own (the 指标 suffix is
# tried both ways). First-level names used as second-level labels (layout
# A's 产出指标/成本指标, 满意度指标/满意度指标) map to a second-level label,
# which is only looked up among second-level labels, so no clash.
ALIASES: dict[str, str] = {
    # first level
    "效果指标": "效益指标",
    # second level
    "产出数量指标": "数量指标",
    "产出质量指标": "质量指标",
    "进度指标": "时效指标",
    "时间指标": "时效指标",
    "时限指标": "时效指标",
    "时效性指标": "时效指标",
    "产出时效指标": "时效指标",
    "成本指标": "经济成本指标",
    "环境成本指标": "生态环境成本指标",
    "生态成本指标": "生态环境成本指标",
    "环境效益指标": "生态效益指标",
    "生态环境效益指标": "生态效益指标",
    "可持续发展指标": "可持续影响指标",
    "可持续影响力指标": "可持续影响指标",
    "满意度指标": "服务对象满意度指标",
    "社会公众满意度指标": "服务对象满意度指标",
    "社会公众或服务对象满意度指标": "服务对象满意度指标",
}

PARENT: dict[str, str] = {l2: l1 for l1, l2s in CANONICAL.items() for l2 in l2s}


@dataclass(frozen=True)
class Taxon:
    """Standard first and second level; ``mapped`` is False when either is kept as written."""

    level1_std: str
    level2_std: str
    mapped: bool


def _key(label: str) -> str:
    return "".join(clean_text(label).split())


def _lookup(label: str, known: Collection[str]) -> str | None:
    """The label of ``known`` that ``label`` spells, trying it with and without 指标; None if none."""
    key = _key(label)
    if not key:
        return None
    other = key.removesuffix(SUFFIX) if key.endswith(SUFFIX) else key + SUFFIX
    for cand in (key, other):
        if cand in known:
            return cand
        if ALIASES.get(cand) in known:
            return ALIASES[cand]
    return None


def standardize(level1: str, level2: str) -> Taxon:
    """Map an indicator's 一级/二级 labels to the canonical taxonomy.

    ``standardize("产出指标", "成本指标")`` → ``Taxon("成本指标", "经济成本指标", True)``;
    an unknown second-level label is kept as written (cleaned) with ``mapped=False``.
    """
    l2 = _lookup(level2, PARENT)
    if l2 is not None:
        return Taxon(PARENT[l2], l2, True)
    l1 = _lookup(level1, CANONICAL)
    return Taxon(l1 or clean_text(level1), clean_text(level2), False)
