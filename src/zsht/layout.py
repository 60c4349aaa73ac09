"""Every kind of record, described once: where its files live, its model, its id, its names, what freezes it.

Every other module reads these descriptions (`FileKind`, `RecordKind`) instead of keeping a table of its own:
the loader, the checks, the history, the schemas. A record is reached through its kind, typed:
`county.entries(AGREEMENT)` is a `list[Entry[Agreement]]`, so mypy sees a misspelt field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fnmatch import fnmatchcase
from typing import Any, Generic, Literal, TypeVar

from . import models as m

CONFIG_FILE = "zsht.yaml"

R = TypeVar("R", bound=m.Record, covariant=True)


@dataclass(frozen=True)
class Final:
    """What freezes a record: once it holds, the record must never change again (`rule`, reported by zsht audit).

    It holds when the record's `field` is `value` (an agreement's `status: 已签订`) or, with `element`, when the
    list `field` has an element whose `element` key is `value` (a catalog's `stages` with a 发布 step). With
    `of_file`, it is judged on the file that holds the record: the items of a published catalog are frozen by
    the catalog's stages. `may_add` names the fields that may still be added to a frozen record, as the
    history names fields (`[*]` stands for any element of a list: `stages[*]`, `items[*].terms`): a stage
    recorded later, the terms `zsht sign --record-terms` writes into an agreement signed by an older zsht.
    """

    field: str
    value: str
    state: str  # put before the record's name when a finding names it: 已签订的（协议 XY-…）
    rule: str = "ZS801"
    element: str | None = None
    of_file: bool = False
    may_add: tuple[str, ...] = ()
    # Later values of `field`, each as frozen, that a frozen record may still move on to (已评定 → 已公示, adding
    # the fields `may_add` names): moving on is not changing it.
    later: tuple[str, ...] = ()

    @property
    def values(self) -> tuple[str, ...]:
        """Every value of `field` that freezes the record, in the order a record moves through them."""
        return (self.value, *self.later)

    def holds(self, data: Any) -> bool:
        """Whether the plain data of a record (or, `of_file`, of the file's envelope) is frozen by this."""
        found = data.get(self.field) if isinstance(data, dict) else None
        if self.element is None:
            return found in self.values
        return isinstance(found, list) and any(
            isinstance(step, dict) and step.get(self.element) == self.value for step in found)

    def allows(self, path: str, added: bool) -> bool:
        """Whether a change to a frozen record at the field `path` is allowed: only an addition `may_add` names
        (or a field below one)."""
        return added and any(re.fullmatch(re.escape(pattern).replace(r"\[\*\]", r"\[[^\]]*\]") + r"(\..+)?", path)
                             for pattern in self.may_add)

    def moves_on(self, path: str, old: Any, new: Any) -> bool:
        """Whether a change of `path` from `old` to `new` moves the record on to a later frozen value."""
        return path == self.field and old in self.values and new in self.values and \
            self.values.index(new) > self.values.index(old)


@dataclass(frozen=True, kw_only=True)
class RecordKind(Generic[R]):
    """One kind of record: its model, what a person calls it, its id and the rules every record of it obeys."""

    name: str  # the kind's name in the loaded county, the history and the JSON output
    model: type[R]
    label: str  # what a person calls one record of it (the history names records so): 协议, 协助事项
    id_format: str | None = None  # the name of its id format in models.common.ID_FORMATS
    unique: Literal["county", "file"] | None = None  # where its ids must be unique (ZS105)
    final: Final | None = None


@dataclass(frozen=True, kw_only=True)
class FileKind(RecordKind[R]):
    """One kind of file: its place in the tree and its record; a list file also holds records of `items`."""

    pattern: str
    title: str  # the title of its JSON schema and of a missing required file (ZS010)
    records: str | None = None  # the list field whose elements are records of `items`
    items: RecordKind[m.Record] | None = None
    required: bool = False
    versioned: bool = False  # one file per year's version (catalogs): its items are known by that year
    path_id: str | None = None  # the id prefix its path implies (<kind>s/<year>/<township>/<community>.yaml)

    @property
    def schema(self) -> str:
        """The file name of its JSON schema, as `zsht schema` writes it and modelines name it."""
        return f"{self.name}.schema.json"

    def path(self, *parts: object) -> str:
        """The path of one file of this kind: `parts` fill the pattern's `*` in order
        (`AGREEMENT.path(2015, "niushan", "niushan-xinhua")` is agreements/2015/niushan/niushan-xinhua.yaml)."""
        pieces = self.pattern.split("*")
        if len(parts) != len(pieces) - 1:
            raise ValueError(f"{self.pattern} takes {len(pieces) - 1} parts, not {len(parts)}")
        return "".join(piece + str(part) for piece, part in zip(pieces, parts, strict=False)) + pieces[-1]

    def matches(self, relpath: str) -> bool:
        """Whether a path relative to the county root is a file of this kind."""
        parts = relpath.split("/")
        wanted = self.pattern.split("/")
        if len(parts) != len(wanted):
            return False
        if not (parts[-1].endswith(".yaml") or parts[-1].endswith(".yml")):
            return False
        stem_parts = parts[:-1] + [parts[-1].rsplit(".", 1)[0]]
        wanted_stems = wanted[:-1] + [wanted[-1].rsplit(".", 1)[0]]
        return all(fnmatchcase(p, w) for p, w in zip(stem_parts, wanted_stems, strict=True))


# A catalog is published once its stages record 发布: later stages may still be added, nothing else may change;
# its items are frozen from then on, by the catalog that holds them (a later year's catalog changes the list).
PUBLISHED = Final("stages", "发布", "已发布的", rule="ZS804", element="stage", may_add=("stages[*]",))
PUBLISHED_ITEM = Final("stages", "发布", "已发布目录中的", rule="ZS804", element="stage", of_file=True)
# A signed agreement: only what `zsht sign --record-terms` writes into one signed by an older zsht (terms, number).
SIGNED = Final("status", "已签订", "已签订的", may_add=("catalog", "number", "items[*].terms"))

# The records held in list files.
TOWNSHIP = RecordKind(name="township", model=m.Township, label="乡镇（街道）", id_format="slug", unique="county")
COMMUNITY = RecordKind(name="community", model=m.Community, label="村（居）委会", id_format="slug", unique="county")
DEPARTMENT = RecordKind(name="department", model=m.Department, label="职能部门", id_format="slug", unique="county")
SOCIAL_ORG = RecordKind(name="social_org", model=m.SocialOrg, label="社会组织", id_format="slug", unique="county")
DUTY_ITEM = RecordKind(name="duty_item", model=m.DutyItem, label="依法履职事项", id_format="duty", unique="file",
                       final=PUBLISHED_ITEM)
ASSIST_ITEM = RecordKind(name="assist_item", model=m.AssistItem, label="协助事项", id_format="assist", unique="file",
                         final=PUBLISHED_ITEM)
NEGATIVE_ITEM = RecordKind(name="negative_item", model=m.NegativeItem, label="负面清单事项", id_format="negative",
                           unique="file", final=PUBLISHED_ITEM)
CERTIFICATE_ITEM = RecordKind(name="certificate_item", model=m.CertificateItem, label="证明事项", id_format="certificate",
                              unique="file", final=PUBLISHED_ITEM)
PLAQUE_ITEM = RecordKind(name="plaque_item", model=m.PlaqueItem, label="机制牌子", id_format="plaque", unique="file",
                         final=PUBLISHED_ITEM)

# The files, in the order they are matched.
COUNTY_CONFIG = FileKind(name="county", pattern=CONFIG_FILE, model=m.CountyConfig, title="县级设置", label="县级设置",
                         required=True)
TOWNSHIP_FILE = FileKind(name="townships", pattern="registry/townships.yaml", model=m.TownshipFile,
                         title="乡镇（街道）名录", label="乡镇（街道）名录", records="townships", items=TOWNSHIP,
                         required=True)
COMMUNITY_FILE = FileKind(name="communities", pattern="registry/communities/*.yaml", model=m.CommunityFile,
                          title="村（居）委会名录", label="村（居）委会名录", records="communities", items=COMMUNITY,
                          id_format="slug")  # known in the history by its township's id
DEPARTMENT_FILE = FileKind(name="departments", pattern="registry/departments.yaml", model=m.DepartmentFile,
                           title="职能部门名录", label="职能部门名录", records="departments", items=DEPARTMENT,
                           required=True)
SOCIAL_ORG_FILE = FileKind(name="social_orgs", pattern="registry/social_orgs.yaml", model=m.SocialOrgFile,
                           title="社会组织名录", label="社会组织名录", records="social_orgs", items=SOCIAL_ORG)
LAW = FileKind(name="law", pattern="legal/*.yaml", model=m.Law, title="法律依据", label="法律依据",
               id_format="slug", unique="county")
DUTY_CATALOG = FileKind(name="duty", pattern="catalogs/duty/*.yaml", model=m.DutyCatalog, title="依法履行职责事项",
                        label="依法履职事项目录", records="items", items=DUTY_ITEM, versioned=True,
                        final=PUBLISHED)
ASSIST_CATALOG = FileKind(name="assist", pattern="catalogs/assist/*.yaml", model=m.AssistCatalog,
                          title="协助政府工作事项", label="协助事项目录", records="items", items=ASSIST_ITEM, versioned=True,
                          final=PUBLISHED)
NEGATIVE_CATALOG = FileKind(name="negative", pattern="catalogs/negative/*.yaml", model=m.NegativeCatalog,
                            title="负面清单", label="负面清单", records="items", items=NEGATIVE_ITEM, versioned=True,
                            final=PUBLISHED)
CERTIFICATE_CATALOG = FileKind(name="certificate", pattern="catalogs/certificate/*.yaml", model=m.CertificateCatalog,
                               title="证明事项清单", label="证明事项清单", records="items", items=CERTIFICATE_ITEM,
                               versioned=True, final=PUBLISHED)
PLAQUE_CATALOG = FileKind(name="plaque", pattern="catalogs/plaque/*.yaml", model=m.PlaqueCatalog, title="机制牌子清单",
                          label="机制牌子清单", records="items", items=PLAQUE_ITEM, versioned=True, final=PUBLISHED)
ACCESS = FileKind(name="access", pattern="access/*.yaml", model=m.Access, title="社区事务准入", label="准入审批",
                  id_format="access", unique="county")
AGREEMENT = FileKind(name="agreement", pattern="agreements/*/*/*.yaml", model=m.Agreement, title="协助政府工作协议书",
                     label="协议", id_format="agreement", unique="county", path_id="XY",
                     final=SIGNED)
SUPPLEMENT = FileKind(name="supplement", pattern="supplements/*/*/*.yaml", model=m.Supplement, title="补充协议",
                      label="补充协议", id_format="supplement", unique="county", path_id="BC", final=SIGNED)
EVALUATION = FileKind(name="evaluation", pattern="evaluations/*/*/*.yaml", model=m.Evaluation,
                      title="履职履约双向评估", label="评估", id_format="evaluation", unique="county", path_id="PG",
                      final=Final("status", "已评定", "已评定（或已公示）的", later=("已公示",), may_add=("publication",)))
PURCHASE = FileKind(name="purchase", pattern="purchases/*/*.yaml", model=m.Purchase, title="政府购买服务合同",
                    label="购买服务合同", id_format="purchase", unique="county")
NOTICE = FileKind(name="notice", pattern="notices/*/*.yaml", model=m.Notice, title="社会公示", label="公示",
                  id_format="notice", unique="county", final=Final("status", "已发布", "已发布的"))

KINDS: tuple[FileKind[m.Record], ...] = (
    COUNTY_CONFIG, TOWNSHIP_FILE, COMMUNITY_FILE, DEPARTMENT_FILE, SOCIAL_ORG_FILE, LAW,
    DUTY_CATALOG, ASSIST_CATALOG, NEGATIVE_CATALOG, CERTIFICATE_CATALOG, PLAQUE_CATALOG, ACCESS, AGREEMENT, SUPPLEMENT,
    EVALUATION, PURCHASE, NOTICE,
)
KIND_BY_NAME = {kind.name: kind for kind in KINDS}
# Every kind of record: each file kind, followed by the kind of the records its list holds.
RECORD_KINDS: tuple[RecordKind[m.Record], ...] = tuple(
    kind for file_kind in KINDS for kind in (file_kind, file_kind.items) if kind is not None)
RECORD_KIND_BY_NAME: dict[str, RecordKind[m.Record]] = {kind.name: kind for kind in RECORD_KINDS}
_FILE_OF: dict[str, FileKind[m.Record]] = {
    kind.name: file_kind for file_kind in KINDS for kind in (file_kind, file_kind.items) if kind is not None}


def file_kind_of(kind: RecordKind[Any]) -> FileKind[m.Record]:
    """The kind of file that holds records of `kind`: the list file of an item, else the kind itself."""
    return _FILE_OF[kind.name]


def kind_of(relpath: str) -> FileKind[m.Record] | None:
    """The kind of a file from its path relative to the county root, or None."""
    for kind in KINDS:
        if kind.matches(relpath):
            return kind
    return None
