"""`zsht sheet export`: one protected workbook for the panel to score a year's evaluations in."""

from __future__ import annotations

import io
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill, Protection
from openpyxl.utils.exceptions import IllegalCharacterError
from openpyxl.worksheet.cell_range import MultiCellRange
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ..errors import UserError
from ..evaluation.year import unloaded_evaluations
from ..layout import TOWNSHIP
from ..load.config import settings
from ..load.county import County
from ..models import PANEL_CATEGORIES
from ..roundtrip import yaml_number
from ..write import write_atomic
from .fingerprint import fingerprint, write_fingerprints
from .layout import (
    EMPTY_PANEL_COLUMNS,
    FIRST_MEMBER_COLUMN,
    GOV_FIRST_ROW,
    GOV_HEADER,
    GOV_SUFFIX,
    ITEM_HEADER,
    META,
    PANEL_LABELS,
    SURVEY,
    SURVEY_NAME,
    CommunitySheet,
    community_sheets,
    township_titles,
)

HEADER_FILL = PatternFill("solid", fgColor="DDDDDD")
OPEN = Protection(locked=False)


def _number(value: Decimal | None) -> float | int | None:
    return None if value is None else yaml_number(value)


class _Validations:
    """One decimal-range validation per maximum, so each score cell refuses what exceeds its own maximum.

    Cells are collected and given to each validation once, by `finish`: openpyxl's own `add` compares a new
    cell with every range already there, which made a province's workbook take minutes.
    """

    def __init__(self, sheet: Worksheet) -> None:
        self.sheet = sheet
        self.by_max: dict[Decimal, DataValidation] = {}
        self.cells: dict[Decimal, list[str]] = {}

    def score_cell(self, row: int, column: int, maximum: Decimal, value: Decimal | None, final: bool = False) -> None:
        """A score cell, open to the panel; locked and grey when its evaluation is finalized (import refuses a change
        to it: the sheet says so before anyone types)."""
        cell = self.sheet.cell(row, column, _number(value))
        if final:
            cell.fill = HEADER_FILL
            return
        cell.protection = OPEN
        if maximum not in self.by_max:
            shown = str(_number(maximum))
            rule = DataValidation(type="decimal", operator="between", formula1="0", formula2=shown,
                                  allow_blank=True, showErrorMessage=True, errorTitle="分数超出范围",
                                  error=f"请输入 0 到 {shown} 之间的分数")
            self.sheet.add_data_validation(rule)
            self.by_max[maximum] = rule
            self.cells[maximum] = []
        self.cells[maximum].append(cell.coordinate)

    def finish(self) -> None:
        for maximum, rule in self.by_max.items():
            rule.sqref = MultiCellRange(" ".join(self.cells[maximum]))


def header_cells(sheet: Worksheet, row: int, values: Sequence[str | int | None], start: int = 1) -> None:
    """Write a header row from `start`: bold on grey, as every zsht sheet shows what is not to be filled."""
    for offset, value in enumerate(values):
        cell = sheet.cell(row, start + offset, value)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL


def _meta(sheet: Worksheet, year: int, township: str, title: str) -> None:
    header_cells(sheet, 1, [META[0], year, META[1], township, title])
    sheet.cell(2, 1, "灰色为表头和已评定、已公示的评估（已锁定，工作表保护无密码）；白色单元格填分数。")
    sheet.protection.sheet = True
    for column, width in zip("ABCDE", (26, 22, 12, 40, 8), strict=True):
        sheet.column_dimensions[column].width = width


def _panel_block(sheet: Worksheet, row: int, block: CommunitySheet, checks: _Validations,
                 categories: list[str]) -> int:
    """Write one committee's block from `row`; return the next free row."""
    panel: list[tuple[str, str, str]] = [(m.category, m.name, m.id) for m in block.panel]
    panel = panel or [("", "", "")] * EMPTY_PANEL_COLUMNS
    for offset, label in enumerate(PANEL_LABELS):
        header_cells(sheet, row + offset, ITEM_HEADER if offset == 2 else ("",) * 4 + (label,))
        for n, member in enumerate(panel):
            cell = sheet.cell(row + offset, FIRST_MEMBER_COLUMN + n, member[offset] or None)
            cell.font, cell.fill = Font(bold=True), HEADER_FILL
            if not block.panel_own:
                cell.protection = OPEN
                if offset == 0:
                    categories.append(cell.coordinate)
    row += 3
    ids = [m.id for m in block.panel] or [""] * EMPTY_PANEL_COLUMNS
    for item in block.items:
        for column, value in enumerate((block.name, block.community, item.item, item.name,
                                        _number(item.max)), start=1):
            sheet.cell(row, column, value)
        for n, member_id in enumerate(ids):
            checks.score_cell(row, FIRST_MEMBER_COLUMN + n, item.max, item.scores.get(member_id), block.final)
        row += 1
    return row + 1


def _government(sheet: Worksheet, blocks: list[CommunitySheet]) -> None:
    header_cells(sheet, GOV_FIRST_ROW - 1, GOV_HEADER)
    checks = _Validations(sheet)
    row = GOV_FIRST_ROW
    for block in blocks:
        rows = [(g.criterion, g.name, g.max, g.score) for g in block.government]
        rows.append((SURVEY, SURVEY_NAME, Decimal(100), block.survey))
        for criterion, name, maximum, score in rows:
            for column, value in enumerate((block.name, block.community, criterion, name,
                                            _number(maximum)), start=1):
                sheet.cell(row, column, value)
            checks.score_cell(row, 6, maximum, score, block.final)
            row += 1
    checks.finish()


def as_text(book: Workbook) -> None:
    """Every value is data: a name that begins with “=” (openpyxl takes it for a formula) is written as text, so
    a record can never put a live formula into the panel's workbook, and the import reads back the same name."""
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"


def build_workbook(county: County, year: int, township: str | None = None) -> Workbook:
    """The score workbook of `year` (optionally one township), prefilled with the scores already recorded."""
    config = settings(county, "无法导出评分表")
    towns = {e.record.id: e.record.name for e in county.entries(TOWNSHIP)}
    if township is not None and township not in towns:
        raise UserError(f"乡镇（街道）“{township}”不在名录中")
    broken = [e for e in unloaded_evaluations(county, year) if township is None or e.township == township]
    if broken:  # its scores could not be prefilled, and the import would refuse that file anyway
        raise UserError(f"{broken[0].file}：{broken[0].reason}；这份评估记录读不出，评分表无法预填它的分数"
                        + (f"（另有 {len(broken) - 1} 份）" if len(broken) > 1 else ""),
                        hint="先运行 zsht validate 并改正它，再导出")
    book = Workbook()
    book.remove(book.worksheets[0])
    sheets = community_sheets(county, year, township)
    titles = township_titles(towns)
    fingerprints: dict[str, str] = {}
    for town_id, town_name in towns.items():
        blocks = sheets.get(town_id)
        if not blocks:
            continue
        title = f"{config.county}{year}年度{town_name}履职履约双向评估评分表"
        fingerprints.update((c.community, fingerprint(c.evaluation)) for c in blocks)
        sheet = book.create_sheet(titles[town_id])
        _meta(sheet, year, town_id, title)
        checks = _Validations(sheet)
        categories = DataValidation(type="list", formula1='"' + ",".join(PANEL_CATEGORIES) + '"',
                                    allow_blank=True, showErrorMessage=True, errorTitle="类别不对",
                                    error="请从列表中选择评估主体类别")
        sheet.add_data_validation(categories)
        row, open_headers = 4, list[str]()
        for block in blocks:
            row = _panel_block(sheet, row, block, checks, open_headers)
        categories.sqref = MultiCellRange(" ".join(open_headers))
        checks.finish()
        gov = book.create_sheet(titles[town_id] + GOV_SUFFIX)
        _meta(gov, year, town_id, title + "（履职）")
        _government(gov, blocks)
    if not book.worksheets:
        raise UserError(f"{year} 年没有协议，无法导出评分表")
    as_text(book)
    write_fingerprints(book, fingerprints)
    return book


def export_sheets(county: County, year: int, township: str | None, target: Path) -> int:
    """Write the score workbook to `target`; return the number of township worksheets."""
    try:
        book = build_workbook(county, year, township)
    except IllegalCharacterError as exc:  # a control character in a name: a cell of .xlsx cannot hold it
        text = str(exc).removesuffix(" cannot be used in worksheets.")
        raise UserError(f"评分表无法导出：{text!r} 含有 Excel 不能保存的控制字符",
                        hint="先运行 zsht validate，改正记录中的这个名称") from exc
    buffer = io.BytesIO()
    book.save(buffer)
    write_atomic(target, buffer.getvalue())
    return sum(1 for sheet in book.worksheets if sheet.sheet_state == "visible") // 2
