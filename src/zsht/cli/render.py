"""`zsht render`: agreements and publication notices as Word (GB/T 9704-2012), HTML and PDF."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from ..errors import UserError
from .app import STATE, ZshtGroup, app
from .options import year_option

if TYPE_CHECKING:
    from ..render import BatchResult

render_app = typer.Typer(help="生成协议书与公示（Word，按 GB/T 9704-2012 排版）。\n\n例：zsht render agreement --all -o out",
                         no_args_is_help=True, rich_markup_mode=None, cls=ZshtGroup)
notice_app = typer.Typer(help="生成公示：catalog（两份清单公示）、evaluation（评估结果公示）、certificate（证明事项清单公示）。", no_args_is_help=True,
                         rich_markup_mode=None, cls=ZshtGroup)
render_app.add_typer(notice_app, name="notice")
app.add_typer(render_app, name="render")

YEAR = year_option(None, help="年度（默认：有协议的最近年度）")
TOWNSHIP = typer.Option(None, "--township", help="只生成该乡镇（街道）的，填编号")
OUT = typer.Option(Path("out"), "-o", "--output", help="输出目录")
JOBS = typer.Option(None, "--jobs", "-j", min=1, help="并行进程数（默认：CPU 核数）")
PDF = typer.Option(False, "--pdf", help="同时用 LibreOffice 生成 PDF")
MERGE = typer.Option(False, "--merge", help="与 --pdf 同用：每个乡镇（街道）的 PDF 另按村（居）委会名录顺序合并为一份")


@contextmanager
def _progress_bar() -> Iterator[Callable[[int, int], Callable[[int], None]]]:
    from rich.console import Console  # the progress bar only: every command's start-up does not pay for it
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    console = Console(stderr=True)
    with Progress(TextColumn("生成"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  console=console, transient=True, disable=not console.is_terminal) as bar:
        def start(total: int, done: int) -> Callable[[int], None]:
            task = bar.add_task("render", total=total, completed=done)
            return lambda n: bar.advance(task, n)
        yield start


def _report(result: BatchResult, pdf: bool = False) -> None:
    """The closing summary; failures one per line on stderr (with --pdf, each missing font and what stood in for
    it); exit 1 if anything failed."""
    if pdf:
        from ..doctor import missing_font_lines

        for line in missing_font_lines():
            typer.echo(f"提示：{line}（运行 zsht doctor 查看详情）", err=True)
    for skipped in result.skipped:
        typer.echo(f"未生成 {skipped.label}：{skipped.reason}", err=True)
    for outcome in result.outcomes:
        if outcome.status == "failed":
            typer.echo(f"失败 {outcome.job.output}：{outcome.reason}", err=True)
    typer.echo(f"生成 {result.count('rendered')} 个，未变 {result.count('unchanged')} 个，"
               f"失败 {result.failed} 个；输出目录 {result.out_dir}")
    if result.failed:
        raise typer.Exit(1)


@render_app.command("agreement")
def agreement(
    community: str = typer.Option(None, "--community", help="只生成该村（居）委会的协议，填编号"),
    township: str = TOWNSHIP, everything: bool = typer.Option(False, "--all", help="全县所有协议"),
    year: int = YEAR, output: Path = OUT, jobs: int = JOBS, pdf: bool = PDF, merge: bool = MERGE,
) -> None:
    """生成协助政府工作协议书（每个村、居委会一份 .docx）。

    例：zsht render agreement --township niushan -o out

    例：zsht render agreement --township niushan --pdf --merge -o out（另有 牛山街道协议书合订本.pdf）
    """
    from ..render import Selection, render_agreements

    if not (community or township or everything):
        raise UserError("请用 --community、--township 或 --all 指定要生成的协议")
    with _progress_bar() as progress:
        result = render_agreements(STATE.root(), output,
                                   Selection(year, township, community, jobs, pdf, merge=merge), progress)
    _report(result, pdf)


@render_app.command("supplement")
def supplement(
    wanted: str | None = typer.Argument(None, metavar="[编号]", help="只生成这一份补充协议，如 BC-2015-niushan-xinhua-1"),
    community: str = typer.Option(None, "--community", help="只生成该村（居）委会的补充协议，填编号"),
    township: str = TOWNSHIP, everything: bool = typer.Option(False, "--all", help="全县所有补充协议"),
    year: int = YEAR, output: Path = OUT, jobs: int = JOBS, pdf: bool = PDF, merge: bool = MERGE,
) -> None:
    """生成协助政府工作协议书的补充协议（每份一个 .docx，版式同协议书）。

    例：zsht render supplement BC-2015-niushan-xinhua-1 -o out
    """
    from ..render import Selection, render_supplements

    if not (wanted or community or township or everything):
        raise UserError("请写明补充协议编号，或用 --community、--township 或 --all 指定要生成的补充协议")
    with _progress_bar() as progress:
        result = render_supplements(STATE.root(), output,
                                    Selection(year, township, community, jobs, pdf, merge=merge), wanted, progress)
    _report(result, pdf)


@notice_app.command("catalog")
def notice_catalog(year: int = YEAR, township: str = TOWNSHIP, output: Path = OUT, jobs: int = JOBS,
                   pdf: bool = PDF) -> None:
    """生成两份清单（依法履职、协助政府）的社会公示（.docx、.html 与 .md）。

    每份公示写出 .docx（打印）、.html（网页）和 .md（同一内容的 Markdown，供政府网站或合并请求使用）三种文件。

    例：zsht render notice catalog --year 2015
    """
    from ..render import Selection, render_notices

    with _progress_bar() as progress:
        result = render_notices("catalog", STATE.root(), output, Selection(year, township, None, jobs, pdf), progress)
    _report(result, pdf)


@notice_app.command("evaluation")
def notice_evaluation(year: int = YEAR, township: str = TOWNSHIP, output: Path = OUT, jobs: int = JOBS,
                      pdf: bool = PDF, draft: bool = typer.Option(
                          False, "--draft", help="连同草稿评估生成征求意见稿：每页页眉和标题标明“征求意见稿”")) -> None:
    """生成各乡镇（街道）双向评估结果公示（.docx、.html 与 .md）。

    每份公示写出 .docx（打印）、.html（网页）和 .md（同一内容的 Markdown，供政府网站或合并请求使用）三种文件。

    只列已评定、已公示的评估；草稿评估不公示（未生成，退出码 1），除非加 --draft 生成标明“征求意见稿”的稿子。

    例：zsht render notice evaluation --year 2015
    """
    from ..render import Selection, render_notices

    with _progress_bar() as progress:
        result = render_notices("evaluation", STATE.root(), output,
                                Selection(year, township, None, jobs, pdf, draft), progress)
    _report(result, pdf)


@notice_app.command("certificate")
def notice_certificate(year: int = year_option(None, help="年度（默认：最近一版证明事项清单的年度）"), output: Path = OUT, jobs: int = JOBS, pdf: bool = PDF) -> None:
    """生成证明事项清单（保留与取消的证明）的社会公示（.docx、.html 与 .md）。

    每份公示写出 .docx（打印）、.html（网页）和 .md（同一内容的 Markdown，供政府网站或合并请求使用）三种文件。

    例：zsht render notice certificate --year 2026
    """
    from ..render import Selection, render_notices

    with _progress_bar() as progress:
        result = render_notices("certificate", STATE.root(), output, Selection(year, None, None, jobs, pdf), progress)
    _report(result, pdf)
