"""Text into structure: numerals, article numbers, funding, departments and laws by their short names."""

from __future__ import annotations

from decimal import Decimal

import pytest

from zsht.imports.mapping import Register, articles, bases, funding
from zsht.imports.text import is_category, is_footnote, parse_number, without_numbering


@pytest.mark.parametrize(("text", "number"), [
    ("21", 21), ("２１", 21), ("十", 10), ("十一", 11), ("二十一", 21), ("一百零五", 105), ("一百一十", 110),
    ("两千", 2000), ("一千二百六十", 1260), ("三万五千", 35000), ("二〇二六", 2026), ("第一", None), ("", None),
])
def test_numbers_in_digits_and_chinese(text: str, number: int | None) -> None:
    assert parse_number(text) == number


@pytest.mark.parametrize(("text", "numbers"), [
    ("第二十一条、第二十五条", [21, 25]),
    ("第21条", [21]),
    ("第２１条第２款、第37条", [21, 37]),
    ("第二十一、二十五条", [21, 25]),
    ("第十七条至第十九条", [17, 18, 19]),
    ("第4-6条", [4, 5, 6]),
    ("第三章", []),
])
def test_article_numbers(text: str, numbers: list[int]) -> None:
    assert articles(text) == numbers


@pytest.mark.parametrize(("text", "expected"), [
    ("每村（社区）每年2000元，县财政列支，年初拨付50%",
     {"amount": 2000, "unit": "元/村（社区）·年", "source": "县财政", "payment": "年初拨付50%"}),
    ("每年每村0.5万元，由县民政局专项经费承担，年初拨付60%，年终考核后结清",
     {"amount": 5000, "unit": "元/村·年", "source": "县民政局专项经费", "payment": "年初拨付60%，年终考核后结清"}),
    ("２，４００元/年", {"amount": 2400, "unit": "元/年"}),
    ("每人每月五十元", {"amount": 50, "unit": "元/人·月"}),
    ("每村1200.5元", {"amount": Decimal("1200.5"), "unit": "元/村"}),
    ("2000；县财政；年初拨付50%", {"amount": 2000, "unit": "元", "source": "县财政", "payment": "年初拨付50%"}),
    ("年度经费3000元", {"amount": 3000, "unit": "元/年"}),
])
def test_funding_text(text: str, expected: dict[str, object]) -> None:
    assert funding(text) == expected


@pytest.mark.parametrize("text", ["按实际工作量据实结算", "县财政保障", "0元", "年初拨付50%"])
def test_funding_text_without_an_amount(text: str) -> None:
    assert funding(text) is None


REGISTER = Register(
    laws={"中华人民共和国村民委员会组织法": "cunweihui-law", "村民委员会组织法": "cunweihui-law",
          "村委会组织法": "cunweihui-law"},
    departments={}, county="东海县")
for _name, _id in (("东海县民政局", "minzheng"), ("县残联", "canlian"), ("东海县人民政府法制办公室", "fazhi")):
    REGISTER.departments[REGISTER.department_key(_name)] = _id


@pytest.mark.parametrize(("text", "department"), [
    ("东海县民政局", "minzheng"), ("县民政局", "minzheng"), ("民政局", "minzheng"), ("县残联", "canlian"),
    ("东海县残联", "canlian"), ("县民政局（牵头）、县财政局", "minzheng"), ("县人民政府法制办公室", "fazhi"),
    ("县财政局", None), ("", None),
])
def test_departments_by_name_and_alias(text: str, department: str | None) -> None:
    assert REGISTER.department(text) == department


def test_usual_abbreviations_need_no_alias_in_the_registry() -> None:
    register = Register(laws={}, departments={}, county="赣榆县")
    for name, department in (("赣榆县残疾人联合会", "canlian"), ("赣榆县人民武装部", "wuzhuang"),
                             ("赣榆县卫生和计划生育委员会", "weiji"), ("赣榆县食品药品监督管理局", "shiyaojian"),
                             ("赣榆县老龄工作委员会办公室", "laoling"), ("赣榆县人民政府法制办公室", "fazhi")):
        register.departments[register.department_key(name)] = department
    found = [register.department(text) for text in ("县残联", "县人武部", "县卫计委", "县食药监局", "县老龄办", "县法制办",
                                                    "县妇联")]
    assert found == ["canlian", "wuzhuang", "weiji", "shiyaojian", "laoling", "fazhi", None]


def test_laws_by_name_short_name_and_revision_note() -> None:
    assert bases("《村委会组织法》第21条", REGISTER) == ([{"law": "cunweihui-law", "articles": [21]}], [])
    assert bases("《中华人民共和国村民委员会组织法（2018年修正）》", REGISTER) == ([{"law": "cunweihui-law"}], [])
    assert bases("《村民委员会组织法》第二条；《江苏省实施〈村委会组织法〉办法》第五条", REGISTER) == (
        [{"law": "cunweihui-law", "articles": [2]}, "《江苏省实施〈村委会组织法〉办法》第五条"],
        ["江苏省实施〈村委会组织法〉办法"])
    assert bases("县委文件", REGISTER) == (["县委文件"], [])


@pytest.mark.parametrize(("text", "name"), [
    ("1.居住证明", "居住证明"), ("1、居住证明", "居住证明"), ("（一）居住证明", "居住证明"), ("一、居住证明", "居住证明"),
    ("①居住证明", "居住证明"), ("１．居住证明", "居住证明"), ("2.5米以上道路", "2.5米以上道路"), ("居住证明", "居住证明"),
])
def test_numbering_before_a_name(text: str, name: str) -> None:
    assert without_numbering(text) == name


def test_category_and_note_rows() -> None:
    assert is_category("一、民政类（8项）") and is_category("（二）社会保障") and is_category("民政类")
    assert is_category("社会事务（共4项）")
    assert not is_category("最低生活保障申请受理协助") and not is_category("组织开展人口普查")
    assert is_footnote("注：经费为每村每年金额") and is_footnote("说明：本清单由县民政局负责解释")
    assert not is_footnote("注销户口协助")
