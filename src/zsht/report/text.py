"""The default report for people: causes first with their echoes folded, then the rest, then the counts."""

from __future__ import annotations

from collections import Counter
from io import StringIO

from rich.console import Console
from rich.markup import escape

from ..findings import Finding, Severity
from .outcome import Outcome, count

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def _line(f: Finding) -> str:
    hint = f" [dim]（{escape(f.hint)}）[/dim]" if f.hint else ""
    return f"{escape(f.where)} [{_STYLE[f.severity]}]{f.severity.label} {f.rule}[/] {escape(f.message)}{hint}"


def _folded(echoes: list[Finding]) -> str:
    rules = Counter(f.rule for f in echoes)
    counted = "、".join(f"{rule} {count} 处" for rule, count in sorted(rules.items()))
    return f"  [dim]└ 另有 {len(echoes)} 处因此报错（规则 {counted}）；--format json 列出全部[/dim]"


def ordered(findings: list[Finding]) -> list[tuple[Finding, list[Finding]]]:
    """Each finding a person should act on with the echoes it causes: causes first, in report order, then
    the findings that cause nothing. An echo whose cause is not in the list (left out by --changed-since)
    stands on its own."""
    present = {f"{f.where} {f.rule}" for f in findings if f.caused_by is None}
    echoes: dict[str, list[Finding]] = {}
    for f in findings:
        if f.caused_by in present:
            echoes.setdefault(f.caused_by, []).append(f)
    shown = [(f, echoes.get(f"{f.where} {f.rule}", [])) for f in findings if f.caused_by not in present]
    return [pair for pair in shown if pair[1]] + [pair for pair in shown if not pair[1]]


def text(result: Outcome, *, color: bool = False, width: int = 120) -> str:
    """`file:line:col 错误 ZS101 message（hint）` lines, echoes folded under their cause, then the counts."""
    buffer = StringIO()
    # emoji=False: a ":code:" in a record's text stays as written (and rich's emoji table is not loaded);
    # highlighting only colours, so without colour it is not run
    console = Console(file=buffer, force_terminal=color, no_color=not color, width=width, soft_wrap=True, emoji=False,
                      highlight=color)
    folded = 0
    for cause, echoes in ordered(list(result.findings)):
        console.print(_line(cause))
        if echoes:
            console.print(_folded(echoes))
            folded += len(echoes)
    for note in result.notes:
        console.print(f"[yellow]{escape(note)}[/yellow]")
    errors, warnings, infos = (count(result, s) for s in (Severity.ERROR, Severity.WARNING, Severity.INFO))
    if result.findings:
        echoed = f"（其中 {folded} 个因上列问题连带报错）" if folded else ""
        console.print(f"{result.scope}：{errors} 个错误，{warnings} 个警告，{infos} 个提示{echoed}")
    else:
        console.print(f"[green]{result.scope}，没有发现问题[/green]")
    return buffer.getvalue()
