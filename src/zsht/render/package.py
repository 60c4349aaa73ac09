"""Assemble a .docx by hand: a zip of slim WordprocessingML parts, byte for byte reproducible.

The parts that never change within a batch (styles, settings, footers, relationships) are built
once; each document adds only its body and its properties. Zip entries have a fixed order and a
fixed date, so the same records always give the same bytes.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from xml.parsers import expat

from markupsafe import escape

from ..errors import UserError
from .templates import Templates
from .zipwriter import Packed, ZipWriter

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

CONTENT_TYPES = DECLARATION + (
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    '<Override PartName="/word/settings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>'
    '<Override PartName="/word/fontTable.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/>'
    '<Override PartName="/word/footer1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>'
    '<Override PartName="/word/footer2.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>'
    '<Override PartName="/docProps/core.xml" '
    'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    '<Override PartName="/docProps/app.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
    "</Types>"
)
PACKAGE_RELS = DECLARATION + (
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="word/document.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/'
    'core-properties" Target="docProps/core.xml"/>'
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'extended-properties" Target="docProps/app.xml"/>'
    "</Relationships>"
)
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
DOCUMENT_RELS = DECLARATION + (
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rIdStyles" Type="{_REL}styles" Target="styles.xml"/>'
    f'<Relationship Id="rIdSettings" Type="{_REL}settings" Target="settings.xml"/>'
    f'<Relationship Id="rIdFonts" Type="{_REL}fontTable" Target="fontTable.xml"/>'
    f'<Relationship Id="rIdFooterOdd" Type="{_REL}footer" Target="footer1.xml"/>'
    f'<Relationship Id="rIdFooterEven" Type="{_REL}footer" Target="footer2.xml"/>'
    "</Relationships>"
)
APP = DECLARATION + (
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    "<Application>zsht</Application><DocSecurity>0</DocSecurity></Properties>"
)
# GB/T 9704-2012: A4, text block 156 × 225 mm; two footers, odd pages right and even pages left.
SECTION = (
    '<w:sectPr><w:footerReference w:type="default" r:id="rIdFooterOdd"/>'
    '<w:footerReference w:type="even" r:id="rIdFooterEven"/>'
    '<w:pgSz w:w="11906" w:h="16838"/>'
    '<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588" w:header="851" w:footer="1304" w:gutter="0"/>'
    '<w:cols w:space="425"/><w:docGrid w:type="lines" w:linePitch="579"/></w:sectPr>'
)


@dataclass(frozen=True)
class Properties:
    """The document properties: fixed values, so that rendering twice gives the same bytes."""

    title: str
    subject: str
    created: str  # W3CDTF, derived from the record (never the clock)


def core_xml(props: Properties) -> str:
    """docProps/core.xml."""
    return DECLARATION + (
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(props.title)}</dc:title><dc:subject>{escape(props.subject)}</dc:subject>"
        "<dc:creator>zsht</dc:creator><cp:lastModifiedBy>zsht</cp:lastModifiedBy><dc:language>zh-CN</dc:language>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{props.created}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{props.created}</dcterms:modified>'
        "</cp:coreProperties>"
    )


def document_xml(body: str, section: str = SECTION) -> str:
    """word/document.xml around a body that a template rendered."""
    if body.rstrip().endswith("</w:tbl>"):
        body += "<w:p/>"  # Word wants a paragraph between a closing table and the section properties
    return DECLARATION + (
        f'<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>{body}{section}</w:body></w:document>'
    )


# A marked document (a draft notice: 征求意见稿) carries its mark in a header on every page, odd and even.
HEADER_TYPES = CONTENT_TYPES.replace("</Types>", '<Override PartName="/word/header1.xml" ContentType='
                                     '"application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>'
                                     "</Types>")
HEADER_RELS = DOCUMENT_RELS.replace(
    "</Relationships>", f'<Relationship Id="rIdHeader" Type="{_REL}header" Target="header1.xml"/></Relationships>')
HEADER_SECTION = SECTION.replace("<w:sectPr>", '<w:sectPr><w:headerReference w:type="default" r:id="rIdHeader"/>'
                                 '<w:headerReference w:type="even" r:id="rIdHeader"/>')


def header_xml(mark: str) -> str:
    """word/header1.xml: the mark centred, bold, in red, 4号."""
    return DECLARATION + (
        f'<w:hdr xmlns:w="{W_NS}"><w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:b/>'
        f'<w:color w:val="C00000"/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr><w:t>{escape(mark)}</w:t></w:r>'
        "</w:p></w:hdr>"
    )


# The characters XML 1.0 allows (§2.2); anything else makes a part that Word refuses to open.
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


class UnfitPart(Exception):
    """A part that is not well-formed XML: the character XML cannot hold, when that is the cause, and where."""

    def __init__(self, part: str, char: str | None, line: int | None, column: int | None) -> None:
        super().__init__(part)
        self.part, self.char, self.line, self.column = part, char, line, column

    def where(self) -> str:
        """The part, and the line and column in it when known."""
        return self.part + (f" 第 {self.line} 行第 {self.column + 1} 列" if self.line and self.column is not None else "")


def well_formed(part: str, text: str | bytes) -> bytes:
    """The UTF-8 bytes of a part, once an XML parser has read them without error; else UnfitPart."""
    try:
        data = text.encode("utf-8") if isinstance(text, str) else text
        expat.ParserCreate().Parse(data, True)
    except (expat.ExpatError, UnicodeEncodeError) as exc:
        # Searched only now, when the parse failed: the character can then be named, not only its position.
        bad = NOT_XML.search(text) if isinstance(text, str) else None
        if bad:
            raise UnfitPart(part, bad.group(), None, None) from None
        if isinstance(exc, UnicodeEncodeError):
            raise
        raise UnfitPart(part, None, exc.lineno, exc.offset) from None
    return data


def _fixed_part(part: str, source: str, text: str | bytes) -> bytes:
    """A part every document of the batch shares: one that is not XML stops the batch, naming its source."""
    try:
        return well_formed(part, text)
    except UnfitPart as exc:
        what = f"含有 XML 不能容纳的字符 U+{ord(exc.char):04X}" if exc.char else f"不是合格的 XML（{exc.where()}）"
        raise UserError(f"{source} 生成的 {part} {what}", hint="修改该模板或参考文档后重试") from None


MAX_STYLES = 20_000_000  # bytes of word/styles.xml once inflated; Word's own are well under 1 MB


def reference_styles(path: Path) -> bytes:
    """word/styles.xml of a county's reference .docx, refused in one line when the file is not a .docx, has no
    styles, or its styles would inflate past MAX_STYLES (a zip bomb): the size is checked before reading, and
    the reading stops there whatever the archive claims."""
    name = f"参考文档 templates/{path.name}"
    try:
        with zipfile.ZipFile(path) as archive:
            try:
                info = archive.getinfo("word/styles.xml")
            except KeyError:
                raise UserError(f"{name} 中没有样式部件 word/styles.xml", hint=_RESAVE) from None
            if info.file_size > MAX_STYLES:
                raise UserError(f"{name} 的 word/styles.xml 解压后有 {info.file_size:,} 字节，超过上限 "
                                f"{MAX_STYLES:,}，已拒绝", hint=_RESAVE)
            with archive.open(info) as stream:
                styles = stream.read(MAX_STYLES + 1)
    except zipfile.BadZipFile:
        raise UserError(f"{name} 不是有效的 .docx（zip）文件", hint=_RESAVE) from None
    except (OSError, EOFError, zlib.error, NotImplementedError, RuntimeError):
        # a damaged entry, an encrypted one, or a compression method zipfile cannot read
        raise UserError(f"{name} 已损坏或无法读取", hint=_RESAVE) from None
    if len(styles) > MAX_STYLES:
        raise UserError(f"{name} 的 word/styles.xml 解压后超过 {MAX_STYLES:,} 字节，已拒绝", hint=_RESAVE)
    return styles


_RESAVE = "用 Word 或 WPS 另存为 .docx 后重试"


class DocxBuilder:
    """Builds the fixed parts once, then one .docx per call."""

    def __init__(self, templates: Templates) -> None:
        reference = templates.reference_docx()
        styles = reference_styles(reference) if reference else templates.render("styles.xml.j2").encode()
        # County templates may override any of these: each is checked once here, before any document uses it.
        fixed: list[tuple[str, bytes]] = [
            ("word/styles.xml", _fixed_part("word/styles.xml", reference.name if reference else "模板 styles.xml.j2",
                                            styles)),
            ("word/settings.xml", _fixed_part("word/settings.xml", "模板 settings.xml.j2",
                                              templates.render("settings.xml.j2"))),
            ("word/fontTable.xml", _fixed_part("word/fontTable.xml", "模板 fonts.xml.j2", templates.render("fonts.xml.j2"))),
            ("word/footer1.xml", _fixed_part("word/footer1.xml", "模板 footer.xml.j2",
                                             templates.render("footer.xml.j2", align="right"))),
            ("word/footer2.xml", _fixed_part("word/footer2.xml", "模板 footer.xml.j2",
                                             templates.render("footer.xml.j2", align="left"))),
            ("word/_rels/document.xml.rels", DOCUMENT_RELS.encode()),
            ("docProps/app.xml", APP.encode()),
        ]
        # Deflated once here, not once per document.
        self.fixed = [(name, Packed(data)) for name, data in fixed]
        self.head = [("[Content_Types].xml", Packed(CONTENT_TYPES.encode())), ("_rels/.rels", Packed(PACKAGE_RELS.encode()))]
        self.zip = ZipWriter()

    def build(self, body: str, props: Properties, mark: str | None = None) -> bytes:
        """The bytes of one .docx whose body is `body` (WordprocessingML paragraphs and tables); with `mark`,
        that text heads every page (a header part).

        Raises UnfitPart rather than zip a part that is not well-formed XML: Word would refuse the file."""
        if mark is None:
            return self.zip.write([
                *self.head,
                ("word/document.xml", well_formed("word/document.xml", document_xml(body))),
                *self.fixed,
                ("docProps/core.xml", well_formed("docProps/core.xml", core_xml(props))),
            ])
        rels = Packed(HEADER_RELS.encode())
        return self.zip.write([
            ("[Content_Types].xml", Packed(HEADER_TYPES.encode())), self.head[1],
            ("word/document.xml", well_formed("word/document.xml", document_xml(body, HEADER_SECTION))),
            *((name, rels if name == "word/_rels/document.xml.rels" else part) for name, part in self.fixed),
            ("word/header1.xml", well_formed("word/header1.xml", header_xml(mark))),
            ("docProps/core.xml", well_formed("docProps/core.xml", core_xml(props))),
        ])
