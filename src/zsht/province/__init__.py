"""`zsht province`: many county repositories added up into the province's year, against the year before."""

from __future__ import annotations

from pathlib import Path

from ..write import folders_flushed_at_end, write_atomic
from .county import CountySummary, department_type, summarize
from .database import TABLES, province_database
from .html import province_html
from .listing import CountySource, Province, from_paths, read_listing
from .rollup import ProvinceFigures, add_up, funding_totals, roll_up
from .text import province_text
from .workbook import province_workbook

OUTPUTS = ("province.html", "province.xlsx", "province.sqlite")


def write_outputs(province: ProvinceFigures, folder: Path) -> list[Path]:
    """Write province.html, province.xlsx and province.sqlite into `folder`, each atomically."""
    contents = (province_html(province).encode("utf-8"), province_workbook(province), province_database(province))
    paths = [folder / name for name in OUTPUTS]
    with folders_flushed_at_end():
        for path, content in zip(paths, contents, strict=True):
            write_atomic(path, content)
    return paths


__all__ = ["OUTPUTS", "TABLES", "CountySource", "CountySummary", "Province", "ProvinceFigures", "add_up",
           "department_type", "from_paths", "funding_totals", "province_database", "province_html",
           "province_text", "province_workbook", "read_listing", "roll_up", "summarize", "write_outputs"]
