"""One county of the province: validated by `zsht validate`'s own code, its year summed up by `zsht report`'s
figures, and its records flattened into the rows of the province database.

Runs in a worker process: everything it returns is plain data that pickles small."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..county_report import YearFigures, year_figures
from ..errors import UserError
from ..findings import Severity
from ..layout import AGREEMENT, COMMUNITY, CONFIG_FILE, DEPARTMENT, EVALUATION, TOWNSHIP
from ..load.county import County
from ..oserrors import os_error_message
from ..policy import agreed_funding, catalog_in_force, effective_funding, normalized
from ..supplements import amended
from ..validate import validate
from .listing import CountySource

DbRow = tuple[object, ...]

# What a county's status column says: its records are clean, have errors, or could not be summed up at all.
CLEAN, WITH_ERRORS, UNREADABLE = "正常", "有错误", "无法汇总"


@dataclass
class CountySummary:
    """A county's part of the province: its figures (None when it could not be summed up) and its rows."""

    path: str
    name: str
    code: str
    status: str = CLEAN
    errors: int = 0
    warnings: int = 0
    problem: str = ""  # the first error, or why there are no figures
    figures: YearFigures | None = None
    department_types: dict[str, str] = field(default_factory=dict)  # department name → its type
    beyond_reference: list[str] = field(default_factory=list)  # assist items in force not on the province list
    rows: dict[str, list[DbRow]] = field(default_factory=dict)  # table name → rows (zsht.province.database)


def department_type(county_name: str, department_name: str) -> str:
    """What a department is across counties: its name without the county's (东海县民政局 → 民政局)."""
    if county_name and department_name.startswith(county_name) and len(department_name) > len(county_name):
        return department_name[len(county_name):]
    return department_name


def _rows(county: County, code: str, year: int) -> dict[str, list[DbRow]]:
    """Every township, committee, agreement (with its items) and evaluation, as database rows."""
    departments = {e.record.id: e.record.name for e in county.entries(DEPARTMENT)}
    evaluations = [e.record for e in county.entries(EVALUATION)]
    graded = {(e.community, e.year): e for e in evaluations}
    agreements: list[DbRow] = []
    items: list[DbRow] = []
    agreed_in_year: dict[str, tuple[int, str]] = {}  # community → (items, status) of its agreement of the year
    for entry in county.entries(AGREEMENT):
        terms = amended(county, entry)
        agreement = terms.agreement
        if agreement.year == year:
            agreed_in_year[agreement.community] = (len(agreement.items), agreement.status)
        agreements.append((code, agreement.id, agreement.year, agreement.township, agreement.community,
                           agreement.status, len(agreement.items), str(agreed_funding(agreement, terms.items)),
                           len(terms.supplements)))
        for item in agreement.items:
            catalog_item = terms.items.get(item.id)
            funding = effective_funding(item, catalog_item)
            department = departments.get(catalog_item.department, catalog_item.department) if catalog_item else None
            items.append((code, agreement.id, agreement.year, agreement.community, item.id,
                          catalog_item.name if catalog_item else None, department,
                          str(funding.amount) if funding else None))
    townships: list[DbRow] = [(code, t.record.id, t.record.name, t.record.type, t.record.code) for t in county.entries(TOWNSHIP)]
    communities: list[DbRow] = []
    for member in county.entries(COMMUNITY):
        c = member.record
        evaluation = graded.get((c.id, year))
        result = evaluation.result if evaluation else None
        agreed_items, status = agreed_in_year.get(c.id, (None, None))
        communities.append((code, county.community_township.get(c.id), c.id, c.name, c.type, c.code, status,
                            agreed_items, evaluation.status if evaluation else None, result.grade if result else None))
    return {
        "townships": townships, "communities": communities, "agreements": agreements, "items": items,
        "evaluations": [(code, e.id, e.year, e.township, e.community, e.agreement, e.status,
                         str(e.result.performance) if e.result else None, e.result.grade if e.result else None,
                         str(e.result.settlement) if e.result else None) for e in evaluations],
    }


def _beyond(county: County, year: int, reference: frozenset[str] | None) -> list[str]:
    """The names of assisted items in the county's list in force that the province's reference list lacks."""
    catalog = catalog_in_force(county, year)
    if reference is None or catalog is None:
        return []
    return [item.name for item in catalog.record.items if normalized(item.name) not in reference]


def summarize(source: CountySource, year: int, reference: frozenset[str] | None) -> CountySummary:
    """Validate one county and sum up its year; never raises for the county's own faults, it says them instead."""
    summary = CountySummary(str(source.root), source.name or source.root.name, source.code or "")
    if not (source.root / CONFIG_FILE).is_file():
        summary.status, summary.problem = UNREADABLE, f"{source.root} 中没有 {CONFIG_FILE}，不是县级记录仓库"
        return summary
    try:
        return _summarize(source, year, reference, summary)
    except OSError as exc:  # one unreadable county is reported with the others, it does not stop the province
        summary.status, summary.problem, summary.figures = UNREADABLE, f"读写失败：{os_error_message(exc)}", None
        return summary


def _summarize(source: CountySource, year: int, reference: frozenset[str] | None,
               summary: CountySummary) -> CountySummary:
    validation = validate(source.root)
    county = validation.county
    if county.config is not None:
        summary.name = source.name or county.config.county
        summary.code = source.code or county.config.code
    summary.errors, summary.warnings = validation.count(Severity.ERROR), validation.count(Severity.WARNING)
    first = next((f for f in validation.findings if f.severity is Severity.ERROR), None)
    if first is not None:
        summary.status = WITH_ERRORS
        summary.problem = f"{first.file}:{first.line} {first.rule} {first.message}"
    try:
        summary.figures = year_figures(county, year)
    except UserError as exc:
        summary.status, summary.problem = UNREADABLE, str(exc)
        return summary
    summary.department_types = {name: department_type(summary.name, name) for name in summary.figures.departments}
    if summary.figures.previous is not None:
        summary.department_types.update(
            {name: department_type(summary.name, name) for name in summary.figures.previous.departments})
    summary.beyond_reference = _beyond(county, year, reference)
    summary.rows = _rows(county, summary.code, year)
    return summary


__all__ = ["CLEAN", "UNREADABLE", "WITH_ERRORS", "CountySummary", "department_type", "summarize"]
