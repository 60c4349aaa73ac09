"""`zsht import registry`: townships and committees from a 区划代码 table or a plain list."""

from __future__ import annotations

from pathlib import Path

import typer

from .app import STATE, refuse_on
from .imports import import_app


@import_app.command("registry")
def import_registry_command(
    ctx: typer.Context,
    source: Path = typer.Argument(..., metavar="名单文件", help="统计用区划代码表，或乡镇、村（居）委会两列的名单（.xlsx 或 .csv）",
                                  exists=True, dir_okay=False),
    township_only: bool = typer.Option(False, "--township-only", help="只导入乡镇（街道），不导入村（居）委会"),
    dry_run: bool = typer.Option(False, "--dry-run", help="只列出要新增的记录，不写入"),
) -> None:
    """导入乡镇（街道）和村（居）委会名录：编号按拼音生成，类别按区划代码或名称判断；名录中已有的记录一律不动，只追加新的。

    整个文件无误才写入（保留注释和格式）；有错则逐格列出，一个文件也不写。
    退出码：0 已导入（或无需导入）；1 名单有错，未写入；2 用法或读取错误。

    例：zsht import registry 东海县统计用区划代码.xlsx --dry-run
    """
    from ..imports.registry import import_registry
    from ..load.county import load_county
    from ..lock import county_write_lock

    if not dry_run:
        ctx.with_resource(county_write_lock(STATE.root()))  # held until the command ends
    result = import_registry(load_county(STATE.root()), source, township_only, dry_run)
    refuse_on(result.problems, f"名单有 {len(result.problems)} 处问题")
    for record in [*result.townships, *result.communities]:
        typer.echo(f"+ {record.id}  {record.name}  {record.type}" + (f"  {record.code}" if record.code else ""))
    done = "将新增" if dry_run else "已新增"
    typer.echo(f"{done}乡镇（街道）{len(result.townships)} 个、村（居）委会 {len(result.communities)} 个；"
               f"名录中已有的 {len(result.known)} 个未改动"
               + (f"；另有 {result.outside} 行不属本县，已跳过" if result.outside else "")
               + ("（--dry-run：未写入）" if dry_run else ""), err=True)
