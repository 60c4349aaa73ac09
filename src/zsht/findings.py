"""Findings: what a check says about a record, with a stable rule id and a place in a file."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum

FieldPath = tuple[str | int, ...]


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
class Cause:
    """The record (at `path` in `file`), or the whole file when `path` is empty, whose own problem makes
    another finding appear: fix the cause and its echoes go away."""

    file: str
    path: FieldPath = ()

    def covers(self, finding: Finding) -> bool:
        """Whether `finding` is about this record (or this file)."""
        return finding.file == self.file and finding.path[:len(self.path)] == self.path


@dataclass(frozen=True)
class Finding:
    """One thing a check found: rule, severity, file, position and a Chinese message.

    A finding that only exists because another record is broken (an agreement summing the funding a catalog
    item lacks) carries that record as its `cause`; `caused_by` then names the finding it echoes as
    `file:line:column rule` (or the cause's file, when that has no finding in the report).
    """

    rule: str
    severity: Severity
    file: str
    message: str
    hint: str | None = None
    path: FieldPath = field(default=())
    line: int | None = None
    column: int | None = None
    cause: Cause | None = None
    caused_by: str | None = None

    @property
    def where(self) -> str:
        """`file:line:column`, as every report names a place."""
        return f"{self.file}:{self.line or 1}:{self.column or 1}"

    def because_of(self, cause: Cause | None) -> Finding:
        """The same finding, an echo of `cause` (None: a finding in its own right)."""
        return replace(self, cause=cause)

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
            "caused_by": self.caused_by,
        }


def link_causes(findings: list[Finding]) -> list[Finding]:
    """The findings (placed, in report order) with `caused_by` filled in for every echo: the first finding,
    not itself an echo, about the record its `cause` names; or the cause's file when it has none here."""
    by_file: dict[str, list[Finding]] = {}
    for item in findings:
        if item.cause is None:
            by_file.setdefault(item.file, []).append(item)
    linked = []
    for item in findings:
        if item.cause is not None:
            cause = item.cause
            found = next((c for c in by_file.get(cause.file, []) if cause.covers(c)), None)
            item = replace(item, caused_by=f"{found.where} {found.rule}" if found else cause.file)
        linked.append(item)
    return linked
