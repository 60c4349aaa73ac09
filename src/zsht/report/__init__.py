"""Reporters: the only place that turns findings into text. Each returns a string."""

from __future__ import annotations

from collections.abc import Callable

from .github import github
from .json import json_report
from .outcome import Outcome, count, fails
from .sarif import sarif
from .text import text

Reporter = Callable[[Outcome], str]
FORMATS: dict[str, Reporter] = {"text": text, "json": json_report, "github": github, "sarif": sarif}

__all__ = ["FORMATS", "Outcome", "Reporter", "count", "fails"]
