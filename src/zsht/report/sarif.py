"""`--format sarif`: SARIF 2.1.0 for code-scanning dashboards."""

from __future__ import annotations

import json

from .. import __version__
from ..ruletable import RULES
from ..validate import Validation

_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def sarif(result: Validation) -> str:
    """The findings as one SARIF run, with every rule of the table described."""
    rules = [
        {"id": rule.id, "name": rule.title, "shortDescription": {"text": rule.title},
         "fullDescription": {"text": rule.description},
         "defaultConfiguration": {"level": _LEVEL[rule.severity.value]}}
        for rule in RULES.values()
    ]
    index = {rule_id: position for position, rule_id in enumerate(RULES)}
    results = []
    for f in result.findings:
        message = f.message + (f"（{f.hint}）" if f.hint else "")
        results.append({
            "ruleId": f.rule, "ruleIndex": index[f.rule], "level": _LEVEL[f.severity.value],
            "message": {"text": message},
            "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": f.file, "uriBaseId": "%SRCROOT%"},
                "region": {"startLine": f.line or 1, "startColumn": f.column or 1},
            }}],
        })
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{"tool": {"driver": {"name": "zsht", "version": __version__, "rules": rules}},
                  "results": results}],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
