"""JSON Schemas generated from the models, one per file kind."""

from __future__ import annotations

import json
from pathlib import Path

from .layout import KIND_BY_NAME, KINDS
from .write import write_atomic


def schema_text(kind_name: str) -> str:
    """The JSON Schema of one file kind, as stable, readable text."""
    kind = KIND_BY_NAME[kind_name]
    schema = kind.model.model_json_schema()
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": kind.schema,
              "title": kind.title, **{k: v for k, v in schema.items() if k != "title"}}
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_schemas(out: Path, *, check: bool = False) -> list[str]:
    """Write (or with `check`, only compare) every schema; return the names that changed."""
    changed = []
    for kind in KINDS:
        target = out / kind.schema
        wanted = schema_text(kind.name)
        current = target.read_text(encoding="utf-8") if target.is_file() else None
        if current != wanted:
            changed.append(target.name)
            if not check:
                write_atomic(target, wanted.encode("utf-8"))
    return changed
