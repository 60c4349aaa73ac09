"""`zsht report`: the county's year at a glance, in the terminal and as one self-contained HTML page."""

from __future__ import annotations

from .figures import YearFigures, year_figures
from .html import report_html
from .text import report_text

__all__ = ["YearFigures", "report_html", "report_text", "year_figures"]
