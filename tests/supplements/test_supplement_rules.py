"""ZS420–ZS428: one broken supplement per rule (the rule fires, on the supplement) and the valid one (it does not)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from zsht.ruletable import RULES

from ..mini_county import MiniCounty
from .helpers import S_XINHUA, add_supplement

SUPPLEMENT_RULES = sorted(rule for rule in RULES if rule.startswith("ZS42"))


def _signed_on(day: dt.date) -> Callable[[dict[str, Any]], None]:
    return lambda d: d.update(signing={"date": day, "party_a": {"name": "甲"}, "party_b": {"name": "乙"}})


CASES: dict[str, tuple[Callable[[dict[str, Any]], Any], str]] = {
    "ZS420": (lambda d: d.update(agreement="XY-2015-niushan-qianjin"), "community 是 niushan-xinhua，而协议"),
    "ZS421": (lambda d: d["items_added"][0].update(access=None), "XZ-004 不在 2015 年施行的目录中"),
    "ZS422": (lambda d: d["items_added"].append({"id": "FM-001"}), "FM-001 是负面清单事项"),
    "ZS423": (lambda d: d.update(items_removed=["XZ-003"]), "终止的事项 XZ-003 不在协议"),
    "ZS424": (_signed_on(dt.date(2015, 2, 1)), "补充协议签订于 2015-02-01，不晚于协议签订日期 2015-02-10"),
    "ZS425": (lambda d: d.update(funding_total=1200), "经费变动额写的是 1200 元，按新增、终止和调整的事项计算为 1700 元"),
    "ZS426": (lambda d: d["payment"][0].update(share=60), "支付计划各期比例合计 60%"),
    "ZS427": (lambda d: d.update(items_added=[], changes=[]), "补充协议没有新增、终止或调整任何事项"),
    "ZS429": (lambda d: d["items_added"].append({"id": "XZ-003"}), "XZ-003 不适用于居委会"),
    "ZS428": (lambda d: d.update(id="BC-2015-niushan-xinhua-2"), "文件应为 supplements/2015/niushan/niushan-xinhua-2.yaml"),
}


def test_every_supplement_rule_has_a_case() -> None:
    assert sorted(CASES) == SUPPLEMENT_RULES


def test_a_valid_supplement_has_no_findings(mini: MiniCounty, cli: Any) -> None:
    add_supplement(mini)
    assert cli.findings(mini.root) == []


@pytest.mark.parametrize("rule", SUPPLEMENT_RULES)
def test_supplement_rule_fires(rule: str, mini: MiniCounty, cli: Any) -> None:
    add_supplement(mini)
    change, message = CASES[rule]
    mini.edit(S_XINHUA, change)
    findings = cli.findings(mini.root)
    fired = [f for f in findings if f["rule"] == rule]
    assert fired, [(f["rule"], f["message"]) for f in findings]
    assert all(f["file"] == S_XINHUA and f["severity"] == RULES[rule].severity.value for f in fired), fired
    assert any(f["message"].startswith(message) for f in fired), fired
    assert all(f["line"] > 1 or rule in ("ZS427", "ZS428") for f in fired), fired  # else at the key broken


def test_an_added_task_needs_its_money_and_conditions(mini: MiniCounty, cli: Any) -> None:
    """费随事转 and 权随责走 of a task added through 准入: no catalog gives it money or conditions."""
    add_supplement(mini)
    mini.edit(S_XINHUA, lambda d: [d["items_added"][0].pop(key) for key in ("funding", "conditions")])
    found = {(f["rule"], f["message"]) for f in cli.findings(mini.root) if f["file"] == S_XINHUA}
    assert ("ZS301", "补充协议新增事项 XZ-004 没有经费（费随事转）") in found
    assert ("ZS303", "补充协议新增事项 XZ-004 没有写明政府提供的权限和工作条件（权随责走）") in found


def test_an_approval_decided_after_the_signing_does_not_count(mini: MiniCounty, cli: Any) -> None:
    add_supplement(mini)
    mini.edit(S_XINHUA, _signed_on(dt.date(2015, 9, 1)))  # ZR-2015-001 was decided on 2015-10-08
    messages = [f["message"] for f in cli.findings(mini.root) if f["rule"] == "ZS421"]
    assert messages == ["准入审批日期 2015-10-08 不早于补充协议签订日期 2015-09-01"]


def test_a_later_supplement_sees_the_items_an_earlier_one_added(mini: MiniCounty, cli: Any) -> None:
    """Removed and changed items are judged against the agreement as amended by the signed supplements before."""
    add_supplement(mini, "已签订")
    later = "supplements/2015/niushan/niushan-xinhua-2.yaml"
    mini.files[later] = {
        "id": "BC-2015-niushan-xinhua-2", "agreement": "XY-2015-niushan-xinhua", "year": 2015,
        "township": "niushan", "community": "niushan-xinhua", "reason": "老年人健康管理服务改由政府购买服务",
        "items_removed": ["XZ-004"], "funding_total": -1200}
    mini.write(later)
    assert [f for f in cli.findings(mini.root) if f["file"] == later] == []
    mini.edit(later, lambda d: d.update(items_removed=["XZ-003"], funding_total=0))
    assert [f["rule"] for f in cli.findings(mini.root) if f["file"] == later] == ["ZS423"]


def test_an_agreement_that_did_not_load_is_not_reported_again(mini: MiniCounty, cli: Any) -> None:
    """The agreement is there but fails its schema: its own finding says so; the supplement only echoes it."""
    add_supplement(mini)
    mini.edit("agreements/2015/niushan/niushan-xinhua.yaml", lambda d: d.update(breech="违约"))
    findings = cli.findings(mini.root)
    assert "ZS101" in {f["rule"] for f in findings}
    assert [f for f in findings if f["file"] == S_XINHUA] == []


def test_no_hint_asks_to_edit_a_signed_supplement(mini: MiniCounty, cli: Any) -> None:
    add_supplement(mini, "已签订")
    mini.edit(S_XINHUA, lambda d: d.update(funding_total=1200))
    [found] = [f for f in cli.findings(mini.root) if f["file"] == S_XINHUA]
    assert found["rule"] == "ZS425" and found["hint"] == "已签订的补充协议不得改动：确有错误的，另签一份补充协议更正"
    mini.edit(S_XINHUA, lambda d: d.update(status="草稿"))
    assert [f["hint"] for f in cli.findings(mini.root) if f["file"] == S_XINHUA] == ["改为 funding_total: 1700"]
