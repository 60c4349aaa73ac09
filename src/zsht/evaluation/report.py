"""The county's picture of a year, against the year before: coverage, burden, funding and grades."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from ..errors import UserError
from ..load.county import County, load_county
from ..policy import catalog_in_force, catalog_items, effective_funding
from ..settlement import year_results
from .report_html import report_html
from .report_text import report_text

__all__ = ["CountyYear", "Report", "build_report", "report_html", "report_text"]


@dataclass
class CountyYear:
    """One year's figures for the whole county."""

    year: int
    townships: int = 0
    townships_signed: int = 0
    committees: int = 0
    committees_signed: int = 0
    committees_evaluated: int = 0
    items: int = 0  # assisted items over all signed agreements
    items_by_township: dict[str, tuple[int, int]] = field(default_factory=dict)  # township → (items, committees)
    departments: dict[str, list[Decimal]] = field(default_factory=dict)  # department → [agreed, settled]
    township_funding: dict[str, list[Decimal]] = field(default_factory=dict)  # township → [agreed, settled]
    grades: dict[str, int] = field(default_factory=dict)

    def share(self, part: int, whole: int) -> Decimal:
        """`part` of `whole` in per cent, one decimal (0 of nothing is 0)."""
        return (Decimal(part) * 100 / whole).quantize(Decimal("0.1")) if whole else Decimal(0)

    @property
    def items_per_committee(self) -> Decimal:
        """Assisted items per committee with a signed agreement."""
        return (Decimal(self.items) / self.committees_signed).quantize(Decimal("0.01")) if self.committees_signed \
            else Decimal(0)

    def settled_total(self) -> Decimal:
        """Funding settled over all departments."""
        return sum((s for _, s in self.departments.values()), Decimal(0))

    def agreed_total(self) -> Decimal:
        """Funding agreed over all departments."""
        return sum((a for a, _ in self.departments.values()), Decimal(0))


@dataclass
class Report:
    """The year asked for, the year before (None when it has no agreements), and the names to show."""

    county: str
    current: CountyYear
    previous: CountyYear | None
    township_names: dict[str, str]
    department_names: dict[str, str]
    grade_order: list[str]


def county_year(county: County, year: int) -> CountyYear:
    """Figures of one year, from the signed agreements, the evaluations and the computed results."""
    figures = CountyYear(year, len(county.entries("township")), committees=len(county.entries("community")))
    catalog = catalog_in_force(county, year)
    items = catalog_items(catalog.record) if catalog else {}
    signed = [e.record for e in county.entries("agreement") if e.record.year == year and e.record.status == "已签订"]
    figures.townships_signed = len({a.township for a in signed})
    figures.committees_signed = len({a.community for a in signed})
    by_township: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    departments: dict[str, list[Decimal]] = defaultdict(lambda: [Decimal(0), Decimal(0)])
    townships: dict[str, list[Decimal]] = defaultdict(lambda: [Decimal(0), Decimal(0)])
    for agreement in signed:
        figures.items += len(agreement.items)
        by_township[agreement.township][0] += len(agreement.items)
        by_township[agreement.township][1] += 1
        for item in agreement.items:
            source = items.get(item.id)
            funding = effective_funding(item, source)
            if funding is not None and source is not None:
                departments[source.department][0] += funding.amount
                townships[agreement.township][0] += funding.amount
    figures.items_by_township = {t: (n, c) for t, (n, c) in sorted(by_township.items())}
    figures.committees_evaluated = len({e.record.community for e in county.entries("evaluation")
                                        if e.record.year == year and e.record.result is not None})
    if county.config is not None and signed:
        results = year_results(county, year)
        for row in results.rows:
            townships[row.township][1] += row.score.settlement
            for department, (_, settled) in row.departments.items():
                departments[department][1] += settled
        figures.grades = dict(Counter(row.score.grade for row in results.rows))
    figures.departments = dict(sorted(departments.items()))
    figures.township_funding = dict(sorted(townships.items()))
    return figures


def build_report(root: Path, year: int) -> Report:
    """The county's report for `year`, with the year before for comparison."""
    county = load_county(root)
    if county.config is None:
        raise UserError("zsht.yaml 有错误，无法生成报告", hint="先运行 zsht validate")
    current = county_year(county, year)
    if not current.committees_signed:
        raise UserError(f"{year} 年没有已签订的协议，无法生成报告")
    previous = county_year(county, year - 1)
    return Report(county.config.county, current, previous if previous.committees_signed else None,
                  {e.record.id: e.record.name for e in county.entries("township")},
                  {e.record.id: e.record.name for e in county.entries("department")},
                  [g.grade for g in sorted(county.config.evaluation.grades, key=lambda g: g.min, reverse=True)])
