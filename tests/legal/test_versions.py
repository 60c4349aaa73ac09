"""A revised law: each citation is judged against the text in force on the date it speaks from."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from zsht.models import Law

from ..mini_county import MiniCounty

JUWEIHUI = "legal/juweihui-law.yaml"
CUNWEIHUI = "legal/cunweihui-law.yaml"
REVISED = [{"effective": "1990-01-01", "articles": 23, "document": "1989年通过"},
           {"effective": "2026-01-01", "articles": 56, "chapters": 7, "document": "2025年修订"}]


def _revise(mini: MiniCounty, relpath: str = JUWEIHUI, versions: list[dict[str, Any]] | None = None) -> None:
    def change(data: dict[str, Any]) -> None:
        data.pop("articles")
        data["versions"] = copy.deepcopy(versions or REVISED)
    mini.edit(relpath, change)


def _duty_catalog(mini: MiniCounty, year: int, published: str, articles: list[int]) -> str:
    """A duty catalog of `year`, published on `published`, whose one item cites the 居委会组织法 `articles`."""
    relpath = f"catalogs/duty/{year}.yaml"
    stages = [dict(stage, date=dt.date.fromisoformat(published) - dt.timedelta(days=40 - 8 * n))
              for n, stage in enumerate(mini.files["catalogs/duty/2015.yaml"]["stages"][:4])]
    stages[3]["until"] = stages[3]["date"] + dt.timedelta(days=9)
    stages.append({"stage": "发布", "date": dt.date.fromisoformat(published), "actor": "县人民政府"})
    mini.files[relpath] = {"title": "依法履行职责事项", "year": year, "stages": stages, "items": [
        {"id": "LZ-001", "name": "召集居民会议", "basis": [{"law": "juweihui-law", "articles": articles}]}]}
    mini.write(relpath)
    return relpath


def _rules(findings: list[dict[str, Any]], relpath: str) -> list[tuple[str, str]]:
    return [(f["rule"], f["message"]) for f in findings if f["file"] == relpath]


def test_in_force_picks_the_text_by_date() -> None:
    law = Law.model_validate({"id": "juweihui-law", "name": "城市居民委员会组织法", "level": "法律",
                              "versions": list(reversed(REVISED))})
    assert law.in_force(dt.date(2025, 12, 31)).articles == 23  # type: ignore[union-attr]
    assert law.in_force(dt.date(2026, 1, 1)).articles == 56  # type: ignore[union-attr]
    assert law.in_force(dt.date(1989, 12, 31)) is None
    old = law.texts()[0]
    assert law.successor(old, dt.date(2025, 12, 31)) is None
    assert law.successor(old, dt.date(2026, 1, 2)) is law.texts()[1]


def test_single_form_is_one_text_in_force_always() -> None:
    law = Law.model_validate({"id": "x", "name": "某法", "level": "法律", "effective": "2018-12-29", "articles": 41})
    assert [text.articles for text in law.texts()] == [41]
    assert law.in_force(dt.date(2015, 1, 1)) is not None  # its `effective` dates today's text, not its first day


def test_article_beyond_the_old_text_is_an_error_before_2026(mini: MiniCounty, cli: Any) -> None:
    _revise(mini)
    relpath = _duty_catalog(mini, 2025, "2025-02-01", [30])
    found = _rules(cli.findings(mini.root), relpath)
    assert found == [("ZS205", "《中华人民共和国城市居民委员会组织法》1990-01-01 施行的文本（1989年通过）只有 23 条，"
                                "没有第 30 条（本目录自 2025-02-01 起施行，适用该文本）")]


def test_the_same_article_exists_in_the_2026_text(mini: MiniCounty, cli: Any) -> None:
    _revise(mini)
    relpath = _duty_catalog(mini, 2026, "2026-02-01", [30])
    assert _rules(cli.findings(mini.root), relpath) == []


def test_article_beyond_the_2026_text_is_an_error(mini: MiniCounty, cli: Any) -> None:
    _revise(mini)
    relpath = _duty_catalog(mini, 2026, "2026-02-01", [57])
    assert [rule for rule, _ in _rules(cli.findings(mini.root), relpath)] == ["ZS205"]


def test_a_catalog_published_in_december_speaks_from_its_year(mini: MiniCounty, cli: Any) -> None:
    """Published 2025-12-20 for 2026: judged against the 2026 text (no ZS205), with a reminder (ZS213)."""
    _revise(mini)
    relpath = _duty_catalog(mini, 2026, "2025-12-20", [30])
    found = _rules(cli.findings(mini.root), relpath)
    assert [rule for rule, _ in found] == ["ZS213"]
    assert "2026-01-01 施行的文本" in found[0][1]


def test_a_law_not_yet_in_force_cannot_be_cited(mini: MiniCounty, cli: Any) -> None:
    _revise(mini, versions=[{"effective": "2026-01-01", "articles": 56}])
    found = _rules(cli.findings(mini.root), "catalogs/duty/2015.yaml")
    assert [rule for rule, _ in found] == ["ZS212"]


def test_agreement_signed_after_the_revision_cites_a_replaced_text(mini: MiniCounty, cli: Any) -> None:
    _revise(mini, CUNWEIHUI, [{"effective": "2010-10-28", "articles": 41, "document": "2010年修订"},
                              {"effective": "2015-02-01", "articles": 45, "document": "测试修正"}])
    agreement = "agreements/2015/niushan/niushan-xinhua.yaml"
    found = _rules(cli.findings(mini.root), agreement)
    assert [rule for rule, _ in found] == ["ZS210", "ZS210"]  # XZ-001 and XZ-002 both cite the 组织法
    assert found[0][1] == ("XZ-001 的依据引用《中华人民共和国村民委员会组织法》2010-10-28 施行的文本（2010年修订），"
                           "协议签订时（2015-02-10）已由2015-02-01 施行的文本（测试修正）取代")


def test_agreement_signed_before_the_revision_is_fine(mini: MiniCounty, cli: Any) -> None:
    _revise(mini, CUNWEIHUI, [{"effective": "2010-10-28", "articles": 41},
                              {"effective": "2015-02-01", "articles": 45}])
    agreement = "agreements/2015/niushan/niushan-xinhua.yaml"
    mini.edit(agreement, lambda d: d["signing"].update(date=dt.date(2015, 1, 20)))
    findings = cli.findings(mini.root)
    assert _rules(findings, agreement) == []
    assert {f["file"] for f in findings if f["rule"] == "ZS210"} == {  # the others are still signed 2015-02-10
        "agreements/2015/niushan/niushan-qianjin.yaml", "agreements/2015/baitabu/baitabu-dongwang.yaml"}


def test_versions_beside_the_single_count_are_refused(mini: MiniCounty, cli: Any) -> None:
    mini.edit(JUWEIHUI, lambda d: d.update(versions=copy.deepcopy(REVISED), effective=dt.date(1990, 1, 1)))
    found = _rules(cli.findings(mini.root), JUWEIHUI)
    assert sorted(rule for rule, _ in found) == ["ZS211", "ZS211"]  # articles and effective
