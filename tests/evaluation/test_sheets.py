"""Score sheets (zsht.evaluation): export, fill with openpyxl, import; problems reported by cell, nothing written.

The tests call the library: the `zsht sheet` command wiring lives in cli/sheets.py, which another change owns.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import yaml
from openpyxl import load_workbook

from zsht import load_county
from zsht.evaluation import export_sheets, import_sheets
from zsht.evaluation.sheet_import import SheetRejected
from zsht.validate import check_county

from ..mini_county import MiniCounty

XINHUA = "evaluations/2015/niushan/niushan-xinhua.yaml"


def _findings(root: Path) -> list[str]:
    return [f"{f.rule} {f.file}: {f.message}" for f in check_county(load_county(root))]


def _snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*.yaml"))}


def _export(mini: MiniCounty, target: Path, township: str | None = None) -> None:
    export_sheets(mini.root, 2015, township, target)


class _Outcome:
    """What the import gave: exit code as the command would, and the problem lines."""

    def __init__(self, root: Path, workbook: Path) -> None:
        try:
            import_sheets(root, workbook)
            self.exit_code, self.output = 0, ""
        except SheetRejected as exc:
            self.exit_code, self.output = exc.exit_code, "\n".join(exc.problems)


def _import(root: Path, workbook: Path) -> _Outcome:
    return _Outcome(root, workbook)


def _row_of(sheet, value: str, column: int = 1) -> int:
    return next(c.row for c in sheet.iter_rows(min_col=column, max_col=column) for c in c if c.value == value)


def test_untouched_round_trip_changes_no_byte(mini: MiniCounty, tmp_path: Path) -> None:
    before = _snapshot(mini.root)
    _export(mini, tmp_path / "scores.xlsx")
    result = _import(mini.root, tmp_path / "scores.xlsx")
    assert result.exit_code == 0, result.output
    assert _snapshot(mini.root) == before


def test_layout_locks_headers_and_validates_scores(mini: MiniCounty, tmp_path: Path) -> None:
    _export(mini, tmp_path / "scores.xlsx", "niushan")
    book = load_workbook(tmp_path / "scores.xlsx")
    assert book.sheetnames == ["牛山街道", "牛山街道·履职"]
    sheet = book["牛山街道"]
    assert sheet.protection.sheet
    row = _row_of(sheet, "niushan-xinhua")
    assert [sheet.cell(row + 1, c).value for c in range(1, 7)] == ["事项编号", "事项名称", "满分", "p1", "p2", "p3"]
    assert sheet.cell(row + 1, 1).protection.locked
    score = sheet.cell(row + 5, 4)
    assert (score.value, score.protection.locked) == (45, False)
    rules = [dv for dv in sheet.data_validations.dataValidation if dv.type == "decimal" and dv.formula2 == "50"]
    assert rules and score.coordinate in rules[0].sqref


def test_filled_sheet_gives_the_same_records(mini: MiniCounty, tmp_path: Path) -> None:
    """Scores typed into a fresh sheet (no evaluation on record) come back as the records they were."""
    _export(mini, tmp_path / "scores.xlsx", "niushan")
    original = yaml.safe_load((mini.root / XINHUA).read_text(encoding="utf-8"))
    mini.remove(XINHUA)
    blank = tmp_path / "blank.xlsx"
    _export(mini, blank, "niushan")
    book = load_workbook(blank)
    sheet, government = book["牛山街道"], book["牛山街道·履职"]
    row = _row_of(sheet, "niushan-xinhua")
    sheet.cell(row, 4).value = original["date"]
    sheet.cell(row, 6).value = original["survey"]
    for index, member in enumerate(original["panel"]):
        for offset, key in ((1, "id"), (2, "name"), (3, "category")):
            sheet.cell(row + offset, 4 + index).value = member[key]
    for line, item in enumerate(original["performance"]):
        assert sheet.cell(row + 5 + line, 1).value == item["item"]
        for index, member in enumerate(original["panel"]):
            sheet.cell(row + 5 + line, 4 + index).value = item["scores"][member["id"]]
    for line in range(2, government.max_row + 1):
        if government.cell(line, 1).value == "niushan-xinhua":
            wanted = next(g for g in original["government"] if g["criterion"] == government.cell(line, 3).value)
            government.cell(line, 7).value = wanted["score"]
    book.save(blank)
    result = _import(mini.root, blank)
    assert result.exit_code == 0, result.output
    text = (mini.root / XINHUA).read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    again = yaml.safe_load(text)
    original["status"] = "草稿"  # a record made from a sheet starts as a draft
    assert again == original
    assert _findings(mini.root) == []


def _broken(mini: MiniCounty, tmp_path: Path, change) -> tuple[object, dict[str, bytes]]:
    target = tmp_path / "scores.xlsx"
    _export(mini, target)
    book = load_workbook(target)
    change(book)
    book.save(target)
    before = _snapshot(mini.root)
    return _import(mini.root, target), before


def test_out_of_range_score_is_refused_by_cell(mini: MiniCounty, tmp_path: Path) -> None:
    def change(book):
        sheet = book["牛山街道"]
        row = _row_of(sheet, "niushan-xinhua") + 5
        sheet.cell(row, 5).value = 55  # E: p2's score of XZ-001, out of 50
        book["牛山街道·履职"]["G2"] = "很好"

    result, before = _broken(mini, tmp_path, change)
    assert result.exit_code == 2
    row = _row_of(load_workbook(tmp_path / "scores.xlsx")["牛山街道"], "niushan-xinhua") + 5
    assert f"牛山街道!E{row}: 分数 55 超过满分 50" in result.output
    assert "牛山街道·履职!G2: 分数“很好”不是数字" in result.output
    assert _snapshot(mini.root) == before


def test_unknown_committee_is_refused(mini: MiniCounty, tmp_path: Path) -> None:
    def change(book):
        sheet = book["牛山街道"]
        sheet.cell(_row_of(sheet, "niushan-xinhua"), 1).value = "niushan-nowhere"

    result, before = _broken(mini, tmp_path, change)
    assert result.exit_code == 2
    assert "未知的村（居）委会“niushan-nowhere”" in result.output and "牛山街道!A" in result.output
    assert _snapshot(mini.root) == before


def test_changed_header_is_refused(mini: MiniCounty, tmp_path: Path) -> None:
    def change(book):
        sheet = book["白塔埠镇"]
        sheet.cell(_row_of(sheet, "baitabu-dongwang") + 1, 3).value = "分值"
        book["白塔埠镇·履职"]["F1"] = "最高分"

    result, before = _broken(mini, tmp_path, change)
    assert result.exit_code == 2
    row = _row_of(load_workbook(tmp_path / "scores.xlsx")["白塔埠镇"], "baitabu-dongwang") + 1
    assert f"白塔埠镇!C{row}: 表头被改动：应为“满分”" in result.output
    assert "白塔埠镇·履职!F1: 表头被改动：应为“满分”" in result.output
    assert _snapshot(mini.root) == before


def test_changed_score_rewrites_only_that_record_and_its_result(mini: MiniCounty, tmp_path: Path) -> None:
    target = tmp_path / "scores.xlsx"
    _export(mini, target)
    (mini.root / XINHUA).write_text("# 新华社区的评估\n" + (mini.root / XINHUA).read_text(encoding="utf-8"),
                                    encoding="utf-8")
    before = _snapshot(mini.root)
    book = load_workbook(target)
    sheet = book["牛山街道"]
    sheet.cell(_row_of(sheet, "niushan-xinhua") + 5, 4).value = 50  # p1 gives XZ-001 full marks
    book.save(target)
    assert _import(mini.root, target).exit_code == 0
    after = _snapshot(mini.root)
    assert [f for f in after if after[f] != before[f]] == [XINHUA]
    text = after[XINHUA].decode("utf-8")
    assert text.startswith("# 新华社区的评估\n")
    record = load_county(mini.root).index("evaluation")["PG-2015-niushan-xinhua"].record
    assert record.performance[0].scores["p1"] == Decimal(50)
    # By hand: weights 党政机关 0.3 (p1), 政府部门 0.2 (p2), 群众代表 0.2 (p3), among those who scored (0.7).
    # XZ-001: (0.3×50 + 0.2×40 + 0.2×50) / 0.7 = 33 / 0.7 = 47.142857…; XZ-002: (13.5 + 8 + 10) / 0.7 = 45.
    # 履约 = 92.142857… × 0.8 + survey 88 × 0.2 = 91.31 → 优秀 (≥ 90); 履职 = 55 + 36 = 91.
    # Settlement: agreed 2000 + 1500 = 3500 元 × 1.1 (优秀) = 3850 元.
    assert record.result is not None
    assert (record.result.performance, record.result.government) == (Decimal("91.31"), Decimal(91))
    assert (record.result.grade, record.result.settlement) == ("优秀", Decimal(3850))
    assert _findings(mini.root) == []  # the stored result was recomputed
