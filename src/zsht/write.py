"""Writing files: atomically, durably, with the mode a file had (or the umask's), never over what is not a file.

Every file zsht writes goes through `write_atomic`. The bytes go to a temporary file beside the target, named
`.NAME.zsht-HOST-PID-XXXXXXXX.tmp` so that zsht knows its own: it is fsynced, renamed over the target, and the
folder is fsynced after the rename. A crash therefore leaves either the old file or the new one, never half of
one; a temporary file a killed run left behind is removed by the next zsht that writes into that folder, once
the process that made it is gone (or, made on another machine, once it is an hour old).

A target that exists and is not a regular file (a folder, a FIFO, a device, a socket) is refused, and so is a
symbolic link: renaming over a link would replace the link, and writing through it would write wherever it
points (in a shared folder such as /tmp, a file of someone else's choosing). zsht writes regular files only.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import secrets
import socket
import stat
import time
from collections.abc import Iterator
from pathlib import Path

from .errors import UserError

NAME_MAX = 255  # bytes, on every file system zsht is used on
TEMPORARY = re.compile(r"\..*\.zsht-([0-9a-f]{4})-(\d+)-[0-9a-f]{8}\.tmp", re.DOTALL)  # host, process, random
STALE_AFTER = 3600.0  # seconds: older than this it is stale whatever made it (another machine, a reused id)
HOST = hashlib.sha256(socket.gethostname().encode("utf-8", "replace")).hexdigest()[:4]
_KINDS = ((stat.S_ISDIR, "文件夹"), (stat.S_ISFIFO, "命名管道（FIFO）"), (stat.S_ISCHR, "字符设备"),
          (stat.S_ISBLK, "块设备"), (stat.S_ISSOCK, "套接字"))
_swept: set[str] = set()  # folders whose stale temporary files this process has removed
_deferred: set[Path] | None = None  # folders to flush on leaving `folders_flushed_at_end`


def existing_file(target: Path) -> os.stat_result | None:
    """The status of the regular file at `target`, or None when nothing is there.

    Raises UserError, naming the path, when something other than a regular file is there: zsht never
    replaces a folder, a FIFO, a device, a socket or a symbolic link with a file."""
    try:
        status = os.lstat(target)
    except (FileNotFoundError, NotADirectoryError):  # the latter: a file where a folder belongs, named later
        return None
    if stat.S_ISREG(status.st_mode):
        return status
    if stat.S_ISLNK(status.st_mode):
        raise UserError(f"不能写入 {target}：它是符号链接（指向 {os.readlink(target)}），zsht 不经符号链接写文件",
                        hint="直接写到链接指向的文件，或换一个路径")
    kind = next((name for test, name in _KINDS if test(status.st_mode)), "特殊文件")
    raise UserError(f"不能写入 {target}：它是{kind}，不是普通文件，zsht 不会替换它", hint="换一个路径")


def write_atomic(target: Path, content: bytes) -> None:
    """Replace `target` with `content` all at once: a crash leaves the old file or the new one.

    A rewritten file keeps its mode (and, where allowed, its owner); a new one gets 0666 less the umask, its
    new folders 0777 less the umask. Refuses (UserError) a target that is not a regular file, see
    `existing_file`; an OSError names `target`, never the temporary file."""
    before = existing_file(target)
    temporary = target.parent / temporary_name(target.name)
    try:
        make_folders(target.parent)
        _sweep(target.parent)
        write_new(temporary, content, before)
        try:
            os.replace(temporary, target)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
        if _deferred is None:
            sync_folder(target.parent)
        else:
            _deferred.add(target.parent)
    except OSError as exc:
        raise _naming(exc, target, temporary) from exc


@contextlib.contextmanager
def folders_flushed_at_end() -> Iterator[None]:
    """Within it, `write_atomic` flushes each file before its rename as always, but each folder once, on leaving,
    instead of after every rename: for a batch of documents (two thousand flushes fewer for a thousand files).

    A crash inside still leaves every file old or new, never half of one; only whether the latest renames reached
    the disk waits for the end, before the batch says it is done."""
    global _deferred
    if _deferred is not None:  # nested: the outer one flushes
        yield
        return
    _deferred = set()
    try:
        yield
    finally:
        folders, _deferred = _deferred, None
        for folder in sorted(folders):
            sync_folder(folder)


def temporary_name(name: str) -> str:
    """`.NAME.zsht-HOST-PID-XXXXXXXX.tmp`, with NAME shortened (by whole characters) to fit in 255 bytes."""
    suffix = f".zsht-{HOST}-{os.getpid()}-{secrets.token_hex(4)}.tmp"
    room = NAME_MAX - 1 - len(suffix.encode())
    stem = name.encode("utf-8", "surrogateescape")[:room].decode("utf-8", "ignore")
    return f".{stem}{suffix}"


def write_new(path: Path, content: bytes, like: os.stat_result | None = None) -> None:
    """Create `path` (it must not exist) holding `content`, flushed to the disk.

    Its mode is `like`'s (the file it will replace) or else 0666 less the umask, as the kernel applies it."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o666)
    try:
        if like is not None:
            _take_over(descriptor, like)
        view = memoryview(content)
        while view:
            view = view[os.write(descriptor, view):]
        os.fsync(descriptor)
    except BaseException:
        os.close(descriptor)
        path.unlink(missing_ok=True)  # ours: O_EXCL made it
        raise
    os.close(descriptor)


def _take_over(descriptor: int, like: os.stat_result) -> None:
    """Give a new file the owner (where we may) and the mode of the file it replaces."""
    if hasattr(os, "fchown") and (like.st_uid, like.st_gid) != (os.geteuid(), os.getegid()):
        with contextlib.suppress(OSError):  # only root may give a file away; the mode is what matters
            os.fchown(descriptor, like.st_uid, like.st_gid)
    os.chmod(descriptor, stat.S_IMODE(like.st_mode))


def make_folders(folder: Path) -> None:
    """Create `folder` and any missing parents (0777 less the umask), each recorded durably in its parent.

    Safe when other processes (render's workers) create the same folders at the same time."""
    missing: list[Path] = []
    while not _is_folder(folder):
        missing.append(folder)
        if folder.parent == folder:
            break
        folder = folder.parent
    for created in reversed(missing):
        try:
            created.mkdir()
        except FileExistsError:
            if not _is_folder(created):  # made by someone else meanwhile: fine if it is a folder
                raise
            continue
        sync_folder(created.parent)


def _is_folder(path: Path) -> bool:
    """Whether `path` is a folder (or a link to one); False if nothing is there; UserError if a file is."""
    try:
        status = os.stat(path)  # one call: a folder another process makes meanwhile cannot be taken for a file
    except (FileNotFoundError, NotADirectoryError):  # for the latter, the file above is named on the way up
        return False
    if not stat.S_ISDIR(status.st_mode):
        raise UserError(f"不能在 {path} 下写文件：它不是文件夹", hint="换一个路径")
    return True


def sync_folder(folder: Path) -> None:
    """Flush a folder's entries (a rename, a new file) to the disk, where the system allows it."""
    try:
        descriptor = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:  # Windows, or a folder we may write but not read: nothing more we can do
        return
    try:
        os.fsync(descriptor)
    except OSError as exc:
        if exc.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EBADF):
            raise
    finally:
        os.close(descriptor)


def _sweep(folder: Path) -> None:
    """Remove the temporary files zsht left in `folder` when it was killed: once per folder and process."""
    key = os.fspath(folder)
    if key in _swept:
        return
    _swept.add(key)
    now = time.time()
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                match = TEMPORARY.fullmatch(entry.name)
                if match is not None and _stale(entry, match.group(1), int(match.group(2)), now):
                    os.unlink(entry.path)
    except OSError:  # best effort: an unreadable folder, or another zsht removing the same file
        pass


def _stale(entry: os.DirEntry[str], host: str, pid: int, now: float) -> bool:
    """Whether a temporary file of ours (our user's) was left by a killed run: its process, on this machine,
    is gone; or, made on another machine sharing the folder, it is an hour old."""
    status = entry.stat(follow_symlinks=False)
    if not stat.S_ISREG(status.st_mode) or status.st_uid != os.geteuid():
        return False
    return now - status.st_mtime > STALE_AFTER or (host == HOST and not _running(pid))


def _running(pid: int) -> bool:
    """Whether a process with this id runs here (on Windows: assumed, signalling it would end it)."""
    if pid == os.getpid() or os.name == "nt":
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists, and belongs to someone else
        return True
    return True


def _naming(exc: OSError, target: Path, temporary: Path) -> OSError:
    """The same error, naming the file the user asked for rather than our temporary one (or none at all)."""
    if exc.filename is None or os.fspath(exc.filename) == os.fspath(temporary):
        return OSError(exc.errno, exc.strerror, os.fspath(target))
    return exc
