"""`zsht province`: the province's year, added up from many county repositories."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from ..errors import UserError
from .app import app
from .options import year_option


@app.command("province")
def province_command(
    repos: list[Path] = typer.Argument(None, metavar="县级仓库", help="县级仓库的路径（可多个）；或用 --list", show_default=False),
    listing: Path | None = typer.Option(None, "--list", "-l", help="province.yaml：各县的路径、名称、代码和省级参考清单"),
    year: int = year_option(help="汇总年度（与各县的上一年度比较）"),
    output: Path | None = typer.Option(None, "--output", "-o", help="输出目录：写入 province.html、province.xlsx、province.sqlite"),
    jobs: int | None = typer.Option(None, "--jobs", "-j", min=1, help="同时处理的县数（默认每个处理器一个）"),
) -> None:
    """全省（市）汇总：并行读取、校验各县仓库，按县和合计给出覆盖面、协助事项负担、经费、等次、证明事项，并与上一年比较。

    有错误的县照常汇总并标记。退出码：0 各县都没有错误；1 有县被标记；2 用法或读写错误。

    例：zsht province --list province.yaml --year 2026 -o 全省汇总/
    """
    from ..province import from_paths, province_text, read_listing, roll_up, write_outputs

    if bool(repos) == (listing is not None):
        raise UserError("请给出县级仓库的路径，或用 --list 给出 province.yaml（二者选一）",
                        hint="例：zsht province 东海县/ 赣榆区/ --year 2026 -o 汇总/")
    province = read_listing(listing) if listing is not None else from_paths(list(repos))
    figures = roll_up(province, year, jobs)
    if output is not None:
        for path in write_outputs(figures, output):
            typer.echo(f"已生成 {path}", err=True)
    sys.stdout.write(province_text(figures, color=sys.stdout.isatty()))
    if figures.marked():
        raise typer.Exit(1)
