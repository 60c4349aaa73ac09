"""The one walk over a county's folders (load.walk): links inside the repository are followed, for folders as
for files; links leading outside are refused; a link back into the walk never loops."""

from __future__ import annotations

import os
from typing import Any

import pytest

from ..conftest import link_township_folder, unlistable
from ..mini_county import MiniCounty

AGREEMENT = "agreements/2015/niushan/niushan-xinhua.yaml"



def test_a_folder_linked_from_inside_the_repository_is_walked(mini: MiniCounty, cli: Any) -> None:
    link_township_folder(mini.root)
    assert cli.findings(mini.root) == []
    mini.edit(AGREEMENT, lambda d: d.update(remakr="笔误的键"))
    assert [(f["rule"], f["file"]) for f in cli.findings(mini.root)] == [("ZS101", AGREEMENT)]


def test_links_back_into_the_walk_do_not_loop(mini: MiniCounty, cli: Any) -> None:
    os.symlink("..", mini.root / "agreements/2015/niushan/up")
    os.symlink(".", mini.root / "legal/here")
    os.symlink(mini.root, mini.root / "access/root")
    assert cli.findings(mini.root) == []


def test_a_folder_reached_by_two_links_is_walked_once_through_them(mini: MiniCounty, cli: Any) -> None:
    link_township_folder(mini.root)
    os.symlink("../../.shared/niushan", mini.root / "agreements/2015/zz-again")
    # Read twice, the agreement would be reported as a duplicate id (ZS105) under its second path.
    assert cli.findings(mini.root) == []


def test_a_folder_that_cannot_be_listed_is_a_finding(mini: MiniCounty, cli: Any,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """os.walk passed such a folder over unseen, and validate passed without checking its records."""
    unlistable(monkeypatch, mini.root / "agreements/2015/niushan")
    findings = cli.findings(mini.root)
    [found] = [f for f in findings if f["rule"] == "ZS006"]
    assert found["file"] == "agreements/2015/niushan"
    assert found["message"] == "无法读取目录：Permission denied，其中的记录未检查" and found["hint"] == "检查目录权限"
    # The evaluations (and the supplement) of niushan's committees name agreements that could not be read.
    assert {(f["rule"], f["file"].rsplit("/", 1)[0]) for f in findings if f is not found} == {
        ("ZS209", "evaluations/2015/niushan"), ("ZS420", "supplements/2015/niushan")}
