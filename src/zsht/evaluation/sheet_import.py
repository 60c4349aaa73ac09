"""`zsht sheet import`: a filled score sheet becomes evaluation records, all or nothing."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from pydantic import ValidationError

from ..errors import UserError
from ..load.county import County, load_county
from ..models import Agreement, Evaluation
from ..models.evaluation import Result
from ..policy import agreement_total, catalog_in_force, catalog_items
from ..scoring import compute
from .records_io import new_record, update_record
from .sheet_layout import GOV_SUFFIX, Committee, committees
from .sheet_read import Block, Problems, read_blocks, read_government, read_meta


class SheetRejected(UserError):
    """The sheet has problems; `problems` lists each with its cell."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(f"评分表有 {len(problems)} 处问题，未写入任何记录：\n" + "\n".join(problems))
        self.problems = problems


@dataclass
class ImportOutcome:
    """What an import did: files written (new or changed) and evaluations left as they were."""

    created: list[str]
    changed: list[str]
    unchanged: int


def import_sheets(root: Path, workbook: Path) -> ImportOutcome:
    """Read every sheet of `workbook`, check all of it, then write the evaluation records that change."""
    county = load_county(root)
    if county.config is None:
        raise UserError("zsht.yaml 有错误，无法导入评分表", hint="先运行 zsht validate")
    try:
        book = load_workbook(workbook, data_only=True)
    except (OSError, ValueError, KeyError) as exc:
        raise UserError(f"无法读取评分表 {workbook}：{exc}") from exc
    problems = Problems()
    planned: list[tuple[str, Evaluation, bool]] = []
    for sheet in book.worksheets:
        if sheet.title.endswith(GOV_SUFFIX):
            continue
        year, township = read_meta(sheet, problems)
        if year is None:
            continue
        known = {c.id: c for c in committees(county, year, township)}
        if not known and township not in county.index("township"):
            problems.add(sheet, 4, 2, f"乡镇（街道）编号“{township}”不在名录中")
            continue
        gov_title = sheet.title[:31 - len(GOV_SUFFIX)] + GOV_SUFFIX
        government = read_government(book[gov_title], problems) if gov_title in book.sheetnames else {}
        if gov_title not in book.sheetnames:
            problems.lines.append(f"{gov_title}: 缺少履职评分工作表")
        for block in read_blocks(sheet, problems):
            committee = known.get(block.community)
            if committee is None:
                problems.add(sheet, 1, block.cell[1], f"未知的村（居）委会“{block.community}”"
                             f"（{township} {year} 年没有与它签订的协议）")
                continue
            record = _record(county, year, township, committee, block, government.get(block.community, []),
                             problems, sheet.title)
            if record is not None:
                planned.append(record)
    if problems.lines:
        raise SheetRejected(problems.lines)
    return _write(root, planned)


def _record(county: County, year: int, township: str, committee: Committee, block: Block,
            government: list[dict[str, Any]], problems: Problems, title: str) -> tuple[str, Evaluation, bool] | None:
    """The evaluation a block describes, or None when the block is empty and nothing was recorded before."""
    existing = committee.evaluation
    agreed = {item.id for item in committee.agreement.items}
    for item, _, _, _, row in block.rows:
        if item not in agreed:
            problems.lines.append(f"{title}!A{row}: 事项 {item} 不在 {committee.id} 的协议中")
    scored = any(row[3] for row in block.rows) or any(g["score"] is not None for g in government)
    if existing is None and not scored and block.survey is None:
        return None
    if block.date is None:
        problems.lines.append(f"{title}!D{block.cell[1]}: {committee.id} 已有分数，评估日期未填")
        return None
    data: dict[str, Any] = existing.record.model_dump() if existing else {
        "id": f"PG-{year}-{committee.id}", "year": year, "township": township, "community": committee.id,
        "agreement": committee.agreement.id, "status": "草稿"}
    before = existing.record if existing else None
    data.update(date=block.date, panel=block.panel, survey=_snap(block.survey, before.survey if before else None),
                performance=_performance(block, before),
                government=_government(government, before), result=None)
    try:
        evaluation = Evaluation.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        problems.lines.append(f"{title}!A{block.cell[1]}: {committee.id} 的评估记录不成立："
                              f"{'.'.join(map(str, first['loc']))} {first['msg']}")
        return None
    if _complete(evaluation, government) and county.config is not None:
        score = compute(evaluation, county.config, agreed_funding(county, committee.agreement))
        evaluation = evaluation.model_copy(update={"result": Result(
            performance=score.performance, government=score.government, grade=score.grade,
            settlement=score.settlement)})
    relpath = existing.file if existing else f"evaluations/{year}/{township}/{committee.id}.yaml"
    changed = existing is None or evaluation != existing.record
    return (relpath, evaluation, existing is None) if changed else ("", evaluation, False)


def agreed_funding(county: County, agreement: Agreement) -> Decimal:
    """The funding a settlement rate applies to: the agreement's total, else the sum of its items (as ZS608 does)."""
    if agreement.funding_total is not None:
        return agreement.funding_total
    catalog = catalog_in_force(county, agreement.year)
    return agreement_total(agreement, catalog_items(catalog.record) if catalog else {})


def _snap(value: Decimal | None, recorded: Decimal | None) -> Decimal | None:
    """The recorded number where the sheet holds it as exactly as a spreadsheet can (15 significant digits)."""
    if value is None or recorded is None:
        return value
    return recorded if Decimal(format(float(recorded), ".15g")) == value else value


def _performance(block: Block, before: Evaluation | None) -> list[dict[str, Any]]:
    recorded = {row.item: row for row in before.performance} if before else {}
    rows = []
    for item, _, maximum, scores, _ in block.rows:
        old = recorded.get(item)
        rows.append({"item": item, "max": _snap(maximum, old.max if old else None),
                     "scores": {m: _snap(v, old.scores.get(m) if old else None) for m, v in scores.items()}})
    return rows


def _government(rows: list[dict[str, Any]], before: Evaluation | None) -> list[dict[str, Any]]:
    """The scored 履职 rows, numbers snapped to the recorded ones as for 履约."""
    recorded = {(g.criterion, g.department): g for g in before.government} if before else {}
    found = []
    for row in rows:
        if row["score"] is None:
            continue
        old = recorded.get((row["criterion"], row["department"]))
        found.append({k: v for k, v in row.items() if k != "row" and v is not None}
                     | {"max": _snap(row["max"], old.max if old else None),
                        "score": _snap(row["score"], old.score if old else None)})
    return found


def _complete(evaluation: Evaluation, government: list[dict[str, Any]]) -> bool:
    """Every member scored every item, and every government criterion has its score."""
    members = {m.id for m in evaluation.panel}
    return (bool(members) and bool(evaluation.performance) and bool(government)
            and all(set(row.scores) == members for row in evaluation.performance)
            and all(g["score"] is not None for g in government))


def _write(root: Path, planned: list[tuple[str, Evaluation, bool]]) -> ImportOutcome:
    outcome = ImportOutcome([], [], 0)
    for relpath, evaluation, is_new in planned:
        if not relpath:
            outcome.unchanged += 1
        elif is_new:
            new_record(root, root / relpath, evaluation)
            outcome.created.append(relpath)
        else:
            update_record(root / relpath, evaluation)
            outcome.changed.append(relpath)
    return outcome
