"""`zsht validate` through the command line: formats, exit codes, finding the root, errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from zsht.cli import app

from ..conftest import EXAMPLE, child_env
from ..mini_county import MiniCounty

AGREEMENT = "agreements/2015/niushan/niushan-xinhua.yaml"


@pytest.fixture
def broken(mini: MiniCounty) -> MiniCounty:
    mini.edit(AGREEMENT, lambda d: d.update(breech="x"))
    mini.edit("registry/communities/niushan.yaml", lambda d: d["communities"][0].update(households=None))
    (mini.root / "stray.yaml").write_text("a: 1\n", encoding="utf-8")  # a warning
    return mini


def breech_line(mini: MiniCounty) -> int:
    """The line of the misspelt key in the broken county: where its ZS101 finding must point."""
    lines = (mini.root / AGREEMENT).read_text(encoding="utf-8").splitlines()
    [number] = [n for n, text in enumerate(lines, 1) if text.startswith("breech:")]
    return number


def test_clean_county_exits_zero(mini: MiniCounty, cli: Any) -> None:
    result = cli("-C", mini.root, "validate")
    assert result.exit_code == 0 and "没有发现问题" in result.stdout


def test_text_output_names_file_line_rule(broken: MiniCounty, cli: Any) -> None:
    result = cli("-C", broken.root, "validate")
    assert result.exit_code == 1
    line = next(line for line in result.stdout.splitlines() if "ZS101" in line)
    assert line.startswith(f"{AGREEMENT}:{breech_line(broken)}:1 ") and "未知字段“breech”" in line
    assert "1 个错误，1 个警告" in result.stdout


def test_fail_on_levels(broken: MiniCounty, cli: Any) -> None:
    broken.edit(AGREEMENT, lambda d: d.pop("breech"))
    assert cli("-C", broken.root, "validate").exit_code == 0  # only a warning left
    assert cli("-C", broken.root, "validate", "--fail-on", "warning").exit_code == 1


def test_json_keys(broken: MiniCounty, cli: Any) -> None:
    result = cli("-C", broken.root, "validate", "--format", "json")
    findings = json.loads(result.stdout)
    assert {tuple(sorted(f)) for f in findings} == {
        ("caused_by", "column", "file", "hint", "line", "message", "rule", "severity")}


def test_github_annotations(broken: MiniCounty, cli: Any) -> None:
    result = cli("-C", broken.root, "validate", "--format", "github")
    assert f"::error file={AGREEMENT},line={breech_line(broken)},col=1,title=ZS101::未知字段“breech”" in result.stdout
    assert "::warning file=stray.yaml,line=1,col=1,title=ZS009::" in result.stdout


def test_sarif(broken: MiniCounty, cli: Any) -> None:
    log = json.loads(cli("-C", broken.root, "validate", "--format", "sarif").stdout)
    run = log["runs"][0]
    assert log["version"] == "2.1.0" and run["tool"]["driver"]["name"] == "zsht"
    first = run["results"][0]
    assert run["tool"]["driver"]["rules"][first["ruleIndex"]]["id"] == first["ruleId"] == "ZS101"
    location = first["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == AGREEMENT
    assert location["region"] == {"startLine": breech_line(broken), "startColumn": 1}


def test_output_file(broken: MiniCounty, cli: Any, tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    result = cli("-C", broken.root, "validate", "--format", "json", "-o", out)
    assert result.exit_code == 1 and result.stdout == ""
    assert out.read_text(encoding="utf-8") == cli("-C", broken.root, "validate", "--format", "json").stdout


def test_root_found_from_a_subfolder(mini: MiniCounty, cli: Any) -> None:
    assert cli("-C", mini.root / "agreements" / "2015", "validate").exit_code == 0


def test_not_a_county_is_one_line_exit_2(tmp_path: Path, cli: Any) -> None:
    result = cli("-C", tmp_path, "validate")
    assert result.exit_code == 2
    assert "没有 zsht.yaml" in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_missing_directory_exit_2(tmp_path: Path, cli: Any) -> None:
    result = cli("-C", tmp_path / "nowhere", "validate")
    assert result.exit_code == 2 and "不存在" in result.output


def test_internal_error_is_one_line_unless_traceback(mini: MiniCounty, cli: Any,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(root: Path) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("zsht.cli.validate.validate", boom)
    quiet = cli("-C", mini.root, "validate")
    assert quiet.exit_code == 70 and "内部错误" in quiet.output and "Traceback" not in quiet.output
    loud = cli("--traceback", "-C", mini.root, "validate")
    assert "Traceback" in loud.output


def _commands(group: Any, prefix: str = "") -> list[tuple[str, Any]]:
    found = []
    for name, command in getattr(group, "commands", {}).items():
        found.append((prefix + name, command))
        found.extend(_commands(command, prefix + name + " "))
    return found


def test_every_command_has_help_with_an_example(cli: Any) -> None:
    import typer.main

    group = typer.main.get_command(app)
    for name, command in _commands(group):
        assert command.help, f"zsht {name} has no help text"
        if not getattr(command, "commands", None):
            assert "例" in command.help, f"zsht {name} --help has no example"


def test_version(cli: Any) -> None:
    from zsht import __version__

    result = cli("--version")
    assert result.exit_code == 0 and result.stdout.strip() == f"zsht {__version__}"


def _registered(typer_app: Any, prefix: str = "") -> list[str]:
    names = [prefix + (c.name or c.callback.__name__) for c in typer_app.registered_commands]
    for group in typer_app.registered_groups:
        names.append(prefix + str(group.name))
        names.extend(_registered(group.typer_instance, f"{prefix}{group.name} "))
    return names


def test_every_command_is_registered_once() -> None:
    names = _registered(app)
    assert len(names) == len(set(names)), sorted(n for n in names if names.count(n) > 1)
    assert {"validate", "render", "score", "sheet", "report", "init", "diff", "history", "audit"} <= set(names)


# Imported only by the commands that use them; python-docx is not here because src/zsht imports it nowhere (and
# tests/test_dependencies.py keeps it out of the runtime dependencies), so guarding it would prove nothing.
LAZY = ("openpyxl", "git", "jinja2", "zsht.render", "zsht.history", "zsht.sheets", "zsht.county_report")
_PROBE = """
import json, sys
from zsht.cli import main
out, names, sys.argv = sys.argv[1], sys.argv[2].split(), ["zsht", *sys.argv[3:]]
try:
    main()
except SystemExit:
    pass
with open(out, "w", encoding="utf-8") as file:
    json.dump(sorted(name for name in names if name in sys.modules), file)
"""


def _loaded(tmp_path: Path, *args: str | Path) -> list[str]:
    """Which of LAZY a whole `zsht` process has imported by the time it ends."""
    import subprocess
    import sys

    out = tmp_path / "loaded.json"
    subprocess.run([sys.executable, "-c", _PROBE, out, " ".join(LAZY), *args], capture_output=True, check=True,
                   cwd=tmp_path, env=child_env())
    return list(json.loads(out.read_text(encoding="utf-8")))


@pytest.mark.parametrize("args", [("--help",), ("validate",), ("validate", "--format", "json")])
def test_start_up_leaves_the_heavy_libraries_to_the_commands_that_use_them(tmp_path: Path, args: tuple[str, ...]) -> None:
    """`zsht --help` and `zsht validate` (a pre-commit hook runs it on every commit) do not pay for
    spreadsheets, git or templates."""
    assert _loaded(tmp_path, "-C", EXAMPLE, *args) == []


# For each name in LAZY, a command that really imports it: the control that shows an absence above means something.
CONTROLS = [
    (("sheet", "export", "--year", "2015", "-o", "s.xlsx"), ["openpyxl", "zsht.sheets"]),
    (("history", "XZ-001"), ["git", "zsht.history"]),
    (("render", "agreement", "--all", "-o", "out"), ["jinja2", "zsht.render"]),
    (("report", "--year", "2015"), ["zsht.county_report"]),
]


@pytest.mark.parametrize(("args", "needs"), CONTROLS)
def test_the_commands_that_use_a_heavy_library_do_import_it(mini: MiniCounty, tmp_path: Path, args: tuple[str, ...],
                                                            needs: list[str]) -> None:
    assert set(needs) <= set(_loaded(tmp_path, "-C", mini.root, *args))
    assert {name for _, names in CONTROLS for name in names} == set(LAZY)


@pytest.mark.parametrize(("args", "expected"), [
    (["validate", "--formt", "json"], "zsht: 没有选项 --formt（是不是要写 --format？）（运行 zsht validate --help 查看用法）"),
    (["validate", "--format", "xml"], "zsht: --format / -f 的值不对：“xml”不是可选值"),
    (["score"], "zsht: 缺少 --year / -y（运行 zsht score --help 查看用法）"),
    (["score", "--year", "abc"], "zsht: --year / -y 的值不对：应为整数"),
    (["render", "agreement", "--all", "--jobs", "0"], "zsht: --jobs / -j 的值不对：应不小于 1"),
    (["sheet", "import", "nowhere.xlsx"], "zsht: 评分表 的值不对：“nowhere.xlsx”不存在"),
    (["nosuch"], "zsht: 没有命令“nosuch”（运行 zsht --help 查看用法）"),
    (["validate", "a", "b"], "zsht: 多余的参数：a b"),
    (["history"], "zsht: 缺少 记录编号（运行 zsht history --help 查看用法）"),
])
def test_usage_errors_are_one_chinese_line(args: list[str], expected: str, tmp_path: Path) -> None:
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "zsht", *args], capture_output=True, text=True, cwd=tmp_path,
                          env=child_env())
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.startswith(expected) and done.stderr.count("\n") == 1, done.stderr


def test_every_help_page_is_in_chinese(cli: Any) -> None:
    import typer.main

    for name, _command in [("", None), *_commands(typer.main.get_command(app))]:
        page = cli(*name.split(), "--help")
        assert page.exit_code == 0 and "显示本帮助并退出" in page.stdout, name
        assert "Show this message" not in page.stdout, name
