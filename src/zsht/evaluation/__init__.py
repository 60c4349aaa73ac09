"""履职履约双向评估: score sheets for the panel, and the county's yearly report."""

from __future__ import annotations

from .report import build_report, report_html, report_text
from .sheet_export import export_sheets
from .sheet_import import import_sheets

__all__ = ["build_report", "export_sheets", "import_sheets", "report_html", "report_text"]
