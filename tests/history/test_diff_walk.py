"""`zsht diff` reads the working tree through the loader's walk (load.walk): what validate checks is what diff
compares, links included, and a committed link is read the same way in a commit."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from ..conftest import link_township_folder, unlistable
from .conftest import CountyRepo

AGREEMENT = "agreements/2015/niushan/niushan-xinhua.yaml"


def _diff(cli: Any, root: Path, *spec: str) -> dict[str, Any]:
    result = cli("-C", root, "diff", *spec, "--format", "json")
    assert result.exit_code == 0, result.output
    diff: dict[str, Any] = json.loads(result.stdout)
    return diff



def test_a_folder_moved_behind_a_link_is_no_change_and_an_edit_through_it_is_one(repo: CountyRepo, cli: Any) -> None:
    link_township_folder(repo.root)
    assert _diff(cli, repo.root)["summary"] == "0 项新增，0 项变更，0 项删除"
    repo.edit(AGREEMENT, lambda d: d.update(copies=d.get("copies", 4) + 1))
    diff = _diff(cli, repo.root)
    assert diff["summary"] == "0 项新增，1 项变更，0 项删除"
    assert [(r["file"], r["status"]) for r in diff["records"]] == [(AGREEMENT, "changed")]


def test_a_file_linked_from_outside_is_not_read(repo: CountyRepo, cli: Any, tmp_path: Path) -> None:
    outside = tmp_path / "law.yaml"
    outside.write_bytes((repo.root / "legal/juweihui-law.yaml").read_bytes().replace(b"juweihui-law", b"borrowed"))
    os.symlink(outside, repo.root / "legal/borrowed.yaml")
    assert _diff(cli, repo.root)["summary"] == "0 项新增，0 项变更，0 项删除"



def test_a_committed_folder_link_is_followed_in_the_commit_too(repo: CountyRepo, cli: Any, tmp_path: Path) -> None:
    link_township_folder(repo.root)
    os.symlink("..", repo.root / "agreements/2015/niushan/up")  # back into the walk: never a loop
    outside = tmp_path / "law.yaml"
    outside.write_bytes((repo.root / "legal/juweihui-law.yaml").read_bytes().replace(b"juweihui-law", b"borrowed"))
    os.symlink(outside, repo.root / "legal/borrowed.yaml")
    repo.commit("牛山街道的协议放进共享目录")
    assert _diff(cli, repo.root)["summary"] == "0 项新增，0 项变更，0 项删除"
    assert _diff(cli, repo.root, "HEAD~1..HEAD")["summary"] == "0 项新增，0 项变更，0 项删除"
    repo.edit(AGREEMENT, lambda d: d.update(copies=d.get("copies", 4) + 1))
    repo.commit("多印一份协议")
    diff = _diff(cli, repo.root, "HEAD~1..HEAD")
    assert [(r["file"], r["status"]) for r in diff["records"]] == [(AGREEMENT, "changed")]


def test_committed_file_links_are_read_through_as_on_disk(repo: CountyRepo, cli: Any) -> None:
    """A chain of links, and an absolute link to the county's own folder, lead to the same file in a commit as on
    disk: the commit's side is the law, not the link's text."""
    os.symlink("juweihui-law.yaml", repo.root / "legal/alias.yaml")
    os.symlink("alias.yaml", repo.root / "legal/alias-of-alias.yaml")
    os.symlink(repo.root, repo.root / "access/county")
    repo.commit("法律依据的别名")
    assert _diff(cli, repo.root)["summary"] == "0 项新增，0 项变更，0 项删除"
    # Records are keyed by id: the law read through the first of its new paths is one added record (the link's
    # own text, "alias.yaml", holds none).
    added = _diff(cli, repo.root, "HEAD~1..HEAD")["records"]
    assert [(r["file"], r["id"], r["status"]) for r in added] == [("legal/alias-of-alias.yaml", "juweihui-law", "added")]


def test_a_folder_that_cannot_be_listed_stops_the_diff(repo: CountyRepo, cli: Any,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Its records are not removed: they could not be read (os.walk passed such a folder over unseen)."""
    unlistable(monkeypatch, repo.root / "agreements/2015/niushan")
    result = cli("-C", repo.root, "diff")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == "zsht: 无法读取工作区的目录 agreements/2015/niushan，其中的记录无法比较（检查目录权限）\n"
    # validate --changed-since checks the whole county then, and says why its records went unchecked.
    assert ("ZS006", "agreements/2015/niushan") in {
        (f["rule"], f["file"]) for f in cli.findings(repo.root, "--changed-since", "HEAD")}
