"""Generated values in every kind of cell an import reads: exit 0, 1 or 2 only, and what is written loads back."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from ..conftest import snapshot
from .test_sheets import export, row_of

XINHUA = "evaluations/2015/niushan/niushan-xinhua.yaml"

values = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True), st.decimals(allow_nan=False, allow_infinity=False, places=4),
    st.text(alphabet=st.characters(exclude_categories=("Cs", "Cc")), max_size=12),
    st.sampled_from(["３", "'3'", "1e0", "=1/0", "=A1", "12.50", "１２．５", " 7 ", "-0", "NaN", "inf", "1e+300"]),
    st.datetimes(min_value=dt.datetime(1900, 1, 1)),
)
# (sheet, community, key of the row, column): a score, a locked maximum, the survey, the year, a panel name.
cells = st.sampled_from([
    ("牛山街道", "niushan-xinhua", "XZ-001", 6), ("牛山街道", "niushan-xinhua", "XZ-002", 5),
    ("牛山街道", "niushan-qianjin", "XZ-003", 7), ("牛山街道-履职", "niushan-xinhua", "满意度", 6),
    ("牛山街道-履职", "niushan-xinhua", "ZF-01", 6), ("牛山街道", "", "year", 2),
    ("牛山街道", "niushan-xinhua", "panel", 6),
])


def held(record: dict[str, Any]) -> set[tuple[str, ...]]:
    """Which scores a record holds (not their values): an import may change a score, never drop one."""
    found = {("survey",)} if record.get("survey") is not None else set()
    found |= {("score", row["item"], member) for row in record["performance"] for member in row["scores"]}
    return found | {("gov", row["criterion"]) for row in record["government"] if row.get("score") is not None}


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(changes=st.lists(st.tuples(cells, values), min_size=1, max_size=3))
def test_any_cell_value_is_imported_or_refused_cleanly(cli: Any, mini: Any, tmp_path: Path,
                                                      changes: list[tuple[tuple[str, str, str, int], Any]]) -> None:
    mini.edit(XINHUA, lambda d: (d.update(status="草稿"), d.pop("result", None), d.pop("publication", None)))
    mini.draft("evaluations/2015/niushan/niushan-qianjin.yaml")  # its scores change too: a finalized one is frozen
    original = snapshot(mini.root)
    path = export(cli, mini.root, tmp_path / "s.xlsx")
    book = load_workbook(path)
    for (title, community, key, column), value in changes:
        sheet = book[title]
        if key == "year":
            row = 1
        elif key == "panel":
            row = row_of(sheet, community, "XZ-001") - 2
        else:
            row = row_of(sheet, community, key)
        sheet.cell(row, column).value = value
    book.save(path)
    result = cli("-C", mini.root, "sheet", "import", path)
    # The workbook is one zsht wrote, so it is always readable (exit 2 is for one that is not): imported, or
    # refused whole with one line per bad cell and the summary.
    assert result.exit_code in (0, 1), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    if result.exit_code == 1:
        *lines, summary = result.stderr.splitlines()
        assert any(re.match(r"(牛山街道|牛山街道-履职)![A-Z]+[0-9]+: \S", line) for line in lines), lines
        assert "未写入任何文件" in summary, summary
        assert snapshot(mini.root) == original
    else:
        assert cli.findings(mini.root) == []
        assert held(yaml.safe_load(original[XINHUA])) <= held(yaml.safe_load((mini.root / XINHUA).read_bytes()))
    for relpath, content in original.items():  # the next example starts from the same county
        (mini.root / relpath).write_bytes(content)
    for extra in set(snapshot(mini.root)) - set(original):
        (mini.root / extra).unlink()
