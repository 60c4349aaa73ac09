"""`zsht audit` as a library call: signed and published records never change silently; reviews and signatures."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path

from ..errors import UserError
from ..findings import FieldPath, Finding
from ..layout import CONFIG_FILE, FileKind
from ..load.county import County
from ..models import Record
from ..ruletable import finding
from .changes import Breach, RecordChange, breach_of, compare
from .git import BlobReader, Commit, FileChange, GitError, Repo
from .record import SIGNATURE, commit_dict
from .records import Key, ParsedVersions, blob_sha, kind_of, may_be_frozen
from .walk import walk

_SIGNED = {"G", "U", "X", "Y", "E"}  # a signature is there, even if this machine cannot vouch for its key


@dataclass(frozen=True)
class CommitFinding(Finding):
    """A finding about a commit: reported as every finding is, named `file@commit` in the text report and
    with the commit, date, author, subject and trailers among its JSON keys."""

    # Left out of == and hash: a Commit is mutable (its signature is read later), and the message names it.
    commit: Commit = field(kw_only=True, compare=False)

    @classmethod
    def of(cls, found: Finding, commit: Commit) -> CommitFinding:
        """`found` as a finding about `commit`."""
        return cls(**{f.name: getattr(found, f.name) for f in fields(Finding)}, commit=commit)

    @property
    def where(self) -> str:
        """`file@commit`: the finding is about the file as that commit left it, not a line of it today."""
        return f"{self.file}@{self.commit.short}"

    def as_dict(self) -> dict[str, object]:
        return {**super().as_dict(), **commit_dict(self.commit)}


@dataclass
class Audit:
    """The outcome of auditing a county's history, as the reporters show it (`report.Outcome`)."""

    commits: int
    findings: list[CommitFinding]
    cut: list[str] = field(default_factory=list)  # where a shallow clone's history stops (--allow-shallow)

    @property
    def scope(self) -> str:
        """What was audited, as the report's closing count opens."""
        return f"审计了 {self.commits} 个提交"

    @property
    def notes(self) -> Sequence[str]:
        """Where a shallow clone's history was cut, when it was audited with --allow-shallow."""
        return [shallow_note(self)] if self.cut else []


@dataclass(frozen=True)
class Settings:
    """The `audit` section of zsht.yaml."""

    require_review: bool = False
    require_signed: bool = False
    reviewers: tuple[str, ...] = ()


def read_settings(root: Path) -> Settings:
    """The audit settings of the county's zsht.yaml (as it is in the working tree).

    A zsht.yaml that does not load cleanly is an error, not an audit with every requirement off: a YAML
    error or a misspelt `require_reveiw` must never turn the audit into “没有发现问题”.
    """
    from ..load.config import ConfigError, joined, read_config

    try:
        audit = read_config(root).audit
    except ConfigError as exc:
        raise UserError(f"{exc.message}，读不出审计设置，无法审计",
                        hint=joined(exc.hint, "改正后重试，zsht validate 列出全部问题")) from exc
    return Settings(audit.require_review, audit.require_signed, tuple(audit.reviewers))


def _person(text: str) -> tuple[str, str]:
    """(name, email) of “姓名 <邮箱>”, “邮箱” or “姓名”; the email lower-cased, either may be empty."""
    match = re.fullmatch(r"\s*(.*?)\s*<\s*([^<>\s]+)\s*>\s*", text)
    if match:
        return match.group(1), match.group(2).lower()
    text = text.strip()
    return ("", text.lower()) if "@" in text else (text, "")


def _same(one: tuple[str, str], other: tuple[str, str]) -> bool:
    return one[1] == other[1] if one[1] and other[1] else bool(one[0]) and one[0] == other[0]


def review_problem(commit: Commit, reviewers: tuple[str, ...]) -> str | None:
    """Why a commit does not count as reviewed (None when it does): no trailer, only the author's own, or
    only people not on the county's list of reviewers."""
    named = [_person(t.split(":", 1)[-1]) for t in commit.trailers if t.split(":", 1)[-1].strip()]
    if not named:
        return "没有 Reviewed-by: 或 Approved-by:"
    author = (commit.author, commit.email.lower())
    others = [person for person in named if not _same(person, author)]
    if not others:
        return "审核人是提交者本人"
    allowed = [_person(r) for r in reviewers]
    if allowed and not any(_same(person, a) for person in others for a in allowed):
        return f"审核人（{'、'.join(p[0] or p[1] for p in others)}）不在 zsht.yaml 的 audit.reviewers 中"
    return None


def audit_county(root: Path, revisions: str | None = None, *, allow_shallow: bool = False) -> Audit:
    """Audit every commit that touched the county (or those of a revision range such as `v1.0..HEAD`).

    In a shallow clone, a commit at the cut cannot be compared with its parent: reaching one is an error
    (the history is not all there), unless `allow_shallow`, which audits the commits after the cut and
    names it in the result.
    """
    with Repo(root) as repo:
        return _audit(repo, root, revisions, allow_shallow)


def _audit(repo: Repo, root: Path, revisions: str | None, allow_shallow: bool) -> Audit:
    settings = read_settings(root)
    log_args = repo.range(revisions) if revisions else [repo.revision("HEAD")]
    shallow = repo.shallow_cut()
    found: list[CommitFinding] = []
    flagged: dict[Key, list[RecordChange]] = defaultdict(list)  # the changes to each record already reported
    count, cut = 0, list[str]()
    problems: dict[str, str | None] = {}

    def unreviewed(commit: Commit) -> str | None:
        """Why a commit does not count as reviewed, when reviews are required (None: it does); once per commit,
        however many of its files ask."""
        if not settings.require_review:
            return None
        if commit.sha not in problems:
            problems[commit.sha] = review_problem(commit, settings.reviewers)
        return problems[commit.sha]

    def relevant(commit: Commit, path: str) -> bool:
        """Signed agreements, published notices and catalogs always; other records only to see if an unreviewed
        commit changed records (a reviewed one needs no reading). A commit at a shallow cut has nothing to compare."""
        kind = kind_of(path)
        return kind is not None and commit.sha not in shallow and (_may_freeze(kind) or unreviewed(commit) is not None)

    def worth(commit: Commit, files: list[FileChange], blobs: BlobReader) -> bool:
        """Whether a commit's files must be read: to see whether an unreviewed commit changed records, or because
        one of them may have held a frozen record before it (a draft edited a thousand times is never parsed)."""
        return unreviewed(commit) is not None or _may_have_frozen(files, blobs)

    for step in walk(repo, *log_args, oldest_first=True, relevant=relevant, worth=worth,
                     signatures=settings.require_signed):
        commit, who = step.commit, _who(step.commit)
        if commit.sha in shallow:
            cut.append(commit.sha)
            continue
        count += 1
        for breach in _final_changed(step.changes):
            flagged[breach.change.key].append(breach.change)
            found.append(CommitFinding.of(_breach_finding(breach, f"在提交 {who}中"), commit))
        problem = unreviewed(commit)
        if problem and any(c.fields or c.old is None or c.new is None for c in step.changes):
            found.append(CommitFinding.of(finding(
                "ZS802", step.changes[0].file, f"提交 {who}“{commit.subject}”改动了记录，但{problem}",
                hint="合并前由提交者以外的审核人在提交说明末尾加上 Reviewed-by: 姓名 <邮箱>"), commit))
        if settings.require_signed and commit.signature not in _SIGNED:
            state = SIGNATURE.get(commit.signature, commit.signature)
            found.append(CommitFinding.of(finding(
                "ZS803", commit.files[0].path if commit.files else CONFIG_FILE, f"提交 {who}“{commit.subject}”{state}",
                hint="用 git commit -S 签名提交"), commit))
    if cut and not allow_shallow:
        raise GitError(f"仓库是浅克隆（git clone --depth），历史在提交 {'、'.join(c[:10] for c in cut)} 处截断："
                       "这些提交及更早的提交改了什么无从比较，无法审计",
                       hint="运行 git fetch --unshallow 取得完整历史后重试，或加 --allow-shallow 只审计截断之后的提交",
                       reason="shallow")
    found += _merges(repo, log_args, flagged, shallow)
    return Audit(count, found, cut)


def _who(commit: Commit) -> str:
    return f"{commit.short}（{commit.author}，{commit.date[:10]}）"


def _may_have_frozen(files: list[FileChange], blobs: BlobReader) -> bool:
    """Whether the old version of one of a commit's changed files may hold a frozen record: a breach changes or
    deletes a record frozen before the commit, and that record is in the old version of a file the commit changed
    (a record moved away is too)."""
    return any(may_be_frozen(change.path, blobs.read(change.old)) for change in files)


def _may_freeze(kind: FileKind[Record]) -> bool:
    """Whether records of a file kind can be frozen: the file's own record, or the items of its list."""
    return kind.final is not None or (kind.items is not None and kind.items.final is not None)


def _final_changed(changes: list[RecordChange]) -> Iterator[Breach]:
    """The changes to a signed or published record: deleted, or changed other than as its kind allows."""
    for change in changes:
        breach = breach_of(change)
        if breach is not None:
            yield breach


_HINTS = {
    "ZS801": "已签订、已发布的记录不得再改；如须变更，另立补充协议或重新公示",
    "ZS804": "已发布的目录不得再改：恢复原文；如须变更，列入下一年度的目录，已签订的协议以补充协议变更",
}


def _breach_finding(breach: Breach, where: str, hint: str | None = None, path: FieldPath = ()) -> Finding:
    """ZS801 (a signed agreement, a published notice) or ZS804 (a published catalog) for one breach."""
    change = breach.change
    return finding(breach.final.rule, change.file, breach.said(f"{where}{breach.what}"),
                   hint=hint or _HINTS.get(breach.final.rule), path=path)


def _version_of(change: RecordChange) -> str | None:
    """The version a change left its record in, as text that compares (None: deleted)."""
    return None if change.new is None else json.dumps(change.new.data, sort_keys=True, default=str)


def _merges(repo: Repo, log_args: list[str], flagged: dict[Key, list[RecordChange]],
            shallow: set[str]) -> list[CommitFinding]:
    """ZS801 through a merge: a record signed or published on the branch merged into that the merge changed.

    A branch that edited a draft agreement while it was being signed on the main branch, or a conflict
    resolved by hand, changes the signed record in the merge commit alone, where no other commit shows it.
    A change some branch commit already made to a signed record (and was reported for) is not repeated.
    """
    found = []
    for step in walk(repo, *log_args, oldest_first=True, merges=True,
                     relevant=lambda commit, path: commit.sha not in shallow
                     and (kind := kind_of(path)) is not None and _may_freeze(kind),
                     worth=lambda _commit, files, blobs: _may_have_frozen(files, blobs)):
        commit, who = step.commit, _who(step.commit)
        for breach in _final_changed(step.changes):
            # Worked out for the few records a merge breaches, not for every change reported before.
            if _version_of(breach.change) in {_version_of(c) for c in flagged.get(breach.change.key, ())}:
                continue
            found.append(CommitFinding.of(_breach_finding(
                breach, f"在合并提交 {who} 中",
                hint="合并带入的分支改的是签订、发布前的版本，或解决冲突时改了它；恢复原文，变更另立补充协议或重新公示"),
                commit))
    return found


def frozen_since(county: County, ref: str) -> list[Finding]:
    """ZS801/ZS804 for `zsht validate --changed-since REF`: the signed and published records as `ref` holds them
    that the working tree deletes or changes (other than as their kind allows), caught before a commit.

    Only the files of kinds that can be frozen are compared, and only where they differ from `ref`. With a folder
    that cannot be read (ZS006, reported) nothing is compared: its records would look deleted."""
    from ..load.positions import place

    if any(f.rule == "ZS006" for f in county.findings):
        return []
    from .diff import versions, worktree_files
    from .tree import commit_files

    def frozen_kind(relpath: str) -> bool:
        kind = kind_of(relpath)
        return kind is not None and _may_freeze(kind)

    with Repo(county.root) as repo:
        base = repo.revision(ref)
        with repo.blobs() as blobs:
            old = commit_files(repo, base, blobs, frozen_kind)
            contents = worktree_files(county.root, frozen_kind)
            new = {relpath: blob_sha(content) for relpath, content in contents.items()}
            changed = sorted(p for p in old.keys() | new.keys() if old.get(p) != new.get(p))
            parsed = ParsedVersions()
            changes = compare(versions(changed, old, blobs, parsed), versions(changed, new, blobs, parsed, contents))
    found = [_breach_finding(breach, f"自 {ref} 以来", path=_item_path(county, breach))
             for breach in _final_changed(changes)]
    placed: list[Finding] = []
    for relpath in sorted({f.file for f in found}):
        source = county.files.get(relpath)
        placed += place([f for f in found if f.file == relpath], source.text if source else None)
    return placed


def _item_path(county: County, breach: Breach) -> FieldPath:
    """Where a changed list item stands in the working tree's file (a deleted one, or a file's own record: nowhere)."""
    kind, change = kind_of(breach.change.file), breach.change
    source = county.files.get(change.file)
    if change.new is None or kind is None or kind.records is None or source is None or kind.items is None or \
            change.key.kind != kind.items.name or not isinstance(source.data, dict):
        return ()
    items = source.data.get(kind.records)
    for position, item in enumerate(items if isinstance(items, list) else []):
        if isinstance(item, dict) and item.get("id") == change.key.id:
            return (kind.records, position)
    return ()


def shallow_note(audit: Audit) -> str:
    """The one line that says where a shallow clone's history was cut (audited with --allow-shallow)."""
    return (f"浅克隆：历史在提交 {'、'.join(c[:10] for c in audit.cut)} 处截断，这些提交及更早的提交未审计"
            "（git fetch --unshallow 后可审计全部历史）")
