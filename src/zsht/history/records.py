"""Records as the history sees them: plain data keyed by kind and id, whatever file or position holds them."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..layout import FileKind
from ..layout import kind_of as _kind_of
from ..load.reader import decode, parse
from ..models.common import ID_FORMATS

# The records held in list files, and what a person calls them.
LIST_KIND = {
    "townships": "township", "communities": "community", "departments": "department",
    "social_orgs": "social_org", "duty": "duty_item", "assist": "assist_item", "negative": "negative_item",
}
_CATALOGS = {"duty", "assist", "negative"}
TITLES = {
    "township": "乡镇（街道）", "community": "村（居）委会", "department": "职能部门", "social_org": "社会组织",
    "duty_item": "依法履职事项", "assist_item": "协助事项", "negative_item": "负面清单事项",
    "county": "县级设置", "law": "法律依据", "access": "准入审批", "agreement": "协议", "evaluation": "评估",
    "purchase": "购买服务合同", "notice": "公示",
    "townships": "乡镇（街道）名录", "communities": "村（居）委会名录", "departments": "职能部门名录",
    "social_orgs": "社会组织名录", "duty": "依法履职事项目录", "assist": "协助事项目录", "negative": "负面清单",
}


@lru_cache(maxsize=65536)
def kind_of(relpath: str) -> FileKind | None:
    """The layout's kind of a path, remembered: a walk over history asks for the same paths thousands of times."""
    return _kind_of(relpath)


@dataclass(frozen=True)
class Key:
    """Who a record is: its kind, its scope (a catalog item's catalog year) and its id."""

    kind: str
    scope: str
    id: str

    @property
    def label(self) -> str:
        """The record as a person names it: 协助事项 XZ-001（2015 年目录）."""
        title = TITLES.get(self.kind, self.kind)
        if self.kind in ("duty_item", "assist_item", "negative_item"):
            return f"{title} {self.id}（{self.scope} 年目录）"
        if self.kind in _CATALOGS:
            return f"{title}（{self.scope} 年）"
        return f"{title} {self.id}" if self.id else title


@dataclass(frozen=True)
class Version:
    """One version of a record: its plain data and the file that held it."""

    data: Any
    file: str


def blob_sha(content: bytes) -> str:
    """The sha git gives a file's content, so a working-tree file and a blob compare without git."""
    return hashlib.sha1(b"blob %d\0" % len(content) + content).hexdigest()


def plain(value: Any) -> Any:
    """Data as it compares and prints: dates as ISO text, so quoting a date is no change."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def records_in(relpath: str, data: Any) -> Iterable[tuple[Key, Version]]:
    """Every record a file holds: the records of a list file, its envelope (title, stages …), or the file's one record."""
    kind = kind_of(relpath)
    if kind is None or not isinstance(data, dict):
        return
    stem = relpath.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    if kind.name == "county":
        yield Key("county", "", ""), Version(plain(data), relpath)
        return
    if kind.records is None:
        record_id = data.get("id")
        yield Key(kind.name, "", record_id if isinstance(record_id, str) else relpath), Version(plain(data), relpath)
        return
    scope = str(data.get("year", stem)) if kind.name in _CATALOGS else ""
    envelope = {k: v for k, v in data.items() if k != kind.records}
    envelope_id = str(data.get("township", stem)) if kind.name == "communities" else ""
    yield Key(kind.name, scope, envelope_id), Version(plain(envelope), relpath)
    items = data.get(kind.records)
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            yield Key(LIST_KIND[kind.name], scope, item["id"]), Version(plain(item), relpath)


# The id format of each kind of record (ID_FORMATS' names), to know which files can hold an id.
_ID_FORMAT = {"duty_item": "duty", "assist_item": "assist", "negative_item": "negative", "access": "access",
              "purchase": "purchase", "agreement": "agreement", "evaluation": "evaluation", "notice": "notice",
              "township": "slug", "community": "slug", "department": "slug", "social_org": "slug", "law": "slug",
              "communities": "slug"}


def can_hold(relpath: str, record_id: str) -> bool:
    """Whether a file can hold a record with this id (an XZ- id only in assist catalogs, and so on)."""
    kind = kind_of(relpath)
    if kind is None:
        return False
    record_kinds = [kind.name] + ([LIST_KIND[kind.name]] if kind.name in LIST_KIND else [])
    return any(re.match(ID_FORMATS[_ID_FORMAT[k]][0], record_id) for k in record_kinds if k in _ID_FORMAT)


_YEAR = re.compile(rb"^year:.*$", re.M)


def same_item_text(old: bytes, new: bytes, record_id: str) -> bool:
    """Whether a list item keeps the very same text in two versions of a file (then it did not change).

    A cheap test before parsing: the item starts at its `- id:` line and ends where the indentation comes
    back. Anchors or aliases inside, an id found twice, or another catalog year all answer False (parse).
    """
    starts = re.compile(rb"^( *)- +id: *[\"']?" + re.escape(record_id.encode()) + rb"[\"']? *(?:#.*)?$", re.M)
    chunks = []
    for text in (old, new):
        found = list(starts.finditer(text))
        if len(found) != 1:
            return False
        indent = len(found[0].group(1))
        # The item ends at the first line indented no deeper than its dash that is not blank or a comment.
        end = re.compile(rb"^ {0,%d}[^ \r\n#]" % indent, re.M).search(text, found[0].end())
        chunk = text[found[0].start():end.start() if end else len(text)]
        if b"*" in chunk or b"&" in chunk or b"<<" in chunk:
            return False
        chunks.append(chunk)
    old_year, new_year = _YEAR.search(old), _YEAR.search(new)
    return chunks[0] == chunks[1] and (old_year and old_year.group()) == (new_year and new_year.group())


class ParsedVersions:
    """Parsed file versions, kept by blob sha: a version seen in a hundred commits is parsed once."""

    def __init__(self) -> None:
        self.by_sha: dict[str, dict[Key, Version]] = {}

    def records(self, relpath: str, sha: str, content: bytes | None) -> dict[Key, Version]:
        """The records of one file version; an unreadable version holds none (validate reports it)."""
        cache_key = f"{sha}:{relpath}"  # the same content at another path may be another kind
        found = self.by_sha.get(cache_key)
        if found is None:
            found = {}
            if content is not None and kind_of(relpath) is not None:
                text, problem = decode(content, relpath)
                parsed = parse(text, relpath) if text is not None and problem is None else None
                if parsed is not None and parsed.ok:
                    for key, version in records_in(relpath, parsed.data):
                        found.setdefault(key, version)
            if len(self.by_sha) > 20_000:  # a province's first commit must not keep every file's data
                self.by_sha.clear()
            self.by_sha[cache_key] = found
        return found


def is_record_file(relpath: str) -> bool:
    """Whether a path holds records (a YAML file in one of the layout's places)."""
    return kind_of(relpath) is not None

