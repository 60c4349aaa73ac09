"""The result stored in an evaluation file: the one way `score --write` and `sheet import` write it.

Files are edited with ruamel.yaml round-trip, so comments, key order and quoting stay; only the figures that
differ from the computed ones are rewritten, each as the exact decimal zsht computed (89.60, 3850.00).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap

from ..roundtrip import dumped, round_trip
from ..staging import write_all
from .scores import ComputedResult
from .year import YearResults


def put_result(data: CommentedMap, computed: ComputedResult) -> bool:
    """Store `computed` as an evaluation's `result` (round-trip data, edited in place); say whether it changed.

    A missing `result` is made where the schema puts it, just before `status`; a figure already equal to the
    computed one is left as it is written (94 stays 94 rather than becoming 94.00)."""
    changed = False
    result = data.get("result")
    if not isinstance(result, dict):
        result = CommentedMap()
        if "status" in data:
            data.insert(list(data).index("status"), "result", result)
        else:
            data["result"] = result
        changed = True
    for key, value in (("performance", computed.performance), ("government", computed.government),
                       ("grade", computed.grade), ("settlement", computed.settlement)):
        if not _same(result.get(key), value):
            result[key] = value
            changed = True
    return changed


def _same(old: Any, new: Decimal | str) -> bool:
    if isinstance(new, str):
        return isinstance(old, str) and old == new
    if isinstance(old, bool) or not isinstance(old, int | float | Decimal):
        return False
    return Decimal(str(old)) == new


@dataclass
class Stored:
    """What `score --write` did: files written, results already right, and finalized ones it may not rewrite."""

    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    frozen: list[str] = field(default_factory=list)  # 已评定/已公示 whose stored result disagrees: never rewritten


def store_results(root: Path, results: YearResults) -> Stored:
    """Write each draft's computed result into its evaluation file, all or nothing. A finalized evaluation is
    frozen (its result was stored when it was finalized): one that disagrees is listed, not rewritten."""
    outcome, contents = Stored(), {}
    for row in results.rows + results.drafts:
        if row.stored_matches:
            outcome.unchanged += 1
            continue
        if row.status != "草稿":
            outcome.frozen.append(row.evaluation_file)
            continue
        path = root / row.evaluation_file
        yaml, data = round_trip(path.read_text(encoding="utf-8-sig"))
        put_result(data, row.computed)
        contents[row.evaluation_file] = dumped(yaml, data)
    # All or nothing even if the process is killed: staged and journaled like sign and draft.
    outcome.written = write_all(root, contents)
    return outcome
