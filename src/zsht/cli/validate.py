"""`zsht validate`."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path

import typer

from ..findings import Severity
from ..report import FORMATS
from ..report.text import text
from ..validate import validate
from .app import STATE, app


class Format(StrEnum):
    text = "text"
    json = "json"
    github = "github"
    sarif = "sarif"


@app.command("validate")
def validate_command(
    fmt: Format = typer.Option(Format.text, "--format", "-f", help="输出格式：text、json、github、sarif"),
    fail_on: Severity = typer.Option(Severity.ERROR, "--fail-on", help="达到此级别的问题使退出码为 1"),
    output: Path | None = typer.Option(None, "--output", "-o", help="把报告写入文件而不是终端"),
) -> None:
    """校验县级仓库中的全部记录，报告所有问题。

    退出码：0 没有达到 --fail-on 级别的问题；1 有；2 用法或读写错误。

    例：zsht validate --format github
    """
    result = validate(STATE.root())
    if fmt is Format.text and output is None:
        rendered = text(result, color=sys.stdout.isatty())
    else:
        rendered = FORMATS[fmt.value](result)
    if output is not None:
        output.write_text(rendered, encoding="utf-8")
    else:
        sys.stdout.write(rendered)
    raise typer.Exit(1 if result.fails(fail_on) else 0)
