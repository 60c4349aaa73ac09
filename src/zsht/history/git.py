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

from .git_errors import GitError, GitSaid, git_failed, refuse_option, require_git

EMPTY_BLOB = "0" * 40
CACHE_BYTES = 64 << 20  # blob bytes kept in memory before the cache starts afresh
# Fields of one commit in the log stream; \x1e starts a commit, \x1f separates fields, \x1d separates trailers.
_FORMAT = ("%x1e%H%x1f%P%x1f%an%x1f%ae%x1f%aI%x1f{signature}%x1f%s"
           "%x1f%(trailers:key=Reviewed-by,key=Approved-by,separator=%x1d)")
# What zsht is doing when a git command fails, for the error line.
_DOING = {"rev-parse": "解析版本", "ls-tree": "列出版本中的文件", "merge-base": "查找合并基点", "show": "读取提交的签名",
          "rev-list": "查找提交"}

__all__ = ["EMPTY_BLOB", "BlobReader", "Commit", "FileChange", "GitError", "Repo", "require_git", "split_range"]


def split_range(spec: str) -> tuple[str, str, str]:
    """BASE, the dots and HEAD of `BASE..HEAD` or `BASE...HEAD`; no dots when the spec is one revision."""
    for dots in ("...", ".."):
        if dots in spec:
            left, right = spec.split(dots, 1)
            return left, dots, right
    return spec, "", ""


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
    """The git repository that holds a county, seen from the county's root.

    A revision the user names is refused when it starts with “-” and resolved to a commit sha before any
    other git command sees it; every git command that takes revisions gets `--end-of-options` before them
    as well, so no user text can ever reach git as an option (`--output=FILE` would truncate a file).
    """

    def __init__(self, county_root: Path) -> None:
        require_git()  # without git, say so: “not in a repository” would send the user looking in vain
        self.root = county_root
        try:
            top, _, prefix = self.run("rev-parse", "--show-toplevel", "--show-prefix", doing="查找 git 仓库").partition("\n")
        except GitError as exc:
            if exc.reason != "not_a_repository":
                raise
            raise GitError(f"{county_root} 不在 git 仓库中", hint="git init 后提交记录，审计线索才能从历史中读出",
                           reason=exc.reason) from exc.__cause__
        self.top = Path(top)
        self.prefix = prefix.strip()  # the county's folder inside the repository, "" or "sub/dir/"

    def run(self, *args: str, doing: str | None = None) -> str:
        """One short git query (rev-parse, merge-base …) and its output; a failure says what zsht was `doing`."""
        try:
            done = subprocess.run(["git", "-C", str(self.root), *args], capture_output=True, check=False)
        except FileNotFoundError:
            raise GitError("找不到 git 命令，请先安装 git", reason="no_git") from None
        if done.returncode != 0:
            raise git_failed(doing or _DOING.get(args[0], f"运行 git {args[0]}"), done.stderr, done.returncode) \
                from GitSaid(done.stderr.decode("utf-8", "replace").strip())
        return done.stdout.decode("utf-8", "replace").strip()

    def revision(self, name: str) -> str:
        """The commit sha a revision names, or a one-line error that names it."""
        refuse_option(name)
        try:
            return self.run("rev-parse", "--verify", "--quiet", "--end-of-options", f"{name}^{{commit}}")
        except GitError as exc:
            if exc.reason != "other":  # git could not answer at all (a broken repository …): that, not “not found”
                raise
        if not self.run("rev-list", "-n", "1", "--all"):
            raise GitError(f"仓库还没有任何提交，找不到版本“{name}”", hint="先提交记录再运行", reason="no_commits")
        if self.shallow_cut():
            raise GitError(f"找不到版本“{name}”", reason="unknown_revision",
                           hint="仓库是浅克隆，较早的提交不在本地：运行 git fetch --unshallow 后重试")
        raise GitError(f"找不到版本“{name}”", hint="检查分支名、标签或提交编号", reason="unknown_revision")

    def range(self, spec: str) -> list[str]:
        """`git log`'s arguments for `BASE`, `BASE..HEAD` or `BASE...HEAD` (an empty side is HEAD), each end
        resolved to a commit sha first."""
        refuse_option(spec)
        left, dots, right = split_range(spec)
        if not dots:
            return [self.revision(spec)]
        base, head = self.revision(left or "HEAD"), self.revision(right or "HEAD")
        return [head, f"^{base}"] if dots == ".." else [f"{base}...{head}"]

    def shallow_cut(self) -> set[str]:
        """The commits at which a shallow clone's history is cut off (their parents are not here); empty when
        the history is whole."""
        if self.run("rev-parse", "--is-shallow-repository") != "true":
            return set()
        listed = Path(self.run("rev-parse", "--git-path", "shallow"))
        return set((listed if listed.is_absolute() else self.root / listed).read_text(encoding="ascii").split())

    def relative(self, path: str) -> str | None:
        """A path from the repository top made relative to the county, or None when outside it."""
        if not path.startswith(self.prefix):
            return None
        return path[len(self.prefix):]

    def tree(self, revision: str) -> dict[str, str]:
        """Path (relative to the county) → blob sha of every file at a revision."""
        out = self.run("ls-tree", "-r", "-z", "--full-tree", "--end-of-options", revision, "--", self.prefix or ".",
                       doing=f"列出版本 {revision[:10]} 中的文件")
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

        `revisions` are resolved ones (`revision`, `range`); none means HEAD.

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
        args += ["--end-of-options", *(revisions or (self.revision("HEAD"),)), "--", self.prefix or "."]
        with tempfile.TemporaryFile() as errors:  # a file, not a pipe: git's warnings can never stall the log
            process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=errors)
            try:
                assert process.stdout is not None
                yield from self._stream(process.stdout)
                if process.wait() != 0:
                    errors.seek(0)
                    said = errors.read()
                    raise git_failed("读取提交历史", said, process.returncode) from GitSaid(
                        said.decode("utf-8", "replace").strip())
            finally:
                _close(process)

    def signatures_of(self, commits: list[Commit]) -> None:
        """Fill in the signature status (%G?) of some commits, with one git process for all of them."""
        if not commits:
            return
        out = self.run("show", "-s", "--no-patch", "--format=%H %G?", "--end-of-options", *(c.sha for c in commits))
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
