"""One catalog item from one row of a list: each field's cells turned into the value the model takes.

What cannot be mapped stays as text in the field's own place, so `zsht validate` points at it, and is
returned as a `Gap` for the summary.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .mapping import Register, applies_to, bases, funding, nothing, split_list
from .text import without_numbering

ONE_LINE = ("name", "department", "basis", "funding", "applies_to", "status")


@dataclass(frozen=True)
class Gap:
    """Something of an item that stays text: the item, the field, the text, and what to do about it."""

    item: str
    field: str
    text: str
    kind: str  # law, department, funding, basis, text


@dataclass
class Built:
    """An item as built: its fields in the model's order, the fields that became structure, its gaps."""

    values: dict[str, Any]
    mapped: set[str] = field(default_factory=set)
    gaps: list[Gap] = field(default_factory=list)


def build_item(item_id: str, cells: dict[str, list[str]], fields: list[str], register: Register) -> Built:
    """The item `item_id` from the text of its row by field (a field several columns hold has several texts)."""
    built = Built({"id": item_id})
    for name in fields:
        texts = list(dict.fromkeys(text for text in cells.get(name, []) if text))  # a merged cell comes once
        if not texts:
            continue
        # a name or a citation broken over lines in its cell is one line; requirements keep their lines
        text = "；".join(t.replace("\n", "") for t in texts) if name in ONE_LINE else "\n".join(texts)
        _set(built, item_id, name, text, texts, register)
    return built


def _set(built: Built, item_id: str, name: str, text: str, texts: list[str], register: Register) -> None:
    """Put one field's value into the item, mapped where the field has a structure."""
    if name == "basis":
        _set_basis(built, item_id, text, register)
        return
    if name in ("department", "funding", "applies_to", "status"):
        if nothing(text) and name == "funding":
            return
        value = _MAPPERS[name](text, register)
        built.values[name] = value if value is not None else text
        _record(built, item_id, name, text, value is not None, name if name in ("department", "funding") else "text")
        return
    if name == "name":
        built.values[name] = without_numbering(text)
    elif name == "authority":
        built.values[name] = [part for text in texts for part in split_list(text)]
    else:
        built.values[name] = text
    built.mapped.add(name)


def _set_basis(built: Built, item_id: str, text: str, register: Register) -> None:
    """The legal bases: each citation of a known law mapped, each of an unknown law kept as its text."""
    if nothing(text):
        return
    cited, unknown = bases(text, register)
    built.values["basis"] = cited
    built.gaps.extend(Gap(item_id, "basis", title, "law") for title in unknown)
    if all(isinstance(basis, dict) for basis in cited):
        built.mapped.add("basis")
    elif not unknown:
        built.gaps.append(Gap(item_id, "basis", text, "basis"))


def _status(text: str, _: Register) -> str | None:
    """保留 or 取消, as a certificate list's status column says it."""
    return next((word for word in ("取消", "保留") if word in text), None)


_MAPPERS: dict[str, Callable[[str, Register], Any]] = {
    "department": lambda text, register: register.department(text),
    "funding": lambda text, _: funding(text),
    "applies_to": lambda text, _: applies_to(text),
    "status": _status,
}


def _record(built: Built, item_id: str, name: str, text: str, mapped: bool, kind: str) -> None:
    if mapped:
        built.mapped.add(name)
    else:
        built.gaps.append(Gap(item_id, name, text, kind))
