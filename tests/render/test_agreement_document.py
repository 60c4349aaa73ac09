"""The agreement a clerk signs without retouching (issue 15): attachments, the county's number, one thing per
clause, the funding line, no clause twice, GB/T 15834 punctuation, a signature block that never stands alone."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from docx.document import Document
from docx.oxml.ns import qn

from ..conftest import EXAMPLE, Cli
from ..mini_county import MiniCounty
from .helpers import all_text, open_docx
from .test_agreement import XINHUA, render

EXAMPLE_XINHUA = Path("2015/牛山街道/新华社区居民委员会.docx")


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Document:
    """新华社区's 2015 agreement of the example county, rendered once for the tests that read it."""
    out = tmp_path_factory.mktemp("example")
    result = Cli()("-C", EXAMPLE, "render", "agreement", "--community", "niushan-xinhua", "--year", "2015", "-o", out)
    assert result.exit_code == 0, result.output
    return open_docx(out / EXAMPLE_XINHUA)


def texts(document: Document) -> list[str]:
    return [paragraph.text for paragraph in document.paragraphs]


def test_attachments_are_present_and_referenced(example: Document) -> None:
    lines = texts(example)
    assert "附件：1. 协助政府工作事项清单" in lines and "　　　2. 履职履约双向评估办法" in lines
    assert any("事项清单见附件1" in line for line in lines) and any("按附件2执行" in line for line in lines)
    # GB/T 9704: the 附件 line after the body, before the signature; each attachment on its own page.
    body_end = lines.index("附件：1. 协助政府工作事项清单")
    assert lines.index("附件1") > body_end and lines.index("附件2") > lines.index("附件1")
    assert lines[lines.index("附件1") + 2] == "协助政府工作事项清单"
    assert example.paragraphs[lines.index("附件1") + 2].style.name == "Title"
    assert lines[lines.index("附件2") + 2] == "履职履约双向评估办法"
    items = next(t for t in example.tables if t.rows[0].cells[0].text == "序号" and len(t.columns) == 5)
    assert [cell.text for cell in items.rows[0].cells] == ["序号", "委托事项", "主管部门", "目标要求", "经费（元）"]
    assert items.rows[1].cells[1].text == "最低生活保障申请受理协助、入户调查和民主评议公示"
    assert items.rows[1].cells[2].text == "东海县民政局" and items.rows[1].cells[4].text == "3,200.00"
    assert [cell.text for cell in items.rows[-1].cells] == ["合计", "", "", "", "20,400.00"]
    text = all_text(example)
    assert "ZF-05" in text and "随事项下放的权限和工作条件落实到位" in text  # 附件2 from zsht.yaml's criteria
    assert "良好：80分以上不满90分，按100%兑现经费。" in lines and "优秀：90分以上，按110%兑现经费。" in lines


def test_number_pattern_applied_and_id_kept_in_the_record(example: Document) -> None:
    lines = texts(example)
    # 牛山街道 is the first township of the registry; 新华社区 its second committee with a 2015 agreement
    # (registry/communities/niushan.yaml: niushan-heping, niushan-xinhua, …).
    assert "协议编号：东民协〔2015〕1-2号" in lines
    assert "XY-2015-niushan-xinhua" not in all_text(example)
    assert "id: XY-2015-niushan-xinhua" in (EXAMPLE / "agreements/2015/niushan/niushan-xinhua.yaml").read_text("utf-8")


def test_each_clause_says_one_thing_and_funding_reads_as_written(example: Document) -> None:
    lines = texts(example)
    first = lines.index("（一）最低生活保障申请受理协助、入户调查和民主评议公示")
    clauses = lines[first + 1:lines.index("（二）临时救助和特困人员供养申请协助")]
    guidance = next(line for line in clauses if line.startswith("3. 甲方提供的条件和指导："))
    assert "受理低保申请" not in guidance  # the powers handed over are the committee's, not 甲方's
    assert "4. 随事项下放的权限和工作条件：受理低保申请并出具初审意见；" in "\n".join(clauses)
    assert clauses[-1] == "5. 经费保障：工作经费3,200.00元/年，由县财政社会救助工作经费列支；年初拨付50%，年终评估后结清。"
    for line in lines:
        assert not re.search(r"（[^（）]*（", line.replace("村（居）", "")), line  # no bracket inside a bracket
        assert "元（元" not in line and "村（居）·年" not in line, line


def test_no_clause_twice_and_dispute_names_the_office(example: Document) -> None:
    lines = texts(example)
    evaluation = lines[lines.index("二、履约评估") + 1:lines.index("三、工作经费及支付")]
    assert sum(line.count("甲方") and ("履职情况" in line) for line in evaluation) == 1
    breach = lines[lines.index("四、违约责任") + 1:lines.index("五、争议解决")]
    assert "".join(breach).count("有权拒绝") == 1
    disputes = lines[lines.index("五、争议解决") + 1]
    assert "县政社互动工作领导小组办公室（县民政局）" in disputes and "县（市、区）民政部门" not in all_text(example)


def test_no_enumeration_comma_between_titles(example: Document) -> None:
    text = all_text(example)
    assert "《社会救助暂行办法》《城市居民最低生活保障条例》" in text
    assert "》、《" not in text and "”、“" not in text


def _properties(paragraph: Any) -> set[str]:
    ppr = paragraph._p.pPr
    return {child.tag for child in ppr} if ppr is not None else set()


def test_signature_block_is_kept_with_the_last_body_paragraph(example: Document) -> None:
    lines = texts(example)
    last_body = next(p for p in example.paragraphs if p.text.startswith("本协议一式"))
    assert {qn("w:keepNext"), qn("w:keepLines")} <= _properties(last_body)
    for paragraph in example.paragraphs[lines.index(last_body.text):lines.index("　　　2. 履职履约双向评估办法") + 1]:
        assert qn("w:keepNext") in _properties(paragraph), paragraph.text
    signature = next(t for t in example.tables if t.rows[0].cells[0].text == "甲方（盖章）")
    for row in signature.rows:
        assert row._tr.trPr is not None and row._tr.trPr.find(qn("w:cantSplit")) is not None
    for row in signature.rows[:-1]:
        assert qn("w:keepNext") in _properties(row.cells[0].paragraphs[0])
    # room for the seals: blank lines between the names, the signatures and the date
    assert [row.cells[0].text for row in signature.rows] == [
        "甲方（盖章）", "东海县牛山街道办事处", "", "负责人（签字）：", "", "2015年3月6日"]


def test_without_the_new_settings_the_document_renders_with_plain_defaults(cli: Any, mini: MiniCounty,
                                                                           tmp_path: Path) -> None:
    mini.edit("agreements/2015/niushan/niushan-xinhua.yaml", lambda a: a.update(evaluation=None, copies=5))
    for out in ("a", "b"):
        result = render(cli, mini, tmp_path / out, "--community", "niushan-xinhua")
        assert result.exit_code == 0, result.output
    first, second = tmp_path / "a" / XINHUA, tmp_path / "b" / XINHUA
    assert first.read_bytes() == second.read_bytes()
    lines = texts(open_docx(first))
    assert "协议编号：XY-2015-niushan-xinhua" in lines  # no pattern: the id, as before
    text = "\n".join(lines)
    assert "另一份报测试县民政部门备案" in text and "县级民政部门" not in text and "县（市、区）" not in text
    assert text.count("进行评议") == 1  # the standard evaluation clause, once
    assert "5. 经费保障：工作经费2,000.00元/年，由县财政列支；年初拨付50%，评估后结清。" in lines


def test_a_drafted_dispute_clause_names_the_county_office(cli: Any, mini: MiniCounty) -> None:
    assert cli("-C", mini.root, "draft", "--year", "2016", "--community", "niushan-xinhua").exit_code == 0
    draft = (mini.root / "agreements/2016/niushan/niushan-xinhua.yaml").read_text("utf-8")
    assert "提请县民政局协调" in draft  # last year's clause carried over
    mini.edit("registry/communities/niushan.yaml",
              lambda d: d["communities"].append({"id": "niushan-xincun", "name": "新村村民委员会", "type": "村"}))
    assert cli("-C", mini.root, "draft", "--year", "2015", "--community", "niushan-xincun").exit_code == 0
    fresh = yaml.safe_load((mini.root / "agreements/2015/niushan/niushan-xincun.yaml").read_text("utf-8"))
    assert fresh["disputes"] == "双方协商解决；协商不成的，提请测试县民政部门协调。"
    mini.edit("zsht.yaml", lambda config: config.update(coordinating_office="测试县政社互动办"))
    (mini.root / "agreements/2015/niushan/niushan-xincun.yaml").unlink()
    assert cli("-C", mini.root, "draft", "--year", "2015", "--community", "niushan-xincun").exit_code == 0
    fresh = yaml.safe_load((mini.root / "agreements/2015/niushan/niushan-xincun.yaml").read_text("utf-8"))
    assert fresh["disputes"] == "双方协商解决；协商不成的，提请测试县政社互动办协调。" and "测试县政社互动办" in fresh["breach"]


def test_number_pattern_and_office_from_zsht_yaml(cli: Any, mini: MiniCounty, tmp_path: Path) -> None:
    def settings(config: dict[str, Any]) -> None:
        config.update(agreement_number="测民协〔{year}〕{township_seq:02d}-{seq}号", coordinating_office="测试县政社互动办")

    mini.edit("zsht.yaml", settings)
    mini.edit("agreements/2015/niushan/niushan-xinhua.yaml", lambda a: a.update(copies=5))
    result = render(cli, mini, tmp_path / "out", "--all", "--year", "2015")
    assert result.exit_code == 0, result.output
    numbers = {path.name: next(line for line in texts(open_docx(path)) if line.startswith("协议编号："))
               for path in (tmp_path / "out").rglob("*.docx")}
    assert numbers == {"新华社区居民委员会.docx": "协议编号：测民协〔2015〕01-1号",
                       "前进村民委员会.docx": "协议编号：测民协〔2015〕01-2号",
                       "东王村民委员会.docx": "协议编号：测民协〔2015〕02-1号"}
    assert "另一份报测试县政社互动办备案" in all_text(open_docx(tmp_path / "out" / XINHUA))
    supplement = cli("-C", mini.root, "render", "supplement", "--all", "--year", "2015", "-o", tmp_path / "supplement")
    assert supplement.exit_code == 0, supplement.output
    [amending] = (tmp_path / "supplement").rglob("*.docx")
    assert "2015年度协助政府工作协议书（协议编号：测民协〔2015〕01-2号）" in all_text(open_docx(amending))
    again = render(cli, mini, tmp_path / "out", "--all", "--year", "2015")
    assert "生成 0 个，未变 3 个" in again.stdout  # byte-identical with the settings too


@pytest.mark.parametrize(("pattern", "said"), [
    ("东民协〔{year}〕{town}-{seq}号", "占位符 {town} 不认识"),
    ("东民协〔{year}〕{seq}号", "缺少占位符 {township_seq}"),
    ("东民协〔{year}〕{township_seq}-{seq:s}号", "{seq:s} 的格式说明不对"),
    ("东民协〔{year〕{township_seq}-{seq}号", "花括号不成对"),
    ("{seq.__class__}{township_seq}", "不认识"),
])
def test_a_wrong_number_pattern_is_one_finding_on_zsht_yaml(cli: Any, mini: MiniCounty, pattern: str,
                                                             said: str) -> None:
    mini.edit("zsht.yaml", lambda config: config.update(agreement_number=pattern))
    found = [f for f in cli.findings(mini.root) if f["file"] == "zsht.yaml"]
    assert len(found) == 1 and said in found[0]["message"] and "协议编号格式" in found[0]["message"], found


def test_a_signed_agreement_states_its_recorded_powers_not_the_catalogs_later_ones(cli: Any, mini: MiniCounty,
                                                                                  tmp_path: Path) -> None:
    assert cli("-C", mini.root, "draft", "--year", "2016").exit_code == 0
    signed = cli("-C", mini.root, "sign", "--year", "2016", "--township", "niushan", "--date", "2016-02-10")
    assert signed.exit_code == 0, signed.output

    def later(catalog: dict[str, Any]) -> None:
        catalog["items"][0].update(guidance="改过的指导", authority=["改过的权限一", "改过的权限二"])

    mini.edit("catalogs/assist/2016.yaml", later)
    result = cli("-C", mini.root, "render", "agreement", "--year", "2016", "--all", "-o", tmp_path)
    assert result.exit_code == 0, result.output
    xinhua = texts(open_docx(tmp_path / "2016/牛山街道/新华社区居民委员会.docx"))
    dongwang = texts(open_docx(tmp_path / "2016/白塔埠镇/东王村民委员会.docx"))  # still a draft
    assert "3. 甲方提供的条件和指导：县、镇两级业务培训。" in xinhua
    assert "4. 随事项下放的权限和工作条件：查阅有关登记信息。" in xinhua and "改过的指导" not in "".join(xinhua)
    assert "3. 甲方提供的条件和指导：改过的指导。" in dongwang
    assert "4. 随事项下放的权限和工作条件：改过的权限一；改过的权限二。" in dongwang


def test_a_wrong_number_pattern_keeps_the_agreements_from_rendering(cli: Any, mini: MiniCounty,
                                                                   tmp_path: Path) -> None:
    mini.edit("zsht.yaml", lambda config: config.update(agreement_number="测民协{seq}号"))
    result = render(cli, mini, tmp_path, "--community", "niushan-xinhua")
    assert result.exit_code == 1
    assert "zsht.yaml" in result.output and "缺少占位符 {township_seq}" in result.output
    assert not list(tmp_path.rglob("*.docx"))  # never a document with a wrong number
    mini.edit("zsht.yaml", lambda config: config.update(agreement_number=None, plaques={"outside": -1}))
    assert render(cli, mini, tmp_path, "--community", "niushan-xinhua").exit_code == 0  # a setting it does not print
