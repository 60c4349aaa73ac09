"""补充协议 to render: what each supplement adds, ends and changes, resolved against the agreement it amends.

Laid out like the agreement (agreements.py) and planned the same way: one job per supplement, skipped when the
supplement, its agreement or anything it cites has errors; the document's date is its signing date."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from .. import models as m
from ..errors import UserError
from ..findings import Finding
from ..layout import AGREEMENT, COMMUNITY, SUPPLEMENT, TOWNSHIP
from ..load.county import County, Entry
from ..policy import agreed_funding, effective_funding, item_terms
from ..supplements import amended, supplement_delta, with_access
from .agreement_parts import (
    CONFIG_DEPENDENCIES,
    agreement_numbers,
    coordinating_office,
    funding_text,
    printed_number,
)
from .agreements import InstallmentView, Item, PartyView, _item
from .numerals import date_cn
from .paths import committee_document
from .plan import Dependency, Job, Plan, Skipped, blocking, describe, errors_by_file, skip_unloaded
from .templates import register_view

TEMPLATE = "supplement.xml.j2"
SUFFIX = ".docx"


@register_view
@dataclass(frozen=True)
class EndedView:
    """A task the supplement ends, with the money it took."""

    id: str
    name: str
    amount: Decimal | None


@register_view
@dataclass(frozen=True)
class ChangeView:
    """A task whose funding or targets change: its new terms and its funding before."""

    id: str
    name: str
    targets: str
    amount: Decimal | None
    unit: str
    source: str
    payment: str
    before: Decimal | None
    funding: str  # the new money as one sentence without its closing mark (agreement_parts.funding_text)


@register_view
@dataclass(frozen=True)
class SupplementView:
    """What supplement.xml.j2 sees as `supplement`."""

    id: str
    number: int
    year: int
    county: str
    township: str
    community: str
    agreement_id: str
    agreement_number: str  # the agreement's number as printed on it (zsht.yaml's agreement_number, else its id)
    agreement_signed: str
    party_a: PartyView
    party_b: PartyView
    reason: str
    added: list[Item]
    removed: list[EndedView]
    changes: list[ChangeView]
    payment: list[InstallmentView]
    total: Decimal  # the change in money
    amended_total: Decimal  # the agreement's money with this supplement
    copies: int
    signed: bool
    signing_date: str
    place: str
    office: str  # the county's coordinating office, which a filed copy goes to


def supplement_view(entry: Entry[m.Supplement], target: Entry[m.Agreement], county: County) -> SupplementView:
    """Resolve one supplement against its agreement (as amended before it), the registry and the catalog."""
    supplement = entry.record
    before = amended(county, target, before=entry)
    items = with_access(county, [entry], before.items)
    agreed = {item.id: item for item in before.agreement.items}
    township = county.index(TOWNSHIP)[supplement.township].record
    community = county.index(COMMUNITY)[supplement.community].record
    signing, first = supplement.signing, target.record.signing
    party_a = signing.party_a if signing else m.Party(name=township.government or township.name,
                                                      representative=township.head)
    party_b = signing.party_b if signing else m.Party(name=community.name, representative=community.director)
    delta = supplement_delta(supplement, list(before.agreement.items), items)
    total = supplement.funding_total if supplement.funding_total is not None else delta
    return SupplementView(
        id=supplement.id, number=int(supplement.id.rsplit("-", 1)[-1]), year=supplement.year,
        county=county.config.county if county.config else "", township=township.name, community=community.name,
        agreement_id=target.record.id,
        agreement_number=printed_number(target.record, county.config, agreement_numbers(county, target.record.year)),
        agreement_signed=date_cn(first.date) if first else "",
        party_a=PartyView(party_a.name, party_a.representative or ""),
        party_b=PartyView(party_b.name, party_b.representative or ""), reason=supplement.reason,
        added=[_item(item_terms(item, item.terms, items.get(item.id)), county) for item in supplement.items_added],
        removed=[EndedView(i, _name(i, items), _amount(agreed.get(i), items)) for i in supplement.items_removed],
        changes=[_change(change, agreed.get(change.id), items) for change in supplement.changes],
        payment=[InstallmentView(date_cn(p.due), p.share, (total * p.share / 100).quantize(Decimal("0.01")),
                                 p.condition or "") for p in supplement.payment],
        total=total, amended_total=agreed_funding(before.agreement, items) + total, copies=supplement.copies,
        signed=supplement.status == "已签订" and signing is not None,
        signing_date=date_cn(signing.date) if signing else date_cn(None), place=(signing.place or "") if signing else "",
        office=coordinating_office(county.config),
    )


def _name(item_id: str, items: dict[str, m.AssistItem]) -> str:
    source = items.get(item_id)
    return source.name if source else item_id


def _amount(item: m.AgreementItem | None, items: dict[str, m.AssistItem]) -> Decimal | None:
    funding = effective_funding(item, items.get(item.id)) if item else None
    return funding.amount if funding else None


def _change(change: m.ItemChange, agreed: m.AgreementItem | None, items: dict[str, m.AssistItem]) -> ChangeView:
    source = items.get(change.id)
    new = change.funding or (effective_funding(agreed, source) if agreed else None)
    targets = change.targets or ""
    return ChangeView(change.id, _name(change.id, items), targets, new.amount if new else None,
                      new.unit if new else "", (new.source or "") if new else "", (new.payment or "") if new else "",
                      _amount(agreed, items),
                      funding_text(new.amount, new.unit, new.source or "", new.payment or "") if new else "")


def _dependencies(entry: Entry[m.Supplement], target: Entry[m.Agreement] | None, county: County) -> list[Dependency]:
    deps = [Dependency(entry.file), *CONFIG_DEPENDENCIES]
    if target is not None:
        deps.append(Dependency(target.file))
    for kind, wanted in ((TOWNSHIP, entry.record.township), (COMMUNITY, entry.record.community)):
        found = county.index(kind).get(wanted)
        if found is not None:
            deps.append(Dependency(found.file, found.path))
    return deps


def _selected(entry: Entry[m.Supplement], year: int, township: str | None, community: str | None,
              wanted: str | None) -> bool:
    record = entry.record
    return (record.year == year and (township is None or record.township == township)
            and (community is None or record.community == community) and (wanted is None or record.id == wanted))


def plan_supplements(county: County, findings: list[Finding], year: int, township: str | None = None,
                     community: str | None = None, wanted: str | None = None) -> Plan:
    """One job per selected supplement; supplements with errors (or broken dependencies) are skipped."""
    plan = Plan()
    entries = [e for e in county.entries(SUPPLEMENT) if _selected(e, year, township, community, wanted)]
    if wanted is None:  # one supplement asked for by its id: the others are none of this batch's business
        skip_unloaded(plan, findings, SUPPLEMENT, {e.file for e in entries}, year, township)
    errors_at = errors_by_file(findings)
    communities = county.index(COMMUNITY)
    # Two committees of one township may share a name: their files are then kept apart by the committee's id.
    names = Counter((e.record.township, _community_name(e, county), e.record.id.rsplit("-", 1)[-1]) for e in entries)
    for entry in entries:
        record = entry.record
        target = county.index(AGREEMENT).get(record.agreement)
        deps = _dependencies(entry, target, county)
        errors = blocking(errors_at, deps)
        if errors or target is None or record.township not in county.index(TOWNSHIP) or \
                record.community not in communities:
            reason = describe(errors) if errors else "所补充的协议、甲方乡镇或乙方村（居）委会不存在，未生成"
            plan.skipped.append(Skipped(record.id, tuple(dict.fromkeys(d.file for d in deps)), reason))
            continue
        view = supplement_view(entry, target, county)
        tail = f"补充协议{view.number}"
        if names[(record.township, view.community, record.id.rsplit("-", 1)[-1])] > 1:
            tail += f"-{record.community}"
        plan.jobs.append(Job(
            output=committee_document(year, view.township, view.community, tail, SUFFIX),
            template=TEMPLATE, context={"supplement": view},
            title=f"{view.year}年度协助政府工作协议书补充协议（{view.community}）",
            created=_created(record), sources=tuple(dict.fromkeys(d.file for d in deps)),
        ))
    return plan


def _community_name(entry: Entry[m.Supplement], county: County) -> str:
    found = county.index(COMMUNITY).get(entry.record.community)
    return found.record.name if found else entry.record.community


def _created(supplement: m.Supplement) -> str:
    day = supplement.signing.date if supplement.signing else None
    return f"{day.isoformat()}T00:00:00Z" if day else f"{supplement.year}-01-01T00:00:00Z"


def latest_supplement_year(county: County) -> int:
    """The latest year that has supplements."""
    years = [entry.record.year for entry in county.entries(SUPPLEMENT)]
    if not years:
        raise UserError("仓库中没有任何补充协议（supplements/）", hint="先录入补充协议，或用 --year 指定年度")
    return max(years)


__all__ = ["SupplementView", "latest_supplement_year", "plan_supplements", "supplement_view"]
