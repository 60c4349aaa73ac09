"""`zsht doctor`: check this machine for LibreOffice and the fonts the documents are set in."""

from __future__ import annotations

import shutil

import typer

from ..doctor import INSTALL_HINT, NoFontconfig, check_fonts
from .app import app


@app.command("doctor")
def doctor_command() -> None:
    """检查本机能否按 GB/T 9704 打印文书：LibreOffice 和仿宋_GB2312、方正小标宋简体、黑体、楷体_GB2312 四种字体。

    缺少的字体逐一列出，并说明 LibreOffice 将用哪种字体代替；有缺少时退出码为 1。

    例：zsht doctor
    """
    office = shutil.which("soffice") or shutil.which("libreoffice")
    typer.echo(f"LibreOffice：{office}" if office else "未找到 LibreOffice（soffice），不能生成 PDF")
    try:
        checks = check_fonts()
    except NoFontconfig:
        typer.echo("未找到 fontconfig（fc-list），无法检查字体；Windows 和 WPS 请在字体设置中确认这四种字体已安装")
        raise typer.Exit(1) from None
    for check in checks:
        typer.echo(check.line())
    missing = [check for check in checks if not check.installed]
    if missing:
        typer.echo(f"缺少 {len(missing)} 种字体：{INSTALL_HINT}")
    if missing or not office:
        raise typer.Exit(1)
