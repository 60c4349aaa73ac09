"""Burden and funding, called out on their own: new assisted tasks, more tasks for a committee, less money."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..layout import AGREEMENT, ASSIST_ITEM, CERTIFICATE_ITEM
from .changes import MISSING, FieldChange, RecordChange, breach_of, show
from .records import Key, Version


@dataclass(frozen=True)
class Callout:
    """One thing a reviewer must not miss: `burden` (more work), `funding` (less money), `final` (a signed
    agreement, a published notice or catalog changed)."""

    kind: str
    record: str
    message: str

    def as_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "record": self.record, "message": self.message}


def _amount(value: Any) -> float | None:
    if isinstance(value, dict):
        value = value.get("amount")
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def callouts(changes: list[RecordChange], earlier: dict[Key, Version] | None = None) -> list[Callout]:
    """Burden and funding callouts of a set of record changes; `earlier` holds the agreements of the latest earlier
    year, to compare a new year's agreement of the same committee with."""
    found: list[Callout] = []
    for change in changes:
        key = change.key
        if key.kind == ASSIST_ITEM.name and change.status == "added":
            data = change.new.data if change.new else {}
            money = _amount(data.get("funding"))
            found.append(Callout("burden", key.label, f"新增协助事项 {key.id}“{data.get('name', '')}”（{key.scope} 年目录）"
                                 + (f"，经费 {show(money)}" if money is not None else "，未列经费")))
        if key.kind == CERTIFICATE_ITEM.name:
            found += _retained_certificate(change)
        if key.kind == AGREEMENT.name and change.status == "changed":
            found += _agreement_items(change)
        if key.kind == AGREEMENT.name and change.status == "added" and change.new is not None:
            found += _new_year(change.new.data, key, earlier or {})
        for item in change.fields:
            found += _funding(change, item.path, item.old, item.new)
        breach = breach_of(change)
        if breach is not None:
            what = "被删除" if not breach.fields else "被改动（" + "，".join(f.path for f in breach.fields[:6]) + "）"
            found.append(Callout("final", key.label, breach.said(f"{what}，zsht audit 将报告 {breach.final.rule}")))
    return found


def _retained_certificate(change: RecordChange) -> list[Callout]:
    """A certificate committees must issue from now on: added as 保留, or changed from 取消 to 保留."""
    before = change.old.data.get("status") if change.old else None
    after = change.new.data.get("status") if change.new else None
    if after != "保留" or before == "保留":
        return []
    assert change.new is not None
    return [Callout("burden", change.key.label, f"证明事项 {change.key.id}“{change.new.data.get('name', '')}”"
                                               f"{'由取消改为' if before else '新增为'}保留：村（居）委会须出具该证明")]


def _agreement_items(change: RecordChange) -> list[Callout]:
    assert change.old is not None and change.new is not None
    before, after = change.old.data.get("items"), change.new.data.get("items")
    if not isinstance(before, list) or not isinstance(after, list) or len(after) <= len(before):
        return []
    community = change.new.data.get("community", change.key.id)
    return [Callout("burden", change.key.label,
                    f"{community} 的协助事项由 {len(before)} 项增至 {len(after)} 项（{change.key.id}）")]


def _new_year(data: dict[str, Any], key: Key, earlier: dict[Key, Version]) -> list[Callout]:
    """A new year's agreement with more assisted items than the committee's agreement of the latest earlier year
    (the year before, or the last one kept)."""
    year = data.get("year")
    years = [v.data for k, v in earlier.items() if k.kind == AGREEMENT.name and v.data.get("community") ==
             data.get("community") and isinstance(v.data.get("year"), int) and isinstance(year, int)
             and v.data["year"] < year]
    before = max(years, key=lambda d: d["year"], default=None)
    if before is None or not isinstance(before.get("items"), list) or not isinstance(data.get("items"), list):
        return []
    # last year's agreement as its signed 补充协议 left it (imported here: amendments imports Callout from here)
    from .amendments import amended_count

    if len(data["items"]) <= (count := amended_count(before, earlier)):
        return []
    return [Callout("burden", key.label, f"{data['community']} 的协助事项由 {before['year']} 年的 {count} 项"
                                         f"增至 {data['year']} 年的 {len(data['items'])} 项（{key.id}）")]


def _funding(change: RecordChange, path: str, old: Any, new: Any) -> list[Callout]:
    """Funding that goes down or disappears: an item's funding, an agreement's total."""
    if not (path.endswith("funding") or path.endswith("funding.amount") or path == "funding_total"):
        return []
    before, after = _amount(old), _amount(new)
    if before is None:
        return []
    label = change.key.label
    if after is None or new is MISSING:
        return [Callout("funding", label, f"{label} 的经费被删除（原为 {show(before)}）：{path}")]
    if after < before:
        return [Callout("funding", label, f"{label} 的经费减少：{FieldChange(path, before, after).text()}")]
    return []
