"""Findings: what a check says about a record, with a stable rule id and a place in a file."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum

Path = tuple[str | int, ...]


class Severity(StrEnum):
    """How serious a finding is; ordered error > warning > info."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]

    @property
    def label(self) -> str:
        return {"error": "错误", "warning": "警告", "info": "提示"}[self.value]


@dataclass(frozen=True)
class Rule:
    """A rule's metadata: its id never changes meaning once released."""

    id: str
    severity: Severity
    title: str
    description: str
    source: str = ""


@dataclass(frozen=True)
class Finding:
    """One thing a check found: rule, severity, file, position and a Chinese message."""

    rule: str
    severity: Severity
    file: str
    message: str
    hint: str | None = None
    path: Path = field(default=())
    line: int | None = None
    column: int | None = None

    def at(self, line: int | None, column: int | None) -> Finding:
        """The same finding placed at a line and column (1-based)."""
        return replace(self, line=line, column=column)

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line or 0, self.column or 0, self.rule)

    def as_dict(self) -> dict[str, object]:
        """The finding as the JSON output names it."""
        return {
            "rule": self.rule,
            "severity": self.severity.value,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "message": self.message,
            "hint": self.hint,
        }
