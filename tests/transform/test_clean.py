"""clean_text / is_blank: the contract's text rule (trimmed, one line, no spaces between Chinese characters)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from transform.clean import clean_text, is_blank


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("其中：财政    资金", "其中：财政资金"),
        ("地址、邮编准确率\t\n", "地址、邮编准确率"),
        ("  项目名称  ", "项目名称"),
        ("车辆集中停放、\n统一管理", "车辆集中停放、统一管理"),
        ("法院办案\r\n业务费", "法院办案业务费"),
        ("单位： 万元", "单位：万元"),
        ("项目资金 （万元）", "项目资金（万元）"),
        ("“ 干警 ” 满意度", "“干警”满意度"),
        ("\u3000一级指标\u3000", "一级指标"),
        ("服务\u00a0对象", "服务对象"),
        ("满意\u200b度", "满意度"),
        ("≥ 95 %", "≥ 95 %"),
        ("≥  95\t%", "≥ 95 %"),
        ("GB  50016 标准", "GB 50016 标准"),
        ("12368 热线", "12368 热线"),
        ("216101天津市蓟州区人民法院   单位：万元", "216101天津市蓟州区人民法院单位：万元"),
        ("Word 文档", "Word 文档"),
        ("", ""),
        (None, ""),
        (" \t\r\n\u3000\u00a0", ""),
    ],
)
def test_clean_text(raw, clean):
    assert clean_text(raw) == clean


@pytest.mark.parametrize("blank", [None, "", " ", "\t\n", "\u3000", "\u00a0 ", "\u200b"])
def test_is_blank(blank):
    assert is_blank(blank)


@pytest.mark.parametrize("text", ["0", "-", "其他资金", " a "])
def test_is_not_blank(text):
    assert not is_blank(text)


MESSY = st.text(alphabet="财政资金其中：、。（）ab1≥% \t\r\n\u3000\u00a0", max_size=40)
CJK_PAIR = re.compile(r"[\u4e00-\u9fff：、。（）] [\u4e00-\u9fff：、。（）]")


@given(MESSY)
def test_clean_text_meets_the_contract(text):
    out = clean_text(text)
    assert out == out.strip()
    assert not any(c in out for c in "\t\r\n\u3000\u00a0")
    assert "  " not in out
    assert not CJK_PAIR.search(out)
    assert clean_text(out) == out  # idempotent


@given(MESSY)
def test_clean_text_only_removes_spaces(text):
    assert clean_text(text).replace(" ", "") == re.sub(r"\s", "", text)
