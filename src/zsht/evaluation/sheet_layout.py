"""The layout of a score sheet, shared by export and import, and the committees a township's sheet covers.

One worksheet per township for 履约 (the panel scores each agreed item), one more for 履职 (the committee
scores the government). The 履约 sheet holds a block per committee:

    row r    : community id | community name | 评估日期 | date | 满意度测评 | survey
    row r+1  : 事项编号 | 事项名称 | 满分 | member id …        (member ids: the machine's key)
    row r+2  :          | 姓名     |      | member name …
    row r+3  :          | 类别     |      | member category …
    row r+4  :          | 单位     |      | member organization …
    row r+5… : item id  | item name | max | score …
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..errors import UserError
from ..load.county import County, Entry
from ..models import Agreement, Evaluation
from ..policy import catalog_in_force, catalog_items

GOV_SUFFIX = "·履职"
TITLE_ROW, META_ROW, FIRST_BLOCK = 1, 2, 4
META_LABELS = {1: "年度", 3: "乡镇（街道）编号"}  # column → label in the meta row
FIRST_MEMBER = 4  # column D
DEFAULT_MEMBERS = 7  # empty member columns offered where no panel is recorded yet
BLOCK_LABELS = {(1, 2): "评估日期", (1, 4): "满意度测评", (2, 0): "事项编号", (2, 1): "事项名称", (2, 2): "满分",
                (3, 1): "姓名", (4, 1): "类别", (5, 1): "单位"}  # (row in block, column) → label; columns 0-based
MEMBER_ROWS = {"id": 2, "name": 3, "category": 4, "org": 5}  # row in block (1-based) per member attribute
ITEMS_OFFSET = 5  # rows from a block's first row to its first item row
GOV_HEADER = ("村（居）委会编号", "村（居）委会", "指标编号", "指标名称", "被评部门", "满分", "评分", "说明")


@dataclass
class Committee:
    """One committee that has a signed agreement this year, and its evaluation if any."""

    id: str
    name: str
    agreement: Agreement
    item_names: dict[str, str]
    evaluation: Entry[Evaluation] | None


def committees(county: County, year: int, township: str) -> list[Committee]:
    """The committees of a township with a signed agreement for `year`, by id."""
    names = {e.record.id: e.record.name for e in county.entries("community")}
    catalog = catalog_in_force(county, year)
    items = catalog_items(catalog.record) if catalog else {}
    evaluations = {(e.record.year, e.record.community): e for e in county.entries("evaluation")}
    found = []
    for entry in county.entries("agreement"):
        agreement = entry.record
        if agreement.year == year and agreement.township == township and agreement.status == "已签订":
            found.append(Committee(agreement.community, names.get(agreement.community, agreement.community),
                                   agreement, {i.id: items[i.id].name if i.id in items else "" for i in agreement.items},
                                   evaluations.get((year, agreement.community))))
    return sorted(found, key=lambda c: c.id)


def township_names(county: County, township: str | None) -> dict[str, str]:
    """Township id → name, of one township or all; an unknown id is a usage error."""
    towns = {e.record.id: e.record.name for e in county.entries("township")}
    if township is None:
        return towns
    if township not in towns:
        raise UserError(f"乡镇（街道）“{township}”不在名录中")
    return {township: towns[township]}


def even_maxima(count: int) -> list[Decimal]:
    """Maxima of `count` items sharing 100 points (two decimals, the last item takes the rest)."""
    if count == 0:
        return []
    share = (Decimal(100) / count).quantize(Decimal("0.01"))
    return [share] * (count - 1) + [Decimal(100) - share * (count - 1)]


def number(value: Decimal) -> int | float:
    """A Decimal as the number a spreadsheet or YAML file shows (integers without a decimal point)."""
    return int(value) if value == value.to_integral_value() else float(value)


def cell_number(value: Decimal) -> int | Decimal:
    """A Decimal for a spreadsheet cell: integers as int, others kept exact (a float would lose digits)."""
    return int(value) if value == value.to_integral_value() else value


def cell_name(column: int, row: int) -> str:
    """Excel's name of a cell, e.g. (6, 12) → F12."""
    from openpyxl.utils import get_column_letter

    return f"{get_column_letter(column)}{row}"


def as_decimal(value: Any) -> Decimal | None:
    """A cell's number as a Decimal (floats through their shortest repr), None if blank; ValueError if not a number."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int | float):
        return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    return Decimal(str(value).strip())
