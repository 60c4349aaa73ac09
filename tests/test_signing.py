"""zsht sign: draft agreements marked as signed, with the parties as the registry names them."""

from __future__ import annotations

import datetime as dt
from typing import Any

import yaml

from .conftest import snapshot
from .mini_county import MiniCounty

DRAFT = "agreements/2016/niushan/niushan-xinhua.yaml"


def _drafted(mini: MiniCounty, cli: Any) -> None:
    mini.edit("registry/townships.yaml", lambda d: d["townships"][0].update(
        government="测试县牛山街道办事处", head="王立新"))
    mini.edit("registry/communities/niushan.yaml", lambda d: d["communities"][0].update(director="孙丽华"))
    assert cli("-C", mini.root, "draft", "--year", "2016", "--township", "niushan").exit_code == 0


def test_sign_fills_the_parties_from_the_registry(mini: MiniCounty, cli: Any) -> None:
    _drafted(mini, cli)
    result = cli("-C", mini.root, "sign", "--year", "2016", "--township", "niushan", "--date", "2016-02-10",
                 "--place", "牛山街道办事处")
    assert result.exit_code == 0, result.output
    assert "已登记签订 2 份 2016 年协议；0 份原已签订" in result.stdout
    text = (mini.root / DRAFT).read_text(encoding="utf-8")
    assert "草稿" not in text.splitlines()[1]
    record = yaml.safe_load(text)
    assert record["status"] == "已签订"
    assert record["signing"] == {"date": dt.date(2016, 2, 10), "place": "牛山街道办事处",
                                 "party_a": {"name": "测试县牛山街道办事处", "representative": "王立新"},
                                 "party_b": {"name": "新华社区居民委员会", "representative": "孙丽华"}}
    assert not [f for f in cli.findings(mini.root) if f["severity"] == "error"]
    before = snapshot(mini.root)
    again = cli("-C", mini.root, "sign", "--year", "2016", "--township", "niushan", "--date", "2016-03-01")
    assert again.exit_code == 0 and "2 份原已签订，未动" in again.stdout
    assert snapshot(mini.root) == before


def test_a_signing_that_would_not_validate_writes_nothing(mini: MiniCounty, cli: Any) -> None:
    _drafted(mini, cli)
    before = snapshot(mini.root)
    result = cli("-C", mini.root, "sign", "--year", "2016", "--community", "niushan-xinhua", "--date", "2014-01-01")
    assert result.exit_code == 1
    assert f"{DRAFT}:" in result.stderr and "ZS402" in result.stderr and "未写入任何文件" in result.stderr
    assert snapshot(mini.root) == before


def test_a_bad_date_or_nothing_to_sign_is_one_line(mini: MiniCounty, cli: Any) -> None:
    bad = cli("-C", mini.root, "sign", "--year", "2015", "--date", "2015-02-30")
    assert bad.exit_code == 2 and "签订日期“2015-02-30”不对" in bad.output
    none = cli("-C", mini.root, "sign", "--year", "2017", "--date", "2017-02-01")
    assert none.exit_code == 2 and "2017 年没有可签订的协议" in none.output
