"""The published lists (清单): every version of each catalog, the one in force, and what changed between them.

A catalog version goes out once it has its 发布 step; the negative list has no lifecycle of its own and goes out
as it stands. The version in force is the latest published one (the site shows the lists as they stand, not as
of the day it is built, so that the same records always give the same pages).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from .. import models as m
from ..layout import (
    ASSIST_CATALOG,
    CERTIFICATE_CATALOG,
    DEPARTMENT,
    DUTY_CATALOG,
    LAW,
    NEGATIVE_CATALOG,
    PLAQUE_CATALOG,
    FileKind,
)
from ..load.county import County, Entry
from ..render.citations import basis_text
from ..render.numerals import date_cn, figures
from .views import CellView, Page, RowView, Section, TableView, row

CatalogRecord = m.DutyCatalog | m.AssistCatalog | m.NegativeCatalog | m.CertificateCatalog | m.PlaqueCatalog


@dataclass(frozen=True)
class CatalogVersion:
    """One published version of a catalog: its page and its record."""

    kind: FileKind[Any]
    stem: str  # the file's name without .yaml: the year it starts
    entry: Entry[Any]

    @property
    def record(self) -> CatalogRecord:
        """The catalog record of this version."""
        record: CatalogRecord = self.entry.record
        return record

    @property
    def href(self) -> str:
        """The page of this version, relative to the site's root."""
        return f"lists/{self.kind.name}-{self.stem}.html"


@dataclass(frozen=True)
class Columns:
    """How one catalog kind's items are shown: column headers and the cells of one item."""

    headers: tuple[str, ...]
    cells: Callable[[Any], tuple[str, ...]]


def published(record: CatalogRecord) -> bool:
    """Whether a catalog version may go out: it has been issued (发布), or it has no lifecycle (负面清单)."""
    stages = getattr(record, "stages", None)
    return stages is None or any(step.stage == "发布" for step in stages)


CATALOG_KINDS: tuple[FileKind[Any], ...] = (DUTY_CATALOG, ASSIST_CATALOG, NEGATIVE_CATALOG, CERTIFICATE_CATALOG,
                                           PLAQUE_CATALOG)


def versions(county: County, usable: Callable[[Entry[Any]], bool]) -> dict[str, list[CatalogVersion]]:
    """The published versions of each catalog kind, oldest first, by kind name (kinds without one left out)."""
    found: dict[str, list[CatalogVersion]] = {}
    for kind in CATALOG_KINDS:
        entries = [e for e in county.entries(kind) if published(e.record) and usable(e)]
        listed = sorted((CatalogVersion(kind, e.file.rsplit("/", 1)[-1].rsplit(".", 1)[0], e) for e in entries),
                        key=lambda v: (v.record.year, v.stem))
        if listed:
            found[kind.name] = listed
    return found


def version_for(listed: list[CatalogVersion], year: int) -> CatalogVersion | None:
    """The published version in force in `year`: the latest one starting by then."""
    started = [version for version in listed if version.record.year <= year]
    return started[-1] if started else None


def columns(county: County) -> dict[str, Columns]:
    """The columns of each catalog kind, with the county's laws and departments named in full."""
    laws, departments = county.index(LAW), county.index(DEPARTMENT)

    def department(slug: str) -> str:
        return departments[slug].record.name if slug in departments else slug

    def funding(item: m.AssistItem) -> str:
        if item.funding is None:
            return "无"
        money = item.funding
        return "；".join(part for part in (f"{figures(money.amount)} {money.unit}", money.source, money.payment) if part)

    def certificate_basis(item: m.CertificateItem) -> str:
        return basis_text(item.basis, laws) or (item.note or "")

    return {
        "duty": Columns(("编号", "事项", "法律依据", "适用于"),
                        lambda i: (i.id, i.name, basis_text(i.basis, laws), "、".join(i.applies_to))),
        "assist": Columns(("编号", "事项", "主管部门", "法律依据", "目标要求", "经费（金额、来源、支付方式）"),
                          lambda i: (i.id, i.name, department(i.department), basis_text(i.basis, laws),
                                     i.requirements, funding(i))),
        "negative": Columns(("编号", "事项", "说明"), lambda i: (i.id, i.name, i.note or "")),
        "certificate": Columns(("编号", "证明", "保留或取消", "依据或说明", "办理用途"),
                               lambda i: (i.id, i.name, i.status, certificate_basis(i), i.purpose or "")),
        "plaque": Columns(("编号", "牌子", "悬挂位置", "设立依据"),
                          lambda i: (i.id, i.name, f"办公场所{i.placement}", i.basis)),
    }


# Fields whose description does not open with a name a reader knows.
LABELS = {"department": "主管部门", "status": "保留或取消", "placement": "悬挂位置", "applies_to": "适用范围"}


def _label(model: type[Any], name: str) -> str:
    """A field's name as a person reads it: the head of its description (法律依据（至少一项） → 法律依据;
    费随事转：经费（…） → 经费)."""
    field = model.model_fields.get(name)
    text = (field.description or name) if field is not None else name
    text = LABELS.get(name) or text.split("：", 1)[-1]
    for mark in ("（", "，", "；"):
        text = text.split(mark)[0]
    return text


def _change(model: type[Any], name: str, was: Any, now: Any) -> str:
    """One changed field; money and names with their old and new value."""
    if name == "funding" and was is not None and now is not None:
        return f"经费 {figures(was.amount)} {was.unit} → {figures(now.amount)} {now.unit}"
    if name == "name":
        return f"名称原为“{was}”"
    return _label(model, name)


def changes(before: CatalogRecord, after: CatalogRecord, shown: Columns) -> list[RowView]:
    """What changed from one version to the next: items added, removed, and changed (with the fields)."""
    old: Mapping[str, Any] = {item.id: item for item in before.items}
    new: Mapping[str, Any] = {item.id: item for item in after.items}
    rows: list[RowView] = []
    for item_id, item in new.items():
        if item_id not in old:
            rows.append(row(item_id, item.name, "新增", ""))
            continue
        was = old[item_id]
        changed = [name for name in type(item).model_fields if name != "id" and getattr(was, name) != getattr(item, name)]
        if changed:
            model = type(item)
            rows.append(row(item_id, item.name, "调整", "；".join(
                _change(model, name, getattr(was, name), getattr(item, name)) for name in changed)))
    rows += [row(item_id, item.name, "删除", "") for item_id, item in old.items() if item_id not in new]
    return rows


def version_page(version: CatalogVersion, siblings: list[CatalogVersion], shown: Columns) -> Page:
    """The page of one catalog version: its items, its issuing, its other versions and what it changed."""
    record, kind = version.record, version.kind
    in_force = version is siblings[-1]
    issued = next((step for step in getattr(record, "stages", []) if step.stage == "发布"), None)
    facts = [("施行年度", f"{record.year}年起"), ("状态", "现行" if in_force else f"已被 {siblings[-1].record.year} 年版本取代")]
    if issued is not None:
        facts.append(("发布", "，".join(part for part in (date_cn(issued.date), issued.actor, issued.document or "")
                                      if part)))
    items = TableView(f"{record.title}（共 {len(record.items)} 项）", shown.headers,
                  tuple(RowView(tuple(CellView(text) for text in shown.cells(item)), item.id) for item in record.items))
    sections = [Section("概况", facts=tuple(facts)), Section("事项", tables=(items,))]
    place = siblings.index(version)
    if place > 0:
        earlier = siblings[place - 1]
        rows = changes(earlier.record, record, shown)
        sections.append(Section(
            f"与 {earlier.record.year} 年版本相比的变化",
            paragraphs=() if rows else ("事项没有变化。",),
            tables=(TableView(f"{earlier.record.year} 年 → {record.year} 年", ("编号", "事项", "变化", "调整的内容"),
                          tuple(rows)),) if rows else (),
            links=(CellView(f"{earlier.record.year} 年版本", earlier.href),)))
    sections.append(Section("全部版本", links=tuple(
        CellView(f"{v.record.year} 年版本" + ("（现行）" if v is siblings[-1] else ""), v.href if v is not version else None)
        for v in reversed(siblings))))
    return Page(version.href, record.title, tuple(sections), (CellView("首页", "index.html"),),
                lead=kind.title + ("（现行）" if in_force else "（历史版本）"))


def list_pages(county: County, found: dict[str, list[CatalogVersion]]) -> list[Page]:
    """A page for every published version of every catalog."""
    shown = columns(county)
    return [version_page(version, listed, shown[name]) for name, listed in found.items() for version in listed]
