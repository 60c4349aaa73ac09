"""One writer per county: the lock every command that writes records takes.

Two `zsht sign` (or `sheet import`, `score --write`, `draft`) at once would each load the county, each decide
what to write, and the second would silently undo the first. The lock is an advisory `flock` on a file that
is never committed: `zsht.lock` in the repository's git folder (`.git/zsht-<hash>.lock` for a county in a
sub-folder of the repository), or `.zsht.lock` in the county folder where there is no git. The system drops
the lock when the process ends, however it ends, so a killed zsht never leaves the county locked. A second
zsht does not wait: it is refused at once (exit 2).

Taking the lock first finishes a write that a killed zsht left half done (see `staging`), so every writer
starts from a whole county.
"""

from __future__ import annotations

import hashlib
import os
import stat
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import UserError


class CountyBusy(UserError):
    """Another zsht holds the county's write lock."""


_held: dict[str, int] = {}  # lock file -> how many nested `county_write_lock`s of this process hold it


def _git_folder(root: Path) -> tuple[Path, Path] | None:
    """(the git folder, the top of the work tree) of the repository `root` is in, if any."""
    for folder in (root, *root.parents):
        dot_git = folder / ".git"
        if dot_git.is_dir():
            return dot_git, folder
        if dot_git.is_file():  # a linked work tree or a submodule: "gitdir: <path>"
            line = dot_git.read_text(encoding="utf-8", errors="replace").strip()
            if line.startswith("gitdir:"):
                return (folder / line.removeprefix("gitdir:").strip()).resolve(), folder
            return None
    return None


def lock_path(root: Path) -> Path:
    """The file whose lock stands for "a zsht is writing the county at `root`"."""
    root = root.resolve()
    found = _git_folder(root)
    if found is None:
        return root / ".zsht.lock"
    git, top = found
    if top == root:
        return git / "zsht.lock"
    county = root.relative_to(top).as_posix()
    return git / f"zsht-{hashlib.sha256(county.encode()).hexdigest()[:12]}.lock"


def _try_lock(descriptor: int) -> bool:
    if sys.platform == "win32":
        import msvcrt

        try:
            msvcrt.locking(descriptor, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _holder(descriptor: int) -> str:
    """Who holds the lock, as the holder wrote it (its process id), for the message."""
    try:
        said = os.pread(descriptor, 64, 0).decode("ascii", "replace").strip()
    except (OSError, AttributeError):  # no pread on Windows
        return ""
    return f"进程 {said}，" if said.isdigit() else ""


def _open_lock_file(path: Path) -> int:
    """The lock file, opened without following a symbolic link: a county is a folder anyone can send, and a
    `.zsht.lock` in it that points at some other file must not have that file truncated."""
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0)
    try:
        descriptor = os.open(path, flags, 0o666)
    except OSError as exc:
        raise UserError(f"无法打开写入锁 {path}：它不可写或不是普通文件", hint="确认无用后删除它，再运行") from exc
    if not stat.S_ISREG(os.fstat(descriptor).st_mode):
        os.close(descriptor)
        raise UserError(f"无法打开写入锁 {path}：它不是普通文件", hint="确认无用后删除它，再运行")
    return descriptor


@contextmanager
def county_write_lock(root: Path) -> Iterator[None]:
    """Hold the county's write lock for the block; refuse at once (UserError, exit 2) when another zsht holds it.

    Nested use in one process is allowed (the inner block just runs). On taking the lock, a write a killed zsht
    left half done is finished first (`staging.finish_interrupted`)."""
    path = lock_path(root)
    key = os.fspath(path)
    if key in _held:
        _held[key] += 1
        try:
            yield
        finally:
            _held[key] -= 1
        return
    descriptor = _open_lock_file(path)
    try:
        if not _try_lock(descriptor):
            raise CountyBusy(f"另一个 zsht 正在写入这个县的记录（{_holder(descriptor)}锁文件 {path}），"
                            "请等它结束后再运行")
        if hasattr(os, "pwrite"):
            os.ftruncate(descriptor, 0)
            os.pwrite(descriptor, f"{os.getpid()}\n".encode("ascii"), 0)
        _held[key] = 1
        try:
            from .staging import finish_interrupted

            finish_interrupted(root)
            yield
        finally:
            del _held[key]
    finally:
        os.close(descriptor)  # closing the file drops the lock; the file itself stays (deleting it would race)


__all__ = ["CountyBusy", "county_write_lock", "lock_path"]
