"""Reading rendered documents back."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.document import Document
from docx.oxml.ns import qn


def open_docx(path: Path) -> Document:
    return docx.Document(str(path))


def all_text(document: Document) -> str:
    """Every paragraph and table cell, one per line."""
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.extend(cell.text for cell in row.cells)
    return "\n".join(lines)


def east_asian_font(document: Document, style_name: str) -> str | None:
    """The w:eastAsia font a style names (walking up basedOn), else the document default."""
    style = document.styles[style_name]
    while style is not None:
        fonts = style.element.find(qn("w:rPr") + "/" + qn("w:rFonts"))
        if fonts is not None and fonts.get(qn("w:eastAsia")):
            return fonts.get(qn("w:eastAsia"))
        style = style.base_style
    return None
