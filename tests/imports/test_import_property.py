"""Property: whatever text a county's list holds, the import writes a catalog that parses back as YAML, or
refuses with a one-line error; the text functions never raise."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zsht.errors import UserError
from zsht.imports.catalog import import_catalog
from zsht.imports.mapping import Register, applies_to, articles, bases, funding
from zsht.imports.text import is_category, parse_number, without_numbering

from ..conftest import EXAMPLE

# The characters county lists are made of, and some they should not be.
WORDS = ["序号", "事项名称", "主管部门", "法律依据", "经费", "备注", "工作要求", "考核评价", "权限", "类别", "注：", "一、",
         "（一）", "1.", "１", "第", "条", "至", "、", "，", "；", "《", "》", "村委会组织法", "中华人民共和国", "县民政局",
         "县残联", "每村", "每年", "元", "万", "二十一", "两千", "县财政", "拨付", "50%", "\n", " ", "类（8项）", "0", "9"]
TEXT = st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=3)), max_size=8).map("".join)
REGISTER = Register(laws={"村委会组织法": "cunweihui-law"}, departments={"民政局": "minzheng"}, county="东海县")


@settings(max_examples=200, deadline=None, derandomize=True)
@given(TEXT)
def test_text_functions_never_raise(text: str) -> None:
    funding(text), articles(text), bases(text, REGISTER), parse_number(text), without_numbering(text)
    applies_to(text), is_category(text)


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("county") / "donghai"
    shutil.copytree(EXAMPLE, root)
    return root


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture],
          derandomize=True)
@given(rows=st.lists(st.lists(TEXT, min_size=1, max_size=6), max_size=8), kind=st.sampled_from(["assist", "duty"]))
def test_any_table_imports_or_is_refused_in_one_line(county: Path, rows: list[list[str]], kind: str) -> None:
    buffer = io.StringIO()
    csv.writer(buffer).writerows([["序号", "事项名称", "法律依据", "主管部门", "经费"], *rows])
    source = county.parent / "清单.csv"
    source.write_text(buffer.getvalue(), encoding="utf-8")
    try:
        result = import_catalog(county, source, kind, 2099, force=True)
    except UserError as exc:
        assert "\n" not in exc.message
        return
    data = yaml.safe_load((county / result.relpath).read_text(encoding="utf-8"))
    assert len(data["items"]) == len(result.items) > 0
    assert [item["name"] for item in data["items"]] == [item["name"] for item in result.items]
