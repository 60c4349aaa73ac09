"""The columns of a list sheet (a catalog's items, the registry's townships and committees), shared by export and
import: what each column is called, which field of the record it holds, and how a value becomes a cell and back.

A value read back from an untouched cell equals the value the record holds (`same`), so an import of an untouched
sheet finds nothing to change and writes no file.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..layout import (
    ASSIST_CATALOG,
    CERTIFICATE_CATALOG,
    COMMUNITY_FILE,
    DEPARTMENT_FILE,
    DUTY_CATALOG,
    NEGATIVE_CATALOG,
    TOWNSHIP_FILE,
    FileKind,
)
from ..models import Record
from .reading import ACCEPTED, cell_number

_SEPARATORS = re.compile(r"[、,，;；\s]+")
BASIS_COLUMNS = 3  # pairs of 法律依据/条款 columns a catalog sheet offers, more when an item cites more laws


class CellError(ValueError):
    """A cell's text that its column cannot take; the message says what the column takes."""


@dataclass(frozen=True)
class Column:
    """One column: its header, the field path it holds, how it is written and read, and its drop-down."""

    title: str
    path: tuple[str, ...]  # ("funding", "amount"); ("basis", "0", "law") for the n-th legal basis
    shape: str = "text"  # text, lines, number, whole, words, code, articles
    choices: str | None = None  # "departments", "laws", "townships", or a fixed list "村,居"
    width: int = 16
    key: bool = False  # the record's id: locked on the rows the export wrote


def _words(raw: str) -> list[str]:
    return [word for word in _SEPARATORS.split(unicodedata.normalize("NFKC", raw).strip()) if word]


def to_cell(column: Column, value: Any) -> Any:
    """The cell for a record's value (None for an absent or empty one)."""
    if value is None or value == [] or value == "":
        return None
    if column.shape == "lines":
        return "\n".join(str(line) for line in value)
    if column.shape in ("words", "articles"):
        return "、".join(str(word) for word in value)
    if column.shape in ("number", "whole") and isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return value
    if isinstance(value, dict) and set(value) == {"file"}:  # a certificate's form kept in a file
        return f"文件：{value['file']}"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _articles(text: str) -> list[int]:
    words = [w.removeprefix("第").removesuffix("条") for w in _words(text)]
    if not all(w.isdigit() and 1 <= int(w) <= 10000 for w in words):
        raise CellError(f"条款“{text}”应是条号，用顿号分开，如 21、25")
    return [int(w) for w in words]


def _number(raw: Any, text: str, whole: bool) -> Decimal | int:
    number = cell_number(raw)
    if number is None or number < 0:
        raise CellError(f"“{text}”不是数字（{ACCEPTED}）")
    if not whole:
        return number
    if number != number.to_integral_value():
        raise CellError(f"“{text}”应是整数")
    return int(number)


def from_cell(column: Column, raw: Any) -> Any:
    """A cell's value as the record holds it (None when empty); CellError when the cell cannot be read."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    text = str(raw).strip() if not isinstance(raw, float) or not raw.is_integer() else str(int(raw))
    if column.shape == "lines":
        return [line.strip() for line in text.splitlines() if line.strip()]
    if column.shape == "words":
        return _words(text)
    if column.shape == "articles":
        return _articles(text)
    if column.shape in ("number", "whole"):
        return _number(raw, text, whole=column.shape == "whole")
    if column.shape == "code":
        digits = unicodedata.normalize("NFKC", text)
        if not (len(digits) == 12 and digits.isdigit()):
            raise CellError(f"区划代码“{text}”应是 12 位数字")
        return digits
    if text.startswith("文件：") and column.path == ("form",):
        return {"file": text.removeprefix("文件：").strip()}
    return text


def same(old: Any, new: Any) -> bool:
    """Whether a value read from a cell is the value the record holds (30 and 30.0 are one amount, an absent
    list and an empty one are the same)."""
    if old in (None, [], "") or new in (None, [], ""):
        return bool(old in (None, [], "") and new in (None, [], ""))
    if isinstance(new, Decimal) and isinstance(old, int | float | Decimal) and not isinstance(old, bool):
        return Decimal(str(old)) == new
    if isinstance(old, dt.date):
        return bool(old.isoformat() == new)
    return bool(old == new)


def get(data: Any, path: tuple[str, ...]) -> Any:
    """The value at `path` in a record's plain data (None where it stops)."""
    for step in path:
        if isinstance(data, dict):
            data = data.get(step)
        elif isinstance(data, list) and step.isdigit():
            data = data[int(step)] if int(step) < len(data) else None
        else:
            return None
    return data


@dataclass(frozen=True)
class ListSheet:
    """One worksheet of a list workbook: the file kind whose list it holds, and its columns."""

    title: str
    kind: FileKind[Record]
    columns: tuple[Column, ...]
    group: Column | None = None  # committees: the township column, which names the file a row belongs to
    relpath: str | None = None  # a catalog's sheet: the one file it holds (else every file of `kind`)


def basis_columns(count: int) -> tuple[Column, ...]:
    """The 法律依据/条款 pairs, each law with the drop-down of the legal register."""
    return tuple(column for n in range(count) for column in (
        Column(f"法律依据{n + 1}", ("basis", str(n), "law"), choices="laws", width=18),
        Column(f"条款{n + 1}", ("basis", str(n), "articles"), "articles", width=10)))


_ID = Column("编号", ("id",), key=True, width=12)
_NAME = Column("事项名称", ("name",), width=40)
_APPLIES = Column("适用于（村、居）", ("applies_to",), "words", choices="村、居,村,居", width=10)
_NOTE = Column("说明", ("note",), width=30)
CATALOG_COLUMNS: dict[str, Callable[[int], tuple[Column, ...]]] = {
    "duty": lambda laws: (_ID, _NAME, *basis_columns(laws), _APPLIES, _NOTE),
    "assist": lambda laws: (
        _ID, _NAME, Column("主管部门", ("department",), choices="departments", width=14), *basis_columns(laws),
        Column("目标要求", ("requirements",), width=40), Column("评估方法", ("evaluation",), width=30),
        Column("指导和条件", ("guidance",), width=30), Column("权限与工作条件（每行一项）", ("authority",), "lines", width=30),
        Column("经费金额（元）", ("funding", "amount"), "number", width=10),
        Column("经费口径", ("funding", "unit"), width=14), Column("经费来源", ("funding", "source"), width=16),
        Column("拨付方式", ("funding", "payment"), width=20), _APPLIES),
    "negative": lambda laws: (_ID, _NAME, Column("说明或出处", ("note",), width=40)),
    "certificate": lambda laws: (
        _ID, Column("证明名称", ("name",), width=30), Column("状态", ("status",), choices="保留,取消", width=8),
        *basis_columns(laws), Column("办理用途", ("purpose",), width=24), Column("办理流程", ("procedure",), width=24),
        Column("证明式样", ("form",), width=24), _NOTE),
}
CATALOG_KINDS: dict[str, FileKind[Record]] = {
    "duty": DUTY_CATALOG, "assist": ASSIST_CATALOG, "negative": NEGATIVE_CATALOG, "certificate": CERTIFICATE_CATALOG}

TOWNSHIPS = ListSheet("乡镇（街道）", TOWNSHIP_FILE, (
    Column("编号", ("id",), key=True, width=14), Column("名称", ("name",), width=16),
    Column("类别", ("type",), choices="乡,镇,街道,国营场,开发区", width=8),
    Column("区划代码", ("code",), "code", width=14), Column("签约机关", ("government",), width=28),
    Column("主要负责人", ("head",), width=10)))
_TOWNSHIP_OF = Column("乡镇（街道）编号", ("township",), choices="townships", width=14)
COMMUNITIES = ListSheet("村（居）委会", COMMUNITY_FILE, (
    _TOWNSHIP_OF, Column("编号", ("id",), key=True, width=22), Column("名称", ("name",), width=24),
    Column("类别", ("type",), choices="村,居", width=6), Column("区划代码", ("code",), "code", width=14),
    Column("统一社会信用代码", ("uscc",), width=20), Column("法定全称", ("legal_name",), width=40),
    Column("主任", ("director",), width=10), Column("户数", ("households",), "whole", width=8),
    Column("机制牌子（编号，顿号分开）", ("plaques",), "words", width=30)), group=_TOWNSHIP_OF)
DEPARTMENTS = ListSheet("职能部门", DEPARTMENT_FILE, (
    Column("编号", ("id",), key=True, width=14), Column("部门全称", ("name",), width=30)))
REGISTRY_SHEETS = (TOWNSHIPS, COMMUNITIES, DEPARTMENTS)


def catalog_sheet(kind: str, laws: int, year: int) -> ListSheet:
    """The one worksheet of the catalog of `kind` and `year`, with `laws` pairs of basis columns (at least 3)."""
    file_kind = CATALOG_KINDS[kind]
    return ListSheet("事项", file_kind, CATALOG_COLUMNS[kind](max(laws, BASIS_COLUMNS)), relpath=file_kind.path(year))
