"""A commit's files walked as the loader walks the disk (load.walk): a committed link inside the county is
followed, one leading outside is not read, so a diff between a commit and the working tree compares like
with like."""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Callable

from ..load.walk import walk_tree
from .git import BlobReader, Repo

LINK_MODE = "120000"
MAX_HOPS = 40  # as the kernel's ELOOP: a chain of links longer than this leads nowhere


class CommitTree:
    """One commit's files under the county as a load.walk.Tree: paths relative to the county, "" its root."""

    root = ""

    def __init__(self, listing: dict[str, tuple[str, str]], blobs: BlobReader, county_real: str) -> None:
        self.files: dict[str, str] = {}  # path → blob sha
        self.links: dict[str, str] = {}  # path → the path the link holds
        self.children: dict[str, dict[str, bool]] = defaultdict(dict)  # folder → name → is a link
        self.county_real = county_real
        for path, (mode, sha) in listing.items():
            if mode == LINK_MODE:
                self.links[path] = os.fsdecode(blobs.read(sha) or b"")
            else:
                self.files[path] = sha
            parts = path.split("/")
            for depth in range(len(parts) - 1):
                self.children["/".join(parts[:depth])].setdefault(parts[depth], False)
            self.children["/".join(parts[:-1])][parts[-1]] = mode == LINK_MODE

    def entries(self, folder: str) -> list[tuple[str, bool, bool]]:
        """(name, is a folder, is a link) of each entry of a folder, by name."""
        found = []
        for name, is_link in sorted(self.children.get(folder, {}).items()):
            path = self.join(folder, name)
            if is_link:
                real, inside = self.target(folder, name)
                found.append((name, inside and real in self.children, True))
            else:
                found.append((name, path in self.children, False))
        return found

    def join(self, folder: str, name: str) -> str:
        """The path of `name` in `folder`."""
        return f"{folder}/{name}" if folder else name

    def target(self, folder: str, name: str) -> tuple[str, bool]:
        """The real path a link leads to, and whether it stays inside the county (an absolute link does when
        it names the county's own folder on this machine)."""
        pending = [name]
        real = [part for part in folder.split("/") if part]
        hops = 0
        while pending:
            part = pending.pop()
            if part in ("", "."):
                continue
            if part == "..":
                if not real:
                    return self.join(folder, name), False
                real.pop()
                continue
            candidate = "/".join([*real, part])
            if candidate not in self.links:
                real.append(part)
                continue
            hops += 1
            held = self.links[candidate]
            if hops > MAX_HOPS:
                return candidate, True  # leads nowhere: read as a broken link, which holds no record
            if os.path.isabs(held):
                if os.path.commonpath([held, self.county_real]) != self.county_real:
                    return held, False
                held, real = os.path.relpath(held, self.county_real), []
            pending.extend(reversed(held.replace(os.sep, "/").split("/")))
        return "/".join(real), True


def commit_files(repo: Repo, revision: str, blobs: BlobReader, wanted: Callable[[str], bool]) -> dict[str, str]:
    """Path → blob sha of every `wanted` file of the county at `revision`, as `zsht validate` would walk it."""
    tree = CommitTree(repo.listing(revision), blobs, os.path.realpath(repo.top / repo.prefix))
    walked = walk_tree(tree)
    return {path: tree.files[real] for path in walked.paths
            if wanted(path) and (real := walked.real[path]) in tree.files}
