"""The province's figures as rich tables for the terminal."""

from __future__ import annotations

import io

from rich.console import Console
from rich.table import Table

from .rollup import ProvinceFigures
from .table import COUNTY_HEAD, TOTAL, TableValue, county_rows, department_rows, grade_rows, shown

# The county table is too wide for a terminal: it is shown as two tables of these columns.
COVERAGE_COLUMNS = (0, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12)
BURDEN_COLUMNS = (0, 13, 14, 15, 16, 17, 18, 19, 20)


def _table(title: str, head: tuple[str, ...] | list[str], rows: list[list[TableValue]]) -> Table:
    table = Table(*head, title=title)
    for cells in rows:
        table.add_row(*(shown(cell) for cell in cells))
    return table


def province_tables(province: ProvinceFigures) -> list[Table]:
    """Coverage, burden and funding per county; funding per department type; grades."""
    rows = county_rows(province)
    compared = province.total.compared_with
    departments = department_rows(province)
    grades = grade_rows(province)
    return [
        _table(f"{province.name}{province.year}年覆盖面", [COUNTY_HEAD[n] for n in COVERAGE_COLUMNS],
               [[r[n] for n in COVERAGE_COLUMNS] for r in rows]),
        _table("负担、经费与清单", [COUNTY_HEAD[n] for n in BURDEN_COLUMNS], [[r[n] for n in BURDEN_COLUMNS] for r in rows]),
        _table("各类部门经费（元）", ("部门类别", "协议经费", "兑现经费", f"{compared}协议经费", f"{compared}兑现经费"),
               departments),
        _table("等次分布", [str(g) for g in grades[0]], grades[1:]),
    ]


def notes(province: ProvinceFigures) -> list[str]:
    """The lines under the tables: counties marked, and items beyond the province's reference list."""
    lines = [f"标记：{c.name}（{c.status}，错误 {c.errors} 个）{c.problem}" for c in province.marked()]
    lines += [f"超出参考清单：{c.name} {len(c.beyond_reference)} 项：{'、'.join(c.beyond_reference)}"
              for c in province.beyond_reference()]
    return lines


def province_text(province: ProvinceFigures, *, color: bool = False, width: int = 160) -> str:
    """Every table and note, as the terminal shows them."""
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=color, no_color=not color, width=width)
    counted = sum(1 for c in province.counties if c.figures is not None)
    console.print(f"{province.name}{province.year}年政社互动情况（{len(province.counties)} 个县，"
                  f"{counted} 个计入{TOTAL}）")
    for table in province_tables(province):
        console.print(table)
    for line in notes(province):
        console.print(line, markup=False)
    return buffer.getvalue()
