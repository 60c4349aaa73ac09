"""GB/T 15834 punctuation where the agreement joins text (zsht.render.punctuation) and the funding line."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zsht.render.agreement_parts import committee_unit, funding_text
from zsht.render.punctuation import join_clauses, join_items, tidy


def test_no_enumeration_comma_between_titles_or_quotations() -> None:
    assert join_items(["《社会救助暂行办法》", "《城市居民最低生活保障条例》"]) == "《社会救助暂行办法》《城市居民最低生活保障条例》"
    assert join_items(["“三会”", "“两公开”"]) == "“三会”“两公开”"
    assert join_items(["《甲法》", "乙条例", "丙办法"]) == "《甲法》、乙条例、丙办法"  # unmarked items keep their 、
    assert join_items([]) == ""
    assert tidy("根据《社会救助暂行办法》、《城市居民最低生活保障条例》和“三会”、“两公开”") == \
        "根据《社会救助暂行办法》《城市居民最低生活保障条例》和“三会”“两公开”"


@pytest.mark.parametrize(("typed", "printed"), [
    ("年初拨付50%,年终结清;按季度考核", "年初拨付50%，年终结清；按季度考核"),
    ("经费(县财政)", "经费（县财政）"),
    ("目标:全覆盖!是否完成?", "目标：全覆盖！是否完成？"),
    ("工作经费3,200.00元，8:30前报送", "工作经费3,200.00元，8:30前报送"),  # figures keep their , and :
    ("1. 目标要求：全覆盖。。", "1. 目标要求：全覆盖。"),
    ("年初拨付 50%，评估后结清", "年初拨付50%，评估后结清"),
    ("Funding (county), paid: yearly", "Funding (county), paid: yearly"),  # no Chinese: left as typed
])
def test_full_width_punctuation_in_chinese_text(typed: str, printed: str) -> None:
    assert tidy(typed) == printed


@given(st.text(alphabet="协助经费年初拨付50%,.;:()《》“”、。 0123456789"))
def test_tidy_is_stable_and_keeps_figures(text: str) -> None:
    once = tidy(text)
    assert tidy(once) == once
    assert [c for c in once if c.isdigit()] == [c for c in text if c.isdigit()]


def test_clauses_join_as_one_sentence() -> None:
    assert join_clauses(["受理低保申请并出具初审意见。", "组织召开民主评议会；", "", "使用信息系统端口"]) == \
        "受理低保申请并出具初审意见；组织召开民主评议会；使用信息系统端口"


@pytest.mark.parametrize(("unit", "read"), [
    ("元/村（居）·年", "元/年"), ("元/村·年", "元/年"), ("元/居·年", "元/年"), ("元/年", "元/年"),
    ("元/村", "元"), ("元/人·年", "元/人·年"), ("元", "元"),
])
def test_the_per_committee_unit_is_dropped_inside_one_committees_agreement(unit: str, read: str) -> None:
    assert committee_unit(unit) == read


def test_funding_reads_as_a_person_writes_it() -> None:
    assert funding_text(Decimal(3200), "元/村（居）·年", "县财政社会救助工作经费", "年初拨付50%，年终评估后结清。") == \
        "3,200.00元/年，由县财政社会救助工作经费列支；年初拨付50%，年终评估后结清"
    assert funding_text(Decimal("800.5"), "元/年", "由县残联专项经费承担", "") == "800.50元/年，由县残联专项经费承担"
    assert funding_text(Decimal(500), "年", "", "年底结清") == "500.00元/年；年底结清"
    assert funding_text(Decimal(1000), "元/村（居）·2015年11月至12月", "县残联", "一次拨付") == \
        "1,000.00元（2015年11月至12月），由县残联列支；一次拨付"
    for text in (funding_text(Decimal(1), unit, "县财政", "按季度拨付") for unit in ("元/村（居）·年", "元/居·年")):
        assert "（" not in text and text.count("元") == 1
