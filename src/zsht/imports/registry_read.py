"""Read the rows of a registry list: a 统计用区划代码 table or a plain township/committee list (.xlsx or .csv).

The statistics office publishes, per county, a table of 统计用区划代码 (12 digits: county 6 + township 3 +
committee 3), 城乡分类代码 and 名称. Counties pass it on as a workbook or a CSV, often GBK-encoded, with a title
row above the header. Offices that have no such table keep a plain list: 乡镇（街道） and 村（居）委会 by name,
the township written once above its committees (a merged cell) or on every row. Each row read keeps where it
came from (`sheet!A5`, or `file:5` for a CSV) so that every problem names its cell or line.
"""

from __future__ import annotations

import unicodedata
import warnings
from dataclasses import dataclass
from pathlib import Path

from ..errors import UserError
from .reading import read_tables

HEADER_ROWS = 20  # the header is looked for among the first rows (a title and notes may come first)
CODE_TITLES = ("统计用区划代码", "区划代码", "行政区划代码", "代码")
NAME_TITLES = ("名称", "单位名称", "区划名称")
TOWNSHIP_TITLES = ("乡镇（街道）", "乡镇(街道)", "乡镇街道", "乡镇", "街道", "所属乡镇（街道）", "所属乡镇")
COMMUNITY_TITLES = ("村（居）委会", "村(居)委会", "村（居）民委员会", "村居委会", "村（社区）", "村(社区)",
                    "社区（村）", "村委会", "居委会", "村", "社区")


@dataclass(frozen=True)
class Cell:
    """The text of one cell and where a person finds it."""

    text: str
    where: str


@dataclass(frozen=True)
class CodeRow:
    """One row of a 区划代码 table: the code (as written) and the name."""

    code: Cell
    name: Cell


@dataclass(frozen=True)
class NameRow:
    """One row of a plain list: the township (as written on the row or above it) and the committee, if any."""

    township: Cell
    community: Cell | None


@dataclass
class RegistryRows:
    """What a registry file holds: code rows or name rows (one of the two), and every row's problem."""

    codes: list[CodeRow]
    names: list[NameRow]


def _rows(path: Path) -> list[list[Cell]]:
    """Every row of the file's first worksheet, or of the CSV, as cells with their places (read as
    `zsht import catalog` reads its lists: merged cells filled, encodings guessed)."""
    if path.suffix.lower() not in (".xlsx", ".csv"):
        raise UserError(f"{path}：只能导入 .xlsx 或 .csv 文件", hint=".xls 请另存为 .xlsx，Word 表格请另存为 Excel 工作簿")
    with warnings.catch_warnings():  # openpyxl's warnings are English and say nothing a user can act on
        warnings.simplefilter("ignore")
        table = read_tables(path)[0]
    return [[Cell(text, table.place(row, column)) for column, text in enumerate(values)]
            for row, values in enumerate(table.rows)]


def _title(text: str) -> str:
    return unicodedata.normalize("NFKC", text).replace(" ", "").replace("\n", "")


def _column(header: list[Cell], titles: tuple[str, ...]) -> int | None:
    normal = {_title(t) for t in titles}
    return next((n for n, cell in enumerate(header) if _title(cell.text) in normal), None)


def code_digits(text: str) -> str:
    """A code as digits (full-width digits and spaces read as typed)."""
    return unicodedata.normalize("NFKC", text).replace(" ", "").strip()


def _at(row: list[Cell], column: int) -> Cell:
    return row[column] if column < len(row) else Cell("", row[0].where if row else "")


def read_table(path: Path) -> RegistryRows:
    """The rows of a registry file; UserError when it is neither a 区划代码 table nor a two-column list."""
    rows = [row for row in _rows(path) if any(cell.text for cell in row)]
    if not rows:
        raise UserError(f"{path} 是空的，没有乡镇（街道）或村（居）委会")
    for number, header in enumerate(rows[:HEADER_ROWS]):
        code, name = _column(header, CODE_TITLES), _column(header, NAME_TITLES)
        if code is not None and name is not None:
            return RegistryRows([CodeRow(_at(row, code), _at(row, name)) for row in rows[number + 1:]], [])
        town, community = _column(header, TOWNSHIP_TITLES), _column(header, COMMUNITY_TITLES)
        if town is not None:
            return RegistryRows([], _named(rows[number + 1:], town, community))
    first = [cell.text for cell in rows[0]]
    if first and code_digits(first[0]).isdigit():  # a table without its header: code, (城乡分类代码,) name
        name_column = next((n for n, text in enumerate(first) if text and not code_digits(text).isdigit()), None)
        if name_column is not None:
            return RegistryRows([CodeRow(_at(row, 0), _at(row, name_column)) for row in rows], [])
    if max(len([c for c in row if c.text]) for row in rows) > 2:
        raise UserError(f"{path}：认不出表头（应有“统计用区划代码”“名称”两列，或“乡镇（街道）”“村（居）委会”两列）",
                        hint="统计局的区划代码表请保留表头行；自制名单只留乡镇、村（居）委会两列")
    return RegistryRows([], _named(rows, 0, 1))


def _named(rows: list[list[Cell]], town: int, community: int | None) -> list[NameRow]:
    """A plain list: a township left blank (a merged cell, or written once) is the one above."""
    found: list[NameRow] = []
    current: Cell | None = None
    for row in rows:
        written = _at(row, town)
        current = written if written.text else current
        member = _at(row, community) if community is not None else None
        if current is None:
            if member is not None and member.text:
                found.append(NameRow(written, member))  # reported: a committee with no township
            continue
        found.append(NameRow(current, member if member is not None and member.text else None))
    return found
