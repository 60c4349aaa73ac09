"""A year's results as a terminal table, JSON or a workbook."""

from __future__ import annotations

import io
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from ..write import write_atomic
from .year import CommunityResult, YearResults

_COLUMNS = ("乡镇（街道）", "排名", "村（居）委会", "履约得分", "履职得分", "等次", "协议经费（元）", "兑现经费（元）")


def _cells(row: CommunityResult) -> tuple[Any, ...]:
    c = row.computed
    return (row.township_name, row.rank, row.community_name, c.performance, c.government, c.grade, row.agreed,
            c.settlement)


def _table(title: str, rows: list[CommunityResult], draft: bool = False) -> Table:
    table = Table(title=title)
    for column in _COLUMNS:
        table.add_column(column, justify="right" if column[0] in "排履协兑" else "left")
    for row in rows:
        cells = [f"{c:,.2f}" if isinstance(c, Decimal) and c >= 1000 else str(c) for c in _cells(row)]
        if draft:
            cells[1] = "草稿"  # a draft has no rank
        table.add_row(*cells)
    return table


def results_text(results: YearResults, *, color: bool = False, width: int = 140) -> str:
    """Rich tables: communities ranked per township, then funding per department."""
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=color, no_color=not color, width=width)
    console.print(_table(f"{results.year} 年履职履约双向评估结果", results.rows))
    if results.drafts:  # never mixed with the results: a draft's figures are neither final nor settled
        console.print(_table(f"草稿：尚未评定的评估（{len(results.drafts)} 个，不计入评估和兑现经费）", results.drafts,
                             draft=True))
    departments = Table(title="各部门委托经费")
    for column in ("部门", "协议经费（元）", "兑现经费（元）"):
        departments.add_column(column, justify="left" if column == "部门" else "right")
    for department, (agreed, settled) in results.departments().items():
        departments.add_row(results.department_names.get(department, department), f"{agreed:,.2f}", f"{settled:,.2f}")
    console.print(departments)
    stale = sum(1 for row in results.rows if not row.stored_matches)
    console.print(f"评估 {len(results.rows)} 个（已评定、已公示）；记录中的结果与计算不一致 {stale} 个"
                  + ("（用 --write 写入）" if stale else "")
                  + (f"；草稿 {len(results.drafts)} 个，未计入（用 zsht evaluation finalize 评定）"
                     if results.drafts else "")
                  + (f"；已签协议未评估 {len(results.not_evaluated)} 个：{'、'.join(results.not_evaluated)}"
                     if results.not_evaluated else "")
                  + (f"；评估记录有错误而未计算 {len(results.invalid)} 个：{'、'.join(results.invalid)}"
                     "（先运行 zsht validate 改正）" if results.invalid else "")
                  + (f"；得分或兑现经费超出可记录的数额而未计算 {len(results.uncomputable)} 个："
                     f"{'、'.join(results.uncomputable)}（检查分数和 zsht.yaml 的兑现比例）" if results.uncomputable else ""))
    return buffer.getvalue()


def _row_json(r: CommunityResult) -> dict[str, Any]:
    return {
        "township": r.township, "community": r.community, "rank": r.rank, "status": r.status,
        "performance": str(r.computed.performance), "government": str(r.computed.government),
        "grade": r.computed.grade, "agreed": str(r.agreed), "settlement": str(r.computed.settlement),
        "departments": {d: {"agreed": str(a), "settled": str(s)} for d, (a, s) in r.departments.items()},
        "stored_matches": r.stored_matches,
    }


def results_json(results: YearResults) -> str:
    """The results as JSON; amounts and scores as strings of exact decimals. Finalized evaluations are the
    communities; "drafts" lists the 草稿 apart, counted in no total.

    The list of communities is "communities"; "committees", the key published first, repeats it (deprecated:
    it will be dropped in a later version)."""
    rows = [_row_json(r) for r in results.rows]
    departments = {d: {"agreed": str(a), "settled": str(s)} for d, (a, s) in results.departments().items()}
    document = {"year": results.year, "communities": rows, "committees": rows, "departments": departments,
                "drafts": [_row_json(r) for r in results.drafts],
                "not_evaluated": results.not_evaluated, "invalid": results.invalid,
                "uncomputable": results.uncomputable}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def write_results_xlsx(results: YearResults, target: Path) -> None:
    """A workbook with the ranked results and the funding per department."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.worksheets[0])
    sheet = book.create_sheet("评估结果")
    sheet.append(_COLUMNS)
    for row in results.rows:
        sheet.append([float(c) if isinstance(c, Decimal) else c for c in _cells(row)])
    if results.drafts:
        drafts = book.create_sheet("草稿（未评定）")
        drafts.append(_COLUMNS)
        for row in results.drafts:
            drafts.append([float(c) if isinstance(c, Decimal) else c for c in _cells(row)])
    departments = book.create_sheet("部门经费")
    departments.append(("部门", "协议经费（元）", "兑现经费（元）"))
    for department, (agreed, settled) in results.departments().items():
        departments.append((results.department_names.get(department, department), float(agreed), float(settled)))
    buffer = io.BytesIO()
    book.save(buffer)
    write_atomic(target, buffer.getvalue())
