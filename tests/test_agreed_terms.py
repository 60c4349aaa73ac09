"""A signed agreement means what was signed: `zsht sign` records each item's terms, and every reader uses them."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml

from .mini_county import MiniCounty
from .render.helpers import all_text, open_docx

CATALOG_2016 = "catalogs/assist/2016.yaml"
CATALOG_2015 = "catalogs/assist/2015.yaml"
SIGNED = "agreements/2016/niushan/niushan-xinhua.yaml"
DRAFT = "agreements/2016/baitabu/baitabu-dongwang.yaml"
XINHUA_2015 = "agreements/2015/niushan/niushan-xinhua.yaml"


def _signed_2016(mini: MiniCounty, cli: Any) -> None:
    """2016 drafts for every committee; niushan's signed, baitabu's left a draft."""
    assert cli("-C", mini.root, "draft", "--year", "2016").exit_code == 0
    result = cli("-C", mini.root, "sign", "--year", "2016", "--township", "niushan", "--date", "2016-02-10")
    assert result.exit_code == 0, result.output


def _read(mini: MiniCounty, relpath: str) -> Any:
    return yaml.safe_load((mini.root / relpath).read_text(encoding="utf-8"))


def _render(cli: Any, mini: MiniCounty, out: Path) -> dict[str, bytes]:
    result = cli("-C", mini.root, "render", "agreement", "--year", "2016", "--all", "-o", out)
    assert result.exit_code == 0, result.output
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*.docx"))}


def test_sign_records_each_items_catalog_terms_and_the_catalog(mini: MiniCounty, cli: Any) -> None:
    _signed_2016(mini, cli)
    catalog = _read(mini, CATALOG_2016)
    agreement = _read(mini, SIGNED)
    by_id = {item["id"]: item for item in catalog["items"]}
    assert [item["id"] for item in agreement["items"]] == ["XZ-001", "XZ-002"]  # last year's items
    for item in agreement["items"]:
        expected = {k: v for k, v in by_id[item["id"]].items() if k not in ("id", "applies_to")}
        assert item["terms"] == expected
        assert list(item) == ["id", "terms"]  # the terms come last in the item
    assert agreement["catalog"] == {"year": 2016, "title": catalog["title"], "document": "东政办发〔2015〕1号"}
    assert "terms" not in json.dumps(_read(mini, DRAFT), default=str)  # a draft records nothing
    assert cli.findings(mini.root) == []


def test_a_signed_agreement_renders_the_same_after_the_catalog_changes(mini: MiniCounty, cli: Any,
                                                                       tmp_path: Path) -> None:
    _signed_2016(mini, cli)
    before = _render(cli, mini, tmp_path / "before")
    mini.edit(CATALOG_2016, lambda d: d["items"][0].update(requirements="低保公示率达到百分之百，另加入户复核",
                                                            name="改了名的低保事项"))
    mini.edit(CATALOG_2016, lambda d: d.update(title="改了标题的协助事项"))
    after = _render(cli, mini, tmp_path / "after")
    signed = [name for name in before if "新华" in name or "前进" in name]
    assert len(signed) == 2
    for name in signed:
        assert after[name] == before[name], name  # byte for byte
    [draft] = [name for name in before if "东王" in name]
    assert after[draft] != before[draft]  # a draft still follows the catalog
    text = all_text(open_docx(tmp_path / "after" / draft))
    assert "低保公示率达到百分之百，另加入户复核" in text and "改了标题的协助事项" in text
    assert "改了名的低保事项" not in all_text(open_docx(tmp_path / "after" / signed[0]))


def test_a_funding_cut_is_the_catalogs_change_for_a_signed_agreement_and_a_sum_for_a_draft(
        mini: MiniCounty, cli: Any) -> None:
    _signed_2016(mini, cli)
    mini.edit(CATALOG_2016, lambda d: d["items"][0]["funding"].update(amount=500))
    findings = cli.findings(mini.root)
    signed = [f for f in findings if f["file"].startswith("agreements/2016/niushan/")]
    assert {(f["rule"], f["severity"]) for f in signed} == {("ZS412", "warning")}
    assert {f["file"] for f in signed} == {SIGNED, "agreements/2016/niushan/niushan-qianjin.yaml"}
    [xinhua] = [f for f in signed if f["file"] == SIGNED]
    assert f"{CATALOG_2016} 中事项 XZ-001 的经费（funding）被改动" in xinhua["message"]
    assert "改为" not in xinhua["hint"] and "恢复目录原文" in xinhua["hint"] and "补充协议" in xinhua["hint"]
    [draft] = [f for f in findings if f["file"] == DRAFT]
    assert draft["rule"] == "ZS405" and draft["hint"] == "改为 funding_total: 3500"  # 500 + 3000


def test_score_settles_on_the_agreed_funding_after_a_catalog_cut(mini: MiniCounty, cli: Any) -> None:
    recorded = cli("-C", mini.root, "sign", "--year", "2015", "--record-terms")
    assert recorded.exit_code == 0 and "已为 3 份 2015 年已签订协议补记条款" in recorded.stdout
    mini.edit(CATALOG_2015, lambda d: d["items"][0]["funding"].update(amount=500))  # XZ-001: 2000 → 500
    score = json.loads(cli("-C", mini.root, "score", "--year", "2015", "--format", "json").stdout)
    xinhua = next(row for row in score["communities"] if row["community"] == "niushan-xinhua")
    # agreed XZ-001 (民政, 2000) and XZ-002 (人社, 1500); 良好 settles at 100%: each department its own agreed sum
    assert xinhua["agreed"] == "3500" and xinhua["settlement"] == "3500.00"
    assert xinhua["departments"] == {"minzheng": {"agreed": "2000", "settled": "2000.00"},
                                     "renshe": {"agreed": "1500", "settled": "1500.00"}}
    assert all(f["rule"] == "ZS412" for f in cli.findings(mini.root))  # nothing to re-score, nothing to edit
    report = cli("-C", mini.root, "report", "--year", "2015")
    assert report.exit_code == 0, report.output
    # XZ-001 in all three agreements at the agreed 2000 (not the catalog's 500 now), settled at 100%
    assert re.search(r"测试县民政局\s*│\s*6,000\.00\s*│\s*6,000\.00\s*│", report.stdout), report.stdout


def test_record_terms_leaves_drafts_and_recorded_agreements_alone(mini: MiniCounty, cli: Any) -> None:
    _signed_2016(mini, cli)
    before = {p: p.read_bytes() for p in (mini.root / "agreements" / "2016").rglob("*.yaml")}
    again = cli("-C", mini.root, "sign", "--year", "2016", "--record-terms")
    assert again.exit_code == 0 and "已为 0 份 2016 年已签订协议补记条款；2 份原已记录，未动" in again.stdout
    assert {p: p.read_bytes() for p in before} == before
    no_date = cli("-C", mini.root, "sign", "--year", "2016")
    assert no_date.exit_code == 2 and "缺少签订日期" in no_date.output
