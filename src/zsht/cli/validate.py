"""`zsht validate`."""

from __future__ import annotations

from pathlib import Path

import typer

from ..findings import Severity
from ..validate import validate
from .app import STATE, app
from .output import FindingsFormat, emit


@app.command("validate")
def validate_command(
    fmt: FindingsFormat = typer.Option(FindingsFormat.text, "--format", "-f", help="输出格式：text、json、github、sarif"),
    fail_on: Severity = typer.Option(Severity.ERROR, "--fail-on", help="达到此级别的问题使退出码为 1"),
    output: Path | None = typer.Option(None, "--output", "-o", help="把报告写入文件而不是终端"),
    changed_since: str | None = typer.Option(
        None, "--changed-since", help="只报告自该 git 版本以来改动的记录及与之相互引用的记录，如 --changed-since main"),
) -> None:
    """校验县级仓库中的全部记录，报告所有问题。

    退出码：0 没有达到 --fail-on 级别的问题；1 有；2 用法或读写错误。

    例：zsht validate --format github
    """
    root = STATE.root()
    if changed_since:
        from ..history.git import Repo

        with Repo(root) as repo:  # no git or an unknown revision: say so before loading everything
            repo.revision(changed_since)
    result = validate(root)
    if changed_since:
        from ..history.changed import only_changed  # git only with --changed-since

        result = only_changed(result, changed_since)
    emit(result, fmt, output, fail_on)
