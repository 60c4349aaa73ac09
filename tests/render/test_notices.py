"""`zsht render notice catalog|evaluation`: Word and HTML."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..mini_county import MiniCounty
from .helpers import all_text, east_asian_font, open_docx


def test_catalog_notice(cli: Any, mini: MiniCounty, tmp_path: Path) -> None:
    result = cli("-C", mini.root, "render", "notice", "catalog", "--year", "2015", "-o", tmp_path)
    assert result.exit_code == 0, result.output
    document = open_docx(tmp_path / "2015" / "关于两份清单的公示.docx")
    text = all_text(document)
    for expected in ["关于两份清单的公示", "召集村（居）民会议", "调解民间纠纷", "协助开展城乡居民养老保险参保登记",
                     "测试县人力资源和社会保障局", "2014年12月10日至2014年12月19日", "县民政局基层政权科，电话 0518-00000000",
                     "测试县民政局"]:
        assert expected in text, expected
    assert east_asian_font(document, "Title") == "方正小标宋简体"
    page = (tmp_path / "2015" / "关于两份清单的公示.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and '<html lang="zh-CN">' in page
    assert "调解民间纠纷" in page and "2014年12月19日" in page and "<style>" in page
    assert "http" not in page.split("<body>")[0].replace('content="width', "")  # nothing fetched from elsewhere


def test_catalog_notice_is_county_wide(cli: Any, mini: MiniCounty, tmp_path: Path) -> None:
    result = cli("-C", mini.root, "render", "notice", "catalog", "--township", "niushan", "-o", tmp_path)
    assert result.exit_code == 2 and "--township" in result.output


def test_evaluation_notice_per_township(cli: Any, mini: MiniCounty, tmp_path: Path) -> None:
    result = cli("-C", mini.root, "render", "notice", "evaluation", "--year", "2015", "-o", tmp_path)
    assert result.exit_code == 0, result.output
    files = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("评估结果公示.*"))
    assert files == [f"2015/{town}/评估结果公示.{ext}" for town in ("牛山街道", "白塔埠镇") for ext in ("docx", "html", "md")]
    text = all_text(open_docx(tmp_path / "2015/牛山街道/评估结果公示.docx"))
    evaluation = mini.files["evaluations/2015/niushan/niushan-xinhua.yaml"]["result"]
    for expected in ["新华社区居民委员会", "前进村民委员会", "履约得分", "履职得分", evaluation["grade"],
                     f"{evaluation['settlement']:,.2f}", str(evaluation["performance"])]:
        assert expected in text, expected
    assert "东王村民委员会" not in text
    manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert len(manifest["outputs"]) == 6
    markdown = (tmp_path / "2015/牛山街道/评估结果公示.md").read_text(encoding="utf-8")
    assert markdown.startswith("# 牛山街道2015年度") and "| 新华社区居民委员会 |" in markdown


def test_evaluation_without_result_is_reported(cli: Any, mini: MiniCounty, tmp_path: Path) -> None:
    mini.edit("evaluations/2015/niushan/niushan-qianjin.yaml", lambda d: d.pop("result"))
    result = cli("-C", mini.root, "render", "notice", "evaluation", "--township", "niushan", "-o", tmp_path)
    assert result.exit_code == 1
    assert "PG-2015-niushan-qianjin" in result.output
    text = all_text(open_docx(tmp_path / "2015/牛山街道/评估结果公示.docx"))
    assert "新华社区居民委员会" in text and "前进村民委员会" not in text


def test_notices_and_agreements_share_one_manifest(cli: Any, mini: MiniCounty, tmp_path: Path) -> None:
    assert cli("-C", mini.root, "render", "agreement", "--all", "-o", tmp_path).exit_code == 0
    assert cli("-C", mini.root, "render", "notice", "catalog", "-o", tmp_path).exit_code == 0
    manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert len(manifest["outputs"]) == 6  # three agreements; the catalog notice as docx, html and md


def test_render_commands_have_help(cli: Any) -> None:
    for command in (["render", "agreement"], ["render", "notice", "catalog"], ["render", "notice", "evaluation"]):
        result = cli(*command, "--help")
        assert result.exit_code == 0 and "例：" in result.output


def test_manifest_names_the_commit_and_a_dirty_work_tree(cli: Any, mini: MiniCounty, tmp_path: Path) -> None:
    import subprocess

    def git(*args: str) -> str:
        return subprocess.run(["git", "-C", str(mini.root), "-c", "user.name=T", "-c", "user.email=t@example.org",
                               *args], check=True, capture_output=True, text=True).stdout.strip()

    git("init", "-q")
    git("add", ".")
    git("commit", "-q", "-m", "county")
    out = tmp_path / "out"
    assert cli("-C", mini.root, "render", "agreement", "--all", "-o", out).exit_code == 0
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["inputs"] == {"commit": git("rev-parse", "HEAD"), "dirty": False}
    mini.edit("agreements/2015/niushan/niushan-xinhua.yaml", lambda d: d.update(breach="按约定核减经费"))
    assert cli("-C", mini.root, "render", "agreement", "--all", "-o", out).exit_code == 0
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["inputs"]["dirty"] is True


def test_notice_number_preamble_and_paragraphs(cli: Any, mini: MiniCounty, tmp_path: Path) -> None:
    mini.edit("notices/2015/GS-2015-catalog.yaml", lambda d: d.update(
        number="测民发〔2014〕12号", preamble="经县人民政府同意，现将两份清单公示如下。",
        paragraphs=["清单中的经费由县财政列入预算。", "公示结束后，清单由县人民政府发布。"]))
    result = cli("-C", mini.root, "render", "notice", "catalog", "--year", "2015", "-o", tmp_path)
    assert result.exit_code == 0, result.output
    document = open_docx(tmp_path / "2015" / "关于两份清单的公示.docx")
    paragraphs = [p.text for p in document.paragraphs]
    assert paragraphs[1] == "测民发〔2014〕12号" and document.paragraphs[1].alignment == 1  # centred
    assert "经县人民政府同意，现将两份清单公示如下。" in paragraphs and "按照“部门清理" not in all_text(document)
    extra = paragraphs.index("清单中的经费由县财政列入预算。")
    assert paragraphs[extra + 1] == "公示结束后，清单由县人民政府发布。" and paragraphs[extra + 2] == "三、公示期"
    for ext in ("html", "md"):
        page = (tmp_path / "2015" / f"关于两份清单的公示.{ext}").read_text(encoding="utf-8")
        positions = [page.index(text) for text in ("测民发〔2014〕12号", "经县人民政府同意", "调解民间纠纷",
                                                   "清单中的经费", "公示结束后", "公示期为")]
        assert positions == sorted(positions), ext
    markdown = (tmp_path / "2015" / "关于两份清单的公示.md").read_text(encoding="utf-8")
    assert "\n\n测民发〔2014〕12号\n\n经县人民政府同意" in markdown and "\n\n清单中的经费由县财政列入预算。\n\n" in markdown


def test_a_year_without_evaluations_is_one_line(cli: Any, mini: MiniCounty, tmp_path: Path) -> None:
    result = cli("-C", mini.root, "render", "notice", "evaluation", "--year", "2013", "-o", tmp_path / "out")
    assert result.exit_code == 2 and "2013 年没有评估记录，无可公示" in result.output
    assert not (tmp_path / "out").exists()
