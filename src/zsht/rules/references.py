"""References between records: every id a record names exists, and ids are unique."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from typing import Any

from ..findings import Finding
from ..layout import (
    ACCESS,
    AGREEMENT,
    ASSIST_ITEM,
    CERTIFICATE_ITEM,
    COMMUNITY,
    COMMUNITY_FILE,
    DEPARTMENT,
    DUTY_ITEM,
    EVALUATION,
    LAW,
    NOTICE,
    PURCHASE,
    RECORD_KINDS,
    SOCIAL_ORG,
    TOWNSHIP,
    FileKind,
    RecordKind,
)
from ..load.county import County
from ..models import Access, Agreement, AssistItem, CertificateItem, DutyItem, Evaluation, Purchase
from .base import at, check
from .causes import Causes


@check
def unique_ids(county: County) -> Iterator[Finding]:
    """ZS105: ids are unique within their kind (catalog items: within one catalog version)."""
    # ids unique in the whole county first, then those unique within one file (a catalog version)
    kinds = [kind for scope in ("county", "file") for kind in RECORD_KINDS if kind.unique == scope]
    for kind in kinds:
        seen: dict[tuple[str, str], str] = {}
        for entry in county.entries(kind):
            record: Any = entry.record  # every kind with unique ids has an id
            key = (entry.file if kind.unique == "file" else "", record.id)
            if key in seen:
                yield at(entry, "ZS105", f"编号“{record.id}”重复，已在 {seen[key]} 中使用", "id",
                         hint="给其中一条换一个编号")
            else:
                seen[key] = entry.file


def _exists(county: County, kind: RecordKind[Any], value: str | None) -> bool:
    return value is None or value in county.known(kind)


@check
def registry_references(county: County) -> Iterator[Finding]:
    """ZS201/ZS203/ZS207: townships, departments and social organizations named by records exist.

    An id missing while a registry file did not load is an echo of that file."""
    causes = Causes(county)
    for entry in county.entries(COMMUNITY_FILE):
        if not _exists(county, TOWNSHIP, entry.record.township):
            yield at(entry, "ZS201", f"乡镇（街道）“{entry.record.township}”不在名录中", "township",
                     hint="先在 registry/townships.yaml 中登记").because_of(causes.registry(TOWNSHIP, ""))
    with_department: tuple[RecordKind[AssistItem | Access | Purchase], ...] = (ASSIST_ITEM, ACCESS, PURCHASE)
    for kind in with_department:
        for named in county.entries(kind):
            if not _exists(county, DEPARTMENT, named.record.department):
                yield at(named, "ZS203", f"部门“{named.record.department}”不在名录中", "department",
                         hint="先在 registry/departments.yaml 中登记").because_of(causes.registry(DEPARTMENT, ""))
    for purchase in county.entries(PURCHASE):
        if not _exists(county, SOCIAL_ORG, purchase.record.social_org):
            yield at(purchase, "ZS207", f"社会组织“{purchase.record.social_org}”不在名录中", "social_org",
                     hint="先在 registry/social_orgs.yaml 中登记").because_of(causes.registry(SOCIAL_ORG, ""))
        for position, community in enumerate(purchase.record.communities):
            if not _exists(county, COMMUNITY, community):
                yield at(purchase, "ZS202", f"村（居）委会“{community}”不在名录中", "communities",
                         position).because_of(causes.registry(COMMUNITY, community))
    for notice in county.entries(NOTICE):
        if not _exists(county, TOWNSHIP, notice.record.township):
            yield at(notice, "ZS201", f"乡镇（街道）“{notice.record.township}”不在名录中",
                     "township").because_of(causes.registry(TOWNSHIP, ""))


@check
def legal_bases(county: County) -> Iterator[Finding]:
    """ZS204/ZS205: every basis names a law in the register, and its articles exist."""
    causes = Causes(county)
    laws = {entry.record.id: entry.record for entry in county.entries(LAW)}
    with_basis: tuple[RecordKind[DutyItem | AssistItem | CertificateItem], ...] = (DUTY_ITEM, ASSIST_ITEM, CERTIFICATE_ITEM)
    for kind in with_basis:
        for entry in county.entries(kind):
            for position, basis in enumerate(entry.record.basis):
                law = laws.get(basis.law)
                if law is None:
                    if basis.law not in county.known(LAW):
                        yield at(entry, "ZS204", f"法律依据“{basis.law}”不在登记册中", "basis", position, "law",
                                 hint="在 legal/ 下登记该法律法规").because_of(causes.registry(LAW, basis.law))
                    continue
                for number, article in enumerate(basis.articles):
                    if law.articles is not None and article > law.articles:
                        yield at(entry, "ZS205", f"《{law.name}》只有 {law.articles} 条，没有第 {article} 条",
                                 "basis", position, "articles", number)


@check
def party_references(county: County) -> Iterator[Finding]:
    """ZS201/ZS202/ZS206/ZS106: the parties of agreements and evaluations exist and belong together."""
    causes = Causes(county)
    parties: tuple[FileKind[Agreement | Evaluation], ...] = (AGREEMENT, EVALUATION)
    for kind in parties:
        for entry in county.entries(kind):
            record = entry.record
            if not _exists(county, TOWNSHIP, record.township):
                yield at(entry, "ZS201", f"乡镇（街道）“{record.township}”不在名录中",
                         "township").because_of(causes.registry(TOWNSHIP, record.township))
            if not _exists(county, COMMUNITY, record.community):
                yield at(entry, "ZS202", f"村（居）委会“{record.community}”不在名录中", "community",
                         hint="先在 registry/communities/ 中登记").because_of(
                    causes.registry(COMMUNITY, record.community, record.township))
                continue
            home = county.community_township.get(record.community)
            if home and home != record.township:
                yield at(entry, "ZS206", f"“{record.community}”属于“{home}”，不属于“{record.township}”",
                         "community", hint=f"把 township 改为 {home}，或换成本乡镇的村（居）委会")
            expected = kind.path(record.year, record.township, record.community)
            if entry.file.rsplit(".", 1)[0] != expected.rsplit(".", 1)[0]:
                yield at(entry, "ZS106", f"文件应为 {expected}", hint="移动文件，使路径与年度、乡镇、村（居）一致")


@check
def one_per_year(county: County) -> Iterator[Finding]:
    """ZS408/ZS609: one agreement and one evaluation per committee per year."""
    per_year: tuple[tuple[RecordKind[Agreement | Evaluation], str, str], ...] = (
        (AGREEMENT, "ZS408", "协议"), (EVALUATION, "ZS609", "评估"))
    for kind, rule, what in per_year:
        by_key: dict[tuple[str, int], list[str]] = defaultdict(list)
        for entry in county.entries(kind):
            by_key[(entry.record.community, entry.record.year)].append(entry.file)
        counts = Counter({k: len(v) for k, v in by_key.items()})
        for entry in county.entries(kind):
            key = (entry.record.community, entry.record.year)
            if counts[key] > 1 and by_key[key][0] != entry.file:
                yield at(entry, rule, f"{entry.record.community} 在 {entry.record.year} 年已有{what} {by_key[key][0]}",
                         "community", hint="合并为一份")
