"""The git plumbing under the history commands: gitpython's persistent `cat-file` ends with the `Repo` that
started it, whatever happens; a missing object reads as absent; the county is found however it is reached."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from zsht.history.git import EMPTY_BLOB, Repo, head_state

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
