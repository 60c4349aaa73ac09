"""Fonts: the .docx names substitutes of the right kind, `zsht doctor` and `--pdf` say which fonts are missing and
what stands in (fontconfig faked through PATH), and LibreOffice is handed those substitutes."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import pytest
from docx.oxml.ns import qn
from lxml import etree

from ..mini_county import MiniCounty

# fc-list and fc-match as fontconfig answers them, on a machine with 仿宋_GB2312 and 黑体 (as SimHei) only
FC_LIST = """#!/bin/sh
if [ "$1" = ":" ]; then
  printf '%s\\n' "仿宋_GB2312" "SimHei,黑体" "Noto Serif CJK SC,Noto Serif CJK SC SemiBold" "Noto Sans CJK SC" "DejaVu Sans"
else
  case "$1" in *CJK*) printf '%s\\n' "${1%%:*}";; esac
fi
"""
FC_MATCH = """#!/bin/sh
case "$3" in
  serif:*) printf '%s' "Noto Serif CJK SC,Noto Serif CJK SC Regular";;
  sans-serif:*) printf '%s' "Noto Sans CJK SC";;
  *) printf '%s' "DejaVu Sans";;
esac
"""
# LibreOffice as far as a batch sees it: a PDF per .docx in --outdir, and the fontconfig file it was given kept
SOFFICE = """#!/bin/sh
prev=""
for a in "$@"; do
  [ "$prev" = "--outdir" ] && out="$a"
  prev="$a"
done
/bin/mkdir -p "$out"
for a in "$@"; do
  case "$a" in *.docx) name="${a##*/}"; printf '%%PDF-1.4 fake\\n' > "$out/${name%.docx}.pdf";; esac
done
[ -n "$FONTCONFIG_FILE" ] && /bin/cat "$FONTCONFIG_FILE" > "$FONTS_SEEN"
exit 0
"""


def _tools(folder: Path, **scripts: str) -> Path:
    folder.mkdir(exist_ok=True)
    for name, text in scripts.items():
        tool = folder / name.replace("_", "-")
        tool.write_text(text, encoding="utf-8")
        tool.chmod(0o755)
    return folder


def test_doctor_lists_the_missing_fonts_and_their_substitutes(cli: Any, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(_tools(tmp_path / "bin", fc_list=FC_LIST, fc_match=FC_MATCH, soffice=SOFFICE)))
    result = cli("doctor")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0] == f"LibreOffice：{tmp_path / 'bin' / 'soffice'}"
    assert "已安装 仿宋_GB2312：正文，3号仿宋" in lines and "已安装 黑体：一级标题和表头，3号黑体" in lines
    assert "缺少字体 方正小标宋简体（标题，2号小标宋），PDF 中由“Noto Serif CJK SC”代替" in lines
    assert "缺少字体 楷体_GB2312（二级标题，3号楷体），PDF 中由“Noto Serif CJK SC”代替" in lines
    assert lines[-1].startswith("缺少 2 种字体：")


def test_doctor_is_content_when_everything_is_there(cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    every = FC_LIST.replace('"DejaVu Sans"', '"方正小标宋简体" "KaiTi_GB2312,楷体_GB2312"')
    monkeypatch.setenv("PATH", str(_tools(tmp_path / "bin", fc_list=every, fc_match=FC_MATCH, soffice=SOFFICE)))
    result = cli("doctor")
    assert result.exit_code == 0, result.output
    assert sum(line.startswith("已安装 ") for line in result.output.splitlines()) == 4 and "缺少" not in result.output


def test_doctor_without_fontconfig_says_so_in_one_line(cli: Any, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(_tools(tmp_path / "bin", soffice=SOFFICE)))
    result = cli("doctor")
    assert result.exit_code == 1
    assert result.output.splitlines()[1].startswith("未找到 fontconfig（fc-list），无法检查字体")


def test_pdf_names_the_missing_fonts_and_hands_libreoffice_their_substitutes(
        cli: Any, mini: MiniCounty, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(_tools(tmp_path / "bin", fc_list=FC_LIST, fc_match=FC_MATCH, soffice=SOFFICE)))
    seen = tmp_path / "fonts-seen.conf"
    monkeypatch.setenv("FONTS_SEEN", str(seen))
    result = cli("-C", mini.root, "render", "agreement", "--all", "--pdf", "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert len(list((tmp_path / "out").rglob("*.pdf"))) == 3
    assert "提示：缺少字体 方正小标宋简体（标题，2号小标宋），PDF 中由“Noto Serif CJK SC”代替" in result.stderr
    assert "仿宋_GB2312" not in result.stderr  # installed: nothing to say
    config = seen.read_text(encoding="utf-8")
    assert "<family>方正小标宋简体</family><prefer><family>Noto Serif CJK SC</family>" in config
    assert "<family>仿宋_GB2312</family>" not in config  # an installed font is never overridden
    assert '<include ignore_missing="yes">' in config  # the machine's own configuration still applies


def _font_table(path: Path) -> dict[str, dict[str, str]]:
    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("word/fontTable.xml"))
    table = {}
    for font in root.iter(qn("w:font")):
        table[font.get(qn("w:name"))] = {child.tag.split("}")[1]: child.get(qn("w:val")) for child in font}
    return table


def test_the_fonts_part_names_substitutes_of_the_same_kind(cli: Any, mini: MiniCounty, tmp_path: Path) -> None:
    assert cli("-C", mini.root, "render", "notice", "catalog", "-o", tmp_path).exit_code == 0
    fonts = _font_table(next(tmp_path.rglob("*.docx")))
    # 仿宋 and 楷体 are serif faces (roman), never a sans: Linux and WPS then pick a serif in their place
    assert fonts["仿宋_GB2312"]["altName"] == "仿宋" and fonts["仿宋_GB2312"]["family"] == "roman"
    assert fonts["楷体_GB2312"]["altName"] == "楷体" and fonts["楷体_GB2312"]["family"] == "roman"
    assert fonts["方正小标宋简体"]["family"] == "roman" and fonts["黑体"]["family"] == "swiss"
    for name in ("仿宋_GB2312", "仿宋", "楷体_GB2312", "方正小标宋简体", "黑体", "宋体"):
        assert len(fonts[name]["panose1"]) == 20 and fonts[name]["charset"] == "86", name


def _body_substitute() -> str:
    import shutil

    from zsht.doctor import FONTS, NoFontconfig, check_fonts

    if not (shutil.which("soffice") and shutil.which("fc-list")):
        return ""
    try:
        [body] = [check for check in check_fonts() if check.font == FONTS[0]]
    except NoFontconfig:
        return ""
    return "" if body.installed else body.substitute


@pytest.mark.slow
def test_a_pdf_sets_the_body_in_a_serif_where_fangsong_is_missing(cli: Any, mini: MiniCounty, tmp_path: Path) -> None:
    substitute = _body_substitute()
    if "Serif" not in substitute:
        pytest.skip("需要 LibreOffice、fontconfig，且本机缺少仿宋_GB2312 而有中文衬线字体（如 fonts-noto-cjk）")
    from pypdf import PdfReader

    result = cli("-C", mini.root, "render", "notice", "catalog", "--year", "2015", "--pdf", "-o", tmp_path)
    assert result.exit_code == 0, result.output
    fonts = {str(font.get_object()["/BaseFont"]) for page in PdfReader(next(tmp_path.rglob("*.pdf"))).pages
             for font in page["/Resources"]["/Font"].values()}
    assert any("Serif" in font for font in fonts), fonts  # LibreOffice alone would set it all in a sans
