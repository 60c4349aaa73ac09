"""Walk the history once: every commit with the record changes it made, matched by id across the whole tree."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from .changes import RecordChange, compare
from .git import BlobReader, Commit, Repo
from .records import Key, Parsed, Version, is_record_file


@dataclass
class Step:
    """One commit and the records it changed (moves included)."""

    commit: Commit
    changes: list[RecordChange]


def _side(commit: Commit, blobs: BlobReader, parsed: Parsed, new: bool,
          wanted: Callable[[bytes], bool]) -> dict[Key, Version]:
    found: dict[Key, Version] = {}
    for change in commit.files:
        if not is_record_file(change.path):
            continue
        sha = change.new if new else change.old
        content = blobs.read(sha)
        if content is None or not wanted(content):
            continue
        for key, version in parsed.records(change.path, sha, content).items():
            found.setdefault(key, version)
    return found


def walk(repo: Repo, *revisions: str, oldest_first: bool = True,
         record_id: str | None = None) -> Iterator[Step]:
    """Each commit that touched the county, with its record changes (only those of `record_id` if given).

    A commit's changes are found in the files it changed alone: a record in a file the commit did not
    touch did not change, and a record that moved shows up in the old version of one file and the new
    version of another. Merge commits add no changes of their own (their branches' commits carry them).
    """
    needle = record_id.encode() if record_id else b""

    def wanted(content: bytes) -> bool:
        return needle in content  # a cheap filter before parsing; the id is matched exactly afterwards

    parsed = Parsed()
    with repo.blobs() as blobs:
        for commit in repo.commits(*revisions, oldest_first=oldest_first):
            old = _side(commit, blobs, parsed, False, wanted)
            new = _side(commit, blobs, parsed, True, wanted)
            changes = compare(old, new, moves=True)
            if record_id is not None:
                changes = [c for c in changes if c.key.id == record_id]
            yield Step(commit, changes)
