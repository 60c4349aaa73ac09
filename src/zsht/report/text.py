"""The default report for people: findings grouped by file, then a one-line summary."""

from __future__ import annotations

from io import StringIO

from rich.console import Console
from rich.markup import escape

from ..findings import Severity
from ..validate import Validation

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def text(result: Validation, *, color: bool = False, width: int = 120) -> str:
    """`file:line:col 错误 ZS101 message（hint）` lines, then the counts."""
    buffer = StringIO()
    console = Console(file=buffer, force_terminal=color, no_color=not color, width=width, soft_wrap=True)
    for f in result.findings:
        where = f"{f.file}:{f.line or 1}:{f.column or 1}"
        hint = f" [dim]（{escape(f.hint)}）[/dim]" if f.hint else ""
        console.print(f"{escape(where)} [{_STYLE[f.severity]}]{f.severity.label} {f.rule}[/] {escape(f.message)}{hint}")
    errors, warnings = result.count(Severity.ERROR), result.count(Severity.WARNING)
    infos = result.count(Severity.INFO)
    if result.findings:
        console.print(f"检查了 {result.files_checked} 个文件：{errors} 个错误，{warnings} 个警告，{infos} 个提示")
    else:
        console.print(f"[green]检查了 {result.files_checked} 个文件，没有发现问题[/green]")
    return buffer.getvalue()
