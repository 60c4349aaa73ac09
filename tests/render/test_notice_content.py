"""Notices a clerk posts as they are: no blanks to fill in, scores ranked with two decimals, ties as ties."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from docx.oxml.ns import qn

from zsht.render.package import W_NS

from ..mini_county import MiniCounty
from .helpers import all_text, open_docx
from .test_template_limits import write_reference

CATALOG_NOTICE = "notices/2015/GS-2015-catalog.yaml"
BLANKS = ("发布单位", "年  月  日", "    年")


def _texts(folder: Path, pattern: str) -> dict[str, str]:
    """The text of every rendered notice matching `pattern`, by format."""
    found = {}
    for path in folder.rglob(pattern):
        found[path.suffix] = all_text(open_docx(path)) if path.suffix == ".docx" else path.read_text(encoding="utf-8")
    assert set(found) == {".docx", ".html", ".md"}, found
    return found


def test_a_catalog_notice_without_a_record_takes_its_facts_from_the_catalog_stage(
        cli: Any, mini: MiniCounty, tmp_path: Path) -> None:
    mini.remove(CATALOG_NOTICE)
    result = cli("-C", mini.root, "render", "notice", "catalog", "--year", "2015", "-o", tmp_path)
    assert result.exit_code == 0, result.output
    for fmt, text in _texts(tmp_path, "关于*的公示.*").items():
        for blank in BLANKS:
            assert blank not in text, (fmt, blank)
        # the 社会公示 stage of the catalogs: 2014-12-10 until 2014-12-19, run by 县民政局
        assert "公示期为2014年12月10日至2014年12月19日" in text, fmt
        assert "反映：县民政局" in text, fmt
    paragraphs = [p.text for p in open_docx(next(tmp_path.rglob("*.docx"))).paragraphs]
    assert paragraphs[-2:] == ["县民政局", "2014年12月10日"]  # the signature: issuer and date, no blanks


def test_zsht_yaml_names_the_issuer_and_the_contact_office(cli: Any, mini: MiniCounty, tmp_path: Path) -> None:
    mini.remove(CATALOG_NOTICE)
    mini.edit("zsht.yaml", lambda d: d.update(notice={"issuer": "测试县民政局", "contact": "测试县民政局基层政权科（电话 0518-1）"}))
    result = cli("-C", mini.root, "render", "notice", "catalog", "--year", "2015", "-o", tmp_path)
    assert result.exit_code == 0, result.output
    paragraphs = [p.text for p in open_docx(next(tmp_path.rglob("*.docx"))).paragraphs]
    assert paragraphs[-2:] == ["测试县民政局", "2014年12月10日"]
    assert any(p.endswith("反映：测试县民政局基层政权科（电话 0518-1）") for p in paragraphs), paragraphs


def test_without_a_record_or_a_notice_stage_the_notice_is_refused_naming_what_to_fill_in(
        cli: Any, mini: MiniCounty, tmp_path: Path) -> None:
    mini.remove(CATALOG_NOTICE)
    for catalog in ("catalogs/duty/2015.yaml", "catalogs/assist/2015.yaml"):  # discussed, not yet put up
        mini.edit(catalog, lambda d: d.update(stages=[s for s in d["stages"] if s["stage"] not in ("社会公示", "发布")]))
    result = cli("-C", mini.root, "render", "notice", "catalog", "--year", "2015", "-o", tmp_path)
    assert result.exit_code == 1
    [line] = [line for line in result.output.splitlines() if line.startswith("未生成")]
    assert "notices/2015/" in line and "社会公示" in line and "Traceback" not in result.output
    assert not list(tmp_path.rglob("*.docx"))


def test_an_evaluation_notice_without_a_record_is_dated_by_the_evaluations(
        cli: Any, mini: MiniCounty, tmp_path: Path) -> None:
    mini.edit("zsht.yaml", lambda d: d.update(notice={"contact": "测试县民政局（电话 0518-1）"}))
    result = cli("-C", mini.root, "render", "notice", "evaluation", "--township", "niushan", "-o", tmp_path)
    assert result.exit_code == 0, result.output
    for fmt, text in _texts(tmp_path, "评估结果公示.*").items():
        for blank in BLANKS:
            assert blank not in text, (fmt, blank)
        # evaluated 2015-12-20; the county's 7 days, both ends counted
        assert "公示期为2015年12月20日至2015年12月26日" in text, fmt
        assert "反映：牛山街道，或测试县民政局（电话 0518-1）" in text, fmt


def _survey(mini: MiniCounty, community: str, survey: float) -> None:
    """Give a committee another satisfaction survey score, and store the result zsht then computes."""
    mini.edit(f"evaluations/2015/niushan/{community}.yaml", lambda d: d.update(survey=survey))
    mini._settle_results()


def _score_rows(path: Path) -> list[list[str]]:
    [table] = open_docx(path).tables
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_scores_are_ranked_with_two_decimals(cli: Any, mini: MiniCounty, tmp_path: Path) -> None:
    _survey(mini, "niushan-xinhua", 40)  # 新华 comes first in the registry, but scores lower
    result = cli("-C", mini.root, "render", "notice", "evaluation", "--township", "niushan", "-o", tmp_path)
    assert result.exit_code == 0, result.output
    rows = _score_rows(next(tmp_path.rglob("*.docx")))
    assert rows[0][:4] == ["名次", "村（居）委会", "履约得分", "履职得分"]
    assert [row[:4] for row in rows[1:]] == [["1", "前进村民委员会", "89.60", "91.00"],
                                             ["2", "新华社区居民委员会", "80.00", "91.00"]]


def test_tied_scores_share_a_rank_marked_as_a_tie(cli: Any, mini: MiniCounty, tmp_path: Path) -> None:
    # both committees of 牛山 were scored alike
    result = cli("-C", mini.root, "render", "notice", "evaluation", "--township", "niushan", "-o", tmp_path)
    assert result.exit_code == 0, result.output
    docx_file = next(tmp_path.rglob("*.docx"))
    assert [row[:3] for row in _score_rows(docx_file)[1:]] == [["1（并列）", "新华社区居民委员会", "89.60"],
                                                               ["1（并列）", "前进村民委员会", "89.60"]]
    page = docx_file.with_suffix(".html").read_text(encoding="utf-8")
    assert len(re.findall(r"<td>1（并列）</td>", page)) == 2
    assert docx_file.with_suffix(".md").read_text(encoding="utf-8").count("| 1（并列） |") == 2


def test_every_numbered_heading_of_the_catalog_notice_is_indented_two_characters(
        cli: Any, mini: MiniCounty, tmp_path: Path) -> None:
    """Indented in the paragraph itself, so a county's reference.docx whose 标题 1 has no indent keeps it."""
    write_reference(mini, {"word/styles.xml": (
        f'<w:styles xmlns:w="{W_NS}"><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/>'
        "</w:style></w:styles>").encode()})
    result = cli("-C", mini.root, "render", "notice", "catalog", "--year", "2015", "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    document = open_docx(next((tmp_path / "out").rglob("*.docx")))
    headings = [p for p in document.paragraphs if re.match("[一二三四五六七八九十]+、", p.text)]
    assert [p.text[:2] for p in headings] == ["一、", "二、", "三、", "四、"]
    body = next(p for p in document.paragraphs if p.text.startswith("按照"))
    for paragraph in [body, *headings]:  # 200 hundredths of a character: two characters, like the body text
        indent = paragraph._p.find(f"{qn('w:pPr')}/{qn('w:ind')}")
        assert indent is not None and indent.get(qn("w:firstLineChars")) == "200", paragraph.text
    page = next((tmp_path / "out").rglob("*.html")).read_text(encoding="utf-8")
    assert re.search(r"h2 \{[^}]*text-indent: 2em", page) and page.count("<h2>") == 2


def test_the_help_says_which_files_a_notice_writes(cli: Any) -> None:
    """The .md beside each notice is described where a user looks, not found by surprise."""
    for kind in ("catalog", "evaluation", "certificate"):
        result = cli("render", "notice", kind, "--help")
        assert result.exit_code == 0 and ".md（同一内容的 Markdown" in result.output, kind


def test_after_a_tie_the_next_rank_skips_the_shared_places() -> None:
    from zsht.render.notices import ResultRow, ranked, two_decimals

    rows = [ResultRow(name, two_decimals(Decimal(score)), "90.00", "良好", "0.00")
            for name, score in (("甲", "80"), ("乙", "85.001"), ("丙", "90.5"), ("丁", "84.995"))]
    assert [(row.community, row.performance, row.rank) for row in ranked(rows)] == [
        ("丙", "90.50", "1"), ("乙", "85.00", "2（并列）"), ("丁", "85.00", "2（并列）"), ("甲", "80.00", "4")]
