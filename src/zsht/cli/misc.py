"""`zsht rules` and `zsht recode`."""

from __future__ import annotations

from pathlib import Path

import typer

from ..recode import recode
from ..ruletable import rules_markdown, rules_text
from .app import app


@app.command("rules")
def rules_command(
    markdown: bool = typer.Option(False, "--markdown", help="输出 Markdown 表格（即 docs/rules.md）"),
) -> None:
    """列出全部规则编号、级别和说明。

    例：zsht rules --markdown > docs/rules.md
    """
    typer.echo(rules_markdown() if markdown else rules_text(), nl=False)


@app.command("recode")
def recode_command(
    files: list[Path] = typer.Argument(..., metavar="文件", help="要转为 UTF-8 的文件"),
) -> None:
    """把 GBK（GB18030）、UTF-16 等编码的文件就地转为 UTF-8。

    例：zsht recode agreements/2015/niushan/niushan-xinhua.yaml
    """
    for path in files:
        encoding = recode(path)
        typer.echo(f"{path}：{encoding} → UTF-8" if encoding else f"{path}：已是 UTF-8，未改动")
