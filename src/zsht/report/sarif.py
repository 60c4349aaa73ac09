"""`--format sarif`: SARIF 2.1.0 for code-scanning dashboards."""

from __future__ import annotations

import json

from .. import __version__
from ..findings import Finding
from ..ruletable import RULES
from .outcome import Outcome

_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _location(file: str, line: int | None, column: int | None) -> dict[str, object]:
    return {"physicalLocation": {"artifactLocation": {"uri": file, "uriBaseId": "%SRCROOT%"},
                                 "region": {"startLine": line or 1, "startColumn": column or 1}}}


def _extra(f: Finding) -> dict[str, object]:
    """What a kind of finding adds to the JSON keys every finding has (an audit's: the commit, its author …)."""
    common = Finding.as_dict(f)
    return {key: value for key, value in f.as_dict().items() if key not in common}


def sarif(result: Outcome) -> str:
    """The findings as one SARIF run, with every rule of the table described; an echo carries its cause as
    a related location, and a finding with keys of its own (an audit's commit) carries them as properties."""
    rules = [
        {"id": rule.id, "name": rule.title, "shortDescription": {"text": rule.title},
         "fullDescription": {"text": rule.description},
         "defaultConfiguration": {"level": _LEVEL[rule.severity.value]}}
        for rule in RULES.values()
    ]
    index = {rule_id: position for position, rule_id in enumerate(RULES)}
    causes = {f"{f.where} {f.rule}": f for f in result.findings}
    results = []
    for f in result.findings:
        message = f.message + (f"（{f.hint}）" if f.hint else "") + (f"（由 {f.caused_by} 引起）" if f.caused_by else "")
        entry: dict[str, object] = {
            "ruleId": f.rule, "ruleIndex": index[f.rule], "level": _LEVEL[f.severity.value],
            "message": {"text": message},
            "locations": [_location(f.file, f.line, f.column)],
        }
        if f.caused_by and f.cause:
            cause = causes.get(f.caused_by)
            where = _location(cause.file, cause.line, cause.column) if cause else _location(f.cause.file, None, None)
            entry["relatedLocations"] = [{"id": 0, "message": {"text": f"原因：{f.caused_by}"}, **where}]
        if extra := _extra(f):
            entry["properties"] = extra
        results.append(entry)
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{"tool": {"driver": {"name": "zsht", "version": __version__, "rules": rules}},
                  "results": results}],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
