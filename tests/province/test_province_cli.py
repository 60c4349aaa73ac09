"""zsht province on five example-like counties: every figure worked out by hand from examples/donghai's.

examples/donghai, 2026 against 2015: 20 townships, 47 committees; 2026: 15 committees of 1 township signed,
213 items, 356,200 yuan agreed, none evaluated; 2015: all 47 signed and evaluated, 914 items, 1,011,800 yuan
agreed and 1,022,940 settled, grades 7 / 23 / 16 / 1, 190,600 yuan agreed for 民政局; 3 certificates retained.
The edits of each copy are in counties.py."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from ..conftest import Cli
from .counties import RENAMED, make_counties


def cells(text: str, label: str) -> list[str]:
    """The cells after `label` of every table row that starts with it, table after table."""
    found: list[str] = []
    for line in text.splitlines():
        row = [c.strip() for c in re.split(r"[│┃]", line) if c.strip()]
        if row and row[0] == label:
            found += row[1:]
    return found


@pytest.fixture(scope="module")
def province(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, Path]:
    base = tmp_path_factory.mktemp("province")
    make_counties(base)
    (base / "province.yaml").write_text(
        "province: 江苏省\nreference: 320701/catalogs/assist/2026.yaml\ncounties:\n"
        "  - {path: 320701, name: 甲县, code: '320701'}\n"
        + "".join(f"  - {{path: '{code}'}}\n" for code in ("320702", "320703", "320704", "320705")), encoding="utf-8")
    result = Cli()("province", "--list", base / "province.yaml", "--year", "2026", "-o", base / "out", "--jobs", "2")
    return result, base / "out"


def test_totals_match_the_hand_worked_figures(province: tuple[Any, Path]) -> None:
    result, _ = province
    assert result.exit_code == 1, result.output  # 丙县 has an error: marked, and the run says so
    total = cells(result.stdout, "合计")
    # coverage: 5 × 20 townships, 5 × 47 committees; 乙县 lost one signed 2026 agreement (15 × 4 + 14 = 74);
    # 74 / 235 = 31.5 %; 2015: 戊县 lost one evaluation, 234 / 235 = 99.6 %
    assert total[:11] == ["含 1 个县标记", "100", "5", "0", "235", "74", "31.5", "100.0", "0", "0.0", "99.6"]
    # items: (213 × 4 + 196) / 74 = 14.16; 2015: 914 × 5 / 235 = 19.45
    # agreed: 356,200 × 4 + 329,000; 2015: 1,011,800 × 5 agreed, 1,022,940 × 5 − 20,000 settled
    # certificates retained 3 × 5; one county beyond the reference list
    assert total[11:19] == ["14.16", "19.45", "1,753,800.00", "0.00", "5,059,000.00", "5,094,700.00", "15", "1"]
    assert cells(result.stdout, "乙县")[11:15] == ["14.00", "19.45", "329,000.00", "0.00"]
    assert cells(result.stdout, "戊县")[16] == "1,002,940.00"
    assert cells(result.stdout, "合计（2015年）") == ["35", "114", "80", "5"]  # 良好 23 × 5 − 1
    assert cells(result.stdout, "民政局")[2] == "953,000.00"  # 190,600 × 5, the department type across counties


def test_a_county_with_errors_is_marked_not_dropped(province: tuple[Any, Path]) -> None:
    result, _ = province
    assert cells(result.stdout, "丙县")[:2] == ["有错误", "20"]
    assert "标记：丙县（有错误，错误 1 个）legal/tongji-law.yaml:9 ZS101" in result.stdout
    assert f"超出参考清单：丁县 1 项：{RENAMED}" in result.stdout


def test_the_database_holds_the_figures(province: tuple[Any, Path]) -> None:
    _, out = province
    with sqlite3.connect(out / "province.sqlite") as db:
        q = lambda sql: db.execute(sql).fetchall()  # noqa: E731
        assert q("SELECT name, code, status FROM counties ORDER BY code") == [
            ("甲县", "320701", "正常"), ("乙县", "320702", "正常"), ("丙县", "320703", "有错误"),
            ("丁县", "320704", "正常"), ("戊县", "320705", "正常")]
        assert q("SELECT SUM(signed_communities), SUM(communities), SUM(funding_agreed), SUM(previous_funding_settled)"
                 " FROM counties") == [(74, 235, 1753800, 5094700)]
        assert q("SELECT COUNT(*) FROM communities") == [(235,)]
        assert q("SELECT COUNT(*), SUM(items) FROM agreements WHERE year = 2026 AND status = '已签订'") == [(74, 1048)]
        assert q("SELECT COUNT(*), SUM(funding) IS NOT NULL FROM items WHERE year = 2026") == [(1048, 1)]
        assert q("SELECT COUNT(*), SUM(settlement) FROM evaluations WHERE year = 2015") == [(234, 5094700)]
        assert q("SELECT SUM(communities) FROM grades WHERE year = 2015 AND grade = '良好'") == [(114,)]
        assert q("SELECT SUM(funding_agreed) FROM department_funding WHERE year = 2015 AND department_type = '民政局'"
                 ) == [(953000,)]
        assert q("SELECT beyond_reference FROM counties WHERE name = '丁县'") == [(1,)]


def test_the_page_and_the_workbook(province: tuple[Any, Path]) -> None:
    _, out = province
    page = (out / "province.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and '<html lang="zh-CN">' in page
    assert 'id="coverage-chart"' in page and 'id="funding-chart"' in page
    assert not re.search(r"(src|href)=", page)  # self-contained: nothing fetched
    assert '<tr class="marked"><td>丙县</td>' in page
    sheet = load_workbook(out / "province.xlsx")["各县"]
    rows = {row[0]: row for row in sheet.iter_rows(values_only=True)}
    assert rows["合计"][7] == 74 and rows["合计"][15] == 1753800
    assert rows["丙县"][2] == "有错误"


def test_a_folder_that_is_not_a_county_is_marked(cli: Any, tmp_path: Path) -> None:
    result = cli("province", tmp_path, "--year", "2026")
    assert result.exit_code == 1, result.output
    assert "无法汇总" in result.stdout and "不是县级记录仓库" in result.stdout


def test_repositories_or_a_listing(cli: Any, tmp_path: Path) -> None:
    result = cli("province", "--year", "2026")
    assert result.exit_code == 2 and "二者选一" in result.output
    (tmp_path / "province.yaml").write_text("counties:\n  - {path: a, county: x}\n", encoding="utf-8")
    result = cli("province", "--list", tmp_path / "province.yaml", "--year", "2026")
    assert result.exit_code == 2 and "province.yaml：counties.0.county 有误" in result.output
    (tmp_path / "province.yaml").write_text("counties: [\n", encoding="utf-8")
    result = cli("province", "--list", tmp_path / "province.yaml", "--year", "2026")
    assert result.exit_code == 2 and "YAML 格式错误" in result.output and "Traceback" not in result.output


def test_every_table_and_column_is_documented() -> None:
    from zsht.province import TABLES

    docs = (Path(__file__).resolve().parents[2] / "docs" / "province.md").read_text(encoding="utf-8")
    for table, columns in TABLES.items():
        section = docs.split(f"### {table}：", 1)[1].split("\n### ", 1)[0]
        documented = re.findall(r"^\| ([a-z_]+) \|", section, re.M)
        assert documented == [column.split()[0] for column in columns], table
