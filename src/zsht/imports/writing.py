"""The imported catalog as the bytes of its file: the schema modeline, a comment naming the source, the YAML."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from ..roundtrip import dumped, round_trip, schema_modeline

if TYPE_CHECKING:
    from .catalog import CatalogImport


def catalog_bytes(root: Path, target: Path, result: CatalogImport, year: int, *, with_stages: bool) -> bytes:
    """The catalog file for `result`: categories as comments above their first item, notes at the top."""
    head = schema_modeline(root, f"{Path(result.relpath).parent.name}.schema.json", target)
    head += f"# 由 zsht import catalog 从 {result.source} 导入，共 {len(result.items)} 项。\n"
    if result.gaps:
        head += "# 未能识别的法律依据、部门和经费保留了原文：运行 zsht validate 逐项查看并改正。\n"
    for note in result.footnotes:
        head += "".join(f"# {line}\n" for line in note.splitlines())  # as the table said it (注：…)
    yaml, _ = round_trip(None)
    items = CommentedSeq(_plain(item) for item in result.items)
    for index, category in result.categories:
        if index < len(items):
            items.yaml_set_comment_before_after_key(index, before=" ".join(category.split()), indent=2)
    catalog = CommentedMap([("title", result.title), ("year", year)])
    if with_stages:
        catalog["stages"] = CommentedSeq()
    catalog["items"] = items
    return dumped(yaml, catalog, head)


def _plain(value: Any) -> Any:
    """A value as ruamel writes it in zsht's style: mappings in block style, article numbers in flow style."""
    if isinstance(value, dict):
        return CommentedMap((key, _plain(inner)) for key, inner in value.items())
    if isinstance(value, list):
        seq = CommentedSeq(_plain(inner) for inner in value)
        if value and all(isinstance(inner, int) for inner in value):
            seq.fa.set_flow_style()
        return seq
    return value
