"""`zsht evaluation finalize` and `zsht evaluation publish`: move evaluations 草稿 → 已评定 → 已公示."""

from __future__ import annotations

import datetime as dt

import typer

from ..errors import UserError
from .app import STATE, ZshtGroup, app, refuse_on
from .options import year_option

evaluation_app = typer.Typer(cls=ZshtGroup, no_args_is_help=True, rich_markup_mode=None,
                             help="评估的状态：草稿 → 已评定（finalize）→ 已公示（publish）。\n\n"
                                  "例：zsht evaluation finalize --year 2015 --township niushan")
app.add_typer(evaluation_app, name="evaluation",
              help="评定、公示评估：草稿 → 已评定 → 已公示。\n\n例：zsht evaluation finalize --year 2015")

TOWNSHIP = typer.Option(None, "--township", "-t", help="只处理这个乡镇（街道）的（编号）")
COMMUNITY = typer.Option(None, "--community", "-c", help="只处理这个村（居）委会的（编号）")


@evaluation_app.command("finalize")
def finalize_command(
    year: int = year_option(help="评估年度"),
    township: str | None = TOWNSHIP,
    community: str | None = COMMUNITY,
) -> None:
    """评定：把草稿评估的状态改为“已评定”，并按 zsht.yaml 算出得分、等次和兑现经费写入 result。

    已评定的评估即告冻结（zsht audit 报告其后的改动），计入 zsht score 和 zsht report。分数须齐全、
    全部能通过 zsht validate 才写入，否则一个也不写。

    退出码：0 已评定；1 有校验错误，未写入；2 用法错误。

    例：zsht evaluation finalize --year 2015 --township niushan
    """
    from ..evaluation.lifecycle import Scope, finalize_evaluations
    from ..load.county import load_county
    from ..lock import county_write_lock

    root = STATE.root()
    with county_write_lock(root):  # loaded under the lock, as sign does
        outcome = finalize_evaluations(load_county(root), Scope(year, township, community))
    refuse_on(outcome.problems, f"有 {len(outcome.problems)} 处问题")
    typer.echo(f"已评定 {len(outcome.written)} 个 {year} 年评估；{len(outcome.already)} 个原已评定或已公示，未动")


@evaluation_app.command("publish")
def publish_command(
    year: int = year_option(help="评估年度"),
    township: str | None = TOWNSHIP,
    community: str | None = COMMUNITY,
    date: str | None = typer.Option(None, "--date", "-d", help="登记已公示的日期（公示期满之后），默认今天"),
) -> None:
    """公示：评估结果公示期满后，把已评定的评估改为“已公示”，记下所依据的公示（notices/）和日期。

    公示期以 notices/ 中本乡镇（街道）当年评估结果公示的起止日期为准；没有公示记录时须用 --date，
    且不早于评估日期起满 zsht.yaml 规定的最短公示天数。公示期未满、仍是草稿的，一个也不写。

    退出码：0 已登记；1 有问题，未写入；2 用法错误。

    例：zsht evaluation publish --year 2015 --township niushan --date 2016-01-04
    """
    from ..evaluation.lifecycle import Scope, publish_evaluations
    from ..load.county import load_county
    from ..lock import county_write_lock

    try:
        day = dt.date.fromisoformat(date) if date is not None else None
    except ValueError:
        raise UserError(f"日期“{date}”不对，应写成 2016-01-04 这样") from None
    root = STATE.root()
    with county_write_lock(root):
        outcome = publish_evaluations(load_county(root), Scope(year, township, community), day)
    refuse_on(outcome.problems, f"有 {len(outcome.problems)} 处问题")
    typer.echo(f"已登记公示 {len(outcome.written)} 个 {year} 年评估；{len(outcome.already)} 个原已公示，未动")
