"""`zsht sign` for 补充协议: record that draft supplements were signed, keeping the terms they add.

A supplement is signed like an agreement (both parties as the registry names them, the date, the place), and
all or nothing. Signing also writes into the supplement the terms it adds that it took from the catalog —
each added task's funding, targets, evaluation and conditions, and the change in money — so that what was
signed stays what it says whatever the catalog files say later.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap

from .layout import AGREEMENT, SUPPLEMENT
from .load.county import County, Entry, load_county
from .models import AssistItem, Supplement
from .roundtrip import dumped, yaml_number
from .signing import Signed, mark_signed, sign_agreements, signed_heading, unsigned
from .supplements import amended, supplement_delta, with_access
from .write_gate import write_if_valid


def _selected(entry: Entry[Supplement], year: int, township: str | None, community: str | None) -> bool:
    record = entry.record
    return (record.year == year and (township is None or record.township == township)
            and (community is None or record.community == community))


def _snapshot(data: Any, supplement: Supplement, items: dict[str, AssistItem], delta: Any) -> None:
    """Write the catalog's terms of each added task into the supplement, and its change in money."""
    for position, item in enumerate(supplement.items_added):
        source = items.get(item.id)
        if source is None:
            continue
        node = data["items_added"][position]
        clauses = (("targets", source.requirements), ("evaluation", source.evaluation),
                   ("conditions", "；".join(p.rstrip("。；;. ") for p in (source.guidance, *source.authority) if p)))
        for key, text in clauses:
            if key not in node and text:
                node[key] = text
        if "funding" not in node and source.funding is not None:
            node["funding"] = CommentedMap(
                (k, yaml_number(v) if k == "amount" else v)
                for k, v in source.funding.model_dump(exclude_none=True).items())
    if "funding_total" not in data or data["funding_total"] is None:
        data["funding_total"] = yaml_number(delta)


def sign_supplements(county: County, year: int, day: dt.date, place: str | None = None,
                     township: str | None = None, community: str | None = None) -> Signed:
    """Set `status: 已签订` and `signing` on the selected draft supplements of `year`: written only if all validate."""
    outcome, contents = Signed(), {}
    chosen = [e for e in sorted(county.entries(SUPPLEMENT), key=lambda e: e.file) if _selected(e, year, township, community)]
    for entry, town, committee, yaml, data in unsigned(county, chosen, outcome):
        supplement = entry.record
        target = county.index(AGREEMENT).get(supplement.agreement)
        if target is not None:  # without it, the write gate refuses the file (ZS420)
            before = amended(county, target, before=entry)
            items = with_access(county, [entry], before.items)
            _snapshot(data, supplement, items, supplement_delta(supplement, list(before.agreement.items), items))
        mark_signed(data, town, committee, day, place)
        contents[entry.file] = signed_heading(dumped(yaml, data, ""))
    outcome.written = write_if_valid(county, contents, outcome.problems)
    return outcome


def sign_year(root: Path, year: int, day: dt.date, place: str | None = None, township: str | None = None,
              community: str | None = None) -> tuple[Signed, Signed]:
    """Sign the selected draft agreements of `year`, then (if that went through) its draft supplements.

    Agreements come first: a supplement amends a signed agreement, and is signed after it."""
    county = load_county(root)
    pending = [e for e in county.entries(SUPPLEMENT) if _selected(e, year, township, community)]
    agreements = Signed()
    if not pending or _has_agreements(county, year, township, community):
        agreements = sign_agreements(county, year, day, place, township, community)
    if agreements.problems:
        return agreements, Signed()
    if agreements.written:
        county = load_county(root)
    return agreements, sign_supplements(county, year, day, place, township, community)


def _has_agreements(county: County, year: int, township: str | None, community: str | None) -> bool:
    return any(e.record.year == year and (township is None or e.record.township == township)
               and (community is None or e.record.community == community) for e in county.entries(AGREEMENT))
