"""A year's evaluation results: totals, grades, ranks and the funding to settle, per community and department."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from ..errors import UserError
from ..findings import Finding, Severity
from ..layout import AGREEMENT, COMMUNITY, DEPARTMENT, EVALUATION, TOWNSHIP, kind_of
from ..load.config import settings
from ..load.county import County
from ..models.evaluation import FINAL_STATUSES
from ..policy import agreed_funding
from ..supplements import amended
from ..validate import check_county
from .scores import ComputedResult, compute, finite
from .settlement import agreed_by_department, department_shares

RESULT_RULES = {"ZS605", "ZS608"}  # the stored grade, totals and settlement


@dataclass
class CommunityResult:
    """One community's result for the year."""

    township: str
    township_name: str
    community: str
    community_name: str
    evaluation_file: str
    agreed: Decimal
    computed: ComputedResult
    departments: dict[str, tuple[Decimal, Decimal]]  # department → (agreed, settled)
    rank: int = 0
    stored_matches: bool = True
    status: str = "已评定"  # the evaluation's status: a 草稿 is not counted as evaluated


@dataclass
class YearResults:
    """Every community's result for one year, and what could not be scored."""

    year: int
    rows: list[CommunityResult] = field(default_factory=list)  # finalized evaluations (已评定, 已公示) only
    drafts: list[CommunityResult] = field(default_factory=list)  # 草稿: shown apart, neither evaluated nor settled
    not_evaluated: list[str] = field(default_factory=list)  # communities with a signed agreement, no evaluation
    invalid: list[str] = field(default_factory=list)  # evaluation files with validation errors
    uncomputable: list[str] = field(default_factory=list)  # evaluation files whose figures no record can hold
    department_names: dict[str, str] = field(default_factory=dict)

    @property
    def complete(self) -> bool:
        """Whether every evaluation of the year was scored (the command exits 1 otherwise)."""
        return not (self.invalid or self.uncomputable)

    def departments(self) -> dict[str, tuple[Decimal, Decimal]]:
        """Agreed and settled funding per department, over all communities."""
        totals: dict[str, list[Decimal]] = defaultdict(lambda: [Decimal(0), Decimal(0)])
        for row in self.rows:
            for department, (agreed, paid) in row.departments.items():
                totals[department][0] += agreed
                totals[department][1] += paid
        return {d: (a, s) for d, (a, s) in sorted(totals.items())}


@dataclass(frozen=True)
class Unloaded:
    """An evaluation file that did not load as a record (broken YAML, or not the schema)."""

    file: str
    township: str
    community: str
    reason: str  # the first error found in it


def unloaded_evaluations(county: County, year: int) -> list[Unloaded]:
    """The evaluation files of `year` that have no record, each with its first error.

    Such a file still says whose evaluation it is, by its path (evaluations/<year>/<township>/<community>.yaml)
    or by the keys it has: it is not “not evaluated”, and it is not to be written over as if it did not exist.
    """
    loaded = {entry.file for entry in county.entries(EVALUATION)}
    found: dict[str, Unloaded] = {}
    for problem in sorted(county.findings, key=Finding.sort_key):
        kind = kind_of(problem.file)
        if (problem.severity is not Severity.ERROR or kind is not EVALUATION
                or problem.file in loaded or problem.file in found):
            continue
        parts = problem.file.rsplit(".", 1)[0].split("/")
        source = county.files.get(problem.file)
        data = source.data if source is not None and isinstance(source.data, dict) else {}
        years = {parts[1], str(data.get("year"))}
        if str(year) in years:
            township, community = (str(data[key]) if isinstance(data.get(key), str) else parts[n]
                                   for key, n in (("township", 2), ("community", 3)))
            found[problem.file] = Unloaded(problem.file, township, community, problem.message)
    return list(found.values())


def year_results(county: County, year: int, township: str | None = None) -> YearResults:
    """Score every evaluation of `year` (optionally of one township) by the county's rules."""
    config = settings(county, "无法计算评估结果")
    if township is not None and township not in county.index(TOWNSHIP):
        raise UserError(f"乡镇（街道）“{township}”不在名录中")
    if not any(e.record.year == year for e in county.entries(AGREEMENT)) and \
            not any(e.record.year == year for e in county.entries(EVALUATION)):
        raise UserError(f"{year} 年没有协议和评估记录，无从计算", hint="检查 --year")
    # A stored result that disagrees with the scores is what scoring (and --write) puts right, not a reason to skip.
    broken = {f.file for f in check_county(county) if f.severity is Severity.ERROR and f.rule not in RESULT_RULES}
    towns = {e.record.id: e.record.name for e in county.entries(TOWNSHIP)}
    names = {e.record.id: e.record.name for e in county.entries(COMMUNITY)}
    agreements = county.index(AGREEMENT)
    results = YearResults(year, department_names={e.record.id: e.record.name for e in county.entries(DEPARTMENT)})
    evaluated = set()
    for unloaded in unloaded_evaluations(county, year):
        if township is None or unloaded.township == township:
            results.invalid.append(unloaded.file)
            evaluated.add(unloaded.community)  # it has an evaluation, one with errors: not “未评估”
    for entry in sorted(county.entries(EVALUATION), key=lambda e: e.file):
        evaluation = entry.record
        if evaluation.year != year or (township and evaluation.township != township):
            continue
        target = agreements.get(evaluation.agreement)
        evaluated.add(evaluation.community)
        if entry.file in broken or target is None or target.file in broken:
            results.invalid.append(entry.file)
            continue
        terms = amended(county, target, as_of=evaluation.date)  # with the 补充协议 signed by the evaluation
        agreed = agreed_funding(terms.agreement, terms.items)
        computed = compute(evaluation, config, agreed)
        if not finite(computed):  # scores or rates too large to compute with: as good as an error
            results.uncomputable.append(entry.file)
            continue
        by_department = agreed_by_department(terms.agreement, terms.items)
        shares = department_shares(computed.settlement, by_department)
        stored = evaluation.result
        (results.rows if evaluation.status in FINAL_STATUSES else results.drafts).append(CommunityResult(
            evaluation.township, towns.get(evaluation.township, evaluation.township), evaluation.community,
            names.get(evaluation.community, evaluation.community), entry.file, agreed, computed,
            {d: (a, shares[d]) for d, a in by_department.items()},
            stored_matches=stored is not None and (stored.performance, stored.government, stored.grade,
                                                   stored.settlement) == (computed.performance, computed.government,
                                                                          computed.grade, computed.settlement),
            status=evaluation.status))
    for signed in county.entries(AGREEMENT):
        record = signed.record
        if (record.year == year and record.status == "已签订" and record.community not in evaluated
                and (township is None or record.township == township)):
            results.not_evaluated.append(record.community)
    results.invalid.sort()
    _rank(results.rows)
    results.drafts.sort(key=lambda r: (r.township, r.community))
    return results


def _rank(rows: list[CommunityResult]) -> None:
    """Rank within each township by the 履约 score, ties sharing a rank; rows end up in township, rank order."""
    rows.sort(key=lambda r: (r.township, -r.computed.performance, r.community))
    previous: tuple[str, Decimal] | None = None
    position = rank = 0
    for row in rows:
        position = 1 if previous is None or previous[0] != row.township else position + 1
        if previous is None or (row.township, row.computed.performance) != previous:
            rank = position
        row.rank = rank
        previous = (row.township, row.computed.performance)
