"""The evaluation notice never publishes draft scores: a draft is left out, or `--draft` marks every page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..mini_county import MiniCounty
from .helpers import all_text, open_docx

XINHUA = "evaluations/2015/niushan/niushan-xinhua.yaml"


def _draft(mini: MiniCounty) -> None:
    mini.edit(XINHUA, lambda d: (d.pop("publication"), d.update(status="草稿")))  # its stored result stays


def test_a_draft_is_not_published(cli: Any, mini: MiniCounty, tmp_path: Path) -> None:
    _draft(mini)
    result = cli("-C", mini.root, "render", "notice", "evaluation", "--township", "niushan", "-o", tmp_path)
    assert result.exit_code == 1
    assert "未生成 PG-2015-niushan-xinhua：评估仍是草稿（未评定），不得公示" in result.stderr
    document = open_docx(tmp_path / "2015/牛山街道/评估结果公示.docx")
    text = all_text(document)
    assert "前进村民委员会" in text and "新华社区居民委员会" not in text
    assert not any(p.text for p in document.sections[0].header.paragraphs)  # a finalized notice: no mark


def test_draft_notice_is_marked_on_every_page(cli: Any, mini: MiniCounty, tmp_path: Path) -> None:
    _draft(mini)
    result = cli("-C", mini.root, "render", "notice", "evaluation", "--township", "niushan", "--draft",
                 "-o", tmp_path)
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "2015/牛山街道/评估结果公示.docx").exists()  # never taken for the notice itself
    document = open_docx(tmp_path / "2015/牛山街道/评估结果公示（征求意见稿）.docx")
    section = document.sections[0]
    # odd and even pages (the document has different odd and even footers) carry the mark in their header
    for header in (section.header, section.even_page_header):
        assert not header.is_linked_to_previous
        assert [p.text for p in header.paragraphs] == ["征求意见稿"]
    assert document.paragraphs[0].text.replace("\n", "").endswith("评估结果公示（征求意见稿）")  # title lines joined
    assert "新华社区居民委员会" in all_text(document) and "前进村民委员会" in all_text(document)
    markdown = (tmp_path / "2015/牛山街道/评估结果公示（征求意见稿）.md").read_text(encoding="utf-8")
    assert markdown.splitlines()[0].endswith("（征求意见稿）")
    html = (tmp_path / "2015/牛山街道/评估结果公示（征求意见稿）.html").read_text(encoding="utf-8")
    assert "（征求意见稿）" in html


def test_draft_notice_is_reproducible(cli: Any, mini: MiniCounty, tmp_path: Path) -> None:
    _draft(mini)
    outputs = []
    for run in ("a", "b"):
        assert cli("-C", mini.root, "render", "notice", "evaluation", "--draft", "-o", tmp_path / run).exit_code == 0
        outputs.append((tmp_path / run / "2015/牛山街道/评估结果公示（征求意见稿）.docx").read_bytes())
    assert outputs[0] == outputs[1]
