"""province.yaml: paths from its folder, names and codes optional, the reference list inline or as a file."""

from __future__ import annotations

from pathlib import Path

import pytest

from zsht.errors import UserError
from zsht.province import department_type, read_listing


def test_listing_with_an_inline_reference(tmp_path: Path) -> None:
    listing = tmp_path / "province.yaml"
    listing.write_text("province: 江苏省\nreference: [低保 申请（受理）, 尊老金]\ncounties:\n"
                       "  - {path: 320722, code: 320722}\n  - {path: sub/b, name: 乙县}\n", encoding="utf-8")
    province = read_listing(listing)
    assert province.name == "江苏省"
    assert [(c.root, c.name, c.code) for c in province.counties] == [
        (tmp_path / "320722", None, "320722"), (tmp_path / "sub/b", "乙县", None)]
    assert province.reference == frozenset({"低保申请受理", "尊老金"})  # compared without spaces and punctuation


def test_a_reference_file_without_items_is_refused(tmp_path: Path) -> None:
    (tmp_path / "ref.yaml").write_text("title: 参考\n", encoding="utf-8")
    (tmp_path / "province.yaml").write_text("reference: ref.yaml\ncounties: [{path: a}]\n", encoding="utf-8")
    with pytest.raises(UserError, match="参考清单 .*ref.yaml 没有 items"):
        read_listing(tmp_path / "province.yaml")


def test_a_missing_listing_names_itself(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="找不到文件 .*none.yaml"):
        read_listing(tmp_path / "none.yaml")


def test_department_type_drops_the_county_name() -> None:
    assert department_type("东海县", "东海县民政局") == "民政局"
    assert department_type("东海县", "连云港市民政局") == "连云港市民政局"
    assert department_type("东海县", "东海县") == "东海县"
