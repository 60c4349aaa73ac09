"""Agreements to render: the data each 协助政府工作协议书 shows, resolved from the county's records."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from .. import models as m
from ..errors import UserError
from ..findings import Finding
from ..layout import AGREEMENT, COMMUNITY, DEPARTMENT, LAW, TOWNSHIP, RecordKind
from ..load.county import County, Entry
from ..policy import Terms, agreed_terms, agreement_total, catalog_items, catalog_of, is_signed, release
from .agreement_parts import (
    CONFIG_DEPENDENCIES,
    EvaluationRulesView,
    agreement_numbers,
    coordinating_office,
    evaluation_rules,
    funding_text,
    printed_number,
)
from .citations import basis_text, law_name
from .numerals import date_cn, quote_title
from .paths import committee_document, safe_name
from .plan import Dependency, Job, Plan, Skipped, blocking, describe, errors_by_file, skip_unloaded
from .punctuation import join_clauses, join_items, tidy
from .templates import register_view

TEMPLATE = "agreement.xml.j2"
SUFFIX = ".docx"


@register_view
@dataclass(frozen=True)
class Item:
    """One agreed task, every clause filled from the agreement or else from the catalog."""

    id: str
    name: str
    department: str
    basis: str
    targets: str
    evaluation: str
    conditions: str
    amount: Decimal | None
    unit: str
    source: str
    payment: str
    guidance: str  # what the government provides (甲方提供的条件和指导)
    authority: str  # the powers and working conditions handed over with the task (权随责走), one sentence
    funding: str  # the money as one sentence without its closing mark: 3,200.00元/年，由县财政…列支；年初拨付50%


@register_view
@dataclass(frozen=True)
class InstallmentView:
    """One payment of the schedule, with its amount worked out."""

    due: str
    share: Decimal
    amount: Decimal
    condition: str


@register_view
@dataclass(frozen=True)
class PartyView:
    """One side of the agreement."""

    name: str
    representative: str


@register_view
@dataclass(frozen=True)
class AgreementView:
    """What agreement.xml.j2 sees as `agreement`."""

    id: str
    number: str  # as printed: zsht.yaml's agreement_number filled in, else the id
    year: int
    county: str
    township: str
    community: str
    community_type: str
    party_a: PartyView
    party_b: PartyView
    laws: list[str]
    laws_cited: str  # the laws in 书名号, joined after GB/T 15834 (no 顿号 between them)
    catalog_title: str
    catalog_document: str
    items: list[Item]
    evaluation: str
    payment: list[InstallmentView]
    total: Decimal
    breach: str
    disputes: str
    term: str
    copies: int
    signed: bool
    signing_date: str
    place: str
    office: str  # the county's coordinating office (zsht.yaml coordinating_office), for disputes and filing
    rules: EvaluationRulesView | None  # 附件2, the county's evaluation rules


def _item(terms: Terms, county: County) -> Item:
    departments = county.index(DEPARTMENT)
    funding = terms.funding
    return Item(
        id=terms.id, name=terms.name,
        department=departments[terms.department].record.name if terms.department in departments else "",
        basis=basis_text(terms.basis, county.index(LAW)) if terms.basis else "",
        targets=tidy(terms.targets), evaluation=tidy(terms.evaluation), conditions=tidy(terms.conditions),
        amount=funding.amount if funding else None, unit=funding.unit if funding else "",
        source=(funding.source or "") if funding else "", payment=(funding.payment or "") if funding else "",
        guidance=tidy(terms.guidance), authority=tidy(join_clauses(terms.authority)),
        funding=funding_text(funding.amount, funding.unit, funding.source or "", funding.payment or "")
        if funding else "",
    )


def _catalog_named(agreement: m.Agreement, county: County) -> tuple[str, str]:
    """The title and document number of the catalog the agreement rests on: as recorded at signing, else the
    catalog in force."""
    recorded = agreement.catalog if is_signed(agreement) else None
    if recorded is not None:
        return _with_county(recorded.title, county), recorded.document or ""
    found = catalog_of(county, agreement)
    if found is None:
        return "", ""
    released = release(found.record)
    return _with_county(found.record.title, county), (released.document or "") if released else ""


def agreement_view(entry: Entry[m.Agreement], county: County,
                   numbers: dict[str, tuple[int, int]] | None = None) -> AgreementView:
    """Resolve one agreement against the registry, the catalog in force and the legal register; `numbers`
    (agreement_numbers of its year) places it for the county's number pattern, worked out here if not given."""
    agreement = entry.record
    township = county.index(TOWNSHIP)[agreement.township].record
    community = county.index(COMMUNITY)[agreement.community].record
    catalog_entry = catalog_of(county, agreement)
    items_by_id = catalog_items(catalog_entry.record) if catalog_entry else {}
    agreed = agreed_terms(agreement, items_by_id)
    items = [_item(terms, county) for terms in agreed]
    total = agreement.funding_total if agreement.funding_total is not None else agreement_total(agreement, items_by_id)
    laws = county.index(LAW)
    law_names = [law_name(law, laws) for law in dict.fromkeys(basis.law for terms in agreed for basis in terms.basis)]
    catalog_title, catalog_document = _catalog_named(agreement, county)
    signing = agreement.signing
    party_a = signing.party_a if signing else m.Party(name=township.government or township.name,
                                                      representative=township.head)
    party_b = signing.party_b if signing else m.Party(name=community.name, representative=community.director)
    config = county.config
    if numbers is None and config is not None and config.agreement_number:
        numbers = agreement_numbers(county, agreement.year)
    return AgreementView(
        id=agreement.id, number=printed_number(agreement, config, numbers or {}), year=agreement.year, county=county.config.county if county.config else "",
        township=township.name, community=community.name, community_type=community.type,
        party_a=PartyView(party_a.name, party_a.representative or ""),
        party_b=PartyView(party_b.name, party_b.representative or ""),
        laws=law_names, laws_cited=join_items(map(quote_title, law_names)), catalog_title=catalog_title, catalog_document=catalog_document,
        items=items, evaluation=tidy(agreement.evaluation or ""),
        payment=[InstallmentView(date_cn(p.due), p.share, (total * p.share / 100).quantize(Decimal("0.01")),
                             p.condition or "") for p in agreement.payment],
        total=total, breach=tidy(agreement.breach or ""), disputes=tidy(agreement.disputes or ""),
        term=f"{date_cn(agreement.term.start)}至{date_cn(agreement.term.end)}" if agreement.term else "",
        copies=agreement.copies, signed=agreement.status == "已签订" and signing is not None,
        signing_date=date_cn(signing.date) if signing else date_cn(None),
        place=(signing.place or "") if signing else "",
        office=coordinating_office(config), rules=_rules(config),
    )


_RULES: dict[int, tuple[m.CountyConfig, EvaluationRulesView | None]] = {}


def _rules(config: m.CountyConfig | None) -> EvaluationRulesView | None:
    """附件2 of every agreement of one county, worked out once: the settings are the same for all of them."""
    if config is None:
        return None
    cached = _RULES.get(id(config))
    if cached is None or cached[0] is not config:
        _RULES.clear()  # one county at a time
        cached = _RULES[id(config)] = (config, evaluation_rules(config))
    return cached[1]


def _dependencies(entry: Entry[m.Agreement], county: County) -> list[Dependency]:
    agreement = entry.record
    deps = [Dependency(entry.file), *CONFIG_DEPENDENCIES]
    parties: tuple[tuple[RecordKind[m.Township | m.Community], str], ...] = (
        (TOWNSHIP, agreement.township), (COMMUNITY, agreement.community))
    for kind, wanted in parties:
        found = county.index(kind).get(wanted)
        if found is not None:
            deps.append(Dependency(found.file, found.path))
    catalog = catalog_of(county, agreement)
    recorded = is_signed(agreement) and agreement.catalog is not None and all(i.terms for i in agreement.items)
    if catalog is not None and not recorded:  # a signed agreement with its terms reads nothing of the catalog
        for position, item in enumerate(catalog.record.items):
            if item.id in {i.id for i in agreement.items}:
                deps.append(Dependency(catalog.file, ("items", position)))
    return deps


def latest_year(county: County, township: str | None = None, community: str | None = None) -> int:
    """The latest year that has agreements: of the township or committee asked for, where it has any (a committee's
    latest agreement is what a clerk who names it wants), else of the county."""
    every = county.entries(AGREEMENT)
    chosen = [entry for entry in every if (township is None or entry.record.township == township)
              and (community is None or entry.record.community == community)]
    years: list[int] = [entry.record.year for entry in chosen or every]
    if not years:
        raise UserError("仓库中没有任何协议（agreements/）", hint="先录入协议，或用 --year 指定年度")
    return max(years)


def _selected(entry: Entry[m.Agreement], year: int, township: str | None, community: str | None) -> bool:
    record = entry.record
    return (record.year == year and (township is None or record.township == township)
            and (community is None or record.community == community))


def plan_agreements(county: County, findings: list[Finding], year: int,
                    township: str | None = None, community: str | None = None) -> Plan:
    """One job per selected agreement; agreements with errors (or broken dependencies) are skipped."""
    plan = Plan()
    entries = [e for e in county.entries(AGREEMENT) if _selected(e, year, township, community)]
    skip_unloaded(plan, findings, AGREEMENT, {e.file for e in entries}, year, township, community)
    # Counted as the file names will be, cut to fit: two long names alike up to the cut must not share a file.
    names = Counter((e.record.township, safe_name(_community_name(e, county), reserve=len(SUFFIX))) for e in entries)
    errors_at = errors_by_file(findings)
    numbers = agreement_numbers(county, year)
    for entry in entries:
        agreement = entry.record
        deps = _dependencies(entry, county)
        errors = blocking(errors_at, deps)
        if errors or agreement.township not in county.index(TOWNSHIP) or \
                agreement.community not in county.index(COMMUNITY):
            reason = describe(errors) if errors else "甲方乡镇或乙方村（居）委会不在名录中，未生成"
            plan.skipped.append(Skipped(agreement.id, tuple(dict.fromkeys(d.file for d in deps)), reason))
            continue
        view = agreement_view(entry, county, numbers)
        # Two committees of one name in a township: the id keeps them apart, and is never cut off.
        shared = names[(agreement.township, safe_name(view.community, reserve=len(SUFFIX)))] > 1
        tail = f"-{agreement.community}" if shared else ""
        plan.jobs.append(Job(
            output=committee_document(year, view.township, view.community, tail, SUFFIX),
            template=TEMPLATE, context={"agreement": view},
            title=f"{view.year}年度协助政府工作协议书（{view.community}）",
            created=_created(agreement), sources=tuple(dict.fromkeys(d.file for d in deps)),
        ))
    return plan


def _with_county(title: str, county: County) -> str:
    """A catalog title with the county's name in front, unless it already starts with it."""
    name = county.config.county if county.config else ""
    return title if title.startswith(name) else name + title


def _community_name(entry: Entry[m.Agreement], county: County) -> str:
    found = county.index(COMMUNITY).get(entry.record.community)
    return found.record.name if found else entry.record.community


def _created(agreement: m.Agreement) -> str:
    day = agreement.signing.date if agreement.signing else None
    return f"{day.isoformat()}T00:00:00Z" if day else f"{agreement.year}-01-01T00:00:00Z"


__all__ = ["AgreementView", "latest_year", "plan_agreements"]
