"""Walk the history once: every commit with the record changes it made, matched by id across the whole tree."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from .changes import RecordChange, compare
from .git import EMPTY_BLOB, BlobReader, Commit, FileChange, Repo
from .records import Key, ParsedVersions, Version, is_record_file, kind_of, same_item_text

Relevant = Callable[[Commit, str], bool]
Worth = Callable[[Commit, list[FileChange], BlobReader], bool]


@dataclass
class Step:
    """One commit and the records it changed (moves included)."""

    commit: Commit
    changes: list[RecordChange]


def _files(commit: Commit, blobs: BlobReader, relevant: Relevant | None,
           record_id: str | None) -> list[FileChange]:
    """The changed files worth reading: relevant ones that name the record looked for, unless its text is unchanged."""
    kept = []
    for change in commit.files:
        if not is_record_file(change.path) or (relevant is not None and not relevant(commit, change.path)):
            continue
        if record_id is not None:
            old, new = blobs.read(change.old), blobs.read(change.new)
            needle = record_id.encode()
            if not ((old and needle in old) or (new and needle in new)):
                continue
            kind = kind_of(change.path)
            if old and new and kind is not None and kind.records and same_item_text(old, new, record_id):
                continue
        kept.append(change)
    return kept


def _side(files: list[FileChange], blobs: BlobReader, parsed: ParsedVersions, new: bool) -> dict[Key, Version]:
    found: dict[Key, Version] = {}
    for change in files:
        sha = change.new if new else change.old
        if sha == EMPTY_BLOB:
            continue
        for key, version in parsed.records(change.path, sha, blobs.read(sha)).items():
            found.setdefault(key, version)
    return found


def walk(repo: Repo, *revisions: str, oldest_first: bool = True, record_id: str | None = None,
         relevant: Relevant | None = None, worth: Worth | None = None, signatures: bool = False,
         merges: bool = False) -> Iterator[Step]:
    """Each commit that touched the county, with its record changes (only those of `record_id` if given).

    A commit's changes are found in the files it changed alone: a record in a file the commit did not
    touch did not change, and a record that moved shows up in the old version of one file and the new
    version of another. Merge commits add no changes of their own (their branches' commits carry them);
    with `merges`, only merge commits come, each with its changes against its first parent.
    `relevant(commit, path)` says which changed files are worth reading: a file left out counts as
    unchanged, which keeps a walk over thousands of commits to the files that can matter. `worth(commit, files,
    blobs)` says whether a commit's relevant files are worth reading at all (audit: only when one of them may
    have held a frozen record); a commit not worth it comes with no changes.
    """
    parsed = ParsedVersions()
    with repo.blobs() as blobs:
        for commit in repo.commits(*revisions, oldest_first=oldest_first, signatures=signatures, merges=merges):
            files = _files(commit, blobs, relevant, record_id)
            if files and worth is not None and not worth(commit, files, blobs):
                files = []
            changes = compare(_side(files, blobs, parsed, False), _side(files, blobs, parsed, True), moves=True)
            if record_id is not None:
                changes = [c for c in changes if c.key.id == record_id]
            yield Step(commit, changes)
