"""province.xlsx: the province's tables as sheets, numbers as numbers."""

from __future__ import annotations

import io
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from .rollup import ProvinceFigures
from .table import COUNTY_HEAD, TableValue, county_rows, department_rows, grade_rows

MARKED = PatternFill("solid", fgColor="FDE8E8")


def _value(cell: TableValue) -> object:
    return float(cell) if isinstance(cell, Decimal) else cell


def province_workbook(province: ProvinceFigures) -> bytes:
    """The workbook: 各县 (marked counties shaded), 部门类别, 等次分布, 超出参考清单."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "各县"
    sheet.append(COUNTY_HEAD)
    for n, row in enumerate(county_rows(province)):
        sheet.append([_value(c) for c in row])
        if n < len(province.counties) and province.counties[n].status != "正常":
            for cell in sheet[sheet.max_row]:
                cell.fill = MARKED
    compared = province.total.compared_with
    departments = book.create_sheet("部门类别")
    departments.append(("部门类别", "协议经费（元）", "兑现经费（元）", f"{compared}协议经费（元）", f"{compared}兑现经费（元）"))
    for row in department_rows(province):
        departments.append([_value(c) for c in row])
    grades = book.create_sheet("等次分布")
    for row in grade_rows(province):
        grades.append([_value(c) for c in row])
    beyond = book.create_sheet("超出参考清单")
    beyond.append(("县（市、区）", "协助事项"))
    for county in province.beyond_reference():
        for name in county.beyond_reference:
            beyond.append((county.name, name))
    for ws in book.worksheets:
        for cell in ws[1]:
            cell.font = Font(bold=True)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
