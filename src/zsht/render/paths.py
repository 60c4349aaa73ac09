"""Output file names: readable in Chinese, and never able to leave the output folder."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from ..errors import UserError

# Characters Windows, macOS or a shell would choke on, and every control character.
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]')
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}


def safe_name(text: str, fallback: str = "未命名") -> str:
    """One path component made from a record's name: separators and odd characters become “_”."""
    name = _UNSAFE.sub("_", unicodedata.normalize("NFC", str(text))).strip().strip(".").strip()
    if not name or set(name) <= {"_", "."} or name.lower() in _RESERVED:
        name = _UNSAFE.sub("_", fallback).strip(".") or "未命名"
    return name[:100]


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


def document_relpath(*components: str) -> str:
    """Join already safe components into a relative output path."""
    return "/".join(safe_name(component) for component in components)
