"""The one walk over a county's folders: the YAML files `zsht validate` loads are the ones `zsht diff` compares,
on disk and in a commit alike.

Folders and files whose name starts with a dot are passed over, and so are the county's own non-record folders
at its root (SKIP_DIRS). A symbolic link is followed when it leads to a place inside the repository and refused
(ZS007) when it leads outside, for folders as for files. The walk never loops: a folder link that leads back into
a folder being walked is not followed (its files are reached there), and a folder is entered through links once,
however many links lead to it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Protocol

from ..findings import Finding
from ..layout import kind_of
from ..ruletable import finding

SKIP_DIRS = {"schemas", "templates", "node_modules", "__pycache__"}
YAML_SUFFIXES = (".yaml", ".yml")


class Tree(Protocol):
    """Folders to walk, named by their real paths (links resolved): the disk, or a commit's tree."""

    root: str

    def entries(self, folder: str) -> list[tuple[str, bool, bool]]:
        """(name, is a folder, is a link) of each entry, by name; a link to a folder counts as a folder.
        OSError when the folder cannot be listed."""

    def target(self, folder: str, name: str) -> tuple[str, bool]:
        """The real path a link leads to, and whether that is inside the repository."""

    def join(self, folder: str, name: str) -> str:
        """The path of `name` in `folder`."""


@dataclass
class CountyFiles:
    """The YAML files under a county's root (paths relative to it, in walk order) and what the walk found amiss.

    `real` gives, for each path, the real path it leads to (through the links followed)."""

    paths: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    real: dict[str, str] = field(default_factory=dict)


class Disk:
    """The county's folders on disk."""

    def __init__(self, root: str | os.PathLike[str]) -> None:
        self.root = os.path.realpath(root)

    def entries(self, folder: str) -> list[tuple[str, bool, bool]]:
        with os.scandir(folder) as listing:
            found = sorted(listing, key=lambda entry: entry.name)
        return [(entry.name, _is_dir(entry), entry.is_symlink()) for entry in found]

    def target(self, folder: str, name: str) -> tuple[str, bool]:
        real = os.path.realpath(os.path.join(folder, name))
        return real, os.path.commonpath([real, self.root]) == self.root

    def join(self, folder: str, name: str) -> str:
        return os.path.join(folder, name)


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()  # follows a link, as os.walk does
    except OSError:
        return False


def county_files(root: str | os.PathLike[str]) -> CountyFiles:
    """Every YAML file under `root` on disk, following the links that stay inside it; links leading out are
    findings."""
    return walk_tree(Disk(root))


def walk_tree(tree: Tree) -> CountyFiles:
    """Every YAML file of `tree` as the loader sees it (links inside followed, outside refused, no loops)."""
    walk = _Walk(tree, CountyFiles())
    walk.folder(tree.root, "", (tree.root,))
    return walk.found


@dataclass
class _Walk:
    tree: Tree
    found: CountyFiles
    linked: set[str] = field(default_factory=set)  # real folders already entered through a link

    def inside(self, folder: str, name: str, relpath: str) -> str | None:
        """The real target of a link, or None (and a ZS007 finding) when it leads outside the repository."""
        target, inside = self.tree.target(folder, name)
        if not inside:
            self.found.findings.append(finding(
                "ZS007", relpath, f"符号链接指向仓库以外：{target}", hint="把文件复制进仓库，或删除该链接"))
            return None
        return target

    def folder(self, folder: str, prefix: str, chain: tuple[str, ...]) -> None:
        """Walk one folder: its files first, then its subfolders, each in name order (as os.walk, top down)."""
        subfolders: list[tuple[str, str]] = []
        files: list[tuple[str, bool]] = []
        try:
            entries = self.tree.entries(folder)
        except OSError as exc:  # os.walk passed such a folder over unseen: its records went unchecked
            self.found.findings.append(finding(
                "ZS006", prefix.rstrip("/") or ".", f"无法读取目录：{exc.strerror or exc}，其中的记录未检查",
                hint="检查目录权限"))
            return
        for name, is_dir, is_link in entries:
            if not is_dir:
                files.append((name, is_link))
            elif (real := self.subfolder(folder, name, is_link, prefix, chain)) is not None:
                subfolders.append((name, real))
        for name, is_link in files:
            if name.startswith(".") or not name.endswith(YAML_SUFFIXES):
                continue
            real = self.inside(folder, name, prefix + name) if is_link else self.tree.join(folder, name)
            if real is not None:
                self.found.paths.append(prefix + name)
                self.found.real[prefix + name] = real
        for name, real in subfolders:
            self.folder(real, f"{prefix}{name}/", (*chain, real))

    def subfolder(self, folder: str, name: str, is_link: bool, prefix: str, chain: tuple[str, ...]) -> str | None:
        """The real path of a subfolder to walk, or None when it is not walked (with a finding when wrong)."""
        relpath = prefix + name
        if name.startswith(".") or (not prefix and name in SKIP_DIRS):
            return None
        if not is_link:
            return None if self.misplaced(name, relpath) else self.tree.join(folder, name)
        real = self.inside(folder, name, relpath)
        if real is None or self.misplaced(name, relpath):
            return None
        if real in chain or real in self.linked:  # a loop, or a folder already entered through another link
            return None
        self.linked.add(real)
        return real

    def misplaced(self, name: str, relpath: str) -> bool:
        """Whether a folder stands where a record file belongs (ZS005)."""
        if name.endswith(YAML_SUFFIXES) and kind_of(relpath):
            self.found.findings.append(finding(
                "ZS005", relpath, "这里应是一个 YAML 文件，却是一个目录", hint="删除或改名该目录"))
            return True
        return False
