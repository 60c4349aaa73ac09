"""Field types that hold only what a record can mean: real calendar dates, finite and bounded numbers, text
that can be printed. Whatever a YAML file holds, a record built from these never makes a later step fail.

Each refusal is a pydantic error with a Chinese message, so the schema finding that reports it reads as
Chinese even where the finding has no words of its own for that error type.
"""

import calendar
import datetime as dt
import math
import re
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, StringConstraints
from pydantic_core import PydanticCustomError

# Characters a Word document (XML 1.0) cannot hold, and other invisible controls: C0 except tab and newline,
# DEL, C1, lone surrogates, U+FFFE and U+FFFF.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
FIRST_YEAR, LAST_YEAR = 1900, 2199  # dates outside are typos, and would overflow date arithmetic near 9999
# A thousand trillion yuan is no amount, score or rate of a county; nor is a non-zero number below a
# millionth, and dividing by one (a 满分, a weight) could give more digits than decimal arithmetic keeps.
MAX_INTEGER_DIGITS = 15
SMALLEST_PLACE = 6


def _shown(value: Any) -> str:
    if isinstance(value, int) and not isinstance(value, bool) and abs(value).bit_length() > 13_000:
        return f"（约 {int(abs(value).bit_length() * math.log10(2)) + 1} 位的整数）"  # str() refuses past 4,300 digits
    text = str(value)
    return text if len(text) <= 40 else f"{text[:20]}…（共 {len(text)} 个字符）"


def printable(value: str) -> str:
    """The text unchanged, or a refusal naming the first control character and where it is."""
    bad = _UNPRINTABLE.search(value)
    if bad:
        raise PydanticCustomError(
            "control_character",
            "第 {position} 个字符是不可见的控制字符 U+{code}，生成文档时无法保存；删除它",
            {"position": bad.start() + 1, "code": f"{ord(bad.group()):04X}"},
        )
    return value


# YAML 1.1's timestamp form, which is what a person writes as a date (an optional time included).
_DATE_TEXT = re.compile(
    r"(-?\d{1,9})-(\d{1,2})-(\d{1,2})"
    r"(?:(?:[Tt]|[ \t]+)(\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.\d*)?(?:[ \t]*(?:Z|[-+]\d{1,2}(?::?\d{2})?))?)?"
)


def _why_no_such_date(year: int, month: int, day: int, clock: tuple[int, int, int]) -> str | None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        return f"年份应在 {FIRST_YEAR}–{LAST_YEAR} 之间"
    if not 1 <= month <= 12:
        return "月份应在 1–12 之间"
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        return f"{year} 年 {month} 月只有 {days} 天"
    hour, minute, second = clock
    if hour > 23 or minute > 59 or second > 59:
        return "时刻不存在"
    return None


def calendar_date(value: Any) -> Any:
    """A date as written: a real day of the calendar, within the years a record can be about."""
    if isinstance(value, dt.date):
        if not FIRST_YEAR <= value.year <= LAST_YEAR:
            raise PydanticCustomError("date_out_of_range", "日期“{text}”：年份应在 {low}–{high} 之间",
                                      {"text": value.isoformat(), "low": FIRST_YEAR, "high": LAST_YEAR})
        return value
    if not isinstance(value, str):  # numbers would otherwise be read as seconds since 1970
        raise PydanticCustomError("date_type", "应为日期，如 2015-03-10，现为“{input}”", {"input": _shown(value)})
    match = _DATE_TEXT.fullmatch(value.strip())
    if match is None:
        return value  # the date type says it is not a date
    year, month, day, *clock = (int(group) if group else 0 for group in match.groups())
    why = _why_no_such_date(year, month, day, (clock[0], clock[1], clock[2]))
    if why:
        raise PydanticCustomError("date_nonexistent", "日期“{text}”不存在：{why}", {"text": value.strip(), "why": why})
    return value if match.group(4) else dt.date(year, month, day)


def sane_number(value: Any) -> Any:
    """The number unchanged if it is finite, below 10^15 and, unless zero, at least 10^-6 in size."""
    if isinstance(value, bool):
        raise PydanticCustomError("decimal_type", "应为数字，现为“{input}”", {"input": value})
    try:
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return value  # not a number at all: the decimal type says so
    if not number.is_finite():
        raise PydanticCustomError("finite_number", "应为数字，现为“{input}”", {"input": _shown(value)})
    if number and number.adjusted() >= MAX_INTEGER_DIGITS:
        raise PydanticCustomError("number_too_large", "数字过大，现为“{input}”", {"input": _shown(value)})
    if number and number.adjusted() < -SMALLEST_PLACE:
        raise PydanticCustomError("number_too_small", "数字过小（不为 0 时至少 {least}），现为“{input}”",
                                  {"least": f"0.{'0' * (SMALLEST_PLACE - 1)}1", "input": _shown(value)})
    return value


def whole_number(value: Any) -> Any:
    """An integer as written: true/false is not one, nor a run of digits too long to be a count."""
    if isinstance(value, bool):
        raise PydanticCustomError("int_type", "应为整数，现为“{input}”", {"input": value})
    if isinstance(value, float) and not math.isfinite(value):
        raise PydanticCustomError("int_type", "应为整数，现为“{input}”", {"input": value})
    if isinstance(value, str) and len(value.strip()) > MAX_INTEGER_DIGITS + 1:
        raise PydanticCustomError("number_too_large", "数字过大，现为“{input}”", {"input": _shown(value)})
    return value


Printable = Annotated[str, AfterValidator(printable)]
Text = Annotated[str, StringConstraints(strip_whitespace=True), AfterValidator(printable)]
Date = Annotated[dt.date, BeforeValidator(calendar_date)]
Number = Annotated[Decimal, BeforeValidator(sane_number)]
Whole = Annotated[int, BeforeValidator(whole_number)]
