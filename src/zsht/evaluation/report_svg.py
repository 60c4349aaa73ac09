"""Bar charts as inline SVG, drawn by hand: the report must open from a mail attachment with no script and no network."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from html import escape

LABEL_WIDTH, BAR_WIDTH, VALUE_WIDTH, BAR_HEIGHT, GAP = 180, 360, 110, 16, 10
COLORS = ("#2f6db5", "#9bbbe0")  # this year, the year before (or agreed, settled)


@dataclass(frozen=True)
class Bar:
    """One bar: its length against the chart's scale, and the text written after it."""

    value: Decimal
    text: str


def bar_chart(chart_id: str, title: str, rows: list[tuple[str, list[Bar]]], scale: Decimal,
              legend: tuple[str, ...] = ()) -> str:
    """A horizontal bar chart; each row has one bar per series (at most two), longest = `scale`."""
    series = max((len(bars) for _, bars in rows), default=1)
    row_height = series * BAR_HEIGHT + GAP
    top = 28 + (18 if legend else 0)
    height = top + len(rows) * row_height + 4
    width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH
    parts = [f'<svg id="{escape(chart_id)}" xmlns="http://www.w3.org/2000/svg" role="img" '
             f'aria-label="{escape(title)}" width="{width}" height="{height}" viewBox="0 0 {width} {height}">',
             f'<title>{escape(title)}</title>',
             f'<text x="0" y="18" font-size="15" font-weight="bold">{escape(title)}</text>']
    for index, name in enumerate(legend):
        x = LABEL_WIDTH + index * 140
        parts.append(f'<rect x="{x}" y="30" width="12" height="12" fill="{COLORS[index % 2]}"/>'
                     f'<text x="{x + 16}" y="41" font-size="12">{escape(name)}</text>')
    for number, (label, bars) in enumerate(rows):
        y = top + number * row_height
        parts.append(f'<text x="{LABEL_WIDTH - 8}" y="{y + series * BAR_HEIGHT / 2 + 5:.1f}" font-size="13" '
                     f'text-anchor="end">{escape(label)}</text>')
        for position, bar in enumerate(bars):
            length = float(bar.value / scale) * BAR_WIDTH if scale else 0.0
            bar_y = y + position * BAR_HEIGHT
            parts.append(f'<rect x="{LABEL_WIDTH}" y="{bar_y}" width="{max(length, 0):.1f}" '
                         f'height="{BAR_HEIGHT - 2}" fill="{COLORS[position % 2]}"/>'
                         f'<text x="{LABEL_WIDTH + max(length, 0) + 6:.1f}" y="{bar_y + BAR_HEIGHT - 4}" '
                         f'font-size="12">{escape(bar.text)}</text>')
    parts.append("</svg>")
    return "".join(parts)
