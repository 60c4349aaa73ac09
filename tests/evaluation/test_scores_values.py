"""Scoring on generated numbers: whatever the models accept, computing never raises, and what it gives can be
compared and subtracted outside it (as the ZS608 check does) without raising either."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, given, reject, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from zsht.evaluation.scores import compute, finite
from zsht.evaluation.settlement import settled
from zsht.models import CountyConfig, Evaluation
from zsht.models.evaluation import Result

# Finite decimals over the whole range a Decimal constructor takes, tiny and huge, as pydantic lets them through.
# Values up to the models' bounds (满分 0-100, scores ±1000, rates 0-10, amounts below 10^15), with every exponent
# those bounds let through; what lies beyond is refused by the models (ZS102) and is rejected below.
numbers = st.one_of(
    st.decimals(allow_nan=False, allow_infinity=False, places=2, min_value=0, max_value=1000),
    st.builds(lambda digits, exponent: Decimal(f"{digits}e{exponent}"),
              st.integers(min_value=0, max_value=10**6), st.integers(min_value=-6, max_value=8)),
)


def config(rate: Decimal, weight: Decimal) -> CountyConfig:
    return CountyConfig.model_validate({
        "county": "测试县", "code": "320722",
        "evaluation": {"panel_weights": {"党政机关": weight, "群众代表": Decimal(0)}, "survey_weight": Decimal("0.2"),
                       "settlement": {"优秀": rate, "良好": rate, "合格": rate, "不合格": rate},
                       "government_criteria": [{"id": "ZF-01", "name": "经费足额按时拨付", "max": 100}]}})


def evaluation(maximum: Decimal, scores: list[Decimal], gov: Decimal, survey: Decimal | None) -> Evaluation:
    return Evaluation.model_validate({
        "id": "PG-2015-a", "year": 2015, "township": "t", "community": "a", "agreement": "XY-2015-a",
        "date": "2015-12-20", "panel": [{"id": f"p{n}", "name": "某", "category": ("党政机关", "群众代表")[n % 2]}
                                        for n in range(len(scores))],
        "performance": [{"item": "XZ-001", "max": maximum, "scores": {f"p{n}": s for n, s in enumerate(scores)}}],
        "government": [{"criterion": "ZF-01", "max": maximum, "score": gov}], "survey": survey})


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(maximum=numbers, scores=st.lists(numbers, max_size=3), gov=numbers, rate=numbers, weight=numbers,
       funding=numbers, survey=st.one_of(st.none(), st.integers(min_value=0, max_value=100).map(Decimal)))
def test_computing_never_raises(maximum: Decimal, scores: list[Decimal], gov: Decimal, rate: Decimal,
                                weight: Decimal, funding: Decimal, survey: Decimal | None) -> None:
    try:  # the property is about every value the models accept; the rest is refused by validate (ZS102)
        record, settings_ = evaluation(maximum, scores, gov, survey), config(rate, weight)
    except ValidationError:
        reject()
    score = compute(record, settings_, funding)
    stored = Decimal("3500.00")
    for value in (score.performance, score.government, score.settlement):
        assert not value.is_nan()
        _: Any = abs(stored - value) > Decimal("0.01")  # must not raise outside the scoring context
    if finite(score):  # then an import stores these figures: they must be a result the records accept
        Result.model_validate({"performance": score.performance, "government": score.government,
                               "grade": score.grade, "settlement": score.settlement})
    assert not settled(funding, rate).is_nan()
