"""`zsht report`: certificates retained by the list in force, and plaques per committee, counted by hand."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..county_report.test_report_cli import cells
from .conftest import CERTIFICATES, NIUSHAN


def test_report_counts_certificates_and_plaques(cli: Any, county: Any, tmp_path: Path) -> None:
    # 前进村 hangs one plaque outside; 新华社区 two outside and one inside (the fixture); 东王村 none
    county.edit(NIUSHAN, lambda d: d["communities"][1].update(plaques=["PZ-002"]))
    page = tmp_path / "report.html"
    result = cli("-C", county.root, "report", "--year", "2015", "-o", page)
    assert result.exit_code == 0, result.output
    assert cells(result.stdout, "保留的证明事项")[1:] == ["1", "—"]  # no list was in force in 2014
    assert cells(result.stdout, "取消的证明事项")[1:] == ["2", "—"]
    assert cells(result.stdout, "办公场所外")[1:] == ["3", "0", "2"]
    assert cells(result.stdout, "办公场所内")[1:] == ["1", "0", "1"]
    html = page.read_text(encoding="utf-8")
    assert "<tr><td>新华社区居民委员会</td><td>2</td><td>1</td></tr>" in html
    assert "<tr><td>东王村民委员会</td><td>0</td><td>0</td></tr>" in html


def test_report_compares_retained_certificates_with_the_year_before(cli: Any, county: Any) -> None:
    county.files["catalogs/certificate/2014.yaml"] = {**county.files[CERTIFICATES], "year": 2014,
                                                      "items": [{"id": "ZM-001", "name": "亲属关系证明", "status": "保留",
                                                                 "basis": [{"law": "cunweihui-law"}], "purpose": "用途",
                                                                 "procedure": "流程", "form": "式样"}]}
    county.write("catalogs/certificate/2014.yaml")
    result = cli("-C", county.root, "report", "--year", "2015")
    assert result.exit_code == 0, result.output
    assert cells(result.stdout, "保留的证明事项")[1:] == ["1", "1"]
    assert cells(result.stdout, "取消的证明事项")[1:] == ["2", "0"]


def test_report_without_the_lists_has_no_such_tables(cli: Any, mini: Any) -> None:
    mini.remove(CERTIFICATES)
    mini.remove("catalogs/plaque/2015.yaml")
    result = cli("-C", mini.root, "report", "--year", "2015")
    assert result.exit_code == 0, result.output
    assert "证明事项" not in result.stdout and "机制牌子" not in result.stdout


def test_the_example_countys_plaques(cli: Any) -> None:
    from ..conftest import EXAMPLE

    result = cli("-C", EXAMPLE, "report", "--year", "2015")
    assert result.exit_code == 0, result.output
    # 47 committees hang 4 plaques outside each; inside, 33 村 hang 4 and 14 居 hang 5: 132 + 70
    assert cells(result.stdout, "办公场所外")[1:] == ["188", "4", "4"]
    assert cells(result.stdout, "办公场所内")[1:] == ["202", "4", "5"]
