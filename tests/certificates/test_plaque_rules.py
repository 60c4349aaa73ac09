"""Rules ZS330–ZS332 on the plaques a committee hangs: allowed list, caps, once each."""

from __future__ import annotations

from collections import Counter
from typing import Any

from .conftest import NIUSHAN, PLAQUES
from .test_certificate_rules import ids, one


def _hang(*plaques: str) -> Any:
    return lambda d: d["communities"][0].update(plaques=list(plaques))


def test_a_plaque_not_on_the_list(cli: Any, county: Any) -> None:
    county.edit(NIUSHAN, _hang("PZ-001", "PZ-009"))
    findings = cli.findings(county.root)
    hit = one(findings, "ZS330")
    assert hit["file"] == NIUSHAN and hit["line"] is not None
    assert "新华社区居民委员会" in hit["message"] and "PZ-009" in hit["message"] and PLAQUES in hit["message"]
    assert ids(findings) == Counter({"ZS330": 1})


def test_no_plaque_list_at_all(cli: Any, county: Any) -> None:
    county.remove(PLAQUES)
    hit = one(cli.findings(county.root), "ZS330")
    assert "3 块牌子" in hit["message"] and "没有机制牌子清单" in hit["message"]


def test_the_latest_published_list_is_in_force(cli: Any, county: Any) -> None:
    # a newer draft without PZ-003 does not yet take the plaque away
    county.files["catalogs/plaque/2016.yaml"] = {**county.files[PLAQUES], "year": 2016,
                                                 "items": county.files[PLAQUES]["items"][:2]}
    county.write("catalogs/plaque/2016.yaml")
    county.edit(PLAQUES, lambda d: d.update(stages=[{"stage": "发布", "date": "2015-01-05", "actor": "县政府"}]))
    assert [f["rule"] for f in cli.findings(county.root) if f["rule"].startswith("ZS33")] == []


def test_more_than_the_cap(cli: Any, county: Any) -> None:
    county.edit("zsht.yaml", lambda d: d.update(plaques={"outside": 1}))
    findings = cli.findings(county.root)
    hit = one(findings, "ZS331")
    assert "办公场所外悬挂牌子 2 块，超过上限 1 块" in hit["message"] and "plaques.outside" in hit["hint"]
    assert ids(findings) == Counter({"ZS331": 1})  # inside keeps its default cap (6)


def test_the_default_caps(cli: Any, county: Any) -> None:
    items = county.files[PLAQUES]["items"]
    extra = [{"id": f"PZ-{n:03d}", "name": f"功能室{n}", "placement": "内", "basis": "县文件"} for n in range(10, 17)]
    county.edit(PLAQUES, lambda d: d.update(items=items + extra))
    county.edit(NIUSHAN, _hang(*(item["id"] for item in extra[:6])))
    assert cli.findings(county.root) == []
    county.edit(NIUSHAN, _hang(*(item["id"] for item in extra)))
    assert "内悬挂牌子 7 块，超过上限 6 块" in one(cli.findings(county.root), "ZS331")["message"]


def test_a_plaque_listed_twice(cli: Any, county: Any) -> None:
    county.edit(NIUSHAN, _hang("PZ-001", "PZ-001"))
    findings = cli.findings(county.root)
    assert "PZ-001" in one(findings, "ZS332")["message"]
    assert ids(findings) == Counter({"ZS332": 1})
