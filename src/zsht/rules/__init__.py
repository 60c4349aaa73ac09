"""Every check zsht runs, and the table of rule ids."""

from ..ruletable import RULES
from . import (  # noqa: F401  (registers the checks)
    agreements,
    catalogs,
    certificates,
    codes,
    evaluations,
    funding,
    legal,
    lifecycle,
    plaques,
    references,
    short_names,
    supplements,
)
from .base import CHECKS

__all__ = ["CHECKS", "RULES"]
