"""`zsht site`: the public website of the county's published records."""

from __future__ import annotations

from pathlib import Path

import typer

from .app import STATE, app


@app.command("site")
def site_command(
    output: Path = typer.Option(Path("public"), "--output", "-o", help="输出目录（整个网站，可放到任何静态网站空间）"),
    base_url: str | None = typer.Option(None, "--base-url", help="网站的正式网址；sitemap.xml 中的网址以它开头"),
    phones: bool = typer.Option(False, "--phones", help="公开公示中的电话号码（默认略去）"),
) -> None:
    """生成信息公开网站：现行清单及其历次版本、各乡镇（街道）和村（居）委会的协议、补充协议、评估结果和公示。

    只公开已发布的清单、已签订的协议、已评定的评估和已发布的公示；只改写内容有变化的页面。

    例：zsht site -o public
    """
    from ..site import build_site

    result = build_site(STATE.root(), output, base_url=base_url, phones=phones)
    for skipped in result.skipped:
        typer.echo(f"未公开 {skipped}", err=True)
    typer.echo(f"网站共 {result.files} 个文件：改写 {len(result.written)} 个，未变 {len(result.unchanged)} 个，"
               f"删除 {len(result.removed)} 个；输出目录 {output}")
    if result.skipped:
        raise typer.Exit(1)
