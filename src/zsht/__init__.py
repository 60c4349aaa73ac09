"""zsht: 政社互动 records as validated YAML in git.

The public API: load a county, validate it, and the types that come back.
"""

__version__ = "0.1.0"

import gc  # noqa: E402

# Importing zsht builds thousands of classes and functions, none of them garbage: the cyclic collector would
# only rescan them, again and again (a tenth of a pre-commit `zsht validate`). It is paused while they are made.
_collecting = gc.isenabled()
gc.disable()
try:
    from .errors import UserError, ZshtError
    from .findings import Finding, Severity
    from .load.county import County, find_root, load_county
    from .validate import Validation, validate
finally:
    if _collecting:
        gc.enable()

__all__ = [
    "County", "Finding", "Severity", "UserError", "Validation", "ZshtError", "__version__",
    "find_root", "load_county", "validate",
]
