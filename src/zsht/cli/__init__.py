"""The command line: each command parses options, calls one library function, and reports."""

from __future__ import annotations

import gc
import sys

_collecting = gc.isenabled()
gc.disable()  # as in zsht/__init__.py: importing the commands makes nothing for the cyclic collector to find
try:
    from . import (  # noqa: F401  (registers the commands)
        baseline,
        doctor,
        draft,
        evaluation_cmd,
        history,
        import_cmd,
        imports,
        init,
        province,
        recode,
        render,
        report_cmd,
        rules,
        schema,
        scores,
        sheets,
        sign,
        site,
        validate,
    )
    from .app import app, run
finally:
    if _collecting:
        gc.enable()

__all__ = ["app", "main", "run"]


def main() -> None:
    """Entry point of the `zsht` console script."""
    gc.freeze()  # what start-up made lives as long as the process: later collections need not scan it again
    sys.exit(run())
