"""write_atomic: modes, fsync order, temporary files, and outputs that are not regular files."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from zsht import write
from zsht.errors import UserError
from zsht.write import write_atomic

from ..mini_county import MiniCounty


@pytest.fixture
def umask() -> Iterator[Any]:
    """Set the process umask for one test, restored after it."""
    before = os.umask(0o022)
    yield os.umask
    os.umask(before)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_file_and_its_folders_get_the_umasks_mode(tmp_path: Path, umask: Any) -> None:
    umask(0o027)
    write_atomic(tmp_path / "new" / "deep" / "a.txt", b"x")
    assert _mode(tmp_path / "new" / "deep" / "a.txt") == 0o640
    assert _mode(tmp_path / "new") == 0o750 and _mode(tmp_path / "new" / "deep") == 0o750
    umask(0o002)
    write_atomic(tmp_path / "b.txt", b"x")
    assert _mode(tmp_path / "b.txt") == 0o664


def test_drafts_get_the_umasks_mode_and_signing_keeps_a_files_mode(mini: MiniCounty, cli: Any, umask: Any) -> None:
    draft = mini.root / "agreements/2016/niushan/niushan-xinhua.yaml"
    assert cli("-C", mini.root, "draft", "--year", "2016").exit_code == 0
    assert _mode(draft) == 0o644 and _mode(draft.parent) == 0o755
    draft.chmod(0o604)
    result = cli("-C", mini.root, "sign", "--year", "2016", "--date", "2016-02-10")
    assert result.exit_code == 0, result.output
    assert "status: 已签订" in draft.read_text(encoding="utf-8")
    assert _mode(draft) == 0o604
    assert _mode(mini.root / "agreements/2016/niushan/niushan-qianjin.yaml") == 0o644


def test_data_is_flushed_before_the_rename_and_the_folder_after(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(descriptor: int) -> None:
        calls.append("fsync folder" if stat.S_ISDIR(os.fstat(descriptor).st_mode) else "fsync file")
        real_fsync(descriptor)

    def replace(source: Any, target: Any) -> None:
        calls.append("rename")
        real_replace(source, target)

    monkeypatch.setattr(write.os, "fsync", fsync)
    monkeypatch.setattr(write.os, "replace", replace)
    (tmp_path / "a.txt").write_bytes(b"old")
    write_atomic(tmp_path / "a.txt", b"new")
    assert calls == ["fsync file", "rename", "fsync folder"]
    assert (tmp_path / "a.txt").read_bytes() == b"new"
    # A batch (render): every file flushed before its rename, the folder once at the end.
    calls.clear()
    with write.folders_flushed_at_end():
        for name in ("b.txt", "c.txt", "d.txt"):
            write_atomic(tmp_path / name, b"new")
        assert calls == ["fsync file", "rename"] * 3
    assert calls == ["fsync file", "rename"] * 3 + ["fsync folder"]


def test_temporary_names_are_recognisably_ours_and_fit_the_file_system() -> None:
    from zsht.write import TEMPORARY, temporary_name

    name = "很长的村民委员会名称" * 9 + ".docx"  # 275 bytes in UTF-8
    temporary = temporary_name(name)
    assert len(temporary.encode()) <= 255 and TEMPORARY.fullmatch(temporary)
    assert temporary.startswith(".很长的") and f"-{os.getpid()}-" in temporary
    assert TEMPORARY.fullmatch(temporary_name("a.yaml")) and not TEMPORARY.fullmatch(".a.yaml.x1y2.tmp")


def test_stale_temporary_files_of_dead_runs_are_removed_and_no_other(mini: MiniCounty, cli: Any) -> None:
    from zsht.write import HOST

    other = "0000" if HOST != "0000" else "ffff"
    dead = subprocess.Popen(["true"])
    dead.wait()
    old = time.time() - 7200
    stale = mini.root / f".r.xlsx.zsht-{HOST}-{dead.pid}-0123abcd.tmp"  # killed a moment ago
    running = mini.root / f".r.xlsx.zsht-{HOST}-{os.getpid()}-0123abcd.tmp"  # a live zsht's (ours here)
    elsewhere = mini.root / f".r.xlsx.zsht-{other}-{dead.pid}-89abcdef.tmp"  # another machine's, maybe running
    abandoned = mini.root / f".r.xlsx.zsht-{other}-{dead.pid}-456789ab.tmp"  # another machine's, hours old
    foreign = mini.root / ".r.xlsx.someone-else.tmp"
    for path in (stale, running, elsewhere, abandoned, foreign):
        path.write_bytes(b"half")
    for path in (abandoned, foreign):
        os.utime(path, (old, old))
    result = cli("-C", mini.root, "score", "--year", "2015", "-o", mini.root / "r.xlsx")
    assert result.exit_code == 0, result.output
    assert not stale.exists() and not abandoned.exists()
    assert running.exists() and elsewhere.exists() and foreign.exists()


def test_a_failed_write_names_the_file_and_leaves_no_temporary_file(mini: MiniCounty, cli: Any,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    def full(descriptor: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(write.os, "fsync", full)
    before = sorted(p.name for p in mini.root.iterdir())
    result = cli("-C", mini.root, "score", "--year", "2015", "-o", mini.root / "r.xlsx")
    assert result.exit_code == 2
    assert str(mini.root / "r.xlsx") in result.stderr and ".tmp" not in result.stderr
    assert "Traceback" not in result.output and len(result.stderr.strip().splitlines()) == 1
    assert sorted(p.name for p in mini.root.iterdir()) == before


def test_an_output_that_is_a_fifo_is_refused_and_left_alone(mini: MiniCounty, cli: Any) -> None:
    fifo = mini.root / "r.xlsx"
    os.mkfifo(fifo)
    result = cli("-C", mini.root, "score", "--year", "2015", "-o", fifo)
    assert result.exit_code == 2
    assert result.stderr.strip() == f"zsht: 不能写入 {fifo}：它是命名管道（FIFO），不是普通文件，zsht 不会替换它（换一个路径）"
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_an_output_that_is_a_folder_is_refused(mini: MiniCounty, cli: Any) -> None:
    folder = mini.root / "r.xlsx"
    folder.mkdir()
    result = cli("-C", mini.root, "score", "--year", "2015", "-o", folder)
    assert result.exit_code == 2 and "它是文件夹，不是普通文件" in result.stderr
    assert folder.is_dir() and not any(folder.iterdir())


@pytest.mark.parametrize("command", [("score", "--year", "2015", "-o"), ("validate", "--format", "json", "-o")])
def test_an_output_that_is_a_symlink_is_refused_and_neither_link_nor_target_change(
        mini: MiniCounty, cli: Any, tmp_path: Path, command: tuple[str, ...]) -> None:
    victim = tmp_path / "victim"
    victim.write_bytes(b"precious")
    link = mini.root / "out"
    link.symlink_to(victim)
    result = cli("-C", mini.root, *command, link)
    assert result.exit_code == 2
    assert f"不能写入 {link}：它是符号链接（指向 {victim}）" in result.stderr
    assert link.is_symlink() and os.readlink(link) == str(victim) and victim.read_bytes() == b"precious"


def test_a_record_that_is_a_symlink_is_not_replaced_by_signing(mini: MiniCounty, cli: Any) -> None:
    assert cli("-C", mini.root, "draft", "--year", "2016").exit_code == 0
    draft = mini.root / "agreements/2016/niushan/niushan-xinhua.yaml"
    kept = mini.root / "agreements/2016/niushan/kept.txt"
    draft.rename(kept)
    draft.symlink_to(kept.name)
    result = cli("-C", mini.root, "sign", "--year", "2016", "--date", "2016-02-10")
    assert result.exit_code == 2 and f"不能写入 {draft}：它是符号链接" in result.stderr
    assert draft.is_symlink() and "status: 草稿" in kept.read_text(encoding="utf-8")
    assert "status: 草稿" in (mini.root / "agreements/2016/niushan/niushan-qianjin.yaml").read_text(encoding="utf-8")


def test_a_folder_another_process_makes_meanwhile_is_no_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Render's workers create the same folders at once: one finds a folder missing, the other makes it."""
    folder, real_stat, raced = tmp_path / "out" / "2015", os.stat, []

    def stat_racing(path: Any, *args: Any, **kwargs: Any) -> os.stat_result:
        if Path(path) == folder and not raced:
            raced.append(path)
            os.makedirs(folder)  # the other worker, just after our look
            raise FileNotFoundError(errno.ENOENT, "No such file or directory", str(path))
        return real_stat(path, *args, **kwargs)

    monkeypatch.setattr(write.os, "stat", stat_racing)
    write_atomic(folder / "a.docx", b"x")
    assert raced and (folder / "a.docx").read_bytes() == b"x"


def test_a_file_where_a_folder_belongs_is_named(tmp_path: Path) -> None:
    (tmp_path / "out").write_bytes(b"")
    with pytest.raises(UserError, match=f"不能在 {tmp_path / 'out'} 下写文件：它不是文件夹"):
        write_atomic(tmp_path / "out" / "2015" / "a.docx", b"x")
