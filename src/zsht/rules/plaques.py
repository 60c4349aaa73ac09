"""机制牌子: a committee hangs only the plaques the county allows, and no more of them than the caps."""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding
from ..layout import COMMUNITY, PLAQUE_CATALOG
from ..load.county import County
from ..plaques import PLACEMENTS, plaque_list_in_force
from .base import at, check
from .causes import Causes


@check
def plaques_allowed(county: County) -> Iterator[Finding]:
    """ZS330/ZS331/ZS332: every plaque a committee hangs is on the list in force, once, within the caps."""
    catalog = plaque_list_in_force(county)
    allowed = {item.id: item for item in catalog.record.items} if catalog else {}
    caps = county.config.plaques if county.config else None
    cause = Causes(county).file(PLAQUE_CATALOG)  # the list that did not load may hold the plaque
    listed = f"（{catalog.file}）" if catalog else ""
    for entry in county.entries(COMMUNITY):
        if catalog is None and cause is None and entry.record.plaques:
            # one finding per committee, not one per plaque: nothing can be judged until the list exists
            yield at(entry, "ZS330", f"{entry.record.name} 登记了 {len(entry.record.plaques)} 块牌子，但仓库中没有"
                     "机制牌子清单（catalogs/plaque/），无从核对", "plaques", hint="先制定并登记县里的机制牌子清单")
            continue
        counts = {"外": 0, "内": 0}
        seen: set[str] = set()
        for position, plaque in enumerate(entry.record.plaques):
            if plaque in seen:
                yield at(entry, "ZS332", f"{entry.record.name} 重复登记了牌子 {plaque}", "plaques", position,
                         hint="每块牌子只登记一次")
                continue
            seen.add(plaque)
            item = allowed.get(plaque)
            if item is None:
                yield at(entry, "ZS330", f"{entry.record.name} 悬挂的牌子 {plaque} 不在允许悬挂的清单{listed}中",
                         "plaques", position, hint="摘除该牌子，或经县里批准后列入 catalogs/plaque/ 清单").because_of(cause)
                continue
            counts[item.placement] += 1
        if caps is None:
            continue
        for placement, key in PLACEMENTS.items():
            cap = getattr(caps, key)
            if counts[placement] > cap:
                yield at(entry, "ZS331", f"{entry.record.name} 办公场所{placement}悬挂牌子 {counts[placement]} 块，"
                         f"超过上限 {cap} 块", "plaques", hint=f"摘除多余的牌子；上限见 zsht.yaml 的 plaques.{key}")
