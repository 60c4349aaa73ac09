"""git's failures in the user's words: what zsht was doing and why, in one Chinese line.

git speaks English on stderr; its own words are kept as the cause of the error, shown with `--traceback`,
and put in a parenthesis only when none of the known causes matches.
"""

from __future__ import annotations

import re
import shutil

from ..errors import UserError

# git's messages in English whatever the user's locale, so that their causes below can be told apart.
ENGLISH = {"LANGUAGE": "C", "LC_ALL": "C"}


class GitError(UserError):
    """git refused: not a repository, an unknown revision, git missing. `reason` names a known cause."""

    def __init__(self, message: str, hint: str | None = None, reason: str | None = None) -> None:
        super().__init__(message, hint)
        self.reason = reason


class GitSaid(Exception):
    """What git itself wrote on stderr, as the cause of a GitError (printed only with --traceback)."""


# What git's stderr says → (reason, the cause in Chinese, the way out).
_CAUSES = (
    ("not_a_repository", re.compile(r"not a git repository", re.I), "不在 git 仓库中",
     "git init 后提交记录，审计线索才能从历史中读出"),
    ("dubious_ownership", re.compile(r"dubious ownership", re.I), "git 拒绝读取这个仓库：它的所有者不是当前用户",
     "确认仓库可信后运行 git config --global --add safe.directory 仓库路径"),
    ("no_commits", re.compile(r"does not have any commits yet|bad default revision", re.I), "仓库还没有任何提交",
     "先提交记录再运行"),
    ("unknown_revision", re.compile(
        r"unknown revision|bad revision|invalid object name|not a valid object name|ambiguous argument", re.I),
     "找不到所指的版本", "检查分支名、标签或提交编号"),
    ("corrupt", re.compile(r"unable to read|bad object|missing (blob|tree|commit)|corrupt|loose object|"
                           r"not a (tree|commit) object|could not parse", re.I),
     "仓库已损坏，有的对象读不出来", "运行 git fsck 查看；必要时从远程仓库重新克隆"),
    ("permission", re.compile(r"permission denied", re.I), "没有权限读取仓库中的文件", "检查 .git 目录的所有者和权限"),
)


def require_git(path: str | None = None) -> None:
    """Make sure a `git` command can be run (searched on `path`, default PATH): else a one-line error, exit 2."""
    if shutil.which("git", path=path) is None:
        raise GitError("找不到 git 命令，请先安装 git", reason="no_git")


def git_failed(doing: str, stderr: bytes | str, returncode: int) -> GitError:
    """The error for a git command that failed while zsht was `doing` something (“读取提交历史”), its cause
    told in Chinese; git's own text rides along as the error's cause (raise it `from GitSaid(...)`)."""
    said = (stderr.decode("utf-8", "replace") if isinstance(stderr, bytes) else stderr).strip()
    for reason, pattern, cause, hint in _CAUSES:
        if pattern.search(said):
            return GitError(f"{doing}时出错：{cause}", hint=hint, reason=reason)
    last = said.splitlines()[-1] if said else f"退出码 {returncode}"
    return GitError(f"{doing}时 git 出错（git：{last}）", reason="other")


def refuse_option(revision: str) -> None:
    """A revision or range starting with “-” would reach git as an option (`--output=FILE` writes a file): refuse it."""
    if revision.startswith("-"):
        raise GitError(f"版本“{revision}”不能以“-”开头",
                       hint="写分支名、标签或提交编号，如 main、v1.0..HEAD；zsht 不把版本当作 git 的选项传过去",
                       reason="option")
