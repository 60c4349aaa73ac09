"""The default report for people: causes first with their echoes folded, then the rest, then the counts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from ..findings import Finding, Severity
from .outcome import Outcome, count

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}

# A line of the report as pieces of text, each with its style (or None): printed as is without colour, so the
# plain report (every report that is not on a terminal: pre-commit, CI, a pipe) does not load rich at all.
Line = Sequence[tuple[str, str | None]]


def _line(f: Finding) -> Line:
    hint: Line = [(" ", None), (f"（{f.hint}）", "dim")] if f.hint else []
    return [(f"{f.where} ", None), (f"{f.severity.label} {f.rule}", _STYLE[f.severity]), (f" {f.message}", None),
            *hint]


def _folded(echoes: list[Finding]) -> Line:
    rules = Counter(f.rule for f in echoes)
    counted = "、".join(f"{rule} {count} 处" for rule, count in sorted(rules.items()))
    return [(f"  └ 另有 {len(echoes)} 处因此报错（规则 {counted}）；--format json 列出全部", "dim")]


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
    lines: list[Line] = []
    folded = 0
    for cause, echoes in ordered(list(result.findings)):
        lines.append(_line(cause))
        if echoes:
            lines.append(_folded(echoes))
            folded += len(echoes)
    lines.extend([(note, "yellow")] for note in result.notes)
    errors, warnings, infos = (count(result, s) for s in (Severity.ERROR, Severity.WARNING, Severity.INFO))
    if result.findings:
        echoed = f"（其中 {folded} 个因上列问题连带报错）" if folded else ""
        lines.append([(f"{result.scope}：{errors} 个错误，{warnings} 个警告，{infos} 个提示{echoed}", None)])
    else:
        lines.append([(f"{result.scope}，没有发现问题", "green")])
    if not color:
        return "".join("".join(piece for piece, _ in line) + "\n" for line in lines)
    return _coloured(lines, width)


def _coloured(lines: list[Line], width: int) -> str:
    """The lines styled for a terminal by rich (loaded only then)."""
    from io import StringIO

    from rich.console import Console
    from rich.text import Text

    buffer = StringIO()
    # emoji=False: a ":code:" in a record's text stays as written; soft_wrap: a long line is the terminal's to fold
    console = Console(file=buffer, force_terminal=True, width=width, soft_wrap=True, emoji=False, highlight=False)
    for line in lines:
        console.print(Text.assemble(*((piece, style) if style else piece for piece, style in line)))
    return buffer.getvalue()
