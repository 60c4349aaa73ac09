"""The git plumbing under the history commands: gitpython's persistent `cat-file` ends with the `Repo` that
started it, whatever happens; a missing object reads as absent; the county is found however it is reached;
`zsht init`'s first commit."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from zsht.history.git import EMPTY_BLOB, Repo, first_commit, head_state

from .conftest import CountyRepo, git_children

ASSIST = "catalogs/assist/2015.yaml"


def test_leaving_a_repo_ends_its_cat_file_even_on_an_error(repo: CountyRepo) -> None:
    sha = repo.git("rev-parse", f"HEAD:{ASSIST}")
    with pytest.raises(RuntimeError), Repo(repo.root) as county_repo, county_repo.blobs() as blobs:
        assert blobs.read(sha) == (repo.root / ASSIST).read_bytes()
        assert len(git_children()) == 1  # gitpython's persistent `git cat-file --batch`, running
        raise RuntimeError("a rule failed while the history was read")
    assert git_children() == []


def test_a_missing_object_reads_as_absent_and_the_reader_goes_on(repo: CountyRepo) -> None:
    sha = repo.git("rev-parse", f"HEAD:{ASSIST}")
    with Repo(repo.root) as county_repo, county_repo.blobs() as blobs:
        assert blobs.read("1" * 40) is None  # cat-file answers “missing”; the stream stays in step
        assert blobs.read(EMPTY_BLOB) is None
        assert blobs.read(sha) == (repo.root / ASSIST).read_bytes()
    assert git_children() == []


def test_a_county_reached_through_a_symlink(repo: CountyRepo, cli: Any, tmp_path: Path) -> None:
    repo.edit(ASSIST, lambda d: d["items"][0]["funding"].update(amount=2600))
    repo.commit("改经费")
    link = tmp_path / "链接"
    os.symlink(repo.root, link)
    with Repo(link) as county_repo:
        assert county_repo.top == repo.root.resolve() and county_repo.prefix == ""
    text = cli("-C", link, "history", "XZ-001").stdout
    assert "funding.amount: 2000 → 2600 (+30%)" in text, text


def test_head_state_sees_only_the_countys_files(repo: CountyRepo, tmp_path: Path) -> None:
    head = repo.git("rev-parse", "HEAD")
    assert head_state(repo.root) == (head, False)
    repo.write_text("notes/todo.txt", "未提交的笔记\n")  # untracked, inside the county
    assert head_state(repo.root) == (head, True)
    plain = tmp_path / "plain"
    plain.mkdir()
    assert head_state(plain) == (None, False)


def _no_identity(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL", "EMAIL"):
        monkeypatch.delenv(name, raising=False)
    # user.useConfigOnly: git may not guess a name from the machine, so there is no identity at all
    for name, value in {"GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_COUNT": "1",
                        "GIT_CONFIG_KEY_0": "user.useConfigOnly", "GIT_CONFIG_VALUE_0": "true"}.items():
        monkeypatch.setenv(name, value)


def _git(folder: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True, check=True).stdout.strip()


def test_first_commit_records_the_files_it_is_given_as_the_user(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _no_identity(monkeypatch)
    monkeypatch.setenv("GIT_AUTHOR_NAME", "张三")
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", "zhangsan@example.org")
    monkeypatch.setenv("GIT_COMMITTER_NAME", "张三")
    monkeypatch.setenv("GIT_COMMITTER_EMAIL", "zhangsan@example.org")
    county = tmp_path / "东海县"
    (county / "registry").mkdir(parents=True)
    (county / "zsht.yaml").write_text("county: 东海县\n", encoding="utf-8")
    (county / "registry" / "townships.yaml").write_text("townships: []\n", encoding="utf-8")
    (county / "notes.txt").write_text("不属于仓库\n", encoding="utf-8")  # not among the paths: never committed
    assert first_commit(county, "东海县政社互动记录仓库", ["zsht.yaml", "registry/townships.yaml"]) is True
    assert _git(county, "log", "--format=%an <%ae>|%cn|%s") == "张三 <zhangsan@example.org>|张三|东海县政社互动记录仓库"
    assert _git(county, "ls-tree", "-r", "--name-only", "main").splitlines() == ["registry/townships.yaml", "zsht.yaml"]
    assert _git(county, "status", "--porcelain") == "?? notes.txt"
    assert git_children() == []


def test_first_commit_without_an_identity_is_made_as_zsht(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _no_identity(monkeypatch)
    (tmp_path / "zsht.yaml").write_text("county: 东海县\n", encoding="utf-8")
    assert first_commit(tmp_path, "首次提交", ["zsht.yaml"]) is True
    assert _git(tmp_path, "log", "--format=%an <%ae>") == "zsht <zsht@localhost>"


def test_first_commit_leaves_an_existing_repository_alone(repo: CountyRepo) -> None:
    inner = repo.root / "新县"
    inner.mkdir()
    (inner / "zsht.yaml").write_text("county: 新县\n", encoding="utf-8")
    head = repo.git("rev-parse", "HEAD")
    assert first_commit(inner, "不该有的提交", ["zsht.yaml"]) is False
    assert repo.git("rev-parse", "HEAD") == head and not (inner / ".git").exists()


def test_git_is_understood_whatever_the_users_language(repo: CountyRepo, cli: Any, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.setenv("LANGUAGE", "zh_CN")  # a user whose git speaks Chinese, where its translations exist
    said = subprocess.run(["git", "log", "no-such-branch"], cwd=repo.root, capture_output=True, text=True).stderr
    if "fatal" in said:
        pytest.skip("git has no Chinese translation here")
    plain = tmp_path / "plain"
    shutil.copytree(repo.root, plain, ignore=shutil.ignore_patterns(".git"))
    for args in (("history", "XZ-001"), ("audit",), ("diff",)):
        result = cli("-C", plain, *args)
        assert result.exit_code == 2 and "不在 git 仓库中" in result.stderr, (args, result.stderr)
    first_tree = repo.git("rev-parse", "HEAD^{tree}")
    repo.edit("agreements/2015/niushan/niushan-xinhua.yaml", lambda d: d.update(breach="未履约的，扣减全部经费"))
    repo.commit("改协议")
    (repo.root / ".git" / "objects" / first_tree[:2] / first_tree[2:]).unlink()  # git log cannot compare them
    result = cli("-C", repo.root, "audit")
    assert result.exit_code == 2 and "读取提交历史时出错：仓库已损坏" in result.stderr, result.stderr
