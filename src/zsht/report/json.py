"""`--format json`: a list of findings."""

from __future__ import annotations

import json

from .outcome import Outcome


def json_report(result: Outcome) -> str:
    """The findings as a JSON list with keys rule, severity, file, line, column, message, hint and caused_by
    (`file:line:column rule` of the finding this one only echoes, or null)."""
    return json.dumps([f.as_dict() for f in result.findings], ensure_ascii=False, indent=2) + "\n"
