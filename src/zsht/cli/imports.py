"""`zsht import`: the group of commands that bring a county's existing lists in."""

from __future__ import annotations

import typer

from .app import ZshtGroup, app

import_app = typer.Typer(cls=ZshtGroup, no_args_is_help=True, rich_markup_mode=None,
                         help="导入已有的名单和清单（Excel 工作簿、Word 表格、逗号分隔的文本）。\n\n例：zsht import registry 区划代码.xlsx")
app.add_typer(import_app, name="import", help="导入已有的名单和清单（Excel 工作簿、Word 表格、逗号分隔的文本）。\n\n例：zsht import registry 区划代码.xlsx")
