"""Numbers and dates the way Chinese official documents write them."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

DIGITS = "零壹贰叁肆伍陆柒捌玖"
PLACES = ("仟", "佰", "拾", "")
SECTIONS = ("", "万", "亿", "万亿")
SMALL = "〇一二三四五六七八九"
SMALL_PLACES = ("千", "百", "十", "")


def _section(group: int, digits: str = DIGITS, places: tuple[str, ...] = PLACES) -> str:
    """One four-digit group (1–9999) in `digits`, inner zeros collapsed to one 零, trailing zeros dropped."""
    text, zero = "", False
    for place, digit in zip(places, f"{group:04d}", strict=True):
        if digit == "0":
            zero = bool(text)
            continue
        if zero:
            text += "零"
            zero = False
        text += digits[int(digit)] + place
    return text


def _grouped(amount: int, digits: str = DIGITS, places: tuple[str, ...] = PLACES) -> str:
    """A positive integer in `digits`, e.g. 10005 → 壹万零伍 (bank style: 100000 → 壹拾万)."""
    groups: list[int] = []
    while amount:
        amount, group = divmod(amount, 10000)
        groups.append(group)
    text, pending_zero = "", False
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            pending_zero = bool(text)
            continue
        if text and (pending_zero or group < 1000):
            text += "零"
        text += _section(group, digits, places) + SECTIONS[index]
        pending_zero = False
    return text


def capital_amount(amount: Decimal | int | float | str) -> str:
    """An amount of yuan in Chinese capital numerals (大写金额), e.g. 12500 → 壹万贰仟伍佰元整.

    Follows the bank rules (《支付结算办法》附件): 整 after 元; a 零 where 角 is missing before 分;
    nothing before 角/分 when there are no whole yuan.
    """
    cents = int((Decimal(str(amount)) * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    if cents < 0:
        raise ValueError(f"金额不能为负数：{amount}")
    yuan, rest = divmod(cents, 100)
    jiao, fen = divmod(rest, 10)
    if cents == 0:
        return "零元整"
    text = _grouped(yuan) + "元" if yuan else ""
    if not rest:
        return text + "整"
    if jiao:
        text += DIGITS[jiao] + "角"
    elif yuan:
        text += "零"
    if fen:
        text += DIGITS[fen] + "分"
    return text


def figures(amount: Decimal | int) -> str:
    """An amount in Arabic figures with thousands separators and fen, e.g. 12,500.00."""
    return f"{Decimal(amount).quantize(Decimal('0.01'), rounding=ROUND_HALF_UP):,.2f}"


def date_cn(day: dt.date | None) -> str:
    """A date in Arabic figures without padding (GB/T 9704-2012 7.3.5.3): 2015年3月1日."""
    return f"{day.year}年{day.month}月{day.day}日" if day else "    年  月  日"


def chinese_number(number: int) -> str:
    """A count or an ordinal in Chinese digits, as in 一式四份 or 第一千二百六十条: 10 → 十, 110 → 一百一十."""
    if number < 0:
        raise ValueError(f"不能写成中文数字：{number}")
    if number < 10:
        return SMALL[number]
    if number < 20:  # 十, 十一 … 十九: no 一 before a leading 十 (but 一百一十, 一千零一十)
        return "十" + (SMALL[number - 10] if number > 10 else "")
    return _grouped(number, SMALL, SMALL_PLACES)


def article(number: int) -> str:
    """An article number as a statute cites it: 37 → 第三十七条, 1260 → 第一千二百六十条."""
    return f"第{chinese_number(number)}条"


def sentence(text: object) -> str:
    """Text ending in a full stop, unless it already ends in punctuation."""
    value = str(text).rstrip()
    return value if not value or value[-1] in "。；：！？）」』”.;:!?" else value + "。"


def quote_title(title: object) -> str:
    """A title between Chinese title marks: 《中华人民共和国村民委员会组织法》."""
    return f"《{title}》"
