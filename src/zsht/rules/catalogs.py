"""Catalog lifecycle and access control, plus the smaller record kinds (purchases, notices)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ..findings import Finding
from ..layout import (
    ACCESS,
    ASSIST_CATALOG,
    CERTIFICATE_CATALOG,
    DUTY_CATALOG,
    NOTICE,
    PLAQUE_CATALOG,
    PURCHASE,
    RecordKind,
)
from ..load.county import County, Entry
from ..models import STAGES, Access, AssistCatalog, CertificateCatalog, DutyCatalog, PlaqueCatalog
from ..policy import published_on
from .base import at, check
from .causes import Causes


@check
def lifecycle(county: County) -> Iterator[Finding]:
    """ZS501: 部门清理 → 依法审核 → 自治组织讨论 → 社会公示 → 发布, in order, none skipped before 发布."""
    catalogs: tuple[RecordKind[DutyCatalog | AssistCatalog | CertificateCatalog | PlaqueCatalog], ...] = (
        DUTY_CATALOG, ASSIST_CATALOG, CERTIFICATE_CATALOG, PLAQUE_CATALOG)
    for kind in catalogs:
        for entry in county.entries(kind):
            steps = entry.record.stages
            previous = None
            for position, step in enumerate(steps):
                order = STAGES.index(step.stage)
                if previous and (order <= STAGES.index(previous.stage) or step.date < previous.date):
                    yield at(entry, "ZS501", f"“{step.stage}”（{step.date}）排在“{previous.stage}”"
                             f"（{previous.date}）之后，顺序或日期不对", "stages", position,
                             hint="按 部门清理 → 依法审核 → 自治组织讨论 → 社会公示 → 发布 的顺序和日期填写")
                if step.until and step.until < step.date:
                    yield at(entry, "ZS501", f"公示截止日期 {step.until} 早于开始日期 {step.date}",
                             "stages", position, "until")
                previous = step
            done = {step.stage for step in steps}
            if "发布" in done:
                missing = [stage for stage in STAGES[:-1] if stage not in done]
                if missing:
                    yield at(entry, "ZS501", f"目录已发布，但缺少程序：{'、'.join(missing)}", "stages",
                             hint="补记缺少的程序及其日期、承办单位")


@check
def access_control(county: County) -> Iterator[Finding]:
    """ZS502/ZS503: an item added after the first published version has an approved access record."""
    published = sorted(
        (e for e in county.entries(ASSIST_CATALOG) if published_on(e.record)), key=lambda e: e.record.year
    )
    if not published:
        return
    original = {item.id for item in published[0].record.items}
    causes = Causes(county)
    approvals: dict[str, list[Entry[Access]]] = {}
    for entry in county.entries(ACCESS):
        approvals.setdefault(entry.record.item, []).append(entry)
    for catalog in county.entries(ASSIST_CATALOG):
        if catalog.record.year <= published[0].record.year:
            continue
        released = published_on(catalog.record)
        for position, item in enumerate(catalog.record.items):
            if item.id in original:
                continue
            records = approvals.get(item.id, [])
            if not records:
                # an item of the first version that failed the schema there is not new: an echo of that item
                yield at(catalog, "ZS502", f"{item.id}（{item.name}）是 {published[0].record.year} 版之后新增的事项，"
                         "没有准入审批记录", "items", position, "id",
                         hint="在 access/ 下登记经县人民政府批准的准入记录").because_of(
                    causes.catalog_item(published[0].file, item.id))
                continue
            yield from _approval_findings(records, item.id, released)


def _approval_findings(records: list[Entry[Access]], item_id: str, released: dt.date | None) -> Iterator[Finding]:
    approved = [e for e in records if e.record.decision == "批准"]
    if not approved:
        entry = records[0]
        yield at(entry, "ZS503", f"{item_id} 的准入申请结果是“{entry.record.decision}”，不能列入目录", "decision")
        return
    for entry in approved:
        decided = entry.record.decided
        if decided is None:
            yield at(entry, "ZS503", f"{item_id} 的准入审批没有审批日期", "decision", hint="补上 decided")
        elif released is not None and decided > released:
            yield at(entry, "ZS503", f"{item_id} 的准入审批日期 {decided} 晚于目录发布日期 {released}", "decided")


@check
def purchases_and_notices(county: County) -> Iterator[Finding]:
    """ZS701/ZS702: a purchase has a positive amount and a valid term; a notice period is valid."""
    for entry in county.entries(PURCHASE):
        record = entry.record
        if record.amount <= 0:
            yield at(entry, "ZS701", f"合同金额须大于 0，现为 {record.amount}", "amount")
        if record.term.end < record.term.start:
            yield at(entry, "ZS701", f"服务期限 {record.term.start}—{record.term.end} 无效", "term")
    for notice in county.entries(NOTICE):
        period = notice.record.period
        if period.end < period.start:
            yield at(notice, "ZS702", f"公示期 {period.start}—{period.end} 无效", "period")
