"""`-C PATH` means "as if started in PATH" for every relative path, as `git -C` does; the caller's directory
comes back afterwards, also when zsht is used as a library."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from zsht.cli import run

from ..mini_county import MiniCounty


@pytest.fixture
def elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Start in a folder that is not the county, as a user who types -C does."""
    start = tmp_path / "elsewhere"
    start.mkdir()
    monkeypatch.chdir(start)
    return start


def test_relative_output_of_score_is_inside_the_county(mini: MiniCounty, cli: Any, elsewhere: Path) -> None:
    result = cli("-C", mini.root, "score", "--year", "2015", "-o", "r.xlsx")
    assert result.exit_code == 0, result.output
    assert (mini.root / "r.xlsx").is_file() and not (elsewhere / "r.xlsx").exists()
    assert Path.cwd() == elsewhere


def test_relative_sheet_export_and_import_use_the_county_folder(mini: MiniCounty, cli: Any, elsewhere: Path) -> None:
    assert cli("-C", mini.root, "sheet", "export", "--year", "2015", "-o", "rel.xlsx").exit_code == 0
    assert (mini.root / "rel.xlsx").is_file() and not (elsewhere / "rel.xlsx").exists()
    result = cli("-C", mini.root, "sheet", "import", "rel.xlsx")
    assert result.exit_code == 0, result.output


def test_relative_render_output_is_inside_the_county(mini: MiniCounty, cli: Any, elsewhere: Path) -> None:
    result = cli("-C", mini.root, "render", "agreement", "--community", "niushan-xinhua", "-o", "out", "-j", "1")
    assert result.exit_code == 0, result.output
    written = sorted(p.relative_to(mini.root).as_posix() for p in (mini.root / "out").rglob("*.docx"))
    assert written == ["out/2015/牛山街道/新华社区居民委员会.docx"] and not (elsewhere / "out").exists()


def test_relative_validate_report_and_a_relative_dash_c(mini: MiniCounty, cli: Any, elsewhere: Path) -> None:
    relative = os.path.relpath(mini.root, elsewhere)
    result = cli("-C", relative, "validate", "--format", "json", "-o", "report.json")
    assert result.exit_code == 0, result.output
    assert json.loads((mini.root / "report.json").read_text(encoding="utf-8")) == []
    assert Path.cwd() == elsewhere


def test_the_callers_directory_comes_back_after_an_error_and_in_library_use(mini: MiniCounty,
                                                                           elsewhere: Path) -> None:
    assert run(["-C", str(mini.root), "score", "--year", "1999"]) == 2  # no records of that year: a usage error
    assert Path.cwd() == elsewhere
    assert run(["-C", str(mini.root), "validate", "--formt"]) == 2
    assert Path.cwd() == elsewhere
    assert run(["-C", str(mini.root), "rules"]) == 0
    assert Path.cwd() == elsewhere
