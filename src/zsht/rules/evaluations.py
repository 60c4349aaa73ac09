"""Two-way evaluations: both directions, scores in range, a mixed panel, results that add up."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ..evaluation.scores import compute, grade_of
from ..findings import Cause, Finding
from ..layout import AGREEMENT, EVALUATION
from ..load.county import County, Entry
from ..models import Agreement, CountyConfig, Evaluation
from ..policy import agreed_funding, catalog_in_force, catalog_items, items_in_force
from ..ruletable import finding
from ..supplements import amended
from .base import at, check
from .causes import Causes

ONE, HUNDRED, TOLERANCE = Decimal(1), Decimal(100), Decimal("0.01")


@check
def county_settings(county: County) -> Iterator[Finding]:
    """ZS603/ZS605 on zsht.yaml: weights add up to 1, criteria to 100, every grade has a settlement rate."""
    config = county.config
    if config is None:
        return
    settings = config.evaluation
    weights = sum(settings.panel_weights.values(), Decimal(0))
    if weights != ONE:
        yield finding("ZS603", "zsht.yaml", f"评估主体权重合计 {weights}，应为 1", path=("evaluation", "panel_weights"))
    full = sum((c.max for c in settings.government_criteria), Decimal(0))
    if full != HUNDRED:
        yield finding("ZS603", "zsht.yaml", f"政府履职评估指标满分合计 {full}，应为 100",
                      path=("evaluation", "government_criteria"))
    for grade in settings.grades:
        if grade.grade not in settings.settlement:
            yield finding("ZS605", "zsht.yaml", f"等次“{grade.grade}”没有兑现比例",
                          path=("evaluation", "settlement"), hint=f"在 settlement 中加上 {grade.grade}: 1.0")


@check
def evaluations(county: County) -> Iterator[Finding]:
    """ZS209, ZS601–ZS608 on every evaluation; ZS614 on a draft that is not finished yet."""
    agreements = county.index(AGREEMENT)
    criteria = {c.id for c in county.config.evaluation.government_criteria} if county.config else set()
    causes = Causes(county)
    for entry in county.entries(EVALUATION):
        evaluation = entry.record
        target = agreements.get(evaluation.agreement)
        if target is None or target.record.community != evaluation.community or target.record.year != evaluation.year:
            if evaluation.agreement not in county.known(AGREEMENT) or target is not None:
                yield at(entry, "ZS209", f"协议 {evaluation.agreement} 不存在，或不是 {evaluation.community} "
                         f"{evaluation.year} 年的协议", "agreement")
            target = None
        yield from _directions(entry, criteria)
        yield from _panel(entry, county.config)
        yield from _complete(entry, target.record if target is not None else None)
        if target is not None:
            agreed = amended(county, target, as_of=evaluation.date).agreement  # with the 补充协议 signed by then
            yield from _items_match(entry, agreed)
            if county.config is not None:
                yield from _result(entry, county, agreed, county.config, causes)


def _directions(entry: Entry[Evaluation], criteria: set[str]) -> Iterator[Finding]:
    evaluation = entry.record
    for position, row in enumerate(evaluation.performance):
        for member, score in row.scores.items():
            if not 0 <= score <= row.max:
                yield at(entry, "ZS602", f"{row.item} 的 {member} 打分 {score} 超出 0–{row.max}",
                         "performance", position, "scores", member)
    for position, gov in enumerate(evaluation.government):
        if not 0 <= gov.score <= gov.max:
            yield at(entry, "ZS602", f"{gov.criterion} 得分 {gov.score} 超出 0–{gov.max}", "government", position, "score")
        if criteria and gov.criterion not in criteria:
            yield at(entry, "ZS208", f"履职评估指标 {gov.criterion} 不在 zsht.yaml 中", "government", position,
                     "criterion")
    for name, rows in (("performance", evaluation.performance), ("government", evaluation.government)):
        full = sum((row.max for row in rows), Decimal(0))
        if full > HUNDRED:  # a total short of 100 may be a draft's unfinished work (`_complete`); one over never is
            yield at(entry, "ZS603", f"{name} 各项满分合计 {full}，应为 100", name)


def _unfinished(evaluation: Evaluation, agreement: Agreement | None) -> Iterator[tuple[str, str, tuple[str | int, ...],
                                                                                      str | None]]:
    """What a half-done evaluation still lacks, as (rule, message, path, hint): missing directions, items
    (ZS606), maxima short of 100 (ZS603), rows nobody scored (ZS607)."""
    if not evaluation.performance:
        yield "ZS601", "缺少履约评估（performance：评村（居）委会）", (), "逐项填写协议事项的打分"
    if not evaluation.government:
        yield "ZS601", "缺少履职评估（government：村（居）委会评政府）", (), "填写各项政府履职指标的评分"
    for name, rows in (("performance", evaluation.performance), ("government", evaluation.government)):
        full = sum((row.max for row in rows), Decimal(0))
        if rows and full < HUNDRED:
            yield "ZS603", f"{name} 各项满分合计 {full}，应为 100", (name,), None
    for position, row in enumerate(evaluation.performance):
        if not row.scores:
            yield "ZS607", f"{row.item} 没有任何打分", ("performance", position), None
    if agreement is not None:
        scored = {row.item for row in evaluation.performance}
        missing = [item.id for item in agreement.items if item.id not in scored]
        if missing:
            yield "ZS606", f"协议事项未评估：{'、'.join(missing)}", ("performance",), None


def _complete(entry: Entry[Evaluation], agreement: Agreement | None) -> Iterator[Finding]:
    """A 草稿 may be half done (one ZS614 note lists what it lacks); from 已评定 on, each gap is an error."""
    unfinished = list(_unfinished(entry.record, agreement))
    if entry.record.status != "草稿":
        for rule, message, path, hint in unfinished:
            yield at(entry, rule, message, *path, hint=hint)
    elif unfinished:
        yield at(entry, "ZS614", "评估草稿尚未完成：" + "；".join(message for _, message, _, _ in unfinished), "status",
                 hint="补齐后再用 zsht evaluation finalize 评定")


def _panel(entry: Entry[Evaluation], config: CountyConfig | None) -> Iterator[Finding]:
    evaluation = entry.record
    members = {member.id for member in evaluation.panel}
    needed = config.evaluation.min_panel_categories if config else 3
    categories = {member.category for member in evaluation.panel}
    if len(categories) < needed:
        yield at(entry, "ZS604", f"评估主体只有 {len(categories)} 类（{'、'.join(sorted(categories)) or '无'}），"
                 f"至少需要 {needed} 类", "panel", hint="吸收部门、社会组织、群众代表、专家学者等参加评估")
    for position, row in enumerate(evaluation.performance):
        strangers = [m for m in row.scores if m not in members]
        for member in strangers:
            yield at(entry, "ZS607", f"{row.item} 的打分人 {member} 不在评估主体（panel）中",
                     "performance", position, "scores", member)


def _items_match(entry: Entry[Evaluation], agreement: Agreement) -> Iterator[Finding]:
    agreed = [item.id for item in agreement.items]
    scored = [row.item for row in entry.record.performance]
    extra = [i for i in scored if i not in agreed]  # items not scored yet: `_complete`
    for item in extra:
        yield at(entry, "ZS606", f"{item} 不是协议 {agreement.id} 的事项", "performance", scored.index(item), "item")


def _result(entry: Entry[Evaluation], county: County, agreement: Agreement, config: CountyConfig,
            causes: Causes) -> Iterator[Finding]:
    evaluation = entry.record
    stored = evaluation.result
    if stored is None:
        if evaluation.status != "草稿":
            yield at(entry, "ZS608", f"状态为“{evaluation.status}”，但没有评估结果（result）", "status",
                     hint="已评定的评估由 zsht evaluation finalize 算出并写入结果；手工改的状态须改回草稿再评定")
        return
    computed = compute(evaluation, config, agreed_funding(agreement, items_in_force(county, agreement.year)))
    expected_grade = grade_of(stored.performance, config)
    if stored.grade != expected_grade:
        yield at(entry, "ZS605", f"履约得分 {stored.performance} 对应等次“{expected_grade}”，记录为“{stored.grade}”",
                 "result", "grade")
    for field, label in (("performance", "履约得分"), ("government", "履职得分"), ("settlement", "兑现经费")):
        value, expected = getattr(stored, field), getattr(computed, field)
        if abs(value - expected) > TOLERANCE:
            yield at(entry, "ZS608", f"{label}记录为 {value}，按打分计算应为 {expected}", "result",
                     field).because_of(_funding_cause(county, agreement, causes) if field == "settlement" else None)


def _funding_cause(county: County, agreement: Agreement, causes: Causes) -> Cause | None:
    """The broken catalog (or catalog item) an agreement without a stated total takes its funding from: the
    settlement computed from it only echoes that."""
    if agreement.funding_total is not None:
        return None
    catalog = catalog_in_force(county, agreement.year)
    if catalog is None:
        return causes.catalog(agreement.year, None)
    return causes.catalog(agreement.year, catalog.record.year) or causes.unfunded(
        catalog.file, agreement, catalog_items(catalog.record))


@check
def evaluated_every_agreement(county: County) -> Iterator[Finding]:
    """ZS610: in a year that has evaluations, every signed agreement has one (an evaluation that is there
    but did not load is the cause, not a missing one)."""
    causes = Causes(county)
    evaluated = {(e.record.community, e.record.year) for e in county.entries(EVALUATION)}
    years = {year for _, year in evaluated}
    for entry in county.entries(AGREEMENT):
        record = entry.record
        if record.year in years and record.status == "已签订" and (record.community, record.year) not in evaluated:
            yield at(entry, "ZS610", f"{record.community} {record.year} 年的协议已签订，尚无评估记录",
                     hint=f"在 evaluations/{record.year}/{record.township}/ 下补上评估").because_of(
                causes.evaluation(record.year, record.township, record.community))
