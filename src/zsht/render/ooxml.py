"""Small WordprocessingML builders the templates call: a paragraph, a table, a page break.

Paragraph and character formatting lives in styles.xml (templates/styles.xml.j2); these helpers
only name a style, so a county that restyles its documents never touches a template's text.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from markupsafe import Markup

TEXT_WIDTH = 8844  # twips: 156 mm between the margins of GB/T 9704-2012


_ESCAPED: dict[str, str] = {}  # the same labels and catalog texts recur in every document of a batch


def _xml_text(text: object) -> str:
    """Text escaped for an XML element; Markup (already escaped by the template) passes as it is."""
    if type(text) is str:
        escaped = _ESCAPED.get(text)
        if escaped is None:
            escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            if len(_ESCAPED) < 50_000:
                _ESCAPED[text] = escaped
        return escaped
    if isinstance(text, Markup):
        return str(text)
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _run_xml(escaped: str, bold: bool = False) -> str:
    """A run around text that is already escaped."""
    props = "<w:rPr><w:b/></w:rPr>" if bold else ""
    if "\n" in escaped:
        escaped = '</w:t><w:br/><w:t xml:space="preserve">'.join(escaped.split("\n"))
    return f'<w:r>{props}<w:t xml:space="preserve">{escaped}</w:t></w:r>'


def run(text: object, bold: bool = False) -> Markup:
    """One run of text; line breaks in the text become <w:br/>."""
    return Markup(_run_xml(_xml_text(text), bold))


def paragraph(*parts: object, style: str | None = None, align: str | None = None,
              indent: bool = False, bold: bool = False, keep: bool = False, flush: bool = False) -> Markup:
    """A paragraph of `parts` joined, in a named style; `indent` gives body text's two-character first-line indent,
    `flush` none at all (GB/T 9704's 顶格, against a style that indents); `keep` keeps the paragraph on one page
    with the next one (w:keepNext, w:keepLines), as the last lines of a body before its signature block.

    Templates pass the pieces of a sentence as separate arguments (p("甲方：", name)) rather than joining
    them with `~`: the same text, without a round of escaping per piece.
    """
    props = ""
    if style:
        props += f'<w:pStyle w:val="{style}"/>'
    if keep:  # in the order of CT_PPr: after pStyle, before ind and jc
        props += "<w:keepNext/><w:keepLines/>"
    if indent:
        props += '<w:ind w:firstLineChars="200" w:firstLine="640"/>'
    elif flush:
        props += '<w:ind w:firstLineChars="0" w:firstLine="0"/>'
    if align:
        props += f'<w:jc w:val="{align}"/>'
    text = "".join(map(_xml_text, parts))
    content = _run_xml(text, bold) if text else ""
    return Markup(f"<w:p><w:pPr>{props}</w:pPr>{content}</w:p>" if props else f"<w:p>{content}</w:p>")


def body(*parts: object, keep: bool = False) -> Markup:
    """A body paragraph (3号仿宋, first line indented two characters); `keep` as in paragraph."""
    return paragraph(*parts, indent=True, keep=keep)


def page_break() -> Markup:
    """Start a new page."""
    return Markup('<w:p><w:r><w:br w:type="page"/></w:r></w:p>')


def _cell(text: object, width: int, style: str | None, align: str | None = None, keep: bool = False) -> str:
    return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>'
            f"{paragraph(text, style=style, align=align, keep=keep)}</w:tc>")


def table(header: Sequence[object], rows: Iterable[Sequence[object]], widths: Sequence[int],
          style: str = "Grid", aligns: Sequence[str | None] | None = None, keep: bool = False) -> Markup:
    """A table; `widths` are relative column widths scaled to the text block.

    style "Grid" is a bordered data table (小四 text, 黑体 header); "Plain" has no borders and body text,
    for signature blocks. `aligns` sets the body cells' alignment per column (e.g. "left" for long text; None
    keeps the style's). `keep` holds the whole table on one page, with no row split (a signature block).
    """
    if style not in ("Grid", "Plain"):
        raise ValueError(f"表格样式只能是 Grid 或 Plain，不能是 {style!r}")
    if keep:
        return _kept_table(header, list(rows), widths, style, aligns)
    head_style, cell_style = ("TableHeader", "TableText") if style == "Grid" else (None, None)
    twips = _twips(widths)
    head = "".join(_cell(text, w, head_style) for text, w in zip(header, twips, strict=True))
    parts = [f'<w:tr><w:trPr><w:tblHeader/></w:trPr>{head}</w:tr>']
    column_aligns = list(aligns) if aligns is not None else [None] * len(twips)
    for row in rows:
        parts.append("<w:tr>" + "".join(_cell(text, w, cell_style, align) for text, w, align
                                        in zip(row, twips, column_aligns, strict=True)) + "</w:tr>")
    return _table_xml(style, twips, parts)


def _twips(widths: Sequence[int]) -> list[int]:
    scale = TEXT_WIDTH / sum(widths)
    return [int(w * scale) for w in widths]


def _table_xml(style: str, twips: list[int], rows: list[str]) -> Markup:
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in twips)
    return Markup(
        f'<w:tbl><w:tblPr><w:tblStyle w:val="{style}"/><w:tblW w:w="{TEXT_WIDTH}" w:type="dxa"/>'
        f'<w:jc w:val="center"/><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>'
        + "".join(rows) + "</w:tbl>"
    )


def _kept_table(header: Sequence[object], rows: list[Sequence[object]], widths: Sequence[int], style: str,
                aligns: Sequence[str | None] | None) -> Markup:
    """A table Word and LibreOffice keep on one page: no row splits (w:cantSplit), and every row's paragraphs
    kept with the next row but the last."""
    head_style, cell_style = ("TableHeader", "TableText") if style == "Grid" else (None, None)
    twips = _twips(widths)
    column_aligns = list(aligns) if aligns is not None else [None] * len(twips)
    every = [(header, head_style), *((row, cell_style) for row in rows)]
    parts = []
    for position, (row, cell) in enumerate(every):
        keep = position < len(every) - 1
        cells = "".join(_cell(text, w, cell, align if position else None, keep)
                        for text, w, align in zip(row, twips, column_aligns, strict=True))
        parts.append(f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{cells}</w:tr>")
    return _table_xml(style, twips, parts)


HELPERS = {"p": paragraph, "body": body, "run": run, "table": table, "page_break": page_break}
