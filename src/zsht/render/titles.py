"""Document titles broken into lines the way GB/T 9704-2012 7.3.3 asks: 词意完整，排列对称，梯形或菱形.

A title is set in 2号 方正小标宋简体 (22 pt) across the 156 mm text block: 442 pt hold 20 characters a line.
The break points are ranked: between 书名号 and at 的/和/与/关于 (the words a title is built of), then after
a closing bracket or an organisation's name, and only as a last resort between any two characters. Of all the
ways to break a title into the fewest lines that fit, the one with the most even lines (and the best break
points) wins; a line is never shorter in the middle than at both ends (沙漏形 is not a shape the standard allows).
"""

from __future__ import annotations

import re
from functools import lru_cache

TITLE_CHARS = 20  # 156 mm = 442 pt of text block / 22 pt (2号) a character

# Costs of breaking at a point, in the same unit as the evenness cost (squared characters off the mean).
WORD = 0  # 书名号, 的/和/与/关于, 年度, before a long bracketed note, punctuation
NAME = 10  # after the name of an organisation or a place (…委员会, …人民政府, …县)
ANY = 60  # inside a word: only when nothing else fits
HOURGLASS = 20  # a middle line shorter than both its neighbours
EXTRA_LINE = 25  # one line more than the fewest that fit, to avoid breaking inside a word

_WORD_AFTER = re.compile(r"(?:的|和|与|及)(?=[^的和与及])|年度|[》」”，、：；]")
_WORD_BEFORE = re.compile(r"关于|《|（(?=[^）]{3,}）)")  # （居） is part of 村（居）民委员会, （征求意见稿） a note
_NAME_AFTER = re.compile(r"委员会|人民政府|办事处|街道|[县镇乡](?![长委级域])")
_NO_LINE_START = set("，、。；：？！）》」”…")
_NO_LINE_END = set("（《「“")


def width(text: str) -> float:
    """The width of `text` in title characters: ASCII letters, digits and spaces are half as wide."""
    return sum(0.5 if ord(char) < 128 else 1.0 for char in text)


def _break_costs(title: str) -> dict[int, int]:
    """Where a line may end (the index after its last character), and what breaking there costs."""
    costs = dict.fromkeys(range(1, len(title)), ANY)
    for pattern, cost, before in ((_NAME_AFTER, NAME, False), (_WORD_AFTER, WORD, False), (_WORD_BEFORE, WORD, True)):
        for match in pattern.finditer(title):
            point = match.start() if before else match.end()
            if 0 < point < len(title):
                costs[point] = min(costs[point], cost)
    return {point: cost for point, cost in costs.items()
            if title[point] not in _NO_LINE_START and title[point - 1] not in _NO_LINE_END}


def _best(title: str, lines: int, limit: float, costs: dict[int, int]) -> tuple[float, tuple[int, ...]] | None:
    """The cheapest way to cut `title` into `lines` lines no wider than `limit`: (cost, the break points)."""
    points = [0, *sorted(costs), len(title)]
    mean = width(title) / lines
    # best[(point, used)] = (cost, breaks, last line width, width of the line before it)
    best: dict[tuple[int, int], tuple[float, tuple[int, ...], float, float]] = {(0, 0): (0.0, (), 0.0, 0.0)}
    for index, end in enumerate(points[1:], start=1):
        for start in points[:index]:
            line = width(title[start:end])
            if line > limit:
                continue
            for used in range(lines):
                found = best.get((start, used))
                if found is None:
                    continue
                cost, breaks, previous, before = found
                cost += (line - mean) ** 2 / 4 + (costs.get(end, 0) if end < len(title) else 0)
                if used >= 2 and previous < line and previous < before:
                    cost += HOURGLASS
                key = (end, used + 1)
                if key not in best or cost < best[key][0]:
                    best[key] = (cost, (*breaks, end) if end < len(title) else breaks, line, previous)
    found = best.get((len(title), lines))
    return (found[0], found[1]) if found else None


@lru_cache(maxsize=1024)
def title_lines(title: str, limit: float = TITLE_CHARS) -> tuple[str, ...]:
    """`title` as the lines it is printed in: one line when it fits, else the fewest balanced lines."""
    title = title.strip()
    if width(title) <= limit:
        return (title,)
    costs = _break_costs(title)
    fewest = max(2, int(-(-width(title) // limit)))
    while _best(title, fewest, limit, costs) is None:
        fewest += 1
        if fewest > len(title):  # punctuation everywhere: no proper break point, so any point will do
            costs, fewest = dict.fromkeys(range(1, len(title)), ANY), 2
    # The fewest lines, or one more when that spares a break inside a word.
    choices = [(found[0] + EXTRA_LINE * extra, found[1]) for extra in (0, 1)
               if (found := _best(title, fewest + extra, limit, costs)) is not None]
    breaks = (0, *min(choices)[1], len(title))
    return tuple(title[a:b] for a, b in zip(breaks, breaks[1:], strict=False))


def break_title(title: str) -> str:
    """`title` with a line break ("\\n") between its printed lines, for a template's title paragraph."""
    return "\n".join(title_lines(str(title)))
