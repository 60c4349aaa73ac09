"""zsht sheet export / import: round trip, filling by hand, and refusing a bad workbook whole."""

from __future__ import annotations

import os
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from openpyxl import load_workbook

from ..conftest import EXAMPLE, snapshot
from ..mini_county import draft_file


def row_of(sheet: Any, community: str, item: str) -> int:
    for row in range(1, sheet.max_row + 1):
        if sheet.cell(row, 2).value == community and sheet.cell(row, 3).value == item:
            return int(row)
    raise AssertionError(f"{community} {item} not in {sheet.title}")


def export(cli: Any, root: Path, target: Path, *extra: str) -> Path:
    result = cli("-C", root, "sheet", "export", "--year", "2015", "-o", target, *extra)
    assert result.exit_code == 0, result.output
    return target


def fill_qianjin(sheet: Any, gov: Any, score: int = 30) -> int:
    """Score the not-yet-evaluated 前进村 on both sheets; return its first item row."""
    first = row_of(sheet, "niushan-qianjin", "XZ-001")
    for row in range(first, first + 3):
        for column in (6, 7, 8):
            sheet.cell(row, column).value = score
    for row in range(4, gov.max_row + 1):
        if gov.cell(row, 2).value == "niushan-qianjin":
            gov.cell(row, 6).value = 80 if gov.cell(row, 3).value == "满意度" else gov.cell(row, 5).value
    return first


def refused(cli: Any, root: Path, path: Path) -> list[str]:
    """Import a workbook that must be refused: exit 1, nothing written; the problem lines."""
    before = snapshot(root)
    result = cli("-C", root, "sheet", "import", path)
    assert result.exit_code == 1
    assert "未写入任何文件" in result.stderr.splitlines()[-1]
    assert snapshot(root) == before
    return result.stderr.splitlines()


def test_untouched_export_changes_no_file_in_the_mini_county(cli: Any, mini: Any, tmp_path: Path) -> None:
    before = snapshot(mini.root)
    book = export(cli, mini.root, tmp_path / "s.xlsx")
    result = cli("-C", mini.root, "sheet", "import", book)
    assert result.exit_code == 0, result.output
    assert "已写入 0 个评估记录，3 个未变" in result.stdout
    assert snapshot(mini.root) == before


def test_untouched_export_changes_no_file_in_the_example_county(cli: Any, tmp_path: Path) -> None:
    root = tmp_path / "donghai"
    shutil.copytree(EXAMPLE, root)
    before = snapshot(root)
    book = export(cli, root, tmp_path / "s.xlsx")
    assert cli("-C", root, "sheet", "import", book, "--year", "2015").exit_code == 0
    assert snapshot(root) == before


def test_export_layout(cli: Any, mini: Any, tmp_path: Path) -> None:
    mini.draft("evaluations/2015/niushan/niushan-xinhua.yaml")  # still being scored: its cells are open
    book = load_workbook(export(cli, mini.root, tmp_path / "s.xlsx", "--township", "niushan"))
    assert book.sheetnames == ["牛山街道", "牛山街道-履职", "_zsht"]
    assert book["_zsht"].sheet_state == "veryHidden"  # the records' fingerprints, see zsht.sheets.fingerprint
    sheet = book["牛山街道"]
    assert sheet.protection.sheet
    row = row_of(sheet, "niushan-xinhua", "XZ-001")
    assert [sheet.cell(row - 3 + n, 6).value for n in range(3)] == ["党政机关", "王建国", "p1"]
    assert sheet.cell(row, 5).value == 50 and sheet.cell(row, 6).value == 45
    assert sheet.cell(row, 6).protection.locked is False and sheet.cell(row, 5).protection.locked
    assert any(f"F{row}" in dv.sqref and dv.formula2 == "50" for dv in sheet.data_validations.dataValidation)


def test_a_finalized_evaluation_is_locked_in_the_sheet(cli: Any, mini: Any, tmp_path: Path) -> None:
    """已公示 新华社区: its scores are grey and locked on both sheets (import would refuse a change); a draft's open."""
    mini.draft("evaluations/2015/niushan/niushan-qianjin.yaml")
    book = load_workbook(export(cli, mini.root, tmp_path / "s.xlsx", "--township", "niushan"))
    sheet, gov = book["牛山街道"], book["牛山街道-履职"]
    final, draft = row_of(sheet, "niushan-xinhua", "XZ-001"), row_of(sheet, "niushan-qianjin", "XZ-001")
    assert sheet.cell(final, 6).value == 45 and sheet.cell(final, 6).protection.locked
    assert sheet.cell(final, 6).fill.fgColor.rgb.endswith("DDDDDD")
    assert not any(f"F{final}" in dv.sqref for dv in sheet.data_validations.dataValidation)
    assert sheet.cell(draft, 6).protection.locked is False
    rows = {gov.cell(r, 2).value: r for r in range(4, gov.max_row + 1)}
    assert gov.cell(rows["niushan-xinhua"], 6).protection.locked
    assert gov.cell(rows["niushan-qianjin"], 6).protection.locked is False
    assert "已评定、已公示的评估（已锁定" in sheet.cell(2, 1).value


def test_filled_sheet_becomes_evaluation_records(cli: Any, mini: Any, tmp_path: Path) -> None:
    mini.remove("evaluations/2015/niushan/niushan-qianjin.yaml")
    mini.draft("evaluations/2015/niushan/niushan-xinhua.yaml")  # still being scored: a finalized one is frozen
    path = export(cli, mini.root, tmp_path / "s.xlsx")
    book = load_workbook(path)
    sheet, gov = book["牛山街道"], book["牛山街道-履职"]
    first = fill_qianjin(sheet, gov)  # with the panel borrowed from 新华社区
    assert [sheet.cell(row, 5).value for row in range(first, first + 3)] == [33.33, 33.33, 33.34]
    xinhua = row_of(sheet, "niushan-xinhua", "XZ-002")
    sheet.cell(xinhua, 6).value = 40
    book.save(path)
    result = cli("-C", mini.root, "sheet", "import", path)
    assert result.exit_code == 0, result.output
    assert "已写入 2 个评估记录" in result.stdout
    text = (mini.root / "evaluations/2015/niushan/niushan-qianjin.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../../schemas/evaluation.schema.json\n")
    record = yaml.safe_load(text)
    assert list(record)[-4:] == ["government", "survey", "result", "status"]
    assert [m["id"] for m in record["panel"]] == ["p1", "p2", "p3"]
    assert record["performance"][2] == {"item": "XZ-003", "max": 33.34, "scores": {"p1": 30, "p2": 30, "p3": 30}}
    assert record["government"][0] == {"criterion": "ZF-01", "max": 60, "score": 60}
    assert record["survey"] == 80 and record["status"] == "草稿"
    assert record["result"] == {"performance": 88, "government": 100, "grade": "良好", "settlement": 6500}
    changed = yaml.safe_load((mini.root / "evaluations/2015/niushan/niushan-xinhua.yaml").read_text(encoding="utf-8"))
    assert changed["performance"][1]["scores"]["p1"] == 40
    assert cli.findings(mini.root) == []


def test_an_empty_government_score_is_refused_by_cell(cli: Any, mini: Any, tmp_path: Path) -> None:
    mini.remove("evaluations/2015/niushan/niushan-qianjin.yaml")
    path = export(cli, mini.root, tmp_path / "s.xlsx")
    book = load_workbook(path)
    sheet, gov = book["牛山街道"], book["牛山街道-履职"]
    fill_qianjin(sheet, gov)
    row = next(r for r in range(4, gov.max_row + 1)
               if gov.cell(r, 2).value == "niushan-qianjin" and gov.cell(r, 3).value == "ZF-02")
    gov.cell(row, 6).value = None
    book.save(path)
    lines = refused(cli, mini.root, path)
    assert f"牛山街道-履职!F{row}: niushan-qianjin 的履职指标“ZF-02”未评分；履职各项填全后才能导入" in lines
    assert not any("Field required" in line for line in lines)


def test_a_record_that_would_break_a_rule_is_not_written(cli: Any, mini: Any, tmp_path: Path) -> None:
    mini.remove("evaluations/2015/niushan/niushan-qianjin.yaml")
    path = export(cli, mini.root, tmp_path / "s.xlsx")
    book = load_workbook(path)
    sheet, gov = book["牛山街道"], book["牛山街道-履职"]
    first = fill_qianjin(sheet, gov)
    for column in (6, 7, 8):  # the borrowed panel's header is open: make it one category only
        sheet.cell(first - 3, column).value = "党政机关"
    book.save(path)
    lines = refused(cli, mini.root, path)
    assert any(line.startswith("evaluations/2015/niushan/niushan-qianjin.yaml: ZS604 评估主体只有 1 类")
               and "写入后 zsht validate 会报此错" in line for line in lines), lines


def test_changed_score_keeps_comments_and_layout(cli: Any, tmp_path: Path) -> None:
    root = tmp_path / "donghai"
    shutil.copytree(EXAMPLE, root)
    target = root / "evaluations/2015/baitabu/baitabu-baita.yaml"
    draft_file(target)  # still being scored: a finalized one is frozen
    before = target.read_text(encoding="utf-8").splitlines()
    path = export(cli, root, tmp_path / "s.xlsx", "--township", "baitabu")
    book = load_workbook(path)
    sheet = book["白塔埠镇"]
    sheet.cell(row_of(sheet, "baitabu-baita", "XZ-001"), 6).value = 3
    book.save(path)
    assert cli("-C", root, "sheet", "import", path).exit_code == 0
    after = target.read_text(encoding="utf-8").splitlines()
    changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    assert changed[0] == ("      p1: 4", "      p1: 3")
    assert all(line.startswith(("  performance:", "  settlement:", "  grade:")) for _, line in changed[1:])


def test_bad_cells_are_listed_and_nothing_is_written(cli: Any, mini: Any, tmp_path: Path) -> None:
    path = export(cli, mini.root, tmp_path / "s.xlsx")
    book = load_workbook(path)
    sheet = book["牛山街道"]
    row = row_of(sheet, "niushan-xinhua", "XZ-001")
    sheet.cell(row, 6).value = 70
    sheet.cell(row + 1, 7).value = "好"
    sheet.cell(row_of(sheet, "niushan-qianjin", "XZ-002"), 2).value = "niushan-nowhere"
    sheet.cell(row - 1, 4).value = "名称"
    book["白塔埠镇"].cell(row_of(book["白塔埠镇"], "baitabu-dongwang", "XZ-003"), 6).value = 20
    book.save(path)
    lines = refused(cli, mini.root, path)
    assert f"牛山街道!F{row}: 分数 70 超过满分 50" in lines
    assert f"牛山街道!G{row + 1}: 分数“好”不是数字（只收数字，最多两位小数，如 45 或 45.5）" in lines
    assert any(line.startswith("牛山街道!B") and "niushan-nowhere" in line and "不在名录中" in line for line in lines)
    assert f"牛山街道!D{row - 1}: 表头被改动或缺失：应为“事项名称”" in lines


def test_a_file_that_is_not_a_workbook_is_one_line(cli: Any, mini: Any, tmp_path: Path) -> None:
    bogus = tmp_path / "scores.xlsx"
    bogus.write_text("不是工作簿", encoding="utf-8")
    result = cli("-C", mini.root, "sheet", "import", bogus)
    assert result.exit_code == 2
    assert result.stderr.startswith("zsht: 无法读取评分表") and len(result.stderr.strip().splitlines()) == 1


def test_an_unknown_item_and_a_foreign_sheet_are_refused(cli: Any, mini: Any, tmp_path: Path) -> None:
    path = export(cli, mini.root, tmp_path / "s.xlsx")
    book = load_workbook(path)
    sheet = book["牛山街道"]
    row = row_of(sheet, "niushan-xinhua", "XZ-002")
    sheet.cell(row, 3).value = "XZ-009"
    book.create_sheet("汇总")
    book.save(path)
    lines = refused(cli, mini.root, path)
    assert f"牛山街道!C{row}: 事项“XZ-009”不在该村（居）委会 2015 年的协议中" in lines
    assert "汇总!A1: 工作表名“汇总”不是名录中的乡镇（街道）" in lines


@pytest.mark.parametrize(("niushan", "baitabu"), [
    ("牛山街道: 试点/[一]*区?\\", "白" * 40),
    ("'" + "同" * 30 + "甲", "同" * 30 + "乙"),  # the same 28 characters once cut: told apart by “~2”
])
def test_township_names_excel_cannot_take_as_titles_still_map_back(cli: Any, mini: Any, tmp_path: Path,
                                                                    niushan: str, baitabu: str) -> None:
    names = {"niushan": niushan, "baitabu": baitabu}
    mini.draft("evaluations/2015/niushan/niushan-xinhua.yaml")  # still being scored: a finalized one is frozen
    mini.edit("registry/townships.yaml", lambda d: [t.update(name=names[t["id"]]) for t in d["townships"]])
    path = export(cli, mini.root, tmp_path / "s.xlsx")
    book = load_workbook(path)
    titles = [s.title for s in book.worksheets if s.sheet_state == "visible"]
    assert len(set(titles)) == 4 and all(len(t) <= 31 and not set(t) & set(":/\\?*[]") for t in titles), titles
    before = snapshot(mini.root)
    result = cli("-C", mini.root, "sheet", "import", path)
    assert result.exit_code == 0, result.output
    assert "已写入 0 个评估记录，3 个未变" in result.stdout and snapshot(mini.root) == before
    sheet = book.worksheets[0]
    sheet.cell(row_of(sheet, "niushan-xinhua", "XZ-001"), 6).value = 44
    book.save(path)
    assert cli("-C", mini.root, "sheet", "import", path).exit_code == 0
    record = yaml.safe_load((mini.root / "evaluations/2015/niushan/niushan-xinhua.yaml").read_text(encoding="utf-8"))
    assert record["performance"][0]["scores"]["p1"] == 44


def _damaged(source: Path, target: Path, part: str, content: bytes) -> Path:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for name in old.namelist():
            new.writestr(name, content if name == part else old.read(name))
    return target


@pytest.mark.parametrize("part", ["xl/workbook.xml", "xl/worksheets/sheet1.xml", "[Content_Types].xml",
                                  "xl/styles.xml"])
def test_a_valid_zip_holding_garbage_xml_is_one_line(cli: Any, mini: Any, tmp_path: Path, part: str) -> None:
    good = export(cli, mini.root, tmp_path / "good.xlsx")
    bad = _damaged(good, tmp_path / "bad.xlsx", part, b"<<\x00 not xml")
    result = cli("-C", mini.root, "sheet", "import", bad)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"zsht: 无法读取评分表 {bad}：不是完好的 .xlsx 工作簿")
    assert len(result.stderr.strip().splitlines()) == 1


def test_an_old_xls_file_is_one_line(cli: Any, mini: Any, tmp_path: Path) -> None:
    old = tmp_path / "scores.xls"
    old.write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + b"\x00" * 512)
    result = cli("-C", mini.root, "sheet", "import", old)
    assert result.exit_code == 2 and result.stderr.startswith("zsht: 无法读取评分表")
    assert len(result.stderr.strip().splitlines()) == 1


def test_an_evaluation_that_does_not_load_stops_the_export_in_one_line(cli: Any, mini: Any, tmp_path: Path) -> None:
    mini.edit("evaluations/2015/niushan/niushan-xinhua.yaml", lambda d: d["panel"][0].update(name="王\x01建国"))
    result = cli("-C", mini.root, "sheet", "export", "--year", "2015", "-o", tmp_path / "s.xlsx")
    assert result.exit_code == 2, result.output
    # validate refuses the control character (ZS102), so the record does not load: export names it, writes nothing
    assert result.stderr.startswith("zsht: evaluations/2015/niushan/niushan-xinhua.yaml：")
    assert "控制字符" in result.stderr and "评分表无法预填它的分数" in result.stderr
    assert not (tmp_path / "s.xlsx").exists()


def test_a_name_that_looks_like_a_formula_is_exported_as_text(cli: Any, mini: Any, tmp_path: Path) -> None:
    mini.edit("evaluations/2015/niushan/niushan-xinhua.yaml", lambda d: d["panel"][0].update(name="=1+1"))
    path = export(cli, mini.root, tmp_path / "s.xlsx")
    sheet = load_workbook(path)["牛山街道"]
    cell = sheet.cell(row_of(sheet, "niushan-xinhua", "XZ-001") - 2, 6)
    assert (cell.value, cell.data_type) == ("=1+1", "s")
    result = cli("-C", mini.root, "sheet", "import", path)
    assert result.exit_code == 0 and "已写入 0 个评估记录，3 个未变" in result.stdout, result.output


def test_a_fifo_is_refused_not_waited_on(cli: Any, mini: Any, tmp_path: Path) -> None:
    fifo = tmp_path / "scores.xlsx"
    os.mkfifo(fifo)
    result = cli("-C", mini.root, "sheet", "import", fifo)
    assert result.exit_code == 2 and result.stderr.startswith(f"zsht: 无法读取评分表 {fifo}：不是普通文件")
