"""Legal bases against the register: the law exists, and each cited article exists in the text in force.

A law may be revised (its `versions`), and "第二十条" then means another article before and after the new
text takes effect. A citation speaks from one date, and is judged against the text in force on it:
- a catalog item speaks from the day its catalog takes effect: its 发布 date, or 1 January of its year when
  it is published earlier (a 2026 list published in December 2025 cites the laws as they stand in 2026);
  a catalog without a 发布 step speaks from 1 January of its year;
- an agreement uses its catalog's citations on the day it is signed (1 January of its year while unsigned):
  a text replaced by then is cited out of date (ZS210).
A law registered in the single form (`effective`, `articles`, no `versions`) has one text, in force always.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator
from typing import Any

from ..findings import Finding
from ..layout import (
    AGREEMENT,
    ASSIST_CATALOG,
    ASSIST_ITEM,
    CERTIFICATE_CATALOG,
    CERTIFICATE_ITEM,
    DUTY_CATALOG,
    DUTY_ITEM,
    LAW,
    RecordKind,
)
from ..load.county import County, Entry
from ..models import (
    AssistCatalog,
    AssistItem,
    CertificateCatalog,
    CertificateItem,
    DutyCatalog,
    DutyItem,
    Law,
    LawVersion,
)
from ..policy import catalog_in_force, catalog_items, published_on
from .base import at, check
from .causes import Causes


def catalog_speaks_from(catalog: AssistCatalog | DutyCatalog | CertificateCatalog) -> dt.date:
    """The date a catalog's citations are judged on: when it takes effect (see the module's docstring)."""
    start = dt.date(catalog.year, 1, 1)
    published = published_on(catalog)
    return max(published, start) if published is not None else start


def agreement_speaks_from(entry: Entry[Any]) -> dt.date:
    """The date an agreement uses its catalog's citations on: its signing date, else 1 January of its year."""
    agreement = entry.record
    return agreement.signing.date if agreement.signing is not None else dt.date(agreement.year, 1, 1)


def text_label(law: Law, version: LawVersion) -> str:
    """A text of a law as a finding names it: 《…》2026-01-01 施行的文本（2025年修订）."""
    document = f"（{version.document}）" if version.document else ""
    return f"《{law.name}》{version.effective} 施行的文本{document}"


@check
def law_versions(county: County) -> Iterator[Finding]:
    """ZS211: a law's versions are told apart by their dates, and do not sit beside the single form."""
    for entry in county.entries(LAW):
        law = entry.record
        if not law.versions:
            continue
        for field in ("articles", "effective"):
            if getattr(law, field) is not None:
                yield at(entry, "ZS211", f"《{law.name}》已列出 versions，{field} 应写在各文本中", field,
                         hint=f"删去顶层的 {field}，把它写进对应文本的 versions 条目")
        dates = Counter(version.effective for version in law.versions)
        for position, version in enumerate(law.versions):
            if dates[version.effective] > 1:
                yield at(entry, "ZS211", f"《{law.name}》有两个文本都自 {version.effective} 起施行", "versions",
                         position, "effective", hint="每个文本的施行日期应不同；同日施行的修改合为一个文本")


@check
def legal_bases(county: County) -> Iterator[Finding]:
    """ZS204/ZS205/ZS212: every basis names a law in the register, in force then, and its articles exist."""
    causes = Causes(county)
    laws = {entry.record.id: entry.record for entry in county.entries(LAW)}
    catalogs: list[Entry[AssistCatalog] | Entry[DutyCatalog] | Entry[CertificateCatalog]] = [
        *county.entries(DUTY_CATALOG), *county.entries(ASSIST_CATALOG), *county.entries(CERTIFICATE_CATALOG)]
    speaks_from = {catalog.file: catalog_speaks_from(catalog.record) for catalog in catalogs}
    with_basis: tuple[RecordKind[DutyItem | AssistItem | CertificateItem], ...] = (
        DUTY_ITEM, ASSIST_ITEM, CERTIFICATE_ITEM)
    for kind in with_basis:
        for entry in county.entries(kind):
            for position, basis in enumerate(entry.record.basis):
                law = laws.get(basis.law)
                if law is None:
                    if basis.law not in county.known(LAW):
                        yield at(entry, "ZS204", f"法律依据“{basis.law}”不在登记册中", "basis", position, "law",
                                 hint="在 legal/ 下登记该法律法规").because_of(causes.registry(LAW, basis.law))
                    continue
                yield from _articles(entry, position, law, basis.articles, speaks_from[entry.file])


def _articles(entry: Entry[Any], position: int, law: Law, articles: list[int], on: dt.date) -> Iterator[Finding]:
    """ZS205/ZS212: the cited articles against the text of `law` in force on `on`."""
    version = law.in_force(on)
    if version is None:
        first = law.texts()[0].effective
        yield at(entry, "ZS212", f"《{law.name}》自 {first} 起施行，本目录自 {on} 起施行时尚未施行", "basis",
                 position, "law", hint="改引当时施行的法律法规，或核对 legal/ 中该法的施行日期")
        return
    if version.articles is None:
        return
    for number, cited in enumerate(articles):
        if cited <= version.articles:
            continue
        if law.versions:
            yield at(entry, "ZS205", f"{text_label(law, version)}只有 {version.articles} 条，没有第 {cited} 条"
                     f"（本目录自 {on} 起施行，适用该文本）", "basis", position, "articles", number,
                     hint="按该文本核对条款号")
        else:
            yield at(entry, "ZS205", f"《{law.name}》只有 {version.articles} 条，没有第 {cited} 条",
                     "basis", position, "articles", number)


@check
def replaced_citations(county: County) -> Iterator[Finding]:
    """ZS210/ZS213: a citation used after the text it cites was replaced."""
    laws = {entry.record.id: entry.record for entry in county.entries(LAW)}
    yield from _catalogs_across_revisions(county, laws)
    # (law, the catalog's date, the signing date) → the text cited and the one that replaced it: a county's
    # agreements share a few dates, and a province's thousands of agreements would otherwise ask again each time.
    replaced: dict[tuple[str, dt.date, dt.date], tuple[LawVersion, LawVersion] | None] = {}

    def replacement(law: Law, cited_on: dt.date, used_on: dt.date) -> tuple[LawVersion, LawVersion] | None:
        key = (law.id, cited_on, used_on)
        if key not in replaced:
            cited = law.in_force(cited_on)
            newer = law.successor(cited, used_on) if cited is not None else None
            replaced[key] = (cited, newer) if cited is not None and newer is not None else None
        return replaced[key]

    for entry in county.entries(AGREEMENT):
        catalog = catalog_in_force(county, entry.record.year)
        if catalog is None:
            continue  # ZS402
        cited_on, used_on = catalog_speaks_from(catalog.record), agreement_speaks_from(entry)
        items = catalog_items(catalog.record)
        for position, agreed in enumerate(entry.record.items):
            item = items.get(agreed.id)
            for basis in item.basis if item is not None else []:
                law = laws.get(basis.law)
                found = replacement(law, cited_on, used_on) if law is not None else None
                if law is None or found is None:
                    continue
                cited, newer = found
                yield at(entry, "ZS210", f"{agreed.id} 的依据引用{text_label(law, cited)}，协议签订时（{used_on}）"
                         f"已由{text_label(law, newer).removeprefix(f'《{law.name}》')}取代", "items", position, "id",
                         hint=f"按新文本修订 {catalog.record.year} 版目录并重新发布，或改用引用新文本的目录")


def _catalogs_across_revisions(county: County, laws: dict[str, Law]) -> Iterator[Finding]:
    """ZS213: a catalog published under one text of a law that takes effect under the next."""
    catalogs: list[Entry[AssistCatalog] | Entry[DutyCatalog] | Entry[CertificateCatalog]] = [
        *county.entries(DUTY_CATALOG), *county.entries(ASSIST_CATALOG), *county.entries(CERTIFICATE_CATALOG)]
    dates = {catalog.file: (published_on(catalog.record), catalog_speaks_from(catalog.record)) for catalog in catalogs}
    with_basis: tuple[RecordKind[DutyItem | AssistItem | CertificateItem], ...] = (
        DUTY_ITEM, ASSIST_ITEM, CERTIFICATE_ITEM)
    for kind in with_basis:
        for entry in county.entries(kind):
            published, takes_effect = dates[entry.file]
            if published is None or published >= takes_effect:
                continue
            for number, basis in enumerate(entry.record.basis):
                law = laws.get(basis.law)
                if law is None or not basis.articles:
                    continue
                before, after = law.in_force(published), law.in_force(takes_effect)
                if after is None or (before is not None and before.effective == after.effective):
                    continue
                yield at(entry, "ZS213", f"{entry.record.id} 引用的《{law.name}》在目录发布（{published}）后、施行"
                         f"（{takes_effect}）前换为 {after.effective} 施行的文本，条款号按新文本核对", "basis", number,
                         "law", hint="确认所引条款号是新文本的条款号")
