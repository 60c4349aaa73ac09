"""`zsht rules` and `zsht recode`."""

from __future__ import annotations

from pathlib import Path

import typer

from ..recode import recode
from ..ruletable import RULES
from .app import app


@app.command("rules")
def rules_command() -> None:
    """列出全部规则编号、级别和说明。

    例：zsht rules
    """
    for rule in RULES.values():
        source = f"（依据：{rule.source}）" if rule.source else ""
        typer.echo(f"{rule.id}\t{rule.severity.label}\t{rule.title}：{rule.description}{source}")


@app.command("recode")
def recode_command(
    files: list[Path] = typer.Argument(..., help="要转为 UTF-8 的文件"),
) -> None:
    """把 GBK（GB18030）、UTF-16 等编码的文件就地转为 UTF-8。

    例：zsht recode agreements/2015/niushan/niushan-xinhua.yaml
    """
    for path in files:
        encoding = recode(path)
        typer.echo(f"{path}：{encoding} → UTF-8" if encoding else f"{path}：已是 UTF-8，未改动")
