"""What a batch will render: one job per output file, and the records it could not render."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from ..findings import FieldPath, Finding, Severity
from ..layout import FileKind

DocumentFormat = Literal["docx", "html", "md"]


@dataclass(frozen=True)
class Job:
    """One output file: the template that makes it, its data, and the record files it came from."""

    output: str  # relative to the output folder, with forward slashes
    template: str
    context: dict[str, Any]
    title: str
    created: str  # document date (W3CDTF), from the record, never the clock
    sources: tuple[str, ...]
    format: DocumentFormat = "docx"
    mark: str | None = None  # printed at the head of every page (a draft: 征求意见稿)


@dataclass(frozen=True)
class Skipped:
    """A record that was not rendered, and why (in Chinese)."""

    label: str
    sources: tuple[str, ...]
    reason: str


@dataclass
class Plan:
    """Everything one batch will do."""

    jobs: list[Job] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


@dataclass(frozen=True)
class Dependency:
    """A record a document depends on: its file, and its place in that file (empty for the whole file)."""

    file: str
    path: FieldPath = ()


ErrorsByFile = dict[str, list[Finding]]


def errors_by_file(findings: Iterable[Finding]) -> ErrorsByFile:
    """The errors among `findings`, by file: built once per plan, looked up once per record."""
    found: ErrorsByFile = defaultdict(list)
    for item in findings:
        if item.severity is Severity.ERROR:
            found[item.file].append(item)
    return found


def blocking(errors: ErrorsByFile, dependencies: Sequence[Dependency]) -> list[Finding]:
    """The errors that fall on any of the dependencies (a finding at the top of a file falls on all of it)."""
    found = []
    for file in dict.fromkeys(dep.file for dep in dependencies):
        for item in errors.get(file, ()):
            if any(dep.file == file and (not item.path or item.path[: len(dep.path)] == dep.path)
                   for dep in dependencies):
                found.append(item)
    return found


def describe(errors: Sequence[Finding]) -> str:
    """A short Chinese summary of the errors that stop a record from being rendered."""
    first = errors[0]
    where = f"{first.file}" + (f":{first.line}" if first.line else "")
    more = f" 等 {len(errors)} 个错误" if len(errors) > 1 else ""
    return f"记录有校验错误，未生成：{where} [{first.rule}] {first.message}{more}"


def skip_unloaded(plan: Plan, findings: Iterable[Finding], kind: FileKind[Any], loaded: set[str], year: int,
                  township: str | None, community: str | None = None) -> None:
    """Add to `plan`, as skipped, the files of `kind` for the year (and township, and committee: the file's name)
    that are too broken to load: a batch reports them, it never leaves them silently missing."""
    for item in findings:
        parts = item.file.split("/")
        if (item.severity is Severity.ERROR and item.file not in loaded and kind.matches(item.file)
                and parts[1] == str(year) and (township is None or parts[2] == township)
                and (community is None or parts[3].rsplit(".", 1)[0] == community)):
            loaded.add(item.file)
            plan.skipped.append(Skipped(item.file, (item.file,), describe([item])))
