"""Domain queries shared by the checks and the renderers: which catalog is in force, what an item costs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from types import MappingProxyType
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
from .models.agreement import AgreedTerms
from .models.catalogs import LifecycleStep
from .models.common import Basis

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


def catalog_of(county: County, agreement: Agreement) -> Entry[AssistCatalog] | None:
    """The assist catalog an agreement rests on: for a signed one, the version it recorded (`catalog.year`) while
    the county has it (a version added later for the same year does not move it); else the one in force."""
    if is_signed(agreement) and agreement.catalog is not None:
        recorded = agreement.catalog.year
        found = next((e for e in county.entries(ASSIST_CATALOG) if e.record.year == recorded), None)
        if found is not None:
            return found
    return catalog_in_force(county, agreement.year)


def duty_catalog_in_force(county: County, year: int) -> Entry[DutyCatalog] | None:
    """The duty catalog (依法履职事项) version in force in `year`: the latest one starting by then."""
    return version_in_force(county.entries(DUTY_CATALOG), year)


def items_in_force(county: County, year: int) -> Mapping[str, AssistItem]:
    """The items, by id, of the assist catalog that governs agreements of `year` (none if there is no catalog)."""
    catalog = catalog_in_force(county, year)
    return catalog_items(catalog.record) if catalog else {}


def catalog_items(catalog: AssistCatalog) -> Mapping[str, AssistItem]:
    """A catalog's items by id (one mapping per catalog, shared by every caller: records do not change once
    loaded, and `agreed_terms` recognises the same catalog by it)."""
    kept = _ITEMS.get(id(catalog))
    if kept is None or kept[0] is not catalog:
        if len(_ITEMS) > 1024:
            _ITEMS.clear()
        kept = _ITEMS[id(catalog)] = (catalog, MappingProxyType({item.id: item for item in catalog.items}))
    return kept[1]


# Kept by identity, with the object itself so that a reused id is never mistaken for it.
_ITEMS: dict[int, tuple[AssistCatalog, Mapping[str, AssistItem]]] = {}
_TERMS: dict[tuple[int, int], tuple[Agreement, Mapping[str, AssistItem], list[Terms]]] = {}


def effective_funding(item: AgreementItem, catalog_item: AssistItem | None) -> Funding | None:
    """The funding that applies to an agreed item: the agreement's own, else the catalog's."""
    if item.funding is not None:
        return item.funding
    return catalog_item.funding if catalog_item else None


@dataclass(frozen=True)
class Terms:
    """What one agreed item binds both parties to, every clause resolved: the agreement's own wording first,
    then the terms recorded at signing (a signed agreement) or the catalog item (a draft)."""

    id: str
    name: str  # the item's id when neither terms nor a catalog item name it
    department: str | None
    basis: tuple[Basis, ...]
    targets: str
    evaluation: str
    conditions: str
    funding: Funding | None
    recorded: bool  # resolved from the terms recorded at signing, never the catalog
    listed: bool  # resolved from recorded terms or a catalog item (else only the agreement's own clauses)
    # `conditions` split in its two parts, for a document that states them apart: the government's guidance
    # (the agreement's own `conditions` when it has them) and the powers handed over with the task (权随责走).
    guidance: str = ""
    authority: tuple[str, ...] = ()


def is_signed(agreement: Agreement) -> bool:
    """Whether an agreement is signed: from then on it never changes."""
    return agreement.status == "已签订"


def conditions_text(guidance: str | None, authority: Iterable[str]) -> str:
    """The conditions the government provides, as the agreement states them: guidance and authority, joined."""
    parts = (part.rstrip("。；;. ") for part in (guidance, *authority) if part)
    return "；".join(part for part in parts if part)


def agreed_terms(agreement: Agreement, catalog_items: Mapping[str, AssistItem]) -> list[Terms]:
    """The terms of every item of `agreement`, in its order: THE one place that decides where they come from.

    A signed agreement is read on the terms `zsht sign` recorded in each item (`terms`), never the catalog: the
    catalog may change later, the signed agreement does not. An item without recorded terms (a draft, or an
    agreement signed by an older zsht) takes them from `catalog_items`, the catalog in force for its year.
    The agreement's own `targets`, `evaluation`, `conditions` and `funding` come first either way.
    """
    # The checks of one validate ask this for every agreement several times (funding, totals, evaluations).
    key = (id(agreement), id(catalog_items))
    kept = _TERMS.get(key)
    if kept is not None and kept[0] is agreement and kept[1] is catalog_items:
        return kept[2]
    terms = [item_terms(item, item.terms if is_signed(agreement) else None, catalog_items.get(item.id))
             for item in agreement.items]
    if len(_TERMS) > 100_000:
        _TERMS.clear()
    _TERMS[key] = (agreement, catalog_items, terms)
    return terms


def item_terms(item: AgreementItem, recorded: AgreedTerms | None, catalog_item: AssistItem | None) -> Terms:
    """One item's terms: its own clauses first, then the `recorded` terms, else the catalog's (see agreed_terms)."""
    source: AgreedTerms | AssistItem | None = recorded or catalog_item
    return Terms(
        id=item.id, name=source.name if source else item.id, department=source.department if source else None,
        basis=tuple(source.basis) if source else (),
        targets=item.targets or (source.requirements or "" if source else ""),
        evaluation=item.evaluation or (source.evaluation or "" if source else ""),
        conditions=item.conditions or (conditions_text(source.guidance, source.authority) if source else ""),
        funding=item.funding or (source.funding if source else None),
        recorded=recorded is not None, listed=source is not None,
        guidance=item.conditions or (source.guidance or "" if source else ""),
        authority=() if item.conditions or source is None else tuple(source.authority))


def agreement_total(agreement: Agreement, items: Mapping[str, AssistItem]) -> Decimal:
    """The sum of the funding of every agreed item, on its agreed terms."""
    return sum((terms.funding.amount for terms in agreed_terms(agreement, items) if terms.funding is not None),
               Decimal(0))


def agreed_funding(agreement: Agreement, items: Mapping[str, AssistItem]) -> Decimal:
    """The funding an agreement settles on: its stated `funding_total`, else the sum of its items."""
    if agreement.funding_total is not None:
        return agreement.funding_total
    return agreement_total(agreement, items)


def normalized(name: str) -> str:
    """A task name without spaces and punctuation, for comparing names across lists."""
    return "".join(ch for ch in name if ch.isalnum())
