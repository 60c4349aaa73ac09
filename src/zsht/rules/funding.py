"""权随责走、费随事转: every assisted task carries its money and its authority."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..findings import FieldPath, Finding
from ..layout import AGREEMENT, ASSIST_ITEM, DUTY_ITEM, NEGATIVE_ITEM, RecordKind
from ..load.county import County, Entry
from ..models import DutyItem, Funding, NegativeItem
from ..policy import catalog_in_force, catalog_items, effective_funding, normalized
from .base import at, check
from .causes import Causes


def funding_findings(entry: Entry[Any], funding: Funding | None, where: FieldPath, what: str) -> Iterator[Finding]:
    """ZS301/ZS302 for one funding mapping (of a catalog item or an agreed item)."""
    if funding is None:
        yield at(entry, "ZS301", f"{what} 没有经费（费随事转）", *where,
                 hint="补上 funding：amount（元/年）、unit、source、payment")
        return
    if funding.amount <= 0:
        yield at(entry, "ZS301", f"{what} 的经费金额须大于 0，现为 {funding.amount}", *where, "funding", "amount")
    if not funding.source:
        yield at(entry, "ZS302", f"{what} 的经费没有写明来源", *where, "funding", hint="如 source: 县财政")
    if not funding.payment:
        yield at(entry, "ZS302", f"{what} 的经费没有写明支付方式", *where, "funding",
                 hint="如 payment: 年初拨付 50%，评估后结清")


@check
def catalog_funding_and_authority(county: County) -> Iterator[Finding]:
    """ZS301/ZS302/ZS303 on every assist catalog item."""
    for entry in county.entries(ASSIST_ITEM):
        item = entry.record
        yield from funding_findings(entry, item.funding, (), f"协助事项 {item.id}")
        if not item.authority:
            yield at(entry, "ZS303", f"协助事项 {item.id} 没有列明随事项下放的权限和工作条件（权随责走）",
                     hint="补上 authority 列表，如“查阅辖区有关登记信息”")


@check
def agreement_funding(county: County) -> Iterator[Finding]:
    """ZS301/ZS302 on every agreed item, as it stands in the agreement.

    An item that takes its funding from the catalog repeats the catalog item's own ZS301/ZS302: those
    findings are echoes of the catalog item (one fix there clears every agreement)."""
    causes = Causes(county)
    for entry in county.entries(AGREEMENT):
        catalog = catalog_in_force(county, entry.record.year)
        items = catalog_items(catalog.record) if catalog else {}
        for position, item in enumerate(entry.record.items):
            if item.id not in items:
                continue  # reported as an unlisted item instead
            funding = effective_funding(item, items[item.id])
            for found in funding_findings(entry, funding, ("items", position), f"协议事项 {item.id}"):
                assert catalog is not None  # the item is in it
                yield found.because_of(causes.catalog(entry.record.year, catalog.record.year) or (
                    causes.catalog_item(catalog.file, item.id) if item.funding is None else None))


def _assist_items_named_in(county: County, kind: RecordKind[DutyItem | NegativeItem]) -> Iterator[tuple[Entry[Any], str]]:
    """Assist catalog items whose name (spaces and punctuation aside) is that of an item of another list."""
    names = {normalized(e.record.name): e.record.id for e in county.entries(kind)}
    for entry in county.entries(ASSIST_ITEM):
        other = names.get(normalized(entry.record.name))
        if other:
            yield entry, other


@check
def duty_is_not_assist(county: County) -> Iterator[Finding]:
    """ZS304: a duty the committee has by law is not also sold back to it as an assisted task."""
    for entry, duty in _assist_items_named_in(county, DUTY_ITEM):
        yield at(entry, "ZS304", f"协助事项 {entry.record.id} 与依法履职事项 {duty} 同名", "name",
                 hint="依法履职事项不附政府经费，请从协助目录中删去或改写")


@check
def negative_not_in_catalog(county: County) -> Iterator[Finding]:
    """ZS504: nothing on the negative list stands in the assist catalog."""
    for entry, banned in _assist_items_named_in(county, NEGATIVE_ITEM):
        yield at(entry, "ZS504", f"协助事项 {entry.record.id} 在负面清单中（{banned}）", "name",
                 hint="负面清单事项不得交由村（居）委会承担，可改为政府购买服务")
