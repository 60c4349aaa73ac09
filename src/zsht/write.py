"""Writing files so that an interruption never leaves half a file behind."""

from __future__ import annotations

import io
import os
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.util import load_yaml_guess_indent


def write_atomic(target: Path, content: bytes) -> None:
    """Write to a temporary file beside `target`, then rename it into place."""
    target.parent.mkdir(parents=True, exist_ok=True)
    # The temporary name adds 14 bytes to the target's: a name near the 255-byte limit needs a shorter start.
    stem = target.name.encode("utf-8")[:200].decode("utf-8", errors="ignore")
    handle, temporary = tempfile.mkstemp(prefix=f".{stem}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


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
    if text is None:
        yaml.indent(mapping=2, sequence=4, offset=2)
        return yaml, None
    data, sequence, offset = load_yaml_guess_indent(text, yaml=yaml)
    yaml.indent(mapping=2, sequence=sequence or 2, offset=offset or 0)
    return yaml, data


def dumped(yaml: YAML, data: Any, head: str = "") -> bytes:
    """The bytes of a file: `head` (comment lines) and the data as `yaml` writes it."""
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    return (head + buffer.getvalue()).encode("utf-8")
