"""`zsht score`: totals, grades and funding settlement of a year."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path

import typer

from .app import STATE, app
from .options import year_option


class Format(StrEnum):
    text = "text"
    json = "json"


@app.command("score")
def score_command(
    ctx: typer.Context,
    year: int = year_option(help="评估年度"),
    township: str | None = typer.Option(None, "--township", "-t", help="只算这个乡镇（街道）"),
    fmt: Format = typer.Option(Format.text, "--format", "-f", help="输出格式：text、json"),
    output: Path | None = typer.Option(None, "--output", "-o", help="另存为 Excel 工作簿（.xlsx）"),
    write: bool = typer.Option(False, "--write", help="把计算结果写入草稿评估记录的 result（已评定的不改写）"),
) -> None:
    """按 zsht.yaml 的权重、等次线和兑现比例，计算两个方向的得分、等次和兑现经费，按乡镇排名。

    --write 只写草稿评估：已评定、已公示的评估冻结，结果与计算不一致时列出，不改写。

    退出码：0 全部算出；1 有评估因校验错误或数额过大未算，或已评定的评估结果与计算不一致；2 用法错误。

    例：zsht score --year 2015 -o 2015评估结果.xlsx
    """
    from ..evaluation.output import results_json, results_text, write_results_xlsx
    from ..evaluation.stored import store_results
    from ..evaluation.year import year_results
    from ..load.county import load_county

    root = STATE.root()
    if write:  # results computed and stored under the county's write lock, held until the command ends
        from ..lock import county_write_lock

        ctx.with_resource(county_write_lock(root))
    results = year_results(load_county(root), year, township)
    stored = store_results(root, results) if write else None
    if stored is not None:
        typer.echo(f"已写入 {len(stored.written)} 个评估记录，{stored.unchanged} 个未变", err=True)
        for file in stored.frozen:
            typer.echo(f"{file}: 已评定的评估冻结，记录的结果与计算不一致也不改写（查明 zsht.yaml 或协议为何在评定后改变）",
                       err=True)
    if output is not None:
        write_results_xlsx(results, output)
    sys.stdout.write(results_json(results) if fmt is Format.json else results_text(results, color=sys.stdout.isatty()))
    raise typer.Exit(0 if results.complete and not (stored and stored.frozen) else 1)
