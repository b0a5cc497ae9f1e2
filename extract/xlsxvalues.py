"""A cell's value as a person reads it in Excel: the text the cell shows, from its value and number format;
and the value itself, from the cell's XML, as openpyxl reads it.

Numbers by their number format (``398.00`` for ``0.00``, ``95%`` for
``0%``, ``18,000`` for ``#,##0``), in General format as the shortest
decimal without float noise (``18000``, ``17.5``, ``398`` for
``398.0000000001``); text exactly as stored (``56.80`` stays ``56.80``);
dates in ISO form.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from openpyxl.utils.datetime import from_excel, from_ISO8601
from openpyxl.worksheet._reader import _cast_number

GENERAL_SIGNIFICANT_DIGITS = 10
"""A General-format number keeps at most this many significant digits (``398.0000000001`` → ``398``) ..."""
GENERAL_MIN_DECIMALS = 2
"""... but never fewer decimals than this, so that ``123456789.12`` keeps its cents."""


@dataclass(frozen=True)
class _NumberFormat:
    """The parts of an Excel number format that decide how a number reads."""

    prefix: str
    suffix: str
    min_int_digits: int
    min_decimals: int
    max_decimals: int
    grouping: bool
    percent: bool


def _first_section(fmt: str) -> str:
    """The format for positive numbers: the text before the first ``;`` outside quotes."""
    quoted = False
    for i, ch in enumerate(fmt):
        if ch == '"':
            quoted = not quoted
        elif ch == ";" and not quoted:
            return fmt[:i]
    return fmt


@lru_cache(maxsize=1024)  # a workbook uses a handful of formats over thousands of cells
def _parse_format(fmt: str) -> _NumberFormat | None:
    """``fmt`` as a fixed-decimal (or percent) number format; None for General, text (@), scientific, fractions
    and anything else that is better read as the plain number."""
    section = _first_section(fmt)
    prefix: list[str] = []
    suffix: list[str] = []
    number = ""
    percent = False
    i, ok = 0, True
    while i < len(section) and ok:
        ch = section[i]
        literal = None
        if ch == '"':
            end = section.find('"', i + 1)
            end = len(section) if end < 0 else end
            literal, i = section[i + 1 : end], end + 1
        elif ch == "\\":
            literal, i = section[i + 1 : i + 2], i + 2
        elif ch in "_*":  # padding to the width of the next character, or filling with it
            i += 2
            continue
        elif ch == "[":
            end = section.find("]", i)
            end = len(section) if end < 0 else end
            inner = section[i + 1 : end]
            literal = inner[1:].split("-")[0] if inner.startswith("$") else ""  # [$¥-804] → ¥; [Red], [DBNum1] → nothing
            i = end + 1
        elif ch in "0#?.,":
            if suffix:
                ok = False  # digits after text (000-0000): not a plain number format
            number += ch
            i += 1
            continue
        elif ch == "%":
            percent, literal, i = True, "%", i + 1
        elif ch in "Ee/@" or section[i:].lower().startswith("general"):
            ok = False
        else:
            literal, i = ch, i + 1
        if literal:
            (suffix if number else prefix).append(literal)
    parsed = None
    if ok and any(c in "0#?" for c in number):
        whole, _, decimals = number.partition(".")
        parsed = _NumberFormat(
            prefix="".join(prefix),
            suffix="".join(suffix),
            min_int_digits=whole.count("0"),
            min_decimals=decimals.count("0"),
            max_decimals=sum(decimals.count(c) for c in "0#?"),
            grouping="," in whole.strip(","),
            percent=percent,
        )
    return parsed


def _plain(d: Decimal) -> str:
    """A Decimal as positional digits, trailing zeros dropped: 1.8E+4 → 18000, 17.50 → 17.5, -0 → 0."""
    if d == 0:
        return "0"
    text = format(d, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _general(value: int | float) -> str:
    """A number in General format: integers exactly, floats to GENERAL_SIGNIFICANT_DIGITS without float noise."""
    if isinstance(value, int):
        return str(value)
    d = Decimal(repr(value))  # the shortest decimal that is this float: 0.1 + 0.2 → 0.30000000000000004
    if not d.is_finite():
        return repr(value)
    decimals = max(GENERAL_MIN_DECIMALS, GENERAL_SIGNIFICANT_DIGITS - 1 - d.adjusted())
    return _plain(d.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP))


def _formatted(value: int | float, fmt: _NumberFormat) -> str:
    """A number through a fixed-decimal format: rounded half up as Excel does, grouped, padded, with its literals."""
    d = Decimal(value) if isinstance(value, int) else Decimal(repr(value))
    if not d.is_finite():
        return repr(value)
    if fmt.percent:
        d *= 100
    d = d.quantize(Decimal(1).scaleb(-fmt.max_decimals), rounding=ROUND_HALF_UP)
    sign = "-" if d < 0 else ""
    whole, _, frac = format(abs(d), "f").partition(".")
    frac = frac.rstrip("0").ljust(fmt.min_decimals, "0")
    whole = whole.lstrip("0").rjust(fmt.min_int_digits, "0")
    if fmt.grouping and whole:
        whole = f"{int(whole):,}"
    if not whole and not frac:  # Excel shows 0 in format "#" as nothing; a stored number is never left blank here
        whole, sign = "0", ""
    return f"{fmt.prefix}{sign}{whole}{'.' + frac if frac else ''}{fmt.suffix}"


_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")


def _unescape(text: str) -> str:
    """Text as Excel means it: the OOXML escape ``_xHHHH_`` (``_x000D_`` for a carriage return that Excel writes
    before a line break, ``_x005F_`` for a literal underscore) replaced by its character; openpyxl leaves them."""
    return _ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text) if "_x" in text else text


ERROR_FOR_BAD_DATE = "#VALUE!"
"""What openpyxl makes of a number formatted as a date but outside the dates Python can hold."""


def cell_value(kind: str, raw: str | None, strings: list[str], date: bool, duration: bool,
               epoch: dt.datetime) -> object:
    """A cell's value from its type ``kind`` (its ``t``) and ``raw`` (its ``<v>``, or its inline string's text),
    as openpyxl's ``WorkSheetParser.parse_cell`` gives it with ``data_only`` (a formula by its cached value).

    A number whose style shows a date (``date``) or a duration (``duration``) becomes a datetime, time or
    timedelta counted from ``epoch``; ``s`` looks the shared string up in ``strings``; ``b`` is a bool, ``d``
    an ISO date; error values (``#DIV/0!``) and formula strings stay text. A malformed value raises as it does
    in openpyxl (ValueError, IndexError).
    """
    if raw is None or kind == "inlineStr":
        return raw
    if kind == "n":
        number = _cast_number(raw)
        if not date:
            return number
        try:
            return from_excel(number, epoch, timedelta=duration)
        except (OverflowError, ValueError):
            return ERROR_FOR_BAD_DATE
    if kind == "s":
        return strings[int(raw)]
    if kind == "b":
        return bool(int(raw))
    if kind == "d":
        return from_ISO8601(raw)
    return raw


def render_value(value: object, number_format: str = "General") -> str:
    """A cell's value as a person reads it in Excel; ``number_format`` is the cell's format code.

    Text is returned as stored (``_x000D_`` escapes decoded); None as ""; TRUE/FALSE for booleans; dates and times in ISO form (a date with no
    time of day as ``2024-03-01``). A number follows its format when that is a plain fixed-decimal or percent
    format (``0.00`` → ``398.00``, ``0`` → ``398``, ``#,##0.00`` → ``18,000.00``, ``0%`` → ``95%``, literals such
    as ``0"人"`` kept); otherwise (General, text, scientific, fraction formats) it is written in full without
    float noise: ``18000``, ``17.5``, ``398`` for 398.0000000001. Negative numbers keep their minus sign whatever
    the format's negative section says.
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return _unescape(value)
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        fmt = _parse_format(number_format or "General")
        return _general(value) if fmt is None else _formatted(value, fmt)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)
