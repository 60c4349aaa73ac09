"""Reporters of the audit trail: diff and history as rich text, Markdown (pull-request comments) and JSON."""

from __future__ import annotations

import html
import json
from io import StringIO
from typing import Any

from rich.console import Console
from rich.markup import escape

from .changes import RecordChange
from .diff import CountyDiff

MARKDOWN_LIMIT = 65_000  # a GitHub comment holds 65,536 characters
SIGNS = {"added": ("+", "green", "新增"), "changed": ("~", "yellow", "变更"), "removed": ("-", "red", "删除")}
_CALLOUT = {"burden": "加重负担", "funding": "经费减少", "final": "改动已定稿记录"}


def console_for(buffer: StringIO, color: bool) -> Console:
    return Console(file=buffer, force_terminal=color, no_color=not color, width=120, soft_wrap=True)


def change_lines(change: RecordChange) -> list[str]:
    """The lines under a record: its field changes, or its move, or what it was."""
    lines = [f.text() for f in change.fields]
    if change.moved:
        assert change.old is not None and change.new is not None
        lines.append(f"文件移动：{change.old.file} → {change.new.file}")
    if change.status == "added" and isinstance(change.new and change.new.data, dict):
        assert change.new is not None
        name = change.new.data.get("name") or change.new.data.get("title")
        lines.append(f"于 {change.new.file}" + (f"：{name}" if name else ""))
    if change.status == "removed":
        assert change.old is not None
        lines.append(f"原在 {change.old.file}")
    return lines


def print_change(console: Console, change: RecordChange, indent: str) -> None:
    """One record's change: a signed headline, then its field changes indented below it."""
    sign, style, word = SIGNS[change.status]
    console.print(f"{indent}[{style}]{sign} {word} {escape(change.key.label)}[/]")
    for line in change_lines(change):
        console.print(f"{indent}    {escape(line)}")


def diff_text(diff: CountyDiff, *, color: bool = False) -> str:
    """The summary line, the callouts, then each record with its field changes."""
    buffer = StringIO()
    console = console_for(buffer, color)
    console.print(f"[bold]{escape(diff.summary)}[/bold]（{diff.base} → {escape(diff.head)}）")
    for callout in diff.callouts:
        console.print(f"[bold red]！{_CALLOUT[callout.kind]}[/] {escape(callout.message)}")
    for change in diff.changes:
        print_change(console, change, indent="")
    return buffer.getvalue()


def diff_json(diff: CountyDiff) -> str:
    """The diff as JSON: base, head, summary, counts, records with their fields, callouts."""
    return json.dumps(diff.as_dict(), ensure_ascii=False, indent=2, default=str) + "\n"


def _markdown_head(diff: CountyDiff) -> list[str]:
    lines = [f"### zsht diff：{diff.summary}", "", f"`{diff.base}` → `{diff.head}`", ""]
    if diff.callouts:
        lines += [f"- **{_CALLOUT[c.kind]}**：{_md(c.message)}" for c in diff.callouts] + [""]
    return lines


def _md(text: str) -> str:
    return html.escape(text, quote=False).replace("|", "\\|")


def diff_markdown(diff: CountyDiff, *, limit: int = MARKDOWN_LIMIT) -> str:
    """One collapsible <details> per record; past `limit` characters, the summary and a list of records."""
    lines = _markdown_head(diff)
    for change in diff.changes:
        _, _, word = SIGNS[change.status]
        lines += ["<details>", f"<summary>{word} {_md(change.key.label)}</summary>", "", "```text",
                  *(line.replace("```", "ˋˋˋ") for line in change_lines(change)), "```", "</details>", ""]
    full = "\n".join(lines) + "\n"
    if len(full) <= limit:
        return full
    return _markdown_summary(diff, limit)


def _markdown_summary(diff: CountyDiff, limit: int) -> str:
    """The fallback for a huge change: callouts and record names until the budget runs out."""
    head = _markdown_head(diff)
    if len("\n".join(head)) > limit // 2:  # even the callouts are too many: keep their count
        head = head[:4] + [f"- 负担与经费提示 {len(diff.callouts)} 条（过多，未逐条列出）", ""]
    lines = [*head, "变更过多，只列出记录名称；完整内容请运行 `zsht diff`。", ""]
    size = sum(len(line) + 1 for line in lines)
    for shown, change in enumerate(diff.changes):
        line = f"- {SIGNS[change.status][2]} {_md(change.key.label)}"
        if size + len(line) + 200 > limit:
            lines.append(f"- ……另有 {len(diff.changes) - shown} 项未列出")
            break
        lines.append(line)
        size += len(line) + 1
    return "\n".join(lines) + "\n"


def plain_json(value: Any) -> str:
    """Indented JSON with Chinese left readable."""
    return json.dumps(value, ensure_ascii=False, indent=2, default=str) + "\n"
