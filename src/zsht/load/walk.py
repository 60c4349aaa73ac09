"""The one walk over a county's folders: the YAML files `zsht validate` loads are the ones `zsht diff` compares.

Folders and files whose name starts with a dot are passed over, and so are the county's own non-record folders
at its root (SKIP_DIRS). A symbolic link is followed when it leads to a place inside the repository and refused
(ZS007) when it leads outside, for folders as for files. The walk never loops: a folder link that leads back into
a folder being walked is not followed (its files are reached there), and a folder is entered through links once,
however many links lead to it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from ..findings import Finding
from ..layout import kind_of
from ..ruletable import finding

SKIP_DIRS = {"schemas", "templates", "node_modules", "__pycache__"}
YAML_SUFFIXES = (".yaml", ".yml")


@dataclass
class CountyFiles:
    """The YAML files under a county's root (paths relative to it, in walk order) and what the walk found amiss."""

    paths: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


@dataclass
class _Walk:
    real_root: str
    found: CountyFiles
    linked: set[str] = field(default_factory=set)  # real folders already entered through a link


def county_files(root: str | os.PathLike[str]) -> CountyFiles:
    """Every YAML file under `root`, following the links that stay inside it; links leading out are findings."""
    real_root = os.path.realpath(root)
    walk = _Walk(real_root, CountyFiles())
    _folder(walk, os.fspath(root), "", (real_root,))
    return walk.found


def _outside(walk: _Walk, full: str, relpath: str) -> str | None:
    """The real target of a link, or None (and a ZS007 finding) when it leads outside the repository."""
    target = os.path.realpath(full)
    if os.path.commonpath([target, walk.real_root]) != walk.real_root:
        walk.found.findings.append(finding(
            "ZS007", relpath, f"符号链接指向仓库以外：{target}", hint="把文件复制进仓库，或删除该链接"))
        return None
    return target


def _folder(walk: _Walk, folder: str, prefix: str, chain: tuple[str, ...]) -> None:
    """Walk one folder: its files first, then its subfolders, each in name order (as os.walk, top down)."""
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError:  # a folder that cannot be listed is passed over, as os.walk does
        return
    subfolders: list[tuple[str, str]] = []
    files: list[os.DirEntry[str]] = []
    for entry in entries:
        try:
            is_dir = entry.is_dir()  # a link to a folder counts as a folder, as os.walk counts it
        except OSError:
            is_dir = False
        if not is_dir:
            files.append(entry)
        elif (real := _subfolder(walk, entry, prefix, chain)) is not None:
            subfolders.append((entry.name, real))
    for entry in files:
        if entry.name.startswith(".") or not entry.name.endswith(YAML_SUFFIXES):
            continue
        if entry.is_symlink() and _outside(walk, entry.path, prefix + entry.name) is None:
            continue
        walk.found.paths.append(prefix + entry.name)
    for name, real in subfolders:
        _folder(walk, os.path.join(folder, name), f"{prefix}{name}/", (*chain, real))


def _subfolder(walk: _Walk, entry: os.DirEntry[str], prefix: str, chain: tuple[str, ...]) -> str | None:
    """The real path of a subfolder to walk, or None when it is not walked (with a finding when that is wrong)."""
    name, relpath = entry.name, prefix + entry.name
    if name.startswith(".") or (not prefix and name in SKIP_DIRS):
        return None
    if not entry.is_symlink():
        return None if _misplaced(walk, name, relpath) else os.path.join(chain[-1], name)
    real = _outside(walk, entry.path, relpath)
    if real is None or _misplaced(walk, name, relpath):
        return None
    if real in chain or real in walk.linked:  # a loop, or a folder already entered through another link
        return None
    walk.linked.add(real)
    return real


def _misplaced(walk: _Walk, name: str, relpath: str) -> bool:
    """Whether a folder stands where a record file belongs (ZS005)."""
    if name.endswith(YAML_SUFFIXES) and kind_of(relpath):
        walk.found.findings.append(finding(
            "ZS005", relpath, "这里应是一个 YAML 文件，却是一个目录", hint="删除或改名该目录"))
        return True
    return False
