"""Turning a file saved in GBK (or UTF-16) into UTF-8, the one encoding records may use."""

from __future__ import annotations

import codecs
from pathlib import Path

from .errors import UserError
from .write import write_atomic


def recode(path: Path) -> str | None:
    """Convert `path` to UTF-8 in place; return the encoding it had, or None if it was UTF-8."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UserError(f"{path}：无法读取（{exc.strerror}）") from exc
    try:
        raw.decode("utf-8")
        return None
    except UnicodeDecodeError:
        pass
    for encoding in ("utf-16", "gb18030", "big5"):
        if encoding == "utf-16" and not raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            continue
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        write_atomic(path, text.encode("utf-8"))
        return encoding.upper()
    raise UserError(f"{path}：无法识别文件编码", hint="请用文本编辑器另存为 UTF-8")
