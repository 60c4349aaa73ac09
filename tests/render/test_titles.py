"""Titles broken at word boundaries into balanced lines (GB/T 9704-2012 7.3.3), in .docx and .html alike."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from zsht.render.titles import TITLE_CHARS, title_lines, width

from ..mini_county import MiniCounty
from .helpers import open_docx

TWO_CATALOGS = "关于《东海县村（居）民委员会依法履行职责事项》和《东海县村（居）民委员会协助政府工作事项》的公示"


def _hourglass(lengths: list[float]) -> bool:
    return any(lengths[i] < lengths[i - 1] and lengths[i] < lengths[i + 1] for i in range(1, len(lengths) - 1))


def test_a_short_title_is_one_line() -> None:
    assert title_lines("关于两份清单的公示") == ("关于两份清单的公示",)
    assert title_lines("x" * 40) == ("x" * 40,)  # ASCII is half as wide: 40 letters fill one line


def test_a_title_breaks_before_a_book_title_that_fits_on_its_own_line() -> None:
    lines = title_lines("东海县人民政府关于印发《东海县推行政社互动操作办法》的通知")
    assert lines == ("东海县人民政府关于印发", "《东海县推行政社互动操作办法》的通知")


def test_a_long_bracketed_note_goes_to_a_line_of_its_own_not_the_name_before_it() -> None:
    assert title_lines("2015年度协助政府工作协议书（新华社区居民委员会）") == (
        "2015年度协助政府工作协议书", "（新华社区居民委员会）")


def test_two_catalog_names_break_at_words_in_a_balanced_shape() -> None:
    lines = title_lines(TWO_CATALOGS)
    assert "".join(lines) == TWO_CATALOGS
    assert all(width(line) <= TITLE_CHARS for line in lines)
    assert not _hourglass([width(line) for line in lines])
    assert lines[0] == "关于《东海县村（居）民委员会"  # never "…依法履行职责 / 事项》": the break is after a name
    for line in lines:  # the 村（居） annotation stays with its word, and no line starts with a closing mark
        assert not line.startswith(("民", "）", "》", "，")) and not line.endswith(("（", "《"))


def test_a_title_of_punctuation_only_still_breaks() -> None:
    assert "".join(title_lines("，" * 45)) == "，" * 45


@given(st.text(alphabet="关于《》和的与东海县村（居）民委员会依法履行职责事项协助政府工作公示，2015年度ab", min_size=1, max_size=80))
@settings(max_examples=60, deadline=None)
def test_any_title_keeps_its_text_and_fits_the_line(title: str) -> None:
    title = title.strip() or "公示"
    lines = title_lines(title)
    assert "".join(lines) == title
    assert all(width(line) <= TITLE_CHARS for line in lines)


def test_the_notice_title_is_broken_alike_in_docx_and_html(cli: Any, mini: MiniCounty, tmp_path: Path) -> None:
    mini.edit("notices/2015/GS-2015-catalog.yaml", lambda d: d.update(title=TWO_CATALOGS))
    result = cli("-C", mini.root, "render", "notice", "catalog", "--year", "2015", "-o", tmp_path)
    assert result.exit_code == 0, result.output
    [docx_file] = tmp_path.rglob("*.docx")
    title = open_docx(docx_file).paragraphs[0]
    assert title.style.name == "Title" and tuple(title.text.split("\n")) == title_lines(TWO_CATALOGS)
    page = docx_file.with_suffix(".html").read_text(encoding="utf-8")
    assert f"<h1>{'<br>'.join(title_lines(TWO_CATALOGS))}</h1>" in page
