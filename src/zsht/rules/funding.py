"""权随责走、费随事转: every assisted task carries its money and its authority."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..findings import FieldPath, Finding
from ..layout import AGREEMENT, ASSIST_CATALOG, ASSIST_ITEM, DUTY_ITEM, NEGATIVE_ITEM, RecordKind
from ..load.county import County, Entry
from ..models import DutyItem, Funding, NegativeItem
from ..policy import agreed_terms, catalog_items, catalog_of, is_signed, normalized, published_on
from .base import at, check
from .causes import Causes

# A published catalog is never edited: what a finding about one of its items asks for instead.
PUBLISHED_HINT = "目录已发布，不得再改：在下一年度的目录中改正；已签订的协议须变更的，另签补充协议"
SIGNED_HINT = "已签订的协议不得再改；须补充或变更经费的，另签补充协议"


def funding_findings(entry: Entry[Any], funding: Funding | None, where: FieldPath, what: str,
                     frozen: str | None = None) -> Iterator[Finding]:
    """ZS301/ZS302 for one funding mapping (of a catalog item or an agreed item); the record is `frozen`
    (published, signed) when that hint is given, and then no hint asks to edit it."""
    if funding is None:
        yield at(entry, "ZS301", f"{what} 没有经费（费随事转）", *where,
                 hint=frozen or "补上 funding：amount（元/年）、unit、source、payment")
        return
    if funding.amount <= 0:
        yield at(entry, "ZS301", f"{what} 的经费金额须大于 0，现为 {funding.amount}", *where, "funding", "amount",
                 hint=frozen)
    if not funding.source:
        yield at(entry, "ZS302", f"{what} 的经费没有写明来源", *where, "funding", hint=frozen or "如 source: 县财政")
    if not funding.payment:
        yield at(entry, "ZS302", f"{what} 的经费没有写明支付方式", *where, "funding",
                 hint=frozen or "如 payment: 年初拨付 50%，评估后结清")


def published_files(county: County) -> set[str]:
    """The assist catalog files whose 发布 is recorded: their items are frozen."""
    return {entry.file for entry in county.entries(ASSIST_CATALOG) if published_on(entry.record) is not None}


@check
def catalog_funding_and_authority(county: County) -> Iterator[Finding]:
    """ZS301/ZS302/ZS303 on every assist catalog item."""
    published = published_files(county)
    for entry in county.entries(ASSIST_ITEM):
        item = entry.record
        frozen = PUBLISHED_HINT if entry.file in published else None
        yield from funding_findings(entry, item.funding, (), f"协助事项 {item.id}", frozen)
        if not item.authority:
            yield at(entry, "ZS303", f"协助事项 {item.id} 没有列明随事项下放的权限和工作条件（权随责走）",
                     hint=frozen or "补上 authority 列表，如“查阅辖区有关登记信息”")


@check
def agreement_funding(county: County) -> Iterator[Finding]:
    """ZS301/ZS302 on every agreed item, as it stands in the agreement.

    An item that takes its funding from the catalog repeats the catalog item's own ZS301/ZS302: those
    findings are echoes of the catalog item (one fix there clears every agreement)."""
    causes = Causes(county)
    for entry in county.entries(AGREEMENT):
        catalog = catalog_of(county, entry.record)
        items = catalog_items(catalog.record) if catalog else {}
        frozen = SIGNED_HINT if is_signed(entry.record) else None
        for position, (item, terms) in enumerate(zip(entry.record.items, agreed_terms(entry.record, items),
                                                     strict=True)):
            if not terms.listed:
                continue  # reported as an unlisted item instead
            found_here = funding_findings(entry, terms.funding, ("items", position), f"协议事项 {item.id}", frozen)
            if terms.recorded:  # its own recorded terms: no catalog item to echo
                yield from found_here
                continue
            for found in found_here:
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
                 hint=_unless_published(county, entry.file, "依法履职事项不附政府经费，请从协助目录中删去或改写"))


@check
def negative_not_in_catalog(county: County) -> Iterator[Finding]:
    """ZS504: nothing on the negative list stands in the assist catalog."""
    for entry, banned in _assist_items_named_in(county, NEGATIVE_ITEM):
        yield at(entry, "ZS504", f"协助事项 {entry.record.id} 在负面清单中（{banned}）", "name",
                 hint=_unless_published(county, entry.file, "负面清单事项不得交由村（居）委会承担，可改为政府购买服务"))


def _unless_published(county: County, catalog_file: str, hint: str) -> str:
    """`hint`, which asks to edit the catalog, unless it is published: then the way that leaves it as it is."""
    return PUBLISHED_HINT if catalog_file in published_files(county) else hint
