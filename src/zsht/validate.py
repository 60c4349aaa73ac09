"""`zsht validate` as a library call: load, check, place each finding at its line."""

from __future__ import annotations

import gc
from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import chain
from pathlib import Path

from .findings import Finding, Severity, link_causes
from .load.county import County, load_county, with_files
from .load.positions import place
from .rules import CHECKS
from .rules.base import Check
from .staging import write_all


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


def errors_if_written(county: County, contents: dict[str, bytes], checks: Sequence[Check] = CHECKS,
                      new_only: bool = False) -> list[str]:
    """The errors `checks` (all of `zsht validate`'s by default) would report in these files if they held these
    bytes, one line each; with `new_only`, only those the files do not have already."""

    def errors(state: County) -> set[tuple[str, str, str]]:
        found = chain(state.findings, *(check(state) for check in checks))
        return {(f.file, f.rule, f.message) for f in found if f.file in contents and f.severity is Severity.ERROR}

    new = errors(with_files(county, contents))
    if new_only:
        new -= errors(county)
    return [f"{file}: {rule} {message}（写入后 zsht validate 会报此错）" for file, rule, message in sorted(new)]


def write_if_valid(county: County, contents: dict[str, bytes], problems: list[str]) -> list[str]:
    """All or nothing: add to `problems` the errors these files would have; write them all only when
    `problems` is then empty, so that even a crash cannot leave some written and not the others
    (`staging.write_all`). Returns the files written."""
    problems += errors_if_written(county, contents)
    if problems:
        return []
    return write_all(county.root, contents)


def validate(root: Path) -> Validation:
    """Validate the county repository at `root`."""
    with cyclic_gc_paused():
        county = load_county(root)
        return Validation(county, check_county(county))

