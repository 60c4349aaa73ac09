"""The cause first, not its echoes: a finding caused by a broken record it refers to names that cause
(`caused_by` in JSON), and the text report lists the cause first with its echoes folded into one line."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml
from ruamel.yaml import YAML

from ..mini_county import MiniCounty

CATALOG = "catalogs/assist/2015.yaml"
NIUSHAN = "registry/communities/niushan.yaml"
FOLD = re.compile(r"^  └ 另有 (\d+) 处因此报错（规则 (.+)）；--format json 列出全部$")


def _edit(path: Path, change: Any) -> None:
    yaml = YAML()
    data = yaml.load(path.read_text(encoding="utf-8"))
    change(data)
    with path.open("w", encoding="utf-8") as out:
        yaml.dump(data, out)


def _where(finding: dict[str, Any]) -> str:
    return f"{finding['file']}:{finding['line']}:{finding['column']} {finding['rule']}"


def _report(cli: Any, root: Path) -> tuple[list[dict[str, Any]], list[str]]:
    as_json = cli("-C", root, "validate", "--format", "json")
    as_text = cli("-C", root, "validate")
    assert as_json.exit_code == 1 and as_text.exit_code == 1
    return json.loads(as_json.stdout), as_text.stdout.splitlines()


def _without_terms(root: Path) -> None:
    """The example's agreements as an older zsht signed them: without the terms `zsht sign` records."""
    for path in (root / "agreements").rglob("*.yaml"):
        _edit(path, lambda d: [d.pop("catalog")] + [item.pop("terms") for item in d["items"]])


def test_missing_catalog_funding_is_one_cause_with_its_echoes_folded(donghai: Path, cli: Any) -> None:
    _without_terms(donghai)  # agreements that read their funding from the catalog
    _edit(donghai / CATALOG, lambda d: d["items"][0].pop("funding"))
    findings, lines = _report(cli, donghai)
    cause = next(f for f in findings if f["file"] == CATALOG)
    assert (cause["rule"], cause["caused_by"]) == ("ZS301", None)
    echoes = [f for f in findings if f is not cause]
    # every agreement with XZ-001 repeats the missing funding and, summing it as nothing, its total: signed,
    # so that is the catalog changed after signing (ZS412), never “改为 funding_total”
    assert echoes and {f["rule"] for f in echoes} == {"ZS301", "ZS412"}
    assert not [f for f in echoes if "改为" in (f["hint"] or "")]
    assert all(f["file"].startswith("agreements/") and f["caused_by"] == _where(cause) for f in echoes)
    # the agreements that take XZ-001's funding from the catalog: those that agree no funding of their own for it
    relying = [p.relative_to(donghai).as_posix() for p in (donghai / "agreements" / "2015").rglob("*.yaml")
               if any(i["id"] == "XZ-001" and "funding" not in i
                      for i in yaml.safe_load(p.read_text(encoding="utf-8"))["items"])]
    assert len(relying) == 42  # of the example county's 47 agreements of 2015 (2026's rest on the 2026 catalog)
    assert sorted((f["rule"], f["file"]) for f in echoes) == sorted((r, file) for r in ("ZS301", "ZS412") for file in relying)
    counts = Counter(f["rule"] for f in echoes)
    # the text: the catalog line first, the echoes in one line, then the counts
    assert lines[0].startswith(f"{CATALOG}:{cause['line']}:{cause['column']} 错误 ZS301 协助事项 XZ-001 没有经费")
    fold = FOLD.match(lines[1])
    assert fold and int(fold[1]) == len(echoes)
    assert fold[2] == f"ZS301 {counts['ZS301']} 处、ZS412 {counts['ZS412']} 处"
    # the ZS412 echoes are warnings: the agreements stand on their stated totals
    assert len(lines) == 3 and f"{counts['ZS301'] + 1} 个错误，{counts['ZS412']} 个警告" in lines[2]


def test_a_gbk_registry_file_comes_before_the_references_it_breaks(donghai: Path, cli: Any) -> None:
    path = donghai / NIUSHAN
    path.write_bytes(path.read_text(encoding="utf-8").encode("gb18030"))
    findings, lines = _report(cli, donghai)
    cause = next(f for f in findings if f["file"] == NIUSHAN)
    echoes = [f for f in findings if f["rule"] == "ZS202"]
    assert cause["rule"] == "ZS001" and len(echoes) == len(findings) - 1 >= 20
    assert {f["caused_by"] for f in echoes} == {_where(cause)}
    assert lines[0].startswith(f"{NIUSHAN}:") and "ZS001" in lines[0]
    assert FOLD.match(lines[1]) and f"ZS202 {len(echoes)} 处" in lines[1]


def test_a_broken_registry_file_causes_the_missing_townships(donghai: Path, cli: Any) -> None:
    (donghai / "registry" / "townships.yaml").write_text("townships: [\n", encoding="utf-8")
    findings, lines = _report(cli, donghai)
    cause = next(f for f in findings if f["rule"] == "ZS002")
    echoes = [f for f in findings if f is not cause]
    assert echoes and {(f["rule"], f["caused_by"]) for f in echoes} == {("ZS201", _where(cause))}
    assert lines[0].startswith("registry/townships.yaml:") and FOLD.match(lines[1])


def test_a_catalog_item_failing_the_schema_causes_the_agreements_unlisted_item(mini: MiniCounty, cli: Any) -> None:
    mini.edit(CATALOG, lambda d: d["items"][0].pop("basis"))
    findings = cli.findings(mini.root)
    cause = next(f for f in findings if f["file"] == CATALOG)
    assert cause["message"] == "XZ-001 缺少 basis（法律依据）"
    unlisted = [f for f in findings if f["rule"] == "ZS401"]
    assert len(unlisted) == 3 and {f["caused_by"] for f in unlisted} == {_where(cause)}
    assert all(f["caused_by"] == _where(cause) for f in findings if f is not cause)


def test_a_broken_evaluation_is_not_a_missing_one(mini: MiniCounty, cli: Any) -> None:
    evaluation = "evaluations/2015/niushan/niushan-xinhua.yaml"
    (mini.root / evaluation).write_text("survey: [90\n", encoding="utf-8")
    findings = cli.findings(mini.root)
    cause = next(f for f in findings if f["file"] == evaluation)
    missing = next(f for f in findings if f["rule"] == "ZS610")
    assert missing["caused_by"] == _where(cause)


def test_findings_in_their_own_right_have_no_cause_and_exit_codes_stay(mini: MiniCounty, cli: Any) -> None:
    mini.edit("agreements/2015/niushan/niushan-xinhua.yaml", lambda d: d.update(funding_total=99999))
    findings = cli.findings(mini.root)
    # the agreement is signed (without recorded terms): its total no longer adding up is ZS412, never “改为”;
    # the evaluation settles on the stated total
    assert [f["rule"] for f in findings] == ["ZS412", "ZS608"]
    assert "改为" not in findings[0]["hint"] and "补充协议" in findings[0]["hint"]
    assert [f["caused_by"] for f in findings] == [None, None]
    text = cli("-C", mini.root, "validate")
    assert text.exit_code == 1 and "因此报错" not in text.stdout and "连带" not in text.stdout
    assert cli("-C", mini.root, "validate", "--fail-on", "error").exit_code == 1


def test_sarif_and_github_carry_the_cause(mini: MiniCounty, cli: Any) -> None:
    mini.edit(CATALOG, lambda d: d["items"][0].pop("basis"))
    cause = next(f for f in cli.findings(mini.root) if f["file"] == CATALOG)
    log = json.loads(cli("-C", mini.root, "validate", "--format", "sarif").stdout)
    echoes = [r for r in log["runs"][0]["results"] if r["ruleId"] != "ZS103"]
    assert len(echoes) == len(log["runs"][0]["results"]) - 1 >= 3
    for echo in echoes:
        related = echo["relatedLocations"][0]["physicalLocation"]
        assert related["artifactLocation"]["uri"] == CATALOG and related["region"]["startLine"] == cause["line"]
    github = cli("-C", mini.root, "validate", "--format", "github").stdout.splitlines()
    assert len(github) == len(echoes) + 1  # every finding, the echoes included
    assert sum(1 for line in github if f"（由 {_where(cause)} 引起）" in line) == len(echoes)


def test_an_echo_whose_cause_is_left_out_stands_on_its_own(mini: MiniCounty) -> None:
    from zsht.report.text import text
    from zsht.validate import Validation, validate

    mini.edit(CATALOG, lambda d: d["items"][0].pop("basis"))
    full = validate(mini.root)
    echoes = Validation(full.county, [f for f in full.findings if f.file != CATALOG])  # as --changed-since may
    lines = text(echoes).splitlines()
    assert len(lines) == len(echoes.findings) + 1 and not any("因此报错" in line for line in lines)


@pytest.mark.parametrize(("broken", "echo"), [
    ("legal/cunweihui-law.yaml", "ZS204"),           # every basis naming the law
    ("registry/departments.yaml", "ZS203"),          # every item, access and purchase naming a department
    ("catalogs/assist/2015.yaml", "ZS402"),          # every agreement of 2015 has no catalog
])
def test_a_file_that_does_not_parse_causes_what_it_would_have_answered(broken: str, echo: str, mini: MiniCounty,
                                                                       cli: Any) -> None:
    (mini.root / broken).write_text("title: [\n", encoding="utf-8")
    findings = cli.findings(mini.root)
    [cause] = [f for f in findings if f["file"] == broken]
    echoes = [f for f in findings if f["rule"] == echo]
    assert cause["rule"] == "ZS002" and echoes
    assert all(f["caused_by"] == _where(cause) for f in findings if f is not cause)


def test_an_item_after_a_broken_one_is_its_own_cause(mini: MiniCounty, cli: Any) -> None:
    """The catalog keeps the items valid on their own; each still stands at its own place in the file, so
    its findings are placed there and an agreement's echo names it, not the broken item before it."""
    def change(data: dict[str, Any]) -> None:
        data["items"][0].pop("basis")
        data["items"][1].pop("funding")

    mini.edit(CATALOG, change)
    findings = cli.findings(mini.root)
    lines = (mini.root / CATALOG).read_text(encoding="utf-8").splitlines()
    unfunded = next(f for f in findings if f["file"] == CATALOG and f["rule"] == "ZS301")
    assert lines[unfunded["line"] - 1].strip() == "- id: XZ-002"
    echoes = [f for f in findings if f["rule"] == "ZS301" and f is not unfunded]
    assert echoes and {f["caused_by"] for f in echoes} == {_where(unfunded)}


def test_a_settlement_computed_from_a_missing_catalog_funding_echoes_it(mini: MiniCounty, cli: Any) -> None:
    mini.edit("agreements/2015/niushan/niushan-xinhua.yaml", lambda d: d.update(funding_total=None))
    # a total is required (ZS404), but the settlement is computed from the items' funding meanwhile
    assert [f["rule"] for f in cli.findings(mini.root)] == ["ZS404"]
    mini.edit(CATALOG, lambda d: d["items"][0].pop("funding"))
    findings = cli.findings(mini.root)
    cause = next(f for f in findings if f["file"] == CATALOG)
    settlement = next(f for f in findings if f["rule"] == "ZS608")
    assert settlement["file"] == "evaluations/2015/niushan/niushan-xinhua.yaml"
    assert settlement["caused_by"] == _where(cause)
    assert [f["rule"] for f in findings if f is not cause and f["caused_by"] != _where(cause)] == ["ZS404"]


def test_a_broken_registry_file_of_another_township_is_not_the_cause(mini: MiniCounty, cli: Any) -> None:
    (mini.root / "registry/communities/baitabu.yaml").write_text("communities: [\n", encoding="utf-8")
    mini.edit("agreements/2015/niushan/niushan-xinhua.yaml", lambda d: d.update(community="niushan-nobody"))
    findings = cli.findings(mini.root)
    typo = next(f for f in findings if f["rule"] == "ZS202" and f["file"].endswith("niushan-xinhua.yaml"))
    assert typo["caused_by"] is None
    broken = sorted(f["file"] for f in findings if f["rule"] == "ZS202" and f["caused_by"] is not None)
    assert broken == ["agreements/2015/baitabu/baitabu-dongwang.yaml", "evaluations/2015/baitabu/baitabu-dongwang.yaml"]
