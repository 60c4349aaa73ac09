"""`zsht recode`: a file is rewritten only when its encoding is certain; `--from` names it otherwise."""

from __future__ import annotations

import codecs
from pathlib import Path
from typing import Any

import pytest

from .mini_county import MiniCounty

AGREEMENT = "agreements/2015/niushan/niushan-xinhua.yaml"
TRADITIONAL = "title: 協助政府工作協議書\nparty_a: 東海縣牛山街道辦事處\nparty_b: 新華社區居民委員會\nnote: 雙方經協商一致，訂立本協議。\n"


def test_a_big5_file_is_recoded_as_big5_not_gb18030_mojibake(tmp_path: Path, cli: Any) -> None:
    path = tmp_path / "big5.yaml"
    path.write_bytes(TRADITIONAL.encode("big5"))
    result = cli("recode", path)
    assert result.exit_code == 0, result.output
    assert "BIG5" in result.output and path.read_text(encoding="utf-8") == TRADITIONAL


@pytest.mark.parametrize(("mark", "body", "label"), [
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"), (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"), (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
])
def test_a_byte_order_mark_is_read_longest_first(mini: MiniCounty, cli: Any, mark: bytes, body: str,
                                                 label: str) -> None:
    """The UTF-32 LE mark begins with the UTF-16 LE one: read as UTF-16, the file became text full of NULs."""
    path = mini.root / AGREEMENT
    original = path.read_text(encoding="utf-8")
    path.write_bytes(mark + original.encode(body))
    result = cli("recode", path)
    assert result.exit_code == 0 and f"{label} → UTF-8" in result.output, result.output
    assert path.read_text(encoding="utf-8") == original
    assert cli.findings(mini.root) == []


def test_gbk_traditional_text_is_not_certain_and_left_alone(tmp_path: Path, cli: Any) -> None:
    """GB18030 decodes it, but into characters simplified text seldom uses: ask rather than guess."""
    path = tmp_path / "x.yaml"
    raw = TRADITIONAL.encode("gb18030")
    path.write_bytes(raw)
    result = cli("recode", path)
    assert result.exit_code == 1 and "无法确定文件编码" in result.output and "--from" in result.output
    assert path.read_bytes() == raw
    assert cli("recode", "--from", "gb18030", path).exit_code == 0
    assert path.read_text(encoding="utf-8") == TRADITIONAL


def test_nul_bytes_without_a_mark_are_refused(tmp_path: Path, cli: Any) -> None:
    path = tmp_path / "x.yaml"
    raw = "id: 东海县\n".encode("utf-16-le")
    path.write_bytes(raw)
    result = cli("recode", path)
    assert result.exit_code == 1 and "NUL" in result.output and path.read_bytes() == raw
    assert cli("recode", "--from", "utf-16-le", path).exit_code == 0
    assert path.read_text(encoding="utf-8") == "id: 东海县\n"


def test_a_wrong_from_leaves_the_file_alone(tmp_path: Path, cli: Any) -> None:
    path = tmp_path / "x.yaml"
    raw = codecs.BOM_UTF32_LE + "id: 东海县\n".encode("utf-32-le")
    path.write_bytes(raw)
    result = cli("recode", "--from", "utf-16", path)
    assert result.exit_code == 1 and "控制字符 U+0000" in result.output
    assert path.read_bytes() == raw


def test_an_unknown_encoding_name_is_a_usage_error(tmp_path: Path, cli: Any) -> None:
    path = tmp_path / "x.yaml"
    path.write_bytes("id: 东海县\n".encode("gbk"))
    result = cli("recode", "--from", "klingon", path)
    assert result.exit_code == 2 and "不认识的编码名称“klingon”" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_one_uncertain_file_does_not_stop_the_others(tmp_path: Path, cli: Any) -> None:
    uncertain, gbk = tmp_path / "a.yaml", tmp_path / "b.yaml"
    uncertain.write_bytes(TRADITIONAL.encode("gb18030"))
    gbk.write_bytes("name: 新华社区居民委员会\n".encode("gbk"))
    result = cli("recode", uncertain, gbk)
    assert result.exit_code == 1
    assert gbk.read_text(encoding="utf-8") == "name: 新华社区居民委员会\n"


def test_a_fifo_or_symlink_is_not_read_or_replaced(tmp_path: Path, cli: Any) -> None:
    import os

    target = tmp_path / "target.yaml"
    target.write_bytes("name: 新华社区居民委员会\n".encode("gbk"))
    link, fifo = tmp_path / "link.yaml", tmp_path / "fifo.yaml"
    link.symlink_to(target)
    os.mkfifo(fifo)
    result = cli("recode", link, fifo)
    assert result.exit_code == 1 and result.output.count("不是普通文件") == 2, result.output
    assert link.is_symlink() and fifo.is_fifo()
