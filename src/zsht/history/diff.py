"""`zsht diff` as a library call: the record-level difference between two versions of a county."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import UserError
from ..load.config import ConfigError, joined, read_config
from ..load.source import NotRegularFile, read_regular
from ..load.walk import county_files
from .amendments import supplement_callouts, supplement_paths
from .burden import Callout, callouts
from .changes import RecordChange, compare, summary
from .git import BlobReader, GitError, Repo, split_range
from .records import Key, ParsedVersions, Version, blob_sha, is_record_file
from .tree import commit_files

WORKTREE = "工作区"


@dataclass
class CountyDiff:
    """Every record change between `base` and `head`, and the burden and funding callouts among them."""

    base: str
    head: str
    changes: list[RecordChange]
    callouts: list[Callout] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # warnings for stderr: what was assumed, and why

    @property
    def summary(self) -> str:
        return summary(self.changes)

    def as_dict(self) -> dict[str, Any]:
        counts = {s: sum(1 for c in self.changes if c.status == s) for s in ("added", "changed", "removed")}
        return {"base": self.base, "head": self.head, "summary": self.summary, "counts": counts,
                "records": [c.as_dict() for c in self.changes], "callouts": [c.as_dict() for c in self.callouts]}


def worktree_files(root: Path, wanted: Callable[[str], bool] = is_record_file) -> dict[str, bytes]:
    """Path → content of every record file (or every `wanted` one) on disk, tracked or not, as the loader walks
    (load.walk: links inside the repository followed, links leading outside not read)."""
    found: dict[str, bytes] = {}
    walked = county_files(root)
    for unread in (f for f in walked.findings if f.rule == "ZS006"):  # its records would look removed
        raise UserError(f"无法读取工作区的目录 {unread.file}，其中的记录无法比较", hint=unread.hint)
    for relpath in walked.paths:
        if wanted(relpath):
            try:
                found[relpath] = read_regular(root / relpath)
            except (NotRegularFile, FileNotFoundError):  # a FIFO or a broken link holds no version of a record
                continue
    return found


def main_branch(root: Path) -> tuple[str, ConfigError | None]:
    """The county's main branch as zsht.yaml names it (default: main), and zsht.yaml's error if it has one.

    A broken zsht.yaml does not stop a diff (the change being looked at may be the one that broke it): the
    branch is then `main`, and the caller says why, naming the file, line and error as `zsht validate` does.
    """
    try:
        return read_config(root).main_branch, None
    except ConfigError as exc:
        return "main", exc


def resolve(repo: Repo, spec: str | None, notes: list[str] | None = None) -> tuple[str, str | None]:
    """BASE and HEAD commits of `BASE`, `BASE..HEAD` or `BASE...HEAD`; HEAD None means the working tree.

    Each end is resolved to a commit sha (a name starting with “-” is refused) before merge-base sees it.
    Without `spec`, the base is the merge base with the main branch; a warning about it goes to `notes`.
    """
    if spec is None:
        branch, broken = main_branch(repo.root)
        for name in (branch, f"origin/{branch}"):
            try:
                base = _merge_base(repo, repo.revision(name), repo.revision("HEAD"))
            except GitError as exc:
                if exc.reason not in ("unknown_revision", "option"):
                    raise  # no commit at all, a broken repository: say that, not “no main branch”
                continue
            if broken is not None and notes is not None:
                notes.append(f"警告：{broken.message}，读不出主分支名，按 main 对比（{joined(broken.hint, '改正后重试')}）")
            return base, None
        if broken is not None:  # one line for both: why main was tried, and that there is none
            raise UserError(f"{broken.message}，读不出主分支名，而没有名为 main 的分支",
                            hint=joined(broken.hint, "改正 zsht.yaml，或写明 zsht diff BASE..HEAD"))
        raise GitError(f"找不到主分支“{branch}”", hint="在 zsht.yaml 中设置 main_branch，或写明 zsht diff BASE..HEAD")
    left, dots, right = split_range(spec)
    if dots == "...":
        head = repo.revision(right or "HEAD")
        return _merge_base(repo, repo.revision(left or "HEAD"), head), head
    if dots == "..":
        return repo.revision(left or "HEAD"), repo.revision(right or "HEAD")
    return repo.revision(spec), None


def _merge_base(repo: Repo, one: str, other: str) -> str:
    """The best common ancestor of two commits, or a one-line error when they have none."""
    try:
        return repo.run("merge-base", "--end-of-options", one, other)
    except GitError as exc:
        if exc.reason != "other":
            raise
        raise GitError(f"版本 {one[:10]} 与 {other[:10]} 没有共同的祖先提交", hint="写明 zsht diff BASE..HEAD") from exc


def versions(paths: list[str], shas: dict[str, str], blobs: BlobReader, parsed: ParsedVersions,
             contents: dict[str, bytes] | None = None) -> dict[Key, Version]:
    """The records held by some files at one side of the diff (contents given for the working tree)."""
    found: dict[Key, Version] = {}
    for path in paths:
        if path not in shas:
            continue
        content = contents[path] if contents is not None else blobs.read(shas[path])
        for key, version in parsed.records(path, shas[path], content).items():
            found.setdefault(key, version)
    return found


def diff_county(root: Path, spec: str | None = None) -> CountyDiff:
    """Record changes of the county at `root` between two revisions, or a revision and the working tree."""
    notes: list[str] = []
    with Repo(root) as repo:
        base, head = resolve(repo, spec, notes)
        with repo.blobs() as blobs:
            old = commit_files(repo, base, blobs, is_record_file)
            contents = worktree_files(root) if head is None else None
            if contents is not None:
                new = {p: blob_sha(c) for p, c in contents.items()}
            else:
                assert head is not None
                new = commit_files(repo, head, blobs, is_record_file)
            changed = sorted(p for p in old.keys() | new.keys() if old.get(p) != new.get(p))
            parsed = ParsedVersions()
            changes = compare(versions(changed, old, blobs, parsed), versions(changed, new, blobs, parsed, contents))
            last = [p for c in changes if (p := _last_year(c, new)) is not None]
            last += [p for c in changes if _last_year(c, new) and c.new for p in supplement_paths(c.new.data, new)]
            earlier = versions(last, new, blobs, parsed, contents)
    changes.sort(key=lambda c: ({"added": 0, "changed": 1, "removed": 2}[c.status], c.file, c.key.id))
    found = callouts(changes, earlier) + supplement_callouts(changes)
    return CountyDiff(base[:10], WORKTREE if head is None else head[:10], changes, found, notes)


def _last_year(change: RecordChange, tree: dict[str, str]) -> str | None:
    """For a new agreement, the path (in `tree`) of the same committee's agreement of the latest earlier year: the
    year before, or the last one the county kept (2015, then 2026)."""
    if change.key.kind != "agreement" or change.status != "added" or change.new is None:
        return None
    data = change.new.data
    if not isinstance(data.get("year"), int) or not all(isinstance(data.get(k), str) for k in ("township", "community")):
        return None
    earlier = [(year, path) for path in tree if (year := _agreement_year(path, data["community"])) is not None
               and year < data["year"]]
    return max(earlier)[1] if earlier else None


def _agreement_year(path: str, community: str) -> int | None:
    """The year of `agreements/<year>/<township>/<community>.yaml` (.yml), for this committee; None otherwise."""
    parts = path.split("/")
    if len(parts) != 4 or parts[0] != "agreements" or not parts[1].isdigit() or \
            parts[3].rsplit(".", 1)[0] != community or not parts[3].endswith((".yaml", ".yml")):
        return None
    return int(parts[1])
