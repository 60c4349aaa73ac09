"""`zsht rules`: the rule table (every rule id, its level, its meaning and its policy source)."""

from __future__ import annotations

import typer

from ..ruletable import rules_markdown, rules_text
from .app import app


@app.command("rules")
def rules_command(
    markdown: bool = typer.Option(False, "--markdown", help="输出 Markdown 表格（即 docs/rules.md）"),
) -> None:
    """列出全部规则编号、级别和说明。

    例：zsht rules --markdown > docs/rules.md
    """
    typer.echo(rules_markdown() if markdown else rules_text(), nl=False)
