"""Every check zsht runs, and the table of rule ids."""

from . import agreements, catalogs, evaluations, funding, references  # noqa: F401  (registers the checks)
from .base import CHECKS
from ..ruletable import RULES

__all__ = ["CHECKS", "RULES"]
