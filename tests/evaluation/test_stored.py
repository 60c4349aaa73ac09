"""One way to store a computed result in an evaluation file: `score --write` and `sheet import` write the same
bytes, rewrite only the figures that change, and put a new `result` where the schema has it."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml
from openpyxl import load_workbook

from ..conftest import EXAMPLE
from ..mini_county import MiniCounty, draft_file
from ..sheets.test_sheets import export, row_of

BAITA = "evaluations/2015/baitabu/baitabu-baita.yaml"
XINHUA = "evaluations/2015/niushan/niushan-xinhua.yaml"


def test_score_write_and_sheet_import_store_the_same_result(cli: Any, tmp_path: Path) -> None:
    # The same score changed in two copies of the example county: by a sheet in one, by hand then `score --write`
    # in the other. The result each stores must be written alike, byte for byte.
    by_sheet, by_hand = tmp_path / "by_sheet", tmp_path / "by_hand"
    shutil.copytree(EXAMPLE, by_sheet)
    shutil.copytree(EXAMPLE, by_hand)
    for copy in (by_sheet, by_hand):  # still being scored: a finalized evaluation is frozen
        draft_file(copy / BAITA)
    path = export(cli, by_sheet, tmp_path / "s.xlsx", "--township", "baitabu")
    book = load_workbook(path)
    sheet = book["白塔埠镇"]
    sheet.cell(row_of(sheet, "baitabu-baita", "XZ-001"), 6).value = 0  # p1: 4 → 0
    book.save(path)
    assert cli("-C", by_sheet, "sheet", "import", path).exit_code == 0

    target = by_hand / BAITA
    text = target.read_text(encoding="utf-8")
    first = text.index("  - item: XZ-001\n    max: 5\n    scores:\n      p1: 4\n")
    target.write_text(text[:first] + text[first:].replace("      p1: 4\n", "      p1: 0\n", 1), encoding="utf-8")
    assert cli("-C", by_hand, "score", "--year", "2015", "--township", "baitabu", "--write").exit_code == 0

    written = (by_sheet / BAITA).read_text(encoding="utf-8")
    assert written == target.read_text(encoding="utf-8")
    assert written != text  # the result did change (87.78 before)
    assert cli.findings(by_sheet) == [] and cli.findings(by_hand) == []


def test_score_write_rewrites_only_the_figures_that_change(mini: MiniCounty, cli: Any) -> None:
    mini.draft(XINHUA)  # a finalized evaluation is frozen: --write stores drafts' results only
    mini.edit(XINHUA, lambda d: d.update(survey=89))  # 履约 0.8 × 90 + 0.2 × 89 = 89.80, still 良好: the rest stays
    path = mini.root / XINHUA
    before = path.read_text(encoding="utf-8").splitlines()
    assert cli("-C", mini.root, "score", "--year", "2015", "--write").exit_code == 0
    after = path.read_text(encoding="utf-8").splitlines()
    changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    assert changed == [("  performance: 89.6", "  performance: 89.80")]
    assert "  government: 91.0" in after and "  settlement: 3500.0" in after


def test_a_new_result_goes_before_the_status(mini: MiniCounty, cli: Any) -> None:
    mini.edit(XINHUA, lambda d: (d.pop("result"), d.pop("publication"), d.update(status="草稿")))
    assert cli("-C", mini.root, "score", "--year", "2015", "--write").exit_code == 0
    record = yaml.safe_load((mini.root / XINHUA).read_text(encoding="utf-8"))
    assert list(record)[-3:] == ["survey", "result", "status"]
    assert record["result"] == {"performance": 89.6, "government": 91, "grade": "良好", "settlement": 3500}
