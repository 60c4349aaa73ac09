"""zsht draft: next year's draft agreements from last year's and the catalog in force."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import yaml

from zsht.cli import run

from .conftest import snapshot
from .mini_county import MiniCounty

DRAFT = "agreements/2016/niushan/niushan-xinhua.yaml"


def test_drafts_carry_last_years_agreement_into_the_new_year(mini: MiniCounty, cli: Any) -> None:
    mini.edit("agreements/2015/niushan/niushan-xinhua.yaml", lambda d: d.update(
        breach="2015年度未履约的，按评估结果核减经费", items=[{"id": "XZ-001", "targets": "2015年底前完成入户调查"},
                                                     {"id": "XZ-002"}]))
    result = cli("-C", mini.root, "draft", "--year", "2016")
    assert result.exit_code == 0, result.output
    assert "已起草 3 份 2016 年协议；0 个村（居）委会已有该年协议" in result.stdout
    text = (mini.root / DRAFT).read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=") and "（草稿：由 zsht draft 从 2015 年协议生成" in text
    draft = yaml.safe_load(text)
    assert draft["id"] == "XY-2016-niushan-xinhua" and draft["status"] == "草稿" and "signing" not in draft
    assert draft["items"] == [{"id": "XZ-001", "targets": "2016年底前完成入户调查"}, {"id": "XZ-002"}]
    assert draft["breach"] == "2016年度未履约的，按评估结果核减经费"
    assert [p["due"].isoformat() for p in draft["payment"]] == ["2016-03-31", "2017-01-15"]
    assert draft["term"] == {"start": dt.date(2016, 1, 1), "end": dt.date(2016, 12, 31)}
    assert draft["funding_total"] == 2000 + 1500
    assert cli.findings(mini.root) == []
    again = cli("-C", mini.root, "draft", "--year", "2016")
    assert again.exit_code == 0 and "已起草 0 份" in again.stdout and "3 个村（居）委会已有该年协议" in again.stdout


def test_items_no_longer_in_the_catalog_are_left_behind_and_named(mini: MiniCounty, cli: Any) -> None:
    mini.edit("catalogs/assist/2016.yaml", lambda d: d.update(items=[i for i in d["items"] if i["id"] != "XZ-002"]))
    result = cli("-C", mini.root, "draft", "--year", "2016", "--township", "niushan")
    assert result.exit_code == 0, result.output
    assert "niushan-xinhua: XZ-002 不在 2016 年施行的目录中（或不适用），未带入草稿" in result.stderr
    assert [i["id"] for i in yaml.safe_load((mini.root / DRAFT).read_text(encoding="utf-8"))["items"]] == ["XZ-001"]
    assert not (mini.root / "agreements/2016/baitabu").exists()


def test_a_committee_without_an_agreement_gets_the_catalog_for_its_type(mini: MiniCounty, cli: Any) -> None:
    mini.edit("registry/communities/niushan.yaml",
              lambda d: d["communities"].append({"id": "niushan-xincun", "name": "新村村民委员会", "type": "村"}))
    result = cli("-C", mini.root, "draft", "--year", "2015", "--community", "niushan-xincun")
    assert result.exit_code == 0, result.output
    draft = yaml.safe_load((mini.root / "agreements/2015/niushan/niushan-xincun.yaml").read_text(encoding="utf-8"))
    assert [i["id"] for i in draft["items"]] == ["XZ-001", "XZ-002", "XZ-003"]  # XZ-003 is for 村 only
    assert draft["funding_total"] == 2000 + 1500 + 3000
    assert draft["breach"] and draft["disputes"] and sum(p["share"] for p in draft["payment"]) == 100


def test_nothing_is_written_when_a_draft_would_not_validate(mini: MiniCounty, cli: Any) -> None:
    mini.edit("agreements/2015/niushan/niushan-qianjin.yaml", lambda d: d["payment"][0].update(share=40))
    before = snapshot(mini.root)
    result = cli("-C", mini.root, "draft", "--year", "2016")
    assert result.exit_code == 1
    assert "agreements/2016/niushan/niushan-qianjin.yaml" in result.stderr and "ZS406" in result.stderr
    assert "未写入任何文件" in result.stderr
    assert snapshot(mini.root) == before


def test_a_year_without_a_published_catalog_is_one_line(mini: MiniCounty, cli: Any) -> None:
    result = cli("-C", mini.root, "draft", "--year", "2010")
    assert result.exit_code == 2 and "2010 年没有已发布的协助政府工作事项目录" in result.output
    mini.edit("catalogs/assist/2016.yaml", lambda d: d.update(stages=d["stages"][:-1]))
    result = cli("-C", mini.root, "draft", "--year", "2016")
    assert result.exit_code == 2 and "2016 年没有已发布的" in result.output


@pytest.mark.parametrize("broken", ["id: XY-2016-niushan-xinhua\ncopies: [4  # 份数\n", "copies: 九\n", ""])
def test_an_existing_draft_is_never_replaced_even_when_it_does_not_load(mini: MiniCounty, cli: Any,
                                                                        broken: str) -> None:
    (mini.root / DRAFT).parent.mkdir(parents=True)
    (mini.root / DRAFT).write_text(broken, encoding="utf-8")
    before = snapshot(mini.root)
    for where in (("--community", "niushan-xinhua"), ("--township", "niushan"), ()):
        result = cli("-C", mini.root, "draft", "--year", "2016", *where)
        assert result.exit_code == 1, result.output
        assert f"{DRAFT}: 已有 niushan-xinhua 的 2016 年协议文件，但它读不出或有错误；zsht 不会覆盖它" in result.stderr
        assert "未写入任何文件" in result.stderr
        assert snapshot(mini.root) == before


def test_a_broken_agreement_of_the_year_elsewhere_is_existing_too(mini: MiniCounty, cli: Any) -> None:
    elsewhere = "agreements/2016/baitabu/niushan-xinhua.yaml"  # in the wrong township's folder, and broken
    (mini.root / elsewhere).parent.mkdir(parents=True)
    (mini.root / elsewhere).write_text("id: XY-2016-niushan-xinhua\nyear: [2016\n", encoding="utf-8")
    result = cli("-C", mini.root, "draft", "--year", "2016", "--community", "niushan-xinhua")
    assert result.exit_code == 1 and f"{elsewhere}: 已有 niushan-xinhua 的 2016 年协议文件" in result.stderr
    assert not (mini.root / DRAFT).exists()


@pytest.mark.parametrize("command", ["draft", "sign"])
@pytest.mark.parametrize("year", ["99999", "0", "-1", "1979", "2101"])
def test_a_year_out_of_range_is_a_usage_error(mini: MiniCounty, capsys: pytest.CaptureFixture[str], command: str,
                                              year: str) -> None:
    dated = ["--date", "2016-02-10"] if command == "sign" else []
    assert run(["-C", str(mini.root), command, "--year", year, *dated]) == 2
    said = capsys.readouterr().err
    assert len(said.splitlines()) == 1 and said.startswith("zsht: --year")
    assert f"年度应在 1980 到 2100 之间，不能是 {year}" in said
