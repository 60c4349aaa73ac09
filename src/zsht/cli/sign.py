"""`zsht sign`: mark draft agreements as signed."""

from __future__ import annotations

import datetime as dt

import typer

from ..errors import UserError
from .app import STATE, app, refuse_on
from .options import year_option


@app.command("sign")
def sign_command(
    year: int = year_option(help="协议年度"),
    date: str = typer.Option(..., "--date", "-d", help="签订日期，如 2016-02-10"),
    place: str | None = typer.Option(None, "--place", help="签订地点"),
    township: str | None = typer.Option(None, "--township", "-t", help="只签这个乡镇（街道）的（编号）"),
    community: str | None = typer.Option(None, "--community", "-c", help="只签这个村（居）委会的（编号）"),
) -> None:
    """登记协议已签订：把草稿协议的状态改为“已签订”，按名录写入甲乙双方名称和代表、签订日期和地点。

    草稿补充协议（supplements/）随后一并签订，并写入它从目录中取用的条款（新增事项的经费、目标、评估方法、条件）。

    已签订的协议不动（签订后不得再改）。全部能通过 zsht validate（如签订日期不早于目录发布日期）才写入，否则一个也不写。

    退出码：0 已登记；1 有校验错误，未写入；2 用法错误。

    例：zsht sign --year 2016 --township niushan --date 2016-02-10 --place 牛山街道办事处
    """
    from ..lock import county_write_lock
    from ..supplement_signing import sign_year

    try:
        day = dt.date.fromisoformat(date)
    except ValueError:
        raise UserError(f"签订日期“{date}”不对，应写成 2016-02-10 这样") from None
    root = STATE.root()
    with county_write_lock(root):  # loaded under the lock: another zsht's signing cannot be undone by ours
        outcome, supplements = sign_year(root, year, day, place, township, community)
    refuse_on(outcome.problems, f"有 {len(outcome.problems)} 处问题")
    typer.echo(f"已登记签订 {len(outcome.written)} 份 {year} 年协议；{len(outcome.already)} 份原已签订，未动")
    for problem in supplements.problems:  # the agreements above stand: only the supplements were refused
        typer.echo(problem, err=True)
    if supplements.problems:
        typer.echo(f"补充协议有 {len(supplements.problems)} 处问题，未写入任何补充协议", err=True)
        raise typer.Exit(1)
    if supplements.written or supplements.already:
        typer.echo(f"已登记签订 {len(supplements.written)} 份补充协议；{len(supplements.already)} 份原已签订，未动")
