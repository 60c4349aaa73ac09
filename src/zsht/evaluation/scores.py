"""One evaluation's totals, grade and settlement, by the county's rules in zsht.yaml.

The panel's individual marks are *scores* (models.evaluation.Score); what zsht computes from them is a
`ComputedResult`, the figures an evaluation stores under `result` (models.evaluation.Result).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, localcontext

from pydantic import ValidationError

from ..models import CountyConfig, Evaluation
from ..models.evaluation import Result
from .settlement import FORGIVING, comparable, money, settled

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class ComputedResult:
    """What zsht computes for one evaluation: both directions' totals (out of 100), the grade, the settlement."""

    performance: Decimal
    government: Decimal
    grade: str
    settlement: Decimal


def row_score(scores: Mapping[str, Decimal], categories: Mapping[str, str], weights: Mapping[str, Decimal]) -> Decimal:
    """One item's score: the mean of each panel category, weighted among the categories that scored."""
    by_category: dict[str, list[Decimal]] = defaultdict(list)
    for member, value in scores.items():
        by_category[categories.get(member, "")].append(value)
    weighted = [(weights.get(cat, Decimal(0)), sum(vals, Decimal(0)) / len(vals)) for cat, vals in by_category.items()]
    total_weight = sum((w for w, _ in weighted), Decimal(0))
    if total_weight == 0:
        every = [v for vals in by_category.values() for v in vals]
        return sum(every, Decimal(0)) / len(every) if every else Decimal(0)
    return sum((w * mean for w, mean in weighted), Decimal(0)) / total_weight


def grade_of(total: Decimal, config: CountyConfig) -> str:
    """The grade whose line the total reaches (the lines are read from highest to lowest)."""
    for line in sorted(config.evaluation.grades, key=lambda g: g.min, reverse=True):
        if total >= line.min:
            return line.grade
    return config.evaluation.grades[-1].grade if config.evaluation.grades else ""


def finite(result: ComputedResult) -> bool:
    """Whether a result is one an evaluation record can hold: every figure finite and within the stored result's
    bounds (a 履职 total past 1,000 from scores above their 满分, a settlement beyond what `Money` takes), so that
    `score --write` never writes a file that does not load back."""
    if not all(value.is_finite() for value in (result.performance, result.government, result.settlement)):
        return False
    try:
        Result.model_validate({"performance": result.performance, "government": result.government,
                               "grade": result.grade, "settlement": result.settlement})
    except ValidationError:
        return False
    return True


def compute(evaluation: Evaluation, config: CountyConfig, agreed_funding: Decimal) -> ComputedResult:
    """Both directions' totals (out of 100), the grade and the funding to settle; never raises (see `finite`)."""
    with localcontext(FORGIVING):
        result = _compute(evaluation, config, agreed_funding)
    return ComputedResult(comparable(result.performance), comparable(result.government), result.grade,
                          comparable(result.settlement))


def _compute(evaluation: Evaluation, config: CountyConfig, agreed_funding: Decimal) -> ComputedResult:
    settings = config.evaluation
    categories: dict[str, str] = {member.id: member.category for member in evaluation.panel}
    weights: dict[str, Decimal] = {cat: Decimal(w) for cat, w in settings.panel_weights.items()}
    full = sum((row.max for row in evaluation.performance), Decimal(0))
    earned = sum((row_score(row.scores, categories, weights) for row in evaluation.performance), Decimal(0))
    performance = earned / full * HUNDRED if full else Decimal(0)
    if evaluation.survey is not None and settings.survey_weight:
        performance = performance * (1 - settings.survey_weight) + evaluation.survey * settings.survey_weight
    gov_full = sum((row.max for row in evaluation.government), Decimal(0))
    gov_earned = sum((row.score for row in evaluation.government), Decimal(0))
    government = gov_earned / gov_full * HUNDRED if gov_full else Decimal(0)
    performance, government = money(performance), money(government)
    grade = grade_of(performance, config)
    rate = settings.settlement.get(grade, Decimal(1))
    return ComputedResult(performance, government, grade, settled(agreed_funding, rate))
