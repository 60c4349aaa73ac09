"""The legal-basis text: one function turns a catalog item's `basis` into what every document prints."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from zsht.load.county import Entry
from zsht.models import Basis, Law
from zsht.render.citations import articles_text, basis_text, law_name
from zsht.render.numerals import article, chinese_number

from ..mini_county import MiniCounty
from .helpers import all_text, open_docx

LAWS = {law.id: Entry(law, f"legal/{law.id}.yaml") for law in (
    Law(id="cunweihui-law", name="中华人民共和国村民委员会组织法", level="法律", articles=41),
    Law(id="minfadian", name="中华人民共和国民法典", level="法律", articles=1260),
    Law(id="guowuyuan-yijian", name="国务院关于加强和完善城乡社区治理的意见", level="规范性文件"),
)}
CIVIL_CODE = "《中华人民共和国民法典》第一千二百六十条"


def basis(*cited: tuple[str, list[int]]) -> list[Basis]:
    return [Basis(law=law, articles=articles) for law, articles in cited]


@pytest.mark.parametrize(("number", "expected"), [
    (1, "一"), (10, "十"), (11, "十一"), (20, "二十"), (37, "三十七"), (100, "一百"), (101, "一百零一"),
    (110, "一百一十"), (115, "一百一十五"), (120, "一百二十"), (999, "九百九十九"), (1000, "一千"),
    (1001, "一千零一"), (1010, "一千零一十"), (1032, "一千零三十二"), (1100, "一千一百"), (1260, "一千二百六十"),
])
def test_article_numbers_in_chinese_numerals(number: int, expected: str) -> None:
    assert chinese_number(number) == expected
    assert article(number) == f"第{expected}条"


def test_articles_are_listed_each_in_full_in_the_order_given() -> None:
    assert articles_text([25, 21]) == "第二十五条、第二十一条"
    # a run of articles is cited article by article, never shortened to a range (第二十一条至第二十三条)
    assert articles_text([21, 22, 23]) == "第二十一条、第二十二条、第二十三条"
    assert articles_text([]) == ""


def test_one_law_with_articles() -> None:
    assert basis_text(basis(("cunweihui-law", [21, 25])), LAWS) == "《中华人民共和国村民委员会组织法》第二十一条、第二十五条"


def test_a_law_cited_without_articles_is_its_title_alone() -> None:
    assert basis_text(basis(("guowuyuan-yijian", [])), LAWS) == "《国务院关于加强和完善城乡社区治理的意见》"


def test_several_laws_are_joined_by_semicolons() -> None:
    cited = basis(("cunweihui-law", [5]), ("guowuyuan-yijian", []), ("minfadian", [1260]))
    assert basis_text(cited, LAWS) == f"《中华人民共和国村民委员会组织法》第五条；《国务院关于加强和完善城乡社区治理的意见》；{CIVIL_CODE}"


def test_no_basis_is_no_text_and_an_unregistered_law_shows_its_id() -> None:
    assert basis_text([], LAWS) == ""
    assert law_name("nowhere-law", LAWS) == "nowhere-law"
    assert basis_text(basis(("nowhere-law", [3])), LAWS) == "《nowhere-law》第三条"


def test_agreement_and_catalog_notice_print_the_same_basis(cli: Any, mini: MiniCounty, tmp_path: Path) -> None:
    """An article past 999 (the civil code has 1,260) is written out in both documents, the same way."""
    mini.files["legal/minfadian.yaml"] = {"id": "minfadian", "name": "中华人民共和国民法典", "level": "法律",
                                          "articles": 1260}
    mini.write("legal/minfadian.yaml")

    def cite(catalog: dict[str, Any]) -> None:
        catalog["items"][0]["basis"] = [{"law": "minfadian", "articles": [1260, 1032]},
                                        {"law": "cunweihui-law", "articles": []}]
    mini.edit("catalogs/assist/2015.yaml", cite)
    mini.edit("catalogs/duty/2015.yaml", cite)
    expected = "《中华人民共和国民法典》第一千二百六十条、第一千零三十二条；《中华人民共和国村民委员会组织法》"
    assert cli("-C", mini.root, "validate").exit_code == 0

    result = cli("-C", mini.root, "render", "agreement", "--community", "niushan-xinhua", "-o", tmp_path)
    assert result.exit_code == 0, result.output
    agreement = all_text(open_docx(tmp_path / "2015/牛山街道/新华社区居民委员会.docx")).splitlines()
    assert f"法律依据：{expected}。" in agreement
    result = cli("-C", mini.root, "render", "notice", "catalog", "--year", "2015", "-o", tmp_path)
    assert result.exit_code == 0, result.output
    cells = all_text(open_docx(tmp_path / "2015/关于两份清单的公示.docx")).splitlines()
    assert cells.count(expected) == 2  # the duty item and the assist item
    markdown = (tmp_path / "2015/关于两份清单的公示.md").read_text(encoding="utf-8")
    assert markdown.count(f"| {expected} |") == 2
