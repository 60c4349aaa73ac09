"""County templates that misbehave: limits of time and size, symlinks out of the repository, a reference.docx
that is a zip bomb, and Jinja's English said in Chinese. Each is one line naming the template, never exit 70."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import pytest

from ..mini_county import MiniCounty
from .test_templates import LINE, agreement_with, override


def render_all(cli: Any, mini: MiniCounty, out: Path) -> Any:
    return cli("-C", mini.root, "render", "agreement", "--all", "-o", out, "--jobs", "1")


def one_line(result: Any) -> str:
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.output and "内部错误" not in result.output, result.output
    return str(lines[0])


@pytest.mark.parametrize(("line", "said"), [
    ("{{ 1 / 0 }}", "除以零"),
    ("{{ range(10**9) | length }}", "过大"),
    ("{{ range(1000000) | length }}", "range 有 1000000 项"),
    ('{{ "x" * 10**9 }}', "过大"),
    ("{{ 7 ** 99999999 }}", "指数"),
    ('{{ "x" | center(10**9) }}', "过大"),
    ('{{ "x".ljust(10**9) }}', "过大"),
    ('{{ "%0999999999d" % 1 }}', "%"),
    ('{{ "%0999999999d" | format(1) }}', "宽度过大"),
    ('{{ "{:0999999999}".format(1) }}', "宽度过大"),
    ("{% macro down(n) %}{{ down(n + 1) }}{% endmacro %}{{ down(0) }}", "递归"),
    ('{% include "agreement.xml.j2" %}', "递归"),
    ("{{ agreement.items[99] }}", "第 99 项"),
])
def test_a_template_that_goes_wrong_is_one_line(cli: Any, mini: MiniCounty, tmp_path: Path, line: str,
                                               said: str) -> None:
    override(mini, "agreement.xml.j2", agreement_with(line))
    message = one_line(render_all(cli, mini, tmp_path))
    assert f"agreement.xml.j2 第 {LINE} 行" in message and said in message
    assert not list(tmp_path.rglob("*.docx"))


def test_a_render_that_takes_too_long_is_stopped(cli: Any, mini: MiniCounty, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """A loop that calls nothing: only the timer can stop it."""
    monkeypatch.setattr("zsht.render.sandbox.SECONDS", 0.5)
    override(mini, "agreement.xml.j2", agreement_with(
        "{% set r = range(100000) %}{% for a in r %}{% for b in r %}{% endfor %}{% endfor %}"))
    message = one_line(render_all(cli, mini, tmp_path))
    assert "超过 0.5 秒" in message and "agreement.xml.j2" in message


def test_output_is_capped(cli: Any, mini: MiniCounty, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("zsht.render.templates.MAX_OUTPUT", 100_000)
    override(mini, "agreement.xml.j2", agreement_with('{% for i in range(60000) %}{{ "不可" }}{% endfor %}'))
    message = one_line(render_all(cli, mini, tmp_path))
    assert "超过 100000 个字符" in message


@pytest.mark.parametrize(("line", "said", "english"), [
    ("{% frobnicate %}", "未知的标签 frobnicate", "Encountered"),
    ("{% if %}", "此处应有表达式", "Expected"),
    ("{{ agreement.yeer }}", "AgreementView 没有字段 yeer", "has no attribute"),
    ("{{ nobody }}", "没有名为 nobody 的变量", "is undefined"),
    ("{{ ''.__class__ }}", "不允许读取 str 的属性 __class__", "unsafe"),
])
def test_jinja_messages_in_chinese(cli: Any, mini: MiniCounty, tmp_path: Path, line: str, said: str,
                                   english: str) -> None:
    override(mini, "agreement.xml.j2", agreement_with(line))
    message = one_line(render_all(cli, mini, tmp_path))
    assert f"agreement.xml.j2 第 {LINE} 行" in message and said in message
    assert english not in message and "object" not in message


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    outside = tmp_path / "outside" / "passwd"
    outside.parent.mkdir()
    outside.write_text("root:x:0:0:SECRET\n", encoding="utf-8")
    return outside


def test_an_include_of_a_symlink_leading_outside_is_refused(cli: Any, mini: MiniCounty, tmp_path: Path,
                                                            secret: Path) -> None:
    override(mini, "agreement.xml.j2", agreement_with('{{ p("x") }}{% include "passwd.j2" %}'))
    (mini.root / "templates" / "passwd.j2").symlink_to(secret)
    message = one_line(render_all(cli, mini, tmp_path / "out"))
    assert "templates/passwd.j2" in message and "符号链接" in message
    assert not list((tmp_path / "out").rglob("*.docx"))


def test_a_template_that_is_a_symlink_leading_outside_is_refused(cli: Any, mini: MiniCounty, tmp_path: Path,
                                                                 secret: Path) -> None:
    (mini.root / "templates").mkdir()
    (mini.root / "templates" / "agreement.xml.j2").symlink_to(secret)
    message = one_line(render_all(cli, mini, tmp_path / "out"))
    assert "templates/agreement.xml.j2" in message and "仓库以外" in message


def test_a_symlink_inside_the_repository_is_followed(cli: Any, mini: MiniCounty, tmp_path: Path) -> None:
    (mini.root / "shared").mkdir()
    (mini.root / "shared" / "head.j2").write_text('{{ p("县里统一的抬头") }}\n', encoding="utf-8")
    override(mini, "agreement.xml.j2", '{% include "head.j2" %}\n')
    (mini.root / "templates" / "head.j2").symlink_to(mini.root / "shared" / "head.j2")
    assert render_all(cli, mini, tmp_path / "out").exit_code == 0


def write_reference(mini: MiniCounty, parts: dict[str, bytes]) -> None:
    (mini.root / "templates").mkdir(exist_ok=True)
    with zipfile.ZipFile(mini.root / "templates" / "reference.docx", "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def test_a_reference_docx_whose_styles_inflate_is_refused(cli: Any, mini: MiniCounty, tmp_path: Path) -> None:
    write_reference(mini, {"word/styles.xml": b"<w:styles>" + b" " * 21_000_000 + b"</w:styles>"})
    message = one_line(render_all(cli, mini, tmp_path))
    assert "reference.docx" in message and "word/styles.xml" in message and "超过上限" in message


@pytest.mark.parametrize(("content", "said"), [
    (None, "不是有效的 .docx"),
    ({"word/document.xml": b"<w:document/>"}, "没有样式部件"),
    ({"word/styles.xml": b"<w:styles>\x01</w:styles>"}, "不是合格的 XML"),
])
def test_a_reference_docx_that_cannot_serve(cli: Any, mini: MiniCounty, tmp_path: Path,
                                            content: dict[str, bytes] | None, said: str) -> None:
    if content is None:
        (mini.root / "templates").mkdir()
        (mini.root / "templates" / "reference.docx").write_text("不是 zip", encoding="utf-8")
    else:
        write_reference(mini, content)
    message = one_line(render_all(cli, mini, tmp_path))
    assert "reference.docx" in message and said in message


def test_a_reference_docx_leading_outside_is_refused(cli: Any, mini: MiniCounty, tmp_path: Path) -> None:
    import docx

    outside = tmp_path / "elsewhere.docx"
    docx.Document().save(str(outside))
    (mini.root / "templates").mkdir()
    (mini.root / "templates" / "reference.docx").symlink_to(outside)
    message = one_line(render_all(cli, mini, tmp_path / "out"))
    assert "reference.docx" in message and "符号链接" in message
