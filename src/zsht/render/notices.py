"""Publication notices (社会公示): the two catalogs of a year, and each township's evaluation results."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal
from functools import partial
from typing import Any

from .. import models as m
from ..errors import UserError
from ..findings import Finding
from ..layout import ASSIST_CATALOG, COMMUNITY, DEPARTMENT, EVALUATION, LAW, NOTICE, TOWNSHIP
from ..load.county import County, Entry
from ..policy import catalog_in_force, duty_catalog_in_force
from .citations import basis_text
from .notice_defaults import NoticeFacts, Unknown, catalog_facts, township_facts
from .numerals import date_cn, figures
from .paths import document_relpath
from .plan import Dependency, DocumentFormat, Job, Plan, Skipped, blocking, describe, errors_by_file
from .templates import register_view

FORMATS: tuple[DocumentFormat, ...] = ("docx", "html", "md")
RESERVE = max(len(f".{fmt}") for fmt in FORMATS)  # one stem for every format, cut to fit the longest extension


@register_view
@dataclass(frozen=True)
class NoticeView:
    """What every notice template sees as `notice`."""

    title: str
    issuer: str
    date: str
    period: str
    objection: str
    number: str = ""
    preamble: str = ""
    paragraphs: tuple[str, ...] = ()


@register_view
@dataclass(frozen=True)
class CatalogRow:
    """One catalog item as the notice lists it."""

    id: str
    name: str
    basis: str
    department: str
    funding: str


@register_view
@dataclass(frozen=True)
class ResultRow:
    """One committee's evaluation result: scores with two decimals, its rank (“2（并列）” when tied)."""

    community: str
    performance: str
    government: str
    grade: str
    settlement: str
    rank: str = ""


CENT = Decimal("0.01")


def two_decimals(score: Decimal) -> str:
    """A score as a notice prints it: always two decimals, rounded half up (89.5 → 89.50)."""
    return str(score.quantize(CENT, rounding=ROUND_HALF_UP))


def ranked(rows: list[ResultRow]) -> list[ResultRow]:
    """`rows` by 履约得分 as printed, highest first, ranked 1, 2, 2, 4 (a tie marked 并列); tied rows keep
    their order (the committees' order in the registry)."""
    order = sorted(rows, key=lambda row: -Decimal(row.performance))
    counts = Counter(row.performance for row in order)
    ranks: dict[str, int] = {}
    for position, row in enumerate(order, start=1):
        ranks.setdefault(row.performance, position)
    return [replace(row, rank=f"{ranks[row.performance]}（并列）" if counts[row.performance] > 1
                    else str(ranks[row.performance])) for row in order]


def _notice(record: m.Notice | None, title: str, facts: Callable[[], NoticeFacts]) -> NoticeView:
    """The notice record's wording, else the default title with the facts zsht.yaml and the records give."""
    if record is None:
        found = facts()
        return NoticeView(title, found.issuer, date_cn(found.date), f"{date_cn(found.date)}至{date_cn(found.end)}",
                          found.objection)
    period = f"{date_cn(record.period.start)}至{date_cn(record.period.end)}"
    return NoticeView(record.title, record.issuer, date_cn(record.date), period, record.objection,
                      record.number or "", record.preamble or "", tuple(record.paragraphs))


def _unless_titled(county: County, duty: Entry[m.DutyCatalog] | None, assist: Entry[m.AssistCatalog]) -> str:
    """The county's name to put before the catalog titles, or "" when the titles already carry it."""
    name = county.config.county if county.config else ""
    titles = [assist.record.title] + ([duty.record.title] if duty else [])
    return "" if all(title.startswith(name) for title in titles) else name


def _jobs(stem: str, template: str, context: dict[str, Any], title: str, created: str,
          sources: tuple[str, ...], mark: str | None = None) -> list[Job]:
    return [Job(f"{stem}.{fmt}", f"{template}.{'xml' if fmt == 'docx' else fmt}.j2", context, title, created,
                sources, fmt, mark) for fmt in FORMATS]


def _created(record: m.Notice | None, year: int) -> str:
    return f"{record.date.isoformat()}T00:00:00Z" if record else f"{year}-01-01T00:00:00Z"


def plan_catalog_notice(county: County, findings: list[Finding], year: int) -> Plan:
    """The public notice of the duty and assist catalogs in force in `year`, one per 目录 notice record."""
    plan = Plan()
    notices = [e for e in county.entries(NOTICE) if e.record.kind == "目录" and e.record.year == year]
    duty, assist = duty_catalog_in_force(county, year), catalog_in_force(county, year)
    if assist is None:
        raise UserError(f"{year} 年没有施行中的协助政府工作事项目录，无法生成目录公示")
    laws, departments = county.index(LAW), county.index(DEPARTMENT)
    context = {
        "year": year, "county": _unless_titled(county, duty, assist),
        "duty_title": duty.record.title if duty else "", "assist_title": assist.record.title,
        "duty_items": [CatalogRow(i.id, i.name, basis_text(i.basis, laws), "", "")
                       for i in (duty.record.items if duty else [])],
        "assist_items": [CatalogRow(i.id, i.name, basis_text(i.basis, laws),
                                    departments[i.department].record.name if i.department in departments else "",
                                    f"{figures(i.funding.amount)}{i.funding.unit}" if i.funding else "")
                         for i in assist.record.items],
    }
    default_title = f"关于{context['county']}{year}年度村（居）民委员会工作事项清单的公示"
    choices: list[Entry[m.Notice] | None] = list(notices) or [None]
    errors_at = errors_by_file(findings)
    for entry in choices:
        record = entry.record if entry else None
        files = tuple(f for f in (entry.file if entry else None, duty.file if duty else None, assist.file) if f)
        errors = blocking(errors_at, [Dependency(f) for f in files])
        label = entry.record.id if entry else f"{year} 年目录公示"
        if errors:
            plan.skipped.append(Skipped(label, files, describe(errors)))
            continue
        catalogs: list[m.AssistCatalog | m.DutyCatalog] = [assist.record, *([duty.record] if duty else [])]
        try:
            notice = _notice(record, default_title, partial(catalog_facts, county, catalogs, year))
        except Unknown as exc:
            plan.skipped.append(Skipped(label, files, str(exc)))
            continue
        plan.jobs += _jobs(document_relpath(str(year), notice.title, reserve=RESERVE), "notice-catalog",
                           {**context, "notice": notice}, notice.title, _created(record, year), files)
    return plan


def _result_row(entry: Entry[m.Evaluation], county: County) -> ResultRow | None:
    evaluation, communities = entry.record, county.index(COMMUNITY)
    if evaluation.result is None:
        return None
    name = communities[evaluation.community].record.name if evaluation.community in communities else evaluation.community
    result = evaluation.result
    return ResultRow(name, two_decimals(result.performance), two_decimals(result.government), result.grade,
                     figures(result.settlement))


DRAFT_MARK = "征求意见稿"
DRAFT_SKIPPED = "评估仍是草稿（未评定），不得公示；先用 zsht evaluation finalize 评定，或加 --draft 生成征求意见稿"


def plan_evaluation_notices(county: County, findings: list[Finding], year: int, township: str | None,
                            draft: bool = False) -> Plan:
    """One result notice per township that has evaluations in `year`, of finalized evaluations only; with
    `draft`, a notice marked 征求意见稿 on every page that lists the drafts' stored results too."""
    plan = Plan()
    townships = county.index(TOWNSHIP)
    if township is not None and township not in townships:
        raise UserError(f"名录中没有乡镇（街道）{township}")
    notices = {e.record.township: e for e in county.entries(NOTICE)
               if e.record.kind == "评估结果" and e.record.year == year}
    by_township: dict[str, list[Entry[m.Evaluation]]] = {}
    errors_at = errors_by_file(findings)
    for entry in county.entries(EVALUATION):
        if entry.record.year == year and (township is None or entry.record.township == township):
            by_township.setdefault(entry.record.township, []).append(entry)
    if not by_township:
        where = f"{townships[township].record.name} " if township else ""
        raise UserError(f"{where}{year} 年没有评估记录，无可公示", hint="检查 --year；评估记录在 evaluations/<年度>/ 下")
    for slug in sorted(by_township, key=lambda s: list(townships).index(s) if s in townships else 0):
        place = townships[slug].record if slug in townships else None
        notice_entry = notices.get(slug) or notices.get(None)
        rows, sources = [], [notice_entry.file] if notice_entry else []
        position = {community: n for n, community in enumerate(county.index(COMMUNITY))}
        for entry in sorted(by_township[slug], key=lambda e: (position.get(e.record.community, len(position)), e.file)):
            if entry.record.status == "草稿" and not draft:
                plan.skipped.append(Skipped(entry.record.id, (entry.file,), DRAFT_SKIPPED))
                continue
            errors = blocking(errors_at, [Dependency(entry.file)])
            row = None if errors else _result_row(entry, county)
            if row is None:
                reason = describe(errors) if errors else "评估尚无结果（result），未列入公示"
                plan.skipped.append(Skipped(entry.record.id, (entry.file,), reason))
                continue
            rows.append(row)
            sources.append(entry.file)
        if not rows:
            continue
        name = place.name if place else slug
        record = notice_entry.record if notice_entry else None
        issuer = (place.government or place.name) if place else name
        evaluated = [e.record.date for e in by_township[slug] if e.file in sources]
        notice = _notice(record, f"{name}{year}年度村（居）委会履职履约双向评估结果公示",
                         partial(township_facts, county, issuer, evaluated))
        stem = document_relpath(str(year), name, "评估结果公示" + (f"（{DRAFT_MARK}）" if draft else ""),
                                reserve=RESERVE)
        if draft:  # marked in its title as well as at the head of every page: never mistaken for the notice
            notice = replace(notice, title=f"{notice.title}（{DRAFT_MARK}）")
        plan.jobs += _jobs(stem, "notice-evaluation",
                           {"year": year, "township": name, "notice": notice, "rows": ranked(rows)},
                           notice.title, _created(record, year), tuple(sources), DRAFT_MARK if draft else None)
    return plan


def latest_notice_year(county: County, kind: str) -> int:
    """The latest year with evaluations (for result notices) or with a catalog notice."""
    if kind == "evaluation":
        years: list[int] = [e.record.year for e in county.entries(EVALUATION)]
    else:
        years = [e.record.year for e in county.entries(NOTICE) if e.record.kind == "目录"]
        years = years or [e.record.year for e in county.entries(ASSIST_CATALOG)]
    if not years:
        raise UserError("仓库中没有可公示的记录", hint="用 --year 指定年度")
    return max(years)


def plan_notices(kind: str, county: County, findings: list[Finding], year: int | None,
                 township: str | None, draft: bool = False) -> Plan:
    """The jobs of a notice batch: kind is "catalog", "evaluation" (with `draft`, a marked 征求意见稿) or
    "certificate"."""
    if kind == "certificate":
        from .certificate_notice import latest_certificate_year, plan_certificate_notice

        if township is not None:
            raise UserError("证明事项公示全县统一，不按乡镇（街道）生成；请去掉 --township")
        return plan_certificate_notice(county, findings, year or latest_certificate_year(county))
    year = year or latest_notice_year(county, kind)
    if kind == "catalog":
        if township is not None:
            raise UserError("目录公示全县统一，不按乡镇（街道）生成；请去掉 --township")
        return plan_catalog_notice(county, findings, year)
    return plan_evaluation_notices(county, findings, year, township, draft)
