"""The write gate: zsht writes record files only when `zsht validate` would find no new error in them.

Commands that change records (draft, sign, score --write, sheet import) build every file's new bytes first,
ask here what errors those bytes would have, and write them all, or none, through `staging.write_all`.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import chain

from .findings import Severity
from .load.county import County, with_files
from .rules import CHECKS
from .rules.base import Check
from .staging import write_all


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
