"""manifest.json: every output with its sha256, the record files it came from, and the inputs' commit."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import __version__
from ..write import write_atomic
from .batch import BatchResult

MANIFEST = "manifest.json"


@dataclass(frozen=True)
class Inputs:
    """The git state of the county repository: its commit, and whether the work tree differs from it."""

    commit: str | None
    dirty: bool


def git_inputs(root: Path) -> Inputs:
    """HEAD and the work tree's state, from the one git runner; no commit when `root` is not in a repository."""
    from ..history.git import head_state

    return Inputs(*head_state(root))


def write_manifest(result: BatchResult, inputs: Inputs) -> Path:
    """Write (or update) manifest.json in the output folder; entries of earlier batches whose files
    still exist are kept, so one folder can hold agreements and notices alike."""
    path = result.out_dir / MANIFEST
    outputs: dict[str, dict[str, Any]] = {}
    if path.is_file():
        try:
            earlier = json.loads(path.read_text(encoding="utf-8"))
            for entry in earlier.get("outputs", []):
                if (result.out_dir / entry["path"]).is_file():
                    outputs[entry["path"]] = entry
        except (ValueError, KeyError, TypeError, AttributeError):
            outputs = {}
    for outcome in result.outcomes:
        if outcome.status != "failed":
            outputs[outcome.job.output] = {
                "path": outcome.job.output, "sha256": outcome.sha256, "sources": list(outcome.job.sources),
                "commit": inputs.commit, "dirty": inputs.dirty,
            }
    failed = [{"record": s.label, "sources": list(s.sources), "reason": s.reason} for s in result.skipped]
    failed += [{"record": o.job.output, "sources": list(o.job.sources), "reason": o.reason}
               for o in result.outcomes if o.status == "failed"]
    manifest = {
        "generator": f"zsht {__version__}",
        "inputs": {"commit": inputs.commit, "dirty": inputs.dirty},
        "outputs": [outputs[key] for key in sorted(outputs)],
        "failed": failed,
    }
    data = (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    if not (path.is_file() and path.read_bytes() == data):
        write_atomic(path, data)
    return path
