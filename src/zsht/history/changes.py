"""What changed between two sets of record versions, field by field, in the domain's words."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..layout import Final
from .records import Key, Version, final_of

MISSING: Any = type("Missing", (), {"__repr__": lambda self: "（无）"})()
# Lists whose elements name themselves by one of these keys are matched by it, not by position.
_ELEMENT_KEYS = ("id", "item", "criterion", "stage", "grade", "due")


@dataclass(frozen=True)
class FieldChange:
    """One field that changed: `funding.amount: 10000 → 12500 (+25%)`."""

    path: str
    old: Any
    new: Any

    @property
    def percent(self) -> float | None:
        """The relative change of a number, when there is one."""
        if _number(self.old) and _number(self.new) and self.old:
            return float((self.new - self.old) / abs(self.old) * 100)
        return None

    def text(self) -> str:
        """The change as one line of the diff."""
        line = f"{self.path}: {show(self.old)} → {show(self.new)}"
        percent = self.percent
        if percent is not None:
            line += f" ({percent:+.0f}%)" if round(percent, 1) == round(percent) else f" ({percent:+.1f}%)"
        return line

    def as_dict(self) -> dict[str, Any]:
        return {"path": self.path, "old": None if self.old is MISSING else self.old,
                "new": None if self.new is MISSING else self.new, "percent": self.percent}


@dataclass
class RecordChange:
    """A record added, changed or removed; a record that only moved to another file has no field changes."""

    key: Key
    old: Version | None
    new: Version | None
    fields: list[FieldChange] = field(default_factory=list)

    @property
    def status(self) -> str:
        return "added" if self.old is None else "removed" if self.new is None else "changed"

    @property
    def moved(self) -> bool:
        return self.old is not None and self.new is not None and self.old.file != self.new.file

    @property
    def file(self) -> str:
        return (self.new or self.old).file  # type: ignore[union-attr]

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.key.kind, "scope": self.key.scope, "id": self.key.id, "label": self.key.label,
                "status": self.status, "file": self.file, "old_file": self.old.file if self.old else None,
                "fields": [f.as_dict() for f in self.fields]}


@dataclass(frozen=True)
class Breach:
    """A change to a record that was frozen (signed, published) before it: what froze it and what happened."""

    change: RecordChange
    final: Final
    fields: list[FieldChange]  # the changed fields; none when the record was deleted

    @property
    def record(self) -> str:
        """The frozen record as a finding names it: 已签订的协议 XY-…, 已发布目录中的协助事项 XZ-001（2015 年目录）."""
        return f"{self.final.state}{self.change.key.label}"

    def said(self, words: str) -> str:
        """The record followed by `words`, a space between them only after a Latin id (协议 XY-… 在提交, but
        …（2015 年目录）在提交)."""
        return f"{self.record}{' ' if self.record[-1:].isascii() else ''}{words}"

    @property
    def what(self) -> str:
        """What happened to it: 被删除, or 被改动：field: old → new, … (the first eight fields)."""
        if not self.fields:
            return "被删除"
        return "被改动：" + "，".join(f.text() for f in self.fields[:8])


def breach_of(change: RecordChange) -> Breach | None:
    """The breach a record change is, if its old version was frozen: deleted, or changed other than by the
    additions its kind allows (a later catalog stage, the terms recorded in a signed agreement). A record
    only moved to another file is unchanged."""
    final = final_of(change.key.kind)
    if final is None or change.old is None or not change.old.frozen_by(final):
        return None
    if change.new is None:
        return Breach(change, final, [])
    fields = [f for f in change.fields if not _allowed(final, f)]
    return Breach(change, final, fields) if fields else None


def _allowed(final: Final, change: FieldChange) -> bool:
    """An addition the frozen record allows, or its move on to a later frozen state (已评定 → 已公示); a list whose
    elements are not named (two stages of one name) compares as a whole, and then only elements appended after
    the old ones are an addition."""
    if isinstance(change.old, list) and isinstance(change.new, list) and change.new[:len(change.old)] == change.old:
        return final.allows(change.path + "[*]", True)
    return final.moves_on(change.path, change.old, change.new) or final.allows(change.path, change.old is MISSING)


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def show(value: Any) -> str:
    """A value as the diff prints it: numbers without a trailing .0, text as it is."""
    if value is MISSING or value is None:
        return "（无）"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dict | list):
        import json

        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def _element_key(items: list[Any]) -> str | None:
    if not items or not all(isinstance(i, dict) for i in items):
        return None
    for name in _ELEMENT_KEYS:
        values = [i.get(name) for i in items]
        if all(isinstance(v, str | int) for v in values) and len(set(values)) == len(values):
            return name
    return None


def field_changes(old: Any, new: Any, path: str = "") -> list[FieldChange]:
    """The fields that differ, with lists of named elements matched by name (`items[XZ-001].funding`)."""
    if old is new:  # the very same data: two versions share every part of a file they did not change (pieces)
        return []
    if isinstance(old, dict) and isinstance(new, dict):
        found: list[FieldChange] = []
        for name in [*old, *(k for k in new if k not in old)]:
            found += field_changes(old.get(name, MISSING), new.get(name, MISSING), f"{path}.{name}" if path else name)
        return found
    if isinstance(old, list) and isinstance(new, list) and old != new:
        before_key, after_key = _element_key(old), _element_key(new)
        name = before_key if before_key == after_key or not new else after_key if not old else None
        if name is not None:
            before = {i[name]: i for i in old}
            after = {i[name]: i for i in new}
            found = []
            for element in [*before, *(k for k in after if k not in before)]:
                found += field_changes(before.get(element, MISSING), after.get(element, MISSING),
                                       f"{path}[{element}]")
            return found
    if old == new and type(old) is type(new) or (_number(old) and _number(new) and old == new):
        return []
    return [FieldChange(path or "（整条记录）", old, new)]


def compare(old: dict[Key, Version], new: dict[Key, Version], *, moves: bool = False) -> list[RecordChange]:
    """Record changes between two sets of versions (of the changed files only: the rest did not change).

    A record that only moved to another file is a change only with `moves` (history shows it; diff does not).
    """
    changes: list[RecordChange] = []
    for key in [*old, *(k for k in new if k not in old)]:
        before, after = old.get(key), new.get(key)
        if before is not None and after is not None:
            fields = field_changes(before.data, after.data)
            if fields or (moves and before.file != after.file):
                changes.append(RecordChange(key, before, after, fields))
        else:
            changes.append(RecordChange(key, before, after))
    return changes


def summary(changes: list[RecordChange]) -> str:
    """“3 项新增，5 项变更，1 项删除” (a record only moved counts as changed)."""
    counts = {s: sum(1 for c in changes if c.status == s) for s in ("added", "changed", "removed")}
    return f"{counts['added']} 项新增，{counts['changed']} 项变更，{counts['removed']} 项删除"
