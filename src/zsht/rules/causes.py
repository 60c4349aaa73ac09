"""Causes: the broken record or file that a finding about another record only echoes.

A check that follows a reference (an agreed item to its catalog item, an agreement to its committee in the
registry) asks here whether the record at the other end is itself broken; if so, its finding carries that
record as its cause, and the report shows the cause first with its echoes folded under it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..findings import Cause
from ..layout import (
    ASSIST_CATALOG,
    ASSIST_ITEM,
    COMMUNITY,
    COMMUNITY_FILE,
    EVALUATION,
    LAW,
    FileKind,
    RecordKind,
    file_kind_of,
    kind_of,
)
from ..load.county import County, Entry
from ..models import Agreement, AssistItem


class Causes:
    """What failed to load in one county, asked once per check (the county does not change while checked)."""

    def __init__(self, county: County) -> None:
        self.county = county
        self._unloaded: dict[str, list[str]] | None = None
        self._items: dict[tuple[str, str], Entry[Any]] | None = None

    @property
    def unloaded(self) -> dict[str, list[str]]:
        """Files that gave no record (they did not decode, parse or fit the schema, or are missing), by kind.

        Worked out on the first question: a county without such echoes never pays for it."""
        if self._unloaded is None:
            loaded = {entry.file for entries in self.county.records.values() for entry in entries}
            self._unloaded = {}
            for relpath in sorted({f.file for f in self.county.findings} - loaded):
                kind = kind_of(relpath)
                if kind is not None:
                    self._unloaded.setdefault(kind.name, []).append(relpath)
        return self._unloaded

    def file(self, file_kind: FileKind[Any], preferred: str | None = None) -> Cause | None:
        """A file of `file_kind` that gave no record, which may hold an id no loaded record has: `preferred`
        (where the id belongs by the naming convention) when that one failed, else the first that failed;
        None when every file of the kind loaded."""
        failed = self.unloaded.get(file_kind.name, [])
        if not failed:
            return None
        return Cause(preferred if preferred in failed else failed[0])

    def registry(self, kind: RecordKind[Any], value: str, township: str | None = None) -> Cause | None:
        """The unloaded file that may hold the `kind` record `value` that a record names and nobody has."""
        if kind is COMMUNITY and township:
            # a committee of a township whose own file loaded is not in another township's broken file
            expected = COMMUNITY_FILE.path(township)
            return Cause(expected) if expected in self.unloaded.get(COMMUNITY_FILE.name, []) else None
        if kind is LAW:
            return self.file(LAW, LAW.path(value))
        return self.file(file_kind_of(kind))

    def catalog(self, year: int, in_force: int | None) -> Cause | None:
        """An assist catalog file of a version after `in_force` and up to `year` that did not load: the
        catalog an agreement of `year` should rest on is then unknown, and what is judged against an older
        one (or none) only echoes it."""
        for relpath in self.unloaded.get(ASSIST_CATALOG.name, []):
            stem = relpath.rsplit("/", 1)[-1].split(".", 1)[0]
            if stem.isdigit() and (in_force or 0) < int(stem) <= year:
                return Cause(relpath)
        return None

    def catalog_item(self, catalog_file: str, item_id: str) -> Cause | None:
        """The catalog item `item_id` of the catalog in `catalog_file`, as its own findings name it: the
        loaded item, or the item in the file that failed the schema (and so is missing from the catalog)."""
        if self._items is None:
            self._items = {(e.file, e.record.id): e for e in self.county.entries(ASSIST_ITEM)}
        entry = self._items.get((catalog_file, item_id))
        if entry is not None:
            return Cause(entry.file, entry.path)
        source = self.county.files.get(catalog_file)
        items = source.data.get("items") if source and isinstance(source.data, dict) else None
        for position, item in enumerate(items if isinstance(items, list) else []):
            if isinstance(item, dict) and item.get("id") == item_id:
                return Cause(catalog_file, ("items", position))
        return None

    def unfunded(self, catalog_file: str, agreement: Agreement, items: Mapping[str, AssistItem]) -> Cause | None:
        """The first catalog item an agreed item takes its funding from that failed the schema or has no
        positive funding: the agreement's items then cannot be summed, and a total (or a settlement) computed
        from them only echoes that item."""
        for item in agreement.items:
            source = items.get(item.id)
            if item.funding is None and (source is None or source.funding is None or source.funding.amount <= 0):
                cause = self.catalog_item(catalog_file, item.id)
                if cause is not None:
                    return cause
        return None

    def evaluation(self, year: int, township: str, community: str) -> Cause | None:
        """The evaluation file of a committee's year, when it exists and did not load."""
        expected = EVALUATION.path(year, township, community).removesuffix("yaml")  # .yaml or .yml
        return next((Cause(f) for f in self.unloaded.get(EVALUATION.name, []) if f.startswith(expected)), None)
