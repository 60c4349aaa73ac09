"""`zsht audit --format text|json|github|sarif`, `-o` and `--fail-on`: the reporters of `zsht validate`."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from .conftest import CountyRepo

A_XINHUA = "agreements/2015/niushan/niushan-xinhua.yaml"
FINDING_KEYS = {"rule", "severity", "file", "line", "column", "message", "hint", "caused_by"}
COMMIT_KEYS = {"commit", "date", "author", "email", "subject", "trailers", "signature", "signature_text"}


@pytest.fixture
def changed(repo: CountyRepo) -> str:
    """The county with one commit that changed a signed agreement (one ZS801); that commit's sha."""
    repo.edit(A_XINHUA, lambda d: d.update(breach="未履约的，扣减全部经费"))
    return repo.commit("悄悄改协议")


def test_text_is_validates_report_with_the_commit(repo: CountyRepo, cli: Any, changed: str) -> None:
    result = cli("-C", repo.root, "audit")
    assert result.exit_code == 1, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"{A_XINHUA}@{changed[:10]} 错误 ZS801 已签订的协议 XY-2015-niushan-xinhua 在提交 "), lines
    assert "breach" in lines[0] and lines[0].endswith("（已签订、已发布的记录不得再改；如须变更，另立补充协议或重新公示）")
    assert lines[1:] == ["审计了 2 个提交：1 个错误，0 个警告，0 个提示"]  # validate's closing count


def test_a_clean_audit_ends_as_a_clean_validate(repo: CountyRepo, cli: Any) -> None:
    result = cli("-C", repo.root, "audit")
    assert result.exit_code == 0 and result.stdout == "审计了 1 个提交，没有发现问题\n", result.output


def test_json_is_a_list_of_findings_with_their_commit(repo: CountyRepo, cli: Any, changed: str) -> None:
    result = cli("-C", repo.root, "audit", "--format", "json")
    assert result.exit_code == 1, result.output
    [found] = json.loads(result.stdout)
    assert set(found) == FINDING_KEYS | COMMIT_KEYS
    assert (found["rule"], found["severity"], found["file"], found["commit"]) == ("ZS801", "error", A_XINHUA, changed)
    assert found["subject"] == "悄悄改协议" and found["caused_by"] is None


def test_github_annotations_carry_file_line_and_message(repo: CountyRepo, cli: Any, changed: str) -> None:
    result = cli("-C", repo.root, "audit", "--format", "github")
    assert result.exit_code == 1, result.output
    [line] = result.stdout.splitlines()
    head = f"::error file={A_XINHUA},line=1,col=1,title=ZS801::已签订的协议 XY-2015-niushan-xinhua 在提交 {changed[:10]}"
    assert line.startswith(head) and "breach" in line, line


def test_sarif_is_a_run_of_results_with_rule_and_location(repo: CountyRepo, cli: Any, changed: str) -> None:
    result = cli("-C", repo.root, "audit", "--format", "sarif")
    assert result.exit_code == 1, result.output
    log = json.loads(result.stdout)
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-2.1.0.json")
    [run] = log["runs"]
    assert run["tool"]["driver"]["name"] == "zsht"
    [found] = run["results"]
    assert found["ruleId"] == "ZS801" and found["level"] == "error"
    assert run["tool"]["driver"]["rules"][found["ruleIndex"]]["id"] == "ZS801"
    [where] = found["locations"]
    assert where["physicalLocation"]["artifactLocation"]["uri"] == A_XINHUA
    assert where["physicalLocation"]["region"]["startLine"] == 1
    assert changed[:10] in found["message"]["text"]
    assert set(found["properties"]) == COMMIT_KEYS and found["properties"]["commit"] == changed


def test_output_file_and_fail_on(repo: CountyRepo, cli: Any, changed: str, tmp_path: Path) -> None:
    out = tmp_path / "audit.sarif"
    result = cli("-C", repo.root, "audit", "--format", "sarif", "-o", out, "--fail-on", "warning")
    assert result.exit_code == 1 and result.stdout == "", result.output
    assert json.loads(out.read_text(encoding="utf-8"))["runs"][0]["results"][0]["ruleId"] == "ZS801"
    result = cli("-C", repo.root, "audit", "HEAD..HEAD", "--fail-on", "info", "-o", tmp_path / "audit.txt")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "audit.txt").read_text(encoding="utf-8") == "审计了 0 个提交，没有发现问题\n"


def test_the_shallow_note_stays_out_of_machine_formats(repo: CountyRepo, cli: Any, tmp_path: Path) -> None:
    repo.edit("registry/townships.yaml", lambda d: d["townships"][0].update(name="牛山街道（改）"))
    repo.commit("改乡镇名")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo.root}", str(clone)], check=True)
    for fmt in ("github", "sarif"):
        result = cli("-C", clone, "audit", "--allow-shallow", "--format", fmt)
        assert result.exit_code == 0, result.output
        assert "浅克隆" in result.stderr and "浅克隆" not in result.stdout, (fmt, result.output)
    assert json.loads(cli("-C", clone, "audit", "--allow-shallow", "--format", "sarif").stdout)["runs"][0]["results"] == []
