"""The command line: each command parses options, calls one library function, and reports."""

from __future__ import annotations

import sys

from . import draft, history, init, recode, render, report_cmd, rules, schema, scores, sheets, sign, validate  # noqa: F401  (registers the commands)
from .app import app, run

__all__ = ["app", "main", "run"]


def main() -> None:
    """Entry point of the `zsht` console script."""
    sys.exit(run())
