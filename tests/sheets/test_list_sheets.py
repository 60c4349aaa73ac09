"""`zsht sheet export catalog|registry` and `zsht sheet import` of such a workbook: edit lists in a spreadsheet."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from ..conftest import Cli, snapshot


@pytest.fixture
def county(donghai: Path) -> Path:
    return donghai


def _column(sheet: Worksheet, title: str) -> int:
    return next(cell.column for cell in sheet[1] if cell.value == title)


def _row(sheet: Worksheet, ident: str) -> int:
    column = _column(sheet, "编号")
    return next(row for row in range(2, sheet.max_row + 1) if sheet.cell(row, column).value == ident)


def _edit(path: Path, sheet_title: str, changes: list[tuple[str | int, str, Any]]) -> None:
    """Set cells by (record id or row number, column title, value), as a person does in Excel."""
    book = load_workbook(path)
    sheet = book[sheet_title]
    for where, title, value in changes:
        row = where if isinstance(where, int) else _row(sheet, where)
        sheet.cell(row, _column(sheet, title), value)
    book.save(path)


@pytest.mark.parametrize("what", [("catalog", "--kind", "assist", "--year", "2015"),
                                  ("catalog", "--kind", "duty", "--year", "2026"),
                                  ("catalog", "--kind", "negative", "--year", "2026"),
                                  ("catalog", "--kind", "certificate", "--year", "2026"),
                                  ("registry",)], ids=lambda w: "-".join(w))
def test_untouched_sheet_changes_no_byte(cli: Cli, county: Path, tmp_path: Path, what: tuple[str, ...]) -> None:
    book = tmp_path / "表.xlsx"
    exported = cli("-C", county, "sheet", "export", *what, "-o", book)
    assert exported.exit_code == 0, exported.output
    before = snapshot(county)
    result = cli("-C", county, "sheet", "import", book)
    assert result.exit_code == 0, result.output
    assert "改动 0 条、新增 0 条记录，写入 0 个文件" in result.stdout
    assert snapshot(county) == before


def test_export_has_headers_drop_downs_and_locks(cli: Cli, county: Path, tmp_path: Path) -> None:
    book = tmp_path / "协助事项.xlsx"
    assert cli("-C", county, "sheet", "export", "catalog", "--kind", "assist", "--year", "2015", "-o", book).exit_code == 0
    sheet = load_workbook(book)["事项"]
    assert [c.value for c in sheet[1]][:4] == ["编号", "事项名称", "主管部门", "法律依据1"]
    assert sheet.protection.sheet
    row = _row(sheet, "XZ-001")
    assert sheet.cell(row, 1).protection.locked and not sheet.cell(row, 2).protection.locked
    assert sheet.cell(row, _column(sheet, "经费金额（元）")).value == 2400
    assert sheet.cell(sheet.max_row, 1).protection.locked is False  # an open row for a new item
    formulas = {dv.formula1 for dv in sheet.data_validations.dataValidation}
    assert any(f.startswith("'编号表'!$A$2:$A$") for f in formulas)  # the departments
    assert any(f.startswith("'编号表'!$C$2:$C$") for f in formulas)  # the laws
    amount = sheet.cell(row, _column(sheet, "经费金额（元）")).coordinate
    assert any(dv.type == "decimal" and amount in dv.sqref for dv in sheet.data_validations.dataValidation)


def test_edited_registry_comes_back_keeping_comments_and_order(cli: Cli, county: Path, tmp_path: Path) -> None:
    book = tmp_path / "名录.xlsx"
    assert cli("-C", county, "sheet", "export", "registry", "-o", book).exit_code == 0
    baitabu = (county / "registry/communities/baitabu.yaml").read_text(encoding="utf-8")
    niushan = (county / "registry/communities/niushan.yaml").read_bytes()
    sheet = load_workbook(book)["村（居）委会"]
    free = sheet.max_row - 10  # among the open rows
    _edit(book, "村（居）委会", [("baitabu-budong", "主任", "王德山"), ("baitabu-budong", "户数", 440),
                             (free, "乡镇（街道）编号", "baitabu"), (free, "编号", "baitabu-xinjian"),
                             (free, "名称", "新建村村民委员会"), (free, "类别", "村"), (free, "区划代码", "320722100214")])
    _edit(book, "职能部门", [(40, "编号", "shuiwu"), (40, "部门全称", "东海县水务局")])
    result = cli("-C", county, "sheet", "import", book)
    assert result.exit_code == 0, result.output
    assert "改动 1 条、新增 2 条记录，写入 2 个文件" in result.stdout
    after = (county / "registry/communities/baitabu.yaml").read_text(encoding="utf-8")
    assert after.replace("王德山", "王德海").replace("households: 440", "households: 436").startswith(baitabu)
    assert after.endswith('  - id: baitabu-xinjian\n    name: 新建村村民委员会\n    type: 村\n    code: "320722100214"\n')
    assert (county / "registry/communities/niushan.yaml").read_bytes() == niushan
    departments = yaml.safe_load((county / "registry/departments.yaml").read_text(encoding="utf-8"))["departments"]
    assert departments[-1] == {"id": "shuiwu", "name": "东海县水务局"}
    assert not [f for f in cli.findings(county) if f["severity"] == "error"]


def test_edited_catalog_comes_back(cli: Cli, county: Path, tmp_path: Path) -> None:
    book = tmp_path / "负面清单.xlsx"
    assert cli("-C", county, "sheet", "export", "catalog", "--kind", "negative", "--year", "2026", "-o", book).exit_code == 0
    _edit(book, "事项", [("FM-001", "说明或出处", "东政办发〔2025〕3号")])
    result = cli("-C", county, "sheet", "import", book)
    assert result.exit_code == 0, result.output
    items = yaml.safe_load((county / "catalogs/negative/2026.yaml").read_text(encoding="utf-8"))["items"]
    assert items[0]["note"] == "东政办发〔2025〕3号"


def test_a_refused_sheet_names_its_cells_and_writes_nothing(cli: Cli, county: Path, tmp_path: Path) -> None:
    book = tmp_path / "名录.xlsx"
    assert cli("-C", county, "sheet", "export", "registry", "-o", book).exit_code == 0
    sheet = load_workbook(book)["村（居）委会"]
    budong, buxi = _row(sheet, "baitabu-budong"), _row(sheet, "baitabu-buxi")
    _edit(book, "村（居）委会", [(budong, "户数", "很多"), (budong, "区划代码", "3207"), (buxi, "乡镇（街道）编号", "niushan"),
                             (budong, "主任", "=A1&B1")])
    book_data = load_workbook(book)
    town = book_data["乡镇（街道）"]
    town.delete_rows(_row(town, "shiliu"))
    book_data.save(book)
    before = snapshot(county)
    result = cli("-C", county, "sheet", "import", book)
    assert result.exit_code == 1, result.output
    lines = result.stderr.splitlines()
    assert f"村（居）委会!I{budong}: “很多”不是数字（只收数字，最多两位小数，如 45 或 45.5）" in lines
    assert f"村（居）委会!E{budong}: 区划代码“3207”应是 12 位数字" in lines
    assert f"村（居）委会!H{budong}: 单元格是公式“=A1&B1”：公式不导入，请填值" in lines
    assert f"村（居）委会!A{buxi}: baitabu-buxi 属于 baitabu，不能在表中改到别的乡镇（街道）；请直接编辑名录文件" in lines
    assert "乡镇（街道）!A1: 表中少了 shiliu（石榴街道）；删除记录请直接编辑文件，表中只改动和新增" in lines
    assert lines[-1] == "表格有 5 处问题，未写入任何文件"
    assert snapshot(county) == before


def test_a_file_changed_since_the_export_is_not_overwritten(cli: Cli, county: Path, tmp_path: Path) -> None:
    book = tmp_path / "名录.xlsx"
    assert cli("-C", county, "sheet", "export", "registry", "-o", book).exit_code == 0
    path = county / "registry/communities/baitabu.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("王德海", "王德江"), encoding="utf-8")
    _edit(book, "村（居）委会", [("baitabu-buxi", "主任", "张守义")])
    before = snapshot(county)
    result = cli("-C", county, "sheet", "import", book)
    assert result.exit_code == 1
    assert "registry/communities/baitabu.yaml 在导出后又被改动过" in result.stderr
    assert snapshot(county) == before


def test_a_value_validate_refuses_is_not_written(cli: Cli, county: Path, tmp_path: Path) -> None:
    book = tmp_path / "协助事项.xlsx"
    assert cli("-C", county, "sheet", "export", "catalog", "--kind", "assist", "--year", "2015", "-o", book).exit_code == 0
    _edit(book, "事项", [("XZ-001", "主管部门", "wuci")])
    before = snapshot(county)
    result = cli("-C", county, "sheet", "import", book)
    assert result.exit_code == 1, result.output
    assert "catalogs/assist/2015.yaml: ZS" in result.stderr and "wuci" in result.stderr
    assert snapshot(county) == before


def _draft_catalog(county: Path, year: int) -> str:
    """A copy of the 2015 assist catalog as an unpublished draft for `year` (a published one is frozen)."""
    text = (county / "catalogs/assist/2015.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    cut = text.index("\n  - stage: 发布")
    end = text.index("\nitems:")
    text = text[:cut] + text[end:]
    text = text.replace(f"\nyear: {data['year']}\n", f"\nyear: {year}\n", 1)
    relpath = f"catalogs/assist/{year}.yaml"
    (county / relpath).write_text(text, encoding="utf-8")
    return relpath


def test_a_published_catalog_is_not_changed_through_a_sheet(cli: Cli, county: Path, tmp_path: Path) -> None:
    book = tmp_path / "协助事项.xlsx"
    assert cli("-C", county, "sheet", "export", "catalog", "--kind", "assist", "--year", "2015", "-o", book).exit_code == 0
    _edit(book, "事项", [("XZ-001", "经费金额（元）", 2600.5)])
    before = snapshot(county)
    result = cli("-C", county, "sheet", "import", book)
    assert result.exit_code == 1, result.output
    assert "catalogs/assist/2015.yaml: ZS804 已发布目录中的协助事项 XZ-001（2015 年目录）将被改动" in result.stderr
    assert snapshot(county) == before


def test_funding_and_legal_bases_come_back_as_structure(cli: Cli, county: Path, tmp_path: Path) -> None:
    book = tmp_path / "协助事项.xlsx"
    relpath = _draft_catalog(county, 2027)
    assert cli("-C", county, "sheet", "export", "catalog", "--kind", "assist", "--year", "2027", "-o", book).exit_code == 0
    _edit(book, "事项", [("XZ-001", "经费金额（元）", 2600.5), ("XZ-001", "法律依据3", "cunweihui-law"),
                       ("XZ-001", "条款3", "第5条、第37条"), ("XZ-001", "权限与工作条件（每行一项）", "受理低保申请\n组织民主评议会")])
    before = (county / relpath).read_text(encoding="utf-8")
    result = cli("-C", county, "sheet", "import", book)
    assert result.exit_code == 0, result.output
    text = (county / relpath).read_text(encoding="utf-8")
    assert text.splitlines()[:5] == before.splitlines()[:5]  # the modeline and the comments above the data
    item = yaml.safe_load(text)["items"][0]
    assert item["funding"]["amount"] == 2600.5 and item["funding"]["payment"] == "年初拨付50%，年终评估后结清"
    assert item["basis"] == [{"law": "shehui-jiuzhu", "articles": [4, 11]}, {"law": "chengshi-dibao"},
                             {"law": "cunweihui-law", "articles": [5, 37]}]
    assert item["authority"] == ["受理低保申请", "组织民主评议会"]
