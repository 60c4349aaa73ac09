"""`zsht sheet export` and `zsht sheet import`: score sheets for the evaluation panel."""

from __future__ import annotations

import enum
from pathlib import Path

import typer

from ..errors import UserError
from .app import STATE, ZshtGroup, app, refuse_on
from .options import CatalogKind, year_option


class ListWhat(enum.StrEnum):
    """What `zsht sheet export` writes besides score sheets."""

    catalog = "catalog"
    registry = "registry"


sheet_app = typer.Typer(cls=ZshtGroup, no_args_is_help=True, rich_markup_mode=None,
                        help="评估评分表：导出给评估主体填写，填好后导入为评估记录。\n\n例：zsht sheet export --year 2015 -o 评分表.xlsx")
app.add_typer(sheet_app, name="sheet", help="评估评分表：导出 Excel 评分表，填好后导入为评估记录。\n\n例：zsht sheet import 评分表.xlsx")


@sheet_app.command("export")
def export_command(
    what: ListWhat | None = typer.Argument(None, metavar="导出什么", help="不写：评分表；catalog：一份清单的事项；registry：乡镇、村（居）委会和部门名录"),
    year: int | None = year_option(None, help="评估年度（评分表）或清单年度（catalog）"),
    kind: CatalogKind | None = typer.Option(None, "--kind", help="清单种类（catalog）"),
    township: str | None = typer.Option(None, "--township", "-t", help="只导出这个乡镇（街道）（编号）"),
    output: Path = typer.Option(..., "--output", "-o", help="导出的文件（.xlsx）"),
) -> None:
    """导出评分表：每个乡镇（街道）一张履约表和一张履职表，已有分数预先填入，表头锁定，分数格限定 0 到满分。

    也可导出清单（catalog）或名录（registry）供在表格中继续编辑：每项一行，部门、法律有下拉选择，改好后用 zsht sheet import 导回。

    例：zsht sheet export --year 2015 --township niushan -o 牛山街道评分表.xlsx
    """
    from ..load.county import load_county

    if what is not None:
        from .sheet_lists import export_list

        export_list(what.value, kind.value if kind else None, year, output)
        return
    if year is None:
        raise UserError("缺少 --year：导出评分表要给出评估年度", hint="如 zsht sheet export --year 2015 -o 评分表.xlsx")
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
    from ..sheets.importer import open_workbook
    from ..sheets.list_import import is_list_workbook

    ctx.with_resource(county_write_lock(STATE.root()))  # held until the command ends
    book = open_workbook(workbook)
    if is_list_workbook(book):  # a catalog or the registry, exported to be edited
        from .sheet_lists import import_list_workbook

        import_list_workbook(book)
        return
    outcome = import_sheets(load_county(STATE.root()), workbook, year, book)
    refuse_on(outcome.problems, f"评分表有 {len(outcome.problems)} 处问题")
    typer.echo(f"已写入 {len(outcome.written)} 个评估记录，{len(outcome.unchanged)} 个未变")
