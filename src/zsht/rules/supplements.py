"""补充协议: it amends a signed agreement of the same parties and year, adds only tasks the catalog in force or an
approved 准入 allows (with their money and conditions), removes or changes only tasks the agreement holds, and its
sums add up — the rules of an agreement, applied to what it changes."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal

from ..findings import Finding
from ..layout import ACCESS, AGREEMENT, COMMUNITY, EVALUATION, NEGATIVE_ITEM, SUPPLEMENT
from ..load.county import County, Entry
from ..models import Agreement, AssistItem, Evaluation, Supplement
from ..models.evaluation import FINAL_STATUSES
from ..policy import effective_funding
from ..supplements import amended, supplement_delta, with_access
from .base import at, check
from .funding import funding_findings

SIGNED = "已签订"
FROZEN = "已签订的补充协议不得改动：确有错误的，另签一份补充协议更正"


@check
def supplements(county: County) -> Iterator[Finding]:
    """ZS420–ZS429 on every supplement, judged against its agreement as amended by the supplements before it.

    A signed supplement is what was signed: no hint asks to edit it, each points to a further supplement."""
    evaluations: dict[str, list[Entry[Evaluation]]] = defaultdict(list)  # by agreement, built once
    for evaluation in county.entries(EVALUATION) if county.entries(SUPPLEMENT) else ():
        evaluations[evaluation.record.agreement].append(evaluation)
    for entry in county.entries(SUPPLEMENT):
        for found in _supplement(county, entry, evaluations):
            # Dates (ZS424) say what to do instead: a further supplement would be as late.
            frozen = entry.record.status == SIGNED and found.hint and found.rule != "ZS424"
            yield replace(found, hint=FROZEN) if frozen else found


def _supplement(county: County, entry: Entry[Supplement],
                evaluations: dict[str, list[Entry[Evaluation]]]) -> Iterator[Finding]:
    yield from _name(entry)
    yield from _own_clauses(entry)
    target = county.index(AGREEMENT).get(entry.record.agreement)
    if target is None and entry.record.agreement in county.known(AGREEMENT):
        return  # it is there but did not load: its own findings say why, and nothing here can be judged
    found = list(_amends(entry, target))
    yield from found
    if target is None or found:
        return
    before = amended(county, target, before=entry)
    items = with_access(county, [entry], before.items)  # and the tasks this one adds through 准入
    yield from _added(county, entry, before.agreement, items)
    yield from _removed_and_changed(entry, before.agreement)
    yield from _dates(entry, target.record, evaluations.get(target.record.id, []))
    yield from _sums(entry, before.agreement, items)


def _name(entry: Entry[Supplement]) -> Iterator[Finding]:
    """ZS428: the id is BC-<year>-<community>-<n> and the file supplements/<year>/<township>/<community>-<n>.yaml."""
    record = entry.record
    prefix = f"BC-{record.year}-{record.community}-"
    number = record.id.removeprefix(prefix)
    if not record.id.startswith(prefix) or not number.isdigit():
        yield at(entry, "ZS428", f"补充协议编号 {record.id} 应为 {prefix}<序号>", "id",
                 hint=f"如 {prefix}1（同一协议的第几份补充协议）")
        return
    expected = SUPPLEMENT.path(record.year, record.township, f"{record.community}-{number}")
    if entry.file.rsplit(".", 1)[0] != expected.rsplit(".", 1)[0]:
        yield at(entry, "ZS428", f"文件应为 {expected}", hint="移动文件，使路径与年度、乡镇、编号一致")


def _amends(entry: Entry[Supplement], target: Entry[Agreement] | None) -> Iterator[Finding]:
    """ZS420: the amended agreement exists, is signed, and is of the same year, township and committee."""
    record = entry.record
    if target is None:
        yield at(entry, "ZS420", f"所补充的协议 {record.agreement} 不存在", "agreement",
                 hint="填写已签订协议的编号，如 XY-2015-niushan-xinhua")
        return
    agreement = target.record
    if agreement.status != SIGNED:
        yield at(entry, "ZS420", f"协议 {agreement.id} 尚未签订，不能签补充协议", "agreement",
                 hint="草稿协议直接修改协议本身；签订后再用补充协议变更")
    for field in ("year", "township", "community"):
        if getattr(record, field) != getattr(agreement, field):
            yield at(entry, "ZS420", f"{field} 是 {getattr(record, field)}，而协议 {agreement.id} 的是 "
                     f"{getattr(agreement, field)}", field, hint=f"改为 {getattr(agreement, field)}，与所补充的协议一致")


def _own_clauses(entry: Entry[Supplement]) -> Iterator[Finding]:
    """ZS427: a supplement changes something, and a signed one says who signed it."""
    record = entry.record
    if not (record.items_added or record.items_removed or record.changes):
        yield at(entry, "ZS427", "补充协议没有新增、终止或调整任何事项",
                 hint="写明 items_added、items_removed 或 changes")
    if record.status == SIGNED and record.signing is None:
        yield at(entry, "ZS427", "补充协议状态为“已签订”，但没有签署信息（signing）", "status",
                 hint="用 zsht sign 登记签订")
    for position, change in enumerate(record.changes):
        if change.funding is None and change.targets is None:
            yield at(entry, "ZS427", f"调整事项 {change.id} 既没有新经费也没有新目标", "changes", position,
                     hint="写明 funding 或 targets，或删去这一项")


def _added(county: County, entry: Entry[Supplement], agreement: Agreement,
           items: dict[str, AssistItem]) -> Iterator[Finding]:
    """ZS421/ZS422/ZS423/ZS429, and 费随事转 (ZS301/ZS302), 权随责走 (ZS303) of each added task."""
    negatives = {e.record.id for e in county.entries(NEGATIVE_ITEM)}
    approvals = county.index(ACCESS)
    agreed = {item.id for item in agreement.items} - set(entry.record.items_removed)
    signed = entry.record.signing.date if entry.record.signing else None
    found = county.index(COMMUNITY).get(entry.record.community)
    kind = found.record.type if found else None
    for position, item in enumerate(entry.record.items_added):
        where = ("items_added", position)
        if item.id in negatives:
            yield at(entry, "ZS422", f"{item.id} 是负面清单事项，不得写入补充协议", *where, "id",
                     hint="删去该事项；确需进入社区的，改由政府购买服务")
            continue
        if item.id in agreed:
            yield at(entry, "ZS423", f"事项 {item.id} 已在协议 {agreement.id} 中，不能再新增", *where, "id",
                     hint="调整已有事项的经费或目标，写在 changes 中")
            continue
        approval = approvals.get(item.access) if item.access else None
        if item.access and (approval is None or approval.record.item != item.id
                            or approval.record.decision != "批准"):
            yield at(entry, "ZS421", f"准入记录 {item.access} 不存在、未批准，或批准的不是 {item.id}",
                     *where, "access", hint="引用 access/ 中批准该事项的准入记录")
            continue
        if item.id not in items:
            yield at(entry, "ZS421", f"{item.id} 不在 {agreement.year} 年施行的目录中，也没有批准的准入记录",
                     *where, "id", hint="只能新增当年目录中的事项，或经准入审批的事项（写明 access）")
            continue
        decided = approval.record.decided if approval else None
        if approval and signed and (decided is None or decided > signed):
            yield at(entry, "ZS421", f"准入审批日期 {decided or '未填'} 不早于补充协议签订日期 {signed}",
                     *where, "access", hint="准入获批后才能签订补充协议")
        if kind is not None and kind not in items[item.id].applies_to:
            yield at(entry, "ZS429", f"{item.id} 不适用于{kind}委会", *where, "id")
        funding = effective_funding(item, items[item.id])
        yield from funding_findings(entry, funding, where, f"补充协议新增事项 {item.id}")
        source = items[item.id]
        if not (item.conditions or source.guidance or source.authority):
            yield at(entry, "ZS303", f"补充协议新增事项 {item.id} 没有写明政府提供的权限和工作条件（权随责走）",
                     *where, hint="补上 conditions，如“提供入户核查所需的名单和表格”")


def _removed_and_changed(entry: Entry[Supplement], agreement: Agreement) -> Iterator[Finding]:
    """ZS423: what is removed or changed is in the agreement, as amended by the supplements before this one."""
    agreed = {item.id for item in agreement.items}
    record = entry.record
    for position, removed in enumerate(record.items_removed):
        if removed not in agreed:
            yield at(entry, "ZS423", f"终止的事项 {removed} 不在协议 {agreement.id}（含此前补充协议）中",
                     "items_removed", position)
    for position, change in enumerate(record.changes):
        if change.id not in agreed or change.id in record.items_removed:
            yield at(entry, "ZS423", f"调整的事项 {change.id} 不在协议 {agreement.id}（含此前补充协议）中，"
                     "或同时被终止", "changes", position, "id")


def _dates(entry: Entry[Supplement], agreement: Agreement, evaluations: list[Entry[Evaluation]]) -> Iterator[Finding]:
    """ZS424: signed after the agreement, within its year (and its term), and by the day the agreement's year was
    evaluated: the evaluation assesses the agreement as it stood then, and a finalized one never changes."""
    signing = entry.record.signing
    if signing is None:
        return
    for evaluation in evaluations:
        record = evaluation.record
        if signing.date > record.date:
            hint = ("评估之后的变更写进次年的协议" if record.status in FINAL_STATUSES else
                    f"评估仍是草稿：确在评估之前变更的，把评估日期（{evaluation.file} 的 date）改到补充协议签订之后")
            yield at(entry, "ZS424", f"补充协议签订于 {signing.date}，晚于协议 {agreement.id} 的年度评估（{record.date}，"
                     f"{record.status}）：评估按当日的协议评定，不计入本补充协议", "signing", "date", hint=hint)
    first = agreement.signing.date if agreement.signing else None
    last = agreement.term.end if agreement.term else dt.date(agreement.year, 12, 31)
    if first is not None and signing.date <= first:
        yield at(entry, "ZS424", f"补充协议签订于 {signing.date}，不晚于协议签订日期 {first}", "signing", "date")
    elif signing.date.year != agreement.year or signing.date > last:
        yield at(entry, "ZS424", f"补充协议签订日期 {signing.date} 不在协议 {agreement.id} 的年度内（至 {last}）",
                 "signing", "date", hint="次年的变更写进次年的协议")


def _sums(entry: Entry[Supplement], agreement: Agreement, items: dict[str, AssistItem]) -> Iterator[Finding]:
    """ZS425/ZS426: the change in money is what the items make it; the payment shares add up to 100%."""
    record = entry.record
    delta = supplement_delta(record, list(agreement.items), items)
    if record.funding_total is None:
        yield at(entry, "ZS425", f"补充协议没有写经费变动额（funding_total），按事项计算为 {delta} 元",
                 hint=f"写明 funding_total: {delta}")
    elif record.funding_total != delta:
        yield at(entry, "ZS425", f"经费变动额写的是 {record.funding_total} 元，按新增、终止和调整的事项计算为 "
                 f"{delta} 元", "funding_total",
                 hint=f"改为 funding_total: {delta}")
    shares = sum((p.share for p in record.payment), Decimal(0))
    if record.payment and shares != 100:
        yield at(entry, "ZS426", f"支付计划各期比例合计 {shares}%，应为 100%", "payment")
    elif not record.payment and delta > 0:
        yield at(entry, "ZS426", f"补充协议增加经费 {delta} 元，没有支付计划（payment）", hint="写明各期支付时间和比例")
