"""Punctuation of joined text after GB/T 15834-2011 (标点符号用法).

Clauses of a document are joined from pieces (a catalog's wording, a record's, the template's); these functions
make the joins read as one person wrote them: full-width marks in Chinese text, and no 顿号 between items that
书名号 or 引号 already set apart (GB/T 15834-2011 4.5.3.5: 标有书名号或引号的并列成分之间通常不用顿号).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

# Half-width marks with their full-width form. A comma, colon or full stop between digits is a number
# (3,200.00, 8:30) and stays; "1. " as an ordinal is GB/T 15834's 下脚点 and stays.
_FULL_WIDTH = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_HALF_WIDTH_MARK = re.compile(r"(?<!\d)[,:]|[,:](?!\d)|[;?!()]")  # , : between two digits is a number
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
# 、 between a closing 》/” and an opening 《/“: the marks already separate the items.
_MARKED_ITEMS = re.compile(r"([》”])、(?=[《“])")
_DOUBLED = re.compile(r"([，；。：、])\1+")
# A space typed between Chinese and a figure ("拨付 50%"): official documents set them together.
_SPACED_FIGURE = re.compile(r"(?<=[\u4e00-\u9fff]) +(?=\d)|(?<=[\d%]) +(?=[\u4e00-\u9fff])")


def _full_width(match: re.Match[str]) -> str:
    return _FULL_WIDTH[match.group(0)]


@lru_cache(maxsize=20_000)  # the same catalog clauses recur in every agreement of a batch
def tidy(text: str) -> str:
    """Text with its punctuation set after GB/T 15834: in Chinese text, half-width , ; : ? ! ( ) become full-width
    (a comma or colon between digits stays: 3,200.00, 8:30); no 顿号 between 书名号 or 引号 items; a mark
    doubled by a join (“。。”, “；；”) written once; no space between Chinese and a figure."""
    if _CJK.search(text):
        text = _SPACED_FIGURE.sub("", _HALF_WIDTH_MARK.sub(_full_width, text))
    text = _MARKED_ITEMS.sub(r"\1", text)
    return _DOUBLED.sub(r"\1", text)


def join_items(items: Iterable[str]) -> str:
    """Items of a list joined as a series: with 顿号, except between items that 书名号 or 引号 mark off
    (《社会救助暂行办法》《城市居民最低生活保障条例》)."""
    joined = ""
    for item in items:
        if joined and not (joined[-1] in "》”" and item[:1] in "《“"):
            joined += "、"
        joined += item
    return joined


def join_clauses(clauses: Iterable[str]) -> str:
    """Clauses joined with 分号, each without its own closing mark, so that the join reads as one sentence."""
    parts = (clause.strip().rstrip("。；;，,. ") for clause in clauses)
    return "；".join(part for part in parts if part)


__all__ = ["join_clauses", "join_items", "tidy"]
