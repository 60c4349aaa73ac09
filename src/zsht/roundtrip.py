"""Record files as zsht edits them: YAML round-tripped with ruamel, so comments, key order and quoting stay.

A file's data is read with `round_trip`, changed in place and turned back into bytes with `dumped`; the bytes
are written by `zsht.write.write_atomic` (or a staged batch). New record files start with `schema_modeline`,
and amounts are written as `yaml_number` gives them.
"""

from __future__ import annotations

import io
import os
from decimal import Decimal
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.util import load_yaml_guess_indent
from yaml import ScalarNode
from yaml.resolver import Resolver

_RESOLVER = Resolver()  # the implicit types zsht's loader gives plain scalars


def schema_modeline(county_root: Path, schema: str, target: Path) -> str:
    """The first line of a new record file: the JSON Schema editors read, as a path relative to the file.

    The schema is looked for in `schemas/` of the county root, then of each folder above it up to the top of
    its git repository (the bundled example uses the zsht checkout's); where there is none, the county's own
    `schemas/` is named, as `zsht schema -o schemas` would write it."""
    root = county_root.resolve()
    found = root / "schemas" / schema
    for folder in (root, *root.parents):
        if (folder / "schemas" / schema).is_file():
            found = folder / "schemas" / schema
            break
        if (folder / ".git").exists():
            break
    return f"# yaml-language-server: $schema={os.path.relpath(found, target.parent.resolve()).replace(os.sep, '/')}\n"


def yaml_number(value: Decimal) -> int | float:
    """A decimal as YAML and spreadsheets write it: 30 rather than 30.00, 33.33 as it is."""
    return int(value) if value == value.to_integral_value() else float(value)


def round_trip(text: str | None) -> tuple[YAML, Any]:
    """A round-trip YAML set to write back in the file's own indentation, and the file's data (one parse).

    Edits made to the data keep the file's comments, key order and quoting. Without a text (a new file),
    the indentation is the one zsht writes: mappings by 2, list items by 4 with the dash at 2."""
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.representer.add_representer(Decimal, lambda r, value: r.represent_scalar("tag:yaml.org,2002:float", str(value)))
    yaml.representer.add_representer(str, _text_for_yaml_1_1)
    if text is None:
        yaml.indent(mapping=2, sequence=4, offset=2)
        return yaml, None
    data, sequence, offset = load_yaml_guess_indent(text, yaml=yaml)
    yaml.indent(mapping=2, sequence=sequence or 2, offset=offset or 0)
    return yaml, data


def _text_for_yaml_1_1(representer: Any, value: str) -> Any:
    """A string as text that zsht's loader (YAML 1.1, like PyYAML) reads back as the same string.

    ruamel writes YAML 1.2, where `yes`, `off`, `1:20` or `1_000` are plain text; a YAML 1.1 reader takes them for
    a boolean or a number. Such a string is quoted, so a name or an answer written by zsht never changes type."""
    if value and _RESOLVER.resolve(ScalarNode, value, (True, False)) != "tag:yaml.org,2002:str":  # type: ignore[no-untyped-call]
        return representer.represent_scalar("tag:yaml.org,2002:str", value, style="'")
    return representer.represent_str(value)


def dumped(yaml: YAML, data: Any, head: str = "") -> bytes:
    """The bytes of a file: `head` (comment lines) and the data as `yaml` writes it."""
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    return (head + buffer.getvalue()).encode("utf-8")
