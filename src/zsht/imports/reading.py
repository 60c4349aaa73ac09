"""The tables of a list file as rows of text: Word tables, Excel sheets, a CSV file — the one reader of the files
`zsht import catalog` and `zsht import registry` take in.

Merged cells are filled in: a cell merged across columns or rows gives its text to every grid cell it covers
(python-docx does so for Word; for Excel the merged ranges are filled here), so a department merged down three
rows belongs to each of the three items, and a category row spanning the table reads the same in every column.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import UserError
from ..load.encoding import guess_encoding
from .text import clean

SUFFIXES = (".docx", ".xlsx", ".csv")


@dataclass
class Table:
    """One table of the file: its rows of cell text, where it is (for messages), the text just before it."""

    rows: list[list[str]]
    where: str  # 表 2, 工作表“协助事项”
    before: list[str] = field(default_factory=list)  # paragraphs (Word) or title rows above the table
    sheet: str | None = None  # an Excel sheet's name
    file: str = ""  # the file's name (a CSV's cells are named by it)

    def place(self, row: int, column: int) -> str:
        """Where a person finds a cell (0-based `row`, `column`): `协助事项!B5`, `名单.csv:5`, `表 2 第 5 行`."""
        if self.sheet is not None:
            from openpyxl.utils import get_column_letter

            return f"{self.sheet}!{get_column_letter(column + 1)}{row + 1}"
        if self.where == "CSV":
            return f"{self.file}:{row + 1}"
        return f"{self.where} 第 {row + 1} 行"


def read_tables(path: Path) -> list[Table]:
    """Every table of `path` (.docx, .xlsx or .csv) as text; UserError when the file cannot be read."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise UserError(f"{path.name}：不能导入 {suffix or '无扩展名'} 文件",
                        hint="请另存为 Word（.docx）、Excel（.xlsx）或 CSV（.csv）后再导入；.doc/.xls 旧格式请先用 Word 或 WPS 另存")
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise UserError(f"{path}：文件不存在", hint="检查路径和文件名") from None
    except IsADirectoryError:
        raise UserError(f"{path}：是文件夹，不是清单文件", hint="指定一个 .docx、.xlsx 或 .csv 文件") from None
    try:
        if suffix == ".docx":
            return _word(raw)
        if suffix == ".xlsx":
            return _excel(raw)
    except Exception as exc:  # noqa: BLE001 - a damaged office file raises whatever its parser meets first
        kind = "Word" if suffix == ".docx" else "Excel"
        raise UserError(f"{path.name}：不能作为 {kind} 文件读取（{type(exc).__name__}）",
                        hint=f"用 {kind} 或 WPS 打开后另存为 {suffix}，再导入") from exc
    return [Table(_csv_rows(raw, path.name), "CSV", file=path.name)]


def _word(raw: bytes) -> list[Table]:
    """The tables of a Word document, each with the paragraphs written between it and the previous table."""
    from docx import Document  # only the import pays for python-docx
    from docx.table import Table as WordTable

    tables: list[Table] = []
    before: list[str] = []
    for block in Document(io.BytesIO(raw)).iter_inner_content():
        if isinstance(block, WordTable):
            # A merged cell is met once per grid cell it covers: its text is read once. Keyed by the element
            # itself, which the dict keeps alive, so lxml hands back the same proxy for it.
            texts: dict[Any, str] = {}
            rows = [[texts[cell._tc] if cell._tc in texts else texts.setdefault(cell._tc, clean(cell.text))
                     for cell in row.cells] for row in block.rows]
            tables.append(Table(rows, f"表 {len(tables) + 1}", before))
            before = []
        elif text := clean(block.text):
            before.append(text)
    return tables


def _excel(raw: bytes) -> list[Table]:
    """Every sheet of a workbook as a table, merged ranges filled with their top-left value."""
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(raw), data_only=True)  # not read-only: merged ranges are only known so
    tables = []
    for sheet in book.worksheets:
        grid = [[_cell_text(value) for value in row] for row in sheet.iter_rows(values_only=True)]
        for merged in sheet.merged_cells.ranges:
            value = grid[merged.min_row - 1][merged.min_col - 1] if merged.min_row <= len(grid) else ""
            for row in range(merged.min_row - 1, min(merged.max_row, len(grid))):
                for column in range(merged.min_col - 1, min(merged.max_col, len(grid[row]))):
                    grid[row][column] = value
        tables.append(Table(grid, f"工作表“{sheet.title}”", sheet=sheet.title))
    return tables


def _cell_text(value: Any) -> str:
    """A spreadsheet value as the text it shows: 2000 rather than 2000.0."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return clean(value)


def _csv_rows(raw: bytes, name: str) -> list[list[str]]:
    """The rows of a CSV file in UTF-8 (with or without BOM) or GBK/GB18030, as zsht guesses encodings."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        guess = guess_encoding(raw)
        if guess.text is None:
            raise UserError(f"{name}：{guess.doubt}", hint="用 Excel 或 WPS 另存为“CSV UTF-8”后再导入") from None
        text = guess.text
    return [[clean(cell) for cell in row] for row in csv.reader(io.StringIO(text, newline=""))]
