"""The example county in 2026: codes on every township and committee, the 2026 lists under the revised laws,
石梁河镇's 2026 agreements, all validating clean; the report compares 2026 with 2015."""

from __future__ import annotations

import datetime as dt
from typing import Any

from stdnum.cn import uscc

from zsht import load_county
from zsht.layout import AGREEMENT, COMMUNITY, LAW, TOWNSHIP
from zsht.policy import catalog_in_force

from ..conftest import EXAMPLE
from ..county_report.test_report_cli import cells


def test_example_validates_clean(cli: Any) -> None:
    assert cli.findings(EXAMPLE) == []


def test_every_township_and_committee_has_a_code() -> None:
    county = load_county(EXAMPLE)
    townships = county.entries(TOWNSHIP)
    communities = county.entries(COMMUNITY)
    assert (len(townships), len(communities)) == (20, 47)
    assert all(t.record.code and t.record.code.startswith("320722") for t in townships)
    assert all(c.record.code and c.record.uscc and uscc.is_valid(c.record.uscc) for c in communities)
    assert all(c.record.legal_name and c.record.legal_name.startswith("江苏省连云港市东海县") for c in communities)


def test_2026_cites_the_revised_organic_laws() -> None:
    county = load_county(EXAMPLE)
    laws = county.index(LAW)
    for law in ("juweihui-law", "cunweihui-law"):
        assert laws[law].record.in_force(dt.date(2025, 12, 31)) is not laws[law].record.in_force(dt.date(2026, 1, 1))
    assert laws["juweihui-law"].record.in_force(dt.date(2015, 6, 1)).articles == 23  # type: ignore[union-attr]
    assert laws["juweihui-law"].record.in_force(dt.date(2026, 6, 1)).chapters == 7  # type: ignore[union-attr]
    catalog = catalog_in_force(county, 2026)
    assert catalog is not None and catalog.record.year == 2026
    assert len(catalog.record.items) < len(catalog_in_force(county, 2015).record.items)  # type: ignore[union-attr]


def test_2026_agreements_are_signed() -> None:
    agreements = [e.record for e in load_county(EXAMPLE).entries(AGREEMENT) if e.record.year == 2026]
    assert len(agreements) == 15 and {a.township for a in agreements} == {"shilianghe"}
    assert all(a.status == "已签订" and a.signing is not None for a in agreements)


def test_report_compares_2026_with_2015(cli: Any) -> None:
    """Hand-checked: 2015, 47 agreements, 913 items, ¥1,010,300, amended by two signed supplements (+1 item, +¥1,000;
    +¥500) to 914 items and ¥1,011,800; 2026, 15 agreements, 213 items, ¥356,200."""
    result = cli("-C", EXAMPLE, "report", "--year", "2026")
    assert result.exit_code == 0, result.output
    assert cells(result.stdout, "协助事项（每个村居）")[1:] == ["本年", "2015年"]
    assert cells(result.stdout, "平均")[1:] == ["14.20", "19.45"]
    assert cells(result.stdout, "最少")[1:] == ["11", "16"] and cells(result.stdout, "最多")[1:] == ["17", "22"]
    assert cells(result.stdout, "比2015年增加")[1] == "0／15／0"
    assert cells(result.stdout, "协议经费（每个村居平均，元）")[1:] == ["23,746.67", "21,527.66"]
    assert cells(result.stdout, "签订协议的村（居）委会")[1:] == ["15", "47", "31.9%", "100.0%"]
