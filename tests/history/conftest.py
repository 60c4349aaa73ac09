"""Throw-away git repositories of the mini county, with a fixed author and no user or system git config."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from ..mini_county import MiniCounty


def git_children() -> list[int]:
    """Process ids of the git processes this test process started and has not reaped (zombies included)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        name = stat[stat.index("(") + 1:stat.rindex(")")]
        parent = int(stat[stat.rindex(")") + 2:].split()[1])
        if parent == os.getpid() and name.startswith("git"):
            found.append(int(entry.name))
    return found



class CountyRepo:
    """The mini county in a git repository of its own; `commit` records the working tree."""

    def __init__(self, mini: MiniCounty) -> None:
        self.mini = mini
        self.root = mini.root
        self.git("init", "-q", "-b", "main")
        self.commit("导入测试县记录")

    def git(self, *args: str) -> str:
        done = subprocess.run(["git", *args], cwd=self.root, capture_output=True, text=True, check=True)
        return done.stdout.strip()

    def commit(self, message: str) -> str:
        self.git("add", "-A")
        self.git("commit", "-q", "--allow-empty", "-m", message)
        return self.git("rev-parse", "HEAD")

    def edit(self, relpath: str, change: Any) -> None:
        self.mini.edit(relpath, change)

    def write_text(self, relpath: str, text: str) -> None:
        path = self.root / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def read(self, relpath: str) -> Any:
        return yaml.safe_load((self.root / relpath).read_text(encoding="utf-8"))


def git_identity(monkeypatch: pytest.MonkeyPatch) -> None:
    """Commits by 张三 on 2015-03-01, whatever the machine's git configuration says."""
    for name, value in {
        "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "张三", "GIT_AUTHOR_EMAIL": "zhangsan@example.org",
        "GIT_COMMITTER_NAME": "张三", "GIT_COMMITTER_EMAIL": "zhangsan@example.org",
        "GIT_AUTHOR_DATE": "2015-03-01T10:00:00+08:00", "GIT_COMMITTER_DATE": "2015-03-01T10:00:00+08:00",
    }.items():
        monkeypatch.setenv(name, value)


@pytest.fixture
def repo(mini: MiniCounty, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> CountyRepo:
    git_identity(monkeypatch)
    return CountyRepo(mini)
