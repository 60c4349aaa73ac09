"""Pieces of the agreement's text worked out from the county's settings: the printed number, the funding line,
the evaluation rules of 附件2 and the coordinating office.

Each is written as a person would write it in one committee's agreement, not as the catalog stores it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from .. import models as m
from ..layout import AGREEMENT, COMMUNITY, CONFIG_FILE, TOWNSHIP
from ..load.county import County
from .numerals import figures
from .plan import Dependency
from .punctuation import tidy
from .templates import register_view

# What a unit of funding names per committee: inside one committee's agreement it is that committee, so
# "元/村（居）·年" is simply "元/年".
_COMMITTEE_UNITS = frozenset({"村", "居", "社区", "村居", "村（居）", "村(居)", "村（社区）", "村（居）委会", "村（居）委",
                              "个", "每村", "每居", "每村（居）"})
_UNIT_PARTS = re.compile(r"[·・•]")
_SPAN = re.compile(r"\d")  # "2015年11月至12月" is a span of time; "年", "人·年" are rates
_PAID_FROM = ("列支", "支出", "承担", "安排", "负担")


def committee_unit(unit: str) -> str:
    """A funding unit as it reads in one committee's agreement: the per-committee part dropped
    (元/村（居）·年 → 元/年, 元/村 → 元); a unit without one is kept."""
    head, slash, per = unit.partition("/")
    if not slash:
        return unit
    parts = [part for part in _UNIT_PARTS.split(per) if part.strip() and part.strip() not in _COMMITTEE_UNITS]
    return head + ("/" + "·".join(parts) if parts else "")


def funding_text(amount: Decimal, unit: str, source: str, payment: str) -> str:
    """One task's money as a sentence without its closing mark, e.g.
    3,200.00元/年，由县财政社会救助工作经费列支；年初拨付50%，年终评估后结清 — no nested brackets, 元 once."""
    per = committee_unit(tidy(unit.strip()))
    if not per.startswith("元"):
        per = "元" + ("/" + per.lstrip("/") if per else "")
    head, _, span = per.partition("/")
    if _SPAN.search(span):  # a stretch of time, not a rate: 1,000.00元（2015年11月至12月）
        per = f"{head}（{span}）"
    text = figures(amount) + per
    source = tidy(source.strip()).rstrip("。；，")
    if source:
        text += "，" + ("" if source.startswith("由") else "由") + source + ("" if source.endswith(_PAID_FROM) else "列支")
    payment = tidy(payment.strip()).rstrip("。；，")
    return text + ("；" + payment if payment else "")


_NUMBERS: dict[tuple[int, int], tuple[int, dict[str, tuple[int, int]]]] = {}


def agreement_numbers(county: County, year: int) -> dict[str, tuple[int, int]]:
    """{agreement id: (township_seq, seq)} for the year: the township's place in registry/townships.yaml and the
    agreement's place among its township's agreements of the year, in the order of registry/communities/.
    Worked out once per loaded county and year: every supplement of a batch asks for its agreement's."""
    key = (id(county), year)
    cached = _NUMBERS.get(key)
    if cached is None or cached[0] != len(county.entries(AGREEMENT)):
        if len(_NUMBERS) > 8:
            _NUMBERS.clear()
        cached = _NUMBERS[key] = (len(county.entries(AGREEMENT)), _numbers(county, year))
    return cached[1]


def _numbers(county: County, year: int) -> dict[str, tuple[int, int]]:
    townships = {township: position for position, township in enumerate(county.index(TOWNSHIP), 1)}
    communities = {community: position for position, community in enumerate(county.index(COMMUNITY))}
    by_township: dict[str, list[m.Agreement]] = defaultdict(list)
    for entry in county.entries(AGREEMENT):
        record = entry.record
        if record.year == year and record.township in townships and record.community in communities:
            by_township[record.township].append(record)
    numbers: dict[str, tuple[int, int]] = {}
    for township, records in by_township.items():
        records.sort(key=lambda record: (communities[record.community], record.id))
        for seq, record in enumerate(records, 1):
            numbers.setdefault(record.id, (townships[township], seq))
    return numbers


def printed_number(agreement: m.Agreement, config: m.CountyConfig | None,
                   numbers: dict[str, tuple[int, int]]) -> str:
    """The number printed on the agreement: the one recorded when it was signed, else the county's
    `agreement_number` pattern filled in (registry order may change: a signed agreement keeps its number), else
    the id."""
    if agreement.number:
        return agreement.number
    pattern = config.agreement_number if config else None
    if not pattern or agreement.id not in numbers:
        return agreement.id
    township_seq, seq = numbers[agreement.id]
    # The pattern was checked when zsht.yaml was loaded: plain placeholders of AGREEMENT_NUMBER_FIELDS only.
    return pattern.format(year=agreement.year, township_seq=township_seq, seq=seq)


# The settings of zsht.yaml an agreement or supplement prints: an error in one of them keeps the document from
# being rendered with a wrong number or office; an error elsewhere in zsht.yaml (plaques, audit) does not.
CONFIG_DEPENDENCIES = tuple(Dependency(CONFIG_FILE, (key,))
                            for key in ("county", "agreement_number", "coordinating_office", "evaluation"))


def coordinating_office(config: m.CountyConfig | None) -> str:
    """The office a dispute goes to and a filed copy is sent to: zsht.yaml's `coordinating_office`, else the
    county's own 民政部门 by name."""
    return config.office() if config is not None else "县级民政部门"


@register_view
@dataclass(frozen=True)
class EvaluationRulesView:
    """附件2, the county's evaluation rules as phrases (the same for every agreement, so worked out once): who
    scores with what weight, what committees score the government on, the grades and what each grade settles."""

    panel: list[str]  # 党政机关25%
    min_categories: int
    survey: str  # 20%, or "" without a survey
    criteria: list[str]  # 委托经费足额按时拨付（ZF-01，满分30分）
    grades: list[str]  # 良好：80分以上不满90分，按100%兑现经费。


def _percent(rate: Decimal) -> str:
    return _plain(rate * 100) + "%"


def _plain(number: Decimal) -> str:
    text = f"{number.quantize(Decimal('0.01')):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def evaluation_rules(config: m.CountyConfig | None) -> EvaluationRulesView | None:
    """The county's evaluation settings as 附件2 shows them; None without zsht.yaml."""
    if config is None:
        return None
    settings = config.evaluation
    grades: list[str] = []
    upper: Decimal | None = None
    for line in settings.grades:  # from the highest grade down
        span = (f"{_plain(line.min)}分以上" if line.min > 0 else "") + (f"不满{_plain(upper)}分" if upper is not None else "")
        rate = settings.settlement.get(line.grade)
        paid = f"按{_percent(rate)}兑现经费" if rate is not None else "经费兑现比例另行确定"
        grades.append(f"{line.grade}：{span or '任何得分'}，{paid}。")
        upper = line.min
    return EvaluationRulesView(
        panel=[f"{category}{_percent(weight)}" for category, weight in settings.panel_weights.items()],
        min_categories=settings.min_panel_categories,
        survey=_percent(settings.survey_weight) if settings.survey_weight else "",
        criteria=[f"{criterion.name}（{criterion.id}，满分{_plain(criterion.max)}分）"
                  for criterion in settings.government_criteria],
        grades=grades,
    )


__all__ = ["CONFIG_DEPENDENCIES", "EvaluationRulesView", "agreement_numbers", "committee_unit", "coordinating_office", "evaluation_rules",
           "funding_text", "printed_number"]
