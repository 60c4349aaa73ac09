"""`zsht sheet export` and `zsht sheet import`: score sheets for the evaluation panel."""

from __future__ import annotations

from pathlib import Path

import typer

from .app import STATE, ZshtGroup, app, refuse_on
from .options import year_option

sheet_app = typer.Typer(cls=ZshtGroup, no_args_is_help=True, rich_markup_mode=None,
                        help="评估评分表：导出给评估主体填写，填好后导入为评估记录。\n\n例：zsht sheet export --year 2015 -o 评分表.xlsx")
app.add_typer(sheet_app, name="sheet", help="评估评分表：导出 Excel 评分表，填好后导入为评估记录。\n\n例：zsht sheet import 评分表.xlsx")


@sheet_app.command("export")
def export_command(
    year: int = year_option(help="评估年度"),
    township: str | None = typer.Option(None, "--township", "-t", help="只导出这个乡镇（街道）（编号）"),
    output: Path = typer.Option(..., "--output", "-o", help="评分表文件（.xlsx）"),
) -> None:
    """导出评分表：每个乡镇（街道）一张履约表和一张履职表，已有分数预先填入，表头锁定，分数格限定 0 到满分。

    例：zsht sheet export --year 2015 --township niushan -o 牛山街道评分表.xlsx
    """
    from ..load.county import load_county
    from ..sheets import export_sheets

    count = export_sheets(load_county(STATE.root()), year, township, output)
    typer.echo(f"已导出 {count} 个乡镇（街道）的评分表：{output}", err=True)


@sheet_app.command("import")
def import_command(
    ctx: typer.Context,
    workbook: Path = typer.Argument(..., metavar="评分表", help="填好的评分表（.xlsx）", exists=True, dir_okay=False),
    year: int | None = year_option(None, help="评估年度；不填则取表中的年度"),
) -> None:
    """导入评分表：整本检查无误才写入评估记录（保留注释和格式），分数齐全时算出结果；有错则逐格列出，一个文件也不写。

    退出码：0 已导入；1 评分表有错，未写入；2 用法错误。

    例：zsht sheet import 牛山街道评分表.xlsx --year 2015
    """
    from ..load.county import load_county
    from ..lock import county_write_lock
    from ..sheets import import_sheets

    ctx.with_resource(county_write_lock(STATE.root()))  # held until the command ends
    outcome = import_sheets(load_county(STATE.root()), workbook, year)
    refuse_on(outcome.problems, f"评分表有 {len(outcome.problems)} 处问题")
    typer.echo(f"已写入 {len(outcome.written)} 个评估记录，{len(outcome.unchanged)} 个未变")
