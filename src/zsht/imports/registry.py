"""`zsht import registry`: townships and committees from a 区划代码 table or a plain list, merged into the registry.

A record already in the registry (the same code, else the same name) is never touched: only new townships and
committees are added, at the end of their lists, through the round-trip YAML writer (comments, key order and
quoting stay). Ids are made in the house style (`registry_names`) and kept unique against the whole registry, so
running the same import again adds nothing. The new files are checked as `zsht validate` would check them and
written all together (staging) or not at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from ..layout import COMMUNITY, COMMUNITY_FILE, TOWNSHIP, TOWNSHIP_FILE
from ..load.config import settings
from ..load.county import County
from ..roundtrip import dumped, round_trip, schema_modeline
from ..staging import write_all
from ..write_gate import errors_if_written
from .registry_names import (
    community_base,
    community_full_name,
    community_id,
    community_type,
    pinyin_id,
    township_base,
    township_type,
    unique,
)
from .registry_read import Cell, RegistryRows, code_digits, read_table


@dataclass
class NewRecord:
    """A township or committee the import adds."""

    id: str
    name: str
    type: str
    code: str | None
    township: str | None = None  # a committee's township id


@dataclass
class RegistryImport:
    """What an import adds, what it found already there, and why it refuses (`sheet!cell: message` lines)."""

    townships: list[NewRecord] = field(default_factory=list)
    communities: list[NewRecord] = field(default_factory=list)
    known: set[str] = field(default_factory=set)  # ids of records the file names that are already there (kept)
    outside: int = 0  # rows of other counties in the table
    problems: list[str] = field(default_factory=list)
    written: list[str] = field(default_factory=list)


class _Planner:
    """Matches rows with the registry and gives new records their ids."""

    def __init__(self, county: County, result: RegistryImport) -> None:
        self.result = result
        self.county_name = county.config.county if county.config else ""
        self.county_code = county.config.code if county.config else "000000"
        self.towns: dict[str, tuple[str, str]] = {}  # code or name → (id, short name)
        # (township id, code, name or short name + type) → (id, code): a record with a code is the same as a row only
        # when the codes agree; by name when one of them has none (a plain list, a hand-written registry).
        self.members: dict[tuple[str, str], tuple[str, str | None]] = {}
        for entry in county.entries(TOWNSHIP):
            town = entry.record
            for key in (town.code, town.name, township_base(town.name, self.county_name)):
                if key:
                    self.towns.setdefault(key, (town.id, township_base(town.name, self.county_name)))
        owner = county.community_township
        for community in county.entries(COMMUNITY):
            record, town_id = community.record, owner.get(community.record.id, "")
            for key in (record.code, record.name, community_base(record.name) + record.type):
                if key:
                    self.members.setdefault((town_id, key), (record.id, record.code))
        self.taken = set(county.known(TOWNSHIP)) | set(county.known(COMMUNITY))
        self.existing = set(self.taken)  # a row naming one of these leaves it as it is

    def township(self, name: Cell, code: str | None) -> tuple[str, str] | None:
        """The township's (id, short name), added when new; None (with a problem) when it cannot be."""
        short = township_base(name.text, self.county_name)
        for key in (code, name.text, short):
            if key and key in self.towns:
                if self.towns[key][0] in self.existing:
                    self.result.known.add(self.towns[key][0])
                return self.towns[key]
        kind = township_type(name.text, code)
        if kind is None:
            self.result.problems.append(f"{name.where}: 认不出“{name.text}”是乡、镇、街道还是开发区（名称没有这些字，"
                                        "区划代码也没有说明）；请补上全称，如“××镇”")
            return None
        town = unique(pinyin_id(short), self.taken)
        self.result.townships.append(NewRecord(town, name.text, kind, code))
        found = self.towns[code or name.text] = self.towns[name.text] = self.towns[short] = (town, short)
        return found

    def community(self, town: tuple[str, str], name: Cell, code: str | None) -> None:
        kind = community_type(name.text, code)
        if kind is None:
            self.result.problems.append(f"{name.where}: 认不出“{name.text}”是村委会还是居委会；请写全称，如“××村村民委员会”")
            return
        full = community_full_name(name.text, kind)
        keys = [k for k in (code, full, name.text, community_base(full) + kind) if k]
        found = [self.members[(town[0], key)] for key in keys if (town[0], key) in self.members]
        existing = next((known for known, known_code in found if code is None or known_code in (None, code)), None)
        if existing is not None:
            if existing in self.existing:
                self.result.known.add(existing)
            return
        chosen = unique(community_id(town[0], full, kind, town[1]), self.taken)
        self.members.update(((town[0], key), (chosen, code)) for key in keys)
        self.result.communities.append(NewRecord(chosen, full, kind, code, town[0]))

    def codes(self, table: RegistryRows, township_only: bool) -> None:
        """A 区划代码 table: townships first (a committee's township may come after it), then committees."""
        towns: dict[str, Cell] = {}
        members: list[tuple[str, Cell]] = []
        for row in table.codes:
            code = code_digits(row.code.text)
            if not code and not row.name.text:
                continue
            if len(code) != 12 or not code.isdigit():
                self.result.problems.append(f"{row.code.where}: “{row.code.text}”不是 12 位统计用区划代码")
            elif self.county_code != "000000" and code[:6] != self.county_code:
                self.result.outside += 1
            elif not row.name.text:
                self.result.problems.append(f"{row.name.where}: 区划代码 {code} 没有名称")
            elif code[6:] == "000000":
                continue  # the county itself
            elif code[9:] == "000":
                towns[code] = row.name
            elif not township_only:
                members.append((code, row.name))
        placed = {code: self.township(name, code) for code, name in towns.items()}
        for code, name in members:
            town = placed.get(code[:9] + "000") or self.towns.get(code[:9] + "000")
            if town is None:
                self.result.problems.append(f"{name.where}: {name.text} 的乡镇（{code[:9]}000）既不在表中也不在名录中")
            else:
                self.community(town, name, code)

    def names(self, table: RegistryRows, township_only: bool) -> None:
        """A plain list: township, committee by name."""
        for row in table.names:
            if not row.township.text:
                self.result.problems.append(f"{row.township.where}: 村（居）委会“{row.community.text if row.community else ''}”"
                                            "上方没有乡镇（街道）")
                continue
            town = self.township(row.township, None)
            if town is not None and row.community is not None and not township_only:
                self.community(town, row.community, None)


def plan_import(county: County, path: Path, township_only: bool = False) -> RegistryImport:
    """What importing `path` would add to the registry (nothing is written)."""
    settings(county, "无法导入名录")
    result = RegistryImport()
    table = read_table(path)
    planner = _Planner(county, result)
    if table.codes:
        planner.codes(table, township_only)
    else:
        planner.names(table, township_only)
    if not result.problems and not (result.townships or result.communities) and not result.known:
        result.problems.append(f"{path}: 没有读到本县（{planner.county_code}）的乡镇（街道）或村（居）委会")
    return result


def _fields(record: NewRecord) -> CommentedMap:
    data = CommentedMap(id=record.id, name=record.name)
    if record.code is not None:
        data["code"] = DoubleQuotedScalarString(record.code)  # a string of digits, written as the example county does
    data["type"] = record.type
    return data


def _append(data: Any, key: str, records: list[NewRecord]) -> None:
    seq = data.get(key)
    if not isinstance(seq, CommentedSeq):
        seq = data[key] = CommentedSeq()
    seq.fa.set_block_style()  # `townships: []` as `zsht init` writes it becomes a block list
    seq.extend(_fields(record) for record in records)


def _community_files(county: County) -> dict[str, str]:
    """Each township's committee file (township id → path), as the files themselves say."""
    files: dict[str, str] = {}
    for relpath, source in county.files.items():
        if source.kind is COMMUNITY_FILE and isinstance(source.data, dict):
            files.setdefault(str(source.data.get("township")), relpath)
    return files


def _updated(county: County, relpath: str, key: str, records: list[NewRecord], head: str,
             township: str | None = None) -> bytes | str:
    """The file with `records` appended to its list `key`; a problem (a line) when the file cannot be edited."""
    target = county.root / relpath
    source = county.files.get(relpath)
    if (target.exists() or target.is_symlink()) and (source is None or not isinstance(source.data, dict)):
        return f"{relpath}: 文件读不出（或不是名录），导入不会改写它；先运行 zsht validate 改正"
    text = target.read_text(encoding="utf-8-sig") if target.is_file() else None
    yaml, data = round_trip(text)
    if data is None:  # a new file, or an empty one
        data = CommentedMap()
        if township is not None:
            data["township"] = township
    else:
        head = ""
        if not data.get(key):  # `townships: []`: no block list to take the indentation from, so zsht's own
            yaml.indent(mapping=2, sequence=4, offset=2)
    _append(data, key, records)
    return dumped(yaml, data, head)


def registry_contents(county: County, result: RegistryImport, source: Path) -> dict[str, bytes]:
    """The registry files with the new records appended (paths relative to the county root); a file that cannot
    be edited is a problem added to `result`."""
    contents: dict[str, bytes | str] = {}
    town_file = TOWNSHIP_FILE.pattern
    if result.townships:
        head = schema_modeline(county.root, TOWNSHIP_FILE.schema, county.root / town_file)
        contents[town_file] = _updated(county, town_file, "townships", result.townships, head)
    names = {e.record.id: e.record.name for e in county.entries(TOWNSHIP)} | {t.id: t.name for t in result.townships}
    files = _community_files(county)
    for town in dict.fromkeys(c.township for c in result.communities):
        assert town is not None
        relpath = files.get(town, COMMUNITY_FILE.path(town))
        head = (schema_modeline(county.root, COMMUNITY_FILE.schema, county.root / relpath)
                + f"# {names.get(town, town)}村（居）民委员会名录（由 zsht import registry 从 {source.name} 导入）\n")
        members = [c for c in result.communities if c.township == town]
        contents[relpath] = _updated(county, relpath, "communities", members, head, town)
    result.problems.extend(text for text in contents.values() if isinstance(text, str))
    return {relpath: data for relpath, data in contents.items() if isinstance(data, bytes)}


def import_registry(county: County, path: Path, township_only: bool = False, dry_run: bool = False) -> RegistryImport:
    """Add the townships and committees of `path` that the registry lacks; all or nothing, never a change to a
    record already there. With `dry_run`, say what would be added and write nothing."""
    result = plan_import(county, path, township_only)
    if result.problems:
        return result
    contents = registry_contents(county, result, path)
    if not result.problems:
        result.problems.extend(errors_if_written(county, contents, new_only=True))
    if result.problems or dry_run:
        return result
    result.written = write_all(county.root, contents)
    return result
