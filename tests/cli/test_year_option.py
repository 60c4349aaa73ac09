"""Every --year takes a year a record may have (1980-2100): anything else is one usage line, exit 2, never exit 70."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ..conftest import EXAMPLE

COMMANDS = ((("score",), ()), (("report",), ()), (("sheet", "export"), ("-o", "x.xlsx")),
            (("render", "agreement"), ("--all", "-o", "out")), (("draft",), ()), (("sign",), ("--date", "2016-02-10")),
            (("sheet", "import"), ("x.xlsx",)), (("init",), ("new", "--county", "新县")))


@pytest.mark.parametrize("year", ["99999", "0", "-1", "1979", "2101"])
@pytest.mark.parametrize(("command", "rest"), COMMANDS, ids=lambda c: " ".join(c))
def test_a_year_out_of_range_is_one_usage_line(command: tuple[str, ...], rest: tuple[str, ...], year: str, cli: Any,
                                              tmp_path: Path) -> None:
    result = cli("-C", EXAMPLE, *command, f"--year={year}", *rest)
    assert result.exit_code == 2, result.output
    assert f"年度应在 1980 到 2100 之间，不能是 {year}" in result.stderr
    assert not (EXAMPLE / "out").exists() and not (EXAMPLE / "new").exists()
