"""Reading the built site back as a browser would: its links, ids, headings and table headers."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from posixpath import normpath


@dataclass
class Parsed:
    """What one page holds that the tests look at."""

    links: list[tuple[str, str, str]] = field(default_factory=list)  # (tag, attribute, value): every href and src
    anchors: list[tuple[str, str]] = field(default_factory=list)  # (href, text) of every <a>
    ids: set[str] = field(default_factory=set)
    headings: list[tuple[str, str]] = field(default_factory=list)  # (h1…h6, text)
    lang: str | None = None
    th_without_scope: int = 0
    text: str = ""


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Parsed()
        self._open: list[tuple[str, str | None]] = []  # heading or link being read, with its href
        self._words: list[str] = []
        self._all: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        for name in ("href", "src"):
            if name in values:
                self.page.links.append((tag, name, values[name]))
        if "id" in values:
            self.page.ids.add(values["id"])
        if tag == "html":
            self.page.lang = values.get("lang")
        if tag == "th" and "scope" not in values:
            self.page.th_without_scope += 1
        if tag in ("a", "h1", "h2", "h3", "h4") and not self._open:
            self._open.append((tag, values.get("href")))
            self._words = []

    def handle_endtag(self, tag: str) -> None:
        if self._open and self._open[-1][0] == tag:
            kind, href = self._open.pop()
            words = "".join(self._words).strip()
            if kind == "a":
                self.page.anchors.append((href or "", words))
            else:
                self.page.headings.append((kind, words))

    def handle_data(self, data: str) -> None:
        self._words.append(data)
        self._all.append(data)

    def close(self) -> None:
        super().close()
        self.page.text = "".join(self._all)


def parse(path: Path) -> Parsed:
    """Parse one page of the site."""
    reader = _Reader()
    reader.feed(path.read_text(encoding="utf-8"))
    reader.close()
    return reader.page


def follow(site: Path, page: str, href: str) -> str:
    """The path (relative to the site) a link on `page` leads to, without its #fragment."""
    base = page.rsplit("/", 1)[0] if "/" in page else ""
    target = href.split("#", 1)[0]
    if not target:  # #main: a place on the page itself
        return page
    return normpath(f"{base}/{target}" if base else target)


def link_to(site: Path, page: str, text: str) -> str:
    """Follow the link on `page` whose text contains `text` (exactly one must), as a reader clicks it."""
    found = sorted({href for href, words in parse(site / page).anchors if text in words})
    assert len(found) == 1, (page, text, found)
    target = follow(site, page, found[0])
    assert (site / target).is_file(), f"{page} → {found[0]}: no such page"
    return target
