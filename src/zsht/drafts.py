"""`zsht draft`: a year's draft agreements, one per committee, from the catalog in force and last year's text.

At signing season every committee needs next year's 协议书. A draft starts from the committee's latest earlier
agreement as amended by its signed 补充协议: its items that are still in the catalog in force (with their own
targets, conditions and funding), its clauses with the year in the text moved on, its payment plan moved by the
same number of years. A
committee without an earlier agreement gets every catalog item that applies to its type and the standard
clauses below. Drafts are written only when every one of them passes `zsht validate`.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from .errors import UserError
from .layout import AGREEMENT, COMMUNITY, TOWNSHIP
from .load.county import County
from .models import Agreement, AssistItem
from .policy import agreement_total, catalog_in_force, items_in_force, published_on
from .roundtrip import dumped, round_trip, schema_modeline, yaml_number
from .supplements import amended
from .write_gate import write_if_valid

STANDARD = {
    "evaluation": "年终由甲方组织多元评估主体按协议事项逐项评估，乙方同时对甲方及县有关部门的履职情况评分；评估结果公示后按等次兑现经费。",
    "breach": "甲方未按约定拨付经费或提供工作条件的，乙方可暂停相应事项并提请{office}协调；乙方未完成约定事项的，按评估结果核减经费。",
    "disputes": "双方协商解决；协商不成的，提请{office}协调。",
}  # {office}: the county's coordinating office (zsht.yaml coordinating_office, else its 民政部门 by name)
FIELDS = ("id", "year", "township", "community", "term", "items", "evaluation", "payment", "funding_total",
          "breach", "disputes", "copies", "status")  # the order of Agreement's fields


@dataclass
class Drafts:
    """What a draft run did: files written, committees that already had an agreement, items left behind."""

    written: list[str] = field(default_factory=list)
    existing: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _moved(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _text(value: str | None, base: int, year: int) -> str | None:
    """A clause carried over, with “2015年” written as the new year (and 2016 as the one after)."""
    if value is None:
        return None
    return value.replace(f"{base + 1}年", f"{year + 1}年\0").replace(f"{base}年", f"{year}年").replace("\0", "")


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return yaml_number(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _items(base: Agreement | None, items: Mapping[str, AssistItem], kind: str, year: int,
           dropped: list[str], community: str) -> list[dict[str, Any]]:
    if base is None:
        return [{"id": item.id} for item in items.values() if kind in item.applies_to]
    kept = []
    for item in base.items:
        if item.id not in items or kind not in items[item.id].applies_to:
            dropped.append(f"{community}: {item.id} 不在 {year} 年施行的目录中（或不适用），未带入草稿")
            continue
        data = item.model_dump(exclude_none=True, exclude={"terms"})  # next year signs on next year's catalog
        for key in ("targets", "evaluation", "conditions"):
            if key in data:
                data[key] = _text(data[key], base.year, year)
        kept.append(data)
    return kept


def draft_agreement(year: int, community: str, township: str, kind: str,
                    items: Mapping[str, AssistItem], base: Agreement | None, dropped: list[str],
                    office: str = "县民政部门") -> dict[str, Any]:
    """The data of one committee's draft agreement for `year`; `office` is named where the standard clauses send
    a dispute."""
    years = year - base.year if base else 0
    payment: list[dict[str, Any]]
    if base is not None and base.payment:
        payment = [{"due": _moved(p.due, years), "share": p.share,
                    "condition": _text(p.condition, base.year, year)} for p in base.payment]
    else:
        payment = [{"due": dt.date(year, 3, 31), "share": 50, "condition": "协议签订后拨付"},
                   {"due": dt.date(year + 1, 1, 31), "share": 50, "condition": "年度评估结果公示后按等次结算"}]
    data: dict[str, Any] = {
        "id": f"XY-{year}-{community}", "year": year, "township": township, "community": community,
        "term": {"start": dt.date(year, 1, 1), "end": dt.date(year, 12, 31)},
        "items": _items(base, items, kind, year, dropped, community), "payment": payment,
        "copies": base.copies if base else 4, "status": "草稿",
    }
    for clause, standard in STANDARD.items():  # evaluation, breach, disputes: last year's text, else the standard
        text = getattr(base, clause) if base else None
        data[clause] = _text(text, base.year, year) if base and text else standard.format(office=office)
    data["funding_total"] = agreement_total(Agreement.model_validate(data), items)
    ordered: dict[str, Any] = _plain({key: data[key] for key in FIELDS})
    return ordered


def _unloadable(county: County, year: int, community: str, relpath: str) -> list[str]:
    """The files that hold (or would hold) `community`'s agreement of `year` although none loaded: an existing
    file is existing whatever its state, and a draft never replaces it."""
    wanted = f"XY-{year}-{community}"
    files = set(county.files) | {f.file for f in county.findings}
    found = {file for file in files if (file.startswith(f"agreements/{year}/") and file.rsplit("/", 1)[-1] in
                                        (f"{community}.yaml", f"{community}.yml"))
             or (file in county.files and isinstance(county.files[file].data, dict)
                 and file.startswith("agreements/") and county.files[file].data.get("id") == wanted)}
    if os.path.lexists(county.root / relpath):
        found.add(relpath)
    return sorted(found)


def make_drafts(county: County, year: int, township: str | None = None, community: str | None = None) -> Drafts:
    """Write the draft agreements of `year` for every committee (of one township, or one) that has none."""
    catalog = catalog_in_force(county, year)
    if catalog is None or published_on(catalog.record) is None:
        raise UserError(f"{year} 年没有已发布的协助政府工作事项目录，不能起草协议",
                        hint="先在 catalogs/assist/ 完成目录的公示和发布")
    towns = county.index(TOWNSHIP)
    if township is not None and township not in towns:
        raise UserError(f"乡镇（街道）“{township}”不在名录中")
    if community is not None and community not in county.index(COMMUNITY):
        raise UserError(f"村（居）委会“{community}”不在名录中")
    items = items_in_force(county, year)
    agreements = sorted(county.entries(AGREEMENT), key=lambda e: e.record.year)
    latest: dict[str, Agreement] = {}
    have = set()
    for signed in agreements:
        agreement = signed.record
        if agreement.year < year:  # next year starts from what was agreed: the agreement and its 补充协议
            latest[agreement.community] = amended(county, signed).agreement
        elif agreement.year == year:
            have.add(agreement.community)
    outcome, contents = Drafts(), {}
    for entry in county.entries(COMMUNITY):
        record, town = entry.record, county.community_township.get(entry.record.id, "")
        if (township and town != township) or (community and record.id != community):
            continue
        if record.id in have:
            outcome.existing.append(record.id)
            continue
        relpath = AGREEMENT.path(year, town, record.id)
        if broken := _unloadable(county, year, record.id, relpath):
            outcome.problems.extend(f"{file}: 已有 {record.id} 的 {year} 年协议文件，但它读不出或有错误；zsht 不会覆盖它"
                                    "（先按 zsht validate 的提示改正它，或确认无用后删除）" for file in broken)
            continue
        base = latest.get(record.id)
        data = draft_agreement(year, record.id, town, record.type, items, base, outcome.dropped,
                               county.config.office() if county.config else "县民政部门")
        origin = f"由 zsht draft 从 {base.year} 年协议生成，年份已改为 {year}，请核对" if base else "由 zsht draft 按目录生成"
        government = (towns[town].record.government or towns[town].record.name) if town in towns else town
        head = (schema_modeline(county.root, AGREEMENT.schema, county.root / relpath)
                + f"# {government}与{record.name}{year}年度协助政府工作协议书（草稿：{origin}）\n")
        contents[relpath] = dumped(round_trip(None)[0], data, head)
    outcome.written = write_if_valid(county, contents, outcome.problems)
    return outcome


__all__ = ["Drafts", "draft_agreement", "make_drafts"]
