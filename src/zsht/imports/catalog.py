"""`zsht import catalog`: a county's list in Word, Excel or CSV written as `catalogs/<kind>/<year>.yaml`.

Every table of the file whose header names the items is read (a table without a header of its own, as wide as
the one before, continues it: a list split over pages or by category). Category rows become comments above
their first item, notes under the table comments at the top of the file; the items are numbered anew
(LZ-001 …) in the order of the file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import UserError
from ..layout import ASSIST_CATALOG, CERTIFICATE_CATALOG, DUTY_CATALOG, NEGATIVE_CATALOG, FileKind
from ..load.config import read_config
from ..lock import county_write_lock
from ..models.common import ID_FORMATS
from ..write import existing_file, write_atomic
from .header import NOT_ITEM_FIELDS, Header, find_header, parse_columns
from .items import Gap, build_item
from .mapping import Register
from .reading import Table, read_tables
from .text import is_category, is_footnote

CATALOGS: dict[str, FileKind[Any]] = {kind.name: kind for kind in
                                      (DUTY_CATALOG, ASSIST_CATALOG, NEGATIVE_CATALOG, CERTIFICATE_CATALOG)}
TITLES = {"duty": "依法履行职责事项", "assist": "协助政府工作事项", "negative": "减负工作事项清单",
          "certificate": "出具证明事项清单"}


class NothingToImport(UserError):
    """The file holds no list zsht recognises: nothing written."""

    exit_code = 1


class ImportRefused(UserError):
    """The catalog file is already there and --force was not given: nothing written."""

    exit_code = 1


@dataclass
class CatalogImport:
    """What an import read and wrote, for the summary."""

    relpath: str
    source: str
    fields: list[str]  # the item's fields, in the model's order
    items: list[dict[str, Any]] = field(default_factory=list)
    present: dict[str, int] = field(default_factory=dict)  # field → items with text for it
    mapped: dict[str, int] = field(default_factory=dict)  # field → items where it became structure
    gaps: list[Gap] = field(default_factory=list)
    columns: set[str] = field(default_factory=set)  # fields some column held
    unknown_columns: list[str] = field(default_factory=list)  # “表 1 第 7 列“联系人””
    skipped: list[str] = field(default_factory=list)  # rows read but not imported, with why
    categories: list[tuple[int, str]] = field(default_factory=list)  # (index of first item, category)
    footnotes: list[str] = field(default_factory=list)
    title: str = ""
    default_status: bool = False  # a certificate list without a status column: every item 保留


def import_catalog(root: Path, source: Path, kind: str, year: int, columns: str | None = None,
                   force: bool = False) -> CatalogImport:
    """Read the list in `source` and write it as the `kind` catalog of `year` in the county at `root`.

    Raises NothingToImport when no table names its items, ImportRefused when the file exists and not `force`,
    UserError for a file that cannot be read or a wrong --columns."""
    catalog = CATALOGS[kind]
    assert catalog.items is not None  # every catalog kind lists items
    fields = [name for name in catalog.items.model.model_fields if name != "id"]
    chosen = parse_columns(columns, {*fields, *NOT_ITEM_FIELDS})
    tables = read_tables(source)
    county = read_config(root).county
    result = CatalogImport(catalog.path(year), source.name, fields)
    _read(tables, result, chosen, Register.load(root, county), ID_FORMATS[kind][1].split("-")[0])
    if not result.items:
        raise NothingToImport(f"{source.name}：没有找到可识别的清单（没有含“事项名称”“序号”等列标题的表格），未写入",
                              hint="用 --columns 指出哪一列是什么，如 --columns 工作内容=名称,牵头单位=主管部门")
    result.title = result.title or f"{county}村（居）民委员会{TITLES[kind]}"
    if kind == "certificate" and "status" not in result.columns:
        result.default_status = True
        for item in result.items:
            item["status"] = "保留"
    from .writing import catalog_bytes  # only a successful read pays for ruamel

    target = root / result.relpath
    content = catalog_bytes(root, target, result, year, with_stages=kind != "negative")
    with county_write_lock(root):
        if existing_file(target) is not None and not force:
            raise ImportRefused(f"{result.relpath} 已存在，未改动", hint="确认要用导入的清单替换它时加 --force")
        write_atomic(target, content)
    return result


def _read(tables: list[Table], result: CatalogImport, chosen: dict[str, str], register: Register,
          prefix: str) -> None:
    """Read the items of every table with a header (or continuing the one before) into `result`."""
    fieldset = {*result.fields, *NOT_ITEM_FIELDS}
    previous: Header | None = None
    for table in tables:
        header = find_header(table.rows, fieldset, chosen)
        if header is None:
            width = max((len(row) for row in table.rows), default=0)
            if previous is None or width != len(previous.cells):
                continue
            header = Header(0, previous.columns, previous.unknown, previous.cells)
        elif not result.title:
            result.title = _title([*table.before, *(c for row in table.rows[:header.body] for c in row[:1])])
        previous = header
        result.columns.update(header.columns.values())
        result.unknown_columns.extend(f"{table.where}第 {column + 1} 列“{title}”"
                                      for column, title in header.unknown.items()
                                      if f"“{title}”" not in "".join(result.unknown_columns))
        for number, row in enumerate(table.rows[header.body:], start=header.body + 1):
            _row(row, f"{table.where}第 {number} 行", header, result, register, prefix)


def _row(row: list[str], where: str, header: Header, result: CatalogImport, register: Register,
         prefix: str) -> None:
    """One row below the header: an item, a category, a note, or nothing."""
    texts = [text for text in row if text]
    if not texts or row == header.cells:
        return
    cells: dict[str, list[str]] = {}
    for column, name in header.columns.items():
        if column < len(row):
            cells.setdefault(name, []).append(row[column])
    names = [text for text in cells.get("name", []) if text]
    if len(set(texts)) == 1 and _not_an_item(texts, names, cells.get("number", []), result):
        return
    if not names:
        result.skipped.append(f"{where}没有事项名称，未导入：{'｜'.join(texts)[:40]}")
        return
    category = next((text for text in cells.get("category", []) if text), None)
    if category and (not result.categories or result.categories[-1][1] != category):
        result.categories.append((len(result.items), category))
    built = build_item(f"{prefix}-{len(result.items) + 1:03d}", cells, result.fields, register)
    result.items.append(built.values)
    result.gaps.extend(built.gaps)
    for name in built.values:
        if name in cells:
            result.present[name] = result.present.get(name, 0) + 1
    for name in built.mapped:
        result.mapped[name] = result.mapped.get(name, 0) + 1


def _not_an_item(texts: list[str], names: list[str], numbers: list[str], result: CatalogImport) -> bool:
    """Whether a row with one text is a note, a category or a stray number rather than an item: a text that
    spans the row (or is outside the name column) and is no category is a note; a name alone is an item."""
    text = texts[0]
    if is_footnote(text):
        result.footnotes.append(text)
    elif is_category(text):
        result.categories.append((len(result.items), text))
    elif len(texts) > 1 or not names:
        if text not in numbers:
            result.footnotes.append(text)
    else:
        return False
    return True


def _title(texts: list[str]) -> str:
    """The list's title among the text above its table: the last line naming a list (清单, 事项), or ""."""
    for text in reversed(texts):
        line = text.replace("\n", "").strip().strip("《》")
        if ("清单" in line or "事项" in line) and 4 <= len(line) <= 60 and not is_footnote(line):
            return line
    return ""
