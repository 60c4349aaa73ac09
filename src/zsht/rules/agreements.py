"""Agreements: only catalog items, a published catalog, every clause, and sums that add up."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ..findings import Finding
from ..layout import AGREEMENT, COMMUNITY, DUTY_ITEM, NEGATIVE_ITEM, TOWNSHIP
from ..load.county import County, Entry
from ..models import Agreement, AssistCatalog, AssistItem
from ..models.agreement import AgreedTerms
from ..policy import (
    Terms,
    agreed_terms,
    agreement_total,
    catalog_items,
    catalog_of,
    is_signed,
    normalized,
    published_on,
)
from .base import at, check
from .causes import Causes

# A signed agreement is never edited: what a finding about it asks for instead.
SIGNED_HINT = "已签订的协议不得再改；须补充或变更的，另签补充协议（签订后被改动过的，zsht audit 指出是哪个提交）"
CATALOG_CHANGED_HINT = "目录在协议签订后被改动：恢复目录原文；如须变更，列入下一年度的目录，或另签补充协议（已签订的协议不要改）"


def for_agreement(agreement: Agreement, hint: str | None) -> str | None:
    """The hint of a finding about an agreement: `hint` (which asks to edit it) for a draft, never for a
    signed agreement, which gets `SIGNED_HINT` instead."""
    return SIGNED_HINT if is_signed(agreement) else hint


@check
def agreement_items(county: County) -> Iterator[Finding]:
    """ZS401/ZS402/ZS403/ZS407/ZS409: what an agreement may contain, and on what catalog it rests.

    Judged against a catalog that did not load (or an item of it that failed the schema), these findings
    are echoes of that catalog."""
    causes = Causes(county)
    for entry in county.entries(AGREEMENT):
        catalog = catalog_of(county, entry.record)
        for found in _items_of(county, entry, catalog, causes):
            yield found.because_of(found.cause or causes.catalog(entry.record.year,
                                                                  catalog.record.year if catalog else None))


def _items_of(county: County, entry: Entry[Agreement], catalog: Entry[AssistCatalog] | None,
              causes: Causes) -> Iterator[Finding]:
    agreement = entry.record
    if catalog is None:
        yield at(entry, "ZS402", f"没有 {agreement.year} 年施行的协助政府工作事项目录", "year",
                 hint="先在 catalogs/assist/ 发布当年目录")
        return
    yield from _catalog_published(entry, catalog.record.year, published_on(catalog.record))
    negatives = {e.record.id for e in county.entries(NEGATIVE_ITEM)}
    duties = {e.record.id for e in county.entries(DUTY_ITEM)}
    types = {e.record.id: e.record.type for e in county.entries(COMMUNITY)}
    items = catalog_items(catalog.record)
    seen: set[str] = set()
    for position, item in enumerate(agreement.items):
        if item.id in seen:
            yield at(entry, "ZS407", f"事项 {item.id} 在协议中出现两次", "items", position, "id")
        seen.add(item.id)
        if item.id in negatives:
            yield at(entry, "ZS403", f"{item.id} 是负面清单事项，不得写入协议", "items", position, "id",
                     hint=for_agreement(agreement, "删去该事项；确需进入社区的，改由政府购买服务"))
        elif item.id not in items and is_signed(agreement) and item.terms is not None:
            yield at(entry, "ZS412", f"{catalog.record.year} 版协助政府工作事项目录中已没有协议事项 {item.id}"
                     "（协议签订后被删去）；本协议仍按签订时记录的条款执行", "items", position, "id",
                     hint=CATALOG_CHANGED_HINT)
        elif item.id not in items:
            hint = ("依法履职事项不是协助政府事项，不能写入协议" if item.id in duties
                    else f"只能选用 catalogs/assist/{catalog.record.year} 版目录中的事项")
            if is_signed(agreement):  # signed by an older zsht: unlisted then, or deleted from the catalog since
                hint = f"{hint}。已签订的协议不得再改：若该事项是签订后从目录中删去的，恢复目录原文；否则另签补充协议变更"
            yield at(entry, "ZS401", f"{item.id} 不在 {catalog.record.year} 版协助政府工作事项目录中",
                     "items", position, "id", hint=hint).because_of(causes.catalog_item(catalog.file, item.id))
        elif agreement.community in types and types[agreement.community] not in items[item.id].applies_to and \
                not (is_signed(agreement) and item.terms is not None):  # judged when it was signed
            yield at(entry, "ZS409", f"{item.id} 不适用于{types.get(agreement.community)}委会",
                     "items", position, "id")


def _catalog_published(entry: Entry[Agreement], version: int, published: object) -> Iterator[Finding]:
    agreement = entry.record
    if published is None:
        yield at(entry, "ZS402", f"{version} 版协助政府工作事项目录尚未发布，不能作为协议依据", "year",
                 hint="目录完成社会公示并发布后再签订协议")
    elif agreement.signing and agreement.signing.date < published:  # type: ignore[operator]
        yield at(entry, "ZS402", f"协议签订于 {agreement.signing.date}，早于目录发布日期 {published}",
                 "signing", "date")


_CLAUSES = (("breach", "违约责任"), ("disputes", "争议解决方式"), ("term", "协议期限"))


@check
def agreement_clauses(county: County) -> Iterator[Finding]:
    """ZS404: the clauses every agreement must state, and every item's three clear points."""
    for entry in county.entries(AGREEMENT):
        agreement = entry.record
        for field, label in _CLAUSES:
            if not getattr(agreement, field):
                yield at(entry, "ZS404", f"协议缺少{label}条款（{field}）", hint=for_agreement(agreement, f"补上 {field}"))
        if not agreement.payment:
            yield at(entry, "ZS404", "协议缺少经费支付计划（payment）", hint=for_agreement(agreement, "写明各期支付时间和比例"))
        if agreement.funding_total is None:
            yield at(entry, "ZS404", "协议缺少经费总额（funding_total）")
        if agreement.status == "已签订" and agreement.signing is None:
            yield at(entry, "ZS404", "协议状态为“已签订”，但没有签署信息（signing）", "status")
        catalog = catalog_of(county, agreement)
        items = catalog_items(catalog.record) if catalog else {}
        for position, terms in enumerate(agreed_terms(agreement, items)):
            yield from _three_points(entry, position, terms, agreement)


def _three_points(entry: Entry[Agreement], position: int, terms: Terms, agreement: Agreement) -> Iterator[Finding]:
    """Every agreed item states how it is evaluated and what the government provides (on its agreed terms)."""
    if not terms.listed:
        return
    if not (terms.evaluation or agreement.evaluation):
        yield at(entry, "ZS404", f"事项 {terms.id} 没有年度履约评估方法", "items", position,
                 hint=for_agreement(agreement, None))
    if not terms.conditions:
        yield at(entry, "ZS404", f"事项 {terms.id} 没有写明政府提供的条件", "items", position,
                 hint=for_agreement(agreement, None))


@check
def agreement_sums(county: County) -> Iterator[Finding]:
    """ZS405/ZS406: the total is the sum of the items; the payment shares add up to 100%."""
    causes = Causes(county)
    for entry in county.entries(AGREEMENT):
        agreement = entry.record
        catalog = catalog_of(county, agreement)
        items = catalog_items(catalog.record) if catalog else {}
        total = agreement_total(agreement, items)
        if agreement.funding_total is not None and agreement.funding_total != total:
            cause = causes.catalog(agreement.year, catalog.record.year if catalog else None)
            if cause is None and catalog is not None:
                cause = causes.unfunded(catalog.file, agreement, items)
            if is_signed(agreement) and not all(t.recorded for t in agreed_terms(agreement, items)):
                # signed by an older zsht, without its terms: the sum is the catalog's as it stands today
                yield at(entry, "ZS412", f"已签订协议的经费总额为 {agreement.funding_total} 元，按目录现列经费各事项合计"
                         f" {total} 元：目录在协议签订后被改动（或协议被改动，zsht audit 可查）", "funding_total",
                         hint=CATALOG_CHANGED_HINT).because_of(cause)
                continue
            yield at(entry, "ZS405", f"经费总额写的是 {agreement.funding_total} 元，各事项合计 {total} 元",
                     "funding_total", hint=for_agreement(agreement, f"改为 funding_total: {total}")).because_of(cause)
        shares = sum((p.share for p in agreement.payment), Decimal(0))
        if agreement.payment and shares != 100:
            yield at(entry, "ZS406", f"支付计划各期比例合计 {shares}%，应为 100%", "payment")


@check
def agreement_dates(county: County) -> Iterator[Finding]:
    """ZS410: the term lies in the agreement's year and is signed before it ends."""
    for entry in county.entries(AGREEMENT):
        agreement = entry.record
        term = agreement.term
        if term and (term.start > term.end or term.start.year != agreement.year):
            yield at(entry, "ZS410", f"协议期限 {term.start}—{term.end} 与年度 {agreement.year} 不符", "term")
        signing = agreement.signing
        if signing and term and signing.date > term.end:
            yield at(entry, "ZS410", f"签订日期 {signing.date} 晚于协议期满 {term.end}", "signing", "date")
        if signing and signing.date.year not in (agreement.year - 1, agreement.year):
            yield at(entry, "ZS410", f"签订日期 {signing.date} 与年度 {agreement.year} 不符", "signing", "date")


@check
def agreement_parties(county: County) -> Iterator[Finding]:
    """ZS411: the parties named in the signing data are the township and the committee of the registry."""
    towns, communities = county.index(TOWNSHIP), county.index(COMMUNITY)
    for entry in county.entries(AGREEMENT):
        agreement, signing = entry.record, entry.record.signing
        town, community = towns.get(agreement.township), communities.get(agreement.community)
        if signing is None:
            continue
        if town is not None and not _names(signing.party_a.name, town.record.government, town.record.name):
            registered = town.record.government or town.record.name
            yield at(entry, "ZS411", f"甲方“{signing.party_a.name}”与名录中的“{registered}”不符",
                     "signing", "party_a", "name",
                     hint="更新名录（乡镇的 government 字段）；已签订的协议不改" if is_signed(agreement)
                     else "改正甲方名称，或更新名录（乡镇的 government 字段）")
        if community is not None and not _names(signing.party_b.name, community.record.name):
            yield at(entry, "ZS411", f"乙方“{signing.party_b.name}”与名录中的“{community.record.name}”不符",
                     "signing", "party_b", "name",
                     hint="更新名录；已签订的协议不改" if is_signed(agreement) else "改正乙方名称，或更新名录")


def _names(party: str, *registry: str | None) -> bool:
    """A party's name agrees with the registry when it is the registry's full name or contains its short name."""
    given = normalized(party)
    return any(name and (given == normalized(name) or normalized(name) in given) for name in registry)


_TERMS = ("name", "department", "basis", "requirements", "evaluation", "guidance", "authority", "funding")


@check
def signed_terms(county: County) -> Iterator[Finding]:
    """ZS412: the catalog item a signed agreement recorded its terms from still says what it said at signing.

    The agreement stands on its recorded terms either way; a difference means the published catalog was
    changed afterwards, which `zsht audit` reports as ZS804 with the commit that did it."""
    for entry in county.entries(AGREEMENT):
        agreement = entry.record
        catalog = catalog_of(county, agreement) if is_signed(agreement) else None
        if catalog is None:
            continue
        items = catalog_items(catalog.record)
        for position, item in enumerate(agreement.items):
            source = items.get(item.id)
            if item.terms is None or source is None:
                continue  # an item gone from the catalog is reported by agreement_items
            changed = _changed_terms(item.terms, source)
            if changed:
                yield at(entry, "ZS412", f"协议签订后，{catalog.file} 中事项 {item.id} 的{'、'.join(changed)}被改动，"
                         "与签订时记录的条款不同；本协议仍按签订时的条款执行", "items", position, "terms",
                         hint=CATALOG_CHANGED_HINT)


def _changed_terms(recorded: AgreedTerms, source: AssistItem) -> list[str]:
    """The fields of the catalog item that no longer say what the agreement recorded at signing, as the catalog's
    schema names them (目标要求, 经费 …) followed by the key (requirements), so a clerk can find them."""
    fields = AssistItem.model_fields
    return [f"{(fields[name].description or name).split('：')[-1].split('（')[0]}（{name}）" for name in _TERMS
            if getattr(recorded, name) != getattr(source, name)]
