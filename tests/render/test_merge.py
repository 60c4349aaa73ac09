"""`--pdf --merge`: a township's agreements as one PDF to print, in the committees' registry order."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

from ..mini_county import MiniCounty

OFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def test_merge_without_pdf_is_a_usage_error(cli: Any, mini: MiniCounty, tmp_path: Path) -> None:
    result = cli("-C", mini.root, "render", "agreement", "--all", "--merge", "-o", tmp_path / "out")
    assert result.exit_code == 2 and "--merge 只能与 --pdf 同用" in result.output
    assert len(result.output.strip().splitlines()) == 1 and not (tmp_path / "out").exists()


def test_merge_without_pypdf_says_how_to_install_it(cli: Any, mini: MiniCounty, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pypdf", None)  # as if it were not installed
    result = cli("-C", mini.root, "render", "agreement", "--all", "--pdf", "--merge", "-o", tmp_path / "out")
    assert result.exit_code == 2 and "pip install 'zsht[pdf]'" in result.output
    assert not (tmp_path / "out").exists()  # refused before any work


@pytest.mark.slow
@pytest.mark.skipif(OFFICE is None, reason="LibreOffice (soffice) 未安装：apt-get install libreoffice-writer")
def test_a_townships_agreements_merge_in_registry_order(cli: Any, mini: MiniCounty, tmp_path: Path) -> None:
    from pypdf import PdfReader

    result = cli("-C", mini.root, "render", "agreement", "--township", "niushan", "--pdf", "--merge", "-o", tmp_path)
    assert result.exit_code == 0, result.output
    folder = tmp_path / "2015" / "牛山街道"
    merged = PdfReader(folder / "牛山街道协议书合订本.pdf")
    # registry order: 新华 before 前进 (the files sort the other way: niushan-qianjin < niushan-xinhua)
    parts = [PdfReader(folder / f"{name}.pdf") for name in ("新华社区居民委员会", "前进村民委员会")]
    assert len(merged.pages) == sum(len(part.pages) for part in parts)
    assert [page.extract_text() for page in merged.pages] == [page.extract_text() for part in parts
                                                              for page in part.pages]
    assert "新华社区居民委员会" in merged.pages[0].extract_text()
    assert "前进村民委员会" in merged.pages[len(parts[0].pages)].extract_text()
