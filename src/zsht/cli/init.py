"""`zsht init`: start a new county repository."""

from __future__ import annotations

from pathlib import Path

import typer

from .app import app
from .options import year_option


@app.command("init")
def init_command(
    folder: Path = typer.Argument(..., metavar="目录", help="新仓库的目录（可不存在）"),
    county: str = typer.Option(..., "--county", help="县（市、区）名称，如 东海县"),
    code: str = typer.Option("000000", "--code", help="6 位行政区划代码，如 320722"),
    year: int | None = year_option(None, help="空清单的年度（默认今年）"),
    no_git: bool = typer.Option(False, "--no-git", help="不执行 git init 和首次提交"),
) -> None:
    """新建县级记录仓库：zsht.yaml、目录结构、空清单、schema、pre-commit 钩子和 CI 工作流，并做首次提交。

    例：zsht init donghai-records --county 东海县 --code 320722
    """
    from ..scaffold import init_county

    committed = init_county(folder, county, code, year, git=not no_git)
    typer.echo(f"已创建 {folder}" + ("，并完成首次提交" if committed else "") + f"；下一步：cd {folder} && zsht validate")

