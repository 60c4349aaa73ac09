"""Totals, grade and funding settlement of an evaluation, by the county's rules in zsht.yaml."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import MAX_EMAX, MIN_EMIN, ROUND_HALF_UP, Context, Decimal, localcontext

from .models import CountyConfig, Evaluation

CENT = Decimal("0.01")
HUNDRED = Decimal(100)
MONEY_LIMIT = Decimal("1e12")  # models.common.Money: 14 digits, 2 of them decimals
# Scores and rates are whatever the records say, however absurd (1e+300, or a 5,000-digit number): computing
# must not stop on them. Without traps, and with the widest exponents, no operation raises: what overflows
# becomes Infinity, what has no value NaN; `compute` turns both into a result `finite` tells apart.
_FORGIVING = Context(prec=28, Emax=MAX_EMAX, Emin=MIN_EMIN, traps=[])
_EXACT_DIGITS = 1000  # amounts rounded to fen up to this many digits; beyond, no amount is meant


def money(value: Decimal) -> Decimal:
    """Round to fen, half up, as a finance office does; exact for any amount (never raises)."""
    if not value.is_finite() or value.adjusted() > _EXACT_DIGITS:
        return value
    # one digit more than the value has: rounding up may carry into a new place (999.995 → 1000.00)
    return value.quantize(CENT, rounding=ROUND_HALF_UP, context=Context(prec=max(value.adjusted(), 0) + 4))


@dataclass(frozen=True)
class Score:
    """What `zsht score` computes for one evaluation."""

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


def finite(score: Score) -> bool:
    """Whether every figure of a score is a number a record can hold (not Infinity or NaN from absurd inputs,
    not a settlement beyond what `Money` takes: 12 digits of yuan)."""
    return all(value.is_finite() and abs(value) < MONEY_LIMIT
               for value in (score.performance, score.government, score.settlement))


def compute(evaluation: Evaluation, config: CountyConfig, agreed_funding: Decimal) -> Score:
    """Both directions' totals (out of 100), the grade and the funding to settle; never raises (see `finite`)."""
    with localcontext(_FORGIVING):
        score = _compute(evaluation, config, agreed_funding)
    return Score(_comparable(score.performance), _comparable(score.government), score.grade,
                 _comparable(score.settlement))


def settled(amount: Decimal, rate: Decimal) -> Decimal:
    """The funding to settle of an agreed amount at a grade's rate, in fen; never raises (see `finite`)."""
    with localcontext(_FORGIVING):
        return _comparable(money(amount * rate))


def _comparable(value: Decimal) -> Decimal:
    # Outside the forgiving context NaN raises in any comparison, and a number past the usual exponents in any
    # arithmetic: both become Infinity, which compares and subtracts everywhere (and is no amount, see `finite`).
    if value.is_nan() or (value.is_finite() and value.adjusted() > _EXACT_DIGITS):
        return Decimal("-Infinity") if value.is_signed() and not value.is_nan() else Decimal("Infinity")
    return value


def _compute(evaluation: Evaluation, config: CountyConfig, agreed_funding: Decimal) -> Score:
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
    return Score(performance, government, grade, settled(agreed_funding, rate))
