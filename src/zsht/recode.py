"""Turning a file saved in GBK, Big5, UTF-16 or UTF-32 into UTF-8, the one encoding records may use.

A file is rewritten only when its encoding is certain: a byte-order mark says so, or exactly one of the
legacy Chinese encodings both decodes the bytes and gives text made of the characters that encoding is mostly
used for. GB18030 decodes almost any bytes, so "it decoded" proves nothing: a Big5 file read as GB18030 turns
into rare characters, kana and box drawings, and is refused rather than saved as mojibake. When in doubt the
file is left as it is and the message names the candidates; `--from` settles it.
"""

from __future__ import annotations

import codecs
import contextlib
import re
from collections.abc import Callable
from pathlib import Path

from .errors import UserError
from .write import write_atomic

# Longest first: the UTF-32 LE mark starts with the UTF-16 LE one (FF FE), so it must be tried before it.
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"), (codecs.BOM_UTF16_BE, "UTF-16"),
)
COMMON_SHARE = 0.98  # of the non-ASCII characters, at least this many must be everyday ones
# Characters no record holds: what a wrong guess (UTF-32 read as UTF-16) leaves behind.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


class RecodeRefused(UserError):
    """The encoding of a file is not certain, or the file does not decode as the one given: nothing written."""

    exit_code = 1


def _gb_everyday(code: bytes) -> bool:
    """GB2312's punctuation rows (A1, A3) and its 6,763 hanzi (B0–F7): what simplified Chinese text is made of."""
    return len(code) == 2 and (code[0] in (0xA1, 0xA3) or 0xB0 <= code[0] <= 0xF7)


def _big5_everyday(code: bytes) -> bool:
    """Big5's symbols (A140–A3BF) and its frequent hanzi (A440–C67E)."""
    value = int.from_bytes(code, "big") if len(code) == 2 else 0
    return 0xA140 <= value <= 0xA3BF or 0xA440 <= value <= 0xC67E


CANDIDATES = {"GB18030": ("gb18030", _gb_everyday), "Big5": ("big5", _big5_everyday)}


def _everyday_share(text: str, codec: str, everyday: Callable[[bytes], bool]) -> float:
    """The share of the text's non-ASCII characters that are everyday ones in `codec`."""
    wide = [char for char in text if ord(char) > 0x7F]
    if not wide:
        return 0.0
    usual = 0
    for char in wide:
        with contextlib.suppress(UnicodeEncodeError):  # a character the codec has no code for is not everyday
            usual += everyday(char.encode(codec))
    return usual / len(wide)


def _check_text(path: Path, text: str, encoding: str) -> None:
    bad = _CONTROL.search(text)
    if bad:
        raise RecodeRefused(f"{path}：按 {encoding} 解码后含有控制字符 U+{ord(bad.group()):04X}，编码多半不对，未改动",
                            hint=f"确认文件的编码后用 --from 指定，如 zsht recode --from utf-32 {path}")


def _guess(path: Path, raw: bytes) -> tuple[str, str]:
    """The text of `raw` and its encoding's name, when certain; else RecodeRefused."""
    for mark, name in BOMS:
        if raw.startswith(mark):
            try:
                return raw.decode(name.lower()), name  # "utf-16"/"utf-32" read the mark and drop it
            except UnicodeDecodeError:
                raise RecodeRefused(f"{path}：以 {name} 的字节顺序标记开头，却不能按 {name} 解码，未改动",
                                    hint="确认文件的编码后用 --from 指定") from None
    if b"\x00" in raw:
        raise RecodeRefused(f"{path}：含有 NUL 字节又没有字节顺序标记，可能是 UTF-16 或 UTF-32，无法确定，未改动",
                            hint=f"确认后用 --from 指定，如 zsht recode --from utf-16-le {path}")
    decoded: dict[str, str] = {}
    likely: list[str] = []
    for name, (codec, everyday) in CANDIDATES.items():
        try:
            decoded[name] = raw.decode(codec)
        except UnicodeDecodeError:
            continue
        if _everyday_share(decoded[name], codec, everyday) >= COMMON_SHARE:
            likely.append(name)
    if len(likely) == 1:
        return decoded[likely[0]], likely[0]
    if not decoded:
        raise RecodeRefused(f"{path}：无法识别文件编码（不是 UTF-8，也不是 GB18030 或 Big5），未改动",
                            hint="请用文本编辑器另存为 UTF-8，或用 --from 指定编码")
    names = "、".join(likely or decoded)
    why = "都像正常的中文" if len(likely) > 1 else "能解码，但得到的文字不像正常的中文"
    raise RecodeRefused(f"{path}：无法确定文件编码，按 {names} {why}，未改动",
                        hint=f"确认后用 --from 指定，如 zsht recode --from {CANDIDATES[(likely or list(decoded))[0]][0]} {path}")


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
