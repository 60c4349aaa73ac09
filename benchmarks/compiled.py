"""Byte-compile the zsht a benchmark times, before timing it.

Python writes no .pyc files when PYTHONDONTWRITEBYTECODE is set, or cannot write them next to a read-only source;
then every run compiles zsht again (about 0.13 s), which an installed zsht never does (pip compiles it). A
benchmark calls `compile_zsht` first so that it times zsht, not the compiler.
"""

from __future__ import annotations

import compileall
import importlib.util
from pathlib import Path


def compile_zsht(*sources: Path | None) -> None:
    """Compile the zsht package under each `src` folder given, or the one this Python imports for None."""
    for source in sources:
        if source is None:
            spec = importlib.util.find_spec("zsht")
            package = Path(spec.origin).parent if spec is not None and spec.origin else None
        else:
            package = source / "zsht"
        if package is not None and package.is_dir():
            compileall.compile_dir(str(package), quiet=1)
