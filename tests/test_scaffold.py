"""`zsht init`: a new county repository that validates and audits clean from the first minute."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest

from zsht.scaffold import WORKFLOW

from .conftest import ROOT


@pytest.fixture(autouse=True)
def isolated_git(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", "/dev/null")
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")


def test_new_county_validates_and_audits_clean(tmp_path: Path, cli: Any) -> None:
    folder = tmp_path / "records"
    result = cli("init", folder, "--county", "东海县", "--code", "320722", "--year", "2016")
    assert result.exit_code == 0, result.output
    assert cli("-C", folder, "validate").exit_code == 0
    assert cli("-C", folder, "audit").exit_code == 0
    log = subprocess.run(["git", "log", "--format=%an %s"], cwd=folder, capture_output=True, text=True).stdout
    assert log.startswith("zsht 东海县政社互动记录仓库")  # the fallback identity: no git identity configured
    status = subprocess.run(["git", "status", "--porcelain"], cwd=folder, capture_output=True, text=True).stdout
    assert status == ""
    assert (folder / "catalogs" / "assist" / "2016.yaml").read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../../schemas/assist.schema.json")
    assert (folder / "schemas" / "assist.schema.json").is_file()
    assert "zsht validate --format github" in (folder / ".github" / "workflows" / "zsht.yml").read_text(encoding="utf-8")
    assert "zsht-validate" in (folder / ".pre-commit-config.yaml").read_text(encoding="utf-8")


def test_refuses_an_existing_county(tmp_path: Path, cli: Any) -> None:
    assert cli("init", tmp_path, "--county", "东海县", "--no-git").exit_code == 0
    again = cli("init", tmp_path, "--county", "东海县")
    assert again.exit_code == 2 and "已存在" in again.output


def test_bad_code_is_one_line(tmp_path: Path, cli: Any) -> None:
    result = cli("init", tmp_path / "x", "--county", "东海县", "--code", "32A")
    assert result.exit_code == 2 and "6 位数字" in result.output and not (tmp_path / "x").exists()


def test_example_workflow_is_the_one_init_writes() -> None:
    assert (ROOT / "examples" / "ci" / "zsht-validate.yml").read_text(encoding="utf-8") == WORKFLOW


def test_workflow_runs_real_commands_and_posts_the_diff() -> None:
    import re

    import yaml

    jobs = yaml.safe_load(WORKFLOW)["jobs"]
    assert set(jobs) == {"validate", "review"}
    assert jobs["review"]["permissions"] == {"pull-requests": "write"}
    runs = "\n".join(step.get("run", "") for job in jobs.values() for step in job["steps"])
    assert "zsht diff --format markdown" in runs and "gh pr comment" in runs
    commands = set(re.findall(r"\bzsht (\w+)", runs))
    assert commands == {"validate", "diff", "audit"}


NOT_NAMES = ["东海县: 试点", "#东海县", "东海\n县", "[东海县]", "yes", "~", "东海县 ", "东海\x00县", ""]


@pytest.mark.parametrize("name", NOT_NAMES)
def test_a_name_that_is_not_a_name_is_refused_before_writing(tmp_path: Path, cli: Any, name: str) -> None:
    folder = tmp_path / "records"
    result = cli("init", folder, "--county", name, "--code", "320722")
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "名称" in lines[0] and "Traceback" not in result.output
    assert not folder.exists()


@pytest.mark.parametrize("name", ["东海县: 试点", "#东海县", "[东海县]", "yes", "~", "'东海县'", "东海县 # 注"])
def test_names_are_written_by_the_yaml_dumper(tmp_path: Path, cli: Any, monkeypatch: pytest.MonkeyPatch,
                                              name: str) -> None:
    """Even a name the check would refuse is stored as it is and validates: no YAML is made by formatting text."""
    import yaml

    monkeypatch.setattr("zsht.scaffold.county_name_problem", lambda name: None)
    folder = tmp_path / "records"
    assert cli("init", folder, "--county", name, "--code", "320722", "--no-git").exit_code == 0
    assert cli("-C", folder, "validate").exit_code == 0
    config = yaml.safe_load((folder / "zsht.yaml").read_text(encoding="utf-8"))
    assert config["county"] == name and config["code"] == "320722"
    title = yaml.safe_load((folder / "catalogs/assist/2026.yaml").read_text(encoding="utf-8"))["title"]
    assert title.startswith(name)


def test_a_name_with_brackets_and_dot_is_a_name(tmp_path: Path, cli: Any) -> None:
    folder = tmp_path / "records"
    assert cli("init", folder, "--county", "东海县（试点）", "--no-git").exit_code == 0
    assert cli("-C", folder, "validate").exit_code == 0


@pytest.mark.parametrize("existing", [".pre-commit-config.yaml", "catalogs/assist/2026.yaml",
                                      "schemas/assist.schema.json", "registry/communities/.gitkeep",
                                      "catalogs/negative", "legal"])
def test_refuses_to_overwrite_any_file_it_would_write(tmp_path: Path, cli: Any, existing: str) -> None:
    folder = tmp_path / "records"
    (folder / existing).parent.mkdir(parents=True)
    (folder / existing).write_text("# mine\n", encoding="utf-8")
    result = cli("init", folder, "--county", "东海县", "--year", "2026")
    assert result.exit_code == 2 and existing in result.output and "未写入" in result.output, result.output
    assert (folder / existing).read_text(encoding="utf-8") == "# mine\n"
    assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()) == [existing]
    assert not (folder / ".git").exists()


def test_commits_only_what_it_wrote(tmp_path: Path, cli: Any) -> None:
    folder = tmp_path / "records"
    folder.mkdir()
    (folder / "notes.txt").write_text("私人笔记\n", encoding="utf-8")
    (folder / "drafts").mkdir()
    (folder / "drafts" / "x.yaml").write_text("a: 1\n", encoding="utf-8")
    assert cli("init", folder, "--county", "东海县", "--year", "2026").exit_code == 0
    tracked = subprocess.run(["git", "ls-files"], cwd=folder, capture_output=True, text=True).stdout.split()
    assert "notes.txt" not in tracked and "drafts/x.yaml" not in tracked
    assert "zsht.yaml" in tracked and "catalogs/assist/2026.yaml" in tracked and "schemas/assist.schema.json" in tracked


def test_checks_for_git_before_writing(tmp_path: Path, cli: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    folder = tmp_path / "records"
    result = cli("init", folder, "--county", "东海县")
    assert result.exit_code == 2 and "找不到 git" in result.output, result.output
    assert not folder.exists()
    assert cli("init", folder, "--county", "东海县", "--no-git").exit_code == 0


def test_zshts_own_working_files_are_ignored_by_git(tmp_path: Path, cli: Any) -> None:
    folder = tmp_path / "records"
    assert cli("init", folder, "--county", "东海县", "--year", "2026").exit_code == 0
    (folder / ".zsht-staging").mkdir()
    (folder / ".zsht-staging" / "000000").write_text("staged\n", encoding="utf-8")
    (folder / ".zsht.lock").write_text("", encoding="utf-8")
    status = subprocess.run(["git", "status", "--porcelain"], cwd=folder, capture_output=True, text=True).stdout
    assert status == ""
