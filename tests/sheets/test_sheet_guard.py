"""What a filled workbook may not do to the records: rewrite one that does not load, drop a missing sheet's
values, clear or revert scores, change a locked maximum, or slip in a formula or a loose value."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from openpyxl import load_workbook

from .test_sheets import export, refused, row_of

XINHUA = "evaluations/2015/niushan/niushan-xinhua.yaml"


def survey_row(gov: Any, community: str) -> int:
    return row_of(gov, community, "满意度")


def as_draft(mini: Any) -> None:
    """新华社区's evaluation as a 草稿 without a result, so that the sheet may change its scores."""
    mini.edit(XINHUA, lambda d: (d.update(status="草稿"), d.pop("result")))


@pytest.mark.parametrize("broken", ["survey: [90", "survey: 九十"])
def test_a_record_that_does_not_load_is_never_rewritten(cli: Any, mini: Any, tmp_path: Path, broken: str) -> None:
    path = export(cli, mini.root, tmp_path / "s.xlsx")
    target = mini.root / XINHUA
    target.write_text(target.read_text(encoding="utf-8").replace("survey: 88", broken), encoding="utf-8")
    lines = refused(cli, mini.root, path)
    assert any(line.startswith(f"{XINHUA}: 评估记录读不出（") and "导入不会改写它" in line for line in lines), lines
    assert broken in target.read_text(encoding="utf-8")


@pytest.mark.parametrize(("sheet", "said"), [("牛山街道-履职", "牛山街道-履职: 工作簿缺少这张工作表（导出时有）"),
                                           ("_zsht", "_zsht: 工作簿中没有导出时的记录指纹")])
def test_a_deleted_worksheet_is_refused_by_name(cli: Any, mini: Any, tmp_path: Path, sheet: str, said: str) -> None:
    """A score worksheet, or the hidden fingerprints of the export: either missing, nothing is imported."""
    path = export(cli, mini.root, tmp_path / "s.xlsx")
    book = load_workbook(path)
    del book[sheet]
    book.save(path)
    lines = refused(cli, mini.root, path)
    assert any(line.startswith(said) for line in lines), lines


def test_emptied_cells_that_held_scores_are_refused_by_cell(cli: Any, mini: Any, tmp_path: Path) -> None:
    as_draft(mini)
    path = export(cli, mini.root, tmp_path / "s.xlsx")
    book = load_workbook(path)
    sheet, gov = book["牛山街道"], book["牛山街道-履职"]
    row, survey = row_of(sheet, "niushan-xinhua", "XZ-002"), survey_row(gov, "niushan-xinhua")
    sheet.cell(row, 7).value = None
    gov.cell(survey, 6).value = None
    book.save(path)
    lines = refused(cli, mini.root, path)
    assert f"牛山街道-履职!F{survey}: 分数被清空，评估记录中为 88（导入不删除已有分数；确要删除，请直接改 {XINHUA}）" in lines
    assert any(line.startswith(f"牛山街道!G{row}: 分数被清空，评估记录中为 ") for line in lines), lines


@pytest.mark.parametrize("status", ["草稿", "已公示"])
@pytest.mark.parametrize("formula", ["=1/0", "=A1"])
def test_a_formula_in_a_score_cell_is_refused_by_cell(cli: Any, mini: Any, tmp_path: Path, status: str,
                                                      formula: str) -> None:
    if status == "草稿":
        as_draft(mini)
    path = export(cli, mini.root, tmp_path / "s.xlsx")
    book = load_workbook(path)
    sheet = book["牛山街道"]
    row = row_of(sheet, "niushan-xinhua", "XZ-001")
    sheet.cell(row, 6).value = formula  # saved without a cached value, as a program writes it
    book.save(path)
    lines = refused(cli, mini.root, path)
    assert f"牛山街道!F{row}: 单元格是公式“{formula}”：公式不导入，请填数值" in lines
    assert len(lines) == 2, lines  # that line and the summary: no echo naming the file


@pytest.mark.parametrize(("value", "said"), [("好", "分数“好”不是数字"), (-3, "分数 -3 不能为负"),
                                             ("=1/0", "单元格是公式“=1/0”")])
def test_a_bad_government_score_is_refused_by_its_cell_only(cli: Any, mini: Any, tmp_path: Path, value: Any,
                                                            said: str) -> None:
    """As for the satisfaction survey on the same sheet: the cell's line and the summary, no second line."""
    path = export(cli, mini.root, tmp_path / "s.xlsx")
    book = load_workbook(path)
    gov = book["牛山街道-履职"]
    row = row_of(gov, "niushan-xinhua", "ZF-01")
    gov.cell(row, 6).value = value
    book.save(path)
    lines = refused(cli, mini.root, path)
    assert lines[0].startswith(f"牛山街道-履职!F{row}: {said}") and len(lines) == 2, lines


def test_a_changed_locked_maximum_is_refused_by_cell(cli: Any, mini: Any, tmp_path: Path) -> None:
    path = export(cli, mini.root, tmp_path / "s.xlsx")  # the evaluations are 已公示
    book = load_workbook(path)
    sheet, gov = book["牛山街道"], book["牛山街道-履职"]
    row = row_of(sheet, "niushan-xinhua", "XZ-001")
    sheet.cell(row, 5).value = 60
    sheet.cell(row, 6).value = 55
    gov_row = row_of(gov, "niushan-xinhua", "ZF-01")
    gov.cell(gov_row, 5).value = 70
    book.save(path)
    lines = refused(cli, mini.root, path)
    assert f"牛山街道!E{row}: 满分 60 与评估记录的 50 不同（满分是锁定的表头，不在表中改）" in lines
    assert f"牛山街道-履职!E{gov_row}: 满分 70 与评估记录的 60 不同（满分是锁定的表头，不在表中改）" in lines


def test_a_sheet_exported_before_the_records_changed_is_refused(cli: Any, mini: Any, tmp_path: Path) -> None:
    as_draft(mini)
    first, second = export(cli, mini.root, tmp_path / "a.xlsx"), export(cli, mini.root, tmp_path / "b.xlsx")
    book = load_workbook(first)
    row = row_of(book["牛山街道"], "niushan-xinhua", "XZ-001")
    book["牛山街道"].cell(row, 6).value = 12
    book.save(first)
    assert cli("-C", mini.root, "sheet", "import", first).exit_code == 0
    lines = refused(cli, mini.root, second)  # untouched, but its 45 would put back what A changed
    assert f"牛山街道: {XINHUA} 记录在导出此表之后已被修改，请重新导出（否则表中的旧分数会盖掉记录里的新分数）" in lines
    record = yaml.safe_load((mini.root / XINHUA).read_text(encoding="utf-8"))
    assert record["performance"][0]["scores"]["p1"] == 12


def _first_score_set(cli: Any, mini: Any, tmp_path: Path, value: Any) -> tuple[Path, int]:
    """A sheet of the draft evaluation with the first member's XZ-001 score set to `value`; the sheet and its row."""
    as_draft(mini)
    path = export(cli, mini.root, tmp_path / "s.xlsx")
    book = load_workbook(path)
    row = row_of(book["牛山街道"], "niushan-xinhua", "XZ-001")
    book["牛山街道"].cell(row, 6).value = value
    book.save(path)
    return path, row


@pytest.mark.parametrize(("value", "stored"), [("３", 3), ("3", 3), (" 12.5 ", 12.5), (7.25, 7.25), ("１２．５", 12.5)])
def test_accepted_score_values(cli: Any, mini: Any, tmp_path: Path, value: Any, stored: float) -> None:
    path, _ = _first_score_set(cli, mini, tmp_path, value)
    result = cli("-C", mini.root, "sheet", "import", path)
    assert result.exit_code == 0, result.output
    record = yaml.safe_load((mini.root / XINHUA).read_text(encoding="utf-8"))
    assert record["performance"][0]["scores"]["p1"] == stored


@pytest.mark.parametrize(("value", "message"), [
    ("1e0", "分数“1e0”不是数字（只收数字，最多两位小数，如 45 或 45.5）"),
    ("'3'", "分数“'3'”不是数字（只收数字，最多两位小数，如 45 或 45.5）"),
    ("4,5", "分数“4,5”不是数字（只收数字，最多两位小数，如 45 或 45.5）"),
    (True, "分数“True”不是数字（只收数字，最多两位小数，如 45 或 45.5）"),
    (3.123456789, "分数 3.123456789 超过两位小数（分数最多保留两位小数）"),
    ("3.125", "分数 3.125 超过两位小数（分数最多保留两位小数）"),
    (1e300, "分数 1e+300 超过满分 50"),
    ("-3", "分数 -3 不能为负"),
])
def test_loose_score_values_are_refused_by_cell(cli: Any, mini: Any, tmp_path: Path, value: Any, message: str) -> None:
    path, row = _first_score_set(cli, mini, tmp_path, value)
    assert f"牛山街道!F{row}: {message}" in refused(cli, mini.root, path)


@pytest.mark.parametrize("year", [2015.5, 10**300, "２０１５年"])
def test_the_year_is_a_whole_year(cli: Any, mini: Any, tmp_path: Path, year: Any) -> None:
    path = export(cli, mini.root, tmp_path / "s.xlsx")
    book = load_workbook(path)
    book["牛山街道"]["B1"] = year
    book.save(path)
    lines = refused(cli, mini.root, path)
    assert any(line.startswith("牛山街道!B1: 年度") for line in lines), lines


def test_a_changed_locked_panel_header_is_refused_by_cell(cli: Any, mini: Any, tmp_path: Path) -> None:
    path = export(cli, mini.root, tmp_path / "s.xlsx")
    book = load_workbook(path)
    sheet = book["牛山街道"]
    row = row_of(sheet, "niushan-xinhua", "XZ-001")
    sheet.cell(row - 2, 6).value = "王二"
    sheet.cell(row - 3, 7).value = "专家学者"
    book.save(path)
    lines = refused(cli, mini.root, path)
    why = "（已评估的评估主体是锁定的表头，不在表中改）"
    assert f"牛山街道!F{row - 2}: 评估主体表头被改动：应为“王建国”{why}" in lines
    assert f"牛山街道!G{row - 3}: 评估主体表头被改动：应为“政府部门”{why}" in lines
