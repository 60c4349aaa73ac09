"""`zsht history ID` as a library call: every commit that changed one record, wherever its file went."""

from __future__ import annotations

from io import StringIO
from pathlib import Path
from typing import Any

from rich.markup import escape

from ..errors import UserError
from .git import Commit, Repo
from .records import can_hold
from .render import console_for, plain_json, print_change
from .walk import Step, walk

SIGNATURE = {"G": "有效签名", "B": "签名无效", "U": "有效签名（信任未知）", "X": "签名已过期", "Y": "签名密钥已过期",
             "R": "签名密钥已吊销", "E": "签名无法验证", "N": "未签名"}


def record_history(root: Path, record_id: str, *, oldest_first: bool = False) -> list[Step]:
    """The commits that changed the record `record_id` (newest first unless `oldest_first`), with their changes."""
    with Repo(root) as repo:
        steps = [step for step in walk(repo, oldest_first=oldest_first, record_id=record_id,
                                       relevant=lambda _commit, path: can_hold(path, record_id)) if step.changes]
        if not steps:
            raise UserError(f"历史中没有编号为“{record_id}”的记录", hint="检查编号；catalog 事项如 XZ-001，协议如 XY-2015-…")
        repo.signatures_of([step.commit for step in steps])  # gpg only for the commits shown
    return steps


def commit_dict(commit: Commit) -> dict[str, Any]:
    """A commit as the JSON outputs name it."""
    return {"commit": commit.sha, "date": commit.date, "author": commit.author, "email": commit.email,
            "subject": commit.subject, "trailers": commit.trailers, "signature": commit.signature,
            "signature_text": SIGNATURE.get(commit.signature, commit.signature)}


def history_json(steps: list[Step]) -> str:
    """The history as a JSON list of commits, each with its record changes."""
    return plain_json([{**commit_dict(s.commit), "changes": [c.as_dict() for c in s.changes]} for s in steps])


def history_text(steps: list[Step], *, color: bool = False) -> str:
    """Per commit: commit, date, author, signature, subject, trailers, then the record's field changes."""
    buffer = StringIO()
    console = console_for(buffer, color)
    for step in steps:
        commit = step.commit
        console.print(f"[yellow]{commit.short}[/] {commit.date[:10]} {escape(commit.author)} <{escape(commit.email)}>"
                      f" [dim]{SIGNATURE.get(commit.signature, commit.signature)}[/dim]")
        console.print(f"    {escape(commit.subject)}")
        for trailer in commit.trailers:
            console.print(f"    [cyan]{escape(trailer)}[/cyan]")
        for change in step.changes:
            print_change(console, change, indent="    ")
        console.print("")
    return buffer.getvalue()
