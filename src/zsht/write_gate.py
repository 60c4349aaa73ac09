"""The write gate: zsht writes record files only when `zsht validate` would find no new error in them, nor give
any other file a new one, and never changes a record that is frozen (signed, finalized, published).

Commands that change records (draft, sign, score --write, sheet import, evaluation finalize/publish) build every
file's new bytes first, ask here what errors those bytes would have and which frozen records they would change,
and write them all, or none, through `staging.write_all`.
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
    bytes, one line each (with `new_only`, only those the files do not have already), and the errors they would
    give other files that have none of them now: a supplement signed into a year already evaluated puts its
    error on the finalized evaluation, which nothing may then change."""

    def errors(state: County) -> set[tuple[str, str, str]]:
        found = chain(state.findings, *(check(state) for check in checks))
        return {(f.file, f.rule, f.message) for f in found if f.severity is Severity.ERROR}

    after, before = errors(with_files(county, contents)), errors(county)
    new = {e for e in after if e[0] in contents and not (new_only and e in before)}
    elsewhere = {e for e in after - before if e[0] not in contents}
    return [f"{file}: {rule} {message}（写入后 zsht validate 会报此错）" for file, rule, message in sorted(new)] + \
        [f"{file}: {rule} {message}（本次写入会使这个文件出现此错误，因此未写入）"
         for file, rule, message in sorted(elsewhere)]


def frozen_changes(county: County, contents: dict[str, bytes]) -> list[str]:
    """The frozen records these files' new bytes would change or delete, one line each: what `zsht audit` would
    report (ZS801, ZS804) once committed. Only the changes a frozen record's kind allows pass (a later stage of a
    published catalog, the move from 已评定 to 已公示, the terms `sign --record-terms` adds)."""
    from .history.changes import breach_of, compare
    from .history.records import ParsedVersions, blob_sha

    parsed, lines = ParsedVersions(), []
    for relpath, raw in sorted(contents.items()):
        source = county.files.get(relpath)
        if source is None or source.text is None:
            continue
        before = source.text.encode("utf-8")
        old, new = parsed.records(relpath, blob_sha(before), before), parsed.records(relpath, blob_sha(raw), raw)
        for change in compare(old, new):
            breach = breach_of(change)
            if breach is not None:
                lines.append(f"{relpath}: {breach.final.rule} {breach.record}将{breach.what}"
                             "（签订、评定或发布后不得再改：变更请用补充协议或下一年度的目录）")
    return lines


def write_if_valid(county: County, contents: dict[str, bytes], problems: list[str]) -> list[str]:
    """All or nothing: add to `problems` the frozen records these files would change and the errors they would
    have; write them all only when `problems` is then empty, so that even a crash cannot leave some written and
    not the others (`staging.write_all`). Returns the files written."""
    problems += frozen_changes(county, contents)
    problems += errors_if_written(county, contents)
    if problems:
        return []
    return write_all(county.root, contents)
