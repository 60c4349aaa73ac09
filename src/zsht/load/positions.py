"""Line and column of a path inside a YAML file, recovered with ruamel's round-trip loader.

Only files that have findings are read this way: the round-trip loader is several times slower than
the C loader that reads every file.
"""

from __future__ import annotations

from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from ..findings import Finding, Path


def _round_trip(text: str) -> Any:
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = True
    try:
        return yaml.load(text)
    except (YAMLError, ValueError):
        return None


def locate(node: Any, path: Path) -> tuple[int, int] | None:
    """0-based (line, column) of the deepest element of `path` that exists in the round-trip tree."""
    where: tuple[int, int] | None = None
    if isinstance(node, CommentedMap | CommentedSeq):
        where = (node.lc.line, node.lc.col)
    for step in path:
        if isinstance(node, CommentedMap) and step in node:
            where = node.lc.key(step)
            node = node[step]
        elif isinstance(node, CommentedSeq) and isinstance(step, int) and 0 <= step < len(node):
            where = node.lc.item(step)
            node = node[step]
        else:
            break
    return where


def place(findings: list[Finding], text: str | None) -> list[Finding]:
    """The findings of one file with line and column filled in from their paths."""
    pending = [f for f in findings if f.line is None]
    if not pending or text is None:
        return findings
    tree = _round_trip(text)
    placed = []
    for item in findings:
        if item.line is None:
            where = locate(tree, item.path) if tree is not None else None
            item = item.at(where[0] + 1, where[1] + 1) if where else item.at(1, 1)
        placed.append(item)
    return placed
