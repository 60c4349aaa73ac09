"""Reading a filled score sheet: every problem is kept with its sheet and cell, nothing is raised."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from openpyxl.worksheet.worksheet import Worksheet

from ..models import PANEL_CATEGORIES
from .sheet_layout import (
    BLOCK_LABELS,
    FIRST_BLOCK,
    FIRST_MEMBER,
    GOV_HEADER,
    ITEMS_OFFSET,
    META_ROW,
    as_decimal,
    cell_name,
)


@dataclass
class Problems:
    """Problems found in a workbook, each as `sheet!cell: message`."""

    lines: list[str] = field(default_factory=list)

    def add(self, sheet: Worksheet, column: int, row: int, message: str) -> None:
        self.lines.append(f"{sheet.title}!{cell_name(column, row)}: {message}")


@dataclass
class Block:
    """One committee's block as read from the 履约 sheet."""

    community: str
    cell: tuple[int, int]  # (column, row) of the community id, for messages about the whole block
    date: dt.date | None
    survey: Decimal | None
    panel: list[dict[str, Any]]
    rows: list[tuple[str, str, Decimal, dict[str, Decimal], int]]  # item, name, max, scores, sheet row


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def read_score(sheet: Worksheet, column: int, row: int, maximum: Decimal | None, problems: Problems) -> Decimal | None:
    """A score cell as a Decimal between 0 and `maximum`; a problem otherwise."""
    value = sheet.cell(row=row, column=column).value
    try:
        score = as_decimal(value)
    except (ValueError, InvalidOperation):
        problems.add(sheet, column, row, f"分数“{value}”不是数字")
        return None
    if score is None:
        return None
    if score < 0:
        problems.add(sheet, column, row, f"分数 {score} 小于 0")
    elif maximum is not None and score > maximum:
        problems.add(sheet, column, row, f"分数 {score} 超过满分 {maximum}")
    else:
        return score
    return None


def read_meta(sheet: Worksheet, problems: Problems) -> tuple[int | None, str]:
    """The year and township id from the meta row."""
    labels = {1: "年度", 3: "乡镇（街道）编号"}
    for column, label in labels.items():
        if _text(sheet.cell(row=META_ROW, column=column).value) != label:
            problems.add(sheet, column, META_ROW, f"表头被改动：应为“{label}”")
    year = sheet.cell(row=META_ROW, column=2).value
    if not isinstance(year, int):
        problems.add(sheet, 2, META_ROW, f"年度“{year}”不是整数")
        year = None
    return year, _text(sheet.cell(row=META_ROW, column=4).value)


def _date(sheet: Worksheet, row: int, problems: Problems) -> dt.date | None:
    value = sheet.cell(row=row, column=4).value
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date) or value is None:
        return value
    try:
        return dt.date.fromisoformat(_text(value))
    except ValueError:
        problems.add(sheet, 4, row, f"评估日期“{value}”不是日期（应如 2015-12-20）")
        return None


def _panel(sheet: Worksheet, row: int, problems: Problems) -> list[tuple[int, dict[str, Any]]]:
    members: list[tuple[int, dict[str, Any]]] = []
    seen: set[str] = set()
    for column in range(FIRST_MEMBER, sheet.max_column + 1):
        member_id, name, category, org = (_text(sheet.cell(row=row + k, column=column).value) for k in range(1, 5))
        if not member_id:
            if name or category:
                problems.add(sheet, column, row + 1, "填了成员姓名或类别，但没有成员编号")
            continue
        if member_id in seen:
            problems.add(sheet, column, row + 1, f"成员编号 {member_id} 重复")
        if not name:
            problems.add(sheet, column, row + 2, f"成员 {member_id} 没有姓名")
        if category not in PANEL_CATEGORIES:
            problems.add(sheet, column, row + 3, f"成员 {member_id} 的类别“{category}”不是：{'、'.join(PANEL_CATEGORIES)}")
        seen.add(member_id)
        members.append((column, {"id": member_id, "name": name, "category": category, **({"org": org} if org else {})}))
    return members


def read_block(sheet: Worksheet, row: int, problems: Problems) -> tuple[Block, int]:
    """The committee block starting at `row`, and the row after it."""
    for (offset, column), label in BLOCK_LABELS.items():
        if _text(sheet.cell(row=row + offset - 1, column=column + 1).value) != label:
            problems.add(sheet, column + 1, row + offset - 1, f"表头被改动：应为“{label}”")
    survey = read_score(sheet, 6, row, Decimal(100), problems)
    members = _panel(sheet, row, problems)
    rows = []
    item_row = row + ITEMS_OFFSET
    while _text(sheet.cell(row=item_row, column=1).value):
        item = _text(sheet.cell(row=item_row, column=1).value)
        try:
            maximum = as_decimal(sheet.cell(row=item_row, column=3).value)
        except (ValueError, InvalidOperation):
            maximum = None
        if maximum is None or maximum <= 0:
            problems.add(sheet, 3, item_row, "满分须为正数")
        scores = {}
        for column in range(FIRST_MEMBER, sheet.max_column + 1):
            score = read_score(sheet, column, item_row, maximum, problems)
            member = next((m["id"] for c, m in members if c == column), None)
            if score is not None and member is None:
                problems.add(sheet, column, item_row, "这一列没有成员编号，分数无法归属")
            elif score is not None and member is not None:
                scores[member] = score
        rows.append((item, _text(sheet.cell(row=item_row, column=2).value), maximum or Decimal(0), scores, item_row))
        item_row += 1
    block = Block(_text(sheet.cell(row=row, column=1).value), (1, row), _date(sheet, row, problems), survey,
                  [m for _, m in members], rows)
    return block, item_row


def read_blocks(sheet: Worksheet, problems: Problems) -> list[Block]:
    """Every committee block of a 履约 sheet."""
    blocks = []
    row = FIRST_BLOCK
    while row <= sheet.max_row:
        if not _text(sheet.cell(row=row, column=1).value):
            row += 1
            continue
        block, row = read_block(sheet, row, problems)
        blocks.append(block)
    return blocks


def read_government(sheet: Worksheet, problems: Problems) -> dict[str, list[dict[str, Any]]]:
    """The 履职 rows by community: criterion, department, max, score, remark (rows without a score are left out)."""
    for column, label in enumerate(GOV_HEADER, start=1):
        if _text(sheet.cell(row=1, column=column).value) != label:
            problems.add(sheet, column, 1, f"表头被改动：应为“{label}”")
    found: dict[str, list[dict[str, Any]]] = {}
    for row in range(2, sheet.max_row + 1):
        community = _text(sheet.cell(row=row, column=1).value)
        if not community:
            continue
        try:
            maximum = as_decimal(sheet.cell(row=row, column=6).value)
        except (ValueError, InvalidOperation):
            maximum = None
        if maximum is None or maximum <= 0:
            problems.add(sheet, 6, row, "满分须为正数")
        score = read_score(sheet, 7, row, maximum, problems)
        entry: dict[str, Any] = {"criterion": _text(sheet.cell(row=row, column=3).value), "max": maximum,
                                 "score": score, "row": row}
        department, remark = _text(sheet.cell(row=row, column=5).value), _text(sheet.cell(row=row, column=8).value)
        entry.update({"department": department or None, "remark": remark or None})
        found.setdefault(community, []).append(entry)
    return found
