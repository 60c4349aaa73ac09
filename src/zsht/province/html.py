"""The province as one self-contained HTML page: inline CSS and SVG charts, as `zsht report` writes them."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from html import escape

from ..county_report.html import CSS, bar_chart
from .rollup import ProvinceFigures
from .table import COUNTY_HEAD, TOTAL, TableValue, county_rows, department_rows, grade_rows, shown
from .text import notes

MARKED_CSS = "tr.marked td{background:#fde8e8}td.n{text-align:right}"


def _table(head: Sequence[str], rows: Sequence[Sequence[TableValue]], marked: Sequence[bool] = ()) -> str:
    out = ["<table><tr>", *(f"<th>{escape(str(h))}</th>" for h in head), "</tr>"]
    for n, cells in enumerate(rows):
        css = ' class="marked"' if n < len(marked) and marked[n] else ""
        out.append(f"<tr{css}>" + "".join(
            f'<td class="n">{escape(shown(c))}</td>' if isinstance(c, int | Decimal) else f"<td>{escape(shown(c))}</td>"
            for c in cells) + "</tr>")
    out.append("</table>")
    return "".join(out)


def province_html(province: ProvinceFigures) -> str:
    """The whole page: coverage and funding charts, the county table, department types, grades, notes."""
    heading = f"{province.name}{province.year}年政社互动情况"
    rows = county_rows(province)
    counties = [r for r in rows if r[0] != TOTAL and r[8] is not None]
    marked = [c.status != "正常" for c in province.counties]
    compared = province.total.compared_with
    grades = grade_rows(province)
    total = province.total
    body = [
        f"<h1>{escape(heading)}</h1>",
        "<h2>签订协议的村（居）委会占比</h2>",
        bar_chart("coverage-chart", "签约率（%）", [(str(r[0]), Decimal(str(r[8])), f"{r[8]}%") for r in counties],
                  Decimal(100)),
        "<h2>各县协议经费</h2>",
        bar_chart("funding-chart", "协议经费（元）", [(str(r[0]), Decimal(str(r[15])), shown(r[15])) for r in counties]),
        "<h2>各县情况</h2>",
        _table(COUNTY_HEAD, rows, marked),
        "<h2>各类部门经费（元）</h2>",
        _table(("部门类别", "协议经费", "兑现经费", f"{compared}协议经费", f"{compared}兑现经费"), department_rows(province)),
        "<h2>等次分布</h2>",
        bar_chart("grade-chart", "全省等次分布", [(g, Decimal(n), str(n)) for g, n in total.grades.items()]),
        _table([str(g) for g in grades[0]], grades[1:]),
        "".join(f"<p>{escape(line)}</p>" for line in notes(province)),
    ]
    return (f'<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>{escape(heading)}</title>'
            f"<style>{CSS}{MARKED_CSS}</style></head><body>{''.join(body)}</body></html>\n")
