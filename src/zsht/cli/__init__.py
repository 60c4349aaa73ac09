"""The command line: each command parses options, calls one library function, and reports."""

from __future__ import annotations

import gc
import sys
from typing import TYPE_CHECKING, Any

_collecting = gc.isenabled()
gc.disable()  # as in zsht/__init__.py: importing the command line makes nothing for the cyclic collector to find
try:
    from .app import run
finally:
    if _collecting:
        gc.enable()

if TYPE_CHECKING:
    from .app import app

__all__ = ["app", "main", "run"]

# `from .app import run` bound this package's `app` to the module zsht.cli.app. The name is the application's, made
# whole by __getattr__ when asked for (library use, tests); a run imports only the module of the command it names.
del globals()["app"]


def __getattr__(name: str) -> Any:
    """`zsht.cli.app`: the whole application, every command module imported."""
    if name != "app":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from .app import COMMANDS, app, import_commands

    import_commands(*COMMANDS.values())
    return app


def main() -> None:
    """Entry point of the `zsht` console script."""
    gc.freeze()  # what start-up made lives as long as the process: later collections need not scan it again
    sys.exit(run())
