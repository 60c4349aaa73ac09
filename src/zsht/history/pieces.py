"""File versions parsed piece by piece: the history reads thousands of versions that differ in a line or two.

A record file's version is cut where its top-level keys start (and a list file's items where each `- ` entry
starts); each piece is parsed on its own and kept by its text. The next version of the file, which changed one
amount, parses that one piece: every other piece comes from the previous version, the very same objects, so
that comparing the two versions (`changes.field_changes`) passes over what they share at once.

Whenever the cut could mean anything else than the whole file means — aliases and anchors, document markers,
directives, a piece that is not one key or one entry, a key found twice, any error at all — the file is parsed
whole (`load.reader.parse`), with every finding the whole parse gives: the pieces are a shortcut, never another
reading of the file.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ..load.reader import load_piece

__all__ = ["Pieces", "plain"]

_LIMIT = 50_000  # pieces kept (about 5 kB each, parsed): a province's first commit must not keep them all
# What the cut leaves to the whole parse: anchors, aliases, tabs and byte-order marks anywhere; at the start of a
# line, a document marker, one of YAML's indicators or white space other than a space (U+3000 starts a key, to
# YAML). The patterns look for a line's start as "\n" (the text is searched with one put before it): re finds a
# literal fast.
_AWKWARD = re.compile(r"\n(?:---|\.\.\.|[?:,\[\]{}!|>'\"%@`]|(?! )[^\S\n\r])")
_KEY_LINE = re.compile(r"\n[^\s#-]")  # once nothing is awkward: a line that starts a top-level key
_HEADER = re.compile(r"[^\s#:]+:[ ]*(?:#.*)?\r?\n")  # `items:` alone on its line (a comment may follow)
_CONTENT = re.compile(r"\n( *)[^ \r\n#]")  # a line with something on it other than a comment


def top_pieces(text: str) -> list[str] | None:
    """The text cut before each top-level key (comments and blank lines before the first key go with it), or
    None when the file is not plainly a block mapping of top-level keys."""
    lined = "\n" + text  # offsets in `lined` are one past those in `text`: a match's "\n" is the line's start
    # U+FEFF: a byte-order mark starts a piece as it could not start the file (YAML takes it for the stream's).
    if "&" in text or "*" in text or "\t" in text or "\ufeff" in text or _AWKWARD.search(lined):
        return None
    starts = [found.start() for found in _KEY_LINE.finditer(lined)]
    if not starts or _CONTENT.search(lined, 0, starts[0] + 1):  # a sequence entry before the first key
        return None
    starts[0] = 0
    return [text[start:end] for start, end in zip(starts, [*starts[1:], len(text)], strict=True)]


def entry_pieces(piece: str) -> tuple[str, list[str]] | None:
    """A top-level `items:` piece cut into its header line and one text per `- ` entry (comments and blank lines
    after an entry go with it), or None when its value is not plainly a block sequence of entries."""
    header = _HEADER.match(piece)
    if header is None:
        return None
    body = piece[header.end() - 1:]  # from the header's line break: every line of the body starts after a "\n"
    first = _CONTENT.match(body)  # the first entry, on the line after the header (no comment before it)
    if first is None:
        return None
    indent = len(first.group(1))
    entry = "\n" + " " * indent + "-"
    starts = []
    # Every line indented no deeper than the first entry must start an entry of its own (`- ` at that indent).
    for found in re.finditer(rf"\n {{0,{indent}}}[^ \r\n#]", body):
        after = body[found.start() + len(entry):found.start() + len(entry) + 1]
        if not body.startswith(entry, found.start()) or after not in ("", " ", "\n", "\r"):
            return None
        starts.append(found.start() + 1)
    return piece[:header.end()], [body[start:end] for start, end in zip(starts, [*starts[1:], len(body)],
                                                                       strict=True)]


def plain(value: Any) -> Any:
    """Data as the history compares and prints it: dates as ISO text, so quoting a date is no change."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


class Pieces:
    """Parsed pieces kept by their text: (data as YAML gives it, data as the history shows it)."""

    def __init__(self) -> None:
        self.known: dict[tuple[str, int], tuple[Any, Any]] = {}

    def load(self, text: str, records: str | None) -> tuple[Any, Any] | None:
        """(data, shown data) of a whole file from its pieces, with the items of the list `records` (a catalog's
        `items`) cut into entries; None when it must be parsed whole."""
        pieces = top_pieces(text)
        if pieces is None:
            return None
        data: dict[Any, Any] = {}
        seen: dict[str, Any] = {}
        for piece in pieces:
            found = self._entries(piece) if records is not None and piece.startswith(f"{records}:") else None
            if found is None:
                found = self._piece(piece, 0)
                if found is None or not isinstance(found[0], dict) or len(found[0]) != 1:
                    return None
                (key, value), (_, value_shown) = next(iter(found[0].items())), next(iter(found[1].items()))
            else:
                key, value, value_shown = records, found[0], found[1]
            if key in data or str(key) in seen:  # the whole parse says which key is there twice
                return None
            data[key], seen[str(key)] = value, value_shown
        return data, seen

    def _entries(self, piece: str) -> tuple[list[Any], list[Any]] | None:
        cut = entry_pieces(piece)
        if cut is None:
            return None
        values, seen = [], []
        for entry in cut[1]:
            found = self._piece(entry, 1)  # one level below the file's own mapping, as in the whole file
            if found is None or not isinstance(found[0], list) or len(found[0]) != 1:
                return None
            values.append(found[0][0])
            seen.append(found[1][0])
        return values, seen

    def _piece(self, text: str, depth: int) -> tuple[Any, Any] | None:
        key = (text, depth)
        found = self.known.get(key)
        if found is None:
            value = load_piece(text, depth)
            if value is None:
                return None
            if len(self.known) > _LIMIT:
                self.known.clear()
            found = self.known[key] = (value, plain(value))
        return found
