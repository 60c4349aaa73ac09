"""Turning a file saved in GBK, Big5, UTF-16 or UTF-32 into UTF-8, the one encoding records may use.

A file is rewritten only when its encoding is certain (load.encoding.guess_encoding, the guess `zsht validate`
names in its finding too): a Big5 file that GB18030 also decodes is refused rather than saved as mojibake.
When in doubt the file is left as it is and the message names the candidates; `--from` settles it.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from .errors import UserError
from .load.encoding import guess_encoding
from .write import write_atomic

# Characters no record holds: what a wrong guess (UTF-32 read as UTF-16) leaves behind.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


class RecodeRefused(UserError):
    """The encoding of a file is not certain, or the file does not decode as the one given: nothing written."""

    exit_code = 1


def _check_text(path: Path, text: str, encoding: str) -> None:
    bad = _CONTROL.search(text)
    if bad:
        raise RecodeRefused(f"{path}：按 {encoding} 解码后含有控制字符 U+{ord(bad.group()):04X}，编码多半不对，未改动",
                            hint=f"确认文件的编码后用 --from 指定，如 zsht recode --from utf-32 {path}")


def _guess(path: Path, raw: bytes) -> tuple[str, str]:
    """The text of `raw` and its encoding's name, when certain; else RecodeRefused."""
    guess = guess_encoding(raw)
    if guess.encoding is None or guess.text is None:
        raise RecodeRefused(f"{path}：{guess.doubt}，未改动", hint=guess.hint(str(path)))
    return guess.text, guess.encoding


def check_encoding_name(name: str) -> str:
    """The codec `name` stands for, or a UserError (exit 2) when Python knows no such encoding."""
    try:
        return codecs.lookup(name).name
    except LookupError:
        raise UserError(f"不认识的编码名称“{name}”", hint="如 gb18030、gbk、big5、utf-16、utf-16-le、utf-32") from None


def recode(path: Path, source: str | None = None) -> str | None:
    """Convert `path` to UTF-8 in place; return the encoding it had, or None if it was UTF-8 already.

    `source` names the encoding instead of guessing it (any Python codec name). RecodeRefused when the
    encoding is not certain or the bytes do not decode: the file is then left untouched."""
    codec = check_encoding_name(source) if source else None
    if path.is_symlink() or (path.exists() and not path.is_file()):
        # reading a FIFO would wait forever, and the rename would replace a link by a copy of its target
        raise RecodeRefused(f"{path}：不是普通文件（符号链接、管道、设备或目录），未改动", hint="对链接指向的文件本身运行 zsht recode")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UserError(f"{path}：无法读取", hint="检查文件名和权限") from exc
    if codec is None:
        try:
            raw.decode("utf-8")
            return None
        except UnicodeDecodeError:
            text, encoding = _guess(path, raw)
    else:
        encoding = source or codec
        try:
            text = raw.decode(codec)
        except UnicodeDecodeError as exc:
            raise RecodeRefused(f"{path}：不能按 {encoding} 解码（第 {exc.start + 1} 个字节），未改动",
                                hint="确认文件的编码后重试") from None
        text = text.removeprefix("\ufeff")  # utf-16-le and friends keep the mark as a character
    _check_text(path, text, encoding)
    write_atomic(path, text.encode("utf-8"))
    return encoding.upper() if codec is None else encoding
