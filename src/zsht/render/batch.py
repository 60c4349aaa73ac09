"""Run a plan: render every job (in parallel if asked), write only what changed, keep a manifest."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass, field, fields, is_dataclass
from pathlib import Path
from typing import Any, Literal

from ..errors import UserError
from ..write import folders_flushed_at_end, write_atomic
from .package import NOT_XML, DocxBuilder, Properties, UnfitPart
from .paths import output_path
from .plan import Job, Plan, Skipped
from .templates import Templates

Status = Literal["rendered", "unchanged", "failed"]


@dataclass(frozen=True)
class JobOutcome:
    """What became of one job."""

    job: Job
    status: Status
    sha256: str = ""
    reason: str = ""


@dataclass
class BatchResult:
    """Every outcome of a batch, and the records that were skipped before rendering."""

    out_dir: Path
    outcomes: list[JobOutcome] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)

    def count(self, status: Status) -> int:
        return sum(1 for outcome in self.outcomes if outcome.status == status)

    @property
    def failed(self) -> int:
        """Documents that failed plus records that were not rendered."""
        return self.count("failed") + len(self.skipped)


class Renderer:
    """Templates compiled once and the fixed .docx parts built once; then one document per call."""

    def __init__(self, county_root: Path | None, out_dir: Path) -> None:
        self.templates = Templates(county_root)
        self.docx = DocxBuilder(self.templates)
        self.out_dir = out_dir

    def content(self, job: Job) -> bytes:
        """The bytes of one output file."""
        text = self.templates.render(job.template, **job.context)
        if job.format == "docx":
            return self.docx.build(text, Properties(job.title, job.template.split(".")[0], job.created), job.mark)
        bad = NOT_XML.search(text)  # the HTML and Markdown of a notice are refused with its .docx, not kept alone
        if bad:
            raise UnfitPart(job.output, bad.group(), None, None)
        return text.encode("utf-8")

    def write(self, job: Job) -> JobOutcome:
        """Render one job and write it atomically, unless the file already holds these bytes."""
        try:
            data = self.content(job)
        except UnfitPart as exc:
            return JobOutcome(job, "failed", "", unfit_reason(job, exc))
        digest = hashlib.sha256(data).hexdigest()
        try:
            target = output_path(self.out_dir, job.output)
            if target.is_file() and target.stat().st_size == len(data) and target.read_bytes() == data:
                return JobOutcome(job, "unchanged", digest)
            write_atomic(target, data)
        except (OSError, UserError) as exc:
            return JobOutcome(job, "failed", digest, f"写入失败：{exc}")
        return JobOutcome(job, "rendered", digest)


def field_holding(value: Any, char: str, path: str = "") -> str | None:
    """The first field of a job's data (as `agreement.party_b.name`) whose text holds `char`."""
    found: str | None = None
    if isinstance(value, str):
        return path if char in value else None
    if is_dataclass(value) and not isinstance(value, type):
        for item in fields(value):
            found = found or field_holding(getattr(value, item.name), char, f"{path}.{item.name}".lstrip("."))
    elif isinstance(value, dict):
        for key, item in value.items():
            found = found or field_holding(item, char, f"{path}.{key}".lstrip("."))
    elif isinstance(value, (list, tuple)):
        for position, item in enumerate(value):
            found = found or field_holding(item, char, f"{path}[{position}]")
    return found


def unfit_reason(job: Job, exc: UnfitPart) -> str:
    """One line on a document that was not written because a part of it is not XML: the record, the field and
    the character when the record's data is the cause, else the template's part and position."""
    record = job.sources[0] if job.sources else job.output
    if exc.char is not None:
        code = f"U+{ord(exc.char):04X}"
        field = field_holding(job.context, exc.char)
        where = f"字段 {field} " if field else f"{job.template} 生成的 {exc.part} "
        return f"{record}：{where}含有 XML 不能容纳的字符 {code}，未生成（删去该字符；zsht validate 会指出它所在的行）"
    return f"{record}：模板 {job.template} 生成的 {exc.where()} 不是合格的 XML，未生成（检查该模板）"


_RENDERER: Renderer | None = None
_JOBS: Sequence[Job] = ()


def _start_worker(county_root: Path | None, out_dir: Path, jobs: Sequence[Job]) -> None:
    """Set up one worker: its own renderer, and the batch's jobs (inherited for free where processes fork)."""
    global _RENDERER, _JOBS
    _RENDERER, _JOBS = Renderer(county_root, out_dir), jobs


def _work(start: int, stop: int) -> list[tuple[Status, str, str]] | str:
    """A worker's share, jobs[start:stop]: (status, sha256, reason) of each, or the message of a template
    error that stops the batch. Only indices go in and small tuples come out: no job is pickled."""
    assert _RENDERER is not None
    try:
        with folders_flushed_at_end():
            return [(o.status, o.sha256, o.reason) for o in map(_RENDERER.write, _JOBS[start:stop])]
    except UserError as exc:
        return str(exc)


def run_plan(plan: Plan, county_root: Path | None, out_dir: Path, jobs: int | None = None,
             advance: Callable[[int], None] = lambda n: None) -> BatchResult:
    """Render every job of `plan` into `out_dir` with `jobs` worker processes (default: every core)."""
    result = BatchResult(out_dir, skipped=list(plan.skipped))
    workers = max(1, jobs or os.cpu_count() or 1)
    renderer = Renderer(county_root, out_dir)  # compiles the templates: a broken one stops us here
    if workers == 1 or len(plan.jobs) < 2 * workers:
        with folders_flushed_at_end():
            for job in plan.jobs:
                result.outcomes.append(renderer.write(job))
                advance(1)
        return result
    size = max(1, min(64, len(plan.jobs) // (workers * 8)))
    with ProcessPoolExecutor(workers, initializer=_start_worker, initargs=(county_root, out_dir, plan.jobs)) as pool:
        chunks = {pool.submit(_work, start, min(start + size, len(plan.jobs))): plan.jobs[start:start + size]
                  for start in range(0, len(plan.jobs), size)}
        pending = set(chunks)
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                outcome = future.result()
                if isinstance(outcome, str):
                    for other in pending:
                        other.cancel()
                    raise UserError(outcome)
                result.outcomes.extend(JobOutcome(job, *row) for job, row in zip(chunks[future], outcome, strict=True))
                advance(len(outcome))
    result.outcomes.sort(key=lambda o: o.job.output)
    return result
