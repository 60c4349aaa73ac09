"""The agreement read with its signed 补充协议: scores, settlement, the county report and next year's drafts.

Hand-worked on the example county: 新华社区 agreed 20,400 元 and its supplement adds XZ-027 (准入 ZR-2015-001,
县残联) at 1,000 元: 21,400 元, graded 良好 (rate 1.0), settles 21,400.00 元, of which 县残联 has its XZ-006 800 元
plus the 1,000 元. 北辰村 agreed 24,100 元 and its supplement raises XZ-020 (县住建局) from 2,000 to 2,500 元:
24,600 元, 良好, settles 24,600.00 元, 县住建局 2,500 元."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import yaml

from zsht import load_county
from zsht.county_report.figures import year_figures

from ..conftest import EXAMPLE
from ..mini_county import MiniCounty
from .helpers import S_XINHUA, add_supplement


def _scores(cli: Any, root: Path, township: str) -> dict[str, dict[str, Any]]:
    result = cli("-C", root, "score", "--year", "2015", "--township", township, "--format", "json")
    assert result.exit_code == 0, result.output
    return {row["community"]: row for row in json.loads(result.stdout)["communities"]}


def test_scores_and_settlement_read_the_signed_supplements(cli: Any) -> None:
    xinhua = _scores(cli, EXAMPLE, "niushan")["niushan-xinhua"]
    assert (xinhua["agreed"], xinhua["grade"], xinhua["settlement"]) == ("21400", "良好", "21400.00")
    assert xinhua["departments"]["canlian"] == {"agreed": "1800", "settled": "1800.00"}
    assert xinhua["stored_matches"] is True
    beichen = _scores(cli, EXAMPLE, "shilianghe")["shilianghe-beichen"]
    assert (beichen["agreed"], beichen["grade"], beichen["settlement"]) == ("24600", "良好", "24600.00")
    assert beichen["departments"]["zhujian"] == {"agreed": "2500", "settled": "2500.00"}


def test_the_county_report_counts_the_supplements(tmp_path: Path) -> None:
    """Without the supplements 牛山街道 agrees 1,000 元 less and 石梁河镇 500 元 less; the settled sums are the
    evaluations' stored results either way."""
    with_them = year_figures(load_county(EXAMPLE), 2015)
    copy = tmp_path / "donghai"
    shutil.copytree(EXAMPLE, copy)
    shutil.rmtree(copy / "supplements")
    without = year_figures(load_county(copy), 2015)
    for town, more in (("牛山街道", 1000), ("石梁河镇", 500), ("白塔埠镇", 0)):
        assert with_them.townships[town][0] - without.townships[town][0] == more
        assert with_them.townships[town][1] == without.townships[town][1]
    assert with_them.items["niushan-xinhua"] == without.items["niushan-xinhua"] + 1


def test_a_draft_supplement_changes_no_figure(mini: MiniCounty, cli: Any) -> None:
    before = _scores(cli, mini.root, "niushan")["niushan-xinhua"]
    add_supplement(mini)
    assert _scores(cli, mini.root, "niushan")["niushan-xinhua"] == before


def test_next_years_draft_starts_from_the_amended_agreement(mini: MiniCounty, cli: Any) -> None:
    add_supplement(mini, "已签订")
    result = cli("-C", mini.root, "draft", "--year", "2016", "--community", "niushan-xinhua")
    assert result.exit_code == 0, result.output
    draft = yaml.safe_load((mini.root / "agreements/2016/niushan/niushan-xinhua.yaml").read_text(encoding="utf-8"))
    items = {item["id"]: item for item in draft["items"]}
    assert list(items) == ["XZ-001", "XZ-002", "XZ-004"]
    assert items["XZ-001"]["funding"]["amount"] == 2500 and items["XZ-004"]["funding"]["amount"] == 1200
    assert draft["funding_total"] == 2500 + 1500 + 1200
    assert (mini.root / S_XINHUA).is_file()


def test_the_report_says_the_agreed_funding_includes_supplements(cli: Any, tmp_path: Path) -> None:
    result = cli("-C", EXAMPLE, "report", "--year", "2015")
    assert result.exit_code == 0, result.output
    assert "协议经费含已签订的补充协议 2 份，经费变动 +1,500.00 元" in result.stdout
    page = tmp_path / "report.html"
    assert cli("-C", EXAMPLE, "report", "--year", "2015", "-o", page).exit_code == 0
    assert "<p>协议经费含已签订的补充协议 2 份，经费变动 +1,500.00 元</p>" in page.read_text(encoding="utf-8")


def test_a_report_without_supplements_says_nothing_of_them(cli: Any, mini: MiniCounty) -> None:
    mini.remove("supplements/2015/niushan/niushan-qianjin-1.yaml")
    result = cli("-C", mini.root, "report", "--year", "2015")
    assert result.exit_code == 0 and "补充协议" not in result.stdout, result.output


def test_an_added_item_is_the_agreed_item_the_supplement_wrote() -> None:
    """`apply` turns each added SupplementItem into an AgreementItem without validating it again: the same values,
    the same fields set, as validating its fields (all but the 准入 number) would give."""
    from zsht.layout import SUPPLEMENT
    from zsht.models import AgreementItem
    from zsht.supplements import apply

    supplements = [entry.record for entry in load_county(EXAMPLE).entries(SUPPLEMENT) if entry.record.items_added]
    assert supplements
    for supplement in supplements:
        added = apply([], supplement)
        validated = [AgreementItem.model_validate(item.model_dump(exclude={"access"}))
                     for item in supplement.items_added]
        assert [type(item) for item in added] == [AgreementItem] * len(validated) and added == validated
        assert [item.model_fields_set for item in added] == [item.model_fields_set for item in validated]
        assert [item.model_dump() for item in added] == [item.model_dump() for item in validated]
