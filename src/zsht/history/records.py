"""Records as the history sees them: plain data keyed by kind and id, whatever file or position holds them."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..layout import COMMUNITY_FILE, COUNTY_CONFIG, RECORD_KIND_BY_NAME, FileKind, Final, file_kind_of
from ..layout import kind_of as _kind_of
from ..load.reader import parse
from ..load.source import decode
from ..models import Record
from ..models.common import ID_FORMATS
from .pieces import Pieces, plain


@lru_cache(maxsize=65536)
def kind_of(relpath: str) -> FileKind[Record] | None:
    """The layout's kind of a path, remembered: a walk over history asks for the same paths thousands of times."""
    return _kind_of(relpath)


def final_of(kind: str) -> Final | None:
    """The status that freezes records of a kind, named as the history names it (`Key.kind`), if any."""
    record_kind = RECORD_KIND_BY_NAME.get(kind)
    return record_kind.final if record_kind is not None else None


def may_be_frozen(relpath: str, content: bytes | None) -> bool:
    """Whether a file version may hold a frozen record, told from its bytes before any parsing: False only when
    none of the values that freeze its kind's records (已签订, 发布 …) is written in it as a value of its own.

    A value stands alone between YAML's separators (`stage: 发布`, `["发布"]`); 发布 inside a sentence
    (及时发布岗位信息) is not one. A value YAML could spell otherwise is written with a backslash (a
    double-quoted escape), which answers True. A version that is not UTF-8 holds no record the history can read,
    so nothing frozen either."""
    kind = kind_of(relpath)
    if content is None or kind is None:
        return False
    finals = [k.final for k in (kind, kind.items) if k is not None and k.final is not None]
    return bool(finals) and (b"\\" in content or any(
        _stands_alone(content, value.encode()) for final in finals for value in final.values))


_BEFORE = frozenset(b" \t\r\n\"'[{,:?-")  # what may come before a value of its own, in YAML
_AFTER = frozenset(b" \t\r\n\"']},:#")  # and after it


def _stands_alone(content: bytes, value: bytes) -> bool:
    """Whether `value` is written somewhere in `content` between YAML's separators (or the text's ends)."""
    at = content.find(value)
    while at != -1:
        end = at + len(value)
        if (at == 0 or content[at - 1] in _BEFORE) and (end == len(content) or content[end] in _AFTER):
            return True
        at = content.find(value, at + 1)
    return False


@dataclass(frozen=True)
class Key:
    """Who a record is: its kind, its scope (a catalog item's catalog year) and its id."""

    kind: str
    scope: str
    id: str

    @property
    def label(self) -> str:
        """The record as a person names it: 协助事项 XZ-001（2015 年目录）."""
        kind = RECORD_KIND_BY_NAME.get(self.kind)
        title = kind.label if kind is not None else self.kind
        if kind is not None and file_kind_of(kind).versioned:  # a catalog version, or an item of one
            if kind is file_kind_of(kind):
                return f"{title}（{self.scope} 年）"
            return f"{title} {self.id}（{self.scope} 年目录）"
        return f"{title} {self.id}" if self.id else title


@dataclass(frozen=True)
class Version:
    """One version of a record: its plain data and the file that held it; a list item also has the plain data
    of its file's envelope (`holder`: a catalog's title, year and stages), which may freeze it."""

    data: Any
    file: str
    holder: Any = field(default=None, compare=False, repr=False)

    def frozen_by(self, final: Final) -> bool:
        """Whether this version is frozen by `final` (judged on its file's envelope when `final.of_file`)."""
        return final.holds(self.holder if final.of_file else self.data)


def blob_sha(content: bytes) -> str:
    """The sha git gives a file's content, so a working-tree file and a blob compare without git."""
    return hashlib.sha1(b"blob %d\0" % len(content) + content).hexdigest()


def records_in(relpath: str, data: Any, shown: Any = None) -> Iterable[tuple[Key, Version]]:
    """Every record a file holds: the records of a list file, its envelope (title, stages …), or the file's one record.

    `shown` is the data as the history shows it (`plain(data)`), when it is at hand already."""
    kind = kind_of(relpath)
    if kind is None or not isinstance(data, dict):
        return
    shown = plain(data) if shown is None else shown
    stem = relpath.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    if kind is COUNTY_CONFIG:
        yield Key(kind.name, "", ""), Version(shown, relpath)
        return
    if kind.records is None or kind.items is None:
        record_id = data.get("id")
        yield Key(kind.name, "", record_id if isinstance(record_id, str) else relpath), Version(shown, relpath)
        return
    scope = str(data.get("year", stem)) if kind.versioned else ""
    envelope_id = str(data.get("township", stem)) if kind is COMMUNITY_FILE else ""
    holder = {k: v for k, v in shown.items() if k != kind.records}
    yield Key(kind.name, scope, envelope_id), Version(holder, relpath)
    items, items_shown = data.get(kind.records), shown.get(kind.records)
    for item, item_shown in zip(items, items_shown, strict=True) if isinstance(items, list) else ():
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            yield Key(kind.items.name, scope, item["id"]), Version(item_shown, relpath, holder)


def can_hold(relpath: str, record_id: str) -> bool:
    """Whether a file can hold a record with this id (an XZ- id only in assist catalogs, and so on)."""
    kind = kind_of(relpath)
    if kind is None:
        return False
    return any(re.match(ID_FORMATS[k.id_format][0], record_id)
               for k in (kind, kind.items) if k is not None and k.id_format is not None)


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
        self.pieces = Pieces()

    def records(self, relpath: str, sha: str, content: bytes | None) -> dict[Key, Version]:
        """The records of one file version; an unreadable version holds none (validate reports it)."""
        cache_key = f"{sha}:{relpath}"  # the same content at another path may be another kind
        found = self.by_sha.get(cache_key)
        if found is None:
            found = {}
            kind = kind_of(relpath)
            text, problem = decode(content, relpath) if content is not None and kind is not None else (None, None)
            if kind is not None and text is not None and problem is None:
                both = self.pieces.load(text, kind.records)
                if both is None:
                    parsed = parse(text, relpath)
                    both = (parsed.data, None) if parsed.ok else None
                for key, version in records_in(relpath, *both) if both is not None else ():
                    found.setdefault(key, version)
            if len(self.by_sha) > 20_000:  # a province's first commit must not keep every file's data
                self.by_sha.clear()
            self.by_sha[cache_key] = found
        return found


def is_record_file(relpath: str) -> bool:
    """Whether a path holds records (a YAML file in one of the layout's places)."""
    return kind_of(relpath) is not None

