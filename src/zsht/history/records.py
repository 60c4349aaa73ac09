"""Records as the history sees them: plain data keyed by kind and id, whatever file or position holds them."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..layout import kind_of
from ..load.reader import decode, parse

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


class Parsed:
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
            self.by_sha[cache_key] = found
        return found


def is_record_file(relpath: str) -> bool:
    """Whether a path holds records (a YAML file in one of the layout's places)."""
    return kind_of(relpath) is not None

