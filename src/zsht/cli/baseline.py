"""`zsht baseline`: national lists a county starts its own from (the certificates committees must not issue)."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import PurePosixPath

import typer

from .app import STATE, ZshtGroup, app
from .options import year_option

baseline_app = typer.Typer(help="国家统一清单，供县里在此基础上制定自己的清单。\n\n例：zsht baseline certificates",
                           no_args_is_help=True, rich_markup_mode=None, cls=ZshtGroup)
app.add_typer(baseline_app, name="baseline")


@baseline_app.command("certificates")
def certificates(
    year: int = year_option(None, help="清单年度（默认：--write 文件名中的年度，或今年）"),
    write: str = typer.Option(None, "--write", help="写入县级仓库中的文件，如 catalogs/certificate/2026.yaml；已存在则不写"),
) -> None:
    """民发〔2020〕20号《不应由基层群众性自治组织出具证明事项清单（第一批）》20 项，作为证明事项清单的起点（均为取消）。

    不带 --write 时在终端输出 YAML。例：zsht baseline certificates --write catalogs/certificate/2026.yaml
    """
    from ..certificates import starting_list, write_starting_list
    from ..load.config import read_config

    if write is None:
        sys.stdout.write(starting_list(year or dt.date.today().year).decode("utf-8"))
        return
    stem = PurePosixPath(write.replace("\\", "/")).stem
    year = year or (int(stem) if stem.isdigit() and len(stem) == 4 else dt.date.today().year)
    root = STATE.root()
    target = write_starting_list(root, write, year, read_config(root).county)
    typer.echo(f"已写入 {target.relative_to(root).as_posix()}：{year} 年证明事项清单（国家第一批 20 项，均为取消）", err=True)
