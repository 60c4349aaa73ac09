"""The notice period: how long a notice runs, the county's minimum, and when an evaluation counts as published.

A period is counted in days, both ends included, as a notice says “公示期为 12 月 23 日至 12 月 29 日” (7 days).
"""

from __future__ import annotations

import datetime as dt

from ..layout import NOTICE
from ..load.county import County, Entry
from ..models import Evaluation, Notice

DEFAULT_NOTICE_DAYS = 7


def notice_days(county: County) -> int:
    """The county's shortest notice period in days (zsht.yaml `notice_days`, 7 when there is no setting)."""
    return county.config.notice_days if county.config is not None else DEFAULT_NOTICE_DAYS


def days_of(start: dt.date, end: dt.date) -> int:
    """The days of a period, both ends included."""
    return (end - start).days + 1


def evaluation_notice(county: County, year: int, township: str) -> Entry[Notice] | None:
    """The result notice of a township's evaluations of `year`: its own, else a county-wide one (no township)."""
    notices = [e for e in county.entries(NOTICE) if e.record.kind == "评估结果" and e.record.year == year]
    own = [e for e in notices if e.record.township == township]
    found = own or [e for e in notices if e.record.township is None]
    return found[0] if found else None


def publication_problem(county: County, evaluation: Evaluation) -> tuple[str, str] | None:
    """Why an evaluation's recorded publication does not stand, as (message, hint); None when it does.

    With a notice, that notice is this township's result notice of the year, published, long enough, and its
    period over by the publication date; without one, the date is at least the minimum period after the
    evaluation's own date."""
    publication, minimum = evaluation.publication, notice_days(county)
    if publication is None:
        return None
    if publication.notice is None:
        earliest = evaluation.date + dt.timedelta(days=minimum)
        if publication.date < earliest:
            return (f"没有公示记录，登记已公示的日期 {publication.date} 早于评估日期 {evaluation.date} 起 {minimum} 天"
                    f"公示期满（最早 {earliest}）", "公示期满后再登记，或在 notices/ 中登记评估结果公示")
        return None
    entry = county.index(NOTICE).get(publication.notice)
    if entry is None:
        return f"公示 {publication.notice} 不存在", "在 notices/ 中登记该公示，或改正编号"
    notice = entry.record
    if notice.kind != "评估结果" or notice.year != evaluation.year or notice.township not in (None, evaluation.township):
        return (f"公示 {notice.id} 不是 {evaluation.township} {evaluation.year} 年的评估结果公示",
                "改为本乡镇（街道）当年的评估结果公示编号")
    if notice.status != "已发布":
        return f"公示 {notice.id} 尚未发布", "公示发布且公示期满后再登记已公示"
    length = days_of(notice.period.start, notice.period.end)
    if length < minimum:
        return (f"公示 {notice.id} 的公示期只有 {length} 天，少于 {minimum} 天",
                f"重新公示不少于 {minimum} 天，期满后再登记已公示")
    if publication.date <= notice.period.end:
        return (f"公示 {notice.id} 的公示期至 {notice.period.end} 止，{publication.date} 尚未期满",
                f"{notice.period.end + dt.timedelta(days=1)} 起再登记已公示")
    return None
