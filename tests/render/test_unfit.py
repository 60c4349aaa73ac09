"""Render never writes a document that does not parse, and long names still give a file."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any
from xml.parsers import expat

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zsht import load_county
from zsht.layout import COMMUNITY, NOTICE
from zsht.render.agreements import plan_agreements
from zsht.render.batch import run_plan
from zsht.render.paths import safe_name

from ..mini_county import MiniCounty
from .helpers import all_text, open_docx

REGISTRY = "registry/communities/niushan.yaml"


def rename(mini: MiniCounty, name: str, position: int = 0) -> None:
    mini.edit(REGISTRY, lambda d: d["communities"][position].update(name=name))


def parses(path: Path) -> bool:
    with zipfile.ZipFile(path) as archive:
        for part in archive.namelist():
            try:
                expat.ParserCreate().Parse(archive.read(part), True)
            except expat.ExpatError:
                return False
    return True


@pytest.mark.parametrize("char", ["\x00", "\x01", "\ufffe", "\x1f"])
def test_a_character_xml_cannot_hold_fails_that_record_only(mini: MiniCounty, tmp_path: Path, char: str) -> None:
    """Rendered without validation (validate refuses the character as ZS102): render is safe on its own."""
    county = load_county(mini.root)
    # set past the model's own check, as a record from another source (a county template, a plugin) could bring it
    object.__setattr__(county.index(COMMUNITY)["niushan-xinhua"].record, "name", f"新华{char}社区居民委员会")
    plan = plan_agreements(county, [], 2015)
    result = run_plan(plan, mini.root, tmp_path, jobs=1)
    [failed] = [o for o in result.outcomes if o.status == "failed"]
    assert failed.reason.startswith("agreements/2015/niushan/niushan-xinhua.yaml：")
    assert "agreement.community" in failed.reason and f"U+{ord(char):04X}" in failed.reason
    assert not (tmp_path / failed.job.output).exists()
    written = sorted(tmp_path.rglob("*.docx"))
    assert len(written) == 2 and all(parses(path) for path in written)


def test_a_county_template_that_writes_a_control_character(cli: Any, mini: MiniCounty, tmp_path: Path) -> None:
    (mini.root / "templates").mkdir()
    (mini.root / "templates" / "agreement.xml.j2").write_text('{{ p("甲方\x02") }}\n', encoding="utf-8")
    result = cli("-C", mini.root, "render", "agreement", "--all", "-o", tmp_path)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "agreement.xml.j2 生成的 word/document.xml 含有 XML 不能容纳的字符 U+0002" in result.output
    assert not list(tmp_path.rglob("*.docx"))


def test_a_county_template_that_breaks_a_shared_part(cli: Any, mini: MiniCounty, tmp_path: Path) -> None:
    (mini.root / "templates").mkdir()
    (mini.root / "templates" / "settings.xml.j2").write_text("<w:settings>\n<w:zoom>\n", encoding="utf-8")
    result = cli("-C", mini.root, "render", "agreement", "--all", "-o", tmp_path)
    assert result.exit_code == 2, result.output
    [line] = result.output.strip().splitlines()
    assert "settings.xml.j2" in line and "word/settings.xml" in line and "不是合格的 XML" in line
    assert not list(tmp_path.rglob("*.docx"))


def test_a_committee_name_of_80_chinese_characters_renders(cli: Any, mini: MiniCounty, tmp_path: Path) -> None:
    name = "新" * 77 + "居委会"
    rename(mini, name)
    result = cli("-C", mini.root, "render", "agreement", "--community", "niushan-xinhua", "-o", tmp_path)
    assert result.exit_code == 0, result.output
    path = tmp_path / "2015" / "牛山街道" / f"{name}.docx"
    assert name in open_docx(path).core_properties.title and "乙方" in all_text(open_docx(path))


def test_longer_names_are_cut_at_255_bytes_and_stay_apart(cli: Any, mini: MiniCounty, tmp_path: Path) -> None:
    rename(mini, "前" * 100 + "甲", 0)
    rename(mini, "前" * 100 + "乙", 1)
    result = cli("-C", mini.root, "render", "agreement", "--township", "niushan", "-o", tmp_path)
    assert result.exit_code == 0, result.output
    names = sorted(path.name for path in (tmp_path / "2015" / "牛山街道").iterdir())
    assert len(names) == 2 and all(len(name.encode("utf-8")) <= 255 for name in names)
    assert all(name.endswith(".docx") and name.startswith("前" * 60) for name in names)
    assert not list(tmp_path.rglob("*.tmp"))


@given(st.text(min_size=0, max_size=400), st.integers(min_value=0, max_value=20))
def test_safe_name_fits_one_file_name(text: str, reserve: int) -> None:
    name = safe_name(text, reserve=reserve)
    assert 0 < len(name.encode("utf-8")) <= 255 - reserve
    assert "/" not in name and "\x00" not in name and name not in (".", "..")


def test_a_notice_with_a_control_character_is_written_in_no_format(mini: MiniCounty, tmp_path: Path) -> None:
    from zsht.render.notices import plan_notices

    county = load_county(mini.root)
    [notice] = county.entries(NOTICE)
    object.__setattr__(notice.record, "title", "关于两份清单的\x0b公示")  # past the model's check, as above
    plan = plan_notices("catalog", county, [], 2015, None)
    result = run_plan(plan, mini.root, tmp_path / "out", jobs=1)
    assert [o.status for o in result.outcomes] == ["failed"] * 3
    assert all("notice.title" in o.reason and "U+000B" in o.reason for o in result.outcomes)
    assert not (tmp_path / "out").exists()
