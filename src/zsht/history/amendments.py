"""补充协议 in `zsht diff`: what a supplement adds to a committee's work or takes from its money is called out,
and a new year's agreement is compared with last year's agreement as its signed supplements amended it."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import Any

from ..layout import SUPPLEMENT
from .burden import Callout
from .changes import RecordChange
from .records import Key, Version

SIGNED = "已签订"


def supplement_paths(agreement: dict[str, Any], files: Iterable[str]) -> list[str]:
    """The supplement files of the committee of the year before `agreement`'s (a new year's agreement)."""
    year, township, community = agreement.get("year"), agreement.get("township"), agreement.get("community")
    if not isinstance(year, int) or not isinstance(township, str) or not isinstance(community, str):
        return []
    folder = f"supplements/{year - 1}/{township}/{community}-"
    return sorted(path for path in files if path.startswith(folder) and SUPPLEMENT.matches(path))


def amended_count(agreement: dict[str, Any], earlier: dict[Key, Version]) -> int:
    """How many tasks `agreement` (plain data) holds once its signed supplements among `earlier` are applied."""
    items = agreement.get("items")
    count = len(items) if isinstance(items, list) else 0
    for key, version in earlier.items():
        data = version.data
        if (key.kind == SUPPLEMENT.name and isinstance(data, dict) and data.get("agreement") == agreement.get("id")
                and data.get("status") == SIGNED):
            count += len(_ids(data, "items_added")) - len(_ids(data, "items_removed"))
    return count


def _ids(data: dict[str, Any], key: str) -> list[Any]:
    value = data.get(key)
    return [(item.get("id") if isinstance(item, dict) else item) for item in value] if isinstance(value, list) else []


def _money(value: Any) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def supplement_callouts(changes: list[RecordChange]) -> list[Callout]:
    """A supplement that adds tasks (more work) or lowers the money agreed (less money), new or changed."""
    found: list[Callout] = []
    for change in changes:
        if change.key.kind != SUPPLEMENT.name or change.new is None or not isinstance(change.new.data, dict):
            continue
        data = change.new.data
        old = change.old.data if change.old is not None and isinstance(change.old.data, dict) else {}
        target = f"{change.key.label} 为协议 {data.get('agreement', '')}"
        added = [i for i in _ids(data, "items_added") if i not in _ids(old, "items_added")]
        if added:
            found.append(Callout("burden", change.key.label, f"{target} 新增协助事项：{'、'.join(map(str, added))}"))
        total, before = _money(data.get("funding_total")), _money(old.get("funding_total"))
        if total is not None and total < 0 and total != before:
            found.append(Callout("funding", change.key.label, f"{target} 减少经费 {-total} 元"))
    return found
