"""Commands of this group are registered here (module reserved; see the issue that owns it)."""

from __future__ import annotations

from .app import app  # noqa: F401
