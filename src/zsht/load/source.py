"""Reading one file's bytes and decoding them: no YAML here, so that a run whose files are all in the load cache
never imports a YAML parser."""

from __future__ import annotations

import codecs
import os
import stat

from ..findings import Finding
from ..ruletable import finding


class NotRegularFile(OSError):
    """A record path that is a named pipe, a device or a socket: reading it could block for ever."""

    def __init__(self, what: str) -> None:
        super().__init__(what)
        self.what = what


_FILE_TYPES = ((stat.S_ISFIFO, "命名管道（FIFO）"), (stat.S_ISCHR, "字符设备"), (stat.S_ISBLK, "块设备"),
               (stat.S_ISSOCK, "套接字"), (stat.S_ISDIR, "目录"))


def read_regular(path: str | os.PathLike[str]) -> bytes:
    """The bytes of a regular file; anything else raises NotRegularFile without being read.

    The file is opened without blocking and checked on the open descriptor, so a FIFO put in its place
    between listing and reading cannot make the read hang.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(fd, "rb") as file:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotRegularFile(next((name for test, name in _FILE_TYPES if test(mode)), "特殊文件"))
        return file.read()


def decode(raw: bytes, relpath: str) -> tuple[str | None, Finding | None]:
    """UTF-8 text (BOM and CRLF accepted), or a finding that names the encoding and the fix."""
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8):]
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        bad_at = exc.start
    from .encoding import guess_encoding  # only a file that is not UTF-8 needs it

    guess = guess_encoding(raw)
    line = raw[:bad_at].count(b"\n") + 1
    what = f"文件编码是 {guess.label}，不是 UTF-8" if guess.encoding else f"文件不是有效的 UTF-8 文本：{guess.doubt}"
    return None, finding("ZS001", relpath, f"{what}（第 {line} 行起无法按 UTF-8 读取）",
                         hint=guess.hint(relpath)).at(line, 1)
