"""The report as rich tables for the terminal."""

from __future__ import annotations

import io
from collections.abc import Iterator
from decimal import Decimal

from rich.console import Console
from rich.table import Table

from .figures import Coverage, YearFigures
from .lists import list_tables


def coverage_rows(figures: YearFigures) -> Iterator[tuple[str, int, int, Decimal, Decimal | None]]:
    """(what, count, of, per cent, last year's per cent) for the four coverage figures."""
    def rows(c: Coverage) -> list[tuple[str, int, int]]:
        return [("签订协议的乡镇（街道）", c.signed_townships, c.townships),
                ("签订协议的村（居）委会", c.signed_communities, c.communities),
                ("完成评估的乡镇（街道）", c.evaluated_townships, c.townships),
                ("完成评估的村（居）委会", c.evaluated_communities, c.communities)]
    before = rows(figures.previous.coverage) if figures.previous else None
    for n, (label, part, whole) in enumerate(rows(figures.coverage)):
        last = Coverage.percent(before[n][1], before[n][2]) if before else None
        yield label, part, whole, Coverage.percent(part, whole), last


def supplements_note(figures: YearFigures) -> str:
    """The line that says the agreed funding includes signed 补充协议, or "" when there are none."""
    count, money = figures.supplements
    return f"协议经费含已签订的补充协议 {count} 份，经费变动 {money:+,.2f} 元" if count else ""


def drafts_line(figures: YearFigures) -> str:
    """The line on evaluations still 草稿 (empty when there are none): counted neither as evaluated nor settled."""
    count = figures.coverage.draft_communities
    if not count:
        return ""
    return (f"草稿：{count} 个村（居）委会的评估尚未评定，不计入完成评估和兑现经费"
            f"（草稿中记录的兑现经费合计 {figures.draft_settlement:,.2f} 元；用 zsht evaluation finalize 评定）")


def _tables(figures: YearFigures) -> list[Table]:
    previous = figures.previous
    last_year = f"{previous.year}年占比" if previous else f"{figures.year - 1}年占比"
    coverage = Table("覆盖面", "数量", "总数", "占比", last_year, title=f"{figures.year}年覆盖面")
    for label, part, whole, pct, last in coverage_rows(figures):
        coverage.add_row(label, str(part), str(whole), f"{pct}%", "—" if last is None else f"{last}%")
    average, low, high = figures.burden()
    up, down, same = figures.burden_change()
    burden = Table("协助事项（每个村居）", "本年", figures.compared_with, title="负担")
    before = previous.burden() if previous else None
    for n, label in enumerate(("平均", "最少", "最多")):
        burden.add_row(label, str((average, low, high)[n]), "—" if before is None else str(before[n]))
    if previous:
        burden.add_row(f"比{figures.compared_with}增加／减少／持平（个村居）", f"{up}／{down}／{same}", "")
    burden.add_row("协议经费（每个村居平均，元）", f"{figures.funding_per_committee():,.2f}",
                   f"{previous.funding_per_committee():,.2f}" if previous else "—")
    tables = [coverage, burden]
    for title, rows in (("各部门经费（元）", figures.departments), ("各乡镇（街道）经费（元）", figures.townships)):
        table = Table("名称", "协议经费", "兑现经费", title=title)
        for name, (agreed, settled) in rows.items():
            table.add_row(name, f"{agreed:,.2f}", f"{settled:,.2f}")
        tables.append(table)
    grades = Table("等次", "本年", figures.compared_with, title="等次分布")
    for grade, count in figures.grades.items():
        grades.add_row(grade, str(count), str(previous.grades.get(grade, 0)) if previous else "—")
    tables.append(grades)
    return tables + list_tables(figures.lists)


def report_text(figures: YearFigures, *, color: bool = False, width: int = 120) -> str:
    """Every table of the report, as the terminal shows them."""
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=color, no_color=not color, width=width)
    console.print(f"{figures.county}{figures.year}年政社互动情况")
    for n, table in enumerate(_tables(figures)):
        console.print(table)
        if n == 0 and drafts_line(figures):  # right below the coverage it qualifies
            console.print(drafts_line(figures))
    if note := supplements_note(figures):
        console.print(note)
    return buffer.getvalue()
