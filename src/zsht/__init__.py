"""zsht: 政社互动 records as validated YAML in git.

The public API: load a county, validate it, and the types that come back.
"""

__version__ = "0.1.0"

from .errors import UserError, ZshtError  # noqa: E402
from .findings import Finding, Severity  # noqa: E402
from .load.county import County, find_root, load_county  # noqa: E402
from .validate import Validation, validate  # noqa: E402

__all__ = [
    "County", "Finding", "Severity", "UserError", "Validation", "ZshtError", "__version__",
    "find_root", "load_county", "validate",
]
