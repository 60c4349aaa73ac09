"""git as the audit trail: record-level diffs, the history of one record, and the audit of signed records.

Records are matched by kind and id (catalog items within their catalog year), never by file or position,
so moving, reordering or re-commenting YAML is no change. History is read through one `git log` stream and
one `git cat-file --batch` process.
"""

from __future__ import annotations

from .audit import Audit, audit_county
from .diff import CountyDiff, diff_county
from .record import record_history

__all__ = ["Audit", "CountyDiff", "audit_county", "diff_county", "record_history"]
