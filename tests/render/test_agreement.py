"""`zsht render agreement`, read back with python-docx."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from docx.oxml.ns import qn

from ..conftest import EXAMPLE
from ..mini_county import MiniCounty
from .helpers import all_text, east_asian_font, open_docx

XINHUA = Path("2015/牛山街道/新华社区居民委员会.docx")


def render(cli: Any, mini: MiniCounty, out: Path, *args: str) -> Any:
    return cli("-C", mini.root, "render", "agreement", "-o", out, *args)


def test_one_agreement_holds_every_clause(cli: Any, mini: MiniCounty, tmp_path: Path) -> None:
    result = render(cli, mini, tmp_path / "out", "--community", "niushan-xinhua")
    assert result.exit_code == 0, result.output
    assert "生成 1 个" in result.stdout
    text = all_text(open_docx(tmp_path / "out" / XINHUA))
    for expected in ["2015年度协助政府工作协议书", "新华社区居民委员会", "东海县牛山街道办事处", "张三", "李四",
                     "协助做好最低生活保障申请受理和入户调查", "协助开展城乡居民养老保险参保登记",
                     "按要求完成协助做好最低生活保障申请受理和入户调查", "查阅台账，入户抽查", "县、镇两级业务培训",
                     "3,500.00元", "叁仟伍佰元整", "2015年3月31日", "1,750.00", "违约责任", "未履约的，按评估结果核减经费",
                     "争议解决", "2015年1月1日至2015年12月31日", "一式四份", "甲方（盖章）", "乙方（盖章）",
                     "2015年2月10日", "《中华人民共和国村民委员会组织法》"]:
        assert expected in text, expected
    assert "农村土地承包经营权" not in text  # not one of this committee's items


def test_page_setup_and_fonts_follow_gbt_9704(cli: Any, mini: MiniCounty, tmp_path: Path) -> None:
    assert render(cli, mini, tmp_path, "--community", "niushan-xinhua").exit_code == 0
    document = open_docx(tmp_path / XINHUA)
    section = document.sections[0]
    # A4 as Word writes it, in twentieths of a point (Mm(210) is 7560000 EMU and no whole twips value equals it)
    assert (section.page_width.twips, section.page_height.twips) == (11906, 16838)
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert (section.top_margin.twips, section.bottom_margin.twips) == (2098, 1984)
    assert (section.left_margin.twips, section.right_margin.twips) == (1588, 1474)
    assert east_asian_font(document, "Normal") == "仿宋_GB2312"
    assert east_asian_font(document, "Title") == "方正小标宋简体"
    assert east_asian_font(document, "Heading 1") == "黑体"
    assert east_asian_font(document, "Heading 2") == "楷体_GB2312"
    normal = document.styles["Normal"]
    assert normal.font.size.pt == 16 and document.styles["Title"].font.size.pt == 22
    spacing = normal.element.find(qn("w:pPr") + "/" + qn("w:spacing"))
    assert (spacing.get(qn("w:line")), spacing.get(qn("w:lineRule"))) == ("579", "exact")
    assert (spacing.get(qn("w:before")), spacing.get(qn("w:after"))) == ("0", "0")
    styles_xml = document.styles.element.xml
    assert 'w:eastAsia="zh-CN"' in styles_xml
    title = document.paragraphs[0]
    assert title.style.name == "Title" and title.text == "2015年度协助政府工作协议书"


def test_footer_has_page_numbers_odd_right_even_left(cli: Any, mini: MiniCounty, tmp_path: Path) -> None:
    assert render(cli, mini, tmp_path, "--community", "niushan-xinhua").exit_code == 0
    document = open_docx(tmp_path / XINHUA)
    section = document.sections[0]
    assert document.settings.odd_and_even_pages_header_footer
    for footer, side in ((section.footer, "right"), (section.even_page_footer, "left")):
        xml = footer._element.xml
        assert "PAGE" in xml and 'w:fldCharType="begin"' in xml
        assert footer.paragraphs[0].text.startswith("— ") and footer.paragraphs[0].text.endswith(" —")
        assert f'w:jc w:val="{side}"' in xml
    assert document.styles["Footer"].font.size.pt == 14


def test_rendering_twice_gives_the_same_bytes(cli: Any, mini: MiniCounty, tmp_path: Path) -> None:
    assert render(cli, mini, tmp_path / "a", "--all").exit_code == 0
    second = render(cli, mini, tmp_path / "b", "--all", "--jobs", "2")
    assert second.exit_code == 0
    for path in (tmp_path / "a").rglob("*"):
        if path.is_file():
            assert path.read_bytes() == (tmp_path / "b" / path.relative_to(tmp_path / "a")).read_bytes(), path
    again = render(cli, mini, tmp_path / "a", "--all")
    assert "生成 0 个，未变 3 个，失败 0 个" in again.stdout


def test_batch_renders_one_file_per_agreement_and_a_manifest(cli: Any, mini: MiniCounty, tmp_path: Path) -> None:
    result = render(cli, mini, tmp_path, "--township", "niushan")
    assert result.exit_code == 0, result.output
    files = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.docx"))
    assert files == ["2015/牛山街道/前进村民委员会.docx", "2015/牛山街道/新华社区居民委员会.docx"]
    manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert sorted(o["path"] for o in manifest["outputs"]) == files
    entry = next(o for o in manifest["outputs"] if o["path"] == files[1])
    assert "agreements/2015/niushan/niushan-xinhua.yaml" in entry["sources"]
    assert len(entry["sha256"]) == 64
    assert manifest["inputs"] == {"commit": None, "dirty": False} and manifest["failed"] == []


def test_whole_county(cli: Any, mini: MiniCounty, tmp_path: Path) -> None:
    assert render(cli, mini, tmp_path, "--all", "--year", "2015").exit_code == 0
    assert len(list(tmp_path.rglob("*.docx"))) == 3


def test_a_selection_is_required(cli: Any, mini: MiniCounty, tmp_path: Path) -> None:
    result = render(cli, mini, tmp_path)
    assert result.exit_code == 2 and "--all" in result.output


def test_record_with_validation_error_is_skipped_and_reported(cli: Any, mini: MiniCounty, tmp_path: Path) -> None:
    mini.edit("agreements/2015/niushan/niushan-qianjin.yaml", lambda d: d["items"].append({"id": "XZ-099"}))
    result = render(cli, mini, tmp_path, "--all")
    assert result.exit_code == 1
    assert "XY-2015-niushan-qianjin" in result.output and "校验错误" in result.output
    assert "失败 1 个" in result.stdout
    assert sorted(p.name for p in tmp_path.rglob("*.docx")) == ["东王村民委员会.docx", "新华社区居民委员会.docx"]
    manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert [f["record"] for f in manifest["failed"]] == ["XY-2015-niushan-qianjin"]


def test_names_cannot_escape_the_output_folder(cli: Any, mini: MiniCounty, tmp_path: Path) -> None:
    def rename(data: dict[str, Any]) -> None:
        data["communities"][0]["name"] = "../../x"
        data["communities"][1]["name"] = "/etc/evil"
    mini.edit("registry/communities/niushan.yaml", rename)
    mini.edit("registry/townships.yaml", lambda d: d["townships"][0].update(name=".."))
    out = tmp_path / "deep" / "out"
    result = render(cli, mini, out, "--all")
    assert result.exit_code == 0, result.output
    written = [p for p in tmp_path.rglob("*.docx")]
    assert len(written) == 3 and all(p.resolve().is_relative_to(out.resolve()) for p in written)


def test_unknown_community_is_a_usage_error(cli: Any, mini: MiniCounty, tmp_path: Path) -> None:
    result = render(cli, mini, tmp_path, "--community", "nowhere")
    assert result.exit_code == 2 and "没有符合条件的协议" in result.output


def test_font_table_names_substitutes_for_missing_gb_fonts(cli: Any, mini: MiniCounty, tmp_path: Path) -> None:
    import zipfile

    assert render(cli, mini, tmp_path, "--community", "niushan-xinhua").exit_code == 0
    with zipfile.ZipFile(tmp_path / XINHUA) as archive:
        fonts = archive.read("word/fontTable.xml").decode()
        assert "fontTable.xml" in archive.read("word/_rels/document.xml.rels").decode()
    assert '<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>' in fonts


def test_without_a_year_a_committee_gets_its_own_latest_agreement(cli: Any, tmp_path: Path) -> None:
    """The example county has 2026 agreements for 石梁河镇 only: 新华社区's latest is 2015's."""
    out = tmp_path / "out"
    result = cli("-C", EXAMPLE, "render", "agreement", "--community", "niushan-xinhua", "-o", out)
    assert result.exit_code == 0, result.output
    assert [p.relative_to(out).parts[:2] for p in out.rglob("*.docx")] == [("2015", "牛山街道")]
    result = cli("-C", EXAMPLE, "render", "agreement", "--township", "shilianghe", "-o", out)
    assert result.exit_code == 0, result.output
    assert {p.relative_to(out).parts[0] for p in out.rglob("*.docx")} == {"2015", "2026"}
