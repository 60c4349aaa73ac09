"""`sheet import` dates: an existing evaluation keeps its own; a new one is today's, never before the signing."""

from __future__ import annotations

import datetime as dt
import types
from pathlib import Path
from typing import Any

import pytest
import yaml
from openpyxl import load_workbook

from zsht.sheets import importer

from .test_sheets import export, fill_qianjin, row_of

QIANJIN = "evaluations/2015/niushan/niushan-qianjin.yaml"
XINHUA = "evaluations/2015/niushan/niushan-xinhua.yaml"


def _today(monkeypatch: pytest.MonkeyPatch, day: dt.date) -> None:
    class Clock(dt.date):
        @classmethod
        def today(cls) -> dt.date:
            return day  # a plain date, as the clock gives (the YAML writer knows no subclass)

    monkeypatch.setattr(importer, "dt", types.SimpleNamespace(date=Clock))


@pytest.mark.parametrize(("today", "expected"), [
    (dt.date(2016, 1, 8), dt.date(2016, 1, 8)),  # today, for a new record
    (dt.date(2015, 1, 20), dt.date(2015, 2, 10)),  # a clock before the agreement's signing (2015-02-10): the signing
])
def test_new_evaluation_date(cli: Any, mini: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                             today: dt.date, expected: dt.date) -> None:
    mini.remove(QIANJIN)
    mini.edit(XINHUA, lambda d: (d.update(date=dt.date(2015, 12, 18), status="草稿"), d.pop("publication")))
    path = export(cli, mini.root, tmp_path / "s.xlsx")
    book = load_workbook(path)
    sheet = book["牛山街道"]
    fill_qianjin(sheet, book["牛山街道-履职"])
    sheet.cell(row_of(sheet, "niushan-xinhua", "XZ-002"), 6).value = 4  # and a score of 新华社区's changes
    book.save(path)
    _today(monkeypatch, today)
    result = cli("-C", mini.root, "sheet", "import", path)
    assert result.exit_code == 0, result.output
    assert yaml.safe_load((mini.root / QIANJIN).read_text(encoding="utf-8"))["date"] == expected
    xinhua = yaml.safe_load((mini.root / XINHUA).read_text(encoding="utf-8"))
    assert xinhua["performance"][1]["scores"]["p1"] == 4 and xinhua["date"] == dt.date(2015, 12, 18)
