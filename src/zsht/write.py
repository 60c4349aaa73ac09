"""Writing files so that an interruption never leaves half a file behind."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomic(target: Path, content: bytes) -> None:
    """Write to a temporary file beside `target`, then rename it into place."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
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
