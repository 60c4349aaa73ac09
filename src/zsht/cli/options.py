"""Options several commands share, described once."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

import typer

from ..limits import YEARS


def _in_range(year: int | None) -> int | None:
    if year is not None and year not in YEARS:
        raise typer.BadParameter(f"年度应在 {YEARS.start} 到 {YEARS.stop - 1} 之间，不能是 {year}")
    return year


def year_option(default: Any = ..., help: str = "年度") -> Any:  # noqa: A002 - typer's own keyword
    """A `--year/-y` option holding a year in zsht.limits.YEARS; other values are a usage error (exit 2)."""
    return typer.Option(default, "--year", "-y", help=help, callback=_in_range)


class CatalogKind(StrEnum):
    """The catalogs a list is imported into or kept in a sheet (sheets.list_columns.CATALOG_KINDS)."""

    duty = "duty"
    assist = "assist"
    negative = "negative"
    certificate = "certificate"
