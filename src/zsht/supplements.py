"""补充协议 read together with the agreement they amend: what the parties agreed, as amended, in order.

A signed agreement never changes; a mid-year change is a supplement (补充协议) signed like it. Whatever reads
an agreement's items or money (scores and settlement, the county report, drafts of next year, the renderer,
the checks of the evaluation) reads `amended(county, entry)` instead of the bare agreement, so that every one of
them sees the same terms.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from .layout import ACCESS, SUPPLEMENT
from .load.county import County, Entry
from .models import Access, Agreement, AgreementItem, AssistItem, Supplement, SupplementItem
from .policy import agreed_funding, effective_funding, items_in_force

SIGNED = "已签订"


@dataclass(frozen=True)
class Amended:
    """An agreement as amended by its signed supplements.

    `agreement` holds the items in force after every supplement (an added item carries the supplement's own
    terms, a changed item its new funding or targets) and, as `funding_total`, the money agreed in all;
    `items` is the catalog in force plus, for each task added through 准入, an item made from the approval
    (its department and title), so that each agreed item has a department and a name."""

    agreement: Agreement
    items: dict[str, AssistItem]
    supplements: tuple[Entry[Supplement], ...]


def order(entry: Entry[Supplement]) -> tuple[dt.date, int, str]:
    """The order supplements take effect in: signed first by date, then by their number; drafts last."""
    record = entry.record
    day = record.signing.date if record.signing and record.status == SIGNED else dt.date.max
    number = record.id.rsplit("-", 1)[-1]
    return day, int(number) if number.isdigit() else 0, record.id


# The supplements of each agreement, grouped once per loaded county: a report or a check asks for every one of
# thousands of agreements, and scanning every supplement each time would make that quadratic.
_GROUPED: dict[int, tuple[list[Entry[Supplement]], int, dict[str, list[Entry[Supplement]]]]] = {}


def supplements_of(county: County, agreement_id: str) -> list[Entry[Supplement]]:
    """Every supplement (signed or draft) that names the agreement, in the order they take effect."""
    entries = county.entries(SUPPLEMENT)
    cached = _GROUPED.get(id(county))
    if cached is None or cached[0] is not entries or cached[1] != len(entries):
        grouped: dict[str, list[Entry[Supplement]]] = {}
        for entry in sorted(entries, key=order):
            grouped.setdefault(entry.record.agreement, []).append(entry)
        _GROUPED.clear()  # one county at a time: a loaded county is not kept alive by this table
        cached = _GROUPED[id(county)] = (entries, len(entries), grouped)
    return list(cached[2].get(agreement_id, []))


def access_item(access: Access, item: SupplementItem) -> AssistItem:
    """The catalog-like item a task added through 准入 stands for: the approval's department and title, the
    supplement's own terms. Built without validation: it has no legal basis list of its own (the approval is it)."""
    return AssistItem.model_construct(
        id=item.id, name=access.title, department=access.department, basis=[],
        requirements=item.targets or "", evaluation=item.evaluation or "", guidance=item.conditions,
        authority=[], funding=item.funding, applies_to=["村", "居"])


def apply(items: list[AgreementItem], supplement: Supplement) -> list[AgreementItem]:
    """The agreed items after one supplement: removed ones dropped, changed ones updated, added ones appended."""
    removed = set(supplement.items_removed)
    changes = {change.id: change for change in supplement.changes}
    kept: list[AgreementItem] = []
    for item in items:
        if item.id in removed:
            continue
        change = changes.get(item.id)
        if change is not None:
            update = {key: value for key, value in (("funding", change.funding), ("targets", change.targets))
                      if value is not None}
            item = item.model_copy(update=update)
        kept.append(item)
    added = [_agreed(item) for item in supplement.items_added]
    return kept + added


def _agreed(item: SupplementItem) -> AgreementItem:
    """An added item as an agreed one: its fields but the 准入 number. Its values were validated as the supplement
    loaded, with the same types; validating them again built AgreementItem's schema in every run (a warm
    `zsht validate` reads records from the load cache and builds none)."""
    return AgreementItem.model_construct(**{name: getattr(item, name) for name in AgreementItem.model_fields})


def supplement_delta(supplement: Supplement, before: list[AgreementItem], items: dict[str, AssistItem]) -> Decimal:
    """The change in money the supplement's items make: what is agreed after it less what was agreed before."""
    return _sum(apply(before, supplement), items) - _sum(before, items)


def _sum(agreed: list[AgreementItem], items: dict[str, AssistItem]) -> Decimal:
    total = Decimal(0)
    for item in agreed:
        funding = effective_funding(item, items.get(item.id))
        if funding is not None:
            total += funding.amount
    return total


def with_access(county: County, supplements: list[Entry[Supplement]],
                items: Mapping[str, AssistItem]) -> dict[str, AssistItem]:
    """The catalog `items` plus one item for each task the supplements add through an approved 准入 record."""
    approvals = county.index(ACCESS)
    found = dict(items)
    for entry in supplements:
        for item in entry.record.items_added:
            approval = approvals.get(item.access) if item.access else None
            if item.id not in found and approval is not None and approval.record.item == item.id:
                found[item.id] = access_item(approval.record, item)
    return found


def amended(county: County, entry: Entry[Agreement], before: Entry[Supplement] | None = None,
            as_of: dt.date | None = None) -> Amended:
    """The agreement as amended by its signed supplements, in order (only those before `before`, if given; only
    those signed on or before `as_of`, if given: an evaluation assesses the agreement as it stood on its date, and a
    supplement signed after it is ZS424)."""
    agreement = entry.record
    signed = [s for s in supplements_of(county, agreement.id) if s.record.status == SIGNED
              and (as_of is None or s.record.signing is None or s.record.signing.date <= as_of)]
    if before is not None:
        signed = [s for s in signed if order(s) < order(before) and s.record.id != before.record.id]
    items = with_access(county, signed, items_in_force(county, agreement.year))
    total = agreed_funding(agreement, items)
    terms = list(agreement.items)
    for supplement in signed:
        change = supplement_delta(supplement.record, terms, items)
        total += supplement.record.funding_total if supplement.record.funding_total is not None else change
        terms = apply(terms, supplement.record)
    if not signed:
        return Amended(agreement, items, ())
    return Amended(agreement.model_copy(update={"items": terms, "funding_total": total}), items, tuple(signed))


__all__ = ["Amended", "amended", "apply", "order", "supplement_delta", "supplements_of", "with_access"]
