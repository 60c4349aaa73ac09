"""`zsht import registry`: townships and committees from the statistics office's 区划代码 table or a plain list."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
import yaml
from openpyxl import Workbook

from ..conftest import EXAMPLE, Cli, snapshot

DATA = Path(__file__).parent / "data"
TABLE = DATA / "东海县统计用区划代码.csv"  # GBK, a title row above the header, as counties pass it on


def _county(cli: Cli, tmp_path: Path) -> Path:
    root = tmp_path / "county"
    result = cli("init", root, "--county", "东海县", "--code", "320722", "--no-git")
    assert result.exit_code == 0, result.output
    return root


def _rows() -> list[list[str]]:
    return list(csv.reader(TABLE.read_text(encoding="gb18030").splitlines()))


def _xlsx(path: Path, rows: list[list[str]]) -> Path:
    """The table as a workbook: codes typed as numbers (as Excel keeps them when pasted), the title merged."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "区划代码"
    for row in rows:
        sheet.append([int(v) if v.isdigit() and len(v) == 12 else v for v in row])
    sheet.merge_cells("A1:C1")
    book.save(path)
    return path


def _registry(root: Path) -> tuple[dict[str, dict[str, str]], dict[str, dict[str, str]]]:
    towns = yaml.safe_load((root / "registry/townships.yaml").read_text(encoding="utf-8"))["townships"]
    members = {}
    for path in sorted((root / "registry/communities").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        members.update({c["id"]: {**c, "township": data["township"]} for c in data["communities"]})
    return {t["id"]: t for t in towns}, members


def _check_imported(root: Path) -> None:
    towns, members = _registry(root)
    assert len(towns) == 20 and len(members) == 47
    assert towns["baitabu"] == {"id": "baitabu", "name": "白塔埠镇", "code": "320722100000", "type": "镇"}
    assert towns["niushan"]["type"] == "街道" and towns["tuofeng"]["type"] == "乡"
    assert towns["kaifaqu" if "kaifaqu" in towns else "jingjikaifaqu"]["type"] == "开发区"
    assert members["baitabu-budong"] == {"id": "baitabu-budong", "name": "埠东村村民委员会", "code": "320722100201",
                                         "type": "村", "township": "baitabu"}
    assert members["baitabu-shequ"]["name"] == "白塔埠社区居民委员会" and members["baitabu-shequ"]["type"] == "居"
    assert members["niushan-jiangzhuang"]["type"] == "村"  # a 村 of a 街道: the code says so (200–399)
    # The ids of the example county, which was written by hand in the same house style.
    example = _registry(EXAMPLE)[1]
    same = set(members) & set(example)
    assert len(same) >= 44, sorted(set(example) - set(members))


def test_registry_from_a_gbk_code_table(cli: Cli, tmp_path: Path) -> None:
    root = _county(cli, tmp_path)
    result = cli("-C", root, "import", "registry", TABLE)
    assert result.exit_code == 0, result.output
    assert "已新增乡镇（街道）20 个、村（居）委会 47 个" in result.stderr
    _check_imported(root)
    assert (root / "registry/communities/baitabu.yaml").read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../../schemas/communities.schema.json\n")
    assert cli.findings(root) == []


def test_registry_from_an_xlsx_code_table(cli: Cli, tmp_path: Path) -> None:
    root = _county(cli, tmp_path)
    result = cli("-C", root, "import", "registry", _xlsx(tmp_path / "区划代码.xlsx", _rows()))
    assert result.exit_code == 0, result.output
    _check_imported(root)


def test_run_again_changes_nothing(cli: Cli, tmp_path: Path) -> None:
    root = _county(cli, tmp_path)
    assert cli("-C", root, "import", "registry", TABLE).exit_code == 0
    before = snapshot(root)
    again = cli("-C", root, "import", "registry", _xlsx(tmp_path / "区划代码.xlsx", _rows()))
    assert again.exit_code == 0, again.output
    assert "已新增乡镇（街道）0 个、村（居）委会 0 个；名录中已有的 67 个未改动" in again.stderr
    assert snapshot(root) == before


def test_merge_keeps_the_records_already_there(cli: Cli, tmp_path: Path) -> None:
    """The example county's registry (comments, heads, households, plaques) stays byte for byte; what the table
    has beyond it is appended, with ids that do not collide."""
    root = tmp_path / "donghai"
    shutil.copytree(EXAMPLE, root)
    before = snapshot(root / "registry")
    rows = _rows() + [["320722100214", "220", "新建村委会"], ["320722100215", "220", "埠东村委会"],
                      ["320722206000", "", "桃园乡"], ["320722206200", "220", "桃园村委会"]]
    dry = cli("-C", root, "import", "registry", _xlsx(tmp_path / "t.xlsx", rows), "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert snapshot(root / "registry") == before
    result = cli("-C", root, "import", "registry", _xlsx(tmp_path / "t.xlsx", rows))
    assert result.exit_code == 0, result.output
    after = snapshot(root / "registry")
    assert set(after) == set(before) | {"communities/taoyuan.yaml"}
    for relpath in ("communities/niushan.yaml", "communities/shilianghe.yaml"):
        assert after[relpath] == before[relpath]
    for relpath in ("townships.yaml", "communities/baitabu.yaml"):
        assert after[relpath].startswith(before[relpath])  # kept as it was, the new records after it
    towns, members = _registry(root)
    assert towns["taoyuan"]["type"] == "乡"
    assert members["baitabu-xinjian"]["code"] == "320722100214"
    assert members["baitabu-budong-2"]["name"] == "埠东村村民委员会"  # same name, another code: a new id
    assert members["taoyuan-taoyuan"]["township"] == "taoyuan"
    assert not [f for f in cli.findings(root) if f["severity"] == "error"]


def test_plain_two_column_list(cli: Cli, tmp_path: Path) -> None:
    root = _county(cli, tmp_path)
    listing = tmp_path / "名单.csv"
    listing.write_text("乡镇（街道）,村（居）委会\n白塔埠镇,白塔埠社区\n,埠东村\n,白塔村委会\n牛山街道,和平社区居委会\n"
                       "驼峰乡,\n", encoding="utf-8")
    result = cli("-C", root, "import", "registry", listing)
    assert result.exit_code == 0, result.output
    towns, members = _registry(root)
    assert list(towns) == ["baitabu", "niushan", "tuofeng"]
    assert sorted(members) == ["baitabu-baita", "baitabu-budong", "baitabu-shequ", "niushan-heping"]
    assert "code" not in members["baitabu-budong"] and members["niushan-heping"]["type"] == "居"


def test_a_plain_workbook_with_the_township_merged_down(cli: Cli, tmp_path: Path) -> None:
    """The usual office list: the township typed once in a cell merged over its committees' rows, a line break
    inside a name; read as `import catalog` reads its lists (merged cells filled, cell text cleaned)."""
    root = _county(cli, tmp_path)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in (["乡镇（街道）", "村（居）委会"], ["白塔埠镇", "白塔埠社区"], [None, "埠东村"], [None, "白塔\n村委会"]):
        sheet.append(row)
    sheet.merge_cells("A2:A4")
    book.save(listing := tmp_path / "名单.xlsx")
    result = cli("-C", root, "import", "registry", listing)
    assert result.exit_code == 0, result.output
    towns, members = _registry(root)
    assert list(towns) == ["baitabu"]
    assert sorted(members) == ["baitabu-baita", "baitabu-budong", "baitabu-shequ"]


def test_township_only(cli: Cli, tmp_path: Path) -> None:
    root = _county(cli, tmp_path)
    result = cli("-C", root, "import", "registry", TABLE, "--township-only")
    assert result.exit_code == 0, result.output
    towns, members = _registry(root)
    assert len(towns) == 20 and members == {}


@pytest.mark.parametrize(("row", "message"), [
    (["3207221002", "220", "坏代码村委会"], "区划代码!A71: “3207221002”不是 12 位统计用区划代码"),
    (["320722999201", "220", "无主村委会"], "区划代码!C71: 无主村委会 的乡镇（320722999000）既不在表中也不在名录中"),
])
def test_a_refused_table_names_its_cell_and_writes_nothing(cli: Cli, tmp_path: Path, row: list[str],
                                                            message: str) -> None:
    root = _county(cli, tmp_path)
    before = snapshot(root)
    result = cli("-C", root, "import", "registry", _xlsx(tmp_path / "t.xlsx", [*_rows(), row]))
    assert result.exit_code == 1, result.output
    assert message in result.stderr.splitlines()
    assert snapshot(root) == before


def test_not_a_list(cli: Cli, tmp_path: Path) -> None:
    root = _county(cli, tmp_path)
    other = tmp_path / "x.docx"
    other.write_bytes(b"PK")
    result = cli("-C", root, "import", "registry", other)
    assert result.exit_code == 2
    assert "只能导入 .xlsx 或 .csv 文件" in result.stderr
