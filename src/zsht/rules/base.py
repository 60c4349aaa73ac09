"""The list of checks: each a function of the loaded county that yields findings."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from ..findings import Finding
from ..load.county import County, Entry
from ..ruletable import finding

Check = Callable[[County], Iterator[Finding]]
CHECKS: list[Check] = []


def check(function: Check) -> Check:
    """Register a check; the order of registration is the order of running."""
    CHECKS.append(function)
    return function


def at(entry: Entry[Any], rule: str, message: str, *path: str | int, hint: str | None = None) -> Finding:
    """A finding about a record, placed at a path below the record."""
    return finding(rule, entry.file, message, hint=hint, path=entry.path + path)
