"""Line and column of a path inside a YAML file, from the node tree libyaml composes.

Only files that have findings are composed again; composing is done in C and keeps every node's mark.
"""

from __future__ import annotations

import yaml

from ..findings import FieldPath, Finding


def _compose(text: str) -> yaml.Node | None:
    try:
        return yaml.compose(text, Loader=yaml.CSafeLoader)
    except yaml.YAMLError:
        return None


def locate(node: yaml.Node | None, path: FieldPath) -> tuple[int, int] | None:
    """0-based (line, column) of the deepest element of `path` that exists in the node tree."""
    if node is None:
        return None
    where = (node.start_mark.line, node.start_mark.column)
    for step in path:
        if isinstance(node, yaml.MappingNode):
            found = next(((k, v) for k, v in node.value if k.value == str(step)), None)
            if found is None:
                break
            where = (found[0].start_mark.line, found[0].start_mark.column)
            node = found[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
            node = node.value[step]
            where = (node.start_mark.line, node.start_mark.column)
        else:
            break
    return where


def place(findings: list[Finding], text: str | None) -> list[Finding]:
    """The findings of one file with line and column filled in from their paths."""
    if text is None or all(f.line is not None for f in findings):
        return findings
    tree = _compose(text)
    placed = []
    for item in findings:
        if item.line is None:
            where = locate(tree, item.path)
            item = item.at(where[0] + 1, where[1] + 1) if where else item.at(1, 1)
        placed.append(item)
    return placed
