"""`zsht sheet export catalog|registry` and the import of such a workbook: the few lines of each command."""

from __future__ import annotations

from pathlib import Path

import typer
from openpyxl import Workbook

from ..errors import UserError
from .app import STATE, refuse_on


def export_list(what: str, kind: str | None, year: int | None, output: Path) -> None:
    """Export a catalog's items or the registry to `output`."""
    from ..load.county import load_county
    from ..sheets.list_columns import CATALOG_KINDS
    from ..sheets.list_export import export_catalog, export_registry

    if what == "registry":
        count = export_registry(load_county(STATE.root()), output)
        typer.echo(f"已导出名录 {count} 行：{output}", err=True)
        return
    if kind not in CATALOG_KINDS or year is None:
        raise UserError(f"导出清单须给出 --kind（{'、'.join(CATALOG_KINDS)} 之一）和 --year",
                        hint="如 zsht sheet export catalog --kind assist --year 2015 -o 协助事项.xlsx")
    count = export_catalog(load_county(STATE.root()), kind, year, output)
    typer.echo(f"已导出 {count} 个事项：{output}", err=True)


def import_list_workbook(book: Workbook) -> None:
    """Take an edited catalog or registry workbook back, all or nothing."""
    from ..load.county import load_county
    from ..sheets.list_import import import_list

    outcome = import_list(load_county(STATE.root()), book)
    refuse_on(outcome.problems, f"表格有 {len(outcome.problems)} 处问题")
    typer.echo(f"改动 {outcome.changed} 条、新增 {outcome.added} 条记录，写入 {len(outcome.written)} 个文件")
