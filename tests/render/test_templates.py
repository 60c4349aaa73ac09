"""County template overrides, and templates that go wrong: one Chinese line, no traceback."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from zsht.render.templates import builtin_templates

from ..mini_county import MiniCounty
from .helpers import all_text, open_docx


def override(mini: MiniCounty, name: str, text: str) -> None:
    folder = mini.root / "templates"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


BUILTIN = (builtin_templates() / "agreement.xml.j2").read_text(encoding="utf-8").splitlines()
LINE = next(n for n, text in enumerate(BUILTIN, 1) if text.startswith("{{"))  # first line after the comment


def agreement_with(line: str) -> str:
    """The built-in agreement template with one extra line inserted as line LINE."""
    return "\n".join(BUILTIN[:LINE - 1] + [line] + BUILTIN[LINE - 1:]) + "\n"


def test_county_template_overrides_the_builtin(cli: Any, mini: MiniCounty, tmp_path: Path) -> None:
    override(mini, "agreement.xml.j2", '{{ p("定制协议：" ~ agreement.party_b.name, style="Title") }}\n')
    result = cli("-C", mini.root, "render", "agreement", "--community", "niushan-xinhua", "-o", tmp_path)
    assert result.exit_code == 0, result.output
    text = all_text(open_docx(tmp_path / "2015/牛山街道/新华社区居民委员会.docx"))
    assert text.strip() == "定制协议：新华社区居民委员会"


def test_template_typo_names_template_and_line(cli: Any, mini: MiniCounty, tmp_path: Path) -> None:
    override(mini, "agreement.xml.j2", agreement_with("{{ agreement.yeer }}"))
    result = cli("-C", mini.root, "render", "agreement", "--all", "-o", tmp_path)
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert "agreement.xml.j2" in lines[0] and f"第 {LINE} 行" in lines[0] and "yeer" in lines[0]
    assert "Traceback" not in result.output
    assert not list(tmp_path.rglob("*.docx"))


def test_template_syntax_error(cli: Any, mini: MiniCounty, tmp_path: Path) -> None:
    override(mini, "agreement.xml.j2", agreement_with("{% if %}"))
    result = cli("-C", mini.root, "render", "agreement", "--all", "-o", tmp_path)
    assert result.exit_code == 2
    assert f"agreement.xml.j2 第 {LINE} 行" in result.output and "语法错误" in result.output
    assert "Traceback" not in result.output


def test_sandbox_escape_fails_cleanly(cli: Any, mini: MiniCounty, tmp_path: Path) -> None:
    override(mini, "agreement.xml.j2", agreement_with("{{ ''.__class__.__mro__ }}"))
    result = cli("-C", mini.root, "render", "agreement", "--all", "-o", tmp_path, "--jobs", "1")
    assert result.exit_code == 2
    assert result.output == f"zsht: 模板 agreement.xml.j2 第 {LINE} 行被沙箱拒绝：不允许读取 str 的属性 __class__\n"


def test_sandbox_refuses_calls_to_unsafe_methods(cli: Any, mini: MiniCounty, tmp_path: Path) -> None:
    override(mini, "agreement.xml.j2", agreement_with("{{ agreement.items.__len__.__self__.__class__ }}"))
    result = cli("-C", mini.root, "render", "agreement", "--all", "-o", tmp_path)
    assert result.exit_code == 2
    assert result.output == f"zsht: 模板 agreement.xml.j2 第 {LINE} 行被沙箱拒绝：不允许读取 list 的属性 __len__\n"


def test_error_inside_a_worker_process_fails_cleanly(cli: Any, mini: MiniCounty, tmp_path: Path) -> None:
    """With workers, the first document is rendered in the parent; this typo only hits later documents."""
    override(mini, "agreement.xml.j2",
             agreement_with('{% if agreement.community != "东王村民委员会" %}{{ agreement.nope }}{% endif %}'))
    result = cli("-C", mini.root, "render", "agreement", "--all", "-o", tmp_path, "--jobs", "2")
    assert result.exit_code == 2 and f"agreement.xml.j2 第 {LINE} 行" in result.output


def test_reference_docx_supplies_styles(cli: Any, mini: MiniCounty, tmp_path: Path) -> None:
    import docx

    reference = docx.Document()
    reference.styles["Normal"].font.name = "Reference Font"
    (mini.root / "templates").mkdir()
    reference.save(str(mini.root / "templates" / "reference.docx"))
    result = cli("-C", mini.root, "render", "agreement", "--community", "niushan-xinhua", "-o", tmp_path)
    assert result.exit_code == 0, result.output
    document = open_docx(tmp_path / "2015/牛山街道/新华社区居民委员会.docx")
    assert document.styles["Normal"].font.name == "Reference Font"
