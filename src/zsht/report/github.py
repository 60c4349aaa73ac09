"""`--format github`: GitHub Actions workflow annotations."""

from __future__ import annotations

from .outcome import Outcome

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _escape(value: str, *, prop: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return value.replace(":", "%3A").replace(",", "%2C") if prop else value


def github(result: Outcome) -> str:
    """One `::error file=…,line=…::message` line per finding; an echo names its cause in the message."""
    lines = []
    for f in result.findings:
        props = f"file={_escape(f.file, prop=True)},line={f.line or 1},col={f.column or 1},title={f.rule}"
        message = f.message + (f"（{f.hint}）" if f.hint else "") + (f"（由 {f.caused_by} 引起）" if f.caused_by else "")
        lines.append(f"::{_LEVEL[f.severity.value]} {props}::{_escape(message)}")
    return "\n".join(lines) + ("\n" if lines else "")
