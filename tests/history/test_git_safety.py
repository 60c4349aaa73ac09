"""git as zsht calls it: no option smuggled in, git missing, git's failures in Chinese, shallow clones, a broken
zsht.yaml. Each on a throw-away repository."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

from .conftest import CountyRepo

A_XINHUA = "agreements/2015/niushan/niushan-xinhua.yaml"
VICTIM_TEXT = "不能被改写的文件\n"


def _one_chinese_line(result: Any) -> str:
    """The error line of a refused command: one line, no English words of git's."""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert not re.search(r"\b(fatal|error|usage|unknown|revision|ambiguous|not a git)\b", lines[0], re.I), lines[0]
    return lines[0]


@pytest.mark.parametrize("args", [
    ("audit", "--", "--output={victim}"),
    ("audit", "--", "-n1"),
    ("audit", "--", "--output={victim}..HEAD"),
    ("audit", "HEAD~1..--output={victim}"),
    ("diff", "--", "--output={victim}"),
    ("diff", "HEAD...--output={victim}"),
    ("validate", "--changed-since=--output={victim}"),
    ("validate", "--changed-since=-n1"),
])
def test_a_revision_that_starts_with_a_dash_is_refused(repo: CountyRepo, cli: Any, tmp_path: Path,
                                                        args: tuple[str, ...]) -> None:
    repo.edit(A_XINHUA, lambda d: d.update(breach="未履约的，扣减全部经费"))
    repo.commit("悄悄改协议")  # a ZS801 an audit of one commit (-n1 smuggled in) would also find
    victim = tmp_path / "victim.txt"
    victim.write_text(VICTIM_TEXT, encoding="utf-8")
    result = cli("-C", repo.root, *(a.format(victim=victim) for a in args))
    assert result.exit_code == 2, result.output
    line = _one_chinese_line(result)
    assert "不能以“-”开头" in line, line
    assert victim.read_text(encoding="utf-8") == VICTIM_TEXT


@pytest.mark.parametrize("args", [("audit", "--", "--output={victim}"), ("audit", "--", "HEAD..--output={victim}"),
                                  ("diff", "--", "--output={victim}"), ("validate", "--changed-since=--output={victim}")])
def test_even_unrefused_an_option_never_reaches_git(repo: CountyRepo, cli: Any, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]) -> None:
    monkeypatch.setattr("zsht.history.git.refuse_option", lambda _revision: None)  # the second guard alone
    victim = tmp_path / "victim.txt"
    victim.write_text(VICTIM_TEXT, encoding="utf-8")
    result = cli("-C", repo.root, *(a.format(victim=victim) for a in args))
    assert result.exit_code == 2 and "找不到版本“--output=" in _one_chinese_line(result), result.output
    assert victim.read_text(encoding="utf-8") == VICTIM_TEXT


def test_a_range_of_resolved_commits_is_audited_as_before(repo: CountyRepo, cli: Any) -> None:
    first = repo.git("rev-parse", "HEAD")
    repo.edit(A_XINHUA, lambda d: d.update(breach="未履约的，扣减全部经费"))
    repo.commit("悄悄改协议")
    for spec in (f"{first}..HEAD", "HEAD~1..", "HEAD", f"{first}...HEAD"):
        result = cli("-C", repo.root, "audit", spec)
        assert result.exit_code == 1 and "ZS801" in result.stdout, (spec, result.output)
    assert cli("-C", repo.root, "audit", "HEAD..HEAD").exit_code == 0


def test_without_git_on_path_git_is_named_missing(repo: CountyRepo, cli: Any, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    empty = tmp_path / "no-git"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    for args in (("diff",), ("history", "XZ-001"), ("audit",), ("validate", "--changed-since", "HEAD")):
        result = cli("-C", repo.root, *args)
        assert result.exit_code == 2, (args, result.output)
        assert "找不到 git 命令，请先安装 git" in _one_chinese_line(result), args


def test_require_git_is_quiet_when_git_is_there() -> None:
    from zsht.history.git import GitError, require_git

    require_git()  # git is installed where the tests run
    with pytest.raises(GitError, match="找不到 git 命令"):
        require_git(path="")


def test_git_failures_are_said_in_chinese(repo: CountyRepo, cli: Any, tmp_path: Path) -> None:
    result = cli("-C", repo.root, "diff", "no-such-branch..HEAD")
    assert "找不到版本“no-such-branch”" in _one_chinese_line(result)
    result = cli("-C", repo.root, "audit", "no-such-tag..HEAD")
    assert result.exit_code == 2 and "找不到版本“no-such-tag”" in _one_chinese_line(result)
    empty = tmp_path / "empty"  # a repository with no commit: git log says so in English
    subprocess.run(["git", "init", "-q", "-b", "main", str(empty)], check=True)
    (empty / "zsht.yaml").write_bytes((repo.root / "zsht.yaml").read_bytes())
    for args in (("audit",), ("history", "XZ-001")):
        result = cli("-C", empty, *args)
        assert result.exit_code == 2, (args, result.output)
        assert "还没有任何提交" in _one_chinese_line(result), args


def test_gits_own_words_only_with_traceback(repo: CountyRepo, cli: Any) -> None:
    first_tree = repo.git("rev-parse", "HEAD^{tree}")
    repo.edit(A_XINHUA, lambda d: d.update(breach="未履约的，扣减全部经费"))
    repo.commit("改协议")
    (repo.root / ".git" / "objects" / first_tree[:2] / first_tree[2:]).unlink()  # git log cannot compare them
    result = cli("-C", repo.root, "audit")
    assert result.exit_code == 2, result.output
    line = _one_chinese_line(result)
    assert "读取提交历史时出错：仓库已损坏" in line and "git fsck" in line, line
    result = cli("--traceback", "-C", repo.root, "audit")
    assert result.exit_code == 2 and f"unable to read tree {first_tree}" in result.stderr, result.stderr


@pytest.mark.parametrize(("broken", "committed"), [
    ("county: 测试县\naudit: {require_review: true\n", False),  # YAML error, only in the work tree
    ("county: 测试县\naudit: {require_review: true\n", True),
    (None, True),  # schema error: a key zsht does not know
])
def test_a_broken_zsht_yaml_stops_the_audit(repo: CountyRepo, cli: Any, broken: str | None, committed: bool) -> None:
    if broken is None:
        repo.edit("zsht.yaml", lambda d: d.update(audit={"require_reveiw": True}))
    else:
        repo.write_text("zsht.yaml", broken)
    if committed:
        repo.commit("改坏 zsht.yaml")
    result = cli("-C", repo.root, "audit")
    assert result.exit_code == 2, result.output
    assert "没有发现问题" not in result.stdout
    line = _one_chinese_line(result)
    assert "zsht.yaml" in line and "审计" in line, line
    assert re.search(r"第 \d+ 行", line), line


def _shallow_clone(repo: CountyRepo, tmp_path: Path, depth: int = 1) -> Path:
    repo.edit(A_XINHUA, lambda d: d.update(breach="未履约的，扣减全部经费"))
    repo.commit("悄悄改协议")  # cut off by the clone: no shallow audit can see it
    repo.edit("registry/townships.yaml", lambda d: d["townships"][0].update(name="牛山街道（改）"))
    repo.commit("改乡镇名")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", str(depth), f"file://{repo.root}", str(clone)], check=True)
    return clone


def test_a_shallow_clone_is_not_audited_as_if_whole(repo: CountyRepo, cli: Any, tmp_path: Path) -> None:
    clone = _shallow_clone(repo, tmp_path)
    result = cli("-C", clone, "audit")
    assert result.exit_code == 2, result.output
    line = _one_chinese_line(result)
    assert "浅克隆" in line and "--allow-shallow" in line and "git fetch --unshallow" in line, line
    assert "没有发现问题" not in result.stdout


def test_allow_shallow_audits_what_is_there_and_says_so(repo: CountyRepo, cli: Any, tmp_path: Path) -> None:
    clone = _shallow_clone(repo, tmp_path, depth=2)  # the cut falls on the commit that changed the agreement
    boundary = subprocess.run(["git", "-C", str(clone), "rev-parse", "HEAD~1"], capture_output=True, text=True,
                              check=True).stdout.strip()
    result = cli("-C", clone, "audit", "--allow-shallow")
    assert result.exit_code == 0, result.output
    notes = [line for line in result.stdout.splitlines() if "浅克隆" in line]
    assert len(notes) == 1 and boundary[:10] in notes[0] and "未审计" in notes[0], result.stdout
    assert "审计了 1 个提交" in result.stdout
    result = cli("-C", clone, "audit", "--allow-shallow", "--format", "json")
    assert result.exit_code == 0 and result.stdout.strip() == "[]", result.output
    assert "浅克隆" in _one_chinese_line(result)  # the note goes to stderr, the JSON stays a list


def test_a_range_that_stays_clear_of_the_cut_needs_no_allowance(repo: CountyRepo, cli: Any, tmp_path: Path) -> None:
    clone = _shallow_clone(repo, tmp_path, depth=2)  # CI fetching a few commits to audit a pull request's
    result = cli("-C", clone, "audit", "HEAD~1..HEAD")
    assert result.exit_code == 0 and "浅克隆" not in result.output, result.output
    assert "审计了 1 个提交" in result.stdout
