"""`zsht score` on the mini county, every figure worked out by hand here, and `--write`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from ..mini_county import MiniCounty

XINHUA = "evaluations/2015/niushan/niushan-xinhua.yaml"

# The mini county's evaluations give each item 0.9 × max from 党政机关 (weight 0.3), 0.8 × max from 政府部门 (0.2)
# and the full max from 群众代表 (0.2). Weighted among the categories present:
#   (0.3 × 0.9 + 0.2 × 0.8 + 0.2 × 1.0) / 0.7 = 0.63 / 0.7 = 0.9 of every item → panel score 90.
# The survey is 88 with weight 0.2: 0.8 × 90 + 0.2 × 88 = 89.6 → 良好 (80 ≤ 89.6 < 90), settled at 1.0.
# 履职: (55 + 36) / (60 + 40) × 100 = 91.
# Agreed funding: xinhua XZ-001 2000 + XZ-002 1500 = 3500; qianjin + XZ-003 3000 = 6500; dongwang 2000 + 3000 = 5000.


def score(cli: Any, mini: MiniCounty, *args: str) -> dict[str, Any]:
    result = cli("-C", mini.root, "score", "--year", "2015", "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_totals_grades_settlement_by_hand(mini: MiniCounty, cli: Any) -> None:
    rows = {r["community"]: r for r in score(cli, mini)["communities"]}
    assert {c: (r["performance"], r["government"], r["grade"], r["settlement"]) for c, r in rows.items()} == {
        "niushan-xinhua": ("89.60", "91.00", "良好", "3500.00"),
        "niushan-qianjin": ("89.60", "91.00", "良好", "6500.00"),
        "baitabu-dongwang": ("89.60", "91.00", "良好", "5000.00"),
    }
    assert all(r["stored_matches"] for r in rows.values())


def test_excellent_committee_is_rewarded_and_ranked_first(mini: MiniCounty, cli: Any) -> None:
    def perfect(data: dict[str, Any]) -> None:
        data["survey"] = 100
        for row in data["performance"]:
            row["scores"] = {member: row["max"] for member in row["scores"]}

    mini.edit(XINHUA, perfect)
    document = score(cli, mini)
    rows = {r["community"]: r for r in document["communities"]}
    xinhua = rows["niushan-xinhua"]
    # 0.8 × 100 + 0.2 × 100 = 100 → 优秀, settled at 1.1: 3500 × 1.1 = 3850; per department 2000 × 1.1, 1500 × 1.1.
    assert (xinhua["performance"], xinhua["grade"], xinhua["settlement"]) == ("100.00", "优秀", "3850.00")
    assert xinhua["departments"] == {"minzheng": {"agreed": "2000", "settled": "2200.00"},
                                     "renshe": {"agreed": "1500", "settled": "1650.00"}}
    assert (xinhua["rank"], rows["niushan-qianjin"]["rank"], rows["baitabu-dongwang"]["rank"]) == (1, 2, 1)
    assert xinhua["stored_matches"] is False
    # minzheng: 2200 (xinhua) + 2000 (qianjin) + 2000 (dongwang); renshe: 1650 + 1500.
    assert document["departments"]["minzheng"] == {"agreed": "6000", "settled": "6200.00"}
    assert document["departments"]["renshe"] == {"agreed": "3000", "settled": "3150.00"}


def test_write_stores_results_and_keeps_comments(mini: MiniCounty, cli: Any) -> None:
    mini.draft(XINHUA)  # a finalized evaluation is frozen: --write stores drafts' results only
    mini.edit(XINHUA, lambda d: d.update(survey=100))
    path = mini.root / XINHUA
    path.write_text("# 牛山街道评估组录入\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    assert cli("-C", mini.root, "validate").exit_code == 1  # the stored result is stale (ZS608)
    result = cli("-C", mini.root, "score", "--year", "2015", "--write")
    assert result.exit_code == 0 and "已写入 1 个评估记录" in result.output
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# 牛山街道评估组录入\n") and "performance: 92.00" in text
    assert cli("-C", mini.root, "validate").exit_code == 0
    before = {p: p.read_bytes() for p in mini.root.rglob("*.yaml")}
    cli("-C", mini.root, "score", "--year", "2015", "--write")
    assert before == {p: p.read_bytes() for p in mini.root.rglob("*.yaml")}


def test_workbook_output(mini: MiniCounty, cli: Any, tmp_path: Path) -> None:
    target = tmp_path / "result.xlsx"
    assert cli("-C", mini.root, "score", "--year", "2015", "-o", target).exit_code == 0
    book = load_workbook(target)
    rows = list(book["评估结果"].iter_rows(values_only=True))
    assert rows[0][:3] == ("乡镇（街道）", "排名", "村（居）委会") and len(rows) == 4
    assert ("测试县民政局", 6000, 6000) in list(book["部门经费"].iter_rows(values_only=True))


def test_invalid_evaluation_is_not_scored(mini: MiniCounty, cli: Any) -> None:
    mini.edit(XINHUA, lambda d: d["performance"][0]["scores"].update(p1=1000))
    result = cli("-C", mini.root, "score", "--year", "2015", "--format", "json")
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert document["invalid"] == [XINHUA] and len(document["communities"]) == 2


def test_unknown_township_is_one_line(mini: MiniCounty, cli: Any) -> None:
    result = cli("-C", mini.root, "score", "--year", "2015", "--township", "nowhere")
    assert result.exit_code == 2 and "nowhere" in result.output and "Traceback" not in result.output


def test_a_year_without_records_is_one_line(mini: MiniCounty, cli: Any) -> None:
    result = cli("-C", mini.root, "score", "--year", "2013")
    assert result.exit_code == 2 and "2013 年没有协议和评估记录" in result.output


def test_an_evaluation_that_does_not_load_is_named_not_listed_as_unevaluated(mini: MiniCounty, cli: Any) -> None:
    path = mini.root / XINHUA
    path.write_text(path.read_text(encoding="utf-8").replace("survey: 88", "survey: [88"), encoding="utf-8")
    result = cli("-C", mini.root, "score", "--year", "2015", "--format", "json")
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert document["invalid"] == [XINHUA] and document["not_evaluated"] == []
    text = cli("-C", mini.root, "score", "--year", "2015")
    assert text.exit_code == 1
    flat = "".join(text.stdout.split())  # the table's width wraps the summary line
    assert f"评估记录有错误而未计算1个：{XINHUA}（先运行zshtvalidate改正）" in flat
    assert "已签协议未评估" not in text.stdout


def test_a_loaded_evaluation_with_errors_is_not_listed_as_unevaluated(mini: MiniCounty, cli: Any) -> None:
    mini.edit(XINHUA, lambda d: d["performance"][0]["scores"].update(p1=1000))
    result = cli("-C", mini.root, "score", "--year", "2015", "--format", "json")
    assert result.exit_code == 1 and json.loads(result.stdout)["not_evaluated"] == []


def huge_rate(data: dict[str, Any]) -> None:
    data["evaluation"]["settlement"]["良好"] = 1e300


def huger_rate(data: dict[str, Any]) -> None:
    data["evaluation"]["settlement"]["良好"] = "1e999999"  # a Decimal past the default context's exponents


def huge_score(data: dict[str, Any]) -> None:
    data["performance"][0]["scores"]["p1"] = 1e300


def huge_maximum(data: dict[str, Any]) -> None:
    row = data["performance"][0]
    row["max"] = row["scores"]["p1"] = row["scores"]["p2"] = row["scores"]["p3"] = 1e300


@pytest.mark.parametrize(("relpath", "change"), [("zsht.yaml", huge_rate), ("zsht.yaml", huger_rate), (XINHUA, huge_score),
                                                 (XINHUA, huge_maximum)])
@pytest.mark.parametrize("command", [("score", "--year", "2015"), ("score", "--year", "2015", "--format", "json"),
                                     ("report", "--year", "2015"), ("validate",)])
def test_huge_numbers_never_stop_the_computing(mini: MiniCounty, cli: Any, relpath: str, change: Any,
                                               command: tuple[str, ...]) -> None:
    mini.edit(relpath, change)
    result = cli("-C", mini.root, *command)
    # validate reports the number out of bounds (exit 1). In zsht.yaml it stops score and report in one line that
    # names its line (exit 2); in a record, score names the record (exit 1) and report shows what is stored (exit 0).
    if command[0] == "validate":
        expected = 1
    elif relpath == "zsht.yaml":
        expected = 2
        assert result.stderr.startswith("zsht: zsht.yaml 第 14 行：") and "数字过大" in result.stderr
    else:
        expected = 0 if command[0] == "report" else 1
    assert result.exit_code == expected, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)


def test_money_and_settled_round_any_amount() -> None:
    from decimal import Decimal

    from zsht.evaluation.settlement import money, settled

    assert money(Decimal("1e300")) == Decimal("1e300") and money(Decimal("2.345")) == Decimal("2.35")
    assert settled(Decimal("3500"), Decimal("1e300")) == Decimal("3.5e303")
    assert settled(Decimal("3500"), Decimal("1e999999")).is_infinite()  # past the usual exponents: no amount
    assert settled(Decimal("3500"), Decimal("1e-999999")) == 0


def test_a_rate_too_large_for_any_amount_is_named(mini: MiniCounty, cli: Any) -> None:
    """zsht.yaml's rates are bounded by its model (0 to 10): a rate of 1e+300 is a zsht.yaml error, named by line."""
    mini.edit("zsht.yaml", huge_rate)
    result = cli("-C", mini.root, "score", "--year", "2015", "--format", "json")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith("zsht: zsht.yaml") and "良好" in result.stderr, result.stderr


def test_the_json_names_communities_and_keeps_the_published_key(mini: MiniCounty, cli: Any) -> None:
    document = score(cli, mini)
    assert len(document["communities"]) == 3 and document["committees"] == document["communities"]
