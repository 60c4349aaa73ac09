"""The pages of the townships and the committees: what each committee was asked to do, with what money, how the
two sides rated each other, and the notices that concern it.

Only what is signed or decided goes out: signed agreements (as amended by their signed supplements), finalized or
published evaluations (their result and grade, never the panel's names or scores), published notices.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .. import models as m
from ..layout import AGREEMENT, COMMUNITY, DEPARTMENT, EVALUATION, NOTICE, TOWNSHIP
from ..load.county import County, Entry
from ..models.evaluation import FINAL_STATUSES
from ..policy import effective_funding
from ..render.numerals import date_cn, figures
from ..supplements import SIGNED, amended, apply, supplement_delta
from .lists import CatalogVersion, version_for
from .views import CellView, Page, RowView, Section, TableView, row


@dataclass
class Published:
    """The county's records that may go out, grouped the way the pages read them."""

    county: County
    lists: dict[str, list[CatalogVersion]]
    agreements: dict[str, list[Entry[m.Agreement]]] = field(default_factory=lambda: defaultdict(list))
    # Grouped by committee and by township, so that each page looks up its own: a province-sized county has
    # tens of thousands of committees, and scanning every evaluation for each would be quadratic.
    evaluations: dict[str, dict[int, m.Evaluation]] = field(default_factory=lambda: defaultdict(dict))
    notices: list[Entry[m.Notice]] = field(default_factory=list)
    township_notices: dict[str | None, list[Entry[m.Notice]]] = field(default_factory=lambda: defaultdict(list))


def published(county: County, lists: dict[str, list[CatalogVersion]], usable: Callable[[Entry[Any]], bool]) -> Published:
    """Gather the signed agreements, the decided evaluations and the published notices (drafts stay out)."""
    found = Published(county, lists)
    for agreement in county.entries(AGREEMENT):
        if agreement.record.status == SIGNED and usable(agreement):
            found.agreements[agreement.record.community].append(agreement)
    for listed in found.agreements.values():
        listed.sort(key=lambda e: e.record.year, reverse=True)
    for evaluation in county.entries(EVALUATION):
        record = evaluation.record
        if record.status in FINAL_STATUSES and record.result is not None and usable(evaluation):
            found.evaluations[record.community][record.year] = record
    found.notices = sorted((e for e in county.entries(NOTICE) if e.record.status == "已发布" and usable(e)),
                           key=lambda e: (e.record.date, e.record.id), reverse=True)
    for notice in found.notices:
        found.township_notices[notice.record.township].append(notice)
    return found


def township_href(slug: str) -> str:
    """The page of a township, relative to the site's root."""
    return f"townships/{slug}.html"


def community_href(slug: str) -> str:
    """The page of a committee, relative to the site's root."""
    return f"communities/{slug}.html"


def notice_href(notice_id: str) -> str:
    """The page of a notice, relative to the site's root."""
    return f"notices/{notice_id}.html"


def notices_about(site: Published, township: str | None, year: int | None = None) -> list[Entry[m.Notice]]:
    """The published notices of a township's results (and, without a township, the county-wide ones)."""
    return [e for e in site.township_notices.get(township, []) if year is None or e.record.year == year]


def _item_href(site: Published, year: int, item_id: str) -> str | None:
    version = version_for(site.lists.get("assist", []), year)
    listed = version is not None and any(item.id == item_id for item in version.record.items)
    return f"{version.href}#{item_id}" if version is not None and listed else None  # an item added by 准入 has none


def _agreement_section(site: Published, entry: Entry[m.Agreement]) -> Section:
    terms = amended(site.county, entry)
    agreement, departments = terms.agreement, site.county.index(DEPARTMENT)
    rows = []
    for item in agreement.items:
        catalog_item = terms.items.get(item.id)
        money = effective_funding(item, catalog_item)
        department = catalog_item.department if catalog_item else ""
        rows.append(RowView((CellView(item.id, _item_href(site, agreement.year, item.id)),
                         CellView(catalog_item.name if catalog_item else item.id),
                         CellView(departments[department].record.name if department in departments else department),
                         CellView(item.targets or (catalog_item.requirements if catalog_item else "")),
                         CellView(f"{figures(money.amount)} {money.unit}" if money else "无"))))
    signing = entry.record.signing
    facts = [("协议编号", agreement.id), ("经费合计", f"{figures(agreement.funding_total or 0)} 元")]
    if signing is not None:
        facts += [("签订日期", date_cn(signing.date)), ("甲方", _party(signing.party_a)), ("乙方", _party(signing.party_b))]
    if agreement.term is not None:
        facts.append(("协议期限", f"{date_cn(agreement.term.start)}至{date_cn(agreement.term.end)}"))
    tables = [TableView("委托事项（含已签订的补充协议）", ("编号", "事项", "主管部门", "目标要求", "经费"), tuple(rows))]
    if terms.supplements:
        before = list(entry.record.items)
        changes = []
        for supplement in terms.supplements:
            record = supplement.record
            delta = record.funding_total if record.funding_total is not None else \
                supplement_delta(record, before, terms.items)
            day = date_cn(record.signing.date) if record.signing else ""
            changes.append(row(record.id, day, record.reason, f"{figures(delta)} 元"))
            before = apply(before, record)
        tables.append(TableView("补充协议", ("编号", "签订日期", "理由", "经费变动"), tuple(changes)))
    return Section(f"{agreement.year} 年协助政府工作协议", facts=tuple(facts), tables=tuple(tables),
                   anchor=f"y{agreement.year}")


def _party(party: m.Party) -> str:
    return party.name + (f"（代表：{party.representative}）" if party.representative else "")


def _evaluation_section(evaluation: m.Evaluation, level: int) -> Section:
    result = evaluation.result
    assert result is not None  # only decided evaluations with a result are gathered
    return Section(f"{evaluation.year} 年履职履约双向评估", level=level, facts=(
        ("评估日期", date_cn(evaluation.date)), ("履约得分", f"{result.performance}"),
        ("履职得分（村（居）委会评政府）", f"{result.government}"), ("等次", result.grade),
        ("兑现经费", f"{figures(result.settlement)} 元"), ("状态", evaluation.status)))


def community_page(site: Published, entry: Entry[m.Community], township: Entry[m.Township] | None) -> Page:
    """The page of one committee: registry facts, then per year its agreement, evaluation and notices."""
    community = entry.record
    facts = [("类别", "村民委员会" if community.type == "村" else "居民委员会")]
    facts += [(label, value) for label, value in (("主任", community.director), ("统计用区划代码", community.code),
                                                  ("统一社会信用代码", community.uscc)) if value]
    sections = [Section("基本情况", facts=tuple(facts))]
    agreements = site.agreements.get(community.id, [])
    evaluations = site.evaluations.get(community.id, {})
    years = sorted({a.record.year for a in agreements} | set(evaluations), reverse=True)
    for year in years:
        signed = [a for a in agreements if a.record.year == year]
        sections += [_agreement_section(site, agreement) for agreement in signed]
        level = 3 if signed else 2  # under the year's agreement, or a heading of its own
        evaluation = evaluations.get(year)
        if evaluation is not None:
            sections.append(_evaluation_section(evaluation, level))
        notices = notices_about(site, township.record.id if township else None, year)
        if notices:
            sections.append(Section(f"{year} 年相关公示", level=level, links=tuple(
                CellView(n.record.title, notice_href(n.record.id)) for n in notices)))
    if not years:
        sections.append(Section("协议与评估", paragraphs=("尚无已签订的协议或已评定的评估。",)))
    crumbs = [CellView("首页", "index.html")]
    if township is not None:
        crumbs.append(CellView(township.record.name, township_href(township.record.id)))
    return Page(community_href(community.id), community.name, tuple(sections), tuple(crumbs),
                lead=township.record.name if township else "")


def township_page(site: Published, entry: Entry[m.Township], communities: list[Entry[m.Community]]) -> Page:
    """The page of one township: its committees (with their agreements and latest grade) and its notices."""
    township = entry.record
    facts = [(label, value) for label, value in (("类别", township.type), ("机关", township.government),
                                                 ("主要负责人", township.head), ("统计用区划代码", township.code)) if value]
    rows = []
    for listed in communities:
        community = listed.record
        years = sorted({a.record.year for a in site.agreements.get(community.id, [])})
        graded = sorted((y, e.result.grade) for y, e in site.evaluations.get(community.id, {}).items() if e.result)
        rows.append(RowView((CellView(community.name, community_href(community.id)), CellView(community.type),
                         CellView(community.director or ""), CellView("、".join(f"{y}" for y in years) or "无"),
                         CellView(f"{graded[-1][1]}（{graded[-1][0]} 年）" if graded else "无"))))
    sections = [Section("基本情况", facts=tuple(facts)),
                Section("村（居）委会", tables=(TableView(f"{township.name}的村（居）委会（共 {len(rows)} 个）",
                                                  ("名称", "类别", "主任", "已签协议年度", "最近评估等次"),
                                                  tuple(rows)),))]
    notices = notices_about(site, township.id)
    if notices:
        sections.append(Section("公示", links=tuple(CellView(n.record.title, notice_href(n.record.id)) for n in notices)))
    return Page(township_href(township.id), township.name, tuple(sections), (CellView("首页", "index.html"),),
                lead=f"{len(rows)} 个村（居）委会")


def place_pages(site: Published, usable: Callable[[Entry[Any]], bool]) -> list[Page]:
    """A page for every township and every committee of the registry."""
    townships = site.county.index(TOWNSHIP)
    by_township: dict[str, list[Entry[m.Community]]] = defaultdict(list)
    for community in site.county.entries(COMMUNITY):
        if usable(community):
            by_township[site.county.community_township.get(community.record.id, "")].append(community)
    pages = [township_page(site, t, by_township.get(slug, [])) for slug, t in townships.items() if usable(t)]
    for slug, listed in by_township.items():
        township = townships.get(slug)
        pages += [community_page(site, community, township) for community in listed]
    return pages
