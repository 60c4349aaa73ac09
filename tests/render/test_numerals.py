"""Capital numerals, dates and safe paths, tested directly."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from zsht.errors import UserError
from zsht.render import capital_amount, date_cn, output_path, safe_name
from zsht.render.numerals import article


@pytest.mark.parametrize(("amount", "expected"), [
    (10005, "壹万零伍元整"),
    (100000, "壹拾万元整"),
    (Decimal("12500.50"), "壹万贰仟伍佰元伍角"),
    (Decimal("0.05"), "伍分"),
    (1000000, "壹佰万元整"),
    (12500, "壹万贰仟伍佰元整"),
    (0, "零元整"),
    (Decimal("1005.05"), "壹仟零伍元零伍分"),
    (100010, "壹拾万零壹拾元整"),
    (20030400, "贰仟零叁万零肆佰元整"),
    (100000001, "壹亿零壹元整"),
    (Decimal("1.07"), "壹元零柒分"),
])
def test_capital_amount(amount: Decimal | int, expected: str) -> None:
    assert capital_amount(amount) == expected


def test_capital_amount_refuses_negative() -> None:
    with pytest.raises(ValueError):
        capital_amount(-1)


def test_dates_have_no_zero_padding() -> None:
    assert date_cn(dt.date(2015, 3, 1)) == "2015年3月1日"


def test_article_numbers() -> None:
    assert [article(n) for n in (5, 10, 21, 37, 101, 110)] == [
        "第五条", "第十条", "第二十一条", "第三十七条", "第一百零一条", "第一百一十条"]


@pytest.mark.parametrize("name", ["../../x", "..", "/etc/passwd", "a/../../b", "C:\\x", ".", "", "\x00"])
def test_safe_name_never_leaves_a_separator(name: str) -> None:
    made = safe_name(name, fallback="x")
    assert "/" not in made and "\\" not in made and made not in ("", ".", "..")


@pytest.mark.parametrize("relpath", ["../x.docx", "2015/../../x.docx", "/../x", "a\\..\\b", ".."])
def test_output_path_refuses_to_leave_the_folder(tmp_path: Path, relpath: str) -> None:
    with pytest.raises(UserError):
        output_path(tmp_path / "out", relpath)


def test_output_path_inside(tmp_path: Path) -> None:
    assert output_path(tmp_path, "2015/牛山街道/新华.docx") == (tmp_path / "2015/牛山街道/新华.docx").resolve()
