"""The 证明事项清单 notice: the certificates a committee keeps issuing, with basis, use, procedure and form, and
those it no longer issues. Planned like the catalog notice (render/notices.py), whose pieces it reuses."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from .. import models as m
from ..certificates import certificate_list_in_force, national_batch
from ..errors import UserError
from ..findings import Finding
from ..layout import LAW, NOTICE
from ..load.county import County, Entry
from .citations import basis_text
from .notice_defaults import Unknown, catalog_facts
from .notices import RESERVE, _created, _jobs, _notice
from .paths import document_relpath
from .plan import Dependency, Plan, Skipped, blocking, describe, errors_by_file
from .templates import register_view

NOTICE_KIND = "证明事项"


@register_view
@dataclass(frozen=True)
class CertificateRow:
    """One certificate as the notice lists it; `form` is the form's text, or where its file is."""

    id: str
    name: str
    basis: str
    purpose: str
    procedure: str
    form: str
    note: str


def _row(item: m.CertificateItem, laws: dict[str, Entry[m.Law]]) -> CertificateRow:
    form = item.form
    shown = f"见式样文件 {form.file}" if isinstance(form, m.FormFile) else (form or "")
    return CertificateRow(item.id, item.name, basis_text(item.basis, laws), item.purpose or "", item.procedure or "",
                          shown, item.note or "")


def plan_certificate_notice(county: County, findings: list[Finding], year: int) -> Plan:
    """The public notice of the certificate list in force in `year`, one per 证明事项 notice record (or one
    with default wording when there is none)."""
    catalog = certificate_list_in_force(county, year)
    if catalog is None:
        raise UserError(f"{year} 年没有施行中的证明事项清单，无法生成证明事项公示",
                        hint="清单放在 catalogs/certificate/<年度>.yaml，可用 zsht baseline certificates 起草")
    laws = county.index(LAW)
    items = catalog.record.items
    batch = national_batch()
    context = {
        "year": year, "title": catalog.record.title, "document": batch.document, "national_title": batch.list_title,
        "retained": [_row(i, laws) for i in items if i.status == "保留"],
        "cancelled": [_row(i, laws) for i in items if i.status == "取消"],
    }
    name = county.config.county if county.config else ""
    county_name = "" if catalog.record.title.startswith(name) else name
    plan = Plan()
    errors_at = errors_by_file(findings)
    notices = [e for e in county.entries(NOTICE) if e.record.kind == NOTICE_KIND and e.record.year == year]
    choices: list[Entry[m.Notice] | None] = list(notices) or [None]
    for entry in choices:
        record = entry.record if entry else None
        files = tuple(f for f in (entry.file if entry else None, catalog.file) if f)
        errors = blocking(errors_at, [Dependency(f) for f in files])
        if errors:
            plan.skipped.append(Skipped(entry.record.id if entry else f"{year} 年证明事项公示", files, describe(errors)))
            continue
        try:
            notice = _notice(record, f"关于{county_name}《{catalog.record.title}》的公示",
                             partial(catalog_facts, county, [catalog.record], year))
        except Unknown as exc:
            plan.skipped.append(Skipped(f"{year} 年证明事项公示", files, str(exc)))
            continue
        plan.jobs += _jobs(document_relpath(str(year), notice.title, reserve=RESERVE), "notice-certificate",
                           {**context, "notice": notice}, notice.title, _created(record, year), files)
    return plan


def latest_certificate_year(county: County) -> int:
    """The latest year with a certificate notice, else the latest certificate list's."""
    from ..layout import CERTIFICATE_CATALOG

    years = [e.record.year for e in county.entries(NOTICE) if e.record.kind == NOTICE_KIND]
    years = years or [e.record.year for e in county.entries(CERTIFICATE_CATALOG)]
    if not years:
        raise UserError("仓库中没有证明事项清单，无可公示", hint="清单放在 catalogs/certificate/<年度>.yaml")
    return max(years)
