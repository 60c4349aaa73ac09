"""The province's roll-up: every county summed up in parallel processes, then added up into one year's figures.

The province total is a `YearFigures` like a county's, so that its burden, funding per committee and
percentages come from the very formulas of `zsht report` (one formula per figure)."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from decimal import Decimal
from functools import partial

from ..county_report import YearFigures
from ..county_report.figures import Coverage
from ..county_report.lists import ListFigures
from ..evaluation.settlement import money
from .county import UNREADABLE, WITH_ERRORS, CountySummary, summarize
from .listing import Province


@dataclass
class ProvinceFigures:
    """The province's year: each county's summary in listing order, and their total."""

    name: str
    year: int
    counties: list[CountySummary]
    total: YearFigures

    def marked(self) -> list[CountySummary]:
        """Counties whose figures are marked: with errors, or not summed up at all."""
        return [c for c in self.counties if c.status in (WITH_ERRORS, UNREADABLE)]

    def beyond_reference(self) -> list[CountySummary]:
        """Counties whose assist list in force has items the province's reference list lacks."""
        return [c for c in self.counties if c.beyond_reference]


def funding_totals(figures: YearFigures) -> tuple[Decimal, Decimal]:
    """A year's funding agreed and settled in all: the sum of its townships' (as `zsht report` lists them)."""
    agreed = sum((a for a, _ in figures.townships.values()), Decimal(0))
    settled = sum((s for _, s in figures.townships.values()), Decimal(0))
    return money(agreed), money(settled)


def _pairs(rows: Iterable[tuple[str, tuple[Decimal, Decimal]]]) -> dict[str, tuple[Decimal, Decimal]]:
    sums: dict[str, tuple[Decimal, Decimal]] = {}
    for key, (agreed, settled) in rows:
        before = sums.get(key, (Decimal(0), Decimal(0)))
        sums[key] = (before[0] + agreed, before[1] + settled)
    return dict(sorted(sums.items()))


def _certificates(pairs: list[tuple[int, int] | None]) -> tuple[int, int] | None:
    kept = [p for p in pairs if p is not None]
    return (sum(p[0] for p in kept), sum(p[1] for p in kept)) if kept else None


def add_up(name: str, year: int, parts: list[tuple[CountySummary, YearFigures]]) -> YearFigures:
    """The counties' figures of one year added up: coverage and grades summed, committees keyed by county
    code, departments by type, townships replaced by counties (so funding per committee is the province's)."""
    coverage = Coverage(0, 0)
    for _, figures in parts:
        for key, value in vars(figures.coverage).items():
            setattr(coverage, key, getattr(coverage, key) + value)
    total = YearFigures(name, year, coverage)
    total.items = {f"{c.code}/{community}": n for c, f in parts for community, n in f.items.items()}
    total.departments = _pairs((c.department_types.get(d, d), money) for c, f in parts
                               for d, money in f.departments.items())
    total.townships = _pairs((c.name, funding_totals(f)) for c, f in parts)
    for _, figures in parts:
        for grade, count in figures.grades.items():
            total.grades[grade] = total.grades.get(grade, 0) + count
    total.supplements = (sum(f.supplements[0] for _, f in parts),
                         sum((f.supplements[1] for _, f in parts), Decimal(0)))
    total.draft_settlement = sum((f.draft_settlement for _, f in parts), Decimal(0))
    total.lists = ListFigures(_certificates([f.lists.certificates for _, f in parts]),
                              _certificates([f.lists.previous_certificates for _, f in parts]))
    return total


def _total(name: str, year: int, counties: list[CountySummary]) -> YearFigures:
    current = [(c, c.figures) for c in counties if c.figures is not None]
    total = add_up(name, year, current)
    previous = [(c, f.previous) for c, f in current if f.previous is not None]
    if previous:
        # Counties may compare with different years (the example county with 2015): the latest one names it.
        total.previous = add_up(name, max(f.year for _, f in previous), previous)
    return total


def _context() -> multiprocessing.context.BaseContext:
    # fork shares the modules the parent has already imported: a spawned worker would import zsht again.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def roll_up(province: Province, year: int, jobs: int | None = None) -> ProvinceFigures:
    """Validate and sum up every county of `province` for `year`, `jobs` counties at a time (default: one per
    processor), and add them up."""
    workers = max(1, min(jobs or os.cpu_count() or 1, len(province.counties)))
    task = partial(summarize, year=year, reference=province.reference)
    if workers == 1:
        counties = [task(source) for source in province.counties]
    else:
        with ProcessPoolExecutor(workers, mp_context=_context()) as pool:
            counties = list(pool.map(task, province.counties))
    return ProvinceFigures(province.name or "全省", year, counties, _total(province.name or "全省", year, counties))
