"""`zsht sheet export catalog|registry`: a catalog's items, or the registry, as a workbook to keep editing in.

One row per item (township, committee, department), Chinese headers, the header row and each exported row's
编号 locked as on the score sheets (sheet protection without a password); drop-downs for departments, laws and
townships from a locked 编号表 sheet, fixed choices (村/居, 类别) in the cell. Empty open rows below take new
records. A hidden sheet marks the workbook and keeps a fingerprint of each file as exported, so that an import
after the file changed is refused rather than putting the old values back.
"""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import IllegalCharacterError
from openpyxl.worksheet.cell_range import MultiCellRange
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ..errors import UserError
from ..layout import DEPARTMENT, LAW, TOWNSHIP
from ..load.county import County
from ..write import write_atomic
from .export import OPEN, as_text, header_cells
from .list_columns import (
    CATALOG_KINDS,
    COMMUNITIES,
    REGISTRY_SHEETS,
    Column,
    ListSheet,
    catalog_sheet,
    get,
    to_cell,
)

LIST_MARK = "_zsht_list"  # the hidden sheet: what the workbook holds, and each file's fingerprint
REFERENCE = "编号表"
NEW_ROWS = 50  # open rows below the records, for new ones
GUIDE = "灰色为表头和已有记录的编号（已锁定，工作表保护无密码）；白色单元格可改；新记录填在下方空行。"


def file_fingerprint(data: Any) -> str:
    """A hash of a file's plain data: the same for the same values however the file is laid out."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def sheet_rows(county: County, sheet: ListSheet, relpaths: list[str]) -> list[tuple[str, dict[str, Any]]]:
    """The records a sheet shows, with their files: (relpath, record data; a committee's with its township)."""
    rows = []
    records = sheet.kind.records
    assert records is not None
    for relpath in relpaths:
        data = county.files[relpath].data
        for record in data.get(records) or []:
            if isinstance(record, dict):
                rows.append((relpath, {**record, "township": data.get("township")} if sheet.group else record))
    return rows


def files_of(county: County, sheet: ListSheet) -> list[str]:
    """The files a sheet's records come from, in path order; UserError when one cannot be read."""
    if sheet.relpath is not None:
        found = [sheet.relpath] if sheet.relpath in county.files else []
    else:
        found = sorted(relpath for relpath, source in county.files.items() if source.kind is sheet.kind)
    for relpath in found:
        if not isinstance(county.files[relpath].data, dict):
            raise UserError(f"{relpath} 读不出，无法导出", hint="先运行 zsht validate 并改正它，再导出")
    return found


class _References:
    """The 编号表 sheet: one column pair per list a drop-down offers."""

    def __init__(self, book: Workbook, county: County) -> None:
        self.sheet = book.create_sheet(REFERENCE)
        self.lists = {"departments": [(e.record.id, e.record.name) for e in county.entries(DEPARTMENT)],
                      "laws": [(e.record.id, e.record.name) for e in county.entries(LAW)],
                      "townships": [(e.record.id, e.record.name) for e in county.entries(TOWNSHIP)]}
        titles = {"departments": ("部门编号", "部门名称"), "laws": ("法律编号", "法律名称"), "townships": ("乡镇编号", "乡镇名称")}
        self.ranges: dict[str, str] = {}
        for n, (name, values) in enumerate(self.lists.items()):
            column = 1 + 2 * n
            header_cells(self.sheet, 1, titles[name], start=column)
            for row, pair in enumerate(values, start=2):
                for offset, value in enumerate(pair):
                    self.sheet.cell(row, column + offset, value)
            letter = get_column_letter(column)
            self.ranges[name] = f"'{REFERENCE}'!${letter}$2:${letter}${max(2, len(values) + 1)}"
            self.sheet.column_dimensions[letter].width = 16
            self.sheet.column_dimensions[get_column_letter(column + 1)].width = 30
        self.sheet.protection.sheet = True

    def formula(self, choices: str) -> str:
        return self.ranges.get(choices, f'"{choices}"')


def _validation(column: Column, references: _References) -> DataValidation | None:
    """What Excel checks as a cell is typed: a choice from its list, a number, a code of 12 digits."""
    if column.choices:
        return DataValidation(type="list", formula1=references.formula(column.choices), allow_blank=True,
                              showErrorMessage=True, errorTitle="不在列表中", error=f"请从列表中选择{column.title}")
    if column.shape in ("number", "whole"):
        return DataValidation(type="decimal" if column.shape == "number" else "whole", operator="greaterThanOrEqual",
                              formula1="0", allow_blank=True, showErrorMessage=True, errorTitle="不是数字",
                              error=f"{column.title}请填不小于 0 的{'数字' if column.shape == 'number' else '整数'}")
    if column.shape == "code":
        return DataValidation(type="textLength", operator="equal", formula1="12", allow_blank=True,
                              showErrorMessage=True, errorTitle="区划代码不对", error="区划代码是 12 位数字")
    return None


def _fill(book: Workbook, spec: ListSheet, rows: list[tuple[str, dict[str, Any]]], references: _References) -> None:
    sheet: Worksheet = book.create_sheet(spec.title)
    header_cells(sheet, 1, [column.title for column in spec.columns])
    sheet.cell(1, len(spec.columns) + 2, GUIDE)
    last = len(rows) + 1 + NEW_ROWS
    for number, (_, record) in enumerate(rows, start=2):
        for col, column in enumerate(spec.columns, start=1):
            cell = sheet.cell(number, col, to_cell(column, get(record, column.path)))
            if not column.key:
                cell.protection = OPEN
            if column.shape == "lines":
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    for number in range(len(rows) + 2, last + 1):
        for col in range(1, len(spec.columns) + 1):
            sheet.cell(number, col).protection = OPEN
    for col, column in enumerate(spec.columns, start=1):
        letter = get_column_letter(col)
        sheet.column_dimensions[letter].width = column.width
        rule = _validation(column, references)
        if rule is not None:
            sheet.add_data_validation(rule)
            rule.sqref = MultiCellRange(f"{letter}2:{letter}{last}")  # once: openpyxl's add is quadratic
        if column.shape == "code":  # typed digits stay text: 320722100201, not 3.20722E+11
            for row in range(2, last + 1):
                sheet.cell(row, col).number_format = "@"
    sheet.freeze_panes = "B2"
    sheet.protection.sheet = True


def _finish(book: Workbook, county: County, mark: tuple[str, str, int | None], relpaths: list[str],
            target: Path) -> None:
    sheet = book.create_sheet(LIST_MARK)
    sheet.append(["zsht-list", *mark])
    for relpath in relpaths:
        sheet.append([relpath, file_fingerprint(county.files[relpath].data)])
    sheet.sheet_state = "veryHidden"
    sheet.protection.sheet = True
    as_text(book)
    buffer = io.BytesIO()
    try:
        book.save(buffer)
    except IllegalCharacterError as exc:  # a control character in a name: a cell of .xlsx cannot hold it
        raise UserError("无法导出：记录中有 Excel 不能保存的控制字符", hint="先运行 zsht validate，改正这个名称") from exc
    write_atomic(target, buffer.getvalue())


def _book() -> Workbook:
    book = Workbook()
    book.remove(book.worksheets[0])
    return book


def export_catalog(county: County, kind: str, year: int, target: Path) -> int:
    """Write the items of catalogs/<kind>/<year>.yaml to `target`; return the number of items."""
    relpath = CATALOG_KINDS[kind].path(year)
    source = county.files.get(relpath)
    if source is None or not isinstance(source.data, dict):
        raise UserError(f"{relpath} 不存在或读不出，无法导出",
                        hint="先用 zsht import catalog 导入清单，或运行 zsht validate 改正它")
    items = [item for item in source.data.get("items") or [] if isinstance(item, dict)]
    laws = max((len(item.get("basis") or []) for item in items), default=0)
    spec = catalog_sheet(kind, laws, year)
    book = _book()
    references = _References(book, county)
    _fill(book, spec, [(relpath, item) for item in items], references)
    book.move_sheet(REFERENCE, offset=1)
    _finish(book, county, ("catalog", kind, year), [relpath], target)
    return len(items)


def export_registry(county: County, target: Path) -> int:
    """Write the townships, committees and departments to `target`; return the number of rows."""
    book = _book()
    references = _References(book, county)
    relpaths: list[str] = []
    count = 0
    for spec in REGISTRY_SHEETS:
        files = files_of(county, spec)
        rows = sheet_rows(county, spec, files)
        if spec is COMMUNITIES:  # in the order of the townships' list, each township's in its file's order
            order = {town: n for n, (town, _) in enumerate(references.lists["townships"])}
            rows.sort(key=lambda row: order.get(row[1]["township"], len(order)))
        _fill(book, spec, rows, references)
        relpaths += files
        count += len(rows)
    book.move_sheet(REFERENCE, offset=len(REGISTRY_SHEETS))
    _finish(book, county, ("registry", "", None), relpaths, target)
    return count
