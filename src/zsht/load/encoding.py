"""The one guess at the encoding of a file that is not UTF-8: `zsht validate` names it, `zsht recode` converts.

An encoding is certain when a byte-order mark says so, or when exactly one of the legacy Chinese encodings
both decodes the bytes and gives text made of the characters that encoding is mostly used for. GB18030 decodes
almost any bytes, so "it decoded" proves nothing: a Big5 file read as GB18030 turns into rare characters, kana
and box drawings. When in doubt the guess says why, and which encoding to try with `zsht recode --from`.
"""

from __future__ import annotations

import codecs
import contextlib
from collections.abc import Callable
from dataclasses import dataclass

# Longest first: the UTF-32 LE mark starts with the UTF-16 LE one (FF FE), so it must be tried before it.
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"), (codecs.BOM_UTF16_BE, "UTF-16"),
)
COMMON_SHARE = 0.98  # of the non-ASCII characters, at least this many must be everyday ones


def _gb_everyday(code: bytes) -> bool:
    """GB2312's punctuation rows (A1, A3) and its 6,763 hanzi (B0–F7): what simplified Chinese text is made of."""
    return len(code) == 2 and (code[0] in (0xA1, 0xA3) or 0xB0 <= code[0] <= 0xF7)


def _big5_everyday(code: bytes) -> bool:
    """Big5's symbols (A140–A3BF) and its frequent hanzi (A440–C67E)."""
    value = int.from_bytes(code, "big") if len(code) == 2 else 0
    return 0xA140 <= value <= 0xA3BF or 0xA440 <= value <= 0xC67E


# name → (Python codec, the test of an everyday character, the name a user knows it by)
CANDIDATES: dict[str, tuple[str, Callable[[bytes], bool], str]] = {
    "GB18030": ("gb18030", _gb_everyday, "GBK（GB18030）"),
    "Big5": ("big5", _big5_everyday, "Big5"),
}


@dataclass(frozen=True)
class EncodingGuess:
    """What the bytes of a file that is not UTF-8 say about its encoding.

    Either `encoding` and `text` (certain), or `doubt`: why it is not certain, in Chinese, and `example`, the
    codec to suggest for `zsht recode --from` (none when nothing fits)."""

    encoding: str | None = None
    text: str | None = None
    doubt: str = ""
    example: str | None = None

    @property
    def label(self) -> str:
        """The encoding as a user knows it (GB18030 files are called GBK in every office)."""
        if self.encoding is None:
            return ""
        return CANDIDATES[self.encoding][2] if self.encoding in CANDIDATES else self.encoding

    def hint(self, path: str) -> str:
        """How to make `path` UTF-8: recode it, or settle the encoding with --from first."""
        if self.encoding is not None:
            return f"运行 zsht recode {path} 转为 UTF-8"
        if self.example is not None:
            return f"确认文件的编码后用 --from 指定，如 zsht recode --from {self.example} {path}"
        return "请用文本编辑器另存为 UTF-8，或用 zsht recode --from 指定编码"


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


def guess_encoding(raw: bytes) -> EncodingGuess:
    """The encoding of `raw` (bytes that are not UTF-8) when certain, else why not."""
    for mark, name in BOMS:
        if raw.startswith(mark):
            try:
                return EncodingGuess(name, raw.decode(name.lower()))  # "utf-16"/"utf-32" read the mark and drop it
            except UnicodeDecodeError:
                return EncodingGuess(doubt=f"以 {name} 的字节顺序标记开头，却不能按 {name} 解码")
    if b"\x00" in raw:
        return EncodingGuess(doubt="含有 NUL 字节又没有字节顺序标记，可能是 UTF-16 或 UTF-32，无法确定",
                             example="utf-16-le")
    decoded: dict[str, str] = {}
    likely: list[str] = []
    for name, (codec, everyday, _) in CANDIDATES.items():
        try:
            decoded[name] = raw.decode(codec)
        except UnicodeDecodeError:
            continue
        if _everyday_share(decoded[name], codec, everyday) >= COMMON_SHARE:
            likely.append(name)
    if len(likely) == 1:
        return EncodingGuess(likely[0], decoded[likely[0]])
    if not decoded:
        return EncodingGuess(doubt="无法识别文件编码（不是 UTF-8，也不是 GB18030 或 Big5）")
    names = "、".join(likely or decoded)
    why = "都像正常的中文" if len(likely) > 1 else "能解码，但得到的文字不像正常的中文"
    return EncodingGuess(doubt=f"无法确定文件编码，按 {names} {why}",
                         example=CANDIDATES[(likely or list(decoded))[0]][0])
