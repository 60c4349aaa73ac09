"""`zsht import`: a county's existing lists brought in from Word, Excel or CSV files."""

from __future__ import annotations

from pathlib import Path

import typer

from .app import STATE, ZshtGroup, app
from .options import CatalogKind, year_option

import_app = typer.Typer(help="导入县里已有的清单和名录（Word、Excel、.csv 文件）。\n\n例：zsht import catalog 协助事项.docx --kind assist -y 2026",
                         no_args_is_help=True, rich_markup_mode=None, cls=ZshtGroup)
app.add_typer(import_app, name="import")


@import_app.command("catalog")
def catalog(
    file: Path = typer.Argument(..., metavar="清单文件", help="Word（.docx）、Excel（.xlsx）或逗号分隔的 .csv（UTF-8 或 GBK）"),
    kind: CatalogKind = typer.Option(..., "--kind", help="清单类别：依法履职 duty、协助政府 assist、负面清单 negative、证明事项 certificate"),
    year: int = year_option(..., help="清单年度，写入 catalogs/<类别>/<年度>.yaml"),
    columns: str = typer.Option(None, "--columns", help="指定列的含义，如“牵头单位=主管部门,工作内容=名称”"),
    force: bool = typer.Option(False, "--force", help="替换已存在的清单文件"),
) -> None:
    """从 Word、Excel 或 .csv 清单导入事项，写成 catalogs/<类别>/<年度>.yaml。

    法律依据、部门、经费转换为结构；无法识别的保留原文并在最后列出，再用 zsht validate 逐项改正。
    已写入退出码为 0；文件中没有可识别的清单或目标文件已存在（未加 --force）为 1。

    例：zsht import catalog 协助事项清单.docx --kind assist -y 2026
    """
    from ..imports.catalog import import_catalog
    from ..imports.summary import summary_lines

    result = import_catalog(STATE.root(), file, kind.value, year, columns, force)
    typer.echo("\n".join(summary_lines(result)))
