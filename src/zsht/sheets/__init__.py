"""Score sheets for the evaluation panel: export a workbook per year, import it back as evaluation records."""

from __future__ import annotations

from .export import export_sheets
from .importer import ImportOutcome, import_sheets

__all__ = ["ImportOutcome", "export_sheets", "import_sheets"]
