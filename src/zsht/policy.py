"""Domain queries shared by the checks and the renderers: which catalog is in force, what an item costs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import TypeVar

from .layout import ASSIST_CATALOG, DUTY_CATALOG
from .load.county import County, Entry
from .models import (
    Agreement,
    AgreementItem,
    AssistCatalog,
    AssistItem,
    CertificateCatalog,
    DutyCatalog,
    Funding,
    NegativeCatalog,
)
from .models.catalogs import LifecycleStep

# The catalogs issued in yearly versions, each in force from its `year` until the next one.
Catalog = TypeVar("Catalog", AssistCatalog, DutyCatalog, NegativeCatalog, CertificateCatalog)


def release(catalog: AssistCatalog | DutyCatalog | CertificateCatalog) -> LifecycleStep | None:
    """The catalog's 发布 step (date and document), or None while it is a draft."""
    return next((step for step in catalog.stages if step.stage == "发布"), None)


def published_on(catalog: AssistCatalog | DutyCatalog | CertificateCatalog) -> dt.date | None:
    """The date of the catalog's 发布 step, or None while it is a draft."""
    step = release(catalog)
    return step.date if step else None


def version_in_force(versions: Iterable[Entry[Catalog]], year: int) -> Entry[Catalog] | None:
    """The version in force in `year`: the latest one starting by then (of two for the same year, the first)."""
    started = [entry for entry in versions if entry.record.year <= year]
    return max(started, key=lambda entry: entry.record.year) if started else None


def catalog_in_force(county: County, year: int) -> Entry[AssistCatalog] | None:
    """The assist catalog version that governs agreements of `year`: the latest one starting by then."""
    return version_in_force(county.entries(ASSIST_CATALOG), year)


def duty_catalog_in_force(county: County, year: int) -> Entry[DutyCatalog] | None:
    """The duty catalog (依法履职事项) version in force in `year`: the latest one starting by then."""
    return version_in_force(county.entries(DUTY_CATALOG), year)


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
