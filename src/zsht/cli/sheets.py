"""`zsht sheet export` and `zsht sheet import`: score sheets for the evaluation panel."""

from __future__ import annotations

from pathlib import Path

import typer

from ..evaluation import export_sheets, import_sheets
from .app import STATE, app

sheet_app = typer.Typer(help="评估打分表（Excel）：导出给评估主体填写，再导入为评估记录。", no_args_is_help=True)
app.add_typer(sheet_app, name="sheet")


@sheet_app.command("export")
def export_command(
    year: int = typer.Option(..., "--year", "-y", help="评估年度"),
    township: str | None = typer.Option(None, "--township", "-t", help="只导出这个乡镇（街道）"),
    output: Path = typer.Option(..., "--output", "-o", help="要写的工作簿（.xlsx）"),
) -> None:
    """导出打分表：每个乡镇（街道）一张履约表（逐委逐项、每位成员一列）和一张履职表，已有分数预先填好。

    例：zsht sheet export --year 2015 --township niushan -o 牛山街道评分表.xlsx
    """
    count = export_sheets(STATE.root(), year, township, output)
    typer.echo(f"已导出 {count} 个村（居）委会的打分表：{output}", err=True)


@sheet_app.command("import")
def import_command(workbook: Path = typer.Argument(..., help="填好的打分表（.xlsx）")) -> None:
    """导入打分表：整张表无误才写入评估记录（逐格报告问题）；分数齐全时按 zsht.yaml 算出 result。

    退出码：0 已导入；2 表中有问题（未写入任何文件）或用法错误。

    例：zsht sheet import 牛山街道评分表.xlsx
    """
    outcome = import_sheets(STATE.root(), workbook)
    for relpath in outcome.created:
        typer.echo(f"新建 {relpath}")
    for relpath in outcome.changed:
        typer.echo(f"更新 {relpath}")
    typer.echo(f"新建 {len(outcome.created)} 个，更新 {len(outcome.changed)} 个，未变 {outcome.unchanged} 个", err=True)
