"""Official codes of townships and committees, and committees' legal names."""

from __future__ import annotations

from typing import Any

import pytest
from stdnum.cn import uscc

from ..mini_county import MiniCounty

TOWNSHIPS = "registry/townships.yaml"
NIUSHAN = "registry/communities/niushan.yaml"
CODE_RULES = {"ZS216", "ZS217", "ZS218", "ZS219", "ZS220"}


def valid_uscc(body: str) -> str:
    """A 统一社会信用代码 with the check character python-stdnum computes for its first 17 characters."""
    return body + uscc.calc_check_digit(body)


def _coded(mini: MiniCounty) -> None:
    """Codes on every township and committee of the mini county, all consistent."""
    mini.edit(TOWNSHIPS, lambda d: [t.update(code=c) for t, c in zip(d["townships"], ["320722001000", "320722100000"],
                                                                     strict=True)])
    mini.edit(NIUSHAN, lambda d: [c.update(code=code, uscc=valid_uscc(f"54320722MF{n:07d}"))
                                  for n, (c, code) in enumerate(zip(d["communities"], ["320722001001", "320722001201"],
                                                                    strict=True))])


def _code_findings(cli: Any, mini: MiniCounty) -> list[tuple[str, str]]:
    return [(f["rule"], f["message"]) for f in cli.findings(mini.root) if f["rule"] in CODE_RULES]


def test_consistent_codes_are_clean(mini: MiniCounty, cli: Any) -> None:
    _coded(mini)
    assert cli.findings(mini.root) == []


def test_community_code_must_start_with_its_townships(mini: MiniCounty, cli: Any) -> None:
    _coded(mini)
    mini.edit(NIUSHAN, lambda d: d["communities"][1].update(code="320722100201"))  # 白塔埠镇's prefix
    assert _code_findings(cli, mini) == [
        ("ZS216", "前进村民委员会的区划代码 320722100201 不以牛山街道的代码前 9 位 320722001 开头")]


@pytest.mark.parametrize(("where", "code", "kind"), [
    (TOWNSHIPS, "320722201000", "镇"),  # 200–399 is a 乡's range
    (NIUSHAN, "320722001101", "村委会"),  # 001–199 is a 居委会's range
])
def test_code_range_must_fit_the_type(mini: MiniCounty, cli: Any, where: str, code: str, kind: str) -> None:
    _coded(mini)
    key, position = ("townships", 1) if where == TOWNSHIPS else ("communities", 1)
    mini.edit(where, lambda d: d[key][position].update(code=code))
    found = _code_findings(cli, mini)
    if where == NIUSHAN:
        assert found == [("ZS217", f"前进村民委员会是{kind}，区划代码的末段 101 应在 200–399 之间")]
    else:  # the committees of 白塔埠镇 have no codes: the township's own range is the one finding
        assert found == [("ZS217", f"白塔埠镇是{kind}，区划代码的末段 201 应在 100–199 之间")]


def test_duplicate_credit_codes(mini: MiniCounty, cli: Any) -> None:
    _coded(mini)
    same = mini.files[NIUSHAN]["communities"][0]["uscc"]
    mini.edit(NIUSHAN, lambda d: d["communities"][1].update(uscc=same))
    assert _code_findings(cli, mini) == [("ZS218", f"前进村民委员会的代码 {same} 与新华社区居民委员会重复")]


@pytest.mark.parametrize(("value", "problem"), [
    ("54320722MF00000011", None),  # replaced below by the wrong check character
    ("54320722MF000000", "应为 18 位，现为 16 位"),
    ("54320722MI0000001X", "含不允许的字符（只用数字和除 I、O、Z、S、V 以外的大写字母）"),
])
def test_credit_code_checked_by_stdnum(mini: MiniCounty, cli: Any, value: str, problem: str | None) -> None:
    if problem is None:
        right = uscc.calc_check_digit(value[:17])
        value = value[:17] + ("0" if right != "0" else "1")
        problem = f"校验码不对：末位应为 {right}"
    mini.edit(NIUSHAN, lambda d: d["communities"][0].update(uscc=value))
    assert _code_findings(cli, mini) == [("ZS219", f"新华社区居民委员会的统一社会信用代码 {value} {problem}")]


def test_a_valid_credit_code_passes(mini: MiniCounty, cli: Any) -> None:
    mini.edit(NIUSHAN, lambda d: d["communities"][0].update(uscc="91110000600037341L"))  # stdnum's own example
    assert _code_findings(cli, mini) == []


@pytest.mark.parametrize("name", ["江苏省连云港市测试县牛山街道新华社区居民委员会", "连云港市测试县牛山街道新华社区居民委员会",
                                  "测试县牛山街道新华社区居民委员会"])
def test_legal_name_forms_accepted(mini: MiniCounty, cli: Any, name: str) -> None:
    mini.edit("zsht.yaml", lambda d: d.update(province="江苏省", city="连云港市"))
    mini.edit(NIUSHAN, lambda d: d["communities"][0].update(legal_name=name))
    assert _code_findings(cli, mini) == []


@pytest.mark.parametrize("name", ["江苏省测试县牛山街道新华社区居民委员会",  # the city dropped but not the province
                                  "江苏省连云港市测试县新华社区居民委员会",  # no township
                                  "江苏省连云港市测试县牛山街道新华居民委员会"])  # not the registry's name
def test_legal_name_that_differs_warns(mini: MiniCounty, cli: Any, name: str) -> None:
    mini.edit("zsht.yaml", lambda d: d.update(province="江苏省", city="连云港市"))
    mini.edit(NIUSHAN, lambda d: d["communities"][0].update(legal_name=name))
    assert _code_findings(cli, mini) == [
        ("ZS220", f"法定全称“{name}”与名录不符，应为“江苏省连云港市测试县牛山街道新华社区居民委员会”")]


def test_registry_name_must_end_as_its_type(mini: MiniCounty, cli: Any) -> None:
    mini.edit(NIUSHAN, lambda d: d["communities"][1].update(name="前进社区居民委员会"))  # type 村
    found = [(rule, message) for rule, message in _code_findings(cli, mini)]
    assert found == [("ZS220", "前进社区居民委员会是村委会，名称应以“村民委员会”结尾")]


def test_township_code_must_end_in_000(mini: MiniCounty, cli: Any) -> None:
    mini.edit(TOWNSHIPS, lambda d: d["townships"][0].update(code="320722001001"))
    found = [f for f in cli.findings(mini.root) if f["file"] == TOWNSHIPS]
    assert [f["rule"] for f in found] == ["ZS104"]
    assert "320722100000" in (found[0]["hint"] or "")
