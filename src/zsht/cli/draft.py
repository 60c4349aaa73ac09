"""`zsht draft`: next year's draft agreements."""

from __future__ import annotations

import typer

from .app import STATE, app, refuse_on
from .options import year_option


@app.command("draft")
def draft_command(
    year: int = year_option(help="协议年度"),
    township: str | None = typer.Option(None, "--township", "-t", help="只起草这个乡镇（街道）的（编号）"),
    community: str | None = typer.Option(None, "--community", "-c", help="只起草这个村（居）委会的（编号）"),
) -> None:
    """起草某年度的协助政府工作协议（草稿）：每个还没有该年协议的村（居）委会一份，从其上一份协议和当年施行的目录生成。

    上一份协议中已不在目录里的事项不带入并逐条列出；条款里的年份改为新年度，支付时间顺延；没有上一份协议的，
    按目录中适用的全部事项和标准条款起草。全部草稿都能通过 zsht validate 才写入，否则一个也不写。

    退出码：0 已起草；1 草稿有校验错误，未写入；2 用法错误（如当年目录尚未发布）。

    例：zsht draft --year 2016 --township niushan
    """
    from ..drafts import make_drafts
    from ..load.county import load_county
    from ..lock import county_write_lock

    root = STATE.root()
    with county_write_lock(root):  # loaded under the lock: what exists is what another zsht left
        outcome = make_drafts(load_county(root), year, township, community)
    for line in outcome.dropped:
        typer.echo(line, err=True)
    refuse_on(outcome.problems, f"草稿有 {len(outcome.problems)} 处校验错误")
    typer.echo(f"已起草 {len(outcome.written)} 份 {year} 年协议；{len(outcome.existing)} 个村（居）委会已有该年协议，未动")
