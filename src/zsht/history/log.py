"""zsht's own `git log` stream: every commit that changed the county, with the files it changed, from ONE
process read as it streams.

gitpython has no reader for this: `iter_commits` reads each commit object and needs one `git diff` per
commit for its files, about a hundred times slower over a long history (benchmarks/bench_history.py
--plumbing), so this one stream stays ours.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from contextlib import suppress
from dataclasses import dataclass, field
from typing import IO

from .git_errors import ENGLISH, GitSaid, git_failed

# Fields of one commit in the log stream; \x1e starts a commit, \x1f separates fields, \x1d separates trailers.
FORMAT = ("%x1e%H%x1f%P%x1f%an%x1f%ae%x1f%aI%x1f{signature}%x1f%s"
          "%x1f%(trailers:key=Reviewed-by,key=Approved-by,separator=%x1d)")

Relative = Callable[[str], "str | None"]  # a path from the repository's top → relative to the county, or None


@dataclass(frozen=True)
class FileChange:
    """One file a commit changed: its path (relative to the county) and its blob before and after."""

    path: str
    old: str  # blob sha, EMPTY_BLOB when the file was added
    new: str  # blob sha, EMPTY_BLOB when the file was deleted


@dataclass
class Commit:
    """One commit of the log stream, with the files it changed under the county."""

    sha: str
    parents: list[str]
    author: str
    email: str
    date: str
    signature: str  # %G?: G good, B bad, U unknown validity, X/Y expired, R revoked, E unverifiable, N none
    subject: str
    trailers: list[str] = field(default_factory=list)
    files: list[FileChange] = field(default_factory=list)

    @property
    def short(self) -> str:
        return self.sha[:10]


def read_log(args: list[str], relative: Relative) -> Iterator[Commit]:
    """The commits of a `git log -z --raw --format=FORMAT` command line, parsed as they arrive; git's failure
    after the last commit is an error in Chinese, and the process is ended whatever happens."""
    with tempfile.TemporaryFile() as errors:  # a file, not a pipe: git's warnings can never stall the log
        process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=errors, env={**os.environ, **ENGLISH})
        try:
            assert process.stdout is not None
            yield from _stream(process.stdout, relative)
            if process.wait() != 0:
                errors.seek(0)
                said = errors.read()
                raise git_failed("读取提交历史", said, process.returncode) from GitSaid(
                    said.decode("utf-8", "replace").strip())
        finally:
            _close(process)


def _stream(stdout: IO[bytes], relative: Relative) -> Iterator[Commit]:
    """Commits as they arrive; a commit's bytes are joined once, however many reads it spans."""
    parts: list[bytes] = []
    while chunk := stdout.read(1 << 16):
        if b"\x1e" not in chunk:
            parts.append(chunk)
            continue
        head, *whole, tail = chunk.split(b"\x1e")
        for record in (b"".join([*parts, head]), *whole):
            if record:
                yield _commit(record, relative)
        parts = [tail]
    if b"".join(parts):
        yield _commit(b"".join(parts), relative)

def _commit(record: bytes, relative: Relative) -> Commit:
    header, _, raw = record.partition(b"\0")
    sha, parents, author, email, date, signature, subject, trailers = (
        header.decode("utf-8", "replace").split("\x1f"))
    commit = Commit(sha, parents.split(), author, email, date, signature, subject,
                    [t.strip() for t in trailers.split("\x1d") if t.strip()])
    tokens = raw.lstrip(b"\n").split(b"\0")
    for meta, path in zip(tokens[0::2], tokens[1::2], strict=False):
        if not meta.startswith(b":"):
            continue
        _old_mode, _new_mode, old, new, _status = meta[1:].decode().split()
        relpath = relative(path.decode("utf-8", "replace"))
        if relpath is not None:
            commit.files.append(FileChange(relpath, old, new))
    return commit


def _close(process: subprocess.Popen[bytes]) -> None:
    """End a git child and reap it, so none is left behind whatever happened."""
    for stream in (process.stdin, process.stdout, process.stderr):
        if stream is not None:
            with suppress(OSError):
                stream.close()
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
