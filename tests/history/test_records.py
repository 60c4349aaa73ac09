"""The pieces under the commands: record identity, field changes, the text shortcut of history."""

from __future__ import annotations

import pytest

from zsht.history.changes import MISSING, field_changes
from zsht.history.records import Key, can_hold, records_in, same_item_text

CATALOG = (b"year: 2015\nitems:\n  - id: XZ-001\n    note: |\n      a\n\r\n      b\n# c\n    name: x\n"
           b"  - id: XZ-002\n    name: w\n")


def test_an_item_is_its_text_up_to_the_next_item_past_blank_lines_and_comments() -> None:
    assert not same_item_text(CATALOG, CATALOG.replace(b"name: x", b"name: y"), "XZ-001")
    assert same_item_text(CATALOG, CATALOG.replace(b"# c", b"# d"), "XZ-002")
    assert same_item_text(CATALOG, CATALOG.replace(b"name: w", b"name: v"), "XZ-001")
    assert not same_item_text(CATALOG, CATALOG.replace(b"year: 2015", b"year: 2016"), "XZ-002")
    assert not same_item_text(CATALOG, CATALOG.replace(b"name: x", b"name: *x"), "XZ-001")  # aliases: parse


def test_which_files_can_hold_an_id() -> None:
    assert can_hold("catalogs/assist/2015.yaml", "XZ-001")
    assert not can_hold("agreements/2015/niushan/niushan-xinhua.yaml", "XZ-001")
    assert can_hold("registry/communities/niushan.yaml", "niushan-xinhua")
    assert not can_hold("catalogs/assist/2015.yaml", "niushan-xinhua")


def test_catalog_items_are_keyed_by_their_year() -> None:
    keys = [key for key, _ in records_in("catalogs/assist/2016.yml", {"year": 2016, "items": [{"id": "XZ-001"}]})]
    assert keys == [Key("assist", "2016", ""), Key("assist_item", "2016", "XZ-001")]


def test_field_changes_match_list_elements_by_their_id() -> None:
    old = {"items": [{"id": "XZ-001", "funding": {"amount": 100}}, {"id": "XZ-002"}], "date": "2015-01-01"}
    new = {"items": [{"id": "XZ-002"}, {"id": "XZ-001", "funding": {"amount": 150.0}}, {"id": "XZ-003"}],
           "date": "2015-01-01"}
    changes = field_changes(old, new)
    assert [c.text() for c in changes] == ["items[XZ-001].funding.amount: 100 → 150 (+50%)",
                                           'items[XZ-003]: （无） → {"id": "XZ-003"}']
    assert changes[1].old is MISSING
    assert field_changes({"a": 1}, {"a": 1.0}) == []


@pytest.mark.parametrize(("kind", "label"), [
    ("township", "乡镇（街道） niushan"), ("community", "村（居）委会 niushan"), ("department", "职能部门 niushan"),
    ("social_org", "社会组织 niushan"), ("law", "法律依据 niushan"), ("access", "准入审批 niushan"),
    ("agreement", "协议 niushan"), ("evaluation", "评估 niushan"), ("purchase", "购买服务合同 niushan"),
    ("notice", "公示 niushan"), ("communities", "村（居）委会名录 niushan"),
    ("townships", "乡镇（街道）名录 niushan"), ("departments", "职能部门名录 niushan"),
    ("social_orgs", "社会组织名录 niushan"), ("county", "县级设置 niushan"), ("unknown", "unknown niushan"),
    ("duty_item", "依法履职事项 niushan（2015 年目录）"), ("assist_item", "协助事项 niushan（2015 年目录）"),
    ("negative_item", "负面清单事项 niushan（2015 年目录）"), ("duty", "依法履职事项目录（2015 年）"),
    ("assist", "协助事项目录（2015 年）"), ("negative", "负面清单（2015 年）"),
])
def test_a_record_is_labelled_as_a_person_names_it(kind: str, label: str) -> None:
    assert Key(kind, "2015", "niushan").label == label
    if kind not in ("duty_item", "assist_item", "negative_item", "duty", "assist", "negative"):
        assert Key(kind, "", "").label == label.split(" ")[0]
