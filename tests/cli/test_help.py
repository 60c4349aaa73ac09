"""`--help` pages are Chinese throughout, show each command's whole summary, and fit an 80-column terminal."""

from __future__ import annotations

import re
from typing import Any

import pytest
import typer.main

from zsht.cli import app
from zsht.cli.helpformat import summary, width, wrap

# Words that are names, not English: programs, formats, standards, encodings (Big5, gb18030, utf-8), and the
# literal values one types.
ALLOWED = {
    "zsht", "git", "YAML", "Word", "PDF", "HTML", "JSON", "Schema", "schema", "Excel", "LibreOffice", "Markdown",
    "GB", "GBK", "GB18030", "UTF", "Big", "gb", "big", "utf", "CPU", "CI", "pre", "commit", "Python", "BASE", "HEAD", "main",
    "result",  # a record field, named as it is written in the YAML
}


def _commands(group: Any, prefix: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], Any]]:
    found = [(prefix, group)]
    for name, command in getattr(group, "commands", {}).items():
        found.extend(_commands(command, (*prefix, name)))
    return found


COMMANDS = _commands(typer.main.get_command(app))


def _typed_words(command: Any) -> set[str]:
    """The words a user types on this page: zsht's command names and the values of its choice options."""
    words = {name for path, _ in COMMANDS for name in path}
    for param in command.params:
        words.update(str(getattr(c, "value", c)) for c in getattr(param.type_descriptor, "choices", None) or ())
    return words


def _english_words(page: str, command: Any) -> list[str]:
    text = re.sub(r"例：.*", "", page)  # examples are command lines, quoted as typed
    text = re.sub(r"(?<![\w-])-{1,2}[A-Za-z][\w-]*", "", text)  # option names
    text = re.sub(r"[\w.-]*[./][\w./-]*", "", text)  # file names, extensions, paths, dotted names
    text = re.sub(r"\b(?:ZS|XZ|XY|BC|PG|LZ)-?[\w-]+", "", text)  # rule and record ids
    text = re.sub(r"\[默认：[^\]]*\]", "", text)  # default values, as typed
    allowed = ALLOWED | _typed_words(command)
    return [w for w in re.findall(r"[A-Za-z]+", text) if w not in allowed]


def _page(cli: Any, path: tuple[str, ...]) -> str:
    result = cli(*path, "--help")
    assert result.exit_code == 0, result.output
    return str(result.stdout)


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=[" ".join(p) or "zsht" for p, _ in COMMANDS])
def test_help_page_has_no_english(cli: Any, path: tuple[str, ...], command: Any) -> None:
    page = _page(cli, path)
    assert page.startswith(f"用法：zsht {' '.join(path)}".rstrip() + " ")
    assert "选项：" in page and "显示本帮助并退出" in page
    assert _english_words(page, command) == [], page


def test_notes_and_value_types_are_chinese(cli: Any) -> None:
    page = _page(cli, ("render", "agreement"))
    assert "-o, --output <路径>" in page and "[默认：out]" in page
    assert "-j, --jobs <整数>" in page and "[不小于 1]" in page
    draft = _page(cli, ("draft",))
    assert "-y, --year <整数>" in draft and "[必填]" in draft and "<文本>" in draft
    imports = _page(cli, ("sheet", "import"))
    assert "参数：" in imports and "评分表 <文件>" in imports
    assert "<路径>..." in _page(cli, ("recode",))
    assert "<text|json|github|sarif>" in _page(cli, ("validate",))  # choices are the values to type
    assert "用法：zsht [选项] 命令 [参数]..." in _page(cli, ())


@pytest.mark.parametrize(("path", "group"), [(p, c) for p, c in COMMANDS if getattr(c, "commands", None)],
                         ids=lambda v: " ".join(v) if isinstance(v, tuple) else "")
def test_command_list_shows_whole_summaries(cli: Any, path: tuple[str, ...], group: Any) -> None:
    page = _page(cli, path)
    listing = "".join(page.split("命令：\n", 1)[1].split())  # wrapped lines joined back
    for name, command in group.commands.items():
        whole = "".join(summary(command.help).split())
        assert whole and f"{name}{whole}" in listing, (name, whole)
    assert "..." not in page.split("命令：\n", 1)[1]


def test_summary_is_the_first_sentence_not_the_example() -> None:
    assert summary("生成协议书（.docx）。例：zsht render agreement -o out") == "生成协议书（.docx）。"
    assert summary("起草协议：每个\n    村一份。\n\n详细说明。") == "起草协议：每个村一份。"


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=[" ".join(p) or "zsht" for p, _ in COMMANDS])
def test_help_fits_eighty_columns(cli: Any, path: tuple[str, ...], command: Any) -> None:
    too_wide = [line for line in _page(cli, path).splitlines() if width(line) > 80]
    assert too_wide == []


def test_wrap_keeps_words_whole_and_punctuation_off_the_line_start() -> None:
    lines = wrap("只报告自该 git 版本以来改动的记录，如 --changed-since main", 24)
    assert all(width(line) <= 26 for line in lines)
    assert "--changed-since" in " ".join(lines) and not any(line.startswith(("，", "。")) for line in lines)
    assert "".join(lines).replace(" ", "") == "只报告自该git版本以来改动的记录，如--changed-sincemain"


def test_a_plainly_named_command_is_built_alone_and_anything_else_gets_the_whole_application() -> None:
    from zsht.cli.app import app, only_the_command

    lean = only_the_command(["-C", "somewhere", "--traceback", "validate", "--format", "json"])
    assert [info.name for info in lean.registered_commands] == ["validate"] and not lean.registered_groups
    render = only_the_command(["-Csomewhere", "render", "agreement", "--all"])
    assert [info.name for info in render.registered_groups] == ["render"] and not render.registered_commands
    for args in ([], ["--help", "validate"], ["--version"], ["validat"], ["-C"], ["--", "validate"]):
        assert only_the_command(args) is app, args
    assert len(app.registered_commands) > 10  # pruning works on a copy: the application itself keeps every command
