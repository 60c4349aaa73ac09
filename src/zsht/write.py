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


PROJECT = Path(__file__).resolve().parents[2]  # the zsht checkout, when installed from one


def schema_modeline(county_root: Path, schema: str, target: Path) -> str:
    """The first line of a new record file: the JSON Schema editors read, as a path relative to the file.

    A county inside a zsht checkout (the bundled example) points at the checkout's `schemas/`; any other
    county at its own `schemas/` (written by `zsht init`)."""
    project_schema = PROJECT / "schemas" / schema
    if county_root.resolve().is_relative_to(PROJECT) and project_schema.exists():
        path = os.path.relpath(project_schema, target.parent.resolve())
    else:
        path = os.path.relpath(county_root.resolve() / "schemas" / schema, target.parent.resolve())
    return f"# yaml-language-server: $schema={path.replace(os.sep, '/')}\n"
