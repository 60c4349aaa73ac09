"""Which catalog version is in force: one rule for the assist and the duty catalog, and every document using it."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from zsht.load.county import Entry
from zsht.models import DutyCatalog
from zsht.policy import version_in_force

from .mini_county import MiniCounty


def duty(year: int, title: str = "依法履行职责事项") -> Entry[DutyCatalog]:
    return Entry(DutyCatalog(title=title, year=year, items=[]), f"catalogs/duty/{year}.yaml")


def test_the_latest_version_starting_by_the_year_is_in_force() -> None:
    versions = [duty(2016), duty(2014), duty(2018)]
    assert version_in_force(versions, 2013) is None
    assert version_in_force(versions, 2014) is versions[1]
    assert version_in_force(versions, 2017) is versions[0]
    assert version_in_force(versions, 2030) is versions[2]
    twins = [duty(2015, "甲"), duty(2015, "乙")]
    assert version_in_force(twins, 2015) is twins[0]  # the first loaded, as `county.index` keeps the first


def test_the_catalog_notice_lists_the_duty_catalog_in_force(cli: Any, mini: MiniCounty, tmp_path: Path) -> None:
    later = copy.deepcopy(mini.files["catalogs/duty/2015.yaml"])
    later["year"] = 2016
    later["items"].append({"id": "LZ-003", "name": "组织开展群防群治", "basis": [{"law": "cunweihui-law", "articles": [4]}]})
    mini.files["catalogs/duty/2016.yaml"] = later
    mini.write("catalogs/duty/2016.yaml")
    for year, listed in ((2015, False), (2016, True)):
        result = cli("-C", mini.root, "render", "notice", "catalog", "--year", str(year), "-o", tmp_path / str(year))
        assert result.exit_code == 0, result.output
        page = next((tmp_path / str(year)).rglob("*.md")).read_text(encoding="utf-8")
        assert ("组织开展群防群治" in page) is listed, page
        assert "召集村（居）民会议" in page
