"""The git plumbing of the audit trail: gitpython where it fits, and one `git log` stream of our own.

gitpython finds the repository, runs the short queries (rev-parse, ls-tree, merge-base, show) and keeps the
one persistent `git cat-file --batch` that reads file versions. The history of thousands of commits, each
with the files it changed, comes from ONE `git log --raw` process parsed here: gitpython's `iter_commits`
would read every commit object and run a `git diff` per commit (benchmarks/bench_history.py --plumbing).

A `Repo` is a context manager, and every process started here is ended on leaving it or in a `finally`,
so no git child outlives the command.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from .git_errors import ENGLISH, GitError, GitSaid, git_failed, refuse_option, require_git
from .log import FORMAT, Commit, FileChange, read_log

if TYPE_CHECKING:
    import git

EMPTY_BLOB = "0" * 40
CACHE_BYTES = 64 << 20  # blob bytes kept in memory before the cache starts afresh
# What zsht is doing when a git command fails, for the error line.
_DOING = {"rev-parse": "解析版本", "ls-tree": "列出版本中的文件", "merge-base": "查找合并基点", "show": "读取提交的签名",
          "rev-list": "查找提交"}

__all__ = ["EMPTY_BLOB", "BlobReader", "Commit", "FileChange", "GitError", "Repo", "first_commit", "head_state",
           "require_git", "split_range"]


def split_range(spec: str) -> tuple[str, str, str]:
    """BASE, the dots and HEAD of `BASE..HEAD` or `BASE...HEAD`; no dots when the spec is one revision."""
    for dots in ("...", ".."):
        if dots in spec:
            left, right = spec.split(dots, 1)
            return left, dots, right
    return spec, "", ""


class Repo:
    """The git repository that holds a county, seen from the county's root.

    A revision the user names is refused when it starts with “-” and resolved to a commit sha by git's own
    `rev-parse` (gitpython's `repo.commit` saves 2 ms but parses revisions itself and lacks some of git's
    spellings, `@{upstream}` among them) before any other git command sees it; every git command that takes
    revisions gets `--end-of-options` before them as well, so no user text can ever reach git as an option
    (`--output=FILE` would truncate a file).

    Use it as `with Repo(root) as repo:`; leaving ends the `cat-file` process gitpython keeps.
    """

    def __init__(self, county_root: Path) -> None:
        _load_gitpython()
        import git

        self.root = county_root
        real = Path(os.path.realpath(county_root))  # git looks for .git above the real folder, not a symlink's
        try:
            self._repo = git.Repo(real, search_parent_directories=True, expand_vars=False)
        except (git.InvalidGitRepositoryError, git.NoSuchPathError):
            raise GitError(f"{county_root} 不在 git 仓库中", hint="git init 后提交记录，审计线索才能从历史中读出",
                           reason="not_a_repository") from None
        if self._repo.working_tree_dir is None:
            self._repo.close()
            raise GitError(f"{county_root} 在一个没有工作区的裸仓库中", hint="在克隆出的工作区中运行",
                           reason="not_a_repository")
        self.top = Path(os.path.realpath(self._repo.working_tree_dir))
        if not real.is_relative_to(self.top):  # GIT_WORK_TREE or core.worktree names a folder elsewhere
            self._repo.close()
            raise GitError(f"{county_root} 不在所属 git 仓库的工作区 {self.top} 中", hint="在仓库的工作区中运行",
                           reason="not_a_repository")
        inside = real.relative_to(self.top).as_posix()
        self.prefix = "" if inside == "." else inside + "/"  # the county's folder inside the repository

    def __enter__(self) -> Repo:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        """End every git process gitpython keeps for this repository (the persistent `cat-file`)."""
        self._repo.close()

    def run(self, *args: str, doing: str | None = None) -> str:
        """One short git query (rev-parse, merge-base …) run in the repository's top folder, and its output;
        a failure says what zsht was `doing`."""
        return _execute(self._repo.git, args, doing or _DOING.get(args[0], f"运行 git {args[0]}"))

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
        return set((listed if listed.is_absolute() else self.top / listed).read_text(encoding="ascii").split())

    def relative(self, path: str) -> str | None:
        """A path from the repository top made relative to the county, or None when outside it."""
        if not path.startswith(self.prefix):
            return None
        return path[len(self.prefix):]

    def listing(self, revision: str) -> dict[str, tuple[str, str]]:
        """Path (relative to the county) → (mode, blob sha) of every file at a revision; mode 120000 is a link,
        whose blob holds the path it leads to."""
        out = self.run("ls-tree", "-r", "-z", "--full-tree", "--end-of-options", revision, "--", self.prefix or ".",
                       doing=f"列出版本 {revision[:10]} 中的文件")
        found: dict[str, tuple[str, str]] = {}
        for entry in out.split("\0"):
            if not entry:
                continue
            meta, path = entry.split("\t", 1)
            mode, kind, sha = meta.split()
            relpath = self.relative(path)
            if kind == "blob" and relpath is not None:
                found[relpath] = (mode, sha)
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
        fmt = FORMAT.format(signature="%G?" if signatures else "?")
        # --full-history: every commit that changed the county, also on a side a merge's tree did not keep.
        args = ["git", "-C", str(self.top), "log", "--full-history", "--no-renames", "--raw", "-z", "--no-abbrev",
                "--topo-order", f"--format={fmt}"]
        if merges:
            args += ["--merges", "--diff-merges=first-parent"]
        if oldest_first:
            args.append("--reverse")
        args += ["--end-of-options", *(revisions or (self.revision("HEAD"),)), "--", self.prefix or "."]
        yield from read_log(args, self.relative)

    def signatures_of(self, commits: list[Commit]) -> None:
        """Fill in the signature status (%G?) of some commits, with one git process for all of them."""
        if not commits:
            return
        out = self.run("show", "-s", "--no-patch", "--format=%H %G?", "--end-of-options", *(c.sha for c in commits))
        status = dict(line.split(" ", 1) for line in out.splitlines() if " " in line)
        for commit in commits:
            commit.signature = status.get(commit.sha, commit.signature)

    @contextmanager
    def blobs(self) -> Iterator[BlobReader]:
        """A reader of file versions through gitpython's ONE persistent `git cat-file --batch`, ended on leaving."""
        try:
            yield BlobReader(self._repo)
        finally:
            self._repo.git.clear_cache()


class BlobReader:
    """Reads blobs by sha through gitpython's object database (a persistent `git cat-file --batch`); each
    blob read once, kept by sha."""

    def __init__(self, repo: git.Repo) -> None:
        self.odb = repo.odb
        self.cache: dict[str, bytes] = {}
        self.cached_bytes = 0

    def read(self, sha: str) -> bytes | None:
        """The bytes of a blob, or None when the repository does not have it."""
        if sha == EMPTY_BLOB:
            return None
        if sha in self.cache:
            return self.cache[sha]
        try:
            content: bytes = self.odb.stream(bytes.fromhex(sha)).read()
        except ValueError as exc:  # gitpython's word for cat-file's “<sha> missing”, or for no answer at all
            if "missing" in str(exc):
                return None
            raise GitError(f"读取文件版本 {sha[:10]} 时出错：git cat-file 没有回答", hint="运行 git fsck 查看仓库",
                           reason="corrupt") from exc
        size = len(content)
        if self.cached_bytes > CACHE_BYTES:  # the cache serves the next commit's old side: recent blobs matter
            self.cache.clear()
            self.cached_bytes = 0
        self.cache[sha] = content
        self.cached_bytes += size
        return content


def _load_gitpython() -> None:
    """Import gitpython on first use, not at the top: the import runs `git version` (and fails without git), and
    only the commands that read git need it. Without git, say so: “not in a repository” would mislead."""
    require_git()
    try:
        import git  # noqa: F401
    except ImportError as exc:  # git is on PATH but does not run, or GIT_PYTHON_GIT_EXECUTABLE names no git
        raise GitError("git 无法运行，请检查 git 的安装", reason="no_git") from exc


def _execute(runner: git.Git, args: tuple[str, ...] | list[str], doing: str) -> str:
    """A git command through gitpython's runner, and its output; its failure in Chinese, git's words kept."""
    import git

    try:
        status, out, said = runner.execute([git.Git.GIT_PYTHON_GIT_EXECUTABLE or "git", *args],
                                           with_extended_output=True, with_exceptions=False, stdout_as_string=False,
                                           env=ENGLISH)
    except git.GitCommandNotFound:
        raise GitError("找不到 git 命令，请先安装 git", reason="no_git") from None
    if status != 0:
        raise git_failed(doing, said, status) from GitSaid(said)
    return out.decode("utf-8", "replace").strip()


def first_commit(folder: Path, message: str, paths: Sequence[str], branch: str = "main") -> bool:
    """Make `folder` a git repository on `branch` with one commit of exactly `paths` (`zsht init`: the files it
    wrote, never other files already there); False, and nothing done, when `folder` is inside a repository
    already (its owner commits when ready). Without a git identity of the user's, the commit is made as
    zsht <zsht@localhost>."""
    _load_gitpython()
    import git

    try:
        git.Repo(os.path.realpath(folder), search_parent_directories=True, expand_vars=False).close()
        return False
    except git.InvalidGitRepositoryError:
        pass
    runner = git.Git(folder)
    _execute(runner, ["init", "-q", "-b", branch], "创建 git 仓库")
    try:  # git's own test of an identity: the one `git commit` would use, from config or environment
        _execute(runner, ["var", "GIT_COMMITTER_IDENT"], "读取提交者身份")
        identity: list[str] = []
    except GitError:
        identity = ["-c", "user.name=zsht", "-c", "user.email=zsht@localhost"]
    # -f: a .gitignore already in the folder must not leave out a file the repository needs
    _execute(runner, ["add", "-f", "--", *paths], "把文件加入首次提交")
    _execute(runner, [*identity, "commit", "-q", "-m", message, "--", *paths], "首次提交")
    return True


def head_state(root: Path) -> tuple[str | None, bool]:
    """HEAD's commit and whether the county's files differ from it (untracked ones too); (None, False) without
    git, outside a repository or before the first commit."""
    try:
        with Repo(root) as repo:
            commit = repo.run("rev-parse", "--verify", "-q", "HEAD")
            changed = repo.run("status", "--porcelain", "--untracked-files=normal", "--", repo.prefix or ".")
    except GitError:
        return None, False
    return commit, bool(changed)
