"""Notice periods and published evaluations: 社会公示 long enough, 已公示 only once the notice period is over."""

from __future__ import annotations

from collections.abc import Iterator

from ..evaluation.notice_period import days_of, notice_days, publication_problem
from ..findings import Finding
from ..layout import ASSIST_CATALOG, DUTY_CATALOG, EVALUATION, NOTICE, RecordKind
from ..load.county import County
from ..models import AssistCatalog, DutyCatalog
from .base import at, check


@check
def catalog_notice_period(county: County) -> Iterator[Finding]:
    """ZS611/ZS613: a catalog's 社会公示 stage runs from `date` to `until`, at least the county's minimum."""
    minimum = notice_days(county)
    catalogs: tuple[RecordKind[DutyCatalog | AssistCatalog], ...] = (DUTY_CATALOG, ASSIST_CATALOG)
    for kind in catalogs:
        for entry in county.entries(kind):
            for position, step in enumerate(entry.record.stages):
                if step.stage != "社会公示":
                    continue
                if step.until is None:
                    yield at(entry, "ZS613", f"社会公示（{step.date} 起）没有截止日期，无从核对公示期",
                             "stages", position, hint=f"补上 until（不早于 {step.date} 起第 {minimum} 天）")
                elif step.date <= step.until and (length := days_of(step.date, step.until)) < minimum:
                    # an end before the start is ZS501's finding, not a short period
                    yield at(entry, "ZS611", f"社会公示 {step.date} 至 {step.until} 只有 {length} 天，"
                             f"少于 {minimum} 天", "stages", position, "until",
                             hint=f"公示期不少于 {minimum} 天（zsht.yaml 的 notice_days）；不足的须重新公示")


@check
def notice_period(county: County) -> Iterator[Finding]:
    """ZS612: a notice runs at least the county's minimum number of days."""
    minimum = notice_days(county)
    for entry in county.entries(NOTICE):
        period = entry.record.period
        if period.start <= period.end and (length := days_of(period.start, period.end)) < minimum:
            yield at(entry, "ZS612", f"公示期 {period.start} 至 {period.end} 只有 {length} 天，少于 {minimum} 天",
                     "period", hint=f"公示期不少于 {minimum} 天（zsht.yaml 的 notice_days）")


@check
def published_evaluations(county: County) -> Iterator[Finding]:
    """ZS615/ZS616: an evaluation is 已公示 with its publication recorded, after its notice period."""
    for entry in county.entries(EVALUATION):
        evaluation = entry.record
        if evaluation.status != "已公示":
            if evaluation.publication is not None:
                yield at(entry, "ZS615", f"状态为“{evaluation.status}”，却记录了公示情况（publication）",
                         "publication", hint="删去 publication；公示期满后用 zsht evaluation publish 登记")
            continue
        if evaluation.publication is None:
            yield at(entry, "ZS616", "状态为“已公示”，但没有记录公示情况（publication）", "status",
                     hint=f"运行 zsht evaluation publish --year {evaluation.year} --township {evaluation.township}")
            continue
        problem = publication_problem(county, evaluation)
        if problem is not None:
            message, hint = problem
            yield at(entry, "ZS615", message, "publication", hint=hint)
