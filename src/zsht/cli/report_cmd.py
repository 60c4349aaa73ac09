"""`zsht report`: the county's year at a glance, and against the year before."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from ..write import write_atomic
from .app import STATE, app
from .options import year_option


@app.command("report")
def report_command(
    year: int = year_option(help="报告年度（有上一年数据时一并比较）"),
    output: Path | None = typer.Option(None, "--output", "-o", help="另存为一个独立的 HTML 文件（图表内嵌，可作邮件附件）"),
) -> None:
    """全县年度情况：协议与评估覆盖面、协助事项负担、各部门和各乡镇经费（协议与兑现）、等次分布，并与上一年比较。

    例：zsht report --year 2015 -o 2015年政社互动情况.html
    """
    from ..county_report import report_html, report_text, year_figures
    from ..load.county import load_county

    figures = year_figures(load_county(STATE.root()), year)
    if output is not None:
        write_atomic(output, report_html(figures).encode("utf-8"))
        typer.echo(f"已生成 {output}", err=True)
    sys.stdout.write(report_text(figures, color=sys.stdout.isatty()))
