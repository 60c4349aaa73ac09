"""Domain queries shared by the checks and the renderers: which catalog is in force, what an item costs."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from .load.county import County, Entry
from .models import Agreement, AgreementItem, AssistCatalog, AssistItem, Funding


def published_on(catalog: AssistCatalog) -> dt.date | None:
    """The date of the catalog's 发布 step, or None while it is a draft."""
    return next((step.date for step in catalog.stages if step.stage == "发布"), None)


def catalog_in_force(county: County, year: int) -> Entry[AssistCatalog] | None:
    """The assist catalog version that governs agreements of `year`: the latest one starting by then."""
    versions = [e for e in county.entries("assist") if e.record.year <= year]
    return max(versions, key=lambda e: e.record.year) if versions else None


def items_in_force(county: County, year: int) -> dict[str, AssistItem]:
    """The items, by id, of the assist catalog that governs agreements of `year` (none if there is no catalog)."""
    catalog = catalog_in_force(county, year)
    return catalog_items(catalog.record) if catalog else {}


def catalog_items(catalog: AssistCatalog) -> dict[str, AssistItem]:
    """A catalog's items by id."""
    return {item.id: item for item in catalog.items}


def effective_funding(item: AgreementItem, catalog_item: AssistItem | None) -> Funding | None:
    """The funding that applies to an agreed item: the agreement's own, else the catalog's."""
    if item.funding is not None:
        return item.funding
    return catalog_item.funding if catalog_item else None


def agreement_total(agreement: Agreement, items: dict[str, AssistItem]) -> Decimal:
    """The sum of the funding of every agreed item."""
    total = Decimal(0)
    for item in agreement.items:
        funding = effective_funding(item, items.get(item.id))
        if funding is not None:
            total += funding.amount
    return total


def agreed_funding(agreement: Agreement, items: dict[str, AssistItem]) -> Decimal:
    """The funding an agreement settles on: its stated `funding_total`, else the sum of its items."""
    if agreement.funding_total is not None:
        return agreement.funding_total
    return agreement_total(agreement, items)


def normalized(name: str) -> str:
    """A task name without spaces and punctuation, for comparing names across lists."""
    return "".join(ch for ch in name if ch.isalnum())
