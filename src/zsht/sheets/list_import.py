"""`zsht sheet import` of a list workbook (`zsht sheet export catalog|registry`): all or nothing.

Each row is compared with the record it names, value by value (`list_columns.same`); only the values that differ
are set, in the file's round-trip YAML, so comments, key order and quoting stay, and a file no row changes is not
written at all. A new 编号 adds a record at the end of its list. What a sheet may not do is refused by cell: a
record left out (deleting is done in the file), an 编号 twice, a committee moved to another township, a file
changed since the export (its old values would come back), a value `zsht validate` would call an error.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from ..layout import COMMUNITY_FILE
from ..load.county import County
from ..models import Funding
from ..roundtrip import dumped, round_trip, schema_modeline, yaml_number
from ..staging import write_all
from ..write_gate import errors_if_written, frozen_changes
from .list_columns import (
    CATALOG_KINDS,
    REGISTRY_SHEETS,
    CellError,
    Column,
    ListSheet,
    catalog_sheet,
    from_cell,
    get,
    same,
)
from .list_export import LIST_MARK, file_fingerprint, files_of, sheet_rows


@dataclass
class ListOutcome:
    """What a list import did, or why it refused: problems are `sheet!cell: message` lines."""

    problems: list[str] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    changed: int = 0  # records changed
    added: int = 0  # records added


@dataclass
class _Row:
    number: int
    values: dict[tuple[str, ...], Any]
    refs: dict[tuple[str, ...], str]


def is_list_workbook(book: Workbook) -> bool:
    """Whether `book` was written by `zsht sheet export catalog|registry` (rather than as a score sheet)."""
    return LIST_MARK in book.sheetnames


def _specs(book: Workbook, mark: list[Any]) -> tuple[list[ListSheet], str | None]:
    """The sheets the workbook should hold, from its mark; and a problem when the mark is not one zsht writes."""
    if mark[:2] == ["zsht-list", "registry"]:
        return list(REGISTRY_SHEETS), None
    if mark[:2] == ["zsht-list", "catalog"] and mark[2] in CATALOG_KINDS and isinstance(mark[3], int) and "事项" in book:
        header = [cell.value for cell in book["事项"][1]]
        laws = sum(1 for value in header if isinstance(value, str) and value.startswith("法律依据"))
        return [catalog_sheet(str(mark[2]), laws, mark[3])], None
    return [], f"{LIST_MARK}!A1: 工作簿的标记被改动，认不出是哪份清单；请重新导出"


def _read_rows(sheet: Worksheet, spec: ListSheet, problems: list[str]) -> list[_Row] | None:
    """The filled rows of a sheet, each value read by its column; None when the header was changed."""
    header = [f"{sheet.title}!{sheet.cell(1, col).coordinate}: 表头被改动或缺失：应为“{column.title}”"
              for col, column in enumerate(spec.columns, start=1)
              if str(sheet.cell(1, col).value or "").strip() != column.title]
    if header:  # the columns cannot be told apart: nothing below is read
        problems.extend(header)
        return None
    rows = []
    for number in range(2, sheet.max_row + 1):
        cells = [sheet.cell(number, col) for col in range(1, len(spec.columns) + 1)]
        if all(cell.value is None or str(cell.value).strip() == "" for cell in cells):
            continue
        row = _Row(number, {}, {})
        for column, cell in zip(spec.columns, cells, strict=True):
            ref = f"{sheet.title}!{cell.coordinate}"
            row.refs[column.path] = ref
            if cell.data_type == "f":
                problems.append(f"{ref}: 单元格是公式“{getattr(cell.value, 'text', cell.value)}”：公式不导入，请填值")
                continue
            try:
                row.values[column.path] = from_cell(column, cell.value)
            except CellError as exc:
                problems.append(f"{ref}: {exc}")
        rows.append(row)
    return rows


def _yaml_value(column: Column, value: Any) -> Any:
    if isinstance(value, list):
        seq = CommentedSeq(value)
        if column.shape != "lines":
            seq.fa.set_flow_style()
        return seq
    if isinstance(value, dict):
        return CommentedMap(value)
    if column.shape == "code":
        return DoubleQuotedScalarString(value)
    return yaml_number(value) if not isinstance(value, str) and not isinstance(value, int) else value


def _put(node: CommentedMap, key: str, value: Any, order: list[str]) -> None:
    """Set one key (None: remove it); a new key goes where the model puts it."""
    if value is None:
        node.pop(key, None)
    elif key in node or key not in order:
        node[key] = value
    else:
        later = [k for k in node if k in order and order.index(k) > order.index(key)]
        node.insert(list(node).index(later[0]) if later else len(node), key, value)


def _apply(node: CommentedMap, spec: ListSheet, row: _Row, changed: list[Column]) -> None:
    """Put a row's changed values into a record's round-trip data."""
    assert spec.kind.items is not None
    order = list(spec.kind.items.model.model_fields)
    if any(column.path[0] == "basis" for column in changed):  # the legal bases are rewritten together
        pairs = [(row.values.get(c.path), row.values.get((*c.path[:2], "articles")))
                 for c in spec.columns if c.path[0] == "basis" and c.path[2] == "law"]
        basis = CommentedSeq()
        for law, articles in pairs:
            if law is not None:
                entry = CommentedMap(law=law)
                if articles:
                    entry["articles"] = _yaml_value(Column("", (), "articles"), articles)
                basis.append(entry)
        _put(node, "basis", basis or None, order)
    for column in changed:
        if column.path[0] == "basis" or column is spec.group:
            continue
        if len(column.path) == 1:
            _put(node, column.path[0], None if row.values.get(column.path) is None else
                 _yaml_value(column, row.values[column.path]), order)
            continue
        parent = node.get(column.path[0])
        if not isinstance(parent, CommentedMap):
            parent = CommentedMap()
            _put(node, column.path[0], parent, order)
        value = row.values.get(column.path)
        _put(parent, column.path[1], None if value is None else _yaml_value(column, value), list(Funding.model_fields))
        if not parent:
            node.pop(column.path[0])


def _new_record(spec: ListSheet, row: _Row) -> CommentedMap:
    node = CommentedMap()
    _apply(node, spec, row, [c for c in spec.columns if row.values.get(c.path) is not None])
    return node


class _Plan:
    """The files a list workbook changes: their round-trip data, edited row by row."""

    def __init__(self, county: County, fingerprints: dict[str, str], outcome: ListOutcome) -> None:
        self.county, self.fingerprints, self.outcome = county, fingerprints, outcome
        self.edited: dict[str, tuple[Any, Any, str]] = {}  # relpath → (yaml, data, head)

    def data(self, relpath: str, head: str = "", township: str | None = None) -> Any:
        if relpath not in self.edited:
            target = self.county.root / relpath
            yaml, data = round_trip(target.read_text(encoding="utf-8-sig") if target.is_file() else None)
            if data is None:
                data = CommentedMap(township=township) if township else CommentedMap()
            self.edited[relpath] = (yaml, data, head)
        return self.edited[relpath][1]

    def changed_since_export(self, relpath: str, ref: str) -> bool:
        source = self.county.files.get(relpath)
        if source is not None and self.fingerprints.get(relpath) != file_fingerprint(source.data):
            self.outcome.problems.append(f"{ref}: {relpath} 在导出后又被改动过，表中的旧值会覆盖那些改动；请重新导出再改")
            return True
        return False

    def sheet(self, spec: ListSheet, rows: list[_Row], sheet_title: str) -> None:
        files = files_of(self.county, spec)
        existing = {str(record.get("id")): (relpath, record) for relpath, record in sheet_rows(self.county, spec, files)}
        seen: dict[str, int] = {}
        records = spec.kind.records
        assert records is not None
        for row in rows:
            ident = row.values.get(("id",))
            if not ident:
                self.outcome.problems.append(f"{row.refs[('id',)]}: 编号不能为空")
                continue
            if ident in seen:
                self.outcome.problems.append(f"{row.refs[('id',)]}: 编号 {ident} 与第 {seen[ident]} 行重复")
                continue
            seen[ident] = row.number
            if ident in existing:
                self._edit(spec, row, *existing[ident])
            else:
                self._add(spec, row, files)
        for ident, (_, record) in existing.items():
            if ident not in seen:
                self.outcome.problems.append(f"{sheet_title}!A1: 表中少了 {ident}（{record.get('name', '')}）；"
                                             "删除记录请直接编辑文件，表中只改动和新增")

    def _edit(self, spec: ListSheet, row: _Row, relpath: str, record: dict[str, Any]) -> None:
        changed = [c for c in spec.columns if not same(get(record, c.path), row.values.get(c.path))]
        if spec.group is not None and spec.group in changed:
            self.outcome.problems.append(f"{row.refs[spec.group.path]}: {record['id']} 属于 {record.get('township')}，"
                                         "不能在表中改到别的乡镇（街道）；请直接编辑名录文件")
            return
        if not changed or self.changed_since_export(relpath, row.refs[("id",)]):
            return
        items = self.data(relpath)[spec.kind.records]
        node = next(item for item in items if isinstance(item, CommentedMap) and str(item.get("id")) == record["id"])
        _apply(node, spec, row, changed)
        self.outcome.changed += 1

    def _add(self, spec: ListSheet, row: _Row, files: list[str]) -> None:
        records = spec.kind.records
        assert records is not None
        if spec.group is None:
            relpath = files[0] if files else spec.kind.pattern
            if self.changed_since_export(relpath, row.refs[("id",)]):
                return
            head = schema_modeline(self.county.root, spec.kind.schema, self.county.root / relpath)
            data = self.data(relpath, head)
        else:
            town = row.values.get(spec.group.path)
            owners = {str(self.county.files[f].data.get("township")): f for f in files}
            if not town:
                self.outcome.problems.append(f"{row.refs[spec.group.path]}: 新的村（居）委会须填所属乡镇（街道）编号")
                return
            relpath = owners.get(str(town), COMMUNITY_FILE.path(town))
            if relpath in owners.values() and self.changed_since_export(relpath, row.refs[("id",)]):
                return
            head = schema_modeline(self.county.root, COMMUNITY_FILE.schema, self.county.root / relpath)
            data = self.data(relpath, head, str(town))
        if not isinstance(data.get(records), CommentedSeq):
            data[records] = CommentedSeq()
        if not data[records]:  # `townships: []` as zsht init writes it: a block list, indented as zsht writes
            data[records].fa.set_block_style()
            self.edited[relpath][0].indent(mapping=2, sequence=4, offset=2)
        data[records].append(_new_record(spec, row))
        self.outcome.added += 1

    def contents(self) -> dict[str, bytes]:
        return {relpath: dumped(yaml, data, head) for relpath, (yaml, data, head) in self.edited.items()}


def import_list(county: County, book: Workbook) -> ListOutcome:
    """Take a list workbook back into its files: every change it makes, or none when any cell is wrong."""
    outcome = ListOutcome()
    mark_sheet = book[LIST_MARK]
    rows = list(mark_sheet.iter_rows(values_only=True))
    specs, problem = _specs(book, list(rows[0]) + [None] * 4 if rows else [])
    if problem:
        outcome.problems.append(problem)
        return outcome
    fingerprints = {str(r[0]): str(r[1]) for r in rows[1:] if len(r) > 1 and r[0]}
    plan = _Plan(county, fingerprints, outcome)
    for spec in specs:
        if spec.title not in book.sheetnames:
            outcome.problems.append(f"{spec.title}!A1: 工作簿里缺少工作表“{spec.title}”")
            continue
        sheet = book[spec.title]
        read = _read_rows(sheet, spec, outcome.problems)
        if read is not None:
            plan.sheet(spec, read, sheet.title)
    if outcome.problems:
        return outcome
    contents = plan.contents()
    outcome.problems.extend(frozen_changes(county, contents))  # signed, finalized, published
    outcome.problems.extend(errors_if_written(county, contents, new_only=True))
    if not outcome.problems:
        outcome.written = write_all(county.root, contents)
    return outcome


__all__ = ["ListOutcome", "import_list", "is_list_workbook"]
