"""Evaluation records written back with ruamel.yaml round-trip: comments, key order and number forms kept."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap

from ..models import Evaluation
from ..write import write_atomic
from .sheet_layout import number


def _yaml(text: str = "") -> YAML:
    """A round-trip YAML whose list indentation follows the file's own (PyYAML writes `- ` flush with the key)."""
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    if re.search(r"^[^\s#][^:\n]*:\n- ", text, re.MULTILINE):
        yaml.indent(mapping=2, sequence=2, offset=0)
    else:
        yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def plain(value: Any) -> Any:
    """Model data as YAML wants it: Decimals as int or float, containers as plain dicts and lists."""
    if isinstance(value, Decimal):
        return number(value)
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def _same(old: Any, new: Any) -> bool:
    numbers = (int, float, Decimal)
    if isinstance(old, numbers) and isinstance(new, numbers) and not isinstance(old, bool | dt.date):
        return Decimal(str(old)) == Decimal(str(new))
    return bool(old == new) and type(old) is type(new)


def merge(old: Any, new: Any) -> Any:
    """`new` laid over `old`, keeping every node of `old` (and its comments) whose value does not change."""
    if isinstance(old, dict) and isinstance(new, dict):
        for key in [k for k in old if k not in new]:
            del old[key]
        for key, value in new.items():
            if key in old:
                merged = merge(old[key], value)
                if merged is not old[key]:
                    old[key] = merged
            else:
                old[key] = value
        return old
    if isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        for index, value in enumerate(new):
            merged = merge(old[index], value)
            if merged is not old[index]:
                old[index] = merged
        return old
    return old if _same(old, new) else new


def _content(evaluation: Evaluation) -> dict[str, Any]:
    data: dict[str, Any] = plain(evaluation.model_dump(exclude_none=True))
    return data


def update_record(path: Path, evaluation: Evaluation) -> None:
    """Lay `evaluation` over the existing file at `path` and write it atomically."""
    text = path.read_text(encoding="utf-8-sig")
    yaml = _yaml(text)
    document = yaml.load(text)
    new = _content(evaluation)
    defaults = {name: field.get_default(call_default_factory=True) for name, field in Evaluation.model_fields.items()}
    for key in [k for k in new if k not in document and new[k] == plain(defaults.get(k))]:
        del new[key]  # a default the file never spelled out stays unspelled
    merge(document, new)
    buffer = io.StringIO()
    yaml.dump(document, buffer)
    write_atomic(path, buffer.getvalue().encode("utf-8"))


def schema_modeline(root: Path, target: Path) -> str:
    """The yaml-language-server line pointing at the evaluation schema nearest above the county root."""
    for folder in (root, *root.parents):
        schema = folder / "schemas" / "evaluation.schema.json"
        if schema.exists():
            break
    else:
        schema = root / "schemas" / "evaluation.schema.json"
    relative = os.path.relpath(schema, target.parent).replace(os.sep, "/")
    return f"# yaml-language-server: $schema={relative}\n"


def new_record(root: Path, path: Path, evaluation: Evaluation) -> None:
    """Write a new evaluation file, its schema modeline first."""
    yaml = _yaml()
    document = CommentedMap(_content(evaluation))
    buffer = io.StringIO()
    buffer.write(schema_modeline(root, path))
    yaml.dump(document, buffer)
    write_atomic(path, buffer.getvalue().encode("utf-8"))
