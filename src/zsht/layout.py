"""Where each kind of record lives in a county repository, and which model reads it."""

from __future__ import annotations

from dataclasses import dataclass
from fnmatch import fnmatchcase

from . import models as m

CONFIG_FILE = "zsht.yaml"


@dataclass(frozen=True)
class FileKind:
    """One kind of file: its place in the tree, its model, and the list that holds its records."""

    name: str
    pattern: str
    model: type[m.Record]
    title: str
    records: str | None = None  # the list field whose elements are records with ids
    required: bool = False

    def matches(self, relpath: str) -> bool:
        parts = relpath.split("/")
        wanted = self.pattern.split("/")
        if len(parts) != len(wanted):
            return False
        if not (parts[-1].endswith(".yaml") or parts[-1].endswith(".yml")):
            return False
        stem_parts = parts[:-1] + [parts[-1].rsplit(".", 1)[0]]
        wanted_stems = wanted[:-1] + [wanted[-1].rsplit(".", 1)[0]]
        return all(fnmatchcase(p, w) for p, w in zip(stem_parts, wanted_stems, strict=True))


KINDS: tuple[FileKind, ...] = (
    FileKind("county", CONFIG_FILE, m.CountyConfig, "县级设置", required=True),
    FileKind("townships", "registry/townships.yaml", m.TownshipFile, "乡镇（街道）名录", "townships", True),
    FileKind("communities", "registry/communities/*.yaml", m.CommunityFile, "村（居）委会名录", "communities"),
    FileKind("departments", "registry/departments.yaml", m.DepartmentFile, "职能部门名录", "departments", True),
    FileKind("social_orgs", "registry/social_orgs.yaml", m.SocialOrgFile, "社会组织名录", "social_orgs"),
    FileKind("law", "legal/*.yaml", m.Law, "法律依据"),
    FileKind("duty", "catalogs/duty/*.yaml", m.DutyCatalog, "依法履行职责事项", "items"),
    FileKind("assist", "catalogs/assist/*.yaml", m.AssistCatalog, "协助政府工作事项", "items"),
    FileKind("negative", "catalogs/negative/*.yaml", m.NegativeCatalog, "负面清单", "items"),
    FileKind("access", "access/*.yaml", m.Access, "社区事务准入"),
    FileKind("agreement", "agreements/*/*/*.yaml", m.Agreement, "协助政府工作协议书"),
    FileKind("evaluation", "evaluations/*/*/*.yaml", m.Evaluation, "履职履约双向评估"),
    FileKind("purchase", "purchases/*/*.yaml", m.Purchase, "政府购买服务合同"),
    FileKind("notice", "notices/*/*.yaml", m.Notice, "社会公示"),
)
KIND_BY_NAME = {kind.name: kind for kind in KINDS}


def kind_of(relpath: str) -> FileKind | None:
    """The kind of a file from its path relative to the county root, or None."""
    for kind in KINDS:
        if kind.matches(relpath):
            return kind
    return None
