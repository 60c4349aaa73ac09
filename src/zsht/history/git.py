"""The git plumbing of the audit trail: one `git log` stream, one `git cat-file --batch`, no others per file.

Every process started here is closed in a `finally`, so no git child outlives the command.
"""

from __future__ import annotations

import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from ..errors import UserError

EMPTY_BLOB = "0" * 40
CACHE_BYTES = 64 << 20  # blob bytes kept in memory before the cache starts afresh
# Fields of one commit in the log stream; \x1e starts a commit, \x1f separates fields, \x1d separates trailers.
_FORMAT = ("%x1e%H%x1f%P%x1f%an%x1f%ae%x1f%aI%x1f{signature}%x1f%s"
           "%x1f%(trailers:key=Reviewed-by,key=Approved-by,separator=%x1d)")


class GitError(UserError):
    """git refused: not a repository, an unknown revision, git missing."""


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


class Repo:
    """The git repository that holds a county, seen from the county's root."""

    def __init__(self, county_root: Path) -> None:
        self.root = county_root
        try:
            top, _, prefix = self.run("rev-parse", "--show-toplevel", "--show-prefix").partition("\n")
        except GitError:
            raise GitError(f"{county_root} 不在 git 仓库中", hint="git init 后提交记录，审计线索才能从历史中读出") from None
        self.top = Path(top)
        self.prefix = prefix.strip()  # the county's folder inside the repository, "" or "sub/dir/"

    def run(self, *args: str) -> str:
        """One short git query (rev-parse, merge-base …) and its output."""
        try:
            done = subprocess.run(["git", "-C", str(self.root), *args], capture_output=True, check=False)
        except FileNotFoundError as exc:
            raise GitError("找不到 git 命令", hint="安装 git 后重试") from exc
        if done.returncode != 0:
            message = done.stderr.decode("utf-8", "replace").strip().splitlines()
            raise GitError(f"git {args[0]} 失败：{message[-1] if message else done.returncode}")
        return done.stdout.decode("utf-8", "replace").strip()

    def revision(self, name: str) -> str:
        """The commit sha a revision names, or a one-line error that names it."""
        try:
            return self.run("rev-parse", "--verify", "--quiet", f"{name}^{{commit}}")
        except GitError:
            raise GitError(f"找不到版本“{name}”", hint="检查分支名、标签或提交编号") from None

    def relative(self, path: str) -> str | None:
        """A path from the repository top made relative to the county, or None when outside it."""
        if not path.startswith(self.prefix):
            return None
        return path[len(self.prefix):]

    def tree(self, revision: str) -> dict[str, str]:
        """Path (relative to the county) → blob sha of every file at a revision."""
        out = self.run("ls-tree", "-r", "-z", "--full-tree", revision, "--", self.prefix or ".")
        found: dict[str, str] = {}
        for entry in out.split("\0"):
            if not entry:
                continue
            meta, path = entry.split("\t", 1)
            _mode, kind, sha = meta.split()
            relpath = self.relative(path)
            if kind == "blob" and relpath is not None:
                found[relpath] = sha
        return found

    def commits(self, *revisions: str, oldest_first: bool = True, signatures: bool = False,
                merges: bool = False) -> Iterator[Commit]:
        """Every commit that changed the county, read from ONE `git log` process as it streams.

        Signatures are checked only with `signatures` (git runs gpg once per signed commit); otherwise a
        commit's `signature` is "?" until `signatures_of` fills it in for the few commits that are shown.
        With `merges`, only merge commits, each with the files it changed against its first parent (the
        branch it was merged into); otherwise a merge commit comes with no files.
        """
        fmt = _FORMAT.format(signature="%G?" if signatures else "?")
        # --full-history: every commit that changed the county, also on a side a merge's tree did not keep.
        args = ["git", "-C", str(self.top), "log", "--full-history", "--no-renames", "--raw", "-z", "--no-abbrev",
                "--topo-order", f"--format={fmt}"]
        if merges:
            args += ["--merges", "--diff-merges=first-parent"]
        if oldest_first:
            args.append("--reverse")
        args += [*(revisions or ("HEAD",)), "--", self.prefix or "."]
        with tempfile.TemporaryFile() as errors:  # a file, not a pipe: git's warnings can never stall the log
            process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=errors)
            try:
                assert process.stdout is not None
                yield from self._stream(process.stdout)
                if process.wait() != 0:
                    errors.seek(0)
                    message = errors.read().decode("utf-8", "replace").strip()
                    raise GitError(f"git log 失败：{message.splitlines()[-1] if message else process.returncode}")
            finally:
                _close(process)

    def signatures_of(self, commits: list[Commit]) -> None:
        """Fill in the signature status (%G?) of some commits, with one git process for all of them."""
        if not commits:
            return
        out = self.run("show", "-s", "--no-patch", "--format=%H %G?", *(c.sha for c in commits))
        status = dict(line.split(" ", 1) for line in out.splitlines() if " " in line)
        for commit in commits:
            commit.signature = status.get(commit.sha, commit.signature)

    def _stream(self, stdout: IO[bytes]) -> Iterator[Commit]:
        """Commits as they arrive; a commit's bytes are joined once, however many reads it spans."""
        parts: list[bytes] = []
        while chunk := stdout.read(1 << 16):
            if b"\x1e" not in chunk:
                parts.append(chunk)
                continue
            head, *whole, tail = chunk.split(b"\x1e")
            for record in (b"".join([*parts, head]), *whole):
                if record:
                    yield self._commit(record)
            parts = [tail]
        if b"".join(parts):
            yield self._commit(b"".join(parts))

    def _commit(self, record: bytes) -> Commit:
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
            relpath = self.relative(path.decode("utf-8", "replace"))
            if relpath is not None:
                commit.files.append(FileChange(relpath, old, new))
        return commit

    @contextmanager
    def blobs(self) -> Iterator[BlobReader]:
        """A reader of file versions through ONE long-lived `git cat-file --batch` process."""
        process = subprocess.Popen(["git", "-C", str(self.top), "cat-file", "--batch"],
                                   stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        try:
            yield BlobReader(process)
        finally:
            _close(process)


class BlobReader:
    """Reads blobs by sha from a running `git cat-file --batch`; each blob read once, kept by sha."""

    def __init__(self, process: subprocess.Popen[bytes]) -> None:
        self.process = process
        self.cache: dict[str, bytes] = {}
        self.cached_bytes = 0

    def read(self, sha: str) -> bytes | None:
        """The bytes of a blob, or None when the repository does not have it."""
        if sha == EMPTY_BLOB:
            return None
        if sha in self.cache:
            return self.cache[sha]
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(sha.encode() + b"\n")
        self.process.stdin.flush()
        header = self.process.stdout.readline().split()
        if len(header) < 3 or header[1] == b"missing":
            return None
        size = int(header[2])
        content = self.process.stdout.read(size + 1)[:size]  # the blob, then a newline
        if self.cached_bytes > CACHE_BYTES:  # the cache serves the next commit's old side: recent blobs matter
            self.cache.clear()
            self.cached_bytes = 0
        self.cache[sha] = content
        self.cached_bytes += size
        return content


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
