"""The province's figures as rows of plain values: the terminal, the HTML page and the workbook all show these."""

from __future__ import annotations

from decimal import Decimal

from ..county_report import YearFigures
from ..county_report.figures import Coverage
from ..evaluation.settlement import money
from .rollup import ProvinceFigures, funding_totals

TableValue = str | int | Decimal | None

COUNTY_HEAD = ("县（市、区）", "代码", "状态", "乡镇数", "签约乡镇", "评估乡镇", "村居数", "签约村居", "签约率%",
               "上年签约率%", "评估村居", "评估率%", "上年评估率%", "平均协助事项", "上年平均协助事项",
               "协议经费（元）", "兑现经费（元）", "上年协议经费（元）", "上年兑现经费（元）", "保留证明事项",
               "超出参考清单事项")
TOTAL = "合计"


def _figures(name: str, code: str, status: str, figures: YearFigures | None, beyond: int | None) -> list[TableValue]:
    if figures is None:
        return [name, code, status, *([None] * (len(COUNTY_HEAD) - 3))]
    c, previous = figures.coverage, figures.previous
    before = previous.coverage if previous else None
    agreed, settled = funding_totals(figures)
    last = funding_totals(previous) if previous else (None, None)
    retained = figures.lists.certificates[0] if figures.lists.certificates else None
    return [name, code, status, c.townships, c.signed_townships, c.evaluated_townships, c.communities,
            c.signed_communities, Coverage.percent(c.signed_communities, c.communities),
            Coverage.percent(before.signed_communities, before.communities) if before else None,
            c.evaluated_communities, Coverage.percent(c.evaluated_communities, c.communities),
            Coverage.percent(before.evaluated_communities, before.communities) if before else None,
            figures.burden()[0], previous.burden()[0] if previous else None, agreed, settled, *last, retained, beyond]


def county_rows(province: ProvinceFigures) -> list[list[TableValue]]:
    """One row per county in listing order, then the province's total (COUNTY_HEAD names the columns)."""
    rows = [_figures(c.name, c.code, c.status, c.figures, len(c.beyond_reference)) for c in province.counties]
    marked = len(province.marked())
    status = f"含 {marked} 个县标记" if marked else ""
    beyond = len(province.beyond_reference())
    return [*rows, _figures(TOTAL, "", status, province.total, beyond)]


def department_rows(province: ProvinceFigures) -> list[list[TableValue]]:
    """Funding per department type: agreed and settled this year and the year compared with."""
    now = province.total.departments
    before = province.total.previous.departments if province.total.previous else {}
    def pair(rows: dict[str, tuple[Decimal, Decimal]], kind: str) -> list[TableValue]:
        return [money(v) for v in rows[kind]] if kind in rows else [None, None]
    return [[kind, *pair(now, kind), *pair(before, kind)] for kind in sorted(set(now) | set(before))]


def grade_rows(province: ProvinceFigures) -> list[list[TableValue]]:
    """Grades, this year and the year compared with, for the province and for each county."""
    total = province.total
    grades = list(dict.fromkeys([*total.grades, *(total.previous.grades if total.previous else {})]))
    rows: list[list[TableValue]] = []
    for county in province.counties:
        if county.figures is not None:
            rows.append([county.name, *(county.figures.grades.get(g, 0) for g in grades)])
    rows.append([TOTAL, *(total.grades.get(g, 0) for g in grades)])
    if total.previous is not None:
        rows.append([f"{TOTAL}（{total.compared_with}）", *(total.previous.grades.get(g, 0) for g in grades)])
    return [["", *grades], *rows]


def shown(cell: TableValue) -> str:
    """A cell as text: money with thousands separators, nothing as —."""
    if cell is None:
        return "—"
    if isinstance(cell, Decimal) and cell.as_tuple().exponent == -2:
        return f"{cell:,.2f}"
    return str(cell)
