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
    date: str | None = typer.Option(None, "--date", "-d", help="签订日期，如 2016-02-10（--record-terms 时不用）"),
    place: str | None = typer.Option(None, "--place", help="签订地点"),
    township: str | None = typer.Option(None, "--township", "-t", help="只签这个乡镇（街道）的（编号）"),
    community: str | None = typer.Option(None, "--community", "-c", help="只签这个村（居）委会的（编号）"),
    record_terms: bool = typer.Option(False, "--record-terms",
                                      help="不签新协议：给旧版 zsht 签订、未记录条款的协议补记签订所依据的目录条款"),
) -> None:
    """登记协议已签订：把草稿协议的状态改为“已签订”，按名录写入甲乙双方名称和代表、签订日期和地点。

    签订时把每个事项在目录中的条款（名称、依据、要求、评估方法、条件、经费）记入协议，此后生成协议书、
    计分、结算都以它为准，目录以后再改也不影响已签订的协议。已签订的协议不动（签订后不得再改）。
    全部能通过 zsht validate（如签订日期不早于目录发布日期）才写入，否则一个也不写。

    旧版 zsht 签订的协议没有记录条款：先用 zsht audit 确认目录发布后未被改动，再用 --record-terms 按现行目录补记
    （zsht audit 认可这一补记，不算改动已签订的协议）。

    草稿补充协议（supplements/）随后一并签订，并写入它从目录中取用的条款（新增事项的经费、目标、评估方法、条件）。

    退出码：0 已登记；1 有校验错误，未写入；2 用法错误。

    例：zsht sign --year 2016 --township niushan --date 2016-02-10 --place 牛山街道办事处

    补记：zsht sign --year 2015 --record-terms
    """
    from ..load.county import load_county
    from ..lock import county_write_lock
    from ..signing import record_signed_terms
    from ..supplement_signing import sign_year

    root = STATE.root()
    if record_terms:
        with county_write_lock(root):
            outcome = record_signed_terms(load_county(root), year, township, community)
        refuse_on(outcome.problems, f"有 {len(outcome.problems)} 处问题")
        typer.echo(f"已为 {len(outcome.written)} 份 {year} 年已签订协议补记条款；{len(outcome.already)} 份原已记录，未动")
        return
    if date is None:
        raise UserError("缺少签订日期", hint="加上 --date 2016-02-10 这样的日期")
    try:
        day = dt.date.fromisoformat(date)
    except ValueError:
        raise UserError(f"签订日期“{date}”不对，应写成 2016-02-10 这样") from None
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
