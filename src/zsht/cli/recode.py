"""`zsht recode`: turn files saved in GBK, Big5, UTF-16 or UTF-32 into UTF-8."""

from __future__ import annotations

from contextlib import ExitStack
from pathlib import Path

import typer

from ..errors import CountyNotFound
from ..load.county import find_root
from .app import app, fail


@app.command("recode")
def recode_command(
    files: list[Path] = typer.Argument(..., metavar="文件", help="要转为 UTF-8 的文件"),
    source: str | None = typer.Option(None, "--from", metavar="编码",
                                      help="文件原来的编码，如 gb18030、big5、utf-16（默认自动识别，不确定时不改动）"),
) -> None:
    """把 GBK（GB18030）、Big5、UTF-16、UTF-32 等编码的文件就地转为 UTF-8；编码不确定时不改动，请用 --from 指定。

    例：zsht recode agreements/2015/niushan/niushan-xinhua.yaml
    """
    from ..lock import county_write_lock  # only when recoding: every command's start-up does not pay for them
    from ..recode import check_encoding_name

    if source:
        check_encoding_name(source)  # a wrong name is a usage error, before any file is read
    refused = 0
    with ExitStack() as locks:
        for root in sorted(_counties(files)):  # records are rewritten here: one writer per county, as for sign
            locks.enter_context(county_write_lock(root))
        refused = _recode_each(files, source)
    if refused:
        raise typer.Exit(1)


def _counties(files: list[Path]) -> set[Path]:
    """The county repositories the files lie in (files outside any county need no lock)."""
    roots = set()
    for path in files:
        try:
            roots.add(find_root(path.parent))
        except CountyNotFound:
            continue
    return roots


def _recode_each(files: list[Path], source: str | None) -> int:
    """Recode each file, saying what became of it; the number refused."""
    from ..recode import RecodeRefused, recode

    refused = 0
    for path in files:
        try:
            encoding = recode(path, source)
        except RecodeRefused as exc:
            fail(str(exc))
            refused += 1
            continue
        typer.echo(f"{path}：{encoding} → UTF-8" if encoding else f"{path}：已是 UTF-8，未改动")
    return refused
