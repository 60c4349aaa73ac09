"""References between records: every id a record names exists, and ids are unique."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator

from ..findings import Finding
from ..load.county import County
from .base import at, check
from .causes import Causes

_UNIQUE = ("township", "community", "department", "social_org", "law", "access", "agreement",
           "evaluation", "purchase", "notice")
_UNIQUE_PER_FILE = ("duty_item", "assist_item", "negative_item")


@check
def unique_ids(county: County) -> Iterator[Finding]:
    """ZS105: ids are unique within their kind (catalog items: within one catalog version)."""
    for kind in _UNIQUE + _UNIQUE_PER_FILE:
        seen: dict[tuple[str, str], str] = {}
        for entry in county.entries(kind):
            scope = entry.file if kind in _UNIQUE_PER_FILE else ""
            key = (scope, entry.record.id)
            if key in seen:
                yield at(entry, "ZS105", f"编号“{entry.record.id}”重复，已在 {seen[key]} 中使用", "id",
                         hint="给其中一条换一个编号")
            else:
                seen[key] = entry.file


def _exists(county: County, kind: str, value: str | None) -> bool:
    return value is None or value in county.known(kind)


@check
def registry_references(county: County) -> Iterator[Finding]:
    """ZS201/ZS203/ZS207: townships, departments and social organizations named by records exist.

    An id missing while a registry file did not load is an echo of that file."""
    causes = Causes(county)
    for entry in county.entries("communities"):
        if not _exists(county, "township", entry.record.township):
            yield at(entry, "ZS201", f"乡镇（街道）“{entry.record.township}”不在名录中", "township",
                     hint="先在 registry/townships.yaml 中登记").because_of(causes.registry("township", ""))
    for kind in ("assist_item", "access", "purchase"):
        for entry in county.entries(kind):
            if not _exists(county, "department", entry.record.department):
                yield at(entry, "ZS203", f"部门“{entry.record.department}”不在名录中", "department",
                         hint="先在 registry/departments.yaml 中登记").because_of(causes.registry("department", ""))
    for entry in county.entries("purchase"):
        if not _exists(county, "social_org", entry.record.social_org):
            yield at(entry, "ZS207", f"社会组织“{entry.record.social_org}”不在名录中", "social_org",
                     hint="先在 registry/social_orgs.yaml 中登记").because_of(causes.registry("social_org", ""))
        for position, community in enumerate(entry.record.communities):
            if not _exists(county, "community", community):
                yield at(entry, "ZS202", f"村（居）委会“{community}”不在名录中", "communities",
                         position).because_of(causes.registry("community", community))
    for entry in county.entries("notice"):
        if not _exists(county, "township", entry.record.township):
            yield at(entry, "ZS201", f"乡镇（街道）“{entry.record.township}”不在名录中",
                     "township").because_of(causes.registry("township", ""))


@check
def legal_bases(county: County) -> Iterator[Finding]:
    """ZS204/ZS205: every basis names a law in the register, and its articles exist."""
    causes = Causes(county)
    laws = {entry.record.id: entry.record for entry in county.entries("law")}
    for kind in ("duty_item", "assist_item"):
        for entry in county.entries(kind):
            for position, basis in enumerate(entry.record.basis):
                law = laws.get(basis.law)
                if law is None:
                    if basis.law not in county.known("law"):
                        yield at(entry, "ZS204", f"法律依据“{basis.law}”不在登记册中", "basis", position, "law",
                                 hint="在 legal/ 下登记该法律法规").because_of(causes.registry("law", basis.law))
                    continue
                for number, article in enumerate(basis.articles):
                    if law.articles is not None and article > law.articles:
                        yield at(entry, "ZS205", f"《{law.name}》只有 {law.articles} 条，没有第 {article} 条",
                                 "basis", position, "articles", number)


@check
def party_references(county: County) -> Iterator[Finding]:
    """ZS201/ZS202/ZS206/ZS106: the parties of agreements and evaluations exist and belong together."""
    causes = Causes(county)
    for kind in ("agreement", "evaluation"):
        for entry in county.entries(kind):
            record = entry.record
            if not _exists(county, "township", record.township):
                yield at(entry, "ZS201", f"乡镇（街道）“{record.township}”不在名录中",
                         "township").because_of(causes.registry("township", record.township))
            if not _exists(county, "community", record.community):
                yield at(entry, "ZS202", f"村（居）委会“{record.community}”不在名录中", "community",
                         hint="先在 registry/communities/ 中登记").because_of(
                    causes.registry("community", record.community, record.township))
                continue
            home = county.community_township.get(record.community)
            if home and home != record.township:
                yield at(entry, "ZS206", f"“{record.community}”属于“{home}”，不属于“{record.township}”",
                         "community", hint=f"把 township 改为 {home}，或换成本乡镇的村（居）委会")
            expected = f"{kind}s/{record.year}/{record.township}/{record.community}.yaml"
            if entry.file.rsplit(".", 1)[0] != expected.rsplit(".", 1)[0]:
                yield at(entry, "ZS106", f"文件应为 {expected}", hint="移动文件，使路径与年度、乡镇、村（居）一致")


@check
def one_per_year(county: County) -> Iterator[Finding]:
    """ZS408/ZS609: one agreement and one evaluation per committee per year."""
    for kind, rule, what in (("agreement", "ZS408", "协议"), ("evaluation", "ZS609", "评估")):
        by_key: dict[tuple[str, int], list[str]] = defaultdict(list)
        for entry in county.entries(kind):
            by_key[(entry.record.community, entry.record.year)].append(entry.file)
        counts = Counter({k: len(v) for k, v in by_key.items()})
        for entry in county.entries(kind):
            key = (entry.record.community, entry.record.year)
            if counts[key] > 1 and by_key[key][0] != entry.file:
                yield at(entry, rule, f"{entry.record.community} 在 {entry.record.year} 年已有{what} {by_key[key][0]}",
                         "community", hint="合并为一份")
