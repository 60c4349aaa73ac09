"""`zsht validate` as a library call: load, check, place each finding at its line."""

from __future__ import annotations

import gc
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .findings import Finding, Severity, link_causes
from .load.county import County, load_county
from .rules import CHECKS


@dataclass
class Validation:
    """The outcome of validating a county: every finding, in file and line order."""

    county: County
    findings: list[Finding]

    @property
    def files_checked(self) -> int:
        return len(self.county.files)

    @property
    def scope(self) -> str:
        """What was looked at, as the report's closing count opens (`report.Outcome`)."""
        return f"检查了 {self.files_checked} 个文件"

    @property
    def notes(self) -> tuple[str, ...]:
        """Nothing to say besides the findings."""
        return ()

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)

    def fails(self, threshold: Severity) -> bool:
        """Whether any finding is at or above `threshold`."""
        return any(f.severity.rank >= threshold.rank for f in self.findings)


def check_county(county: County) -> list[Finding]:
    """Run every check on a loaded county (schema findings from loading included), positions filled in."""
    found = list(county.findings)
    for check in CHECKS:
        found.extend(check(county))
    by_file: dict[str, list[Finding]] = defaultdict(list)
    for item in found:
        by_file[item.file].append(item)
    placed: list[Finding] = []
    if by_file:
        from .load.positions import place  # composes YAML again: only when there is a finding to place
    for relpath, items in by_file.items():
        source = county.files.get(relpath)
        placed.extend(place(items, source.text if source else None))
    return link_causes(sorted(placed, key=Finding.sort_key))


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while tens of thousands of records are built.

    Loading creates no reference cycles worth collecting, but every collection rescans all the live
    records: on a province-sized repository that alone cost a third of the time.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def validate(root: Path) -> Validation:
    """Validate the county repository at `root`."""
    with cyclic_gc_paused():
        county = load_county(root)
        return Validation(county, check_county(county))

