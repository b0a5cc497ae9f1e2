"""The identity of an indicator across units: its cleaned name, ``indicator_key``.

Two tables that write ``审限内结案率（%）`` and ``审限内结案率`` name the same
indicator; so do ``干警满意度 `` and ``干警满意度``. The key drops what does
not change the meaning: width variants, spaces, quotes, a trailing unit
hint in brackets, trailing punctuation. Grouping keys that differ in
wording (干警满意度 / 干警满意率) is ``transform.families``' job.
"""

from __future__ import annotations

import re

from core.text import squeezed
from transform.clean import clean_text
from transform.targets import is_unit

QUOTES = re.compile(r"[\"'“”‘’「」『』《》〈〉]")
UNIT_HINT = re.compile(r"[（(]\s*(?:单位[:：]?)?\s*(?P<unit>[^（）()]{1,8})\s*[）)]$")
TRAILING = "。；;，,、.:："
SENTENCE = re.compile(r"[，,；;。]")  # a description with these explains; it is not a name
MAX_NAME_CHARS = 30
ADDED_CHARS = 4  # a description that adds this much to the 三级 name (同城 邮寄费, 统一调 度) completes it  # a description longer than this explains the indicator rather than names it


def clean_name(text: str | None) -> str:
    """An indicator name cleaned to compare: ``"审限内结案率（%）"`` → ``"审限内结案率"``.

    ``"“一站式”服务办理率"`` → ``"一站式服务办理率"``; ``"人均 结案数(件/人)"`` →
    ``"人均结案数"``; ``"台（套）数"`` → ``"台(套)数"`` (brackets inside the name
    stay, in their NFKC form).
    """
    text = QUOTES.sub("", squeezed(clean_text(text))).rstrip(TRAILING)
    m = UNIT_HINT.search(text)
    if m and m.start() > 0 and _is_unit_hint(m.group("unit")):
        text = text[: m.start()].rstrip(TRAILING)
    return text.lower()


def indicator_key(level3: str | None, description: str | None = None, *, shared: bool = False) -> str:
    """The key of an indicator row: its three-level name, or the description where that is the real name.

    Layout A often writes one general 三级指标 over several rows and the
    specific indicator in 绩效指标描述: 三级 ``邮寄费``, 描述 ``同城邮寄费`` and
    ``异地邮寄费``. So the description is the key when it names the
    indicator (no longer than ``MAX_NAME_CHARS``, not a sentence) and either
    the 三级 name is ``shared`` by several rows of the table, or the
    description is the 三级 name with at most ``ADDED_CHARS`` characters
    added in front or behind (``同城邮寄费``; a cut-off ``…统一调`` completed
    to ``…统一调度``). Otherwise (an explanation such as
    ``本年度软硬件采购及实施服务费用`` for ``年度建设成本``) the 三级 name is.
    """
    name, fuller = clean_name(level3), clean_name(description)
    is_name = 0 < len(fuller) <= MAX_NAME_CHARS and not SENTENCE.search(fuller)
    completes = name and (fuller.startswith(name) or fuller.endswith(name)) and len(fuller) - len(name) <= ADDED_CHARS
    if is_name and (shared or completes):
        return fuller
    return name or fuller


def _is_unit_hint(text: str) -> bool:
    return is_unit(text) or (text[:1] in "万亿" and is_unit(text[1:])) or text in ("％", "百分比")
