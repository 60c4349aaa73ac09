"""The report as one self-contained HTML page: inline CSS, charts as inline SVG, every text escaped."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from html import escape

from .figures import YearFigures
from .lists import list_html
from .text import coverage_rows, drafts_line, supplements_note

CSS = """body{font-family:sans-serif;max-width:960px;margin:2em auto;color:#222}
table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #bbb;padding:.3em .6em}
td.n{text-align:right}h2{margin-top:1.5em;border-bottom:2px solid #a00}svg text{font-size:12px}"""


def bar_chart(chart_id: str, title: str, bars: Sequence[tuple[str, Decimal, str]], scale: Decimal | None = None) -> str:
    """Horizontal bars: (label, value, value as shown); the longest bar is `scale` (default the largest value)."""
    top = scale or max((value for _, value, _ in bars), default=Decimal(0)) or Decimal(1)
    row, left, width = 26, 220, 420
    parts = [f'<svg id="{escape(chart_id)}" xmlns="http://www.w3.org/2000/svg" role="img" '
             f'width="{left + width + 120}" height="{row * len(bars) + 10}"><title>{escape(title)}</title>']
    for n, (label, value, shown) in enumerate(bars):
        y = n * row + 5
        length = int(width * value / top) if top else 0
        parts.append(f'<text x="{left - 6}" y="{y + 15}" text-anchor="end">{escape(label)}</text>'
                     f'<rect x="{left}" y="{y}" width="{length}" height="{row - 8}" fill="#b22"/>'
                     f'<text x="{left + length + 6}" y="{y + 15}">{escape(shown)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _table(head: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    out = ["<table><tr>", *(f"<th>{escape(h)}</th>" for h in head), "</tr>"]
    for cells in rows:
        out.append("<tr>" + "".join(f'<td class="{"n" if not isinstance(c, str) or c[:1].isdigit() else ""}">'
                                    f"{escape(str(c))}</td>" for c in cells) + "</tr>")
    out.append("</table>")
    return "".join(out)


def _money_section(title: str, chart_id: str, rows: dict[str, tuple[Decimal, Decimal]]) -> str:
    bars = [(name, agreed, f"{agreed:,.2f}") for name, (agreed, _) in rows.items()]
    table = _table(("名称", "协议经费（元）", "兑现经费（元）"),
                   [(n, f"{a:,.2f}", f"{s:,.2f}") for n, (a, s) in rows.items()])
    return f"<h2>{escape(title)}</h2>{bar_chart(chart_id, title + '（协议经费）', bars)}{table}"


def report_html(figures: YearFigures) -> str:
    """The whole page."""
    heading = f"{figures.county}{figures.year}年政社互动情况"
    coverage = list(coverage_rows(figures))
    last_year = f"{figures.previous.year if figures.previous else figures.year - 1}年占比"
    body = [f"<h1>{escape(heading)}</h1><h2>覆盖面</h2>",
            bar_chart("coverage-chart", "覆盖面（%）", [(label, pct, f"{pct}%") for label, _, _, pct, _ in coverage],
                      Decimal(100)),
            _table(("覆盖面", "数量", "总数", "占比", last_year),
                   [(label, part, whole, f"{pct}%", "—" if last is None else f"{last}%")
                    for label, part, whole, pct, last in coverage])]
    if drafts_line(figures):
        body.append(f"<p>{escape(drafts_line(figures))}</p>")
    before = [str(n) for n in figures.previous.burden()] if figures.previous else ["—"] * 3
    burden = [(label, str(now), last) for label, now, last in zip(("平均", "最少", "最多"), figures.burden(), before,
                                                                   strict=True)]
    if figures.previous:
        up, down, same = figures.burden_change()
        burden.append((f"比{figures.compared_with}增加／减少／持平（个村居）", f"{up}／{down}／{same}", ""))
    burden.append(("协议经费（每个村居平均，元）", f"{figures.funding_per_committee():,.2f}",
                   f"{figures.previous.funding_per_committee():,.2f}" if figures.previous else "—"))
    body += ["<h2>负担：每个村（居）委会的协助事项</h2>", _table(("", "本年", figures.compared_with), burden),
             _money_section("各部门经费", "funding-departments", figures.departments),
             _money_section("各乡镇（街道）经费", "funding-townships", figures.townships),
             f"<p>{escape(note)}</p>" if (note := supplements_note(figures)) else "",
             "<h2>等次分布</h2>",
             bar_chart("grade-chart", "等次分布", [(g, Decimal(n), str(n)) for g, n in figures.grades.items()]),
             _table(("等次", "本年", figures.compared_with),
                    [(g, n, figures.previous.grades.get(g, 0) if figures.previous else "—")
                     for g, n in figures.grades.items()]),
             list_html(figures.lists)]
    return (f'<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>{escape(heading)}</title>'
            f"<style>{CSS}</style></head><body>{''.join(body)}</body></html>\n")
