"""Render agreements and publication notices as Word (GB/T 9704-2012), HTML and PDF files.

One public function per document family; each loads and checks the county once, plans one job
per output, renders the jobs (in parallel if asked) and writes manifest.json.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..errors import UserError
from ..layout import AGREEMENT, SUPPLEMENT
from ..models.common import ID_FORMATS
from ..validate import validate
from .agreements import latest_year, plan_agreements
from .batch import BatchResult, JobOutcome, run_plan
from .manifest import git_inputs, write_manifest
from .merge import Rank, committee_rank, merge_by_township, require_pypdf
from .numerals import capital_amount, date_cn
from .paths import output_path, safe_name
from .pdf import convert_to_pdf, find_office
from .plan import Plan

__all__ = [
    "BatchResult", "JobOutcome", "Selection", "capital_amount", "date_cn", "output_path", "render_agreements",
    "render_notices", "render_supplements", "safe_name",
]


@dataclass(frozen=True)
class Selection:
    """Which records a batch renders, and how."""

    year: int | None = None
    township: str | None = None
    community: str | None = None
    jobs: int | None = None
    pdf: bool = False
    draft: bool = False  # evaluation notices: include drafts, every page marked 征求意见稿
    merge: bool = False  # with pdf: each township's PDFs also joined into one, in the committees' order


Progress = Callable[[int, int], Callable[[int], None]]  # (total, done so far) → advance(n)


def _no_progress(total: int, done: int) -> Callable[[int], None]:
    return lambda n: None


def _run(plan: Plan, root: Path, out_dir: Path, selection: Selection, progress: Progress,
         merge: tuple[Rank, str] | None = None) -> BatchResult:
    """Render the plan; with `selection.pdf` convert to PDF, and with `selection.merge` join each township's PDFs
    in the order `merge` ranks them, the merged file named after the township with `merge`'s suffix."""
    office = find_office() if selection.pdf else None  # fails before any work when LibreOffice is missing
    if selection.merge:  # so does a merge that cannot be done
        if not selection.pdf or merge is None:
            raise UserError("--merge 只能与 --pdf 同用，合并协议书或补充协议的 PDF", hint="加上 --pdf")
        require_pypdf()
    result = run_plan(plan, root, out_dir, selection.jobs, progress(len(plan.jobs), 0))
    if office is not None:
        pdfs = convert_to_pdf(office, result)
        result.outcomes.extend(pdfs)
        if selection.merge and merge is not None:
            result.outcomes.extend(merge_by_township(out_dir, pdfs, *merge))
    write_manifest(result, git_inputs(root))
    return result


def render_agreements(root: Path, out_dir: Path, selection: Selection, progress: Progress = _no_progress) -> BatchResult:
    """Render the selected agreements of one year as .docx files under out_dir/<year>/<township>/."""
    checked = validate(root)  # pauses the cyclic collector itself
    year = selection.year or latest_year(checked.county, selection.township, selection.community)
    plan = plan_agreements(checked.county, checked.findings, year, selection.township, selection.community)
    if not plan.jobs and not plan.skipped:
        wanted = selection.community or selection.township or "全县"
        raise UserError(f"{year} 年没有符合条件的协议（{wanted}）", hint="检查编号和 --year")
    return _run(plan, root, out_dir, selection, progress, (committee_rank(checked.county, AGREEMENT), "协议书合订本"))


def render_notices(kind: str, root: Path, out_dir: Path, selection: Selection,
                   progress: Progress = _no_progress) -> BatchResult:
    """Render the catalog notice (kind "catalog") or the evaluation result notices ("evaluation") of a year."""
    from .notices import plan_notices

    checked = validate(root)  # pauses the cyclic collector itself
    plan = plan_notices(kind, checked.county, checked.findings, selection.year, selection.township, selection.draft)
    return _run(plan, root, out_dir, selection, progress)


def render_supplements(root: Path, out_dir: Path, selection: Selection, supplement: str | None = None,
                       progress: Progress = _no_progress) -> BatchResult:
    """Render the selected 补充协议 of one year (or the one named `supplement`) as .docx files, like agreements."""
    from .supplements import latest_supplement_year, plan_supplements

    if supplement is not None and not re.match(ID_FORMATS["supplement"][0], supplement):
        raise UserError(f"补充协议编号“{supplement}”格式不对", hint=f"应写成 {ID_FORMATS['supplement'][1]} 这样")
    checked = validate(root)  # pauses the cyclic collector itself
    year = selection.year or (int(supplement.split("-")[1]) if supplement else latest_supplement_year(checked.county))
    plan = plan_supplements(checked.county, checked.findings, year, selection.township, selection.community,
                            supplement)
    if not plan.jobs and not plan.skipped:
        wanted = supplement or selection.community or selection.township or "全县"
        raise UserError(f"{year} 年没有符合条件的补充协议（{wanted}）", hint="检查编号和 --year")
    return _run(plan, root, out_dir, selection, progress,
                (committee_rank(checked.county, SUPPLEMENT), "补充协议合订本"))
