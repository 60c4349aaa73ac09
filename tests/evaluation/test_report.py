"""The county report: figures checked by hand on the mini county, and the HTML page opened in Chromium."""

from __future__ import annotations

import copy
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

from zsht.errors import UserError
from zsht.evaluation import build_report, report_html, report_text

from ..mini_county import MiniCounty

CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)


def _sign_2016(mini: MiniCounty) -> None:
    """新华社区 signs for 2016 with three items (XZ-001 2000 + XZ-002 1500 + XZ-004 1200 = 4700 元), no evaluation."""
    agreement = copy.deepcopy(mini.files["agreements/2015/niushan/niushan-xinhua.yaml"])
    agreement.update(id="XY-2016-niushan-xinhua", year=2016, items=[{"id": "XZ-001"}, {"id": "XZ-002"}, {"id": "XZ-004"}],
                     funding_total=4700)
    agreement["term"] = {"start": agreement["term"]["start"].replace(year=2016),
                         "end": agreement["term"]["end"].replace(year=2016)}
    mini.files["agreements/2016/niushan/niushan-xinhua.yaml"] = agreement
    mini.write("agreements/2016/niushan/niushan-xinhua.yaml")


def test_year_figures_by_hand(mini: MiniCounty) -> None:
    report = build_report(mini.root, 2015)
    now = report.current
    assert report.previous is None
    # 2 townships and 3 committees, all signed and all evaluated.
    assert (now.townships_signed, now.townships, now.committees_signed, now.committees) == (2, 2, 3, 3)
    assert now.committees_evaluated == 3
    # xinhua 2 items, qianjin 3, dongwang 2: 7 items over 3 committees.
    assert now.items == 7 and now.items_per_committee == Decimal("2.33")
    assert now.items_by_township == {"baitabu": (2, 1), "niushan": (5, 2)}
    # minzheng XZ-001 2000 × 3; renshe XZ-002 1500 × 2; nongwei XZ-003 3000 × 2. Every committee is 良好 (rate 1.0).
    assert now.departments == {"minzheng": [Decimal(6000), Decimal(6000)], "nongwei": [Decimal(6000), Decimal(6000)],
                               "renshe": [Decimal(3000), Decimal(3000)]}
    assert now.township_funding == {"baitabu": [Decimal(5000), Decimal(5000)],
                                    "niushan": [Decimal(10000), Decimal(10000)]}
    assert now.grades == {"良好": 3}


def test_against_the_year_before(mini: MiniCounty) -> None:
    _sign_2016(mini)
    report = build_report(mini.root, 2016)
    assert report.previous is not None and report.previous.year == 2015
    now = report.current
    # 1 of 2 townships (50.0 %), 1 of 3 committees (33.3 %), none evaluated yet.
    assert [share for _, _, share, _ in _coverage(report)] == [Decimal("50.0"), Decimal("33.3"), Decimal("0.0")]
    # burden: 3 items for one committee against 7 / 3 = 2.33 the year before.
    assert now.items_per_committee == Decimal("3.00")
    text = report_text(report)
    assert "↑ 0.67" in text and "↓ 50.0" in text
    assert now.departments["weiji"] == [Decimal(1200), Decimal(0)]


def _coverage(report):
    from zsht.evaluation.report_text import coverage_rows

    return coverage_rows(report)


def test_html_is_self_contained(mini: MiniCounty) -> None:
    page = report_html(build_report(mini.root, 2015))
    assert '<svg id="coverage-chart"' in page and "<script" not in page
    assert "http" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")


def test_year_without_agreements_is_a_user_error(mini: MiniCounty) -> None:
    with pytest.raises(UserError, match="2013 年没有已签订的协议"):
        build_report(mini.root, 2013)


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="chromium 未安装（Debian: apt-get install chromium）")
def test_html_opens_in_chromium_with_the_coverage_chart(mini: MiniCounty, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    page.write_text(report_html(build_report(mini.root, 2015)), encoding="utf-8")
    dom = subprocess.run([str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", page.as_uri()],
                         capture_output=True, text=True, timeout=120, check=True).stdout
    chart = dom[dom.index('<svg id="coverage-chart"'):]
    chart = chart[:chart.index("</svg>")]
    assert "100.0%（3/3）" in chart and "<rect" in chart
