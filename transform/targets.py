"""指标值 as written → operator, number(s) and unit (the grammar of domain.md, "Target values").

A target reads ``[operator] number [multiplier] [unit] [operator suffix]``
(``≥18000件``, ``不少于3万人次``, ``90%以上``, ``控制在398万元以内``), a range
(``90%-95%``, ``8至10天``), or words (``显著提升``), which are qualitative.
Text that starts with a number but goes on with words that are not a unit
(``100有限促进``) is never read as a number: it is qualitative and flagged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from transform.clean import clean_text

GE, LE, GT, LT, EQ = ">=", "<=", ">", "<", "="

FLAG_EMPTY = "empty"
FLAG_GLUED = "number_glued_to_words"
FLAG_OP_WITHOUT_NUMBER = "operator_without_number"
FLAG_CONFLICTING_OPS = "conflicting_operators"
FLAG_RANGE_REVERSED = "range_reversed"
FLAG_RANGE_UNITS_DIFFER = "range_units_differ"

# Full-width ASCII (digits, ％, ．, ／, ＞ …) → ASCII, except （） which are the
# usual spelling in 台（套）; half-width () become （） so units compare equal.
_FULL_WIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F) if chr(c) not in "（）"}
NORMALIZE = str.maketrans(
    _FULL_WIDTH
    | str.maketrans("()〜﹪—–≧⩾≮≦⩽≯", "（）~%--≥≥≥≤≤≤")  # ≮ "not less than" is ≥
)
OPERATOR_SPELLINGS = ((">=", "≥"), ("=>", "≥"), ("≥=", "≥"), ("<=", "≤"), ("=<", "≤"), ("≤=", "≤"))
TRAILING_PUNCTUATION = "。；;，,、."

# Operators before the number, longest first so 大于等于 wins over 大于.
PREFIX_OPS: dict[str, str] = dict(sorted({
    "≥": GE, "大于等于": GE, "大于或等于": GE, "不低于": GE, "不少于": GE, "不小于": GE,
    "至少": GE, "最少": GE, "达到": GE,
    "≤": LE, "小于等于": LE, "小于或等于": LE, "不高于": LE, "不超过": LE, "不多于": LE,
    "不大于": LE, "至多": LE, "最多": LE, "控制在": LE,
    ">": GT, "大于": GT, "高于": GT, "超过": GT, "多于": GT,
    "<": LT, "小于": LT, "低于": LT, "少于": LT,
    "=": EQ, "等于": EQ, "约": EQ,
}.items(), key=lambda kv: -len(kv[0])))
SYMBOL_OPS = frozenset({"≥", "≤", ">", "<", "="})
SUFFIX_OPS: dict[str, str] = dict(sorted({
    "及以上": GE, "以上": GE, "及以下": LE, "以下": LE, "以内": LE, "之内": LE, "内": LE, "左右": EQ,
}.items(), key=lambda kv: -len(kv[0])))

# Units a target may carry; a rate joins them with / or · (元/件, 元/人·年).
UNITS = frozenset("""
件 人 人次 次 个 辆 台 套 台（套） 台/套 户 家 项 场 份 册 篇 本 部 批 期 条 处 所 座 间 张 块 株 棵 头
只 名 位 支 门 班 组 队 起 宗 例 床 架 艘 栋 幢 盏 根 卷 页 字 节 堂 轮 届 类 种 样 帧 片 盒 袋 箱 包
课时 学时 批次 户次 家次 件次 场次 车次 架次 辆次 人日 人天 人月 篇次 期次 项次 班次 个数
亩 公顷 平方米 平方公里 立方米 米 延米 公里 千米 厘米 吨 千克 公斤 克 斤 升 千瓦 千瓦时 度 兆瓦 万千瓦
℃ 小时 分钟 秒 年 个月 月 周 天 日 工作日 个工作日 季度 个季度 学期
元 万元 亿元 千元 百万元 % ‰ 个百分点 百分点 分 倍 岁 级 星 层 GB TB MB M Mbps km m kg t
㎡ m² m2 ㎥ m³ m3 kW kWh MW
""".split())
UNIT_JOINERS = re.compile(r"[/·]")
MULTIPLIERS: dict[str, Decimal] = {"万": Decimal(10_000), "亿": Decimal(100_000_000), "千": Decimal(1_000)}
# 万 and 亿 with no unit after them are money (domain.md: in a cost row 398万 means 398 万元).
BARE_MULTIPLIER_UNIT = {"万": "万元", "亿": "亿元"}

UNSIGNED = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
ARABIC = rf"[-+]?{UNSIGNED}"
CHINESE_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CHINESE_SMALL = {"十": 10, "百": 100, "千": 1000}
CHINESE_BIG = {"万": 10_000, "亿": 100_000_000}
CHINESE = "[零〇一二两三四五六七八九十百千万亿]+|半"
NUMBER = re.compile(rf"(?P<arabic>{ARABIC})|(?P<chinese>{CHINESE})")
PER_CENT = re.compile(rf"(?P<unit>百分之|千分之)(?:(?P<arabic>{ARABIC})|(?P<chinese>{CHINESE}))")
PER_CENT_UNITS = {"百分之": "%", "千分之": "‰"}
RANGE = re.compile(rf"(?P<low>{UNSIGNED})(?P<low_rest>[^\d~至到-]*)(?:~+|-+|至|到)(?P<high>{UNSIGNED})(?P<rest>.*)")
# Deadlines (2023年12月, 12月底前, 6月30日前完成) are qualitative targets, not a glued defect.
DEADLINE = re.compile(
    r"(?:\d{4}年度?)?(?:\d{1,2}月)?(?:\d{1,2}[日号])?(?:底|末|初|上旬|中旬|下旬)?(?:前|以前|之前|止)?"
    r"(?:完成|到位|结束|办结|完工|实施)?"
)


@dataclass(frozen=True)
class Target:
    """One parsed 指标值; ``value_max`` is set only for a range (then ``op`` is ``>=``)."""

    raw: str
    op: str | None
    value: float | None
    value_max: float | None
    unit: str | None
    is_quantitative: bool
    flags: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Quantity:
    value: Decimal
    unit: str | None
    scale: Decimal  # what the multiplier contributed, so `1-3万人次` scales the 1 too


def chinese_number(text: str) -> Decimal:
    """The value of a Chinese numeral: ``两`` → 2, ``十二`` → 12, ``三千五百`` → 3500, ``二〇二三`` → 2023."""
    if text == "半":
        return Decimal("0.5")
    if not any(c in CHINESE_SMALL or c in CHINESE_BIG for c in text):
        return Decimal("".join(str(CHINESE_DIGITS[c]) for c in text))
    total = section = digit = 0
    for c in text:
        if c in CHINESE_DIGITS:
            digit = CHINESE_DIGITS[c]
        elif c in CHINESE_SMALL:
            section += (digit or 1) * CHINESE_SMALL[c]  # 十二: a leading 十 means 一十
            digit = 0
        elif c == "万":
            total += (section + digit or 1) * CHINESE_BIG[c]
            section = digit = 0
        else:  # 亿 scales everything before it
            total = (total + section + digit or 1) * CHINESE_BIG[c]
            section = digit = 0
    return Decimal(total + section + digit)


def _is_unit(text: str) -> bool:
    return text in UNITS or (bool(UNIT_JOINERS.search(text)) and all(p in UNITS for p in UNIT_JOINERS.split(text)))


def _split_suffix_op(rest: str) -> tuple[str, str | None]:
    for word, op in SUFFIX_OPS.items():
        if rest.endswith(word):
            return rest.removesuffix(word), op
    return rest, None


def _quantity(number: Decimal, rest: str) -> _Quantity | None:
    """``number`` followed by ``rest`` (multiplier and/or unit); None when ``rest`` is not a unit.

    Units win over multipliers, so ``5千克`` is 5 千克 and ``5万元`` is 5 万元,
    while ``3万人次`` is 30000 人次 and a bare ``398万`` is 398 万元.
    """
    if not rest:
        return _Quantity(number, None, Decimal(1))
    if _is_unit(rest):
        return _Quantity(number, rest, Decimal(1))
    mult, tail = rest[0], rest[1:]
    if mult not in MULTIPLIERS:
        return None
    if not tail and mult in BARE_MULTIPLIER_UNIT:
        return _Quantity(number, BARE_MULTIPLIER_UNIT[mult], Decimal(1))
    if not tail or _is_unit(tail):
        return _Quantity(number * MULTIPLIERS[mult], tail or None, MULTIPLIERS[mult])
    return None


def _number_then_rest(body: str) -> tuple[Decimal, str, bool] | None:
    """The leading number of ``body``, what follows it, and whether it was written in Arabic digits."""
    if m := PER_CENT.match(body):  # 百分之九十五 → 95 %
        arabic = m.group("arabic")
        value = Decimal(arabic.replace(",", "")) if arabic else chinese_number(m.group("chinese"))
        return value, PER_CENT_UNITS[m.group("unit")] + body[m.end():], False
    m = NUMBER.match(body)
    if m is None:
        return None
    if m.group("arabic"):
        return Decimal(m.group("arabic").replace(",", "")), body[m.end():], True
    token = m.group("chinese")
    # A trailing 万/亿 is a multiplier for _quantity to read: 五万 → 5 万元, 三万人次 → 30000 人次.
    if len(token) > 1 and token[-1] in CHINESE_BIG and not any(c in CHINESE_BIG for c in token[:-1]):
        token = token[:-1]
    return chinese_number(token), body[len(token):], False


def _range(body: str) -> tuple[_Quantity, _Quantity] | None:
    m = RANGE.fullmatch(body)
    if m is None:
        return None
    rest, _ = _split_suffix_op(m.group("rest"))
    high = _quantity(Decimal(m.group("high").replace(",", "")), rest)
    low_number = Decimal(m.group("low").replace(",", ""))
    if high is None:
        return None
    low_rest = m.group("low_rest")
    # 1-3万人次 and 1万-3万人次: the 1 takes the high end's multiplier and unit.
    if not low_rest or MULTIPLIERS.get(low_rest) == high.scale:
        return _Quantity(low_number * high.scale, high.unit, high.scale), high
    low = _quantity(low_number, low_rest)
    return (low, high) if low is not None else None


def _normalize(text: str) -> str:
    s = "".join(clean_text(text).translate(NORMALIZE).split())
    for spelling, symbol in OPERATOR_SPELLINGS:
        s = s.replace(spelling, symbol)
    return s.rstrip(TRAILING_PUNCTUATION)


def _qualitative(raw: str, *flags: str) -> Target:
    return Target(raw, None, None, None, None, False, tuple(flags))


def _split_prefix_op(s: str) -> tuple[str | None, str | None, str]:
    """(operator, its spelling, the rest) for the operator ``s`` starts with, if any."""
    for word, op in PREFIX_OPS.items():
        if s.startswith(word):
            return op, word, s[len(word):]
    return None, None, s


def parse_target(text: str | None) -> Target:
    """Parse one 指标值; see the module docstring for the grammar.

    ``≥18000件`` → (>=, 18000, 件); ``398万`` → (=, 398, 万元); ``≥242人/件`` → (>=, 242, 人/件)
    (the unit is kept as written; an inverted rate is judged elsewhere). A range
    ``90%-95%`` is ``op=">="``, ``value=90``, ``value_max=95``: at least the lower end,
    at most the upper. ``100有限促进`` → qualitative with flag ``number_glued_to_words``.
    """
    raw = text or ""
    s = _normalize(raw)
    if not s:
        return _qualitative(raw, FLAG_EMPTY)
    if s.startswith(("定性", "定量")):  # layout B's 指标性质 cell joined in front
        nature, s = s[:2], s[2:]
        if not s:
            return _qualitative(raw, FLAG_EMPTY)
        if nature == "定性":
            return _qualitative(raw)
    op, op_word, body = _split_prefix_op(s)

    if (pair := _range(body)) is not None:
        low, high = pair
        if low.unit != high.unit:
            return _qualitative(raw, FLAG_RANGE_UNITS_DIFFER)
        flags = ((FLAG_RANGE_REVERSED,) if low.value > high.value else ()) + (
            (FLAG_CONFLICTING_OPS,) if op not in (None, GE, EQ) else ()
        )
        lo, hi = sorted((low.value, high.value))
        return Target(raw, GE, float(lo), float(hi), high.unit, True, flags)

    parsed = _number_then_rest(body)
    if parsed is None:
        return _qualitative(raw, FLAG_OP_WITHOUT_NUMBER) if op_word in SYMBOL_OPS else _qualitative(raw)
    number, rest, arabic = parsed
    rest, suffix_op = _split_suffix_op(rest)
    quantity = _quantity(number, rest)
    if quantity is None:
        if not arabic or DEADLINE.fullmatch(body):
            return _qualitative(raw)  # 一流, 十分满意, 2023年12月底前: words, not a defect
        return _qualitative(raw, FLAG_GLUED)
    flags = (FLAG_CONFLICTING_OPS,) if op and suffix_op and op != suffix_op else ()
    return Target(raw, op or suffix_op or EQ, float(quantity.value), None, quantity.unit, True, flags)
