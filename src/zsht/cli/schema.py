"""`zsht schema`: JSON Schemas for editors."""

from __future__ import annotations

from pathlib import Path

import typer

from ..schema_export import write_schemas
from .app import app, fail


@app.command("schema")
def schema_command(
    out: Path = typer.Option(Path("schemas"), "--out", "-o", help="输出目录"),
    check: bool = typer.Option(False, "--check", help="只检查目录中的 schema 是否过期，过期则退出码为 1"),
) -> None:
    """从记录模型生成 JSON Schema，供编辑器补全键名并显示中文说明。

    例：zsht schema -o schemas
    """
    stale = write_schemas(out, check=check)
    if check and stale:
        fail(f"以下 schema 已过期，请运行 zsht schema -o {out}：{', '.join(stale)}")
        raise typer.Exit(1)
    if not check:
        typer.echo(f"已写入 {out}/ 下的 schema：{len(stale)} 个有变化")
