"""Text as county documents write it: full-width digits, Chinese numerals, item numbering, category rows."""

from __future__ import annotations

import re

from .names import half_width

_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "壹": 1, "二": 2, "两": 2, "贰": 2, "三": 3, "叁": 3, "四": 4,
           "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9}
_PLACES = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_SECTIONS = {"万": 10_000, "亿": 100_000_000}
CHINESE_DIGITS = "".join((*_DIGITS, *_PLACES, *_SECTIONS))

# Item numbering a list puts before a name: 1. / 1、 / （一） / 一、 / ① …
_CN = "一二三四五六七八九十"
NUMBERING = re.compile(
    rf"^\s*(?:[（(]\s*[{_CN}\d]+\s*[)）]|[{_CN}]+\s*[、.．]|\d+\s*[、.．](?!\d)|[①-⑳])\s*")
# A row naming a group of items: 一、民政类（8项） / （二）社会保障 / 民政类.
_CATEGORY = re.compile(rf"^\s*(?:[{_CN}]+\s*[、.．]|[（(]\s*[{_CN}]+\s*[)）])|类\s*(?:[（(][^)）]*[)）])?\s*$"
                       rf"|[（(]\s*(?:共\s*)?[\d{_CN}]+\s*项\s*[)）]\s*$")
_FOOTNOTE = re.compile(r"^\s*(?:注|说明|备注|附注|资料来源|来源|填表|制表)\s*[:：\d]|^\s*[*※]")


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff]")


def clean(text: object) -> str:
    """A cell's text as one trimmed string: None is empty, inner line breaks and runs of spaces collapse."""
    if text is None:
        return ""
    value = str(text).replace("\u3000", " ").replace("\xa0", " ").replace("\r\n", "\n").replace("\r", "\n")
    value = _CONTROL.sub("", value)  # invisible controls a CSV may carry: no list means them, no document holds them
    return re.sub(r"\s*\n\s*", "\n", value).strip()


def parse_number(text: str) -> int | None:
    """A whole number written in digits (full-width too) or Chinese numerals: 21, ２１, 二十一, 一百零五, 两千."""
    value = half_width(text).strip()
    if value.isdigit():
        return int(value)
    if not value or any(char not in CHINESE_DIGITS for char in value):
        return None
    total = section = digit = 0
    last_digit = False
    for char in value:
        if char in _DIGITS:
            # 二〇二六: digits side by side are positional, as in years
            digit = digit * 10 + _DIGITS[char] if last_digit else _DIGITS[char]
            last_digit = True
        elif char in _PLACES:
            section += (digit or 1) * _PLACES[char]
            digit, last_digit = 0, False
        else:
            total += (section + digit) * _SECTIONS[char]
            section = digit = 0
            last_digit = False
    return total + section + digit


def without_numbering(text: str) -> str:
    """A name without the numbering a list put before it: “1.最低生活保障” → “最低生活保障”."""
    stripped = NUMBERING.sub("", text, count=1)
    return stripped or text


def is_category(text: str) -> bool:
    """Whether a row's only text names a group of items (一、民政类（8项）) rather than an item."""
    return bool(_CATEGORY.search(text))


def is_footnote(text: str) -> bool:
    """Whether a row's only text is a note under the table (注：…, 说明：…, * …)."""
    return bool(_FOOTNOTE.match(text))
