"""What each evaluation record held when a score sheet was exported, kept in the workbook to be checked on import.

A sheet is filled from the records as they were at export. Imported later, after the records have changed (another
workbook imported, a file edited), its prefilled cells would put the old values back without anyone noticing. So the
export writes, on a hidden worksheet, one fingerprint per committee: a hash of the values the records prefilled
(panel, items with maxima and scores, 履职 rows, survey), or ``-`` for a committee without an evaluation. The import
recomputes it from the records of the day and refuses a committee whose fingerprint differs.
"""

from __future__ import annotations

import hashlib
import json
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from ..models import Evaluation
from .layout import FINGERPRINT_SHEET

NO_EVALUATION = "-"
_HEADER = ("村（居）委会编号", "导出时评估记录的指纹（zsht 用来发现导出后记录的改动，请勿改动）")


def _canonical(value: Any) -> Any:
    """Numbers as the same text however the file wrote them (45, 45.0 and 45.00 are one score)."""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value.is_finite() else str(value)
    if isinstance(value, dict):
        return {str(k): _canonical(v) for k, v in sorted(value.items())}
    if isinstance(value, list | tuple):
        return [_canonical(v) for v in value]
    return value


def fingerprint(evaluation: Evaluation | None) -> str:
    """The fingerprint of the values a score sheet prefills from `evaluation` (``-`` when there is none)."""
    if evaluation is None:
        return NO_EVALUATION
    values = evaluation.model_dump(include={"panel", "performance", "government", "survey"},
                                   exclude={"panel": {"__all__": {"org"}},
                                            "government": {"__all__": {"department", "remark"}}})
    text = json.dumps(_canonical(values), ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def write_fingerprints(book: Workbook, fingerprints: dict[str, str]) -> None:
    """Add the hidden worksheet holding each committee's fingerprint (community id → fingerprint)."""
    sheet = book.create_sheet(FINGERPRINT_SHEET)
    sheet.append(_HEADER)
    for community, value in sorted(fingerprints.items()):
        sheet.append((community, value))
    sheet.sheet_state = "veryHidden"  # not listed by Excel's 取消隐藏: only a program can show it
    sheet.protection.sheet = True


def read_fingerprints(sheet: Worksheet) -> dict[str, str]:
    """The fingerprints a workbook's hidden worksheet holds (community id → fingerprint)."""
    found: dict[str, str] = {}
    for community, value, *_ in sheet.iter_rows(min_row=2, max_col=2, values_only=True):
        if isinstance(community, str) and isinstance(value, str):
            found[community] = value
    return found
