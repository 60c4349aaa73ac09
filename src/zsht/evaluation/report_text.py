"""The county report as rich tables for the terminal."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table

if TYPE_CHECKING:
    from .report import CountyYear, Report


def trend(now: Decimal, before: Decimal | None) -> str:
    """↑ / ↓ / → with the difference, or — when there is no year before."""
    if before is None:
        return "—"
    if now == before:
        return "→ 持平"
    return f"{'↑' if now > before else '↓'} {abs(now - before):,}"


def coverage_rows(report: Report) -> list[tuple[str, str, Decimal, Decimal | None]]:
    """(label, count text, per cent now, per cent the year before) for the coverage figures."""
    now, before = report.current, report.previous

    def figures(year: CountyYear) -> list[tuple[int, int]]:
        return [(year.townships_signed, year.townships), (year.committees_signed, year.committees),
                (year.committees_evaluated, year.committees_signed)]

    old = figures(before) if before else None
    labels = ("乡镇（街道）签约", "村（居）委会签约", "村（居）委会完成评估")
    return [(label, f"{part}/{whole}", now.share(part, whole), before.share(*old[i]) if before and old else None)
            for i, (label, (part, whole)) in enumerate(zip(labels, figures(now), strict=True))]


def report_text(report: Report, *, color: bool = False, width: int = 120) -> str:
    """Coverage, burden, funding per department and township, and grades, as rich tables."""
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=color, no_color=not color, width=width)
    now, before = report.current, report.previous
    last = str(before.year) if before else "上年"
    table = Table(title=f"{report.county}{now.year}年政社互动：覆盖面")
    for column in ("项目", "数量", "比例（%）", f"{last}（%）", "变化"):
        table.add_column(column, justify="left" if column == "项目" else "right")
    for label, count, share, previous in coverage_rows(report):
        table.add_row(label, count, str(share), str(previous) if previous is not None else "—", trend(share, previous))
    console.print(table)
    burden = Table(title="减负：每个村（居）委会承担的协助事项")
    for column in ("乡镇（街道）", "事项数", "村（居）委会", "平均", f"{last}平均", "变化"):
        burden.add_column(column, justify="left" if column == "乡镇（街道）" else "right")
    for township, (items, committees) in now.items_by_township.items():
        mean = (Decimal(items) / committees).quantize(Decimal("0.01"))
        old = before.items_by_township.get(township) if before else None
        old_mean = (Decimal(old[0]) / old[1]).quantize(Decimal("0.01")) if old else None
        burden.add_row(report.township_names.get(township, township), str(items), str(committees), str(mean),
                       str(old_mean) if old_mean is not None else "—", trend(mean, old_mean))
    burden.add_row("全县", str(now.items), str(now.committees_signed), str(now.items_per_committee),
                   str(before.items_per_committee) if before else "—",
                   trend(now.items_per_committee, before.items_per_committee if before else None))
    console.print(burden)
    for title, rows, names in (("各部门委托经费", now.departments, report.department_names),
                               ("各乡镇（街道）委托经费", now.township_funding, report.township_names)):
        money = Table(title=title)
        for column in ("名称", "协议经费（元）", "兑现经费（元）"):
            money.add_column(column, justify="left" if column == "名称" else "right")
        for key, (agreed, settled) in rows.items():
            money.add_row(names.get(key, key), f"{agreed:,.2f}", f"{settled:,.2f}")
        money.add_row("合计", f"{sum((a for a, _ in rows.values()), Decimal(0)):,.2f}",
                      f"{sum((s for _, s in rows.values()), Decimal(0)):,.2f}")
        console.print(money)
    grades = Table(title="评估等次分布")
    for column in ("等次", f"{now.year}", last):
        grades.add_column(column, justify="left" if column == "等次" else "right")
    for grade in report.grade_order:
        grades.add_row(grade, str(now.grades.get(grade, 0)), str(before.grades.get(grade, 0)) if before else "—")
    console.print(grades)
    return buffer.getvalue()
