"""Load a county repository: every file read, parsed and modelled; every problem kept as a finding."""

from __future__ import annotations

import copy
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path as FsPath
from typing import Any, Generic, TypeVar, cast

from pydantic import BaseModel, ValidationError

from .. import models as m
from ..errors import CountyNotFound
from ..findings import FieldPath, Finding
from ..layout import COMMUNITY_FILE, CONFIG_FILE, COUNTY_CONFIG, KINDS, FileKind, RecordKind, kind_of
from ..ruletable import finding
from .cache import LoadCache
from .schema_errors import schema_findings
from .source import NotRegularFile, decode, read_regular
from .walk import county_files

T = TypeVar("T", bound=BaseModel)
K = TypeVar("K", bound=m.Record)


@dataclass(frozen=True)
class Entry(Generic[T]):
    """A record and where it stands: its file and its path inside that file."""

    record: T
    file: str
    path: FieldPath = ()


_UNPARSED: Any = object()


@dataclass
class SourceFile:
    """One file of the repository as read: its text and plain data (for positions and diffs).

    A file taken from the load cache is not parsed: its plain data is parsed from its text when first asked for."""

    relpath: str
    kind: FileKind[m.Record]
    text: str | None
    parsed: Any = _UNPARSED

    @property
    def data(self) -> Any:
        """The file's plain data (None where it does not parse)."""
        if self.parsed is _UNPARSED:
            from .reader import parse

            self.parsed = parse(self.text, self.relpath).data if self.text is not None else None
        return self.parsed


@dataclass
class County:
    """Everything loaded from one county repository, indexed by id.

    Records are read through their kind (zsht.layout), typed by its model: `county.entries(AGREEMENT)` is a
    `list[Entry[Agreement]]`, `county.index(TOWNSHIP)` a `dict[str, Entry[Township]]`. `records` holds them
    by kind name for the loader; read them through `entries` and `index`.
    """

    root: FsPath
    config: m.CountyConfig | None = None
    files: dict[str, SourceFile] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    records: dict[str, list[Entry[Any]]] = field(default_factory=lambda: defaultdict(list))
    raw_ids: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    community_township: dict[str, str] = field(default_factory=dict)
    _indexes: dict[str, tuple[int, dict[str, Entry[Any]]]] = field(default_factory=dict, init=False, repr=False)

    def entries(self, kind: RecordKind[K]) -> list[Entry[K]]:
        """Every valid record of one kind, typed by the kind's model (for list files: the records inside them)."""
        return cast("list[Entry[K]]", self.records.get(kind.name, []))

    def index(self, kind: RecordKind[K]) -> dict[str, Entry[K]]:
        """Records of one kind by id (the first one wins; duplicates are reported by a check).

        Built once per kind and kept while no record of that kind is added (records are only ever added,
        while loading): checks and renderers ask for it once per record, which at province scale would
        otherwise cost time quadratic in the number of records. Read it, do not change it.
        """
        entries = self.entries(kind)
        cached = self._indexes.get(kind.name)
        if cached is None or cached[0] != len(entries):
            found: dict[str, Entry[Any]] = {}
            for entry in entries:
                record: Any = entry.record  # every kind that is asked for by id has one
                found.setdefault(record.id, entry)
            cached = self._indexes[kind.name] = (len(entries), found)
        return cast("dict[str, Entry[K]]", cached[1])

    def known(self, kind: RecordKind[Any]) -> set[str]:
        """Ids of one kind that exist, even in records that failed the schema (avoids cascades)."""
        return self.raw_ids.get(kind.name, set())


def find_root(start: FsPath) -> FsPath:
    """The nearest directory at or above `start` that holds a zsht.yaml, as git finds its root."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / CONFIG_FILE).exists():
            return folder
    raise CountyNotFound(
        f"{start} 及其上级目录中没有 {CONFIG_FILE}，这里不是县级记录仓库",
        hint="进入县级仓库目录，或用 -C 指定；新建仓库用 zsht init",
    )


def _validate(model: type[T], data: Any, relpath: str, county: County, prefix: FieldPath = ()) -> T | None:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        county.findings.extend(schema_findings(exc, model, relpath, prefix, data))
        return _without_unknown_keys(model, data, exc)


def _without_unknown_keys(model: type[T], data: Any, exc: ValidationError) -> T | None:
    """When the only errors are unknown keys, the record without them still takes part in the other checks:
    a misspelled key must not hide, say, an item that is not in the catalog."""
    errors = exc.errors(include_url=False)
    if any(error["type"] != "extra_forbidden" for error in errors):
        return None
    try:
        trimmed = copy.deepcopy(data)
        for error in errors:
            *parents, key = error["loc"]
            node = trimmed
            for step in parents:
                node = node[step]
            node.pop(key, None)
        return model.model_validate(trimmed)
    except (ValidationError, LookupError, TypeError, AttributeError):
        return None  # the key's place could not be found again: the record stays out, its finding stands


def _remember_ids(kind: FileKind[m.Record], data: Any, county: County) -> None:
    """Note the ids a file names even before the schema passes, so one error does not cascade."""
    if not isinstance(data, dict):
        return
    if kind.records and kind.items:
        items = data.get(kind.records)
        for item in items if isinstance(items, list) else []:
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                county.raw_ids[kind.items.name].add(item["id"])
                if kind is COMMUNITY_FILE and isinstance(data.get("township"), str):
                    county.community_township.setdefault(item["id"], data["township"])
    elif isinstance(data.get("id"), str):
        county.raw_ids[kind.name].add(data["id"])


def _remember_record_ids(kind: FileKind[m.Record], record: BaseModel, county: County) -> None:
    """The ids of a file that loaded cleanly, from its record: the same `_remember_ids` finds in its data."""
    if kind.records and kind.items:
        county.raw_ids[kind.items.name].update(item.id for item in getattr(record, kind.records))
    elif isinstance(ident := getattr(record, "id", None), str):
        county.raw_ids[kind.name].add(ident)


def _remember_path_id(kind: FileKind[m.Record], relpath: str, county: County) -> None:
    """An unreadable agreement or evaluation still names its id by its path (<year>/<township>/<id>)."""
    parts = relpath.rsplit(".", 1)[0].split("/")
    if kind.path_id and len(parts) == 4:
        county.raw_ids[kind.name].add(f"{kind.path_id}-{parts[1]}-{parts[3]}")


def _salvage(kind: FileKind[m.Record], data: dict[str, Any], county: County) -> tuple[m.Record, list[int]] | None:
    """For a list file that failed as a whole, keep the records that are valid on their own, with the
    position of each in the file (its findings are placed there, and causes name it by it)."""
    assert kind.records is not None and kind.items is not None
    items = data.get(kind.records)
    if not isinstance(items, list):
        return None
    try:
        envelope = kind.model.model_validate({**data, kind.records: []})
    except ValidationError:
        return None
    item_model = kind.items.model
    good, positions = [], []
    for position, item in enumerate(items):
        try:
            good.append(item_model.model_validate(item))
        except ValidationError:
            continue
        positions.append(position)
    return envelope.model_copy(update={kind.records: good}), positions


def load_file(county: County, relpath: str, kind: FileKind[m.Record], raw: bytes | None = None,
              cache: LoadCache | None = None) -> None:
    """Read (unless its bytes are given), parse and model one file into the county, recording every problem.

    With a `cache`, a file whose bytes loaded cleanly before is taken from it, neither parsed nor validated."""
    try:
        raw = read_regular(county.root / relpath) if raw is None else raw
    except NotRegularFile as exc:
        county.findings.append(finding("ZS011", relpath, f"这里应是一个 YAML 文件，却是{exc.what}，未读取",
                                       hint="删除它，或换成普通文件").at(1, 1))
        _remember_path_id(kind, relpath, county)
        return
    except OSError as exc:
        county.findings.append(finding("ZS006", relpath, f"无法读取文件：{exc.strerror or exc}",
                                       hint="检查文件权限").at(1, 1))
        _remember_path_id(kind, relpath, county)
        return
    text, problem = decode(raw, relpath)
    if problem:
        county.findings.append(problem)
        _remember_path_id(kind, relpath, county)
        return
    assert text is not None
    key = None if cache is None else cache.key(kind.name, raw)
    hit = None if cache is None or key is None else cache.get(key)
    if hit is not None:
        county.files[relpath] = SourceFile(relpath, kind, text)
        _remember_record_ids(kind, hit, county)
        _add(county, kind, hit, relpath)
        return
    from .reader import parse  # PyYAML only when a file is not in the cache

    parsed = parse(text, relpath)
    county.files[relpath] = SourceFile(relpath, kind, text, parsed.data)
    if not parsed.ok:
        county.findings.extend(parsed.findings)
        _remember_path_id(kind, relpath, county)
        return
    _remember_ids(kind, parsed.data, county)
    findings_before = len(county.findings)
    record: m.Record | None = _validate(kind.model, parsed.data, relpath, county)
    positions = None
    if record is None and kind.records and isinstance(parsed.data, dict):
        record, positions = _salvage(kind, parsed.data, county) or (None, None)
    if record is not None:
        _add(county, kind, record, relpath, positions)
        if cache is not None and key is not None and not county.findings[findings_before:]:
            cache.put(key, record)


def _add(county: County, kind: FileKind[m.Record], record: BaseModel, relpath: str, positions: list[int] | None = None) -> None:
    if kind is COUNTY_CONFIG:
        county.config = record  # type: ignore[assignment]
    county.records[kind.name].append(Entry(record, relpath))
    if kind.records and kind.items:
        list_kind = kind.items.name
        items = getattr(record, kind.records)
        for position, item in zip(positions or range(len(items)), items, strict=True):
            county.records[list_kind].append(Entry(item, relpath, (kind.records, position)))
            if kind is COMMUNITY_FILE:
                county.community_township[item.id] = record.township  # type: ignore[attr-defined]


def with_files(county: County, contents: dict[str, bytes]) -> County:
    """A copy of `county` in which the files `contents` names (existing or new) hold those bytes.

    For checking a change before it is written. Only the records, findings and texts of those files are
    replaced; ids the old versions declared stay known, which can only hide a dangling reference, never
    invent a finding.
    """
    copy = County(root=county.root, config=county.config,
                  files={path: f for path, f in county.files.items() if path not in contents},
                  findings=[f for f in county.findings if f.file not in contents],
                  records=defaultdict(list, {kind: [e for e in entries if e.file not in contents]
                                             for kind, entries in county.records.items()}),
                  raw_ids=defaultdict(set, {kind: set(ids) for kind, ids in county.raw_ids.items()}),
                  community_township=dict(county.community_township))
    for relpath, raw in contents.items():
        kind = kind_of(relpath)
        if kind is not None:
            load_file(copy, relpath, kind, raw)
    return copy


def load_county(root: FsPath) -> County:
    """Load every record under `root`; never raises for a bad file, it records a finding instead."""
    county = County(root=root)
    walked = county_files(root)
    county.findings.extend(walked.findings)
    paths = walked.paths
    cache = LoadCache.open(root)
    for relpath in paths:
        kind = kind_of(relpath)
        if kind is None:
            county.findings.append(finding(
                "ZS009", relpath, "文件不在任何记录目录中，未检查",
                hint="按 README 的目录结构存放，或移出仓库").at(1, 1))
            continue
        load_file(county, relpath, kind, cache=cache)
    cache.save()
    present = set(paths)
    for kind in KINDS:
        if kind.required and kind.pattern not in present and kind.pattern not in {f.file for f in county.findings}:
            county.findings.append(finding("ZS010", kind.pattern, f"缺少必需文件 {kind.pattern}（{kind.title}）",
                                           hint="运行 zsht init 生成县级仓库结构").at(1, 1))
    return county
