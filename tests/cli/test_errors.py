"""Errors speak Chinese: every kind of usage error, operating-system errors, and no openpyxl warnings."""

from __future__ import annotations

import datetime as dt
import errno
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from zsht.cli.app import ZshtGroup, usage_message
from zsht.oserrors import ERRNO_WORDS, os_error_message

from ..conftest import child_env
from ..mini_county import MiniCounty

ENGLISH = re.compile(r"\b(?:Usage|Error|Invalid|Missing|No such|Did you mean|does not|is not|required|Try|"
                     r"Permission|denied|exists|directory|argument|option|value|Input should)\b", re.IGNORECASE)


@pytest.mark.parametrize(("args", "expected"), [
    (["reprot"], "没有命令“reprot”（是不是要写 report？）（运行 zsht --help 查看用法）"),
    (["render", "agreemnt"], "没有命令“agreemnt”（是不是要写 agreement？）（运行 zsht render --help 查看用法）"),
    (["validate", "--format"], "选项 --format 后面要跟一个值（运行 zsht validate --help 查看用法）"),
    (["render", "agreement", "--all=yes"], "选项 --all 不带值（运行 zsht render agreement --help 查看用法）"),
    (["validate", "--format", "xml"],
     "--format / -f 的值不对：“xml”不是可选值，可选：text、json、github、sarif（运行 zsht validate --help 查看用法）"),
    (["score", "--year", "二〇一五"], "--year / -y 的值不对：应为整数（运行 zsht score --help 查看用法）"),
    (["render", "agreement", "--all", "--jobs", "0"],
     "--jobs / -j 的值不对：应不小于 1（运行 zsht render agreement --help 查看用法）"),
    (["sheet", "import", "nowhere.xlsx"], "评分表 的值不对：“nowhere.xlsx”不存在（运行 zsht sheet import --help 查看用法）"),
    (["sheet", "import", "."], "评分表 的值不对：“.”是目录，应为文件（运行 zsht sheet import --help 查看用法）"),
    (["validate", "--formt", "json"], "没有选项 --formt（是不是要写 --format？）（运行 zsht validate --help 查看用法）"),
    (["score"], "缺少 --year / -y（运行 zsht score --help 查看用法）"),
    (["history"], "缺少 记录编号（运行 zsht history --help 查看用法）"),
    (["validate", "a", "b"], "多余的参数：a b（运行 zsht validate --help 查看用法）"),
])
def test_each_kind_of_usage_error_is_one_chinese_line(cli: Any, args: list[str], expected: str) -> None:
    result = cli(*args)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == f"zsht: {expected}\n"
    assert not ENGLISH.search(result.stderr), result.stderr


def _toy() -> typer.Typer:
    """A command with the value types zsht does not use yet: dates, decimals, flags, a callback's own words."""
    toy = typer.Typer(cls=ZshtGroup, rich_markup_mode=None)

    def even(value: int | None) -> int | None:
        if value is not None and value % 2:
            raise typer.BadParameter("应为偶数")
        return value

    @toy.command("when")
    def when(day: dt.datetime = typer.Option(None, "--day"), ratio: float = typer.Option(0.5, "--ratio", max=1),
             count: int = typer.Option(None, "--count", callback=even)) -> None:
        """示例。例：toy when"""

    @toy.command("other")
    def other() -> None:
        """另一个。例：toy other"""

    return toy


@pytest.mark.parametrize(("args", "expected"), [
    (["when", "--day", "2015-02-30"], "--day 的值不对：“2015-02-30”不是有效的日期或时间"),
    (["when", "--ratio", "abc"], "--ratio 的值不对：应为数字"),
    (["when", "--ratio", "2"], "--ratio 的值不对：应不大于 1"),
    (["when", "--count", "3"], "--count 的值不对：应为偶数"),
])
def test_value_types_zsht_may_use_later_are_chinese_too(args: list[str], expected: str) -> None:
    result = CliRunner().invoke(_toy(), args)
    assert result.exit_code == 2 and result.stderr.startswith(f"zsht: {expected}"), result.output
    assert not ENGLISH.search(result.stderr), result.stderr


def test_a_usage_error_zsht_does_not_know_is_not_shown_in_english() -> None:
    from typer._click.exceptions import UsageError

    assert usage_message(UsageError("Some future click message.")) == "命令行写得不对（运行 zsht --help 查看用法）"
    # A message zsht wrote is shown as it is: one Chinese character, at either end of the range, makes it ours.
    for ours in ("选项冲突", "x 㐀", "x 鿿"):
        assert usage_message(UsageError(ours)) == f"{ours}（运行 zsht --help 查看用法）"
    assert usage_message(UsageError("x \u33ff \ua000")).startswith("命令行写得不对")  # just outside U+3400–U+9FFF


def test_dash_c_on_a_file_says_it_is_not_a_directory(cli: Any, tmp_path: Path) -> None:
    (tmp_path / "plain.txt").write_text("x", encoding="utf-8")
    result = cli("-C", tmp_path / "plain.txt", "validate")
    assert result.exit_code == 2 and result.stderr == f"zsht: -C 指定的路径不是目录：{tmp_path / 'plain.txt'}\n"


def test_a_group_without_its_command_shows_its_help_in_chinese(cli: Any) -> None:
    result = cli("render")
    assert result.exit_code == 2
    assert result.stdout.startswith("用法：zsht render [选项] 命令 [参数]...") and "Usage" not in result.output


def test_oserror_names_the_file_in_chinese(mini: MiniCounty, cli: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(root: Path) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", "agreements/2015/x.yaml")

    monkeypatch.setattr("zsht.cli.validate.validate", refuse)
    result = cli("-C", mini.root, "validate")
    assert result.exit_code == 2
    assert result.stderr == "zsht: 读写失败：agreements/2015/x.yaml：没有权限；请检查文件和所在目录的权限\n"


def test_an_output_path_under_a_file_is_one_chinese_line(mini: MiniCounty, cli: Any, tmp_path: Path) -> None:
    (tmp_path / "plain.txt").write_text("x", encoding="utf-8")
    target = tmp_path / "plain.txt" / "out.xlsx"
    result = cli("-C", mini.root, "score", "--year", "2015", "-o", target)
    assert result.exit_code == 2
    line = result.stderr.strip()
    assert len(result.stderr.splitlines()) == 1 and line.startswith("zsht: ") and "plain.txt" in line
    said = line.removeprefix("zsht: ").replace(str(tmp_path), "").replace("plain.txt", "").replace("out.xlsx", "")
    assert not re.search(r"[A-Za-z]{3,}", said), line


@pytest.mark.parametrize("code", sorted(ERRNO_WORDS))
def test_every_mapped_errno_reads_chinese(code: int) -> None:
    line = os_error_message(OSError(code, "English words", "a/b.yaml"))
    assert line.startswith("a/b.yaml：") and not re.search(r"[A-Za-z]{3,}", line.removeprefix("a/b.yaml"))


def test_an_unknown_errno_and_a_rename_are_named() -> None:
    assert os_error_message(OSError(9999, "Odd")) == "系统错误 9999"
    assert os_error_message(OSError(errno.EXDEV, "x", "a.yaml", None, "b.yaml")) == "a.yaml → b.yaml：不能跨磁盘移动文件"


def _with_excel_extension(book: Path) -> None:
    """Add what Excel writes for its newer data validations, which openpyxl warns about and drops."""
    rewritten = book.with_suffix(".tmp")
    with zipfile.ZipFile(book) as source, zipfile.ZipFile(rewritten, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename.startswith("xl/worksheets/sheet"):
                data = data.replace(b"</worksheet>", b'<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" '
                                    b'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
                                    b"<x14:dataValidations count=\"0\"/></ext></extLst></worksheet>")
            target.writestr(item, data)
    rewritten.replace(book)


def test_openpyxl_warnings_do_not_reach_the_terminal(mini: MiniCounty, cli: Any, tmp_path: Path) -> None:
    book = tmp_path / "评分表.xlsx"
    assert cli("-C", mini.root, "sheet", "export", "--year", "2015", "-o", book).exit_code == 0
    _with_excel_extension(book)
    done = subprocess.run([sys.executable, "-m", "zsht", "-C", mini.root, "sheet", "import", book],
                          capture_output=True, text=True, check=False, env=child_env())
    assert done.returncode == 0 and "已写入 0 个评估记录，3 个未变" in done.stdout, done.stderr  # the export, unchanged
    assert "Warning" not in done.stderr and "extension" not in done.stderr, done.stderr
