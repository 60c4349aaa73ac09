"""One writer per county: a second zsht that would write records is refused at once, and writes nothing."""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

import zsht

from ..mini_county import MiniCounty

BUSY = "zsht: 另一个 zsht 正在写入这个县的记录（"
SRC = Path(zsht.__file__).resolve().parents[1]  # the zsht this test imports, for its subprocesses


def _snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@contextmanager
def _held_elsewhere(root: Path) -> Iterator[None]:
    """The lock as another process holds it: an flock on its own open file (`.zsht.lock` outside git)."""
    with open(root / ".zsht.lock", "a+b") as other:
        fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)
        yield


@pytest.mark.parametrize("command", [
    ("sign", "--year", "2016", "--date", "2016-02-10"),
    ("draft", "--year", "2017"),
    ("score", "--year", "2015", "--write"),
    ("sheet", "import", "book.xlsx"),
])
def test_a_command_that_writes_records_is_refused_while_another_zsht_writes(
        mini: MiniCounty, cli: Any, command: tuple[str, ...]) -> None:
    assert cli("-C", mini.root, "draft", "--year", "2016").exit_code == 0
    book = mini.root.parent / "book.xlsx"
    assert cli("-C", mini.root, "sheet", "export", "--year", "2015", "-o", book).exit_code == 0
    mini.edit("evaluations/2015/niushan/niushan-xinhua.yaml", lambda d: d.pop("result", None))  # work to do
    before = _snapshot(mini.root)
    with _held_elsewhere(mini.root):
        result = cli("-C", mini.root, *[str(book) if a == "book.xlsx" else a for a in command])
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(BUSY) and result.stderr.endswith("），请等它结束后再运行\n")
    assert len(result.stderr.splitlines()) == 1
    assert _snapshot(mini.root) == before


def test_the_lock_is_held_by_a_running_process_and_freed_when_it_ends(mini: MiniCounty, cli: Any) -> None:
    assert cli("-C", mini.root, "draft", "--year", "2016").exit_code == 0
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys; from pathlib import Path; from zsht.lock import county_write_lock\n"
         "with county_write_lock(Path(sys.argv[1])):\n    print('ready', flush=True); sys.stdin.read()",
         str(mini.root)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": str(SRC)})
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "ready\n"
        refused = cli("-C", mini.root, "sign", "--year", "2016", "--date", "2016-02-10")
        assert refused.exit_code == 2 and f"（进程 {holder.pid}，锁文件 " in refused.stderr
    finally:
        holder.communicate("")
    signed = cli("-C", mini.root, "sign", "--year", "2016", "--date", "2016-02-10")
    assert signed.exit_code == 0 and "已登记签订 3 份" in signed.stdout


def test_nested_use_in_one_process_is_allowed(mini: MiniCounty) -> None:
    from zsht.lock import county_write_lock

    with county_write_lock(mini.root), county_write_lock(mini.root):
        pass
    with county_write_lock(mini.root):  # and it was released
        pass


def test_the_lock_lives_in_the_git_folder_and_is_never_committed(mini: MiniCounty, cli: Any, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", "/dev/null")
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")

    def git(*args: str) -> str:
        return subprocess.run(["git", "-C", str(mini.root), *args], capture_output=True, text=True, check=True).stdout

    from zsht.lock import lock_path

    git("init", "-q")
    assert lock_path(mini.root) == mini.root / ".git" / "zsht.lock"
    assert cli("-C", mini.root, "draft", "--year", "2016").exit_code == 0
    assert (mini.root / ".git" / "zsht.lock").is_file()
    untracked = [line[3:] for line in git("status", "--porcelain", "-uall").splitlines()]
    assert "agreements/2016/niushan/niushan-xinhua.yaml" in untracked and "zsht.yaml" in untracked
    assert [path for path in untracked if "zsht" in path and path != "zsht.yaml"] == []
    sub = mini.root / "registry"  # a county in a sub-folder of a repository: its own lock in the same git folder
    assert lock_path(sub).parent == mini.root / ".git" and lock_path(sub).name.startswith("zsht-")


def test_a_lock_file_that_is_a_symlink_is_not_followed(mini: MiniCounty, cli: Any, tmp_path: Path) -> None:
    victim = tmp_path / "victim"
    victim.write_bytes(b"precious")
    (mini.root / ".zsht.lock").symlink_to(victim)
    result = cli("-C", mini.root, "draft", "--year", "2016")
    assert result.exit_code == 2 and f"无法打开写入锁 {mini.root / '.zsht.lock'}" in result.stderr
    assert victim.read_bytes() == b"precious" and not (mini.root / "agreements/2016").exists()


def test_recode_of_a_record_waits_for_no_one_else_writing(mini: MiniCounty, cli: Any) -> None:
    """recode rewrites record files in place: it takes the county's lock like sign, and refuses while it is held."""
    record = mini.root / "registry/departments.yaml"
    record.write_bytes(record.read_text(encoding="utf-8").encode("gb18030"))
    before = record.read_bytes()
    with _held_elsewhere(mini.root):
        result = cli("recode", record)
    assert result.exit_code == 2 and result.stderr.startswith(BUSY), result.output
    assert record.read_bytes() == before
    done = cli("recode", record)
    assert done.exit_code == 0, done.output
    assert record.read_bytes() == before.decode("gb18030").encode("utf-8")
