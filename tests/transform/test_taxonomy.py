"""standardize: 一级/二级指标 labels → the canonical taxonomy of domain.md."""

from __future__ import annotations

import pytest

from transform.taxonomy import CANONICAL, Taxon, standardize


@pytest.mark.parametrize(("level1", "level2"), [(l1, l2) for l1, l2s in CANONICAL.items() for l2 in l2s])
def test_canonical_labels_map_to_themselves(level1, level2):
    assert standardize(level1, level2) == Taxon(level1, level2, True)


@pytest.mark.parametrize(
    ("level1", "level2", "std1", "std2"),
    [
        # layout A files 成本指标 under 产出指标
        ("产出指标", "成本指标", "成本指标", "经济成本指标"),
        ("成本指标", "成本指标", "成本指标", "经济成本指标"),
        ("产出指标", "成本", "成本指标", "经济成本指标"),
        ("成本指标", "经济成本", "成本指标", "经济成本指标"),
        ("成本", "社会成本", "成本指标", "社会成本指标"),
        ("成本指标", "环境成本指标", "成本指标", "生态环境成本指标"),
        ("成本指标", "生态成本指标", "成本指标", "生态环境成本指标"),
        # provincial spellings
        ("效果指标", "社会效益指标", "效益指标", "社会效益指标"),
        ("效果指标", "环境效益指标", "效益指标", "生态效益指标"),
        ("效益指标", "环境效益", "效益指标", "生态效益指标"),
        ("效益指标", "生态环境效益指标", "效益指标", "生态效益指标"),
        ("效益指标", "可持续发展指标", "效益指标", "可持续影响指标"),
        ("效益", "经济效益", "效益指标", "经济效益指标"),
        ("产出指标", "进度指标", "产出指标", "时效指标"),
        ("产出指标", "时间指标", "产出指标", "时效指标"),
        ("产出指标", "时限指标", "产出指标", "时效指标"),
        ("产出", "数量", "产出指标", "数量指标"),
        ("产出", "质量", "产出指标", "质量指标"),
        ("满意度指标", "社会公众或服务对象满意度指标", "满意度指标", "服务对象满意度指标"),
        ("满意度指标", "社会公众满意度指标", "满意度指标", "服务对象满意度指标"),
        ("满意度", "满意度", "满意度指标", "服务对象满意度指标"),
        ("满意度指标", "满意度指标", "满意度指标", "服务对象满意度指标"),
        ("满意度指标", "服务对象满意度", "满意度指标", "服务对象满意度指标"),
        # unclean input
        ("产出 指标", "数量\t指标\n", "产出指标", "数量指标"),
        (" 效益指标 ", "社会  效益指标", "效益指标", "社会效益指标"),
        ("\u3000满意度指标", "服务对象\u3000满意度指标", "满意度指标", "服务对象满意度指标"),
        # the second level decides the first (merged 一级 cell not filled)
        ("", "数量指标", "产出指标", "数量指标"),
        ("", "服务对象满意度指标", "满意度指标", "服务对象满意度指标"),
    ],
)
def test_variants(level1, level2, std1, std2):
    assert standardize(level1, level2) == Taxon(std1, std2, True)


@pytest.mark.parametrize(
    ("level1", "level2", "std1", "std2"),
    [
        ("产出指标", "其他指标", "产出指标", "其他指标"),
        ("效果指标", "政治效益指标", "效益指标", "政治效益指标"),
        ("其他", "其他", "其他", "其他"),
        ("产出 指标", "未 知\t", "产出指标", "未知"),
        ("效益指标", "", "效益指标", ""),
        ("", "", "", ""),
    ],
)
def test_unmapped_labels_are_kept_as_written(level1, level2, std1, std2):
    assert standardize(level1, level2) == Taxon(std1, std2, False)
