"""ZS901: a short name or alias that also names another law or department is reported where it is written."""

from __future__ import annotations

from typing import Any

from ..mini_county import MiniCounty


def test_a_short_name_of_two_laws_and_an_alias_of_two_departments(mini: MiniCounty, cli: Any) -> None:
    mini.edit("legal/juweihui-law.yaml", lambda d: d.update(short_names=["居委会组织法", "村委会组织法"]))
    mini.edit("legal/cunweihui-law.yaml", lambda d: d.update(short_names=["村委会组织法"]))
    mini.edit("registry/departments.yaml", lambda d: d["departments"][1].update(aliases=["县人社局", "县民政局"]))
    found = sorted((f["file"], f["line"], f["message"]) for f in cli.findings(mini.root) if f["rule"] == "ZS901")
    assert [(file, message) for file, _, message in found] == [
        ("legal/cunweihui-law.yaml", "法律简称“村委会组织法”也指 juweihui-law，导入清单时无法区分"),
        ("legal/juweihui-law.yaml", "法律简称“村委会组织法”也指 cunweihui-law，导入清单时无法区分"),
        ("registry/departments.yaml", "部门简称“县民政局”也指 minzheng，导入清单时无法区分"),
    ]
    assert all(line > 1 for _, line, _ in found)


def test_distinct_short_names_and_the_example_register_are_clean(mini: MiniCounty, cli: Any) -> None:
    mini.edit("legal/cunweihui-law.yaml", lambda d: d.update(short_names=["村委会组织法", "村民委员会组织法"]))
    mini.edit("registry/departments.yaml", lambda d: d["departments"][0].update(aliases=["县民政局", "民政局"]))
    assert [f for f in cli.findings(mini.root) if f["rule"] == "ZS901"] == []
