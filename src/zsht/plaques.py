"""机制牌子: which list of allowed plaques is in force, and what each committee hangs, counted by placement."""

from __future__ import annotations

from dataclasses import dataclass

from .layout import COMMUNITY, PLAQUE_CATALOG
from .load.county import County, Entry
from .models import PlaqueCatalog, PlaqueItem

PLACEMENTS = {"外": "outside", "内": "inside"}  # placement → its cap's key in zsht.yaml `plaques`


def plaque_list_in_force(county: County) -> Entry[PlaqueCatalog] | None:
    """The allowed plaques a committee's registry entry is checked against: the registry tells the present, so
    the latest published version (with a 发布 stage), else the latest version; None without any."""
    versions = county.entries(PLAQUE_CATALOG)
    published = [e for e in versions if any(step.stage == "发布" for step in e.record.stages)]
    chosen = published or versions
    return max(chosen, key=lambda entry: entry.record.year) if chosen else None


@dataclass(frozen=True)
class PlaqueCount:
    """The plaques one committee hangs that are on the allowed list, by placement."""

    community: str  # the committee's name
    outside: int
    inside: int


def plaque_counts(county: County) -> list[PlaqueCount]:
    """Each committee's allowed plaques, outside and inside, in registry order (a plaque listed twice counts once)."""
    catalog = plaque_list_in_force(county)
    allowed: dict[str, PlaqueItem] = {item.id: item for item in catalog.record.items} if catalog else {}
    counts = []
    for entry in county.entries(COMMUNITY):
        placements = [allowed[plaque].placement for plaque in dict.fromkeys(entry.record.plaques) if plaque in allowed]
        counts.append(PlaqueCount(entry.record.name, placements.count("外"), placements.count("内")))
    return counts
