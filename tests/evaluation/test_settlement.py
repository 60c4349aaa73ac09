"""One settlement formula: `zsht score` and `zsht report` share a community's settlement among its departments
the same way, in fen that add up, figures worked out by hand here."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from zsht.evaluation.settlement import department_shares

from ..county_report.test_report_cli import cells
from ..mini_county import MiniCounty

QIANJIN = "evaluations/2015/niushan/niushan-qianjin.yaml"
AMOUNTS = {"XZ-001": 2000.04, "XZ-002": 1500.07, "XZ-003": 3000.04}  # 民政局, 人社局, 农委


def fen_amounts(mini: MiniCounty) -> None:
    """Catalog amounts in fen, agreements' totals to match, and 前进村 perfect (优秀, settled at 1.1)."""
    mini.edit("catalogs/assist/2015.yaml",
              lambda d: [item["funding"].update(amount=AMOUNTS[item["id"]]) for item in d["items"]])
    for relpath in [p for p in mini.files if p.startswith("agreements/2015/")]:
        mini.edit(relpath, lambda d: d.update(funding_total=round(sum(AMOUNTS[i["id"]] for i in d["items"]), 2)))

    def perfect(data: dict[str, Any]) -> None:
        data["survey"] = 100
        for row in data["performance"]:
            row["scores"] = {member: row["max"] for member in row["scores"]}

    mini.edit(QIANJIN, perfect)


# 前进村 agreed 2000.04 + 1500.07 + 3000.04 = 6500.15 and settles 6500.15 × 1.1 = 7150.165 → 7150.17 (half up).
# Its departments' exact shares of 7150.17, in proportion to what each agreed (× 2000.04 / 6500.15 …):
#   民政局 2200.0455…, 人社局 1650.0781…, 农委 3300.0463…
# Rounded down: 2200.04 + 1650.07 + 3300.04 = 7150.15; the 2 fen left go to the largest remainders
# (人社局 0.78 fen, 农委 0.63 fen; 民政局's 0.55 fen gets none): 2200.04, 1650.08, 3300.05 = 7150.17.
# The old `zsht score` rounded each department's 2000.04 × 1.1 …: 2200.04, 1650.08, 3300.04 (7150.16, a fen short);
# the old `zsht report` rounded each share half up: 2200.05, 1650.08, 3300.05 (7150.18, a fen over).
QIANJIN_SHARES = {"minzheng": "2200.04", "renshe": "1650.08", "nongwei": "3300.05"}
# 新华社区 (3500.11) and 东王村 (5000.08) are 良好, settled at 1.0: each department gets exactly what it agreed.
#   民政局 2000.04 + 2200.04 + 2000.04 = 6200.12; 人社局 1500.07 + 1650.08 = 3150.15; 农委 3300.05 + 3000.04 = 6300.09
#   牛山街道 3500.11 + 7150.17 = 10650.28; 白塔埠镇 5000.08; both ways 15650.36 in all.
DEPARTMENTS = {"minzheng": ("6000.12", "6200.12"), "renshe": ("3000.14", "3150.15"), "nongwei": ("6000.08", "6300.09")}


def test_score_and_report_settle_departments_alike_by_hand(mini: MiniCounty, cli: Any) -> None:
    mini.draft()  # results stored while the evaluations are drafts, then finalized: settled from then on
    fen_amounts(mini)
    assert cli("-C", mini.root, "score", "--year", "2015", "--write").exit_code == 0
    assert cli("-C", mini.root, "evaluation", "finalize", "--year", "2015").exit_code == 0
    assert cli.findings(mini.root) == []
    result = cli("-C", mini.root, "score", "--year", "2015", "--format", "json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    qianjin = next(r for r in document["communities"] if r["community"] == "niushan-qianjin")
    assert (qianjin["grade"], qianjin["agreed"], qianjin["settlement"]) == ("优秀", "6500.15", "7150.17")
    assert {d: v["settled"] for d, v in qianjin["departments"].items()} == QIANJIN_SHARES
    assert {d: (v["agreed"], v["settled"]) for d, v in document["departments"].items()} == DEPARTMENTS

    report = cli("-C", mini.root, "report", "--year", "2015")
    assert report.exit_code == 0, report.output
    assert cells(report.stdout, "测试县民政局")[1:] == ["6,000.12", "6,200.12"]
    assert cells(report.stdout, "测试县人力资源和社会保障局")[1:] == ["3,000.14", "3,150.15"]
    assert cells(report.stdout, "测试县农业委员会")[1:] == ["6,000.08", "6,300.09"]
    assert cells(report.stdout, "牛山街道")[1:] == ["10,000.26", "10,650.28"]
    assert cells(report.stdout, "白塔埠镇")[1:] == ["5,000.08", "5,000.08"]


def test_shares_add_up_to_the_settlement() -> None:
    # 100.00 among three equal departments: 33.333… each; the one fen left goes to the first by id.
    assert department_shares(Decimal("100.00"), {"a": Decimal(1), "b": Decimal(1), "c": Decimal(1)}) == {
        "a": Decimal("33.34"), "b": Decimal("33.33"), "c": Decimal("33.33")}
    # 0.02 in 1 : 3 is 0.005 and 0.015, both half a fen over: with equal remainders, the larger agreed amount first.
    assert department_shares(Decimal("0.02"), {"a": Decimal(1), "b": Decimal(3)}) == {
        "a": Decimal("0.00"), "b": Decimal("0.02")}
    assert department_shares(Decimal("7150.17"), {"minzheng": Decimal("2000.04"), "renshe": Decimal("1500.07"),
                                                  "nongwei": Decimal("3000.04")}) == {
        d: Decimal(v) for d, v in QIANJIN_SHARES.items()}


def test_nothing_to_share() -> None:
    assert department_shares(Decimal("100.00"), {"a": Decimal(0)}) == {"a": Decimal("0.00")}
    assert department_shares(Decimal("100.00"), {}) == {}
    assert department_shares(Decimal("Infinity"), {"a": Decimal(5)}) == {"a": Decimal("0.00")}
