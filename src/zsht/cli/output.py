"""How a command whose result is findings reports them: `--format`, `-o` and `--fail-on`, the same for each."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import typer

from ..findings import Severity

if TYPE_CHECKING:
    from ..report import Outcome


class FindingsFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"
    sarif = "sarif"


def emit(outcome: Outcome, fmt: FindingsFormat, output: Path | None, fail_on: Severity) -> NoReturn:
    """Print the report (or write it to `output`), then exit 1 when a finding reaches `fail_on`, else 0.

    The outcome's notes are in the text report; with the other formats they go to stderr, so that what is
    printed or written stays a well-formed list of findings.
    """
    from ..report import FORMATS, fails
    from ..report.text import text
    from ..write import write_atomic

    if fmt is FindingsFormat.text and output is None:
        rendered = text(outcome, color=sys.stdout.isatty())
    else:
        rendered = FORMATS[fmt.value](outcome)
    if fmt is not FindingsFormat.text:
        for note in outcome.notes:
            typer.echo(note, err=True)
    if output is not None:
        write_atomic(output, rendered.encode("utf-8"))
    else:
        sys.stdout.write(rendered)
    raise typer.Exit(1 if fails(outcome, fail_on) else 0)
