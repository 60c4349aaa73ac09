"""`zsht init`: a new county repository that validates and audits clean from the first minute."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest

from zsht.scaffold import WORKFLOW

from ..conftest import ROOT


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
