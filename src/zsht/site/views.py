"""What a site template sees: pages made of sections, tables and links, all plain frozen data.

Every page of the site has the same shape, so one template lays out any of them and a county can restyle the
whole site by overriding `site/page.html.j2`. Links are written relative to the site's root (`townships/a.html`);
the template puts the page's own way back to the root in front, so the site works opened from disk as from a
web server.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..render.templates import register_view


@register_view
@dataclass(frozen=True)
class CellView:
    """One table cell: its text and, where it leads somewhere, the page it links to."""

    text: str
    href: str | None = None


@register_view
@dataclass(frozen=True)
class RowView:
    """One table row; `anchor` makes it a target (`#XZ-001`) that the search and other pages link to."""

    cells: tuple[CellView, ...]
    anchor: str | None = None


@register_view
@dataclass(frozen=True)
class TableView:
    """A table with its caption and column headers."""

    caption: str
    headers: tuple[str, ...]
    rows: tuple[RowView, ...]
    total: tuple[CellView, ...] = ()


@register_view
@dataclass(frozen=True)
class Section:
    """A headed part of a page: paragraphs, facts (label: value), tables and a list of links."""

    heading: str
    paragraphs: tuple[str, ...] = ()
    facts: tuple[tuple[str, str], ...] = ()
    tables: tuple[TableView, ...] = ()
    links: tuple[CellView, ...] = ()
    level: int = 2
    anchor: str | None = None


@register_view
@dataclass(frozen=True)
class Page:
    """One page of the site: where it goes, its title, the way back to the index, and its sections."""

    path: str  # relative to the site's root, with "/" separators
    title: str
    sections: tuple[Section, ...]
    crumbs: tuple[CellView, ...] = ()
    lead: str = ""
    search: bool = False

    @property
    def root(self) -> str:
        """The relative way from this page back to the site's root ("" or "../")."""
        return "../" * self.path.count("/")


def row(*texts: str, anchor: str | None = None) -> RowView:
    """A row of plain text cells."""
    return RowView(tuple(CellView(text) for text in texts), anchor)


# Telephone numbers: landlines with an area code (0518-87222xxx, (025)8888 8888) and mobile numbers. The public
# site leaves them out unless the county asks for them: a notice's objection channel may name a person's line.
_PHONE = re.compile(r"(?:[(（]?0\d{2,3}[)）]?[-－ ]?)[1-9][\dxX*]{2,3}[- ]?[\dxX*]{4}(?![\dxX*])"
                    r"|(?<!\d)1[3-9]\d[- ]?\d{4}[- ]?\d{4}(?!\d)")
PHONE_LEFT_OUT = "（电话号码略）"


def without_phones(text: str) -> str:
    """`text` with every telephone number replaced by a note that it was left out."""
    return _PHONE.sub(PHONE_LEFT_OUT, text)
