"""Rounding to fen where rounding up carries into a new place: 999.995 yuan is 1,000.00, not a crash."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest

from ..mini_county import MiniCounty


@pytest.mark.parametrize(("value", "rounded"), [
    ("0.995", "1.00"), ("9.995", "10.00"), ("99.995", "100.00"), ("999999.995", "1000000.00"), ("0.005", "0.01"),
    ("0.004", "0.00"), ("12.345", "12.35"),
])
def test_money_rounds_half_up_across_a_power_of_ten(value: str, rounded: str) -> None:
    from zsht.evaluation.settlement import money

    assert str(money(Decimal(value))) == rounded


def test_a_department_settled_at_999_995_yuan_is_scored(mini: MiniCounty, cli: Any) -> None:
    """XZ-001 (县民政局) agreed at 1,999.99 yuan and settled at half: 999.995 yuan for each committee."""
    mini.edit("zsht.yaml", lambda d: d["evaluation"]["settlement"].update({"良好": 0.5}))
    mini.edit("catalogs/assist/2015.yaml", lambda d: d["items"][0]["funding"].update(amount=1999.99))
    for relpath in [r for r in mini.files if r.startswith("agreements/")]:  # every agreement holds XZ-001
        mini.edit(relpath, lambda d: d.update(funding_total=round(d["funding_total"] - 0.01, 2)))
    result = cli("-C", mini.root, "score", "--year", "2015", "--format", "json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["departments"]["minzheng"] == {"agreed": "5999.97", "settled": "3000.00"}
