"""core.text: the folding steps every stage composes (NFKC, invisible characters, white space, width, brackets)."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.text import (TITLE_NUMBER, ascii_width, brackets_as_parens, drop_invisible, drop_spaces_between_cjk,
                       drop_white_space, nfkc, single_spaced, squeezed)

# Text as goal tables carry it: Chinese, full-width forms, every kind of space, invisible and control characters.
MESSY = st.text(alphabet="财政资金一级指标（）【】[]：、１２.a5 \t\r\n\u3000\u00a0\u2002\u200b\u200e\u00ad\ufeff\x02\ufffe⼈",
                max_size=40)
INVISIBLE_OR_CONTROL = re.compile("[\u00ad\u200b-\u200f\u2060\ufeff\x00-\x1f\x7f\ufffe\uffff]")


@pytest.mark.parametrize(("step", "raw", "out"), [
    (squeezed, "一级指\n标", "一级指标"),
    (squeezed, "绩效目标\u3000表", "绩效目标表"),
    (squeezed, "⼈员经费", "人员经费"),
    (squeezed, "满意\u200b度", "满意度"),
    (squeezed, "项目资金（元）", "项目资金(元)"),
    (squeezed, "３９８％", "398%"),
    (single_spaced, " ≥  95\t%\n", "≥ 95 %"),
    (single_spaced, "服务\u00a0对象", "服务 对象"),
    (single_spaced, "\u3000一级指标\u2003", "一级指标"),
    (single_spaced, "", ""),
    (drop_spaces_between_cjk, "财政 资金", "财政资金"),
    (drop_spaces_between_cjk, "“ 干警 ” 满意度", "“干警”满意度"),
    (drop_spaces_between_cjk, "GB 50016 标准", "GB 50016 标准"),
    (drop_spaces_between_cjk, "12368 热线", "12368 热线"),
    (drop_spaces_between_cjk, "项目资金 （万元）", "项目资金（万元）"),
    (brackets_as_parens, "【项目】资金[元]{注}〔一〕", "(项目)资金(元)(注)(一)"),
])
def test_a_step(step: Callable[[str], str], raw: str, out: str) -> None:
    assert step(raw) == out


def test_controls_are_dropped_only_when_asked() -> None:
    assert squeezed("绩效\x02目标\ufffe表", controls=True) == "绩效目标表"
    assert squeezed("绩效\x02目标") == "绩效\x02目标"
    assert drop_invisible("a\tb\u00adc") == "a\tbc"  # a tab is white space, left for the space steps
    assert drop_invisible("a\tb\u00adc", controls=True) == "abc"


def test_ascii_width_is_narrower_than_nfkc() -> None:
    assert ascii_width("１，２３４．５") == "1,234.5"
    assert ascii_width("￥300") == "¥300"
    assert ascii_width("台（套）≥５", keep="（）") == "台（套）≥5"
    assert ascii_width("①²⼈") == "①²⼈"  # NFKC would make these 1, 2 and 人
    assert nfkc("①²⼈") == "12人"


@pytest.mark.parametrize(("title", "number"), [("1.某某项目", "1."), ("12、 绩效目标表", "12、 "), ("3．项目", "3．"),
                                               ("2023年绩效目标表", None), ("一、项目", None)])
def test_title_number(title: str, number: str | None) -> None:
    m = TITLE_NUMBER.match(title)
    assert (m.group() if m else None) == number


@given(MESSY, st.booleans())
def test_squeezed_leaves_no_space_nor_invisible_and_is_idempotent(text: str, controls: bool) -> None:
    out = squeezed(text, controls=controls)
    assert not re.search(r"\s", out)
    assert not re.search("[\u00ad\u200b-\u200f\u2060\ufeff]", out)
    if controls:
        assert not INVISIBLE_OR_CONTROL.search(out)
    assert squeezed(out, controls=controls) == out


@given(MESSY)
def test_the_steps_only_remove(text: str) -> None:
    """Dropping and spacing never change a visible character: what is left is the input's, in order."""
    visible = drop_white_space(drop_invisible(text))
    assert drop_white_space(single_spaced(drop_invisible(text))) == visible
    assert drop_white_space(drop_spaces_between_cjk(single_spaced(drop_invisible(text)))) == visible


@given(MESSY)
def test_single_spaced_is_one_line(text: str) -> None:
    out = single_spaced(text)
    assert out == out.strip() and "  " not in out and not re.search(r"[^\S ]", out)
    assert single_spaced(out) == out


@given(st.text(max_size=30))
def test_ascii_width_agrees_with_nfkc_on_full_width_ascii(text: str) -> None:
    for ch in ascii_width(text):
        assert not "\uff01" <= ch <= "\uff5e" and ch != "\uffe5"
    full = "".join(ch for ch in text if "\uff01" <= ch <= "\uff5e")
    assert ascii_width(full) == nfkc(full)
