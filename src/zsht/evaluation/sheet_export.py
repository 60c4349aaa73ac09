"""`zsht sheet export`: score sheets for the panel, prefilled with what the records already hold."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ..errors import UserError
from ..load.county import load_county
from ..models import PANEL_CATEGORIES, CountyConfig
from ..write import write_atomic
from .sheet_layout import (
    DEFAULT_MEMBERS,
    FIRST_BLOCK,
    FIRST_MEMBER,
    GOV_HEADER,
    GOV_SUFFIX,
    META_ROW,
    Committee,
    cell_number,
    committees,
    even_maxima,
    number,
    township_names,
)

OPEN = Protection(locked=False)
INPUT = PatternFill("solid", fgColor="FFF2CC")  # the cells the panel fills
BOLD = Font(bold=True)


def export_sheets(root: Path, year: int, township: str | None, target: Path) -> int:
    """Write the score workbook of `year` (one township or all) to `target`; returns the number of committees."""
    county = load_county(root)
    if county.config is None:
        raise UserError("zsht.yaml 有错误，无法导出评分表", hint="先运行 zsht validate")
    book = Workbook()
    book.remove(book.worksheets[0])
    count = 0
    for town_id, town_name in sorted(township_names(county, township).items()):
        members = committees(county, year, town_id)
        if not members and township is None:
            continue
        _performance_sheet(book.create_sheet(town_name[:31]), year, town_id, town_name, members)
        _government_sheet(book.create_sheet((town_name[:31 - len(GOV_SUFFIX)]) + GOV_SUFFIX), county.config,
                          members)
        count += len(members)
    if not book.worksheets:
        raise UserError(f"{year} 年没有已签订的协议，无法导出评分表")
    buffer = io.BytesIO()
    book.save(buffer)
    write_atomic(target, buffer.getvalue())
    return count


def _put(sheet: Worksheet, row: int, column: int, value: Any, *, editable: bool = False, bold: bool = False) -> None:
    cell = sheet.cell(row=row, column=column, value=value)
    if editable:
        cell.protection = OPEN
        cell.fill = INPUT
    if bold:
        cell.font = BOLD


class _Validations:
    """One data validation per maximum, so that a big township does not carry one per row."""

    def __init__(self, sheet: Worksheet) -> None:
        self.sheet = sheet
        self.by_max: dict[Decimal, DataValidation] = {}

    def add(self, maximum: Decimal, cells: str) -> None:
        if maximum not in self.by_max:
            rule = DataValidation(type="decimal", operator="between", formula1="0", formula2=str(number(maximum)),
                                  allow_blank=True, showErrorMessage=True, errorTitle="分数超出范围",
                                  error=f"分数须在 0 与 {number(maximum)} 之间")
            self.sheet.add_data_validation(rule)
            self.by_max[maximum] = rule
        self.by_max[maximum].add(cells)


def _performance_sheet(sheet: Worksheet, year: int, town_id: str, town_name: str, members: list[Committee]) -> None:
    width = max([len(c.evaluation.record.panel) for c in members if c.evaluation] +
                [DEFAULT_MEMBERS for c in members if not c.evaluation] + [1])
    _put(sheet, 1, 1, f"{year}年{town_name}村（居）委会履约评估打分表", bold=True)
    for column, value in enumerate(("年度", year, "乡镇（街道）编号", town_id), start=1):
        _put(sheet, META_ROW, column, value, bold=column % 2 == 1)
    _put(sheet, META_ROW, 6, "只填黄色单元格；成员编号每列唯一，类别从下拉列表选")
    categories = DataValidation(type="list", formula1='"' + ",".join(PANEL_CATEGORIES) + '"', allow_blank=True)
    sheet.add_data_validation(categories)
    survey = DataValidation(type="decimal", operator="between", formula1="0", formula2="100", allow_blank=True)
    sheet.add_data_validation(survey)
    scores = _Validations(sheet)
    row = FIRST_BLOCK
    for committee in members:
        row = _block(sheet, row, committee, width, categories, survey, scores) + 1
    sheet.column_dimensions["A"].width = 22
    sheet.column_dimensions["B"].width = 40
    sheet.freeze_panes = "D4"
    sheet.protection.sheet = True


def _block(sheet: Worksheet, row: int, committee: Committee, width: int, categories: DataValidation,
           survey: DataValidation, scores: _Validations) -> int:
    """Write one committee's block from `row`; returns the row after it."""
    record = committee.evaluation.record if committee.evaluation else None
    _put(sheet, row, 1, committee.id, bold=True)
    _put(sheet, row, 2, committee.name, bold=True)
    _put(sheet, row, 3, "评估日期")
    _put(sheet, row, 4, record.date if record else None, editable=True)
    sheet.cell(row=row, column=4).number_format = "yyyy-mm-dd"
    _put(sheet, row, 5, "满意度测评")
    _put(sheet, row, 6, cell_number(record.survey) if record and record.survey is not None else None, editable=True)
    survey.add(f"F{row}")
    for column, label in enumerate(("事项编号", "事项名称", "满分"), start=1):
        _put(sheet, row + 1, column, label, bold=True)
    for offset, label in enumerate(("姓名", "类别", "单位"), start=2):
        _put(sheet, row + offset, 2, label, bold=True)
    panel = record.panel if record else []
    for index in range(width):
        column = FIRST_MEMBER + index
        member = panel[index] if index < len(panel) else None
        values = (member.id, member.name, member.category, member.org) if member else (None,) * 4
        for offset, value in enumerate(values, start=1):
            _put(sheet, row + offset, column, value, editable=member is None or offset == 4)
        categories.add(sheet.cell(row=row + 3, column=column).coordinate)
    rows: list[tuple[str, Decimal, dict[str, Decimal]]]
    if record and record.performance:
        rows = [(r.item, r.max, r.scores) for r in record.performance]
    else:
        ids = [item.id for item in committee.agreement.items]
        rows = [(i, m, {}) for i, m in zip(ids, even_maxima(len(ids)), strict=True)]
    item_row = row + 5
    for item, maximum, given in rows:
        _put(sheet, item_row, 1, item)
        _put(sheet, item_row, 2, committee.item_names.get(item, ""))
        _put(sheet, item_row, 3, cell_number(maximum))
        for index in range(width):
            member = panel[index] if index < len(panel) else None
            given_score = given.get(member.id) if member else None
            _put(sheet, item_row, FIRST_MEMBER + index,
                 cell_number(given_score) if given_score is not None else None, editable=True)
        first = sheet.cell(row=item_row, column=FIRST_MEMBER).coordinate
        last = sheet.cell(row=item_row, column=FIRST_MEMBER + width - 1).coordinate
        scores.add(maximum, f"{first}:{last}")
        item_row += 1
    return item_row


def _government_sheet(sheet: Worksheet, config: CountyConfig, members: list[Committee]) -> None:
    for column, label in enumerate(GOV_HEADER, start=1):
        _put(sheet, 1, column, label, bold=True)
    validations = _Validations(sheet)
    criteria = {c.id: c.name for c in config.evaluation.government_criteria}
    row = 2
    for committee in members:
        record = committee.evaluation.record if committee.evaluation else None
        rows: list[tuple[str, str | None, Decimal, Decimal | None, str | None]]
        if record and record.government:
            rows = [(g.criterion, g.department, g.max, g.score, g.remark) for g in record.government]
        else:
            rows = [(c.id, None, c.max, None, None) for c in config.evaluation.government_criteria]
        for criterion, department, maximum, score, remark in rows:
            values = (committee.id, committee.name, criterion, criteria.get(criterion, ""), department,
                      cell_number(maximum), cell_number(score) if score is not None else None, remark)
            for column, value in enumerate(values, start=1):
                _put(sheet, row, column, value, editable=column >= 7)
            validations.add(maximum, f"G{row}")
            row += 1
    for letter, size in zip("ABCDEFGH", (22, 24, 10, 30, 12, 8, 8, 30), strict=True):
        sheet.column_dimensions[letter].width = size
    sheet.cell(row=1, column=1).alignment = Alignment(wrap_text=True)
    sheet.freeze_panes = "A2"
    sheet.protection.sheet = True
