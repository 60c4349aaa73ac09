"""The numbers of a county's year: coverage, burden, funding and grades, and the year before."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from ..errors import UserError
from ..evaluation.settlement import agreed_by_department, department_shares, money
from ..layout import AGREEMENT, COMMUNITY, DEPARTMENT, EVALUATION, TOWNSHIP
from ..load.config import settings
from ..load.county import County
from ..models.evaluation import FINAL_STATUSES
from ..policy import agreed_funding
from ..supplements import amended
from .lists import ListFigures, list_figures

DONE = FINAL_STATUSES  # only a finalized evaluation counts as evaluated, and settles


@dataclass
class Coverage:
    """How much of the registry a year reaches."""

    townships: int
    communities: int
    signed_townships: int = 0
    signed_communities: int = 0
    evaluated_townships: int = 0
    evaluated_communities: int = 0
    draft_communities: int = 0  # evaluations still 草稿: not evaluated, not settled

    @staticmethod
    def percent(part: int, whole: int) -> Decimal:
        """A share in per cent, one decimal."""
        return (Decimal(part) * 100 / whole).quantize(Decimal("0.1")) if whole else Decimal(0)


@dataclass
class YearFigures:
    """One year's figures, with the previous year's when it has agreements."""

    county: str
    year: int
    coverage: Coverage
    items: dict[str, int] = field(default_factory=dict)  # community → assisted items agreed
    departments: dict[str, tuple[Decimal, Decimal]] = field(default_factory=dict)  # name → (agreed, settled)
    townships: dict[str, tuple[Decimal, Decimal]] = field(default_factory=dict)
    grades: dict[str, int] = field(default_factory=dict)
    supplements: tuple[int, Decimal] = (0, Decimal(0))  # signed 补充协议 in the agreed figures: count, money
    draft_settlement: Decimal = Decimal(0)  # what the drafts' stored results would settle: shown apart, never summed
    previous: YearFigures | None = None
    lists: ListFigures = field(default_factory=ListFigures)  # certificates retained, plaques per committee

    def burden(self) -> tuple[Decimal, int, int]:
        """Items per committee: average (2 decimals), minimum, maximum."""
        if not self.items:
            return Decimal(0), 0, 0
        values = list(self.items.values())
        return money(Decimal(sum(values)) / len(values)), min(values), max(values)

    def funding_per_committee(self) -> Decimal:
        """Agreed funding per committee with an agreement this year (yuan, 2 decimals)."""
        total = sum((agreed for agreed, _ in self.townships.values()), Decimal(0))
        return money(total / len(self.items)) if self.items else Decimal(0)

    @property
    def compared_with(self) -> str:
        """What the report calls the year it compares with: 上年, or the year itself when years lie between
        (a 2026 report compares with 2015 where no agreements were kept in between)."""
        if self.previous is None or self.previous.year == self.year - 1:
            return "上年"
        return f"{self.previous.year}年"

    def burden_change(self) -> tuple[int, int, int]:
        """Committees in both years whose item count went up, down, or stayed."""
        if self.previous is None:
            return 0, 0, 0
        both = [(n, self.previous.items[c]) for c, n in self.items.items() if c in self.previous.items]
        return (sum(1 for n, p in both if n > p), sum(1 for n, p in both if n < p), sum(1 for n, p in both if n == p))


def _funding(county: County, year: int, figures: YearFigures) -> None:
    """Agreed and settled funding per department and per township; settled is what the finalized evaluations
    store (a draft's stored result is not yet a settlement)."""
    towns = {e.record.id: e.record.name for e in county.entries(TOWNSHIP)}
    departments = {e.record.id: e.record.name for e in county.entries(DEPARTMENT)}
    settled = {e.record.community: e.record.result.settlement for e in county.entries(EVALUATION)
               if e.record.year == year and e.record.result is not None and e.record.status in DONE}
    by_department: dict[str, list[Decimal]] = defaultdict(lambda: [Decimal(0), Decimal(0)])
    by_township: dict[str, list[Decimal]] = defaultdict(lambda: [Decimal(0), Decimal(0)])
    for entry in county.entries(AGREEMENT):
        if entry.record.year != year:
            continue
        terms = amended(county, entry)  # the agreement with its signed 补充协议
        agreement, items = terms.agreement, terms.items
        figures.supplements = (figures.supplements[0] + len(terms.supplements), figures.supplements[1] + sum(
            (s.record.funding_total or Decimal(0) for s in terms.supplements), Decimal(0)))
        town = by_township[towns.get(agreement.township, agreement.township)]
        town[0] += agreed_funding(agreement, items)
        paid = settled.get(agreement.community)
        town[1] += paid or Decimal(0)
        agreed = agreed_by_department(agreement, items)
        # The same shares `zsht score` gives, of the settlement the evaluation stores.
        shares = department_shares(paid, agreed) if paid is not None else {}
        for department, amount in agreed.items():
            row = by_department[departments.get(department, department)]
            row[0] += amount
            row[1] += shares.get(department, Decimal(0))
    figures.departments = {k: (a, s) for k, (a, s) in sorted(by_department.items())}
    figures.townships = {k: (a, s) for k, (a, s) in sorted(by_township.items())}


def _figures(county: County, year: int) -> YearFigures:
    assert county.config is not None
    towns = county.entries(TOWNSHIP)
    coverage = Coverage(len(towns), len(county.entries(COMMUNITY)))
    agreements = [amended(county, e).agreement for e in county.entries(AGREEMENT) if e.record.year == year]
    signed = [a for a in agreements if a.status == "已签订"]
    done = [e.record for e in county.entries(EVALUATION) if e.record.year == year and e.record.status in DONE]
    coverage.signed_communities = len({a.community for a in signed})
    coverage.signed_townships = len({a.township for a in signed})
    coverage.evaluated_communities = len({e.community for e in done})
    coverage.evaluated_townships = len({e.township for e in done})
    drafts = [e.record for e in county.entries(EVALUATION) if e.record.year == year and e.record.status not in DONE]
    coverage.draft_communities = len({e.community for e in drafts})
    figures = YearFigures(county.config.county, year, coverage,
                          items={a.community: len(a.items) for a in agreements})
    counts = Counter(e.result.grade for e in done if e.result is not None)
    figures.grades = {line.grade: counts.get(line.grade, 0) for line in county.config.evaluation.grades}
    figures.draft_settlement = sum((e.result.settlement for e in drafts if e.result is not None), Decimal(0))
    _funding(county, year, figures)
    return figures


def year_figures(county: County, year: int) -> YearFigures:
    """The figures of `year`, and of the latest earlier year that has agreements (the year before, or 2015 for
    a county that kept none between 2015 and 2026)."""
    settings(county, "无法生成报告")
    if not any(e.record.year == year for e in county.entries(AGREEMENT)):
        raise UserError(f"{year} 年没有协议，无法生成报告")
    figures = _figures(county, year)
    figures.lists = list_figures(county, year)
    earlier = [e.record.year for e in county.entries(AGREEMENT) if e.record.year < year]
    if earlier:
        figures.previous = _figures(county, max(earlier))
    return figures
