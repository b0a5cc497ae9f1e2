"""Joining wrapped lines: no spaces invented inside Chinese text, one space between Latin fragments."""

from __future__ import annotations

import pytest

from extract.textjoin import is_cjk, join_lines


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["地址、邮编", "准确率"], "地址、邮编准确率"),
        (["预算规模及资", "金用途"], "预算规模及资金用途"),
        (["其中：财政", "资金"], "其中：财政资金"),
        (["≥242人/", "件"], "≥242人/件"),
        (["法院办案业务费-2023", "中央"], "法院办案业务费-2023中央"),
        (["2023", "年度"], "2023年度"),
        (["（一）", "Budget"], "（一）Budget"),
        (["Budget", "total"], "Budget total"),
        (["18000", "件"], "18000件"),
        (["Budget  ", "  total "], "Budget total"),
        (["", "  ", "单位：万元"], "单位：万元"),
        (["项目名称"], "项目名称"),
        ([], ""),
    ],
)
def test_join_lines(lines: list[str], expected: str) -> None:
    assert join_lines(lines) == expected


def test_inner_spaces_of_a_line_are_kept() -> None:
    assert join_lines(["其中：财政    资金"]) == "其中：财政    资金"


@pytest.mark.parametrize("char", ["中", "、", "：", "（", "％", "５", "“", "—", "㎡", "𠀀"])
def test_cjk_characters_and_punctuation(char: str) -> None:
    assert is_cjk(char)


@pytest.mark.parametrize("char", ["a", "5", "%", "≥", "/", "-", " ", "."])
def test_latin_digits_and_ascii_punctuation_are_not_cjk(char: str) -> None:
    assert not is_cjk(char)
