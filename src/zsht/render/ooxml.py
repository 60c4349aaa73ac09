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
              indent: bool = False, bold: bool = False) -> Markup:
    """A paragraph of `parts` joined, in a named style; `indent` gives body text's two-character first-line indent.

    Templates pass the pieces of a sentence as separate arguments (p("甲方：", name)) rather than joining
    them with `~`: the same text, without a round of escaping per piece.
    """
    props = ""
    if style:
        props += f'<w:pStyle w:val="{style}"/>'
    if indent:
        props += '<w:ind w:firstLineChars="200" w:firstLine="640"/>'
    if align:
        props += f'<w:jc w:val="{align}"/>'
    text = "".join(map(_xml_text, parts))
    content = _run_xml(text, bold) if text else ""
    return Markup(f"<w:p><w:pPr>{props}</w:pPr>{content}</w:p>" if props else f"<w:p>{content}</w:p>")


def body(*parts: object) -> Markup:
    """A body paragraph (3号仿宋, first line indented two characters)."""
    return paragraph(*parts, indent=True)


def page_break() -> Markup:
    """Start a new page."""
    return Markup('<w:p><w:r><w:br w:type="page"/></w:r></w:p>')


def _cell(text: object, width: int, style: str | None) -> str:
    return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>'
            f"{paragraph(text, style=style)}</w:tc>")


def table(header: Sequence[object], rows: Iterable[Sequence[object]], widths: Sequence[int],
          style: str = "Grid") -> Markup:
    """A table; `widths` are relative column widths scaled to the text block.

    style "Grid" is a bordered data table (小四 text, 黑体 header); "Plain" has no borders and body text,
    for signature blocks.
    """
    if style not in ("Grid", "Plain"):
        raise ValueError(f"表格样式只能是 Grid 或 Plain，不能是 {style!r}")
    head_style, cell_style = ("TableHeader", "TableText") if style == "Grid" else (None, None)
    scale = TEXT_WIDTH / sum(widths)
    twips = [int(w * scale) for w in widths]
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in twips)
    head = "".join(_cell(text, w, head_style) for text, w in zip(header, twips, strict=True))
    parts = [f'<w:tr><w:trPr><w:tblHeader/></w:trPr>{head}</w:tr>']
    for row in rows:
        parts.append("<w:tr>" + "".join(_cell(text, w, cell_style) for text, w in zip(row, twips, strict=True)) + "</w:tr>")
    return Markup(
        f'<w:tbl><w:tblPr><w:tblStyle w:val="{style}"/><w:tblW w:w="{TEXT_WIDTH}" w:type="dxa"/>'
        f'<w:jc w:val="center"/><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>'
        + "".join(parts) + "</w:tbl>"
    )


HELPERS = {"p": paragraph, "body": body, "run": run, "table": table, "page_break": page_break}
