"""`--pdf --merge`: each township's PDFs of a batch as one file to print, in the committees' registry order.

LibreOffice makes the PDFs one by one (render/pdf.py); pypdf, an optional dependency (`pip install 'zsht[pdf]'`),
joins them. Each document keeps its own page numbers, as each is signed and filed on its own.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from .. import models as m
from ..errors import UserError
from ..layout import COMMUNITY, TOWNSHIP, RecordKind
from ..load.county import County
from ..write import write_atomic
from .batch import JobOutcome
from .paths import output_path
from .plan import Job

PDF_EXTRA_HINT = "安装：pip install 'zsht[pdf]'（即 pip install pypdf）"
Rank = Callable[[Job], tuple[int, int]]
SignedRecord = TypeVar("SignedRecord", m.Agreement, m.Supplement)  # a record of one township's committee


def require_pypdf() -> None:
    """Fail before any work (exit 2) when pypdf, which merges the PDFs, is not installed."""
    try:
        import pypdf  # noqa: F401
    except ImportError:
        raise UserError("合并 PDF 需要 pypdf，未安装", hint=PDF_EXTRA_HINT) from None


def committee_rank(county: County, kind: RecordKind[SignedRecord]) -> Rank:
    """A job's place in the registry: its township's, then its committee's (registry/communities/ order), found
    through the record file among the job's sources; jobs of unknown records sort last."""
    townships = {slug: n for n, slug in enumerate(county.index(TOWNSHIP))}
    communities = {slug: n for n, slug in enumerate(county.index(COMMUNITY))}
    last = (len(townships), len(communities))
    places = {entry.file: (townships.get(entry.record.township, last[0]), communities.get(entry.record.community, last[1]))
              for entry in county.entries(kind)}

    def rank(job: Job) -> tuple[int, int]:
        return min((places[source] for source in job.sources if source in places), default=last)
    return rank


def merge_by_township(out_dir: Path, outcomes: Iterable[JobOutcome], rank: Rank, suffix: str) -> list[JobOutcome]:
    """One PDF per output folder (a township's) that joins its PDFs in `rank` order, named after the folder with
    `suffix` (牛山街道协议书合订本.pdf); one outcome per merged file."""
    from pypdf import PdfWriter

    folders: dict[str, list[JobOutcome]] = {}
    for outcome in outcomes:
        if outcome.status != "failed" and outcome.job.output.endswith(".pdf"):
            folders.setdefault(outcome.job.output.rpartition("/")[0], []).append(outcome)
    merged: list[JobOutcome] = []
    for folder, members in sorted(folders.items()):
        members.sort(key=lambda o: (rank(o.job), o.job.output))
        writer = PdfWriter()
        for member in members:
            writer.append(str(output_path(out_dir, member.job.output)))
        buffer = io.BytesIO()
        writer.write(buffer)
        name = f"{folder.rpartition('/')[2]}{suffix}.pdf"
        first = members[0].job
        job = Job(f"{folder}/{name}" if folder else name, first.template, {}, f"{name}（{len(members)} 份）",
                  first.created, tuple(dict.fromkeys(s for m in members for s in m.job.sources)), first.format)
        data = buffer.getvalue()
        write_atomic(output_path(out_dir, job.output), data)
        merged.append(JobOutcome(job, "rendered", hashlib.sha256(data).hexdigest()))
    return merged
