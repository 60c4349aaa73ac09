"""Output file names: readable in Chinese, and never able to leave the output folder."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from ..errors import UserError

# Characters Windows, macOS or a shell would choke on, and every control character.
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]')
# Most file systems (ext4, NTFS via UTF-16 aside, APFS) allow 255 bytes per name: measured in UTF-8 bytes, where
# a Chinese character takes three, 255 bytes hold 85 characters, so a cut by characters is no bound at all.
NAME_BYTES = 255
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}


def cut_to_bytes(text: str, limit: int) -> str:
    """The longest start of `text` whose UTF-8 form fits in `limit` bytes, cut between characters."""
    encoded = text.encode("utf-8")
    if len(encoded) <= limit:
        return text
    return encoded[:max(0, limit)].decode("utf-8", errors="ignore")


def safe_name(text: str, fallback: str = "未命名", reserve: int = 0) -> str:
    """One path component made from a record's name: separators and odd characters become “_”.

    The name is cut so that it and `reserve` more bytes (an extension such as ".docx") fit in one file name."""
    name = _UNSAFE.sub("_", unicodedata.normalize("NFC", str(text))).strip().strip(".").strip()
    if not name or set(name) <= {"_", "."} or name.lower() in _RESERVED:
        name = _UNSAFE.sub("_", fallback).strip(".") or "未命名"
    return cut_to_bytes(name, NAME_BYTES - reserve).rstrip(". ") or "未命名"


def output_path(out_dir: Path, relpath: str) -> Path:
    """The file `relpath` names under `out_dir`, refusing anything that would land outside it."""
    parts = [part for part in relpath.split("/") if part not in ("", ".")]
    if not parts or any(part == ".." or "\\" in part or ":" in part for part in parts):
        raise UserError(f"输出文件名不安全，已拒绝：{relpath}")
    root = out_dir.resolve()
    target = root.joinpath(*parts).resolve()
    if not target.is_relative_to(root) or target == root:
        raise UserError(f"输出文件会写到输出目录以外，已拒绝：{relpath}")
    return target


def committee_document(year: int, township: str, community: str, tail: str, suffix: str) -> str:
    """`<year>/<township>/<committee name><tail><suffix>`, the committee's name cut so that the tail (补充协议2,
    `-<id>` when two committees share a name) and the suffix always fit: an agreement's or a supplement's file."""
    name = safe_name(community, reserve=len((tail + suffix).encode("utf-8"))) + tail
    return document_relpath(str(year), township, name, reserve=len(suffix)) + suffix


def document_relpath(*components: str, reserve: int = 0) -> str:
    """Join components, each made safe, into a relative output path; `reserve` bytes are kept free in the last
    one for what the caller appends (".docx")."""
    *folders, last = components
    return "/".join([*(safe_name(folder) for folder in folders), safe_name(last, reserve=reserve)])
