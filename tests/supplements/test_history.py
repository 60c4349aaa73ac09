"""补充协议 in the history: `zsht diff` calls out the work a supplement adds and the money it takes, compares a
new year's agreement with last year's as amended, and `zsht audit` freezes a signed supplement."""

from __future__ import annotations

import json
from typing import Any

import yaml

from ..history.conftest import CountyRepo, repo  # noqa: F401  (the fixture: the mini county in git)
from .helpers import S_XINHUA, supplement


def _callouts(cli: Any, root: Any) -> list[str]:
    result = cli("-C", root, "diff", "--format", "json")
    assert result.exit_code == 0, result.output
    return [c["message"] for c in json.loads(result.stdout)["callouts"]]


def test_a_supplement_that_adds_work_or_cuts_money_is_called_out(repo: CountyRepo, cli: Any) -> None:  # noqa: F811
    repo.write_text(S_XINHUA, yaml.safe_dump(supplement("已签订"), allow_unicode=True))
    assert _callouts(cli, repo.root) == [
        "补充协议 BC-2015-niushan-xinhua-1 为协议 XY-2015-niushan-xinhua 新增协助事项：XZ-004"]
    cut = dict(supplement("已签订"), items_added=[], changes=[], items_removed=["XZ-002"], funding_total=-1500)
    repo.write_text(S_XINHUA, yaml.safe_dump(cut, allow_unicode=True))
    assert _callouts(cli, repo.root) == ["补充协议 BC-2015-niushan-xinhua-1 为协议 XY-2015-niushan-xinhua 减少经费 1500 元"]


def test_next_year_is_compared_with_last_years_agreement_as_amended(repo: CountyRepo, cli: Any) -> None:  # noqa: F811
    """2015: XZ-001, XZ-002, and XZ-004 by the signed supplement; 2016 holds the same three: no more work."""
    repo.write_text(S_XINHUA, yaml.safe_dump(supplement("已签订"), allow_unicode=True))
    repo.commit("补充协议")
    data = repo.read("agreements/2015/niushan/niushan-xinhua.yaml")
    data.update(id="XY-2016-niushan-xinhua", year=2016, items=[*data["items"], {"id": "XZ-004"}])
    repo.write_text("agreements/2016/niushan/niushan-xinhua.yaml", yaml.safe_dump(data, allow_unicode=True))
    result = cli("-C", repo.root, "diff", "HEAD", "--format", "json")
    assert [c["message"] for c in json.loads(result.stdout)["callouts"]] == []


def test_audit_freezes_a_signed_supplement(repo: CountyRepo, cli: Any) -> None:  # noqa: F811
    repo.write_text(S_XINHUA, yaml.safe_dump(supplement("已签订"), allow_unicode=True))
    repo.commit("签订补充协议")
    data = repo.read(S_XINHUA)
    data["funding_total"] = 1800
    repo.write_text(S_XINHUA, yaml.safe_dump(data, allow_unicode=True))
    repo.commit("改了已签订的补充协议")
    result = cli("-C", repo.root, "audit", "--format", "json")
    assert result.exit_code == 1, result.output
    found = [f for f in json.loads(result.stdout) if f["rule"] == "ZS801"]
    assert [f["file"] for f in found] == [S_XINHUA]
    assert "已签订的补充协议 BC-2015-niushan-xinhua-1" in found[0]["message"]
