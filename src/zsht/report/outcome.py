"""What every reporter takes: the findings of one command and what it looked at."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from ..findings import Finding, Severity


class Outcome(Protocol):
    """The result of a command whose result is findings: `validate.Validation`, `history.Audit`."""

    @property
    def findings(self) -> Sequence[Finding]:
        """The findings, in the order they are reported."""

    @property
    def scope(self) -> str:
        """What was looked at, to open the closing count: “检查了 12 个文件”, “审计了 5 个提交”."""

    @property
    def notes(self) -> Sequence[str]:
        """Lines the text report shows before the count (other formats leave them to stderr)."""


def count(outcome: Outcome, severity: Severity) -> int:
    """How many findings are of `severity`."""
    return sum(1 for f in outcome.findings if f.severity is severity)


def fails(outcome: Outcome, threshold: Severity) -> bool:
    """Whether any finding is at or above `threshold` (`--fail-on`)."""
    return any(f.severity.rank >= threshold.rank for f in outcome.findings)
