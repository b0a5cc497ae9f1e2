"""指标值 as written → operator, number(s) and unit (the grammar of domain.md, "Target values").

A target reads ``[operator] number [unit] [operator suffix]`` (``≥18000件``,
``不少于3万人次``, ``90%以上``, ``控制在398万元以内``, ``≥13459.00(平方米)``), a
range (``90%-95%``, ``8至10天``), or words (``显著提升``), which are qualitative.
The unit is kept as written, 万 and 亿 included (``3万人次`` is 3 万人次);
``transform.standard`` converts. ``约`` and ``左右`` keep the number and flag it
approximate; several numbers side by side (``1600人、200人``) are not one target.
Text that starts with a number but goes on with words that are not a unit
(``100有限促进``) is never read as a number: it is qualitative and flagged.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from decimal import Decimal

from core.text import ascii_width, drop_white_space
from transform.clean import clean_text
from transform.money import BARE_MONEY_UNITS, WAN_PER_UNIT

GE, LE, GT, LT, EQ = ">=", "<=", ">", "<", "="

FLAG_EMPTY = "empty"
FLAG_GLUED = "number_glued_to_words"
FLAG_OP_WITHOUT_NUMBER = "operator_without_number"
FLAG_CONFLICTING_OPS = "conflicting_operators"
FLAG_RANGE_REVERSED = "range_reversed"
FLAG_RANGE_UNITS_DIFFER = "range_units_differ"
FLAG_MULTIPLE_VALUES = "multiple_values"
FLAG_APPROXIMATE = "approximate"

# Full-width ASCII (digits, ％, ．, ／, ＞ …) is read as ASCII (core.text.ascii_width), except （） which are the
# usual spelling in 台（套）: KEEP_FULL_WIDTH; half-width () become （） so units compare equal, and the other
# spellings of ~ % - ≥ ≤ become those.
KEEP_FULL_WIDTH = "（）"
SYMBOLS = str.maketrans("()〜﹪—–≧⩾≮≦⩽≯", "（）~%--≥≥≥≤≤≤")  # ≮ "not less than" is ≥
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
    "=": EQ, "等于": EQ,
}.items(), key=lambda kv: -len(kv[0])))
SYMBOL_OPS = frozenset({"≥", "≤", ">", "<", "="})
SUFFIX_OPS: dict[str, str] = dict(sorted({
    "及以上": GE, "以上": GE, "及以下": LE, "以下": LE, "以内": LE, "之内": LE, "内": LE,
}.items(), key=lambda kv: -len(kv[0])))
# 约 and 左右 say "about": the number stands as an = target, flagged; they are no operator of their own,
# so 约300人以上 is >= 300 and 不少于300人左右 is no conflict.
APPROXIMATE_PREFIXES = ("大约", "约为", "约")
APPROXIMATE_SUFFIXES = ("左右",)

# Units a target may carry, money's from transform.money; a rate joins them (UNIT_JOINERS) and 万 or 亿 may
# come first (SCALED_UNIT_PREFIXES).
UNITS = frozenset(WAN_PER_UNIT) | frozenset("""
件 人 人次 次 个 辆 台 套 台（套） 台/套 户 家 项 场 份 册 篇 本 部 批 期 条 处 所 座 间 张 块 株 棵 头
只 名 位 支 门 班 组 队 起 宗 笔 单 例 床 架 艘 栋 幢 盏 根 卷 页 字 节 堂 轮 届 类 种 样 帧 片 盒 袋 箱 包
课时 学时 笔次 批次 户次 家次 件次 场次 车次 架次 辆次 人日 人天 人月 篇次 期次 项次 班次 个数
亩 公顷 平方米 平方公里 立方米 米 延米 公里 千米 厘米 吨 千克 公斤 克 斤 升 千瓦 千瓦时 度 兆瓦 万千瓦
℃ 小时 分钟 秒 年 个月 月 周 天 日 工作日 个工作日 季度 个季度 学期
% ‰ 个百分点 百分点 分 倍 岁 级 星 层 GB TB MB M Mbps km m kg t
㎡ m² m2 ㎥ m³ m3 kW kWh MW
""".split())
# A rate joins units with /, ·, . or 每: 元/件, 元/人·天, 户/人.月, 元每人每月 (元/每人 is one joiner).
UNIT_JOINERS = re.compile(r"/每|[/·.]|每")
# 万 and 亿 in front of a unit make a unit of their own, kept as written (万人次, 亿元);
# 千 in front of one that is not a unit itself (千克, 千元 are) multiplies: 5千人 is 5000 人.
SCALED_UNIT_PREFIXES = ("万", "亿")
MULTIPLIERS: dict[str, Decimal] = {"千": Decimal(1_000)}
ONE = Decimal(1)

# A unit in brackets after the number (≥13459.00(平方米)): a known unit, or a short word taken as
# written (≥100.00(人数)); words in brackets that qualify the number rather than count it are not units.
BRACKETED = re.compile(r"（(?P<inner>[^（）]+)）")
UNIT_WORD = re.compile(r"[\u4e00-\u9fff]{1,4}")
NOT_UNIT_WORDS = frozenset({"含", "不含", "含本数", "暂定", "预计", "预估", "累计", *SUFFIX_OPS, *APPROXIMATE_SUFFIXES})
# The unit hint at the end of an indicator's name: 城镇新增就业人数（人）, 结案率（单位：%）.
NAME_UNIT = re.compile(r"（(?:单位:?)?(?P<unit>[^（）]+)）$")

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
# Between values side by side: 、 ; 和 及 (not 及以上) and a comma that is no thousands separator
# (1,000人,2,000人 splits at the second comma only).
VALUE_SEPARATOR = re.compile(r"[、;]|和|及(?!以)|(?<!\d),|,(?!\d{3}(?!\d))")
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
    scale: Decimal  # what 千 contributed, so `1-3千人` scales the 1 too


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


def _is_one_unit(text: str) -> bool:
    return text in UNITS or (text[:1] in SCALED_UNIT_PREFIXES and text[1:] in UNITS)


def is_unit(text: str) -> bool:
    """True for a unit as a target writes it: ``件``, ``万人次``, or a rate such as ``元/人·天``, ``元每人每月``."""
    return _is_one_unit(text) or (
        bool(UNIT_JOINERS.search(text)) and all(_is_one_unit(p) for p in UNIT_JOINERS.split(text)))


def _strip_suffixes(rest: str) -> tuple[str, str | None, bool]:
    """``rest`` without its trailing 左右 and operator word: (rest, operator, whether 左右 was there)."""
    about = next((w for w in APPROXIMATE_SUFFIXES if rest.endswith(w)), "")
    rest = rest.removesuffix(about)
    for word, op in SUFFIX_OPS.items():
        if rest.endswith(word):
            return rest.removesuffix(word), op, bool(about)
    return rest, None, bool(about)


def _unit_word(inner: str) -> bool:
    """A bracketed word taken as the unit written: 1–4 Chinese characters, no numeral, no qualifier (含)."""
    return bool(UNIT_WORD.fullmatch(inner)) and inner not in NOT_UNIT_WORDS and not any(
        c in CHINESE_DIGITS for c in inner)


def _quantity(number: Decimal, rest: str) -> _Quantity | None:
    """``number`` followed by ``rest`` (its unit); None when ``rest`` is not a unit.

    Units win over multipliers, so ``5千克`` is 5 千克 and ``5千人`` is 5000 人;
    ``3万人次`` is 3 万人次 and a bare ``398万`` is 398 万元. ``(平方米)`` and
    ``(人数)`` in brackets are units: ``≥13459.00(平方米)`` is 13459 平方米.
    """
    if not rest:
        return _Quantity(number, None, ONE)
    if is_unit(rest):
        return _Quantity(number, rest, ONE)
    if rest in BARE_MONEY_UNITS:  # 398万 is 398 万元
        return _Quantity(number, BARE_MONEY_UNITS[rest], ONE)
    mult, tail = rest[0], rest[1:]
    if mult in MULTIPLIERS and (not tail or is_unit(tail)):
        return _Quantity(number * MULTIPLIERS[mult], tail or None, MULTIPLIERS[mult])
    if m := BRACKETED.fullmatch(rest):
        inner = m.group("inner")
        return _quantity(number, inner) or (_Quantity(number, inner, ONE) if _unit_word(inner) else None)
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
    # A trailing 万/亿 belongs to the unit for _quantity to read: 五万 → 5 万元, 三万人次 → 3 万人次.
    if len(token) > 1 and token[-1] in CHINESE_BIG and not any(c in CHINESE_BIG for c in token[:-1]):
        token = token[:-1]
    return chinese_number(token), body[len(token):], False


def _shares_high_unit(low_rest: str, high: _Quantity) -> bool:
    """True when the low end is written without (all of) the high end's unit: 1-3万人次, 1万-3万人次, 1千-3千人."""
    scaled = low_rest in SCALED_UNIT_PREFIXES and (high.unit or "").startswith(low_rest)
    return not low_rest or scaled or MULTIPLIERS.get(low_rest) == high.scale


def _range(body: str) -> tuple[_Quantity, _Quantity, bool] | None:
    """The two ends of a range and whether it is approximate (8-10天左右); None when ``body`` is no range."""
    m = RANGE.fullmatch(body)
    if m is None:
        return None
    rest, _, approximate = _strip_suffixes(m.group("rest"))
    high = _quantity(Decimal(m.group("high").replace(",", "")), rest)
    low_number = Decimal(m.group("low").replace(",", ""))
    if high is None:
        return None
    if _shares_high_unit(m.group("low_rest"), high):
        return _Quantity(low_number * high.scale, high.unit, high.scale), high, approximate
    low = _quantity(low_number, m.group("low_rest"))
    return (low, high, approximate) if low is not None else None


def _normalize(text: str) -> str:
    """A target as the grammar reads it: cell text with no spaces, ASCII width but （）, one spelling per operator.

    ``"≥ ９５ ％。"`` → ``"≥95%"``; ``"台(套)"`` → ``"台（套）"``; ``">=3"`` → ``"≥3"``.
    """
    s = drop_white_space(ascii_width(clean_text(text), keep=KEEP_FULL_WIDTH).translate(SYMBOLS))
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


def _split_approximate(s: str) -> tuple[bool, str]:
    """Whether ``s`` starts with 约 (or 大约, 约为), and the rest."""
    word = next((w for w in APPROXIMATE_PREFIXES if s.startswith(w)), "")
    return bool(word), s[len(word):]


def _approximate(flags: tuple[str, ...], *approximate: bool) -> tuple[str, ...]:
    return flags + ((FLAG_APPROXIMATE,) if any(approximate) else ())


def _parse(raw: str, s: str) -> Target:
    """The target ``s`` (normalized text, no 定性/定量) reads as; ``raw`` is what the Target keeps."""
    about, s = _split_approximate(s)
    op, op_word, body = _split_prefix_op(s)

    if (ends := _range(body)) is not None:
        low, high, about_after = ends
        if low.unit != high.unit:
            return _qualitative(raw, FLAG_RANGE_UNITS_DIFFER)
        flags = ((FLAG_RANGE_REVERSED,) if low.value > high.value else ()) + (
            (FLAG_CONFLICTING_OPS,) if op not in (None, GE, EQ) else ()
        )
        lo, hi = sorted((low.value, high.value))
        return Target(raw, GE, float(lo), float(hi), high.unit, True, _approximate(flags, about, about_after))

    parsed = _number_then_rest(body)
    if parsed is None:
        return _qualitative(raw, FLAG_OP_WITHOUT_NUMBER) if op_word in SYMBOL_OPS else _qualitative(raw)
    number, rest, arabic = parsed
    rest, suffix_op, about_after = _strip_suffixes(rest)
    quantity = _quantity(number, rest)
    if quantity is None:
        if not arabic or DEADLINE.fullmatch(body):
            return _qualitative(raw)  # 一流, 十分满意, 2023年12月底前: words, not a defect
        return _qualitative(raw, FLAG_GLUED)
    flags = (FLAG_CONFLICTING_OPS,) if op and suffix_op and op != suffix_op else ()
    return Target(raw, op or suffix_op or EQ, float(quantity.value), None, quantity.unit, True,
                  _approximate(flags, about, about_after))


def _several_values(s: str) -> bool:
    """True when ``s`` is two or more quantities side by side: ``1600人、200人``, ``≥100人;≥200人``.

    Every part must be a quantity on its own, so a sentence with numbers in it
    (``慰问人数不少于100人,宣传用品不少于20000份``) is not several values.
    """
    parts = VALUE_SEPARATOR.split(s)
    return len(parts) > 1 and all(_parse(p, p).is_quantitative for p in parts)


def unit_in_name(name: str | None) -> str | None:
    """The unit in an indicator name's trailing brackets, when they hold one: ``城镇新增就业人数（人）`` → ``人``.

    ``城镇新增就业人数（万人）`` → ``万人``; ``扶持创业企业（项目）数`` → None (the
    brackets are not last); ``智慧医院信息化建设（2024-2026年）`` → None (no unit).
    """
    m = NAME_UNIT.search(_normalize(name or ""))
    return m.group("unit") if m and m.start() > 0 and is_unit(m.group("unit")) else None


def parse_target(text: str | None, *, name_unit: str | None = None) -> Target:
    """Parse one 指标值; see the module docstring for the grammar.

    ``≥18000件`` → (>=, 18000, 件); ``398万`` → (=, 398, 万元); ``≥242人/件`` → (>=, 242, 人/件)
    (the unit is kept as written; an inverted rate is judged elsewhere). A range
    ``90%-95%`` is ``op=">="``, ``value=90``, ``value_max=95``: at least the lower end,
    at most the upper. ``100有限促进`` → qualitative with flag ``number_glued_to_words``;
    ``1600人、200人`` → qualitative with flag ``multiple_values``. A number written
    without a unit takes ``name_unit`` (the unit in the indicator's name, see ``unit_in_name``).
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
    target = _parse(raw, s)
    if not target.is_quantitative and _several_values(s):
        return _qualitative(raw, FLAG_MULTIPLE_VALUES)
    if target.is_quantitative and target.unit is None and name_unit:
        return dataclasses.replace(target, unit=name_unit)
    return target
