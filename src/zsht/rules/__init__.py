"""Every check zsht runs, and the table of rule ids."""

from ..ruletable import RULES
from . import agreements, catalogs, evaluations, funding, lifecycle, references  # noqa: F401  (registers the checks)
from .base import CHECKS

__all__ = ["CHECKS", "RULES"]
