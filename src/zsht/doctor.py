"""`zsht doctor`: whether this machine can print the documents as GB/T 9704-2012 sets them.

The documents name four Chinese fonts. Windows and WPS have some of them (仿宋, 黑体, 楷体), the _GB2312 cuts
and 方正小标宋简体 are installed by hand; on Linux LibreOffice takes whatever fontconfig offers in their place.
The check asks fontconfig itself (fc-list for what is installed, fc-match for what stands in), so that what it
says is what LibreOffice will do.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape


@dataclass(frozen=True)
class Font:
    """A font the documents name, what it sets, and the names the same face is also installed under (not a
    similar face: 仿宋 is not 仿宋_GB2312, and fontconfig does not put one in the other's place)."""

    name: str
    role: str
    generic: str  # the kind of face to put in its place: "serif" (仿宋, 楷体, 小标宋) or "sans-serif" (黑体)
    aliases: tuple[str, ...] = ()


FONTS: tuple[Font, ...] = (
    Font("仿宋_GB2312", "正文，3号仿宋", "serif", ("FangSong_GB2312",)),
    Font("方正小标宋简体", "标题，2号小标宋", "serif", ("FZXiaoBiaoSong-B05S", "方正小标宋_GBK", "FZXiaoBiaoSong-B05")),
    Font("黑体", "一级标题和表头，3号黑体", "sans-serif", ("SimHei",)),
    Font("楷体_GB2312", "二级标题，3号楷体", "serif", ("KaiTi_GB2312",)),
)
INSTALL_HINT = ("把仿宋_GB2312、方正小标宋简体、黑体、楷体_GB2312 的字体文件复制到 ~/.local/share/fonts/ 后运行 fc-cache；"
                "没有这些字体时至少安装 fonts-noto-cjk（思源宋体、黑体）")


@dataclass(frozen=True)
class FontCheck:
    """One font: installed, or the face fontconfig (and so LibreOffice) puts in its place."""

    font: Font
    installed: bool
    substitute: str = ""

    def line(self) -> str:
        """The finding in one Chinese line."""
        if self.installed:
            return f"已安装 {self.font.name}：{self.font.role}"
        instead = f"PDF 中由“{self.substitute}”代替" if self.substitute else "没有可代替的中文字体"
        return f"缺少字体 {self.font.name}（{self.font.role}），{instead}"


class NoFontconfig(Exception):
    """fc-list is not on this machine (Windows, macOS without fontconfig): fonts cannot be checked this way."""


def _run(command: Sequence[str]) -> str:
    try:
        done = subprocess.run(list(command), capture_output=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise NoFontconfig(str(exc)) from None
    return done.stdout.decode("utf-8", errors="replace")


def installed_families() -> set[str]:
    """Every family name fontconfig knows (each localized name of a font counts)."""
    if shutil.which("fc-list") is None:
        raise NoFontconfig("fc-list")
    families: set[str] = set()
    for line in _run(["fc-list", ":", "family"]).splitlines():
        families.update(name.strip() for name in line.split(",") if name.strip())
    return families


def _first_family(pattern: str) -> str:
    return _run(["fc-match", "-f", "%{family}", pattern]).split(",")[0].strip()


def substitute(font: Font) -> str:
    """The installed Chinese face of the same kind (serif for 仿宋) that zsht's PDFs put in `font`'s place, else
    whatever fontconfig matches for the name in Chinese text; "" when fontconfig cannot say."""
    if shutil.which("fc-match") is None:
        return ""
    kind = _first_family(f"{font.generic}:lang=zh-cn")
    if kind and _run(["fc-list", f"{kind}:lang=zh-cn", "family"]).strip():
        return kind
    return _first_family(f"{font.name}:lang=zh-cn")


def check_fonts(fonts: Sequence[Font] = FONTS) -> list[FontCheck]:
    """Each font the documents name: installed under its name or an alias, else what stands in for it.

    Raises NoFontconfig when fontconfig is not there to ask."""
    families = installed_families()
    checks = []
    for font in fonts:
        if font.name in families or families & set(font.aliases):
            checks.append(FontCheck(font, True))
        else:
            checks.append(FontCheck(font, False, substitute(font)))
    return checks


def missing_font_lines() -> list[str]:
    """One line per missing font, or a line saying fonts could not be checked; none when all are there."""
    try:
        return [check.line() for check in check_fonts() if not check.installed]
    except NoFontconfig:
        return ["未找到 fontconfig（fc-list），无法检查 PDF 所用字体是否齐全"]


def fontconfig_file(checks: Sequence[FontCheck], system: str) -> str:
    """A fontconfig file that reads `system` (the machine's own configuration) and then lets each missing font
    fall back to its substitute: LibreOffice ignores the .docx's hints (w:family, w:altName) and asks fontconfig,
    which would otherwise answer a sans for 仿宋_GB2312. Written for the missing fonts only (a strong `prefer`
    would override an installed one), for one conversion: nothing on the machine changes."""
    aliases = "".join(
        f'<alias binding="same"><family>{escape(check.font.name)}</family><prefer><family>'
        f"{escape(check.substitute)}</family></prefer></alias>\n" for check in checks if not check.installed and check.substitute)
    return ('<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
            f'<include ignore_missing="yes">{escape(system)}</include>\n{aliases}</fontconfig>\n')
