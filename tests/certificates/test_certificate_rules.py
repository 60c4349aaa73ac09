"""Rules ZS320–ZS325 on the certificate list: each fires once on a broken fact and stays quiet on the clean county."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from ..conftest import EXAMPLE
from .conftest import AGREEMENT, ASSIST, CERTIFICATES, retained


def ids(findings: list[dict[str, Any]]) -> Counter[str]:
    return Counter(f["rule"] for f in findings)


def one(findings: list[dict[str, Any]], rule: str) -> dict[str, Any]:
    hits = [f for f in findings if f["rule"] == rule]
    assert len(hits) == 1, findings
    return hits[0]


def test_the_county_with_both_lists_is_clean(cli: Any, county: Any) -> None:
    assert cli.findings(county.root) == []


def test_example_county_has_none_of_these_findings(cli: Any) -> None:
    found = ids(cli.findings(EXAMPLE))
    assert not [rule for rule in found if rule.startswith(("ZS32", "ZS33"))]


def test_retained_without_basis(cli: Any, county: Any) -> None:
    county.edit(CERTIFICATES, lambda d: d["items"][2].update(basis=[]))
    findings = cli.findings(county.root)
    hit = one(findings, "ZS320")
    assert hit["file"] == CERTIFICATES and hit["severity"] == "error"
    assert "ZM-003" in hit["message"] and "没有设定依据" in hit["message"]
    assert hit["line"] is not None
    assert ids(findings) == Counter({"ZS320": 1})


def test_a_national_certificate_retained_without_a_law(cli: Any, county: Any) -> None:
    county.files["legal/wenjian.yaml"] = {"id": "wenjian", "name": "县民政局关于出具证明的通知", "level": "规范性文件"}
    county.write("legal/wenjian.yaml")
    # “婚姻状况” is the batch's 婚姻状况证明 (the county may drop 证明); a 规范性文件 is no law
    county.edit(CERTIFICATES, lambda d: d["items"].append(
        retained(4, "婚姻状况", basis=[{"law": "wenjian"}])))
    findings = cli.findings(county.root)
    hit = one(findings, "ZS321")
    assert "民发〔2020〕20号" in hit["message"] and "第 8 项" in hit["message"] and "ZM-004" in hit["message"]
    assert ids(findings) == Counter({"ZS321": 1})


def test_a_national_certificate_retained_on_a_law_is_accepted(cli: Any, county: Any) -> None:
    county.edit(CERTIFICATES, lambda d: d["items"].append(retained(4, "出生证明")))
    assert cli.findings(county.root) == []


def test_a_basis_missing_from_the_register_is_not_judged_twice(cli: Any, county: Any) -> None:
    county.edit(CERTIFICATES, lambda d: d["items"].append(retained(4, "出生证明", basis=[{"law": "no-such-law"}])))
    assert ids(cli.findings(county.root)) == Counter({"ZS204": 1})


def test_duplicate_certificate_name(cli: Any, county: Any) -> None:
    county.edit(CERTIFICATES, lambda d: d["items"].append({"id": "ZM-004", "name": "亲属关系 证明", "status": "取消"}))
    findings = cli.findings(county.root)
    hit = one(findings, "ZS322")
    assert "ZM-004" in hit["message"] and "ZM-001" in hit["message"]
    assert ids(findings) == Counter({"ZS322": 1})


@pytest.mark.parametrize("relpath, change, where", [
    (ASSIST, lambda d: d["items"][0].update(requirements="入户调查并出具居民养犬证明"), "协助事项 XZ-001"),
    (AGREEMENT, lambda d: d["items"][1].update(targets="为参保人出具亲属关系证明"), "协议事项 XZ-002"),
], ids=["assist-item", "agreement-clause"])
def test_asking_for_a_cancelled_certificate(cli: Any, county: Any, relpath: str, change: Any, where: str) -> None:
    county.edit(relpath, change)
    findings = cli.findings(county.root)
    hit = one(findings, "ZS323")
    assert hit["severity"] == "warning" and hit["file"] == relpath
    assert where in hit["message"] and "已取消" in hit["message"]
    assert ids(findings) == Counter({"ZS323": 1})


def test_the_name_alone_asks_for_no_certificate(cli: Any, county: Any) -> None:
    county.edit(ASSIST, lambda d: d["items"][0].update(requirements="协助做好居民养犬登记宣传"))
    assert cli.findings(county.root) == []


def test_form_file_missing_or_outside(cli: Any, county: Any, tmp_path: Path) -> None:
    (county.root / "forms").mkdir()
    (county.root / "forms" / "xuanmin.md").write_text("式样", encoding="utf-8")
    county.edit(CERTIFICATES, lambda d: d["items"][2].update(form={"file": "forms/xuanmin.md"}))
    assert cli.findings(county.root) == []
    (tmp_path / "outside.md").write_text("式样", encoding="utf-8")
    for path in ("forms/missing.md", "../outside.md"):
        county.edit(CERTIFICATES, lambda d, path=path: d["items"][2].update(form={"file": path}))
        findings = cli.findings(county.root)
        hit = one(findings, "ZS324")
        assert path in hit["message"]
        assert ids(findings) == Counter({"ZS324": 1})


def test_retained_without_purpose_procedure_or_form(cli: Any, county: Any) -> None:
    county.edit(CERTIFICATES, lambda d: [d["items"][2].pop(key) for key in ("purpose", "form")])
    findings = cli.findings(county.root)
    hit = one(findings, "ZS325")
    assert "办理用途（purpose）" in hit["message"] and "证明式样（form）" in hit["message"]
    assert "办理流程" not in hit["message"]
    assert ids(findings) == Counter({"ZS325": 1})


def test_cancelled_certificates_need_nothing(cli: Any, county: Any) -> None:
    county.edit(CERTIFICATES, lambda d: d["items"][2].update(status="取消"))
    assert cli.findings(county.root) == []
