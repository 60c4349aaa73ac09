"""`zsht diff`, `zsht history` and `zsht audit`: git as the audit trail."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path

import typer

from ..findings import Severity
from .app import STATE, app
from .output import FindingsFormat, emit


class DiffFormat(StrEnum):
    text = "text"
    markdown = "markdown"
    json = "json"


class Format(StrEnum):
    text = "text"
    json = "json"


@app.command("diff")
def diff_command(
    revisions: str | None = typer.Argument(None, metavar="版本范围", help="BASE、BASE..HEAD 或 BASE...HEAD；默认为与主分支的合并基点对比工作区"),
    fmt: DiffFormat = typer.Option(DiffFormat.text, "--format", "-f", help="输出格式：text、markdown、json"),
    exit_code: bool = typer.Option(False, "--exit-code", help="有改动时退出码为 1（同 git diff）"),
) -> None:
    """按记录比较两个版本：新增、变更、删除的记录及其字段，单列加重负担和减少经费的改动。

    退出码：0 没有改动（或未加 --exit-code）；1 有改动且加了 --exit-code；2 用法或 git 错误。

    例：zsht diff main..HEAD --format markdown
    """
    from ..history import diff_county
    from ..history.render import diff_json, diff_markdown, diff_text

    diff = diff_county(STATE.root(), revisions)
    for note in diff.notes:
        typer.echo(note, err=True)
    render = {DiffFormat.markdown: diff_markdown, DiffFormat.json: diff_json}.get(fmt)
    sys.stdout.write(render(diff) if render else diff_text(diff, color=sys.stdout.isatty()))
    raise typer.Exit(1 if exit_code and diff.changes else 0)


@app.command("history")
def history_command(
    record_id: str = typer.Argument(..., metavar="记录编号", help="记录编号，如 XZ-001、XY-2015-niushan-xinhua"),
    oldest_first: bool = typer.Option(False, "--reverse", "--oldest-first", help="从最早的提交开始列出"),
    fmt: Format = typer.Option(Format.text, "--format", "-f", help="输出格式：text、json"),
) -> None:
    """列出改动过某条记录的每个提交：日期、作者、审核人、签名和改动的字段；文件改名、移动后照样跟踪。

    例：zsht history XZ-001 --oldest-first
    """
    from ..history import record_history
    from ..history.record import history_json, history_text

    steps = record_history(STATE.root(), record_id, oldest_first=oldest_first)
    sys.stdout.write(history_json(steps) if fmt is Format.json else history_text(steps, color=sys.stdout.isatty()))


@app.command("audit")
def audit_command(
    revisions: str | None = typer.Argument(None, metavar="版本范围", help="只审计这些提交，如 v1.0..HEAD；默认为全部历史"),
    fmt: FindingsFormat = typer.Option(FindingsFormat.text, "--format", "-f", help="输出格式：text、json、github、sarif"),
    fail_on: Severity = typer.Option(Severity.ERROR, "--fail-on", help="达到此级别的问题使退出码为 1"),
    output: Path | None = typer.Option(None, "--output", "-o", help="把报告写入文件而不是终端"),
    allow_shallow: bool = typer.Option(False, "--allow-shallow",
                                       help="浅克隆（只取了部分历史的克隆）时只审计截断之后的提交，并说明截断处"),
) -> None:
    """审计历史：已签订的协议和补充协议、已评定的评估、已发布的公示事后被改（ZS801），已发布目录的事项被改（ZS804），未经审核（ZS802）或未签名（ZS803）的提交。

    报告格式与 zsht validate 相同（text、json、github、sarif），每个问题注明提交。

    退出码：0 没有达到 --fail-on 级别的问题；1 有；2 用法或 git 错误，zsht.yaml 读不出来，或浅克隆的历史不全（未加 --allow-shallow）。

    例：zsht audit main..HEAD --format github
    """
    from ..history import audit_county

    emit(audit_county(STATE.root(), revisions, allow_shallow=allow_shallow), fmt, output, fail_on)
