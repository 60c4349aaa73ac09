"""zsht report through the command line: numbers checked by hand on the mini county, the page in Chromium."""

from __future__ import annotations

import re
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")


def cells(text: str, label: str) -> list[str]:
    """The cells of the table row that starts with `label`."""
    line = next(line for line in text.splitlines() if label in line)
    return [c.strip() for c in re.split(r"[│┃]", line) if c.strip()]


def test_report_numbers_by_hand(cli: Any, mini: Any) -> None:
    # 3 committees in 2 townships; 东王村 loses its evaluation, 前进村's agreement is only a draft.
    mini.remove("evaluations/2015/baitabu/baitabu-dongwang.yaml")
    mini.edit("agreements/2015/niushan/niushan-qianjin.yaml", lambda d: d.update(status="草稿", signing=None))
    result = cli("-C", mini.root, "report", "--year", "2015")
    assert result.exit_code == 0, result.output
    # coverage: (count, of, %) against the registry
    assert cells(result.stdout, "签订协议的乡镇（街道）")[1:4] == ["2", "2", "100.0%"]
    assert cells(result.stdout, "签订协议的村（居）委会")[1:4] == ["2", "3", "66.7%"]
    assert cells(result.stdout, "完成评估的乡镇（街道）")[1:4] == ["1", "2", "50.0%"]
    assert cells(result.stdout, "完成评估的村（居）委会")[1:4] == ["2", "3", "66.7%"]
    # assisted items per committee (every agreement of the year): 新华 2, 前进 3, 东王 2
    assert cells(result.stdout, "平均")[1] == "2.33"
    assert cells(result.stdout, "最少")[1] == "2" and cells(result.stdout, "最多")[1] == "3"
    assert cells(result.stdout, "良好")[1] == "2"  # the two evaluations left, both 已公示
    assert cells(result.stdout, "优秀")[1] == "0"
    # 民政局: 2000 × 3 agreed; 东王村 has no result yet, so 2000 × 2 settled (良好 settles at 1.0)
    assert cells(result.stdout, "测试县民政局")[1:] == ["6,000.00", "4,000.00"]
    assert cells(result.stdout, "测试县农业委员会")[1:] == ["6,000.00", "3,000.00"]
    assert cells(result.stdout, "白塔埠镇")[1:] == ["5,000.00", "0.00"]


def test_report_compares_with_the_year_before(cli: Any, mini: Any) -> None:
    for community, items in (("niushan-xinhua", ["XZ-001", "XZ-002", "XZ-004"]), ("niushan-qianjin", ["XZ-001"])):
        data = dict(mini.files[f"agreements/2015/niushan/{community}.yaml"])
        data.update(id=f"XY-2016-{community}", year=2016, items=[{"id": i} for i in items], status="草稿",
                    signing=None, funding_total=None)
        mini.files[f"agreements/2016/niushan/{community}.yaml"] = data
        mini.write(f"agreements/2016/niushan/{community}.yaml")
    result = cli("-C", mini.root, "report", "--year", "2016")
    assert result.exit_code == 0, result.output
    assert cells(result.stdout, "签订协议的村（居）委会")[1:] == ["0", "3", "0.0%", "100.0%"]
    assert cells(result.stdout, "比上年增加")[1] == "1／1／0"
    assert cells(result.stdout, "平均")[1:] == ["2.00", "2.33"]
    assert cells(result.stdout, "良好")[1:] == ["0", "3"]


def test_report_writes_one_self_contained_page(cli: Any, mini: Any, tmp_path: Path) -> None:
    mini.edit("registry/townships.yaml", lambda d: d["townships"][0].update(name="牛山<街道>&"))
    page = tmp_path / "report.html"
    result = cli("-C", mini.root, "report", "--year", "2015", "-o", page)
    assert result.exit_code == 0, result.output
    html = page.read_text(encoding="utf-8")
    assert "<title>测试县2015年" in html and "<h1>" in html
    assert "牛山&lt;街道&gt;&amp;" in html and "牛山<街道>" not in html
    assert "<script" not in html and "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")


def test_report_without_agreements_is_one_line(cli: Any, mini: Any) -> None:
    result = cli("-C", mini.root, "report", "--year", "2030")
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.output


@pytest.mark.slow
@pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium 不存在（apt-get install -y chromium）")
def test_report_page_shows_the_coverage_chart_in_chromium(cli: Any, mini: Any, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    assert cli("-C", mini.root, "report", "--year", "2015", "-o", page).exit_code == 0
    with tempfile.TemporaryDirectory() as profile:
        dom = subprocess.run(
            [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
             "--dump-dom", page.as_uri()],
            capture_output=True, text=True, timeout=120, check=True).stdout
    chart = re.search(r'<svg id="coverage-chart".*?</svg>', dom, re.S)
    assert chart is not None, dom[:500]
    assert "100.0" in chart.group(0) and "<rect" in chart.group(0)
