"""--pdf: LibreOffice converts the whole batch; without it, one line that says how to install it."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from ..mini_county import MiniCounty

OFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def test_pdf_without_libreoffice_says_how_to_install(cli: Any, mini: MiniCounty, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    result = cli("-C", mini.root, "render", "agreement", "--all", "--pdf", "-o", tmp_path / "out")
    assert result.exit_code == 2
    assert "apt-get install libreoffice-writer fonts-noto-cjk" in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists()


@pytest.mark.slow
@pytest.mark.skipif(OFFICE is None, reason="LibreOffice (soffice) 未安装：apt-get install libreoffice-writer")
def test_pdf_batch(cli: Any, mini: MiniCounty, tmp_path: Path) -> None:
    result = cli("-C", mini.root, "render", "agreement", "--all", "--pdf", "-o", tmp_path)
    assert result.exit_code == 0, result.output
    pdfs = sorted(tmp_path.rglob("*.pdf"))
    assert len(pdfs) == 3 and all(p.read_bytes().startswith(b"%PDF") for p in pdfs)
