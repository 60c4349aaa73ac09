"""A signed agreement keeps the number it was signed with, whatever the registry's order becomes later."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

from ..conftest import EXAMPLE
from .helpers import all_text, open_docx

XINHUA = "agreements/2015/niushan/niushan-xinhua.yaml"


def _render(cli: Any, root: Path, out: Path) -> bytes:
    result = cli("-C", root, "render", "agreement", "--community", "niushan-xinhua", "--year", "2015", "-o", out)
    assert result.exit_code == 0, result.output
    [document] = out.rglob("*.docx")
    return document.read_bytes()


def test_the_signed_number_survives_a_reordered_registry(cli: Any, tmp_path: Path) -> None:
    root = tmp_path / "donghai"
    shutil.copytree(EXAMPLE, root)
    number = yaml.safe_load((root / XINHUA).read_text(encoding="utf-8"))["number"]
    assert number == "东民协〔2015〕1-2号"  # recorded by zsht sign (牛山街道 is the first township, 新华 its second)
    before = _render(cli, root, tmp_path / "before")
    assert number in all_text(open_docx(next((tmp_path / "before").rglob("*.docx"))))
    townships = root / "registry/townships.yaml"
    text = townships.read_text(encoding="utf-8")
    first = text.index("  - id: niushan")
    second = text.index("  - id: ", first + 1)
    townships.write_text(text[:first] + text[second:] + text[first:second], encoding="utf-8")  # 牛山 moved last
    assert _render(cli, root, tmp_path / "after") == before


def test_sign_records_the_number_by_the_county_pattern(cli: Any, mini: Any) -> None:
    config = mini.root / "zsht.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "agreement_number: 测民协〔{year}〕{township_seq}-{seq:02d}号\n",
                      encoding="utf-8")
    drafted = cli("-C", mini.root, "draft", "--year", "2016")
    assert drafted.exit_code == 0, drafted.output
    signed = cli("-C", mini.root, "sign", "--year", "2016", "--date", "2016-02-10")
    assert signed.exit_code == 0, signed.output
    numbers = sorted(yaml.safe_load(path.read_text(encoding="utf-8")).get("number")
                     for path in (mini.root / "agreements/2016").rglob("*.yaml"))
    assert numbers and all(n and n.startswith("测民协〔2016〕") and n.endswith("号") for n in numbers)
    assert len(set(numbers)) == len(numbers)
